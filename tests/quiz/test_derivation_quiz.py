"""Derivations and randomised questions in the quiz: credit, records, replay."""
# Maths text in Unicode is the point of these strings.
# ruff: noqa: RUF001

from __future__ import annotations

import io
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console

from interview_cli.bank import variants
from interview_cli.bank.loader import parse_files
from interview_cli.bank.model import Question
from interview_cli.progress.store import DB_NAME, Store
from interview_cli.quiz.session import Quiz
from tests.bank.demo_derivations import write_bank


def run_quiz(
    home: Path, questions: list[Question], answers: list[str]
) -> tuple[str, Store]:
    home.mkdir(parents=True, exist_ok=True)
    store = Store.open(home)
    console = Console(file=io.StringIO(), width=100, highlight=False)
    script: Iterator[str] = iter(answers)

    def read(prompt: str) -> str:
        console.print(prompt)
        return next(script)

    Quiz(questions, store, console, read, random.Random(4)).run()
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return output, store


def demo(tmp_path: Path, question_id: str) -> Question:
    return parse_files([write_bank(tmp_path / "bank")]).get(question_id)


def rows(home: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(home / DB_NAME) as conn:
        return conn.execute(sql).fetchall()


def test_derivation_steps_earn_partial_credit(
    tmp_path: Path, isolated_home: Path
) -> None:
    answers = [
        "p^y (1-p)^(1-y)",  # step 1 right first time: 1
        "y log p",  # step 2 wrong, then right: 1/2
        "y log p + (1-y) log(1-p)",
        "r",  # step 3 revealed: 0
        "-y/p + (1-y)/(1-p)",  # step 4: 1
        "y - p",  # step 5 a known mistake, then right: 1/2
        "p - y",
    ]
    output, store = run_quiz(isolated_home, [demo(tmp_path, "demo.bce")], answers)

    assert "Step 1 of 5" in output and "Step 5 of 5" in output
    assert "The step is: −(y·log(p) + (1 − y)·log(1 − p))" in output
    assert "Opposite sign" in output
    assert "60% of steps" in output
    steps = rows(
        isolated_home,
        "SELECT step, verdict FROM attempts WHERE step IS NOT NULL ORDER BY id",
    )
    assert steps == [
        (1, "correct"),
        (2, "incorrect"),
        (2, "correct"),
        (4, "correct"),
        (5, "incorrect"),
        (5, "correct"),
    ]
    (whole,) = rows(
        isolated_home,
        "SELECT answer, score, verdict, rating FROM attempts WHERE step IS NULL",
    )
    assert whole == ("credit 0.60 (1, 0.5, 0, 1, 0.5)", 0.6, "incorrect", "hard")
    # Statistics count the derivation once, not each step.
    totals = store.question_records()[("demo.bce", "derivation")]
    assert (totals.attempted, totals.correct) == (1, 0)
    assert [c.question_id for c in store.cards()] == ["demo.bce"]


def test_quitting_mid_derivation_keeps_what_was_answered(
    tmp_path: Path, isolated_home: Path
) -> None:
    answers = ["p^y (1-p)^(1-y)", "q"]
    output, _ = run_quiz(isolated_home, [demo(tmp_path, "demo.bce")], answers)
    assert "No question finished this time" in output
    recorded = rows(isolated_home, "SELECT step, score FROM attempts ORDER BY id")
    assert recorded == [(1, 1.0), (None, 0.2)]


def test_randomised_question_is_recorded_with_its_seed(
    tmp_path: Path, isolated_home: Path
) -> None:
    question = demo(tmp_path, "demo.std")
    output, _ = run_quiz(isolated_home, [question], ["2"])
    ((seed, answer, verdict),) = rows(
        isolated_home, "SELECT seed, answer, verdict FROM attempts"
    )
    assert isinstance(seed, int)
    replay = variants.instantiate(question, seed)
    assert replay.prompt.strip() in output  # the same variant, from its seed
    assert f"Variant {seed}" in output
    assert (answer, verdict) == ("2", "incorrect")
