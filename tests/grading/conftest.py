"""Golden submissions, graded once per session through the real harness.

Each golden folder holds a ``submission.py`` and the ``expected.json`` it
must get. The session fixture prepares every folder's cases, screens the
source like the grader does, runs the harness on all of them from one warm
interpreter (``fork_runner.py``), then evaluates each result here.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from interview_cli.grading import judge
from interview_cli.grading.judge import Evaluation

GOLDEN = Path(__file__).parent / "golden"
RUNNER = Path(__file__).parent / "fork_runner.py"
SEED = 20240607


@dataclass(frozen=True)
class Golden:
    """One golden folder: a submission and what it must be judged."""

    question: str
    name: str
    folder: Path

    @property
    def expected(self) -> dict[str, object]:
        data: dict[str, object] = json.loads(
            (self.folder / "expected.json").read_text()
        )
        return data

    @property
    def id(self) -> str:
        return f"{self.question}/{self.name}"


def golden_folders() -> list[Golden]:
    return [
        Golden(folder.parent.name, folder.name, folder)
        for folder in sorted(GOLDEN.glob("*/*"))
        if (folder / "submission.py").exists()
    ]


def prepare_scratch(
    golden: Golden, scratch: Path, seed: int = SEED
) -> Evaluation | None:
    """Fill ``scratch`` with cases.pt and the submission, unless screening decides."""
    task, cases, data = judge.prepare(golden.question, seed)
    source = (golden.folder / "submission.py").read_text()
    screened = judge.screen(task, source, len(cases))
    if screened is not None:
        return screened
    scratch.mkdir(parents=True)
    judge.write_cases(scratch / "cases.pt", data)
    shutil.copy(golden.folder / "submission.py", scratch / "submission.py")
    return None


def read_evaluation(golden: Golden, scratch: Path, seed: int = SEED) -> Evaluation:
    task, cases, _ = judge.prepare(golden.question, seed)
    results_file = scratch / "results.pt"
    results = (
        judge.read_results(results_file.read_bytes()) if results_file.exists() else None
    )
    return judge.evaluate(task, cases, results)


@pytest.fixture(scope="session")
def golden_evaluations(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Evaluation | Exception]:
    """Every golden folder's evaluation (or the error evaluating it), keyed by id."""
    root = tmp_path_factory.mktemp("golden")
    found: dict[str, Evaluation | Exception] = {}
    pending: list[tuple[Golden, Path]] = []
    for golden in golden_folders():
        scratch = root / golden.question / golden.name
        screened = prepare_scratch(golden, scratch)
        if screened is not None:
            found[golden.id] = screened
        else:
            pending.append((golden, scratch))
    command = [sys.executable, "-I", str(RUNNER), str(judge.HARNESS)]
    subprocess.run([*command, *(str(s) for _, s in pending)], check=True, timeout=600)
    for golden, scratch in pending:
        try:
            found[golden.id] = read_evaluation(golden, scratch)
        except Exception as error:  # reported by that golden's own test
            found[golden.id] = error
    return found
