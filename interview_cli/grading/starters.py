"""Starter files for code questions: imports, signature, docstring, no answer."""

from __future__ import annotations

_FUNCTION_HEADER = "import torch\n\n\n"
_MODULE_HEADER = "import torch\nfrom torch import nn\n\n\n"

_STARTERS: dict[str, str] = {
    "attention.scaled-dot-product": '''
def scaled_dot_product_attention(q, k, v, mask=None):
    """Scaled dot-product attention.

    q: (..., L_q, d_k), k: (..., L_k, d_k), v: (..., L_k, d_v); any number
    of leading batch dimensions, including none.
    mask: None, or a tensor that broadcasts to (..., L_q, L_k), bool or 0/1.
    False/0 means the query may not look at that key. No row is blocked
    entirely.

    Returns (output, weights):
    weights = softmax(q @ kᵀ / sqrt(d_k)) over the keys, shape (..., L_q, L_k)
    output = weights @ v, shape (..., L_q, d_v)

    Keep the inputs' dtype, keep autograd working, and leave q, k, v and
    mask unchanged. F.scaled_dot_product_attention, nn.MultiheadAttention
    and F.multi_head_attention_forward are not allowed.
    """
    raise NotImplementedError
''',
    "attention.multi-head": '''
class MultiHeadAttention(nn.Module):
    """Multi-head attention with four projections: w_q, w_k, w_v, w_o.

    Each projection must be nn.Linear(d_model, d_model) with a bias: the
    grader writes its own weights into them. With d_k = d_model // num_heads,
    head h works on features [h*d_k, (h+1)*d_k) of each projection.
    """

    def __init__(self, d_model, num_heads):
        super().__init__()
        raise NotImplementedError

    def forward(self, query, key, value, mask=None):
        """query: (B, L_q, d_model); key, value: (B, L_k, d_model).

        mask: None, (B, L_q, L_k) or (B, 1, L_q, L_k), bool or 0/1, with
        False/0 blocking a position; every head uses the same mask.
        Returns w_o(concat(heads)), shape (B, L_q, d_model). No dropout.
        """
        raise NotImplementedError
''',
    "attention.positional-encoding": '''
def sinusoidal_positional_encoding(max_len, d_model):
    """The sinusoidal position table, shape (max_len, d_model).

    Positions run 0 .. max_len - 1 and d_model is even. For each pair of
    columns 2i and 2i+1, the angle is pos / 10000**(2i / d_model):
    column 2i holds its sine and column 2i+1 its cosine.
    """
    raise NotImplementedError
''',
    "optimizers.momentum": '''
class SGDMomentum(torch.optim.Optimizer):
    """SGD with momentum: v <- momentum*v + lr*g, then w <- w - v (v starts at 0).

    Keep lr and momentum in each param group (groups may override them),
    per-parameter state in self.state, and skip parameters whose .grad is
    None. torch.optim's own optimizers are not allowed.
    """

    def __init__(self, params, lr, momentum=0.9):
        raise NotImplementedError

    @torch.no_grad()
    def step(self, closure=None):
        """Update each parameter once; run closure (grad enabled), return its loss."""
        raise NotImplementedError
''',
    "optimizers.adagrad": '''
class Adagrad(torch.optim.Optimizer):
    """Adagrad: G <- G + g**2, then w <- w - lr*g / (sqrt(G) + eps).

    Keep lr and eps in each param group, per-parameter state in self.state,
    and skip parameters whose .grad is None. torch.optim's own optimizers
    are not allowed.
    """

    def __init__(self, params, lr=1e-2, eps=1e-10):
        raise NotImplementedError

    @torch.no_grad()
    def step(self, closure=None):
        """Update each parameter once; run closure (grad enabled), return its loss."""
        raise NotImplementedError
''',
    "optimizers.rmsprop": '''
class RMSprop(torch.optim.Optimizer):
    """RMSprop: E <- alpha*E + (1 - alpha)*g**2, then w <- w - lr*g / sqrt(E + eps).

    (eps outside the root, sqrt(E) + eps, is accepted too.) Keep lr, alpha
    and eps in each param group, per-parameter state in self.state, and skip
    parameters whose .grad is None. torch.optim's own optimizers are not
    allowed.
    """

    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8):
        raise NotImplementedError

    @torch.no_grad()
    def step(self, closure=None):
        """Update each parameter once; run closure (grad enabled), return its loss."""
        raise NotImplementedError
''',
    "optimizers.adam": '''
class Adam(torch.optim.Optimizer):
    """Adam with bias correction.

    m <- b1*m + (1 - b1)*g;  v <- b2*v + (1 - b2)*g**2
    m_hat = m / (1 - b1**t);  v_hat = v / (1 - b2**t)
    w <- w - lr * m_hat / (sqrt(v_hat) + eps)
    t counts each parameter's own updates, starting at 1. Keep lr, betas
    and eps in each param group, per-parameter state in self.state, and
    skip parameters whose .grad is None. torch.optim's own optimizers are
    not allowed.
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        raise NotImplementedError

    @torch.no_grad()
    def step(self, closure=None):
        """Update each parameter once; run closure (grad enabled), return its loss."""
        raise NotImplementedError
''',
    "optimizers.adamw": '''
class AdamW(torch.optim.Optimizer):
    """Adam with decoupled weight decay: w <- w - lr*weight_decay*w, besides Adam.

    The decay may come before or after the Adam step, but it is not added
    to the gradient. Keep lr, betas, eps and weight_decay in each param
    group, per-parameter state in self.state, and skip parameters whose
    .grad is None. torch.optim's own optimizers are not allowed.
    """

    def __init__(
        self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2
    ):
        raise NotImplementedError

    @torch.no_grad()
    def step(self, closure=None):
        """Update each parameter once; run closure (grad enabled), return its loss."""
        raise NotImplementedError
''',
    "losses.bce": '''
def binary_cross_entropy(p, y):
    """Mean binary cross-entropy, -[y log p + (1 - y) log(1 - p)], as a 0-dim tensor.

    p holds probabilities within [1e-6, 1 - 1e-6]; y holds labels in [0, 1]
    (soft labels included). Keep autograd working and leave p and y
    unchanged. The torch BCE functions and modules are not allowed.
    """
    raise NotImplementedError
''',
    "losses.bce-with-logits": '''
def binary_cross_entropy_with_logits(z, y):
    """Mean binary cross-entropy of sigmoid(z) against y, as a 0-dim tensor.

    It must stay finite and accurate, gradients included, for any finite
    logit z, even |z| = 1e4. y holds labels in [0, 1]. The torch BCE
    functions and modules are not allowed.
    """
    raise NotImplementedError
''',
    "losses.cross-entropy": '''
def cross_entropy(logits, target):
    """Mean of -log softmax(logits)[target] over the batch, as a 0-dim tensor.

    logits: (N, C); target: (N,) int64 class ids. It must stay finite and
    accurate for logits up to 1e4 in magnitude. F.cross_entropy,
    F.nll_loss, log_softmax in any form, nn.CrossEntropyLoss, nn.NLLLoss
    and nn.LogSoftmax are not allowed.
    """
    raise NotImplementedError
''',
    "regularization.dropout": '''
def dropout(x, p, training=True):
    """Inverted dropout.

    While training, zero each element independently with probability p
    and multiply the others by 1 / (1 - p). With training=False, return
    x's values unchanged. p = 0 keeps everything; p = 1 zeros everything
    (without NaN). The torch dropout functions and modules are not allowed.
    """
    raise NotImplementedError
''',
    "regularization.early-stopping": '''
class EarlyStopping:
    """Say when to stop training after `patience` epochs without improvement.

    best starts at +infinity. An epoch improves when val_loss < best -
    min_delta: best becomes val_loss and the count goes back to 0.
    Otherwise the count grows by one. step returns count >= patience.
    """

    def __init__(self, patience=5, min_delta=0.0):
        raise NotImplementedError

    def step(self, val_loss):
        """Record one epoch's validation loss; return True when training should stop."""
        raise NotImplementedError
''',
}

_MODULE_QUESTIONS = {"attention.multi-head"}


def starter(question_id: str) -> str:
    """The starter file for a code question; KeyError for any other id."""
    body = _STARTERS[question_id].lstrip("\n")
    if question_id == "regularization.early-stopping":
        return "import math\n\n\n" + body
    header = _MODULE_HEADER if question_id in _MODULE_QUESTIONS else _FUNCTION_HEADER
    return header + body
