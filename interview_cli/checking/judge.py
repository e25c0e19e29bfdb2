"""Judging one typed answer to a symbolic or numeric question.

A learner's answer is data: a malformed one is an ``invalid`` verdict with
the place to fix, never an exception. Only a broken bank entry (an expected
answer or known mistake that cannot be read) raises, as BankAnswerError.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from interview_cli.bank.model import NumericQuestion, SymbolicQuestion
from interview_cli.checking.equivalence import Comparison, Outcome, close, compare
from interview_cli.checking.expr import AnswerSyntaxError, Node, names
from interview_cli.checking.numeric import (
    Undefined,
    Value,
    context,
    describe,
    evaluate,
)
from interview_cli.checking.parse import parse_answer
from interview_cli.checking.render import to_ascii, to_unicode
from interview_cli.checking.symbols import Domain, Symbol


class Verdict(str, enum.Enum):
    """The verdict words of the contract."""

    CORRECT = "correct"
    INCORRECT = "incorrect"
    INVALID = "invalid"


@dataclass(frozen=True)
class Judgement:
    """The verdict on one answer, with what to tell the learner."""

    verdict: Verdict
    feedback: str
    interpreted: str | None  # how the answer was read, in Unicode
    expected: str  # the expected answer in ASCII and canonical names
    mistake: str | None = None  # the known mistake's ``answer`` text, if matched
    position: int | None = None  # where an invalid answer goes wrong (0-based)
    confirmed: bool = False  # sympy also showed the match symbolically


class BankAnswerError(ValueError):
    """A question's expected answer or known mistake cannot be read."""


def warm_up() -> None:
    """Import sympy and mpmath ahead of the first judgement (call in a thread)."""
    import sympy

    context()
    sympy.cancel(sympy.Symbol("x") / 2 - 1)


def interpret(question: SymbolicQuestion | NumericQuestion, text: str) -> str:
    """How ``text`` reads, in Unicode; raise AnswerSyntaxError if it cannot be read."""
    return to_unicode(parse_answer(text, _symbols(question)))


def judge(
    question: SymbolicQuestion | NumericQuestion, text: str, *, symbolic: bool = True
) -> Judgement:
    """Judge ``text`` as an answer to either kind of question."""
    if isinstance(question, SymbolicQuestion):
        return judge_symbolic(question, text, symbolic=symbolic)
    return judge_numeric(question, text)


def judge_symbolic(
    question: SymbolicQuestion, text: str, *, symbolic: bool = True
) -> Judgement:
    """Judge a formula: equivalent to the answer over the symbols' domains?

    The verdict comes from evaluating both at sample points; ``symbolic``
    adds sympy's confirmation (``Judgement.confirmed``) at the cost of
    importing sympy. It never changes the verdict.
    """
    symbols = question.symbols
    reference = _bank_tree(question.id, question.answer, symbols)
    expected = to_ascii(reference)
    try:
        tree = parse_answer(text, symbols)
    except AnswerSyntaxError as error:
        return _invalid(error, expected)
    read = to_unicode(tree)

    result = compare(reference, tree, symbols, symbolic=symbolic)
    if result.outcome is Outcome.SAME:
        return Judgement(
            Verdict.CORRECT, _praise(result), read, expected, confirmed=result.confirmed
        )
    for mistake in question.mistakes:
        wrong = _bank_tree(question.id, mistake.answer, symbols)
        match = compare(wrong, tree, symbols, symbolic=symbolic)
        if match.outcome is Outcome.SAME:
            return Judgement(
                Verdict.INCORRECT,
                mistake.feedback,
                read,
                expected,
                mistake=mistake.answer,
                confirmed=match.confirmed,
            )
    feedback = _explain(result, symbols, names(reference) | names(tree))
    return Judgement(Verdict.INCORRECT, feedback, read, expected)


def judge_numeric(question: NumericQuestion, text: str) -> Judgement:
    """Judge a number or constant expression within the question's tolerances."""
    reference = _bank_tree(question.id, question.answer, ())
    expected = _number_text(reference, question.id)
    try:
        tree = parse_answer(text)
    except AnswerSyntaxError as error:
        return _invalid(error, expected)
    read = to_unicode(tree)
    try:
        value = evaluate(tree, {})
    except Undefined:
        feedback = f"{read} has no real value (a division by zero, say); check it."
        return Judgement(Verdict.INCORRECT, feedback, read, expected)

    def matches(answer: str) -> bool:
        target = _bank_value(question.id, answer)
        return close(value, target, question.rel_tol, question.abs_tol)

    if matches(question.answer):
        return Judgement(
            Verdict.CORRECT,
            "Within the tolerance of the expected value.",
            read,
            expected,
        )
    for mistake in question.mistakes:
        if matches(mistake.answer):
            return Judgement(
                Verdict.INCORRECT, mistake.feedback, read, expected, mistake.answer
            )
    feedback = (
        f"Your answer comes to {describe(value)}, which is not the expected value."
    )
    return Judgement(Verdict.INCORRECT, feedback, read, expected)


def _number_text(reference: Node, question_id: str) -> str:
    """A numeric answer as written (``1/8``), or its value if it is a formula.

    A randomised question's answer is a formula in the drawn values, like
    ``-(1*log(0.6) + ...)``; the learner wants the number it comes to.
    """
    text = to_ascii(reference)
    if any(c.isalpha() for c in text) or len(text) > 12:
        return describe(_bank_value(question_id, text))
    return text


def _symbols(question: SymbolicQuestion | NumericQuestion) -> tuple[Symbol, ...]:
    return question.symbols if isinstance(question, SymbolicQuestion) else ()


def _bank_tree(question_id: str, text: str, symbols: Sequence[Symbol]) -> Node:
    try:
        return parse_answer(text, symbols)
    except AnswerSyntaxError as error:
        raise BankAnswerError(
            f"question {question_id}: cannot read {text!r}: {error.message}"
        ) from error


def _bank_value(question_id: str, text: str) -> Value:
    try:
        return evaluate(_bank_tree(question_id, text, ()), {})
    except Undefined:
        raise BankAnswerError(
            f"question {question_id}: {text!r} has no real value"
        ) from None


def _invalid(error: AnswerSyntaxError, expected: str) -> Judgement:
    return Judgement(
        Verdict.INVALID, error.message, None, expected, position=error.position
    )


def _praise(result: Comparison) -> str:
    if result.confirmed:
        return "Same as the expected answer, confirmed symbolically."
    return (
        "Agrees with the expected answer at every point checked "
        "(sympy found no symbolic proof within its time limit)."
    )


def _explain(
    result: Comparison, symbols: Sequence[Symbol], used: frozenset[str]
) -> str:
    if result.outcome is Outcome.UNDECIDED or result.point is None:
        # Only a faulty bank entry gets here: its answer has almost no
        # points with a value. Never call the learner right by default.
        return (
            "This answer could not be checked: the expected answer has no value "
            "at most points of the domain. Please report the question."
        )
    where = ", ".join(
        f"{s.name} = {_coordinate(result.point[s.name], s.domain)}"
        for s in symbols
        if s.name in used
    )
    at = f"at {where}" if where else "here"
    if result.answer_value is None:
        return (
            f"Not equivalent to the expected answer: {at} yours has no real "
            "value (or one too large to compute), but the expected answer does."
        )
    return (
        f"Not equivalent to the expected answer: {at} yours is "
        f"{result.answer_value} but should be {result.reference_value}."
    )


def _coordinate(value: float, domain: Domain) -> str:
    if domain in (Domain.POSITIVE_INTEGER, Domain.BINARY):
        return str(int(value))
    return f"{value:.3g}"
