"""Hostile submissions graded end to end: the right verdict, nothing leaked.

Each folder holds a submission written to attack the grader and the
verdict it must get. Limits are shortened so that the slow ones (an endless
loop) end in seconds; every process they start lives in the sandbox's own
pid namespace, or its session where namespaces are missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_cli.grading import grader, sandbox

FOLDER = Path(__file__).resolve().parent / "submit_hostile"
CASES = sorted(p.parent for p in FOLDER.glob("*/submission.py"))
MARKER = Path("/tmp/prep-pickle-exploit-ran")
LIMITS = sandbox.Limits(wall_s=12.0, cpu_s=8)


@pytest.fixture
def secret_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREP_TEST_SECRET", "s3cret-value")


@pytest.mark.parametrize("folder", [pytest.param(p, id=p.name) for p in CASES])
def test_hostile_submission_is_held(folder: Path, secret_env: None) -> None:
    expected = json.loads((folder / "expected.json").read_text())
    MARKER.unlink(missing_ok=True)
    source = (folder / "submission.py").read_text()
    report = grader.grade(
        "attention.scaled-dot-product",
        source,
        seed=3,
        hidden=grader.default_hidden(),
        limits=LIMITS,
    )
    assert report.verdict == expected["verdict"], report
    if expected.get("marker_absent"):
        assert not MARKER.exists()
    if "stdout_lacks" in expected:
        assert expected["stdout_lacks"] not in report.output
    assert len(report.output) <= 2 * LIMITS.output_bytes
