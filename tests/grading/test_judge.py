"""Preparing cases and turning harness results into verdicts."""

from __future__ import annotations

import io
import time

import pytest
import torch

from interview_cli.errors import PrepError
from interview_cli.grading import judge
from interview_cli.grading.judge import Verdict
from interview_cli.grading.tasks import QUESTION_IDS, get_task

FUNCTION_TASKS = [q for q in QUESTION_IDS if q.startswith(("attention", "losses"))] + [
    "regularization.early-stopping"
]


@pytest.mark.parametrize("question", FUNCTION_TASKS)
def test_function_tasks_have_forty_cases(question: str) -> None:
    _, cases, _ = judge.prepare(question, 1)
    assert len(cases) >= 40


@pytest.mark.parametrize("question", [q for q in QUESTION_IDS if "optimizers" in q])
def test_optimizer_cases_are_long_trajectories(question: str) -> None:
    _, cases, _ = judge.prepare(question, 1)
    spec = cases[0].optimizer()
    assert len(cases) >= 16
    assert all(len(case.optimizer().grads) >= 30 for case in cases)
    assert any(case.optimizer().groups for case in cases)
    assert any(g[-1] is None for g in spec.grads)


@pytest.mark.parametrize("question", QUESTION_IDS)
def test_same_seed_gives_same_cases(question: str) -> None:
    first = judge.prepare(question, 7)[2]
    second = judge.prepare(question, 7)[2]
    assert _saved(first) == _saved(second)


@pytest.mark.parametrize("question", QUESTION_IDS)
def test_payload_loads_without_running_code(question: str) -> None:
    data = judge.prepare(question, 3)[2]
    loaded = torch.load(io.BytesIO(_saved(data)), weights_only=True)
    assert loaded["entry_point"] == get_task(question).entry_point


def test_payload_never_carries_expected_values() -> None:
    data = judge.prepare("attention.scaled-dot-product", 3)[2]
    case = data["cases"][0]  # type: ignore[index]
    assert set(case) == {
        "inputs",
        "args",
        "kwargs",
        "grad",
        "cotangents",
        "manual_seed",
    }


def test_one_case_can_be_prepared_alone() -> None:
    _, every, _ = judge.prepare("losses.bce", 5)
    _, only, data = judge.prepare("losses.bce", 5, case=3)
    assert [c.description for c in only] == [every[3].description]
    assert len(data["cases"]) == 1  # type: ignore[arg-type]


def test_unknown_question_is_a_usage_error() -> None:
    with pytest.raises(PrepError):
        judge.prepare("attention.nope", 1)


def test_missing_results_are_a_runtime_error() -> None:
    task, cases, _ = judge.prepare("losses.bce", 1)
    assert judge.evaluate(task, cases, None).verdict is Verdict.RUNTIME_ERROR


def test_tampered_results_are_a_runtime_error() -> None:
    task, cases, _ = judge.prepare("losses.bce", 1)
    forged = {"forbidden": [], "error": None, "invalid": None, "cases": [{"x": 1}]}
    assert judge.evaluate(task, cases, forged).verdict is Verdict.RUNTIME_ERROR


def test_unreadable_results_file_reads_as_none() -> None:
    assert judge.read_results(b"not a pickle") is None


def test_forbidden_call_at_run_time_wins() -> None:
    task, cases, _ = judge.prepare("losses.bce", 1)
    results = {"forbidden": ["F.binary_cross_entropy"], "error": None, "cases": []}
    evaluation = judge.evaluate(task, cases, results)
    assert evaluation.verdict is Verdict.FORBIDDEN
    assert evaluation.diagnosis == "F.binary_cross_entropy"


def test_screen_reports_syntax_error_with_line() -> None:
    task = get_task("losses.bce")
    evaluation = judge.screen(task, "def f(:\n", 44)
    assert evaluation is not None
    assert evaluation.verdict is Verdict.INVALID_SUBMISSION
    assert "line 1" in (evaluation.diagnosis or "")


def test_preparing_and_judging_is_fast() -> None:
    judge.prepare("attention.scaled-dot-product", 0)  # imports and warms up torch
    start = time.perf_counter()
    task, cases, _ = judge.prepare("attention.scaled-dot-product", 11)
    for case in cases:
        task.reference(case)
    # Generous: a regression guard on a shared machine, not a benchmark.
    assert time.perf_counter() - start < 3.0


def _saved(data: dict[str, object]) -> bytes:
    buffer = io.BytesIO()
    torch.save(data, buffer)
    return buffer.getvalue()
