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


def test_clash_with_shipped_id_is_found(prep: RunPrep, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    mine = GOOD.replace("demo", "attention").replace(".scale", ".scaling-factor")
    path.write_text(mine)
    run = prep("bank", "validate", str(path))
    assert run.code == 1
    assert f"{path}:" in run.err and "duplicate id, first defined at" in run.err


def mine(tmp_path: Path, slug: str, kind: str, prompt: str, *fields: str) -> Path:
    """A file of the user's topic 'mine' holding one easy question."""
    path = tmp_path / "mine.yaml"
    lines = [
        "topic: mine",
        "questions:",
        f"  - id: mine.{slug}",
        f"    kind: {kind}",
        "    difficulty: easy",
        f"    prompt: {prompt}",
        "    explanation: As the prompt says.",
        *(f"    {field}" for field in fields),
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_own_code_question_is_refused(prep: RunPrep, tmp_path: Path) -> None:
    path = mine(
        tmp_path, "softmax", "code", "Write softmax.", "entry_point: softmax(x)"
    )
    run = prep("bank", "validate", str(path))
    assert run.code == 1
    assert "mine.softmax: kind: prep grades only its own code tasks" in run.err


def test_numeric_answer_may_be_a_bare_number(prep: RunPrep, tmp_path: Path) -> None:
    mine(tmp_path, "half", "numeric", "What is 1/2?", "answer: 0.5")
    run = prep("bank", "validate", str(tmp_path))
    assert run.code == 0, run.err
    assert prep("check", "mine.half", "1/2", "--bank", str(tmp_path)).code == 0


def test_asked_precision_must_be_accepted(prep: RunPrep, tmp_path: Path) -> None:
    prompt = "What is 1/(1 - 0.9^10)? Give 3 significant figures."
    answer = "answer: 1/(1-0.9^10)"
    path = mine(tmp_path, "factor", "numeric", prompt, answer)
    run = prep("bank", "validate", str(path))
    assert run.code == 1
    assert "asks for 3 significant figures, but 1.54 is judged incorrect" in run.err
    mine(tmp_path, "factor", "numeric", prompt, answer, "rel_tol: 0.005")
    assert prep("bank", "validate", str(path)).code == 0


def test_schema_and_selftest_problems_reported_together(
    prep: RunPrep, tmp_path: Path
) -> None:
    broken = GOOD.replace("difficulty: medium", "difficulty: trivial")
    broken = broken.replace("      - answer: 1/d_k", "      - answer: d_k^(-1/2)")
    (tmp_path / "demo.yaml").write_text(broken)
    run = prep("bank", "validate", str(tmp_path))
    assert run.code == 1
    assert "demo.pick: difficulty" in run.err
    assert "known mistake 'd_k^(-1/2)' is judged correct" in run.err
