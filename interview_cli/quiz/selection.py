"""Which questions a quiz asks, and in what order."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from interview_cli.bank.model import Question
from interview_cli.progress.store import QuestionRecord


def order_for_quiz(
    questions: Sequence[Question],
    records: Mapping[tuple[str, str], QuestionRecord],
    count: int,
    rng: random.Random,
) -> list[Question]:
    """Questions never answered correctly first, then the longest unseen.

    Within the first group the order is random, so two quizzes in a row do
    not open on the same question. A proper review schedule replaces this
    once scheduling exists.
    """
    pending = [q for q in questions if _never_correct(records.get((q.id, q.kind)))]
    rng.shuffle(pending)
    known = [q for q in questions if not _never_correct(records.get((q.id, q.kind)))]
    known.sort(key=lambda q: records[(q.id, q.kind)].last_seen)
    return (pending + known)[:count]


def _never_correct(record: QuestionRecord | None) -> bool:
    return record is None or record.correct == 0
