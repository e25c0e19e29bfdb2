"""Building the sympy expression of a tree, for the symbolic confirmation.

Only trees that passed ``limits.check_cost`` come here, so no constant sympy
would evaluate eagerly is large. sympy is imported inside the functions:
importing it costs about half a second, which ``prep`` must not pay at
start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from interview_cli.checking.expr import BinOp, Call, Constant, Name, Neg, Node, Number
from interview_cli.checking.symbols import Domain, Symbol

_ASSUMPTIONS: dict[Domain, dict[str, bool]] = {
    Domain.REAL: {"real": True},
    Domain.POSITIVE: {"positive": True},
    # sympy cannot state "below 1"; positivity alone already lets it merge
    # logarithms and roots the way the domain allows.
    Domain.UNIT_INTERVAL: {"positive": True},
    Domain.POSITIVE_INTEGER: {"integer": True, "positive": True},
    Domain.BINARY: {"integer": True, "nonnegative": True},
}


def sympy_symbols(symbols: Sequence[Symbol]) -> dict[str, Any]:
    """A sympy symbol for each question symbol, with its domain's assumptions."""
    import sympy

    return {s.name: sympy.Symbol(s.name, **_ASSUMPTIONS[s.domain]) for s in symbols}


def to_sympy(node: Node, table: dict[str, Any]) -> Any:
    """The sympy expression of ``node``, with names looked up in ``table``."""
    import sympy

    if isinstance(node, Number):
        return sympy.Rational(node.value.numerator, node.value.denominator)
    if isinstance(node, Name):
        return table[node.name]
    if isinstance(node, Constant):
        return sympy.E if node.name == "e" else sympy.pi
    if isinstance(node, Neg):
        return -to_sympy(node.operand, table)
    if isinstance(node, Call):
        return _call(node.func, to_sympy(node.arg, table))
    return _binary(node, to_sympy(node.left, table), to_sympy(node.right, table))


def _binary(node: BinOp, left: Any, right: Any) -> Any:
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    if node.op == "/":
        return left / right
    return left**right


def _call(func: str, arg: Any) -> Any:
    import sympy

    if func == "sigmoid":
        return 1 / (1 + sympy.exp(-arg))
    function = {
        "log": sympy.log,
        "exp": sympy.exp,
        "sqrt": sympy.sqrt,
        "sin": sympy.sin,
        "cos": sympy.cos,
        "tan": sympy.tan,
        "tanh": sympy.tanh,
        "abs": sympy.Abs,
        "sign": sympy.sign,
    }[func]
    return function(arg)
