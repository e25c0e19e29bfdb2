"""Each question proves itself: its answer passes and its known mistakes fail."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from interview_cli.bank.model import NumericQuestion, Question, SymbolicQuestion


def self_test(questions: Iterable[Question]) -> list[str]:
    """Every failure, as 'question id: what went wrong'."""
    return [
        f"{question.id}: {failure}"
        for question in questions
        for failure in _failures(question)
    ]


def _failures(question: Question) -> Iterator[str]:
    if not isinstance(question, SymbolicQuestion | NumericQuestion):
        return
    from interview_cli.checking.answers import judge

    expected = judge(question, question.answer)
    if expected.verdict.value != "correct":
        yield (
            f"the expected answer '{question.answer}' is judged "
            f"{expected.verdict.value}: {expected.feedback}"
        )
    for mistake in question.mistakes:
        got = judge(question, mistake.answer)
        if got.verdict.value != "incorrect":
            yield (
                f"known mistake '{mistake.answer}' is judged {got.verdict.value}"
                f"{': ' + got.feedback if got.feedback else ''}"
            )
        elif got.mistake != mistake.answer:
            other = f"'{got.mistake}'" if got.mistake else "no known mistake"
            yield f"known mistake '{mistake.answer}' is matched to {other}"
