"""The real ``prep quiz`` in a pseudo-terminal, driven key by key."""
# Maths text in Unicode is the point of these strings.
# ruff: noqa: RUF001

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from interview_cli.bank.loader import load_bank
from interview_cli.bank.model import SymbolicQuestion

PREP = str(Path(sys.executable).parent / "prep")
HEADER = re.compile(r"(regularization\.[a-z0-9-]+)  ·")


def spawn(*args: str, columns: int = 160, lines: int = 50) -> pexpect.spawn:
    """The real prep in a pseudo-terminal of that size, without colour."""
    size = {"COLUMNS": str(columns), "LINES": str(lines), "NO_COLOR": "1"}
    return pexpect.spawn(
        PREP,
        list(args),
        env={**os.environ, **size},
        encoding="utf-8",
        timeout=60,
        dimensions=(lines, columns),
    )


@pytest.fixture
def quiz(isolated_home: Path) -> pexpect.spawn:
    child = spawn("quiz", "--topic", "regularization", "--kind", "symbolic", "-n", "5")
    yield child
    child.close(force=True)


def next_question(child: pexpect.spawn) -> SymbolicQuestion:
    child.expect(HEADER)
    question = load_bank().get(child.match.group(1))
    assert isinstance(question, SymbolicQuestion)
    child.expect("Your answer")
    return question


def test_quiz_session_records_exactly_the_answers(quiz: pexpect.spawn) -> None:
    first = next_question(quiz)
    quiz.sendline(first.answer)
    quiz.expect("CORRECT")
    quiz.expect("Why")

    second = next_question(quiz)
    mistake = second.mistakes[0]
    quiz.sendline(mistake.answer)
    quiz.expect("INCORRECT")
    quiz.expect(re.escape(" ".join(mistake.feedback.split()[:3])))

    next_question(quiz)
    quiz.sendline("2*(")
    quiz.expect("INVALID")
    quiz.expect("answer again")
    quiz.sendline("s")

    next_question(quiz)
    quiz.sendcontrol("c")
    quiz.expect("Session summary")
    quiz.expect("1 of 2 answered right")
    quiz.expect(pexpect.EOF)
    quiz.close()
    assert quiz.exitstatus == 0

    stats = subprocess.run(
        [PREP, "stats", "--json"], capture_output=True, text=True, check=True
    )
    document = json.loads(stats.stdout)
    assert document["total"] == {"attempted": 2, "correct": 1}
    assert [t["topic"] for t in document["topics"]] == ["regularization"]


def test_derivation_in_a_real_terminal(isolated_home: Path, tmp_path: Path) -> None:
    from tests.bank.demo_derivations import write_bank

    bank = write_bank(tmp_path / "bank").parent
    child = spawn(
        "quiz",
        "--bank",
        str(bank),
        "--topic",
        "demo",
        "--kind",
        "derivation",
        "-n",
        "1",
        "--difficulty",
        "hard",
    )
    try:
        child.expect("demo.adam-weights")
        child.expect("Step 1 of 2")
        child.expect(r"Step 1 \(\? hint · r reveal")
        child.sendline("beta_1^(t-j)")
        child.expect("INCORRECT")
        child.expect("Try again")
        child.expect(r"Step 1 \(")
        child.sendline("(1-β₁) β₁^(t-j)")
        child.expect("CORRECT")
        child.expect("So far:")
        child.expect("Step 2 of 2")
        child.expect(r"Step 2 \(")
        child.sendline("r")
        child.expect("The step is: ")  # styled, so the answer follows escapes
        child.expect("1 − β₁ᵗ")
        child.expect("25% of steps")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    history = subprocess.run(
        [PREP, "history", "--json"], capture_output=True, text=True, check=True
    )
    entries = json.loads(history.stdout)["entries"]
    assert [(e["step"], e["verdict"]) for e in reversed(entries)] == [
        (1, "incorrect"),
        (1, "correct"),
        (None, "incorrect"),
    ]


def test_kill_nine_mid_quiz_keeps_judged_answers(quiz: pexpect.spawn) -> None:
    first = next_question(quiz)
    quiz.sendline(first.answer)
    quiz.expect("CORRECT")
    second = next_question(quiz)
    quiz.sendline(second.mistakes[0].answer)
    quiz.expect("INCORRECT")
    next_question(quiz)  # the third waits for its answer when the kill comes
    quiz.kill(9)  # no handler, no summary, no chance to flush anything
    quiz.close(force=True)
    assert quiz.signalstatus == 9

    history = subprocess.run(
        [PREP, "history", "--json"], capture_output=True, text=True, check=True
    )
    entries = json.loads(history.stdout)["entries"]
    assert [(e["question"], e["verdict"]) for e in reversed(entries)] == [
        (first.id, "correct"),
        (second.id, "incorrect"),
    ]


def test_empty_enter_leaves_the_prompt_line(isolated_home: Path) -> None:
    child = spawn("quiz", "--kind", "code", "-n", "2", columns=100, lines=40)
    try:
        child.expect("Press Enter for the next question")
        child.expect("> ")
        child.sendline("")
        child.expect("Question 2 of 2")
        # The next question's rule begins on a line of its own.
        assert child.before.startswith("\r\n"), repr(child.before[:40])
        child.sendline("q")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
