"""Randomised questions: a seed names one variant, the same everywhere."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from interview_cli.bank import variants
from interview_cli.bank.loader import load_bank, parse_files
from interview_cli.bank.model import NumericQuestion, SymbolicQuestion
from interview_cli.checking.answers import judge
from tests.bank.demo_derivations import BANK, write_bank
from tests.bank.test_schema import problems_of
from tests.conftest import RunPrep

PREP = str(Path(sys.executable).parent / "prep")


def demo(tmp_path: Path, name: str) -> SymbolicQuestion | NumericQuestion:
    bank = parse_files([write_bank(tmp_path / "bank")])
    question = bank.get(name)
    assert isinstance(question, SymbolicQuestion | NumericQuestion)
    return question


def test_seed_fills_prompt_answer_and_explanation(tmp_path: Path) -> None:
    question = demo(tmp_path, "demo.std")
    for seed in range(1, 30):
        asked = variants.instantiate(question, seed)
        d_k = variants.draw(question.params, seed)["d_k"]
        assert f"d_k = {d_k}." in asked.prompt
        root = {"16": "4", "64": "8", "256": "16"}[d_k]
        assert asked.explanation.strip().endswith(f"= {root}.")
        assert judge(asked, root).verdict.value == "correct"
        wrong = judge(asked, d_k)
        assert wrong.verdict.value == "incorrect"
        assert wrong.feedback == "That is the variance."


def test_computed_prose_shows_six_significant_digits() -> None:
    question = load_bank().get("regularization.dropout-survivor")
    for seed in variants.seeds(question, 20):
        values = variants.draw(question.params, seed)
        if values == {"p": "0.3", "a": "2"}:
            asked = variants.instantiate(question, seed)
            assert "2/0.7 = 2.85714." in asked.explanation
            return
    pytest.fail("no seed draws p = 0.3 and a = 2")


def test_seeds_cover_every_value_and_repeat_exactly(tmp_path: Path) -> None:
    question = demo(tmp_path, "demo.decay")
    drawn = [variants.draw(question.params, seed) for seed in range(1, 200)]
    assert {d["eta"] for d in drawn} == {"0.1", "0.01", "0.5"}
    assert {d["n"] for d in drawn} == {str(n) for n in range(1, 21)}
    assert drawn == [variants.draw(question.params, seed) for seed in range(1, 200)]
    assert variants.count(question) == 60


def test_symbolic_variant_is_judged_exactly(tmp_path: Path) -> None:
    question = demo(tmp_path, "demo.decay")
    seed = next(
        s
        for s in range(1, 100)
        if variants.draw(question.params, s) == {"eta": "0.1", "n": "3"}
    )
    asked = variants.instantiate(question, seed)
    assert judge(asked, "(1 - lambda/10)^3").verdict.value == "correct"
    assert judge(asked, "1 - 0.3 lambda").mistake is not None
    assert judge(asked, "(1 - 0.1 lambda)^2").verdict.value == "incorrect"


def test_same_seed_shows_the_same_variant_in_separate_processes(
    tmp_path: Path,
) -> None:
    write_bank(tmp_path / "bank")
    env = {**os.environ, "PREP_HOME": str(tmp_path / "home"), "COLUMNS": "100"}

    def show(seed: str) -> str:
        args = [
            PREP,
            "show",
            "demo.decay",
            "--seed",
            seed,
            "--bank",
            str(tmp_path / "bank"),
        ]
        return subprocess.run(
            args, env=env, capture_output=True, text=True, check=True
        ).stdout

    first = show("77")
    assert first == show("77")
    assert "Variant 77" in first
    assert any(show(str(seed)) != first for seed in (1, 2, 3))


def test_check_replays_a_stored_seed(prep: RunPrep, tmp_path: Path) -> None:
    bank = str(write_bank(tmp_path / "bank").parent)
    question = demo(tmp_path, "demo.std")
    seed = next(
        s for s in range(1, 50) if variants.draw(question.params, s)["d_k"] == "256"
    )
    right = prep(
        "check", "demo.std", "16", "--seed", str(seed), "--bank", bank, "--json"
    )
    assert right.code == 0, right.err
    assert right.json()["seed"] == seed
    default = prep("check", "demo.std", "16", "--bank", bank, "--json")
    d_k = variants.draw(question.params, variants.DEFAULT_SEED)["d_k"]
    assert (default.code == 0) == (d_k == "256")
    assert default.json()["seed"] == variants.DEFAULT_SEED
    history = prep("history", "--json").json()["entries"]
    assert [entry["seed"] for entry in history] == [variants.DEFAULT_SEED, seed]
    table = prep("history").out
    assert f"demo.std@{seed}" in table


def test_shipped_bank_randomises_every_topic() -> None:
    randomised = [q for q in load_bank().questions if q.params]
    assert len(randomised) >= 10
    topics = {q.topic for q in randomised}
    assert topics == {"attention", "losses", "optimizers", "regularization"}


def test_check_replays_a_shipped_variant(prep: RunPrep) -> None:
    seed = "48213"  # the variant the README shows
    question = load_bank().get("attention.qk-std")
    d_k = variants.draw(question.params, int(seed))["d_k"]

    def check(answer: str) -> dict[str, str]:
        run = prep("check", "attention.qk-std", answer, "--seed", seed, "--json")
        return dict(run.json())

    shown = prep("show", "attention.qk-std", "--seed", seed).out
    assert shown == prep("show", "attention.qk-std", "--seed", seed).out
    assert f"d_k = {d_k} components" in shown
    first = check(d_k)
    assert first == check(d_k)
    assert first["expected"] == f"{math.sqrt(int(d_k)):.6g}"
    assert first["feedback"].startswith(f"{d_k} is the variance of q·k.")
    assert check(f"sqrt({d_k})")["verdict"] == "correct"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("d_k = {{d_k}}.", "'{{dk2}}' in a text field"),
        ("      d_k: [16, 64, 256]", "param 'n2' is never used"),
        ("      d_k: [16, 64, 256]", "a value is listed twice"),
        ("      n: {from: 1, to: 20}", "a range runs upwards"),
    ],
)
def test_placeholder_mistakes_are_reported(
    tmp_path: Path, change: str, message: str
) -> None:
    replacement = {
        "'{{dk2}}' in a text field": "d_k = {{dk2}}.",
        "param 'n2' is never used": "      d_k: [16, 64, 256]\n      n2: [1, 2]",
        "a value is listed twice": "      d_k: [16, 64, 16]",
        "a range runs upwards": "      n: {from: 20, to: 1}",
    }[message]
    assert change in BANK
    text = BANK.replace(change, replacement, 1)
    found = problems_of(write_bank(tmp_path / "bank", text))
    assert any(message in problem for problem in found), found
    assert all(":" in problem.split(" ")[0] for problem in found)  # file:line first
