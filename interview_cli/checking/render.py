"""Writing an expression tree back out as one line of text.

Two styles: Unicode for people ("interpreted as β₁ᵗ/(1 − β₁)"), and plain
ASCII in canonical names for JSON and scripts (``1 - beta_1**t``). Brackets
appear only where leaving them out would change how the line reads back.
"""

# Unicode letters and operators are what this module is about, so ruff's
# warnings about characters that look like ASCII ones do not apply here.
# ruff: noqa: RUF001, RUF002, RUF003

from __future__ import annotations

from interview_cli.checking.expr import BinOp, Call, Constant, Name, Neg, Node, Number
from interview_cli.checking.lexicon import pretty_name, superscript

_SUM, _PRODUCT, _SIGNED, _POWER, _ATOM = range(1, 6)


def to_unicode(node: Node) -> str:
    """``node`` as a person would write it: ``2·λ·wᵢ``, ``1/√dₖ``."""
    return _Renderer(fancy=True).render(node)


def to_ascii(node: Node) -> str:
    """``node`` in ASCII and canonical names: ``1 - beta_1**t``."""
    return _Renderer(fancy=False).render(node)


def _precedence(node: Node) -> int:
    if isinstance(node, Neg):
        return _SIGNED
    if isinstance(node, BinOp):
        return {"+": _SUM, "-": _SUM, "*": _PRODUCT, "/": _PRODUCT}.get(node.op, _POWER)
    return _ATOM


def _starts_with_minus(node: Node) -> bool:
    if isinstance(node, Neg):
        return True
    if isinstance(node, BinOp) and node.op != "^":
        return _starts_with_minus(node.left)
    return False


class _Renderer:
    def __init__(self, *, fancy: bool) -> None:
        self.fancy = fancy
        self.minus = "−" if fancy else "-"

    def render(self, node: Node) -> str:
        if isinstance(node, Number):
            return node.text
        if isinstance(node, Name):
            return pretty_name(node.name) if self.fancy else node.name
        if isinstance(node, Constant):
            if node.name == "pi":
                return "π" if self.fancy else "pi"
            return "e" if self.fancy else "exp(1)"
        if isinstance(node, Neg):
            wrap = _precedence(node.operand) < _PRODUCT or _starts_with_minus(
                node.operand
            )
            return self.minus + self.wrapped(node.operand, wrap)
        if isinstance(node, Call):
            return self.call(node)
        if node.op == "^":
            return self.power(node)
        return self.binary(node)

    def wrapped(self, node: Node, wrap: bool) -> str:
        text = self.render(node)
        return f"({text})" if wrap else text

    def binary(self, node: BinOp) -> str:
        level = _precedence(node)
        right_level = _precedence(node.right)
        # Subtraction and division are not associative: a − (b − c) and
        # a/(b·c) keep their brackets, a + (b + c) and a·(b·c) need none.
        strict = node.op in ("-", "/")
        wrap_right = (
            right_level < level
            or (strict and right_level == level)
            or _starts_with_minus(node.right)
        )
        left = self.wrapped(node.left, _precedence(node.left) < level)
        right = self.wrapped(node.right, wrap_right)
        if node.op == "+":
            return f"{left} + {right}"
        if node.op == "-":
            return f"{left} {self.minus} {right}"
        if node.op == "*":
            return f"{left}{'·' if self.fancy else '*'}{right}"
        return f"{left}/{right}"

    def power(self, node: BinOp) -> str:
        if isinstance(node.left, Constant) and node.left.name == "e" and not self.fancy:
            return f"exp({self.render(node.right)})"
        base = self.wrapped(node.left, _precedence(node.left) <= _POWER)
        raised = self.superscripted(node.right) if self.fancy else None
        if raised is not None:
            return base + raised
        wrap = _precedence(node.right) < _POWER
        return base + ("^" if self.fancy else "**") + self.wrapped(node.right, wrap)

    def superscripted(self, exponent: Node) -> str | None:
        if isinstance(exponent, Neg):
            inner = self.superscripted(exponent.operand)
            return None if inner is None else "⁻" + inner
        if isinstance(exponent, Number) and exponent.text.isdigit():
            return superscript(exponent.text)
        if isinstance(exponent, Name):
            return superscript(pretty_name(exponent.name))
        return None

    def call(self, node: Call) -> str:
        arg = self.render(node.arg)
        if not self.fancy:
            return f"{node.func}({arg})"
        if node.func == "abs":
            return f"|{arg}|"
        if node.func == "sqrt":
            simple = isinstance(node.arg, Name | Number | Constant)
            return "√" + (arg if simple else f"({arg})")
        name = "σ" if node.func == "sigmoid" else node.func
        return f"{name}({arg})"
