"""Deciding whether two formulas mean the same thing over the symbols' domains.

The decision is numeric, as WeBWorK makes it: both formulas are evaluated at
the same random points of the domain and must agree everywhere. Symbolic
algebra alone both misses equal pairs and takes seconds on some; points
do not miss a difference that shows up somewhere in the domain, and a dozen
of them take milliseconds (a difference smaller than ``REL_TOL`` is the
one blind spot). When the numbers agree, sympy is asked to confirm
within a time limit; it may confirm, never refute.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from interview_cli.checking import limits
from interview_cli.checking.convert import sympy_symbols, to_sympy
from interview_cli.checking.expr import BinOp, Node, walk
from interview_cli.checking.numeric import (
    Undefined,
    Value,
    describe,
    describe_apart,
    evaluate,
    sample_points,
)
from interview_cli.checking.symbols import Domain, Symbol

# Points are evaluated with 50 digits and number literals are exact, so
# equal forms agree to 40 digits or more unless cancellation eats 20 of
# them; a tolerance this tight still tells 1/(1-p) from 1/(1-p) + 1e-12,
# which a float tolerance such as 1e-9 would call equal. A difference
# below 1e-30 goes unseen: no interview answer hangs on one.
REL_TOL = 1e-30
# Equal forms can differ by rounding where the value itself is near zero.
ABS_TOL = 1e-30
WANTED_POINTS = 12
MAX_ATTEMPTS = 200
# sympy distributes an integer power over a product, so (2x)^(10^29) would
# compute 2^(10^29) exactly, in C, where no timer can interrupt it.
MAX_SYMBOLIC_EXPONENT = 64
MAX_BINARY_CASES = 16


class Outcome(str, enum.Enum):
    """What the comparison found."""

    SAME = "same"
    DIFFERENT = "different"
    UNDECIDED = "undecided"  # the reference had too few points with a value


@dataclass(frozen=True)
class Comparison:
    """The result of comparing an answer with a reference formula.

    For DIFFERENT, ``point`` is where they disagree, with both values there
    (``answer_value`` None when the answer has no value at that point).
    """

    outcome: Outcome
    confirmed: bool = False
    point: dict[str, float] | None = None
    reference_value: str | None = None  # formatted for people: "0.288899"
    answer_value: str | None = None


def close(
    a: Value, b: Value, rel_tol: float = REL_TOL, abs_tol: float = ABS_TOL
) -> bool:
    """Whether two values agree within a relative tolerance or an absolute floor."""
    return bool(abs(a - b) <= max(rel_tol * max(abs(a), abs(b)), abs_tol))


def compare(
    reference: Node,
    answer: Node,
    symbols: Sequence[Symbol],
    *,
    symbolic: bool = True,
) -> Comparison:
    """Compare ``answer`` with ``reference`` at points of the domains, then confirm.

    With ``symbolic`` False the numbers alone decide and sympy is never
    imported, which saves its half-second import where that matters.
    """
    numeric = compare_numerically(reference, answer, symbols)
    if numeric.outcome is not Outcome.SAME or not symbolic:
        return numeric
    return Comparison(Outcome.SAME, confirmed=confirm(reference, answer, symbols))


def compare_numerically(
    reference: Node, answer: Node, symbols: Sequence[Symbol]
) -> Comparison:
    """Compare at sample points, skipping those where ``reference`` is undefined."""
    attempts = MAX_ATTEMPTS if symbols else 1
    wanted = min(WANTED_POINTS, attempts)
    found = 0
    for point in sample_points(symbols, attempts):
        try:
            expected = evaluate(reference, point)
        except Undefined:
            continue
        found += 1
        try:
            got = evaluate(answer, point)
        except Undefined:
            return _differ(point, expected, None)
        if not close(got, expected):
            return _differ(point, expected, got)
        if found == wanted:
            return Comparison(Outcome.SAME)
    return Comparison(Outcome.UNDECIDED)


def _differ(point: dict[str, Value], expected: Value, got: Value | None) -> Comparison:
    shown = (describe(expected), None) if got is None else describe_apart(expected, got)
    return Comparison(
        Outcome.DIFFERENT,
        point={name: float(value) for name, value in point.items()},
        reference_value=shown[0],
        answer_value=shown[1],
    )


def confirm(reference: Node, answer: Node, symbols: Sequence[Symbol]) -> bool:
    """Whether sympy shows the difference is zero within the time limit."""
    binary = [s.name for s in symbols if s.domain is Domain.BINARY]
    if 2 ** len(binary) > MAX_BINARY_CASES:
        return False
    if not (_cheap_for_sympy(reference) and _cheap_for_sympy(answer)):
        return False
    try:
        with limits.time_limit(limits.SYMBOLIC_SECONDS) as armed:
            return armed and _difference_vanishes(reference, answer, symbols, binary)
    except limits.SymbolicTimeout:
        return False
    except Exception:
        # sympy can raise almost anything on unusual input (PolynomialError,
        # RecursionError...). Confirmation only ever adds certainty, so a
        # failure here means "not confirmed", never a crash or a refutation.
        return False


def _cheap_for_sympy(tree: Node) -> bool:
    for node in walk(tree):
        if isinstance(node, BinOp) and node.op == "^":
            exponent = limits.constant_value(node.right)
            if exponent is not None and abs(exponent) > MAX_SYMBOLIC_EXPONENT:
                return False
    return True


def _difference_vanishes(
    reference: Node, answer: Node, symbols: Sequence[Symbol], binary: list[str]
) -> bool:
    table = sympy_symbols(symbols)
    difference = to_sympy(reference, table) - to_sympy(answer, table)
    # A binary symbol is confirmed case by case: p^y (1-p)^(1-y) equals
    # y p + (1-y)(1-p) only at y = 0 and y = 1, not as functions of y.
    for values in itertools.product((0, 1), repeat=len(binary)):
        case = {table[name]: value for name, value in zip(binary, values, strict=True)}
        if not _is_zero(difference.subs(case) if case else difference):
            return False
    return True


def _is_zero(expression: Any) -> bool:
    import sympy

    if expression == 0:
        return True
    # Cheapest first: most equal pairs cancel after expanding or after
    # putting everything over one denominator. Writing tanh and friends as
    # exponentials settles sigmoid-versus-tanh forms that simplify misses;
    # simplify itself is the slow last resort.
    steps = (
        sympy.expand,
        sympy.cancel,
        lambda e: sympy.cancel(e.rewrite(sympy.exp)),
        sympy.simplify,
    )
    return any(step(expression) == 0 for step in steps)
