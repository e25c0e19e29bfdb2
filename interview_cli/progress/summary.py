"""The figures of ``prep stats``: accuracy, mastery, what falls due, streaks."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime, timedelta
from typing import NamedTuple

from interview_cli.progress.store import (
    CardState,
    MistakeCount,
    SessionAccuracy,
    Store,
)

DAYS_AHEAD = 7
WEAKEST = 5
SESSIONS = 30


class TopicSummary(NamedTuple):
    """One topic's row: answers in the window, and its cards as they are now."""

    topic: str
    attempted: int
    correct: int
    seen: int
    last_seen: datetime | None
    mastery: float | None  # mean recall probability of its cards now
    due_now: int
    due_next_7_days: list[int]  # later today, tomorrow, ... six days on

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.attempted if self.attempted else None


class Summary(NamedTuple):
    topics: list[TopicSummary]
    streak_days: int
    weakest: list[CardState]
    mistakes: list[MistakeCount]
    practice: dict[date, int]  # judged answers per local day
    today: date
    sessions: list[SessionAccuracy]  # the last SESSIONS with answers, oldest first


def summarize(
    store: Store, topic: str | None = None, since: datetime | None = None
) -> Summary:
    """Everything ``prep stats`` shows, for one topic or all, answers from ``since``.

    Cards are not filtered by ``since``: mastery and what is due are about
    now, whatever window the answers are counted over.
    """
    now = store.now()
    today = now.astimezone().date()
    answered = {t.topic: t for t in store.topic_stats(topic, since)}
    cards = store.cards(topic)
    rows = []
    for name in sorted(answered.keys() | {c.topic for c in cards}):
        mine = [c for c in cards if c.topic == name]
        stats = answered.get(name)
        due_now, ahead = due_by_day(mine, now)
        rows.append(
            TopicSummary(
                name,
                stats.attempted if stats else 0,
                stats.correct if stats else 0,
                stats.seen if stats else 0,
                stats.last_seen if stats else None,
                _mean([c.retrievability for c in mine]),
                due_now,
                ahead,
            )
        )
    practice = store.practice_days(topic, since)
    return Summary(
        rows,
        streak(practice.keys(), today),
        # Just after a review every card is recalled at ~100%; the one due
        # back soonest (an 'again' in minutes, a 'good' in days) is weaker.
        sorted(cards, key=lambda c: (round(c.retrievability, 2), c.due))[:WEAKEST],
        store.common_mistakes(topic, since),
        practice,
        today,
        store.session_accuracy(topic, since, SESSIONS),
    )


def due_by_day(cards: Sequence[CardState], now: datetime) -> tuple[int, list[int]]:
    """Cards due now, and not yet due but due on each of the next local days."""
    today = now.astimezone().date()
    ahead = [0] * DAYS_AHEAD
    due_now = 0
    for card in cards:
        if card.due <= now:
            due_now += 1
            continue
        offset = (card.due.astimezone().date() - today).days
        if offset < DAYS_AHEAD:
            ahead[offset] += 1
    return due_now, ahead


def streak(days: Collection[date], today: date) -> int:
    """Consecutive days practised, ending today or (not yet today) yesterday."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None
