"""``prep check`` keeps CONTRACT.md section 2: verdicts, JSON and exit codes."""

from __future__ import annotations

import pytest

from tests.conftest import RunPrep


def test_correct_answer_exits_zero(prep: RunPrep) -> None:
    run = prep("check", "--json", "optimizers.adam-bias-factor", "1 - β₁^t")
    assert run.code == 0
    document = run.json()
    assert document["question"] == "optimizers.adam-bias-factor"
    assert document["verdict"] == "correct"
    assert {"feedback", "expected"} <= set(document)


def test_known_mistake_gets_its_feedback(prep: RunPrep) -> None:
    run = prep("check", "--json", "optimizers.adam-bias-factor", "1 - beta_1 t")
    assert run.code == 1
    document = run.json()
    assert document["verdict"] == "incorrect"
    assert document["feedback"]


def test_unreadable_answer_says_where(prep: RunPrep) -> None:
    run = prep("check", "--json", "attention.scaling-factor", "1/sqrt(d_k")
    assert run.code == 1
    document = run.json()
    assert document["verdict"] == "invalid"
    assert document["feedback"]


def test_answer_after_double_dash(prep: RunPrep) -> None:
    run = prep("check", "losses.bce", "--", "-(y log p + (1-y) log(1-p))")
    assert run.code == 0
    assert "CORRECT" in run.out


def test_human_output_shows_reading(prep: RunPrep) -> None:
    run = prep("check", "attention.scaling-factor", "dk^(-1/2)")
    assert run.code == 0
    assert "read as:" in run.out


def test_json_prints_only_json(prep: RunPrep) -> None:
    run = prep("check", "--json", "regularization.l2-gradient", "2 lambda w_i")
    assert run.code == 0
    assert run.out.strip().startswith("{") and run.out.strip().endswith("}")


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("check", "nope.nope", "1"), id="unknown-id"),
        pytest.param(("check", "attention.scaling-factor"), id="missing-answer"),
        pytest.param(
            ("check", "attention.scaled-dot-product", "x"), id="code-question"
        ),
    ],
)
def test_usage_errors_exit_two(prep: RunPrep, args: tuple[str, ...]) -> None:
    run = prep(*args)
    assert run.code == 2
    assert "Traceback" not in run.err


def test_checked_answer_is_recorded(prep: RunPrep) -> None:
    prep("check", "losses.cce-one-hot", "--", "-log(p_c)")
    prep("check", "losses.cce-one-hot", "log(p_c)")
    (losses,) = prep("stats", "--json").json()["topics"]
    assert (losses["topic"], losses["attempted"], losses["correct"]) == ("losses", 2, 1)


def test_choice_answer_by_letter(prep: RunPrep) -> None:
    listing = prep("list", "--json", "--kind", "choice").json()["questions"]
    question = listing[0]["id"]
    verdicts = {prep("check", question, letter).code for letter in "abc"}
    assert verdicts == {0, 1}


def test_explain_question_points_to_the_quiz(prep: RunPrep) -> None:
    run = prep("check", "attention.scaling-justification", "because")
    assert run.code == 2
    assert run.err.startswith("prep: attention.scaling-justification is an explain")
    assert "prep quiz" in run.err
