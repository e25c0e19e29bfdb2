"""The source check names forbidden built-ins however the file spells them."""

from __future__ import annotations

import pytest

from interview_cli.grading import forbidden
from interview_cli.grading.forbidden import find_forbidden


@pytest.mark.parametrize(
    ("source", "name"),
    [
        pytest.param(
            "import torch.nn.functional as F\nF.scaled_dot_product_attention(q, k, v)",
            "F.scaled_dot_product_attention",
            id="module-alias",
        ),
        pytest.param(
            "import torch\ntorch.nn.functional.scaled_dot_product_attention(q, k, v)",
            "F.scaled_dot_product_attention",
            id="full-path",
        ),
        pytest.param(
            "from torch.nn import functional as fn\nfn.scaled_dot_product_attention",
            "F.scaled_dot_product_attention",
            id="from-import-alias",
        ),
        pytest.param(
            "from torch.nn.functional import scaled_dot_product_attention as s",
            "F.scaled_dot_product_attention",
            id="imported-name",
        ),
        pytest.param(
            "import torch.nn.functional as F\n"
            "getattr(F, 'scaled_dot_product_attention')",
            "F.scaled_dot_product_attention",
            id="getattr-literal",
        ),
        pytest.param(
            "from torch import nn\nnn.MultiheadAttention(8, 2)",
            "nn.MultiheadAttention",
            id="module-class",
        ),
        pytest.param(
            "import torch\ntorch.ops.aten.scaled_dot_product_attention(q, k, v)",
            "F.scaled_dot_product_attention",
            id="aten-op",
        ),
    ],
)
def test_attention_shortcuts_are_found(source: str, name: str) -> None:
    assert find_forbidden(source, forbidden.ATTENTION) == name


def test_tensor_method_is_found_on_any_object() -> None:
    source = "def f(x):\n    return x.log_softmax(1)"
    assert find_forbidden(source, forbidden.CROSS_ENTROPY) == "Tensor.log_softmax"


def test_subclassing_torch_optimizer_is_found() -> None:
    source = "import torch\nclass Adam(torch.optim.Adam):\n    pass"
    assert find_forbidden(source, forbidden.OPTIMIZERS) == "torch.optim.Adam"


@pytest.mark.parametrize(
    ("source", "rules"),
    [
        pytest.param(
            "def scaled_dot_product_attention(q, k, v, mask=None):\n    return q",
            forbidden.ATTENTION,
            id="own-function-of-same-name",
        ),
        pytest.param(
            "import torch\nclass Adam(torch.optim.Optimizer):\n    pass",
            forbidden.OPTIMIZERS,
            id="optimizer-base-class",
        ),
        pytest.param(
            "import torch\ndef f(z):\n    return torch.logsumexp(z, 1) - z.softmax(1)",
            forbidden.CROSS_ENTROPY,
            id="allowed-softmax-and-logsumexp",
        ),
        pytest.param(
            "import torch\ndef dropout(x, p):\n    return x * torch.bernoulli(x)",
            forbidden.DROPOUT,
            id="bernoulli",
        ),
    ],
)
def test_allowed_code_is_not_flagged(
    source: str, rules: tuple[forbidden.Forbidden, ...]
) -> None:
    assert find_forbidden(source, rules) is None


def test_unparsable_source_raises_syntax_error() -> None:
    with pytest.raises(SyntaxError):
        find_forbidden("def f(:\n", forbidden.ATTENTION)
