"""Derivations: steps checked one by one, each linked to the step before."""
# Maths text in Unicode is the point of these strings.
# ruff: noqa: RUF001

from __future__ import annotations

from pathlib import Path

import pytest

from interview_cli.bank.loader import parse_files
from interview_cli.bank.model import DerivationQuestion
from interview_cli.bank.selftest import self_test
from tests.bank.demo_derivations import BANK, write_bank
from tests.bank.test_schema import problems_of
from tests.conftest import RunPrep


def load(tmp_path: Path, text: str = BANK) -> list[DerivationQuestion]:
    bank = parse_files([write_bank(tmp_path / "bank", text)])
    return [q for q in bank.questions if isinstance(q, DerivationQuestion)]


def test_demo_derivations_pass_their_self_test(tmp_path: Path) -> None:
    report = self_test(load(tmp_path))
    assert report.failures == []
    assert report.steps == 7


@pytest.mark.parametrize(
    ("right", "wrong", "complaint"),
    [
        ("follows: prev * p * (1 - p)", "follows: prev * p", "step 5 does not follow"),
        ("follows: -prev", "follows: prev", "step 3 does not follow"),
        ("          derivative: p", "          derivative: y", "steps.3.follows"),
        ("          sum_to: t", "          sum_to: t - 1", "step 2 does not follow"),
    ],
)
def test_a_step_that_does_not_follow_is_reported(
    tmp_path: Path, right: str, wrong: str, complaint: str
) -> None:
    assert right in BANK
    text = BANK.replace(right, wrong, 1)
    if complaint.startswith("steps."):  # caught by the schema, with its line
        found = problems_of(write_bank(tmp_path / "bank", text))
        assert any(
            complaint in problem and "real domain" in problem for problem in found
        )
        return
    failures = self_test(load(tmp_path, text)).failures
    assert len(failures) == 1
    assert complaint in failures[0]
    assert "the link gives" in failures[0]


def test_every_step_after_the_first_must_say_how_it_follows(tmp_path: Path) -> None:
    text = BANK.replace("        follows: log(prev)\n", "", 1)
    found = problems_of(write_bank(tmp_path / "bank", text))
    assert len(found) == 1
    assert "demo.bce: steps.1.follows: say how this step follows" in found[0]


def test_a_wrong_step_answer_fails_the_self_test(tmp_path: Path) -> None:
    text = BANK.replace("        answer: p - y\n", "        answer: y - p\n", 1)
    failures = self_test(load(tmp_path, text)).failures
    assert any("step 5: known mistake 'y - p' is judged correct" in f for f in failures)


def test_check_judges_one_step(prep: RunPrep, tmp_path: Path) -> None:
    bank = str(write_bank(tmp_path / "bank").parent)
    right = prep(
        "check",
        "demo.bce",
        "--step",
        "2",
        "y ln p + (1-y) ln(1-p)",
        "--bank",
        bank,
        "--json",
    )
    assert right.code == 0, right.err
    assert right.json()["step"] == 2
    wrong = prep("check", "demo.bce", "--step", "5", "y - p", "--bank", bank)
    assert wrong.code == 1
    assert "Opposite sign" in wrong.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["demo.bce", "p - y"],
            "is a derivation with 5 steps; check one with --step N",
        ),
        (["demo.bce", "--step", "6", "p - y"], "N from 1 to 5"),
        (["demo.std", "--step", "1", "4"], "--step is for derivations"),
    ],
)
def test_step_usage_errors_are_one_line(
    prep: RunPrep, tmp_path: Path, args: list[str], message: str
) -> None:
    bank = str(write_bank(tmp_path / "bank").parent)
    run = prep("check", *args, "--bank", bank)
    assert run.code == 2
    assert message in run.err
    assert len(run.err.strip().splitlines()) == 1


def test_show_lists_every_step(prep: RunPrep, tmp_path: Path) -> None:
    bank = str(write_bank(tmp_path / "bank").parent)
    run = prep("show", "demo.bce", "--bank", bank)
    assert run.code == 0
    for number, prompt in enumerate(
        ["P(y | p)", "The log-likelihood", "The loss", "dL/dp.", "dL/dz"], start=1
    ):
        assert f"{number}. {prompt}" in run.out
    assert "prep check demo.bce --step N ANSWER" in run.out


NUMERIC = """\
topic: demo
questions:
  - id: demo.decay-numbers
    kind: derivation
    difficulty: easy
    prompt: Weight decay with η = {{eta}} and λ = 0.5, in numbers.
    explanation: Each step multiplies w by 1 − ηλ.
    params:
      eta: [0.1, 0.2]
    symbols: []
    steps:
      - prompt: The factor for one step.
        numeric: true
        answer: 1 - {{eta}}/2
        mistakes:
          - answer: 1 - {{eta}}
            feedback: Multiply η by λ = 0.5 first.
      - prompt: The factor for three steps.
        numeric: true
        answer: (1 - {{eta}}/2)^3
        follows: prev^3
"""


def test_numeric_steps_with_params_are_checked_per_variant(
    tmp_path: Path, prep: RunPrep
) -> None:
    report = self_test(load(tmp_path, NUMERIC))
    assert report.failures == [] and report.variants == 2 and report.steps == 4
    broken = NUMERIC.replace("follows: prev^3", "follows: prev^2")
    failures = self_test(load(tmp_path, broken)).failures
    assert len(failures) == 2  # one per variant
    assert all("(seed " in f and "step 2 does not follow" in f for f in failures)
    bank = str(tmp_path / "bank")
    write_bank(tmp_path / "bank", NUMERIC)
    eta = prep("show", "demo.decay-numbers", "--seed", "3", "--bank", bank).out
    value = 0.95 if "η = 0.1" in eta else 0.9
    run = prep(
        "check",
        "demo.decay-numbers",
        str(value**3),
        "--step",
        "2",
        "--seed",
        "3",
        "--bank",
        bank,
    )
    assert run.code == 0, run.out
