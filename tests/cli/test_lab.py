"""``prep lab``: both experiments from the command line, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunPrep

GOLDEN = Path(__file__).resolve().parent.parent / "grading" / "golden"
ADAM = GOLDEN / "optimizers.adam" / "accepted" / "submission.py"


def test_regularization_json_counts_zeros(prep: RunPrep) -> None:
    run = prep("lab", "regularization", "--json")
    assert run.code == 0, run.err
    data = run.json()
    models = {model["name"]: model for model in data["models"]}
    assert set(models) == {"none", "l2", "l1"}
    assert models["l2"]["nonzero"] == 50
    assert models["l1"]["uninformative_at_zero"] >= 32
    assert len(data["true_coefficients"]) == 50
    assert data["alpha"] == 10.0 and data["seed"] == 42


def test_regularization_table_and_lesson(prep: RunPrep) -> None:
    run = prep("lab", "regularization", "--alpha", "10")
    assert run.code == 0, run.err
    assert "L1 (lasso)" in run.out and "L2 (ridge)" in run.out
    assert "· exactly zero" in run.out
    assert "L2 put 0 at 0" in run.out


def test_optimizers_json_has_every_curve(prep: RunPrep) -> None:
    run = prep("lab", "optimizers", "--epochs", "20", "--json")
    assert run.code == 0, run.err
    data = run.json()
    assert [r["name"] for r in data["runs"]] == ["SGD", "SGD + momentum", "Adam"]
    assert all(len(r["losses"]) == 20 for r in data["runs"])
    assert data["isolation"] is None  # nothing of the learner's ran


def test_optimizers_chart_with_learner_adam(prep: RunPrep) -> None:
    run = prep("lab", "optimizers", "--epochs", "20", "--optimizer", str(ADAM))
    assert run.code == 0, run.err
    assert "your Adam" in run.out
    assert "same curve" in run.out
    assert "sandbox:" in run.out
    assert "epoch ≤ 0.4" in run.out


def test_failing_learner_class_exits_1(prep: RunPrep, tmp_path: Path) -> None:
    path = tmp_path / "adam.py"
    path.write_text(
        "import torch\n"
        "class Adam(torch.optim.Optimizer):\n"
        "    def __init__(self, params, lr=1e-3):\n"
        "        raise RuntimeError('unfinished')\n"
    )
    run = prep("lab", "optimizers", "--epochs", "5", "--optimizer", str(path))
    assert run.code == 1
    assert run.err.strip() == (
        f"prep: {path}: Adam raised RuntimeError: unfinished (line 4)"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "there is no lab 'nope'; choose one of: optimizers, regularization"),
        (["regularization", "--alpha", "-1"], "--alpha must be a number above 0"),
        (["regularization", "--alpha", "nan"], "--alpha must be a number above 0"),
        (["optimizers", "--epochs", "0"], "--epochs must be a whole number from 1"),
        (["optimizers", "--lr", "abc"], "--lr must be a number above 0, not 'abc'"),
        (["regularization", "--save", "chart.txt"], "--save writes .png or .svg"),
        (["optimizers", "--optimizer", "missing.py"], "missing.py"),
    ],
)
def test_bad_lab_input_is_one_line(
    prep: RunPrep, args: list[str], message: str
) -> None:
    run = prep("lab", *args)
    assert run.code == 2
    assert message in run.err
    assert len(run.err.strip().splitlines()) == 1
    assert "Traceback" not in run.err


def test_syntax_error_in_optimizer_file_is_judged(
    prep: RunPrep, tmp_path: Path
) -> None:
    path = tmp_path / "adam.py"
    path.write_text("class Adam(:\n")
    run = prep("lab", "optimizers", "--optimizer", str(path))
    assert run.code == 1
    assert f"{path}: line 1" in run.err


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_save_writes_the_chart(prep: RunPrep, tmp_path: Path, suffix: str) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / f"lab{suffix}"
    run = prep("lab", "regularization", "--save", str(chart))
    assert run.code == 0, run.err
    assert f"chart written to {chart}" in run.out
    head = chart.read_bytes()[:200]
    assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in head
