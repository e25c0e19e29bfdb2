"""The real ``prep quiz`` in a pseudo-terminal, driven key by key."""

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


@pytest.fixture
def quiz(isolated_home: Path) -> pexpect.spawn:
    env = {**os.environ, "COLUMNS": "160", "LINES": "50", "NO_COLOR": "1"}
    child = pexpect.spawn(
        PREP,
        ["quiz", "--topic", "regularization", "--kind", "symbolic", "-n", "5"],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 160),
    )
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
