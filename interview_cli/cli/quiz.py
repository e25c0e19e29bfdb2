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
    new: Annotated[
        int,
        typer.Option(
            "--new", min=0, help="At most this many never-seen questions a day."
        ),
    ] = 10,
    cram: Annotated[
        bool,
        typer.Option(
            "--cram",
            help="Ask the weakest questions now, due or not; the schedule is "
            "left as it is.",
        ),
    ] = False,
    bank_paths: BankOption = None,
) -> None:
    """Answer questions one by one; each answer is judged, explained and saved.

    Reviews that are due come first, the most overdue first, then questions
    you have never answered, up to --new a day. Each answer schedules its
    next review: wrong comes back soon, right after a hint or a slow answer
    sooner than right, and right within seconds later. With --cram (the
    night before an interview) the weakest questions come first and the
    schedule does not change. While a question is open: '?' shows a hint,
    's' skips it, 'q' (or Ctrl-C, or Ctrl-D) ends the session with a summary.
    A code question shows its task and the commands that start and grade it.

    Example: prep quiz --topic optimizers --count 5 --new 3
    """
    import random

    from interview_cli import terminal
    from interview_cli.cli import common
    from interview_cli.errors import PrepError
    from interview_cli.quiz.selection import order_for_cram, order_for_quiz
    from interview_cli.quiz.session import Quiz

    questions = common.select(common.bank(bank_paths), topic, kind, difficulty)
    if not questions:
        raise PrepError("no question matches those filters; 'prep list' shows them all")
    store = common.store()
    rng = random.Random()
    console = terminal.console()
    if cram:
        cards = {(c.question_id, c.kind): c for c in store.cards()}
        ordered = order_for_cram(questions, cards, count, rng)
    else:
        now = store.now()
        allowed = max(0, new - store.new_cards_on(now.astimezone().date()))
        plan = order_for_quiz(
            questions, store.due_dates(), count, now=now, new_allowed=allowed, rng=rng
        )
        ordered = plan.questions
        if len(ordered) < count:
            console.print(
                f"{plan.due} due and {plan.new} new (at most {new} new a day); "
                "nothing more is due. 'prep quiz --cram' asks anyway."
            )
        if not ordered:
            return
    _enable_line_editing()
    Quiz(ordered, store, console, terminal.reader(console), rng, review=not cram).run()


def _enable_line_editing() -> None:
    """Arrow keys and history in answers, where the platform has readline."""
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401
