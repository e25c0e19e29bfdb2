"""Verdicts and feedback on typed answers, as the quiz and `prep check` see them."""

# These tests type Unicode maths on purpose; letters that look like ASCII
# ones are the point, not a mistake.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest

from interview_cli.checking.judge import (
    BankAnswerError,
    Judgement,
    Verdict,
    interpret,
    judge,
    judge_numeric,
    judge_symbolic,
    warm_up,
)
from interview_cli.checking.symbols import Domain, Symbol

from .factories import BETA_1, D_K, LAMBDA, W_I, P, T, Y, Z, numeric, symbolic

REAL = Domain.REAL
POSITIVE = Domain.POSITIVE
WHOLE = Domain.POSITIVE_INTEGER


def _symbols(*pairs: tuple[str, Domain]) -> list[Symbol]:
    return [Symbol(name, domain) for name, domain in pairs]


# The required questions of CONTRACT.md section 2: (symbols, expected, another
# correct way of writing it).
CONTRACT = {
    "dot-product-variance": ([D_K], "d_k", "dk"),
    "scaling-factor": ([D_K], "1/sqrt(d_k)", "d_k^(-1/2)"),
    "positional-encoding-sin": (
        _symbols(("pos", WHOLE), ("i", WHOLE), ("d_model", WHOLE)),
        "sin(pos/10000^(2i/d_model))",
        "sin(pos·10000^(-2i/d_model))",
    ),
    "geometric-sum": ([BETA_1, T], "(1-beta_1^t)/(1-beta_1)", "(β₁ᵗ-1)/(β₁-1)"),
    "adam-bias-factor": ([BETA_1, T], "1-beta_1^t", "1 − β1^t"),
    "adam-update": (
        _symbols(
            ("w_t", REAL),
            ("eta", POSITIVE),
            ("m_hat", REAL),
            ("v_hat", POSITIVE),
            ("epsilon", POSITIVE),
        ),
        "w_t - eta*m_hat/(sqrt(v_hat)+epsilon)",
        "w_t - η m_hat/(√v_hat + ε)",
    ),
    "momentum-velocity": (
        _symbols(("gamma", REAL), ("v_prev", REAL), ("eta", POSITIVE), ("g_t", REAL)),
        "gamma*v_prev + eta*g_t",
        "η gt + γ v_prev",
    ),
    "bernoulli-likelihood": ([P, Y], "p^y (1-p)^(1-y)", "y p + (1-y)(1-p)"),
    "bce": ([P, Y], "-(y log p + (1-y) log(1-p))", "-y ln(p) - (1-y) ln(1-p)"),
    "bce-logit-gradient": ([Z, Y], "sigmoid(z) - y", "1/(1+e^(-z)) - y"),
    "cce-one-hot": (_symbols(("p_c", Domain.UNIT_INTERVAL)), "-log(p_c)", "log(1/pc)"),
    "l2-gradient": ([LAMBDA, W_I], "2 lambda w_i", "2λw_i"),
    "dropout-scale": ([P], "1/(1-p)", "(1 - p)^-1"),
}


@pytest.mark.parametrize(
    ("symbols", "expected", "alternative"),
    [pytest.param(*case, id=name) for name, case in CONTRACT.items()],
)
def test_contract_answers_are_correct(
    symbols: list[Symbol], expected: str, alternative: str
) -> None:
    question = symbolic(expected, symbols)
    for answer in (expected, alternative):
        judgement = judge_symbolic(question, answer)
        assert judgement.verdict is Verdict.CORRECT, (answer, judgement.feedback)


def test_verdicts_use_contract_words() -> None:
    assert [v.value for v in Verdict] == ["correct", "incorrect", "invalid"]


def test_correct_answer_reports_interpretation() -> None:
    judgement = judge_symbolic(symbolic("1-beta_1^t", [BETA_1, T]), "1-β1^t")
    assert judgement == Judgement(
        verdict=Verdict.CORRECT,
        feedback="Same as the expected answer, confirmed symbolically.",
        interpreted="1 − β₁ᵗ",
        expected="1 - beta_1**t",
        confirmed=True,
    )


def test_known_mistake_gets_own_feedback() -> None:
    question = symbolic("1/sqrt(d_k)", [D_K], ["d_k", "1/d_k"])
    judgement = judge_symbolic(question, "dk^-1")
    assert judgement.verdict is Verdict.INCORRECT
    assert judgement.feedback == "known: 1/d_k"
    assert judgement.mistake == "1/d_k"


def test_unknown_mistake_gets_counterexample() -> None:
    judgement = judge_symbolic(symbolic("1/sqrt(d_k)", [D_K], ["1/d_k"]), "2/d_k")
    assert judgement.verdict is Verdict.INCORRECT
    assert judgement.mistake is None
    assert "at d_k = " in judgement.feedback


def test_unreadable_answer_is_invalid_with_position() -> None:
    judgement = judge_symbolic(symbolic("1/sqrt(d_k)", [D_K]), "1/sqrt(x)")
    assert judgement.verdict is Verdict.INVALID
    assert judgement.position == 7
    assert judgement.interpreted is None
    assert judgement.feedback.startswith('unknown name "x" at column 8')


def test_interpret_shows_reading_before_judging() -> None:
    question = symbolic("2 lambda w_i", [LAMBDA, W_I])
    assert interpret(question, "2 lambda w_i") == "2·λ·wᵢ"


def test_broken_bank_answer_raises_bank_error() -> None:
    with pytest.raises(BankAnswerError, match=r"test\.symbolic"):
        judge_symbolic(symbolic("1/sqrt(q)", [D_K]), "d_k")


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param("0.7071", id="decimal"),
        pytest.param("1/sqrt(2)", id="fraction-of-root"),
        pytest.param("sqrt(2)/2", id="root-over-two"),
        pytest.param("√2/2", id="root-sign"),
        pytest.param("2^(-1/2)", id="negative-power"),
    ],
)
def test_numeric_forms_within_tolerance(answer: str) -> None:
    assert judge_numeric(numeric("sqrt(2)/2"), answer).verdict is Verdict.CORRECT


def test_numeric_outside_tolerance_is_incorrect() -> None:
    judgement = judge_numeric(numeric("1/8", rel_tol=1e-6), "0.1251")
    assert judgement.verdict is Verdict.INCORRECT
    assert "0.1251" in judgement.feedback


def test_numeric_absolute_tolerance_applies() -> None:
    question = numeric("0", abs_tol=1e-3)
    assert judge_numeric(question, "0.0005").verdict is Verdict.CORRECT


def test_numeric_mistake_gets_own_feedback() -> None:
    judgement = judge_numeric(numeric("1/8", ["1/64"]), "0.015625")
    assert (judgement.feedback, judgement.mistake) == ("known: 1/64", "1/64")


def test_numeric_answer_without_value_is_incorrect() -> None:
    assert judge_numeric(numeric("1/8"), "1/0").verdict is Verdict.INCORRECT


def test_numeric_answer_with_name_is_invalid() -> None:
    judgement = judge_numeric(numeric("1/8"), "1/d_k")
    assert (judgement.verdict, judgement.position) == (Verdict.INVALID, 2)


def test_judge_dispatches_on_question_kind() -> None:
    assert judge(numeric("1/8"), "1/8").verdict is Verdict.CORRECT
    assert judge(symbolic("d_k", [D_K]), "dk").verdict is Verdict.CORRECT


def test_numbers_alone_give_same_verdict() -> None:
    question = symbolic("1/sqrt(d_k)", [D_K], ["1/d_k"])
    for answer in ("d_k^(-1/2)", "1/dk", "2/dk"):
        quick = judge_symbolic(question, answer, symbolic=False)
        full = judge_symbolic(question, answer)
        assert (quick.verdict, quick.mistake) == (full.verdict, full.mistake)
        assert not quick.confirmed


def test_warm_up_imports_sympy() -> None:
    warm_up()
