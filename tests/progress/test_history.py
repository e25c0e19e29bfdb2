"""Past entries come newest first under stable numbers."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from interview_cli.errors import PrepError
from interview_cli.progress import history
from interview_cli.progress.store import Store, Submission
from tests.progress.test_store import FakeClock, attempt


def submission(question_id: str = "losses.bce", source: str = "x = 1\n") -> Submission:
    return Submission(
        question_id, "losses", "ab" * 32, source, "accepted", 3, 3, None, 0, "none", 1.0
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    clock = FakeClock()
    store = Store.open(tmp_path, clock)
    session = store.start_session("quiz")
    store.record(session, attempt("losses.bce", "incorrect"))
    clock.now += timedelta(minutes=1)
    store.record_submission(session, submission())
    clock.now += timedelta(minutes=1)
    store.record(session, attempt("attention.scaling-factor"))
    return store


def test_entries_are_numbered_newest_first(store: Store) -> None:
    found = history.entries(store.connection)
    assert [e.number for e in found] == ["a2", "s1", "a1"]
    assert found[1].file_hash == "ab" * 32 and found[1].answer is None


def test_entries_of_one_question_only(store: Store) -> None:
    found = history.entries(store.connection, "losses.bce", limit=1)
    assert [e.number for e in found] == ["s1"]


def test_submission_found_by_number(store: Store) -> None:
    assert history.submission(store.connection, "losses.bce", "s1").source == "x = 1\n"


def test_submission_of_other_question_refused(store: Store) -> None:
    with pytest.raises(PrepError, match="not a submission of attention"):
        history.submission(store.connection, "attention.scaling-factor", "s1")


def test_same_moment_entries_newest_row_first(tmp_path: Path) -> None:
    store = Store.open(tmp_path, FakeClock())  # the clock never moves
    session = store.start_session("quiz")
    for _ in range(11):
        store.record(session, attempt("losses.bce"))
    found = history.entries(store.connection, limit=3)
    assert [e.number for e in found] == ["a11", "a10", "a9"]
