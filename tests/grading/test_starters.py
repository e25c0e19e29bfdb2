"""Starter files parse, pass the source check, and fail only for lack of an answer."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from interview_cli.grading import judge
from interview_cli.grading.judge import Evaluation, Verdict
from interview_cli.grading.starters import starter
from interview_cli.grading.tasks import QUESTION_IDS, get_task
from tests.grading.conftest import RUNNER


@pytest.mark.parametrize("question", QUESTION_IDS)
def test_starter_defines_entry_point(question: str) -> None:
    tree = ast.parse(starter(question))
    names = {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.ClassDef)
    }
    assert get_task(question).entry_point in names


@pytest.mark.parametrize("question", QUESTION_IDS)
def test_starter_passes_source_check(question: str) -> None:
    assert judge.screen(get_task(question), starter(question), 1) is None


@pytest.fixture(scope="module")
def starter_evaluations(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Evaluation]:
    root = tmp_path_factory.mktemp("starters")
    folders = {}
    for question in QUESTION_IDS:
        folder = root / question
        folder.mkdir()
        _, _, data = judge.prepare(question, 2)
        judge.write_cases(folder / "cases.pt", data)
        (folder / "submission.py").write_text(starter(question))
        folders[question] = folder
    command = [sys.executable, "-I", str(RUNNER), str(judge.HARNESS)]
    subprocess.run([*command, *map(str, folders.values())], check=True, timeout=300)
    return {q: _evaluate(q, folder) for q, folder in folders.items()}


def _evaluate(question: str, folder: Path) -> Evaluation:
    task, cases, _ = judge.prepare(question, 2)
    results = judge.read_results((folder / "results.pt").read_bytes())
    return judge.evaluate(task, cases, results)


@pytest.mark.parametrize("question", QUESTION_IDS)
def test_starter_is_graded_as_not_implemented(
    question: str, starter_evaluations: dict[str, Evaluation]
) -> None:
    evaluation = starter_evaluations[question]
    assert evaluation.verdict is Verdict.RUNTIME_ERROR
    assert evaluation.failed_case is not None
    assert "NotImplementedError" in evaluation.failed_case.detail
