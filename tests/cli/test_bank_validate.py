"""``prep bank validate`` checks files and runs every question's self-test."""

from __future__ import annotations

from pathlib import Path

from tests.bank.test_schema import GOOD
from tests.conftest import RunPrep


def test_shipped_bank_passes_validation(prep: RunPrep) -> None:
    run = prep("bank", "validate")
    assert run.code == 0, run.err
    assert "every self-test passed" in run.out


def test_broken_file_lists_problems(prep: RunPrep, tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(GOOD.replace("difficulty: easy", "difficulty: trivial"))
    run = prep("bank", "validate", str(path))
    assert run.code == 1
    assert f"{path}:5: demo.scale: difficulty" in run.err
    assert "Traceback" not in run.err


def test_mistake_equal_to_answer_fails_selftest(prep: RunPrep, tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(GOOD.replace("      - answer: 1/d_k", "      - answer: d_k^(-1/2)"))
    run = prep("bank", "validate", str(path))
    assert run.code == 1
    assert "demo.scale: known mistake 'd_k^(-1/2)' is judged correct" in run.err


def test_missing_path_is_usage_error(prep: RunPrep, tmp_path: Path) -> None:
    run = prep("bank", "validate", str(tmp_path / "absent"))
    assert run.code == 2
    assert "no such file or folder" in run.err
