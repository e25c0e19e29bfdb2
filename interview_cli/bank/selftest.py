"""Each question proves itself, over many of its variants.

For every variant: the expected answer is judged correct, each known mistake
incorrect and matched to its own feedback, and in a derivation every step
follows from the one before it through its declared link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from interview_cli.bank import variants
from interview_cli.bank.model import (
    DerivationQuestion,
    NumericQuestion,
    Question,
    SymbolicQuestion,
)

VARIANTS = 25  # variants tried per randomised question, by default
SIG_FIGS = re.compile(r"(\d+) significant figures?")


@dataclass(frozen=True)
class Report:
    """What the self-test found, and how much it covered."""

    failures: list[str]
    questions: int
    variants: int  # variants judged, counting one for a fixed question
    steps: int  # derivation steps checked, over all variants


def self_test(questions: Iterable[Question], wanted: int = VARIANTS) -> Report:
    """Every failure, as 'question id (seed S): what went wrong'."""
    failures: list[str] = []
    tried = steps = total = 0
    for question in questions:
        total += 1
        for seed in variants.seeds(question, wanted):
            tried += 1
            concrete = variants.instantiate(question, seed)
            label = f"{question.id} (seed {seed})" if question.params else question.id
            if isinstance(concrete, DerivationQuestion):
                steps += len(concrete.steps)
            failures += [f"{label}: {failure}" for failure in _failures(concrete)]
    return Report(failures, total, tried, steps)


def _failures(question: Question) -> Iterator[str]:
    if isinstance(question, SymbolicQuestion | NumericQuestion):
        yield from _answer_failures(question)
    if isinstance(question, NumericQuestion):
        yield from _rounding_failures(question)
    elif isinstance(question, DerivationQuestion):
        for index in range(len(question.steps)):
            step = question.step_question(index)
            for failure in _answer_failures(step):
                yield f"step {index + 1}: {failure}"
            broken = _link_failure(question, index) if index else None
            if broken:
                yield f"step {index + 1} does not follow from step {index}: {broken}"


def _answer_failures(question: SymbolicQuestion | NumericQuestion) -> Iterator[str]:
    from interview_cli.checking.judge import BankAnswerError, judge

    try:
        expected = judge(question, question.answer, symbolic=False)
    except BankAnswerError as err:
        yield str(err)
        return
    if expected.verdict.value != "correct":
        yield (
            f"the expected answer '{question.answer}' is judged "
            f"{expected.verdict.value}: {expected.feedback}"
        )
    for mistake in question.mistakes:
        try:
            got = judge(question, mistake.answer, symbolic=False)
        except BankAnswerError as err:
            yield str(err)
            continue
        if got.verdict.value != "incorrect":
            yield (
                f"known mistake '{mistake.answer}' is judged {got.verdict.value}"
                f"{': ' + got.feedback if got.feedback else ''}"
            )
        elif got.mistake != mistake.answer:
            other = f"'{got.mistake}'" if got.mistake else "no known mistake"
            yield f"known mistake '{mistake.answer}' is matched to {other}"


def _rounding_failures(question: NumericQuestion) -> Iterator[str]:
    """A prompt that asks for N significant figures must accept them."""
    from interview_cli.checking.judge import judge
    from interview_cli.checking.numeric import Undefined, evaluate
    from interview_cli.checking.parse import parse_answer

    asked = SIG_FIGS.search(" ".join(question.prompt.split()))
    if asked is None:
        return
    digits = int(asked.group(1))
    try:
        value = float(evaluate(parse_answer(question.answer), {}))
    except (Undefined, ValueError):
        return  # reported by _answer_failures
    rounded = f"{value:.{digits}g}"
    got = judge(question, rounded, symbolic=False)
    if got.verdict.value != "correct":
        yield (
            f"the prompt asks for {digits} significant figures, but {rounded} is "
            f"judged {got.verdict.value}; set rel_tol to {0.5 * 10 ** (1 - digits):g}"
        )


def _link_failure(question: DerivationQuestion, index: int) -> str | None:
    """Why step ``index`` does not follow from the step before, or None."""
    from interview_cli.checking.expr import AnswerSyntaxError
    from interview_cli.checking.links import link_failure, read_link
    from interview_cli.checking.parse import parse_answer

    link = question.steps[index].follows
    if link is None:
        return "it declares no link ('follows')"
    symbols = question.symbols
    try:
        spec = read_link(
            link.then,
            symbols,
            derivative=link.derivative,
            sum_over=link.sum_over,
            sum_from=link.sum_from,
            sum_to=link.sum_to,
        )
        previous = parse_answer(question.steps[index - 1].answer, symbols)
        current = parse_answer(question.steps[index].answer, symbols)
    except AnswerSyntaxError as err:
        return f"cannot read the link: {err.message}"
    return link_failure(previous, spec, current, symbols)
