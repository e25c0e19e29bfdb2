"""Which questions a quiz asks, and in what order."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import NamedTuple

from interview_cli.bank.model import Question
from interview_cli.progress.store import CardState

Cards = Mapping[tuple[str, str], CardState]
DueDates = Mapping[tuple[str, str], datetime]


class Plan(NamedTuple):
    """The questions of one quiz, and how many of them are reviews or new."""

    questions: list[Question]
    due: int
    new: int


def order_for_quiz(
    questions: Sequence[Question],
    due_dates: DueDates,
    count: int,
    *,
    now: datetime,
    new_allowed: int,
    rng: random.Random,
) -> Plan:
    """Due reviews first, most overdue first; then up to ``new_allowed`` new ones.

    Questions reviewed and not yet due are left out: asking them early would
    spend the learner's time where the schedule says memory is still good.
    New questions come in random order, so two learners (or two days) do not
    always open the bank on the same page. Only due dates matter here, so
    no card is parsed: ``Store.due_dates`` reads them straight from a column.
    """
    due = [q for q in questions if _key(q) in due_dates and due_dates[_key(q)] <= now]
    due.sort(key=lambda q: due_dates[_key(q)])
    new = [q for q in questions if _key(q) not in due_dates]
    rng.shuffle(new)
    chosen_due = due[:count]
    chosen_new = new[: max(0, min(new_allowed, count - len(chosen_due)))]
    return Plan(chosen_due + chosen_new, len(chosen_due), len(chosen_new))


def order_for_cram(
    questions: Sequence[Question], cards: Cards, count: int, rng: random.Random
) -> list[Question]:
    """The weakest first (lowest recall probability now), never-seen ones last."""
    seen = [q for q in questions if _key(q) in cards]
    seen.sort(key=lambda q: cards[_key(q)].retrievability)
    unseen = [q for q in questions if _key(q) not in cards]
    rng.shuffle(unseen)
    return (seen + unseen)[:count]


def _key(question: Question) -> tuple[str, str]:
    return (question.id, question.kind)
