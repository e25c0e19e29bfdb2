"""``prep history`` lists past answers and shows past submissions."""

from __future__ import annotations

import pytest

from interview_cli.paths import data_dir
from interview_cli.progress.store import Store
from tests.conftest import RunPrep
from tests.progress.test_history import submission
from tests.progress.test_store import attempt


def test_history_json_lists_answers_newest_first(prep: RunPrep) -> None:
    prep("check", "regularization.dropout-scale", "1-p")
    prep("check", "regularization.dropout-scale", "1/(1-p)")
    entries = prep("history", "--json").json()["entries"]
    assert [(e["number"], e["answer"], e["verdict"]) for e in entries] == [
        ("a2", "1/(1-p)", "correct"),
        ("a1", "1-p", "incorrect"),
    ]


def test_history_table_shows_numbers(prep: RunPrep) -> None:
    prep("check", "regularization.dropout-scale", "1/(1-p)")
    run = prep("history", "regularization.dropout-scale")
    assert run.code == 0
    assert "a1" in run.out and "correct" in run.out


def test_history_show_prints_submission_source(prep: RunPrep) -> None:
    store = Store.open(data_dir())
    store.record_submission(store.start_session("submit"), submission())
    run = prep("history", "losses.bce", "--show", "s1")
    assert (run.code, run.out) == (0, "x = 1\n")


def test_history_show_of_wrong_question_exits_2(prep: RunPrep) -> None:
    store = Store.open(data_dir())
    store.record_submission(store.start_session("submit"), submission())
    run = prep("history", "attention.multi-head", "--show", "s1")
    assert run.code == 2
    assert len(run.err.strip().splitlines()) == 1


def test_history_at_80_columns_keeps_numbers_and_ids(
    prep: RunPrep, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(data_dir())
    session = store.start_session("quiz")
    longest = "regularization.inverted-dropout-derivation"  # the bank's longest id
    store.record(session, attempt(longest)._replace(kind="derivation", step=3))
    seeded = attempt("attention.positional-encoding-sin")._replace(seed=98765)
    store.record(session, seeded)
    slow = submission()._replace(verdict="memory_limit_exceeded")
    for _ in range(11):  # numbers up to s11
        store.record_submission(session, slow)
    expected = {f"s{n}": ("losses.bce", "memory_limit_exceeded") for n in range(1, 12)}
    expected["a2"] = ("attention.positional-encoding-sin@98765", "correct")
    expected["a1"] = (longest, "correct")

    monkeypatch.setenv("COLUMNS", "80")
    run = prep("history")
    lines = run.out.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    rows = {words[0]: words for words in map(str.split, lines) if words}
    for number, (question, verdict) in expected.items():
        words = rows.get(number, [])
        assert question in words and verdict in words, f"{number}: {words}"
