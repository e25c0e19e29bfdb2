"""The warm worker of ``prep submit --watch``: same verdicts, nothing carried over."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_cli.grading import grader, sandbox

HERE = Path(__file__).resolve().parent
ATTENTION = HERE / "golden" / "attention.scaled-dot-product"
QUESTION = "attention.scaled-dot-product"


def source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def worker() -> Iterator[grader.WarmWorker]:
    limits = sandbox.Limits(wall_s=8.0, cpu_s=6)
    warm = grader.WarmWorker((Path.home(),), limits)
    yield warm
    warm.close()


def test_worker_gives_the_same_verdicts(worker: grader.WarmWorker) -> None:
    right = source(ATTENTION / "accepted-einsum" / "submission.py")
    wrong = source(ATTENTION / "wrong-no-scale" / "submission.py")
    verdicts = [
        worker.grade(QUESTION, text, seed=11).verdict for text in (right, wrong, right)
    ]
    assert verdicts == ["accepted", "wrong_answer", "accepted"]


def test_worker_names_mistake_and_isolation(worker: grader.WarmWorker) -> None:
    wrong = source(ATTENTION / "wrong-softmax-axis" / "submission.py")
    report = worker.grade(QUESTION, wrong, seed=12)
    assert report.diagnosis
    assert "warm worker" in report.isolation


def test_daemon_does_not_outlive_its_run(worker: grader.WarmWorker) -> None:
    report = worker.grade(QUESTION, source(HERE / "worker" / "daemon.py"), seed=13)
    assert report.verdict == "accepted"
    trace = worker.scratch / "daemon-alive"
    if "pid namespace" not in report.isolation:
        pytest.skip("without a pid namespace only the run's session is killed")
    size = trace.stat().st_size if trace.exists() else 0
    time.sleep(0.5)
    assert (trace.stat().st_size if trace.exists() else 0) == size


def test_endless_loop_hits_time_limit(worker: grader.WarmWorker) -> None:
    loop = source(HERE / "submit_hostile" / "infinite-loop" / "submission.py")
    assert worker.grade(QUESTION, loop, seed=14).verdict == "time_limit_exceeded"
    right = source(ATTENTION / "accepted-matmul" / "submission.py")
    assert worker.grade(QUESTION, right, seed=15).verdict == "accepted"
