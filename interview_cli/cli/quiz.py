"""``prep quiz``: the interactive session."""

from __future__ import annotations

import contextlib
from typing import Annotated

import typer

from interview_cli.cli.options import (
    BankOption,
    DifficultyOption,
    KindOption,
    TopicOption,
)


def quiz(
    topic: TopicOption = None,
    kind: KindOption = None,
    difficulty: DifficultyOption = None,
    count: Annotated[
        int, typer.Option("--count", "-n", min=1, help="How many questions.")
    ] = 10,
    bank_paths: BankOption = None,
) -> None:
    """Answer questions one by one; each answer is judged, explained and saved.

    Questions you have not yet answered correctly come first. While a
    question is open: '?' shows a hint, 's' skips it, 'q' (or Ctrl-C, or
    Ctrl-D) ends the session with a summary. A code question shows its task
    and the commands that start and grade it.

    Example: prep quiz --topic optimizers --count 5
    """
    import random

    from rich.console import Console

    from interview_cli.cli import common
    from interview_cli.errors import PrepError
    from interview_cli.quiz.selection import order_for_quiz
    from interview_cli.quiz.session import Quiz

    questions = common.select(common.bank(bank_paths), topic, kind, difficulty)
    if not questions:
        raise PrepError("no question matches those filters; 'prep list' shows them all")
    store = common.store()
    rng = random.Random()
    ordered = order_for_quiz(questions, store.question_records(), count, rng)
    console = Console(highlight=False)
    _enable_line_editing()
    Quiz(ordered, store, console, console.input, rng).run()


def _enable_line_editing() -> None:
    """Arrow keys and history in answers, where the platform has readline."""
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401
