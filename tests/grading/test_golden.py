"""Every golden submission gets the verdict, diagnosis and note its folder expects."""

from __future__ import annotations

import pytest

from interview_cli.grading.judge import Evaluation
from interview_cli.grading.tasks import QUESTION_IDS
from tests.grading.conftest import Golden, golden_folders

GOLDENS = golden_folders()


@pytest.mark.parametrize("golden", GOLDENS, ids=[g.id for g in GOLDENS])
def test_golden_submission_gets_its_verdict(
    golden: Golden, golden_evaluations: dict[str, Evaluation | Exception]
) -> None:
    evaluation = golden_evaluations[golden.id]
    if isinstance(evaluation, Exception):
        raise evaluation
    expected = golden.expected
    report = evaluation.as_dict()
    assert evaluation.verdict.value == expected["verdict"], report
    if "diagnosis" in expected:
        assert evaluation.diagnosis == expected["diagnosis"], report
    if "note" in expected:
        assert expected["note"] in evaluation.notes, report


@pytest.mark.parametrize("question", QUESTION_IDS)
def test_every_question_has_accepted_golden(question: str) -> None:
    verdicts = [g.expected["verdict"] for g in GOLDENS if g.question == question]
    assert "accepted" in verdicts


def test_accepted_goldens_pass_every_case(
    golden_evaluations: dict[str, Evaluation | Exception],
) -> None:
    for golden in GOLDENS:
        evaluation = golden_evaluations[golden.id]
        if golden.expected["verdict"] == "accepted":
            assert isinstance(evaluation, Evaluation), golden.id
            assert evaluation.passed == evaluation.total >= 16, golden.id
