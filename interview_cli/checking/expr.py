"""The small expression tree an answer is read into, and the error for bad input.

The tree is ours rather than sympy's so that reading an answer never runs
sympy (whose parsers call ``eval``) and so that its size can be bounded
before anything expensive is built from it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Literal, TypeAlias

from interview_cli.records import Record

BinaryOp: TypeAlias = Literal["+", "-", "*", "/", "^"]
FunctionName: TypeAlias = Literal[
    "log", "exp", "sqrt", "sin", "cos", "tan", "tanh", "sigmoid", "abs", "sign"
]
ConstantName: TypeAlias = Literal["e", "pi"]


class AnswerSyntaxError(ValueError):
    """An answer that cannot be read; ``position`` indexes the original text."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


def column(pos: int) -> int:
    """The 1-based column people count in, for a 0-based index."""
    return pos + 1


# ``pos`` is where the node starts in the learner's text, kept for error
# messages; it takes no part in equality so trees compare by meaning.


class Number(Record, kw_only=False, not_compared=("pos",)):
    """A numeric literal, kept exact, with the text it was typed as."""

    value: Fraction
    text: str
    pos: int = 0


class Name(Record, kw_only=False, not_compared=("pos",)):
    """A reference to one of the question's symbols, by canonical name."""

    name: str
    pos: int = 0


class Constant(Record, kw_only=False, not_compared=("pos",)):
    """Euler's number or pi."""

    name: ConstantName
    pos: int = 0


class Neg(Record, kw_only=False, not_compared=("pos",)):
    """Unary minus."""

    operand: Node
    pos: int = 0


class BinOp(Record, kw_only=False, not_compared=("pos",)):
    """A binary operation; ``^`` is a power."""

    op: BinaryOp
    left: Node
    right: Node
    pos: int = 0


class Call(Record, kw_only=False, not_compared=("pos",)):
    """One of the allowed functions applied to one argument."""

    func: FunctionName
    arg: Node
    pos: int = 0


Node: TypeAlias = Number | Name | Constant | Neg | BinOp | Call


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-expressions of ``node``."""
    if isinstance(node, Neg):
        return (node.operand,)
    if isinstance(node, BinOp):
        return (node.left, node.right)
    if isinstance(node, Call):
        return (node.arg,)
    return ()


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, without recursion (trees may be deep)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(children(current))


def depth(node: Node) -> int:
    """The number of nodes on the longest path from ``node`` to a leaf."""
    deepest = 0
    stack = [(node, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children(current))
    return deepest


def names(node: Node) -> frozenset[str]:
    """The canonical names of the symbols ``node`` uses."""
    return frozenset(n.name for n in walk(node) if isinstance(n, Name))


def substitute(node: Node, values: Mapping[str, Node]) -> Node:
    """``node`` with every symbol named in ``values`` replaced by its tree.

    Used on the bank's own formulas (small, trusted), so plain recursion is
    fine here.
    """
    if isinstance(node, Name):
        return values.get(node.name, node)
    if isinstance(node, Neg):
        return Neg(substitute(node.operand, values), node.pos)
    if isinstance(node, BinOp):
        return BinOp(
            node.op,
            substitute(node.left, values),
            substitute(node.right, values),
            node.pos,
        )
    if isinstance(node, Call):
        return Call(node.func, substitute(node.arg, values), node.pos)
    return node
