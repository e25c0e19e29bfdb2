"""``prep history`` lists past answers and shows past submissions."""

from __future__ import annotations

from interview_cli.paths import data_dir
from interview_cli.progress.store import Store
from tests.conftest import RunPrep
from tests.progress.test_history import submission


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
