"""Checking that one step of a derivation really follows from the one before.

A link says how: take the previous step's answer (``prev``), optionally sum
it over a whole-number symbol or differentiate it with respect to a real one,
then apply an expression. At sample points of the symbols' domains the
result must equal the step's own answer, the way ``equivalence`` compares a
learner's answer with the expected one. Derivatives are central differences
at 50 digits with a step of 1e-20, far below the comparison's tolerance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from interview_cli.checking.equivalence import MAX_ATTEMPTS, WANTED_POINTS, close
from interview_cli.checking.expr import Node
from interview_cli.checking.numeric import (
    Point,
    Undefined,
    Value,
    context,
    describe,
    evaluate,
    sample_points,
)
from interview_cli.checking.parse import parse_answer
from interview_cli.checking.symbols import Symbol

PREVIOUS = "prev"
MAX_TERMS = 200  # a sum longer than this at a sample point is skipped there
# A link may take a derivative by a difference quotient (step 1e-20), which is
# accurate to about 1e-20, not to the 1e-30 that equal answers agree to.
LINK_TOL = 1e-12


@dataclass(frozen=True)
class LinkSpec:
    """The link's parts, already read into trees (see ``bank.model.Link``)."""

    then: Node
    derivative: str = ""
    sum_over: str = ""
    sum_from: Node | None = None
    sum_to: Node | None = None


def read_link(
    then: str,
    symbols: Sequence[Symbol],
    *,
    derivative: str = "",
    sum_over: str = "",
    sum_from: str = "1",
    sum_to: str = "",
) -> LinkSpec:
    """Parse a link's formulas; raise AnswerSyntaxError if one cannot be read."""
    with_previous = (*symbols, Symbol(PREVIOUS))
    return LinkSpec(
        then=parse_answer(then, with_previous),
        derivative=derivative,
        sum_over=sum_over,
        sum_from=parse_answer(sum_from, symbols) if sum_over else None,
        sum_to=parse_answer(sum_to, symbols) if sum_over else None,
    )


def link_failure(
    previous: Node, link: LinkSpec, current: Node, symbols: Sequence[Symbol]
) -> str | None:
    """Why ``current`` does not follow from ``previous`` through ``link``, or None."""
    found = 0
    for point in sample_points(symbols, MAX_ATTEMPTS if symbols else 1):
        try:
            via_link = evaluate(
                link.then, {**point, PREVIOUS: _previous(previous, link, point)}
            )
        except Undefined:
            continue
        found += 1
        try:
            got = evaluate(current, point)
        except Undefined:
            got = None
        if got is None or not close(got, via_link, LINK_TOL, LINK_TOL):
            where = ", ".join(f"{name} = {float(v):.3g}" for name, v in point.items())
            shown = "no value" if got is None else describe(got)
            return (
                f"at {where or 'this point'} the link gives {describe(via_link)} "
                f"but the step's answer is {shown}"
            )
        if found == min(WANTED_POINTS, MAX_ATTEMPTS):
            return None
    return None if found else "the link has no value at any sample point"


def _previous(previous: Node, link: LinkSpec, point: Point) -> Value:
    """The value ``prev`` stands for at ``point``, after any sum or derivative."""
    ctx = context()
    if link.derivative:
        step = ctx.mpf(10) ** -20
        name = link.derivative
        above = evaluate(previous, {**point, name: point[name] + step})
        below = evaluate(previous, {**point, name: point[name] - step})
        return (above - below) / (2 * step)
    if link.sum_over and link.sum_from is not None and link.sum_to is not None:
        first = _whole(evaluate(link.sum_from, point))
        last = _whole(evaluate(link.sum_to, point))
        if last - first >= MAX_TERMS:
            raise Undefined
        total = ctx.mpf(0)
        for index in range(first, last + 1):
            total += evaluate(previous, {**point, link.sum_over: ctx.mpf(index)})
        return total
    return evaluate(previous, point)


def _whole(value: Value) -> int:
    rounded = round(float(value))
    if abs(value - rounded) > 1e-9:
        raise Undefined  # a bound that is not a whole number at this point
    return rounded
