"""``prep start`` writes starters; ``prep submit`` grades and records them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import RunPrep

GOLDEN = Path(__file__).resolve().parent.parent / "grading" / "golden"
ATTENTION = GOLDEN / "attention.scaled-dot-product"


def test_start_writes_signature(prep: RunPrep, tmp_path: Path) -> None:
    path = tmp_path / "att.py"
    run = prep("start", "attention.scaled-dot-product", str(path))
    assert run.code == 0
    assert "def scaled_dot_product_attention(q, k, v, mask=None):" in path.read_text()
    assert "raise NotImplementedError" in path.read_text()


def test_start_never_overwrites(prep: RunPrep, tmp_path: Path) -> None:
    path = tmp_path / "mine.py"
    path.write_text("my work")
    run = prep("start", "optimizers.adam", str(path))
    assert run.code == 2
    assert "exists already" in run.err
    assert path.read_text() == "my work"


def test_start_refuses_theory_question(prep: RunPrep, tmp_path: Path) -> None:
    run = prep("start", "attention.scaling-factor", str(tmp_path / "x.py"))
    assert run.code == 2
    assert "is not a code question" in run.err


def test_submit_missing_file_is_usage_error(prep: RunPrep, tmp_path: Path) -> None:
    run = prep("submit", "losses.bce", str(tmp_path / "absent.py"))
    assert run.code == 2
    assert "no such file" in run.err


def test_accepted_submission_json_and_record(prep: RunPrep, tmp_path: Path) -> None:
    path = tmp_path / "att.py"
    shutil.copy(ATTENTION / "accepted-matmul" / "submission.py", path)
    run = prep("submit", "--json", "attention.scaled-dot-product", str(path))
    assert run.code == 0, run.out + run.err
    document = run.json()
    assert document["verdict"] == "accepted"
    assert document["passed"] == document["total"] >= 40
    assert {"diagnosis", "failed_case", "notes", "isolation", "duration_s"} <= set(
        document
    )
    (attention,) = prep("stats", "--json").json()["topics"]
    assert (attention["attempted"], attention["correct"]) == (1, 1)


def test_wrong_submission_names_mistake(prep: RunPrep, tmp_path: Path) -> None:
    path = tmp_path / "att.py"
    shutil.copy(ATTENTION / "wrong-no-scale" / "submission.py", path)
    run = prep("submit", "attention.scaled-dot-product", str(path), "--seed", "7")
    assert run.code == 1
    assert "WRONG_ANSWER" in run.out
    assert "diagnosis:" in run.out
    assert "--case" in run.out and "--seed 7" in run.out


@pytest.mark.parametrize("verdict", ["forbidden-getattr"])
def test_forbidden_builtin_is_named(
    prep: RunPrep, tmp_path: Path, verdict: str
) -> None:
    path = tmp_path / "att.py"
    shutil.copy(ATTENTION / verdict / "submission.py", path)
    run = prep("submit", "--json", "attention.scaled-dot-product", str(path))
    assert run.code == 1
    document = run.json()
    assert document["verdict"] == "forbidden"
    assert "scaled_dot_product_attention" in document["diagnosis"]


def test_one_case_run_is_not_recorded(prep: RunPrep, tmp_path: Path) -> None:
    path = tmp_path / "att.py"
    shutil.copy(ATTENTION / "wrong-no-scale" / "submission.py", path)
    run = prep(
        "submit",
        "attention.scaled-dot-product",
        str(path),
        "--seed",
        "5",
        "--case",
        "7",
    )
    assert run.code in {0, 1}, run.err
    assert "only case 7 ran: not recorded" in run.out
    assert prep("stats", "--json").json()["topics"] == []
    assert "No answers yet" in prep("history").out
