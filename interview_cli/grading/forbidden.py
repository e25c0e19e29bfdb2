"""Built-ins that would answer a question for the learner, and finding them in source.

Each entry has the name CONTRACT.md uses (what a ``forbidden`` verdict
reports) and every dotted path where torch exposes the same callable. The
source check below reads the file with ``ast`` before anything runs; the
harness replaces the same paths at run time, which catches what the source
hides (``getattr(F, "scaled_dot_" + "product_attention")``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Forbidden:
    """One forbidden built-in and the places it can be reached."""

    name: str  # as CONTRACT.md writes it, e.g. "F.scaled_dot_product_attention"
    paths: tuple[str, ...]
    method: str | None = None  # a Tensor method: any ``x.<method>`` counts

    def payload(self) -> dict[str, object]:
        return {"name": self.name, "paths": list(self.paths)}


def _f(name: str, *paths: str, method: str | None = None) -> Forbidden:
    return Forbidden(name, paths, method)


def _ops(*names: str) -> tuple[str, ...]:
    """The dispatcher's route to operators: ``torch.ops.aten.X``.

    It reaches the same kernel as the public function under a name that a
    string built at run time hides from the source check. (The C binding,
    ``torch._C._VariableFunctions``, cannot be patched: that route stays
    open, which is why the guard is a tripwire and not a wall.)
    """
    return tuple(f"torch.ops.aten.{name}" for name in names)


ATTENTION = (
    _f(
        "F.scaled_dot_product_attention",
        "torch.nn.functional.scaled_dot_product_attention",
        "torch._C._nn.scaled_dot_product_attention",
        *_ops(
            "scaled_dot_product_attention",
            "_scaled_dot_product_attention_math",
            "_scaled_dot_product_flash_attention",
            "_scaled_dot_product_flash_attention_for_cpu",
            "_scaled_dot_product_efficient_attention",
        ),
    ),
    _f("nn.MultiheadAttention", "torch.nn.MultiheadAttention"),
    _f(
        "F.multi_head_attention_forward",
        "torch.nn.functional.multi_head_attention_forward",
    ),
)

_OPTIMIZER_CLASSES = [
    "SGD",
    "Adam",
    "AdamW",
    "Adagrad",
    "RMSprop",
    "Adadelta",
    "Adamax",
    "NAdam",
    "RAdam",
    "ASGD",
    "Rprop",
    "LBFGS",
    "SparseAdam",
    "Adafactor",
]
_FUNCTIONAL_UPDATES = "sgd adam adamw adagrad rmsprop adadelta adamax nadam radam"

OPTIMIZERS = (
    *(_f(f"torch.optim.{c}", f"torch.optim.{c}") for c in _OPTIMIZER_CLASSES),
    _f(
        "torch.optim functional updates",
        "torch.optim._functional",
        *(f"torch.optim._functional.{u}" for u in _FUNCTIONAL_UPDATES.split()),
        *(f"torch.optim.{u}.{u}" for u in _FUNCTIONAL_UPDATES.split()),
    ),
    *(
        # Not their torch.ops.aten names: torch.optim's own set-up reads
        # those packets' attributes, and a stand-in there breaks every class.
        _f(f"torch.{fused}", f"torch.{fused}")
        for fused in ("_fused_sgd_", "_fused_adam_", "_fused_adamw_", "_fused_adagrad_")
    ),
)

BCE = (
    _f(
        "F.binary_cross_entropy",
        "torch.nn.functional.binary_cross_entropy",
        "torch._C._nn.binary_cross_entropy",
        *_ops("binary_cross_entropy"),
    ),
    _f(
        "F.binary_cross_entropy_with_logits",
        "torch.nn.functional.binary_cross_entropy_with_logits",
        "torch.binary_cross_entropy_with_logits",
        *_ops("binary_cross_entropy_with_logits"),
    ),
    _f("nn.BCELoss", "torch.nn.BCELoss"),
    _f("nn.BCEWithLogitsLoss", "torch.nn.BCEWithLogitsLoss"),
)

CROSS_ENTROPY = (
    _f(
        "F.cross_entropy",
        "torch.nn.functional.cross_entropy",
        "torch._C._nn.cross_entropy_loss",
        *_ops("cross_entropy_loss"),
    ),
    _f(
        "F.nll_loss",
        "torch.nn.functional.nll_loss",
        "torch._C._nn.nll_loss",
        "torch._C._nn.nll_loss_nd",
        *_ops("nll_loss", "nll_loss_nd", "nll_loss2d", "nll_loss_forward"),
    ),
    _f("F.log_softmax", "torch.nn.functional.log_softmax"),
    _f(
        "torch.log_softmax",
        "torch.log_softmax",
        "torch._log_softmax",
        "torch.special.log_softmax",
        *_ops("log_softmax", "_log_softmax", "special_log_softmax"),
    ),
    _f("Tensor.log_softmax", "torch.Tensor.log_softmax", method="log_softmax"),
    _f("nn.CrossEntropyLoss", "torch.nn.CrossEntropyLoss"),
    _f("nn.NLLLoss", "torch.nn.NLLLoss"),
    _f("nn.LogSoftmax", "torch.nn.LogSoftmax"),
)

_DROPOUT_FUNCTIONS = (
    "dropout dropout1d dropout2d dropout3d alpha_dropout feature_alpha_dropout"
)
_DROPOUT_CLASSES = (
    "Dropout Dropout1d Dropout2d Dropout3d AlphaDropout FeatureAlphaDropout"
)
_DROPOUT_OPS = (
    "dropout dropout_ alpha_dropout alpha_dropout_ feature_dropout feature_dropout_ "
    "feature_alpha_dropout feature_alpha_dropout_ native_dropout _fused_dropout"
)

DROPOUT = (
    *(_f(f"F.{n}", f"torch.nn.functional.{n}") for n in _DROPOUT_FUNCTIONS.split()),
    *(_f(f"nn.{n}", f"torch.nn.{n}") for n in _DROPOUT_CLASSES.split()),
    *(_f(f"torch.{n}", f"torch.{n}", *_ops(n)) for n in _DROPOUT_OPS.split()),
)


# ------------------------------------------------------------ source check


def find_forbidden(source: str, forbidden: Iterable[Forbidden]) -> str | None:
    """The name of the first forbidden built-in the source refers to, or None.

    Raises SyntaxError when the source does not parse.
    """
    entries = tuple(forbidden)
    if not entries:
        return None
    tree = ast.parse(source)
    aliases = _aliases(tree)
    for reference in _references(tree, aliases):
        hit = _match(reference, entries)
        if hit is not None:
            return hit
    return None


def _aliases(tree: ast.AST) -> dict[str, str]:
    """Local names bound by imports, mapped to the dotted names they stand for."""
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for item in node.names:
                if item.asname:
                    aliases[item.asname] = item.name
                else:
                    top = item.name.partition(".")[0]
                    aliases[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for item in node.names:
                aliases[item.asname or item.name] = f"{node.module}.{item.name}"
    return aliases


def _references(tree: ast.AST, aliases: dict[str, str]) -> Iterator[str]:
    """Dotted names the source mentions, with import aliases expanded.

    Also yields ``.<attr>`` for every attribute access (to catch Tensor
    methods) and ``"<text>"`` for string constants passed to ``getattr``.
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield from (f"{node.module}.{item.name}" for item in node.names)
        elif isinstance(node, ast.Import):
            yield from (item.name for item in node.names)
        elif isinstance(node, ast.Attribute):
            dotted = _dotted(node, aliases)
            if dotted is not None:
                yield dotted
            yield f".{node.attr}"
        elif isinstance(node, ast.Call) and _is_getattr(node):
            text = node.args[1]
            if isinstance(text, ast.Constant) and isinstance(text.value, str):
                yield f'"{text.value}"'


def _dotted(node: ast.Attribute, aliases: dict[str, str]) -> str | None:
    parts: list[str] = []
    current: ast.expr = node
    while isinstance(current, ast.Attribute):
        parts.append(current.attr)
        current = current.value
    if not isinstance(current, ast.Name) or current.id not in aliases:
        return None
    return ".".join([aliases[current.id], *reversed(parts)])


def _is_getattr(node: ast.Call) -> bool:
    func = node.func
    return isinstance(func, ast.Name) and func.id == "getattr" and len(node.args) >= 2


def _match(reference: str, entries: tuple[Forbidden, ...]) -> str | None:
    for entry in entries:
        if reference.startswith("."):
            if entry.method is not None and reference == f".{entry.method}":
                return entry.name
            continue
        if reference.startswith('"'):
            leaves = {path.rpartition(".")[2] for path in entry.paths}
            if reference.strip('"') in leaves:
                return entry.name
            continue
        if any(reference == p or reference.startswith(p + ".") for p in entry.paths):
            return entry.name
    return None
