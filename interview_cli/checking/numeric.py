"""Evaluating an expression tree at a point, in high precision, over the reals.

Plain floats get equal forms wrong when they cancel catastrophically (say
``(1 - beta_1**t)/(1 - beta_1)`` near beta_1 = 1), so values are computed
with mpmath at 50 significant digits. Anything without a real value at the
point (log of a negative number, division by zero, overflow) raises
``Undefined`` instead of returning nan, inf or a complex number.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from interview_cli.checking.expr import BinOp, Call, Constant, Name, Neg, Node, Number
from interview_cli.checking.symbols import Domain, Symbol

DIGITS = 50
SEED = 20240521  # fixed, so a verdict never changes between runs
# Values beyond 2**MAX_BITS count as overflow. mpmath itself would carry on,
# but the cost of exp and sin grows with the size of their argument, and an
# answer like exp(exp(exp(z))) must not be allowed to take minutes.
MAX_BITS = 1_000_000
_MAX_TRIG_ARGUMENT = 1e6

Value = Any  # an mpmath mpf; mpmath ships no type hints
Point = dict[str, Value]


class Undefined(Exception):
    """The expression has no finite real value at this point."""


@functools.lru_cache(maxsize=1)
def context() -> Any:
    """A private mpmath context, so the global one is never changed under anyone."""
    import mpmath

    ctx = mpmath.MPContext()
    ctx.dps = DIGITS
    return ctx


def describe(value: Value) -> str:
    """A value in six significant digits, for feedback: ``0.288899``, ``3``."""
    text: str = context().nstr(value, 6)
    return text.removesuffix(".0")


def describe_apart(first: Value, second: Value) -> tuple[str, str]:
    """Two values with enough digits to tell them apart (six at the least)."""
    ctx = context()
    for digits in (6, 10, 15, 20, 30, 40):
        shown = (ctx.nstr(first, digits), ctx.nstr(second, digits))
        if shown[0] != shown[1]:
            break
    return shown[0].removesuffix(".0"), shown[1].removesuffix(".0")


def sample_points(symbols: Sequence[Symbol], count: int) -> Iterator[Point]:
    """Up to ``count`` points drawn from the symbols' domains, the same every run."""
    ctx = context()
    rng = random.Random(SEED)
    binary = [s.name for s in symbols if s.domain is Domain.BINARY]
    for index in range(count):
        point = {s.name: ctx.mpf(_draw(s.domain, rng)) for s in symbols}
        # Cycle binary symbols through every combination of 0 and 1 rather
        # than leaving coverage of each case to chance.
        for bit, name in enumerate(binary):
            point[name] = ctx.mpf((index >> bit) & 1)
        yield point


def _draw(domain: Domain, rng: random.Random) -> float:
    if domain is Domain.POSITIVE:
        return rng.uniform(0.05, 5.0)
    if domain is Domain.UNIT_INTERVAL:
        return rng.uniform(0.02, 0.98)
    if domain is Domain.POSITIVE_INTEGER:
        return float(rng.randint(1, 40))
    if domain is Domain.BINARY:
        return 0.0  # replaced by the caller
    return rng.uniform(-3.0, 3.0)


def evaluate(node: Node, point: Mapping[str, Value]) -> Value:
    """The value of ``node`` at ``point``; raise Undefined where it has none."""
    ctx = context()
    value = _evaluate(node, point, ctx)
    if ctx.mag(value) > MAX_BITS:
        raise Undefined
    return value


def _evaluate(node: Node, point: Mapping[str, Value], ctx: Any) -> Value:
    if isinstance(node, Number):
        return ctx.mpf(node.value.numerator) / node.value.denominator
    if isinstance(node, Name):
        return point[node.name]
    if isinstance(node, Constant):
        return +ctx.e if node.name == "e" else +ctx.pi
    if isinstance(node, Neg):
        return -_evaluate(node.operand, point, ctx)
    if isinstance(node, Call):
        return _apply(node.func, evaluate(node.arg, point), ctx)
    return _binary(node, evaluate(node.left, point), evaluate(node.right, point), ctx)


def _binary(node: BinOp, left: Value, right: Value, ctx: Any) -> Value:
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    if node.op == "/":
        if not right:
            raise Undefined
        return left / right
    return _power(left, right, ctx)


def _power(base: Value, exponent: Value, ctx: Any) -> Value:
    if not base:
        if exponent > 0:
            return ctx.zero
        if not exponent:
            return ctx.one
        raise Undefined
    integral = ctx.isint(exponent)
    if base < 0 and not integral:
        raise Undefined  # a real power of a negative number has no real value
    # The size of the result is known before computing it; checking first
    # keeps 3^(10^29) from being attempted at all.
    scale = exponent * ctx.ln(abs(base))
    if scale > MAX_BITS:
        raise Undefined
    if scale < -MAX_BITS:
        return ctx.zero
    magnitude = ctx.power(abs(base), exponent)
    odd = integral and base < 0 and int(exponent) % 2 == 1
    return -magnitude if odd else magnitude


def _apply(func: str, arg: Value, ctx: Any) -> Value:
    if func == "log":
        if arg <= 0:
            raise Undefined
        return ctx.ln(arg)
    if func == "sqrt":
        if arg < 0:
            raise Undefined
        return ctx.sqrt(arg)
    if func == "exp":
        if arg > MAX_BITS:
            raise Undefined
        return ctx.exp(arg) if arg > -MAX_BITS else ctx.zero
    if func == "sigmoid":
        if abs(arg) > MAX_BITS:
            return ctx.one if arg > 0 else ctx.zero
        return 1 / (1 + ctx.exp(-arg))
    if func in ("sin", "cos", "tan"):
        if abs(arg) > _MAX_TRIG_ARGUMENT:
            raise Undefined
        return getattr(ctx, func)(arg)
    if func == "tanh":
        return ctx.tanh(arg)
    if func == "abs":
        return abs(arg)
    return ctx.sign(arg)
