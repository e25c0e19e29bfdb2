"""A learner's week with a fake clock: streaks, reviews coming due, mastery."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from interview_cli.progress.store import Store
from interview_cli.progress.summary import streak, summarize
from tests.progress.test_store import FakeClock, attempt


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Store:
    return Store.open(tmp_path, clock)


def practise_days(store: Store, clock: FakeClock, days: int) -> None:
    """One correct answer a day, then the clock stands on the last day."""
    for day in range(days):
        if day:
            clock.now += timedelta(days=1)
        store.record(store.start_session("quiz"), attempt(f"losses.q{day}"))


def test_streak_counts_consecutive_days(store: Store, clock: FakeClock) -> None:
    practise_days(store, clock, 3)
    assert summarize(store).streak_days == 3


def test_streak_survives_until_tomorrow_ends(store: Store, clock: FakeClock) -> None:
    practise_days(store, clock, 2)
    clock.now += timedelta(days=1)
    assert summarize(store).streak_days == 2
    clock.now += timedelta(days=1)
    assert summarize(store).streak_days == 0


def test_streak_breaks_on_a_missed_day() -> None:
    days = {date(2026, 12, 1), date(2026, 12, 3), date(2026, 12, 4)}
    assert streak(days, date(2026, 12, 4)) == 2


def test_review_comes_due_on_a_later_day(store: Store, clock: FakeClock) -> None:
    store.record(store.start_session("quiz"), attempt(verdict="incorrect"))
    (topic,) = summarize(store).topics
    assert topic.due_now == 0
    assert topic.due_next_7_days == [0, 1, 0, 0, 0, 0, 0]
    clock.now += timedelta(days=1)
    assert summarize(store).topics[0].due_now == 1


def test_mastery_fades_without_practice(store: Store, clock: FakeClock) -> None:
    store.record(store.start_session("quiz"), attempt())
    fresh = summarize(store).topics[0].mastery
    clock.now += timedelta(days=20)
    faded = summarize(store).topics[0].mastery
    assert fresh is not None and faded is not None
    assert faded < fresh


def test_weakest_lists_lowest_recall_first(store: Store, clock: FakeClock) -> None:
    session = store.start_session("quiz")
    store.record(session, attempt("losses.bce", "correct"))
    store.record(session, attempt("losses.cce-one-hot", "incorrect"))
    clock.now += timedelta(days=3)
    weakest = summarize(store).weakest
    assert [c.question_id for c in weakest] == ["losses.cce-one-hot", "losses.bce"]


def test_common_mistakes_counts_repeats(store: Store) -> None:
    session = store.start_session("quiz")
    wrong = attempt(verdict="incorrect")._replace(mistake="dropped the minus")
    store.record(session, wrong)
    store.record(session, wrong)
    (mistake,) = summarize(store).mistakes
    assert (mistake.mistake, mistake.times) == ("dropped the minus", 2)


def test_since_counts_only_later_answers(store: Store, clock: FakeClock) -> None:
    practise_days(store, clock, 3)
    (topic,) = summarize(store, since=clock.now - timedelta(hours=1)).topics
    assert (topic.attempted, topic.seen) == (1, 1)
