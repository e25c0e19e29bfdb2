"""The installed ``prep`` script, run as a user would, keeps the contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PREP = str(Path(sys.executable).parent / "prep")


def prep(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PREP, *args], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize(
    ("answer", "code", "verdict"),
    [
        pytest.param("1/sqrt(dk)", 0, "correct", id="correct"),
        pytest.param("1/d_k", 1, "incorrect", id="known-mistake"),
        pytest.param("1/sqrt(d_k", 1, "invalid", id="unreadable"),
    ],
)
def test_check_json_verdicts_and_exit_codes(
    answer: str, code: int, verdict: str
) -> None:
    result = prep("check", "--json", "attention.scaling-factor", answer)
    assert result.returncode == code
    document = json.loads(result.stdout)
    assert document["verdict"] == verdict
    assert document["expected"] == "1/sqrt(d_k)"


def test_unknown_id_is_one_line_exit_two() -> None:
    result = prep("check", "attention.nope", "1")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("prep: unknown question id 'attention.nope'")
    assert result.stderr.count("\n") == 1


def test_list_json_is_one_document() -> None:
    result = prep("list", "--json")
    assert result.returncode == 0
    assert len(json.loads(result.stdout)["questions"]) >= 60


def test_module_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "interview_cli", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "quiz" in result.stdout


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param("__import__('os').system('touch {marker}')", id="import-os"),
        pytest.param("().__class__.__base__.__subclasses__()", id="dunder-walk"),
        pytest.param("2**10**10**10", id="power-tower"),
        pytest.param("9^9^9", id="caret-tower"),
        pytest.param("d_k" + "+d_k" * 6666, id="20000-chars"),
        pytest.param("(" * 5000 + "d_k" + ")" * 5000, id="5000-parens"),
        pytest.param("exp(exp(exp(100)))", id="nested-exp"),
        pytest.param("lambda: 0", id="lambda"),
    ],
)
def test_hostile_answer_runs_nothing(answer: str, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    result = prep(
        "check", "--json", "attention.scaling-factor", answer.format(marker=marker)
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["verdict"] in {"invalid", "incorrect"}
    assert not marker.exists()
