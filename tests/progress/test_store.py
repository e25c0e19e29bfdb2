"""The progress database keeps every answer and survives other processes."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from interview_cli.errors import PrepError
from interview_cli.progress.migrations import MIGRATIONS
from interview_cli.progress.store import DB_NAME, Attempt, Store, Submission


def attempt(question_id: str = "losses.bce", verdict: str = "correct") -> Attempt:
    return Attempt(
        question_id=question_id,
        topic=question_id.split(".")[0],
        kind="symbolic",
        answer="-log(p)",
        verdict=verdict,
        score=1.0 if verdict == "correct" else 0.0,
        duration_s=3.2,
    )


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def test_answer_is_committed_immediately(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.record(store.start_session("quiz"), attempt())
    # A second connection sees it without the first closing or committing.
    other = sqlite3.connect(tmp_path / DB_NAME)
    assert other.execute("SELECT question_id FROM attempts").fetchall() == [
        ("losses.bce",)
    ]


def test_topic_stats_count_judged_answers(tmp_path: Path) -> None:
    clock = FakeClock()
    store = Store.open(tmp_path, clock)
    session = store.start_session("quiz")
    store.record(session, attempt("losses.bce", "correct"))
    store.record(session, attempt("losses.bce", "invalid"))
    clock.now += timedelta(days=1)
    store.record(session, attempt("losses.cce-one-hot", "incorrect"))
    store.record(session, attempt("attention.scaling-factor", "correct"))
    stats = {t.topic: t for t in store.topic_stats()}
    assert (stats["losses"].attempted, stats["losses"].correct) == (2, 1)
    assert stats["losses"].last_seen == clock.now
    assert stats["attention"].attempted == 1


def test_question_records_track_correct_answers(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    session = store.start_session("check")
    store.record(session, attempt("losses.bce", "incorrect"))
    store.record(session, attempt("losses.bce", "correct"))
    record = store.question_records()[("losses.bce", "symbolic")]
    assert (record.attempted, record.correct) == (2, 1)


def test_migrations_apply_once_with_record(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    Store.open(tmp_path).close()
    conn = sqlite3.connect(tmp_path / DB_NAME)
    versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations")]
    assert versions == [m.version for m in MIGRATIONS]


def test_foreign_file_gets_clear_error(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(PrepError, match="is not a prep progress database"):
        Store.open(tmp_path)
    assert (tmp_path / DB_NAME).read_bytes().startswith(b"this is not sqlite")


def test_locked_database_gets_clear_error(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    session = store.start_session("quiz")
    blocker = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    store._conn.execute("PRAGMA busy_timeout = 50")
    with pytest.raises(PrepError, match="busy in another prep"):
        store.record(session, attempt())
    blocker.execute("ROLLBACK")


def card_rows(tmp_path: Path) -> list[tuple[str, ...]]:
    conn = sqlite3.connect(tmp_path / DB_NAME)
    return conn.execute("SELECT question_id, kind, card, due FROM cards").fetchall()


def test_judged_answer_creates_its_card(tmp_path: Path) -> None:
    clock = FakeClock()
    store = Store.open(tmp_path, clock)
    store.record(store.start_session("quiz"), attempt())
    (card,) = store.cards()
    assert (card.question_id, card.kind) == ("losses.bce", "symbolic")
    assert card.due > clock.now
    assert store.new_cards_on(clock.now.date()) == 1


def test_due_dates_are_the_cards_due_dates(tmp_path: Path) -> None:
    store = Store.open(tmp_path, FakeClock())
    session = store.start_session("quiz")
    store.record(session, attempt("losses.bce"))
    store.record(session, attempt("attention.scaling-factor", verdict="incorrect"))
    by_card = {(c.question_id, c.kind): c.due for c in store.cards()}
    assert store.due_dates() == by_card
    assert len(set(by_card.values())) == 2  # a wrong answer comes back sooner


def test_invalid_answer_leaves_no_card(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.record(store.start_session("quiz"), attempt(verdict="invalid"))
    assert store.cards() == []


def test_record_without_review_keeps_card(tmp_path: Path) -> None:
    store = Store.open(tmp_path, FakeClock())
    session = store.start_session("quiz")
    store.record(session, attempt())
    before = card_rows(tmp_path)
    store.record(session, attempt(verdict="incorrect"), review=False)
    assert card_rows(tmp_path) == before


def test_code_and_theory_cards_are_separate(tmp_path: Path) -> None:
    store = Store.open(tmp_path, FakeClock())
    session = store.start_session("submit")
    store.record(session, attempt("losses.bce"))
    store.record_submission(session, submission("accepted"))
    assert {(c.question_id, c.kind) for c in store.cards()} == {
        ("losses.bce", "symbolic"),
        ("losses.bce", "code"),
    }


def test_failed_review_rolls_back_the_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(tmp_path, FakeClock())
    session = store.start_session("quiz")

    def broken(*_: object) -> None:
        raise RuntimeError("scheduler failed")

    monkeypatch.setattr("interview_cli.progress.schedule.review", broken)
    with pytest.raises(RuntimeError):
        store.record(session, attempt())
    assert store.topic_stats() == []


def submission(verdict: str) -> Submission:
    return Submission(
        question_id="losses.bce",
        topic="losses",
        file_hash="abc",
        source="def binary_cross_entropy(p, y): ...",
        verdict=verdict,
        passed=1,
        total=1,
        diagnosis=None,
        seed=0,
        isolation="none",
        duration_s=1.0,
    )


def test_session_accuracy_counts_judged_answers(tmp_path: Path) -> None:
    clock = FakeClock()
    store = Store.open(tmp_path, clock)
    first = store.start_session("quiz")
    store.record(first, attempt("losses.bce", "correct"))
    store.record(first, attempt("losses.bce", "invalid"))
    store.record(first, attempt("attention.scaling-factor", "incorrect"))
    clock.now += timedelta(days=1)
    second = store.start_session("submit")
    store.record_submission(second, submission("accepted"))
    store.record_submission(second, submission("invalid_submission"))
    store.start_session("quiz")  # no answer: not a point of the chart
    sessions = store.session_accuracy()
    assert [(s.session_id, s.answers, s.correct) for s in sessions] == [
        (first, 2, 1),
        (second, 1, 1),
    ]
    assert sessions[1].started_at == clock.now


def test_session_accuracy_keeps_the_latest(tmp_path: Path) -> None:
    clock = FakeClock()
    store = Store.open(tmp_path, clock)
    for day in range(4):
        clock.now += timedelta(days=1)
        store.record(store.start_session("quiz"), attempt(f"losses.q{day}"))
    store.record(store.start_session("quiz"), attempt("attention.scaling-factor"))
    latest = store.session_accuracy(topic="losses", limit=2)
    assert [s.started_at.day for s in latest] == [4, 5]
    since = clock.now - timedelta(hours=1)
    assert len(store.session_accuracy(topic="losses", since=since)) == 1
