"""harness.py run for real, as the sandbox runs it: ``python -I harness.py``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import torch

from interview_cli.grading import judge
from interview_cli.grading.judge import Verdict

SUBMISSION = """
import math

import torch


def helper(scores):
    if scores.dtype == torch.float64 and scores.dim() == 2:
        raise ValueError("float64 without batch dims")
    return torch.softmax(scores, dim=-1)


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(mask == 0, float("-inf"))
    weights = helper(scores)
    return weights @ v, weights
"""


def run_harness(tmp_path: Path, source: str, question: str) -> dict[str, object]:
    _, _, data = judge.prepare(question, 5)
    judge.write_cases(tmp_path / "cases.pt", data)
    (tmp_path / "submission.py").write_text(source)
    shutil.copy(judge.HARNESS, tmp_path / "harness.py")
    command = [sys.executable, "-I", "harness.py"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    results = judge.read_results((tmp_path / "results.pt").read_bytes())
    assert results is not None
    return results


def test_harness_reports_error_with_learner_frames_only(tmp_path: Path) -> None:
    results = run_harness(tmp_path, SUBMISSION, "attention.scaled-dot-product")
    task, cases, _ = judge.prepare("attention.scaled-dot-product", 5)
    evaluation = judge.evaluate(task, cases, results)
    assert evaluation.verdict is Verdict.RUNTIME_ERROR
    failed = evaluation.failed_case
    assert failed is not None and failed.traceback is not None
    assert 'File "submission.py"' in failed.traceback
    assert "in helper" in failed.traceback
    assert "harness" not in failed.traceback
    assert "site-packages" not in failed.traceback


def test_harness_writes_only_plain_data(tmp_path: Path) -> None:
    results = run_harness(tmp_path, SUBMISSION, "attention.scaled-dot-product")
    cases = results["cases"]
    assert isinstance(cases, list)
    record = cases[0]
    assert isinstance(record, dict)
    assert isinstance(record["outputs"][0], torch.Tensor)
    assert record["modified"] == []
    assert isinstance(record["seconds"], float)


def test_harness_guard_records_forbidden_call(tmp_path: Path) -> None:
    source = (
        "import importlib\n"
        "def binary_cross_entropy(p, y):\n"
        "    F = importlib.import_module('torch.nn.' + 'functional')\n"
        "    try:\n"
        "        return getattr(F, 'binary_cross_' + 'entropy')(p, y)\n"
        "    except Exception:\n"
        "        return -(y * p.log() + (1 - y) * (1 - p).log()).mean()\n"
    )
    results = run_harness(tmp_path, source, "losses.bce")
    assert results["forbidden"] == ["F.binary_cross_entropy"]
