"""Mismatches say where, by how much, and under which tolerance."""

from __future__ import annotations

import torch

from interview_cli.grading.cases import Outcome
from interview_cli.grading.compare import compare
from interview_cli.grading.judge import prepare


def test_mismatch_names_index_errors_and_tolerance() -> None:
    task, cases, _ = prepare("losses.cross-entropy", 1)
    case = cases[2]
    expected = task.reference(case)
    loss = expected.values["loss"]
    assert isinstance(loss, torch.Tensor)
    got = Outcome(values={**expected.values, "loss": loss + 1.0})
    mismatch = compare(task, case, expected, got)
    assert mismatch is not None
    assert mismatch.what == "loss"
    assert mismatch.max_abs_error is not None and abs(mismatch.max_abs_error - 1) < 1e-3
    assert str(case.tolerance) in mismatch.message()


def test_trajectory_mismatch_names_the_step() -> None:
    task, cases, _ = prepare("optimizers.adam", 1)
    case = cases[0]
    expected = task.reference(case)
    path = expected.values["param 1"]
    assert isinstance(path, torch.Tensor)
    bent = path.clone()
    bent[6:] += 0.5
    got = Outcome(values={**expected.values, "param 1": bent}, facts=expected.facts)
    mismatch = compare(task, case, expected, got)
    assert mismatch is not None
    assert mismatch.what.startswith("param 1 after step 7 of")


def test_inputs_changed_in_place_are_a_mismatch() -> None:
    task, cases, _ = prepare("losses.bce", 1)
    expected = task.reference(cases[0])
    got = Outcome(values=expected.values, modified=("y",))
    mismatch = compare(task, cases[0], expected, got)
    assert mismatch is not None and "in place" in mismatch.detail


def test_missing_gradient_passes_only_when_true_gradient_is_zero() -> None:
    task, cases, _ = prepare("losses.bce", 1)
    expected = task.reference(cases[0])
    got = Outcome(values={**expected.values, "grad of p": "no gradient reached p"})
    assert compare(task, cases[0], expected, got) is not None
