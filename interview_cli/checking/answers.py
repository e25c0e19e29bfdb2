"""One entry point that judges an answer to any question that can be judged."""

from __future__ import annotations

import re
from collections.abc import Sequence

from interview_cli.bank.model import (
    ChoiceOption,
    ChoiceQuestion,
    NumericQuestion,
    Question,
    SymbolicQuestion,
)
from interview_cli.checking.judge import Judgement, Verdict
from interview_cli.errors import PrepError

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def judge(
    question: Question, text: str, shown: Sequence[ChoiceOption] | None = None
) -> Judgement:
    """Judge ``text`` as an answer to ``question``.

    ``shown`` is the order choice options were displayed in, when the quiz
    shuffled them; letters refer to that order.
    """
    if isinstance(question, SymbolicQuestion):
        from interview_cli.checking.judge import judge_symbolic

        return judge_symbolic(question, text)
    if isinstance(question, NumericQuestion):
        from interview_cli.checking.judge import judge_numeric

        return judge_numeric(question, text)
    if isinstance(question, ChoiceQuestion):
        return judge_choice(question, text, shown or question.options)
    how = {
        "explain": "answer it in 'prep quiz', where you rate yourself",
        "derivation": "answer it one step at a time, with --step N",
    }.get(question.kind, "it is graded from a file, not a one-line answer")
    raise PrepError(f"{question.id} is {_a(question.kind)} question: {how}")


def _a(word: str) -> str:
    """The word with its article: 'an explain', 'a code'."""
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def recorded_answer(
    question: Question, text: str, shown: Sequence[ChoiceOption] | None = None
) -> str:
    """The answer as it is stored: choice letters in the bank's own order."""
    if not isinstance(question, ChoiceQuestion) or shown is None:
        return text
    try:
        picked = _picked(text, shown, question.multiple)
    except ValueError:
        return text
    canonical = sorted(question.options.index(shown[i]) for i in picked)
    return ",".join(LETTERS[i] for i in canonical)


def judge_choice(
    question: ChoiceQuestion, text: str, shown: Sequence[ChoiceOption]
) -> Judgement:
    """Right when exactly the correct options were picked."""
    expected = ",".join(LETTERS[i] for i, option in enumerate(shown) if option.correct)
    try:
        picked = _picked(text, shown, question.multiple)
    except ValueError as err:
        return Judgement(
            verdict=Verdict.INVALID,
            feedback=str(err),
            interpreted=None,
            expected=expected,
            mistake=None,
            position=None,
            confirmed=False,
        )
    chosen = [shown[i] for i in picked]
    wrong = [option for option in chosen if not option.correct]
    missed = [o for o in shown if o.correct and o not in chosen]
    if not wrong and not missed:
        feedback = ""
    elif wrong:
        feedback = " ".join(o.feedback.strip() for o in wrong if o.feedback) or (
            "That option is not right."
        )
    else:
        feedback = f"Right so far, but you missed {len(missed)} correct option(s)."
    return Judgement(
        verdict=Verdict.CORRECT if not wrong and not missed else Verdict.INCORRECT,
        feedback=feedback,
        interpreted="; ".join(o.text.strip() for o in chosen),
        expected=expected,
        mistake=None,
        position=None,
        confirmed=True,
    )


def _picked(text: str, shown: Sequence[ChoiceOption], multiple: bool) -> list[int]:
    """Indices into ``shown`` named by letters like 'b' or 'a, c'."""
    valid = LETTERS[: len(shown)]
    tokens = [t for t in re.split(r"[\s,;]+", text.strip().lower()) if t]
    if not tokens:
        raise ValueError(f"type the letter of an option ({valid[0]}-{valid[-1]})")
    bad = [t for t in tokens if len(t) != 1 or t not in valid]
    if bad:
        raise ValueError(
            f"'{bad[0]}' is not an option; type letters from {valid[0]} to {valid[-1]}"
        )
    if len(tokens) > 1 and not multiple:
        raise ValueError("pick exactly one letter")
    return sorted({valid.index(t) for t in tokens})


def warm_up() -> None:
    """Import sympy ahead of the first judgement (run it in a thread)."""
    import sympy  # noqa: F401
