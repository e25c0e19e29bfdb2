"""Bounds on what an answer may cost, checked before anything is evaluated.

sympy evaluates numeric powers eagerly and exactly: ``9**9**9`` or
``2**10**10**10`` would run for minutes and then exhaust memory. So every
answer is measured first (length, nesting, literal sizes, the size of each
constant sub-expression) and refused with a position when it is too big.
The symbolic step also runs under a timer, as a backstop for whatever these
checks do not foresee.
"""

from __future__ import annotations

import cmath
import math
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import cast

from interview_cli.checking.expr import (
    AnswerSyntaxError,
    BinOp,
    Call,
    Constant,
    Name,
    Neg,
    Node,
    Number,
    children,
    column,
    depth,
)

MAX_LENGTH = 1000
MAX_NESTING = 50  # brackets, signs, powers and function calls inside each other
MAX_TREE_DEPTH = 200  # keeps the recursive walks far from Python's stack limit
MAX_DIGITS = 30
MAX_DECIMAL_EXPONENT = 300  # for literals such as 1e-300
MAX_MAGNITUDE = 1e300
SYMBOLIC_SECONDS = 1.0


def check_length(text: str) -> None:
    """Refuse an answer too long to be one formula."""
    if len(text) > MAX_LENGTH:
        raise AnswerSyntaxError(
            f"the answer is {len(text):,} characters long; "
            f"keep it under {MAX_LENGTH:,}",
            MAX_LENGTH,
        )


def check_literal(literal: str, pos: int) -> None:
    """Refuse a number literal with too many digits or too large an exponent."""
    mantissa, _, exponent = literal.lower().partition("e")
    digits = sum(char.isdigit() for char in mantissa)
    if digits > MAX_DIGITS:
        raise AnswerSyntaxError(
            f"the number at column {column(pos)} has {digits} digits; "
            f"use at most {MAX_DIGITS}",
            pos,
        )
    if exponent and abs(int(exponent)) > MAX_DECIMAL_EXPONENT:
        raise AnswerSyntaxError(
            f"the exponent of the number at column {column(pos)} is too large; "
            f"keep it within ±{MAX_DECIMAL_EXPONENT}",
            pos,
        )


def check_nesting(level: int, pos: int) -> None:
    """Refuse nesting deeper than any real formula needs."""
    if level > MAX_NESTING:
        raise AnswerSyntaxError(
            f"the answer nests more than {MAX_NESTING} levels deep at column "
            f"{column(pos)}; simplify it",
            pos,
        )


def check_cost(tree: Node) -> None:
    """Refuse a tree too deep to walk or with a constant too large to build."""
    if depth(tree) > MAX_TREE_DEPTH:
        raise AnswerSyntaxError(
            f"the answer chains more than {MAX_TREE_DEPTH} operations; simplify it",
            tree.pos,
        )
    _constant_value(tree)


def constant_value(node: Node) -> complex | None:
    """The value of ``node`` in double precision if it uses no symbol, else None."""
    try:
        return _constant_value(node)
    except AnswerSyntaxError:
        return None


def _too_large(node: Node) -> AnswerSyntaxError:
    return AnswerSyntaxError(
        f"the part starting at column {column(node.pos)} is a number too large "
        f"to work with (beyond 10^{math.log10(MAX_MAGNITUDE):.0f})",
        node.pos,
    )


def _constant_value(node: Node) -> complex | None:
    """The value of a constant sub-tree in double precision, or None.

    None means the node depends on a symbol or has no value (such as 1/0);
    sympy builds neither eagerly in a costly way. Complex arithmetic keeps
    the magnitude honest for things like ``(-2)^(1/2)`` raised further.
    """
    if isinstance(node, Number):
        return complex(node.value)
    if isinstance(node, Constant):
        return complex(math.e if node.name == "e" else math.pi)
    if isinstance(node, Name):
        return None
    operands = [_constant_value(child) for child in children(node)]
    if any(operand is None for operand in operands):
        return None
    try:
        value = _combine(node, [cast(complex, operand) for operand in operands])
    except OverflowError:
        raise _too_large(node) from None
    except (ValueError, ZeroDivisionError):
        return None
    if not (cmath.isfinite(value) and abs(value) <= MAX_MAGNITUDE):
        raise _too_large(node)
    return value


def _combine(node: Neg | BinOp | Call, operands: list[complex]) -> complex:
    if isinstance(node, Neg):
        return -operands[0]
    if isinstance(node, Call):
        return _apply(node.func, operands[0])
    left, right = operands
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    if node.op == "/":
        return left / right
    return left**right


def _apply(func: str, arg: complex) -> complex:
    if func == "exp":
        return cmath.exp(arg)
    if func == "sigmoid":
        # Written so that neither branch overflows for a large |arg|.
        if arg.real < 0:
            grown = cmath.exp(arg)
            return grown / (1 + grown)
        return 1 / (1 + cmath.exp(-arg))
    if func == "abs":
        return complex(abs(arg))
    if func == "sign":
        return arg / abs(arg) if arg else 0j
    function = {
        "log": cmath.log,
        "sqrt": cmath.sqrt,
        "sin": cmath.sin,
        "cos": cmath.cos,
        "tan": cmath.tan,
        "tanh": cmath.tanh,
    }[func]
    return function(arg)


class SymbolicTimeout(Exception):
    """The symbolic step ran out of time."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise SymbolicTimeout


@contextmanager
def time_limit(seconds: float) -> Iterator[bool]:
    """Interrupt the body after ``seconds``; yields False if that is impossible.

    Only the main thread can receive SIGALRM, so elsewhere the caller must
    skip whatever it meant to bound. A timer already running (a test's
    guard, say) is put back afterwards, shortened by the time used here.
    """
    on_main = threading.current_thread() is threading.main_thread()
    if not on_main or not hasattr(signal, "setitimer"):
        yield False
        return
    started = time.monotonic()
    # signal() returns None for a handler installed outside Python; the
    # default action is the honest thing to put back then.
    previous_handler = signal.signal(signal.SIGALRM, _on_alarm) or signal.SIG_DFL
    previous_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay > 0:
            left = previous_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
