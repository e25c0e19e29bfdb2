"""The quiz loop, fed from standard input: hints, skips, ratings, endings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.bank.test_schema import GOOD
from tests.conftest import RunPrep

EXPLAIN = """\
topic: demo
questions:
  - id: demo.why-l1
    kind: explain
    difficulty: medium
    prompt: Why does L1 give sparse weights?
    hint: Look at the gradient near zero.
    explanation: The penalty's slope does not vanish at zero.
    model_answer: The L1 penalty pulls with constant force all the way to zero.
    key_points: [constant pull, corners of the diamond]
"""


@pytest.fixture
def demo_bank(tmp_path: Path) -> Path:
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "demo.yaml").write_text(GOOD)
    return folder


def quiz_args(bank: Path, kind: str) -> tuple[str, ...]:
    return ("quiz", "--bank", str(bank), "--topic", "demo", "--kind", kind)


def test_hint_then_correct_answer(prep: RunPrep, demo_bank: Path) -> None:
    run = prep(*quiz_args(demo_bank, "symbolic"), stdin="?\n1/sqrt(dk)\n")
    assert run.code == 0
    assert "No hint for this one." in run.out
    assert "CORRECT" in run.out
    assert "Divide by the standard deviation." in run.out
    assert "1 of 1 answered right" in run.out


def test_known_mistake_shows_its_feedback(prep: RunPrep, demo_bank: Path) -> None:
    run = prep(*quiz_args(demo_bank, "symbolic"), stdin="1/d_k\n")
    assert "INCORRECT" in run.out
    assert "That is the variance." in run.out


def test_malformed_answer_is_asked_again(prep: RunPrep, demo_bank: Path) -> None:
    run = prep(*quiz_args(demo_bank, "symbolic"), stdin="1/sqrt(d_k\n1/sqrt(d_k)\n")
    assert "INVALID" in run.out
    assert "CORRECT" in run.out
    assert prep("stats", "--json").json()["total"] == {"attempted": 1, "correct": 1}


def test_skip_records_nothing(prep: RunPrep, demo_bank: Path) -> None:
    run = prep(*quiz_args(demo_bank, "symbolic"), stdin="s\n")
    assert "0 of 0 answered right; 1 skipped" in run.out
    assert prep("stats", "--json").json()["total"] == {"attempted": 0, "correct": 0}


def test_end_of_input_ends_with_summary(prep: RunPrep, demo_bank: Path) -> None:
    run = prep(*quiz_args(demo_bank, "symbolic"), stdin="")
    assert run.code == 0
    assert "nothing to sum up" in run.out
    assert "Traceback" not in run.err


def test_q_quits_before_the_end(prep: RunPrep, demo_bank: Path) -> None:
    run = prep("quiz", "--bank", str(demo_bank), "--topic", "demo", stdin="q\n")
    assert run.code == 0
    assert "Question 2 of 2" not in run.out
    assert "nothing to sum up" in run.out


def test_explain_answer_is_self_rated(prep: RunPrep, tmp_path: Path) -> None:
    (tmp_path / "demo.yaml").write_text(EXPLAIN)
    run = prep(*quiz_args(tmp_path, "explain"), stdin="It is pulled to zero.\n\n5\n2\n")
    assert "constant force all the way to zero" in run.out
    assert "• corners of the diamond" in run.out
    assert "Type 1, 2, 3 or 4." in run.out
    assert prep("stats", "--json").json()["total"] == {"attempted": 1, "correct": 1}


def test_unanswered_questions_come_first(prep: RunPrep, demo_bank: Path) -> None:
    prep("check", "--bank", str(demo_bank), "demo.scale", "1/sqrt(d_k)")
    run = prep("quiz", "--bank", str(demo_bank), "--topic", "demo", "-n", "1")
    assert "demo.pick" in run.out
    assert "demo.scale" not in run.out


def test_no_matching_question_is_usage_error(prep: RunPrep, demo_bank: Path) -> None:
    run = prep(*quiz_args(demo_bank, "numeric"))
    assert run.code == 2
    assert "no question matches" in run.err


def cards_table(home: Path) -> list[tuple[str, ...]]:
    conn = sqlite3.connect(home / "progress.sqlite3")
    return conn.execute("SELECT question_id, card, due FROM cards").fetchall()


def test_cram_leaves_schedule_unchanged(
    prep: RunPrep, demo_bank: Path, isolated_home: Path
) -> None:
    prep("check", "--bank", str(demo_bank), "demo.scale", "1/d_k")
    before = cards_table(isolated_home)
    run = prep(*quiz_args(demo_bank, "symbolic"), "--cram", stdin="1/sqrt(d_k)\n")
    assert "CORRECT" in run.out
    assert cards_table(isolated_home) == before
    assert prep("stats", "--json").json()["total"]["attempted"] == 2


def test_answered_question_waits_for_its_review(prep: RunPrep, demo_bank: Path) -> None:
    prep("check", "--bank", str(demo_bank), "demo.scale", "1/sqrt(d_k)")
    run = prep(*quiz_args(demo_bank, "symbolic"))
    assert "0 due and 0 new" in run.out
    assert "Question 1" not in run.out


def test_new_limit_counts_todays_new_questions(prep: RunPrep, demo_bank: Path) -> None:
    prep("check", "--bank", str(demo_bank), "demo.scale", "1/sqrt(d_k)")
    run = prep("quiz", "--bank", str(demo_bank), "--topic", "demo", "--new", "1")
    assert "0 due and 0 new (at most 1 new a day)" in run.out


def sessions_table(home: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(home / "progress.sqlite3")
    return conn.execute("SELECT command, started_at FROM sessions").fetchall()


def test_quiz_left_unanswered_stores_no_session(
    prep: RunPrep, demo_bank: Path, isolated_home: Path
) -> None:
    prep(*quiz_args(demo_bank, "symbolic"), stdin="s\n")
    prep(*quiz_args(demo_bank, "symbolic"), stdin="q\n")
    assert sessions_table(isolated_home) == []


def test_first_answer_stores_its_session(
    prep: RunPrep, demo_bank: Path, isolated_home: Path
) -> None:
    prep(*quiz_args(demo_bank, "symbolic"), stdin="1/sqrt(dk)\n")
    assert [command for command, _ in sessions_table(isolated_home)] == ["quiz"]
