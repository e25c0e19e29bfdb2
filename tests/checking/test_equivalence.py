"""Deciding whether two formulas agree over the symbols' domains."""

from __future__ import annotations

import threading

import pytest

from interview_cli.checking.equivalence import (
    Comparison,
    Outcome,
    compare,
    compare_numerically,
)
from interview_cli.checking.parse import parse_answer
from interview_cli.checking.symbols import Symbol

from .factories import BETA_1, D_K, LAMBDA, W_I, P, T, X, Y, Z

ALL = (BETA_1, D_K, LAMBDA, P, T, W_I, X, Y, Z)


def compared(
    reference: str, answer: str, symbols: tuple[Symbol, ...] = ALL
) -> Comparison:
    """The comparison of two typed formulas."""
    return compare(
        parse_answer(reference, symbols), parse_answer(answer, symbols), symbols
    )


@pytest.mark.parametrize(
    ("reference", "answer"),
    [
        pytest.param("1/sqrt(d_k)", "d_k**(-1/2)", id="scaling-as-power"),
        pytest.param(
            "-(y log p + (1-y) log(1-p))",
            "-y log(p) - (1-y) log(1-p)",
            id="bce-expanded",
        ),
        pytest.param("sigmoid(z) - y", "1/(1+exp(-z)) - y", id="sigmoid-spelled-out"),
        pytest.param("sigmoid(z) - y", "(1 + tanh(z/2))/2 - y", id="sigmoid-as-tanh"),
        pytest.param("p^y (1-p)^(1-y)", "y p + (1-y)(1-p)", id="bernoulli-on-binary"),
        pytest.param(
            "(1-beta_1^t)/(1-beta_1)",
            "(beta_1^t - 1)/(beta_1 - 1)",
            id="geometric-sum-flipped",
        ),
        pytest.param("1-beta_1^t", "1 - β₁ᵗ", id="bias-factor-unicode"),
        pytest.param("2 lambda w_i", "λ·w_i·2", id="l2-gradient-reordered"),
        pytest.param("-log(p)", "log(1/p)", id="log-of-reciprocal"),
        pytest.param("d_k", "sqrt(d_k)^2", id="root-squared-on-positive"),
    ],
)
def test_equivalent_forms_are_same(reference: str, answer: str) -> None:
    result = compared(reference, answer)
    assert result.outcome is Outcome.SAME
    assert result.confirmed


@pytest.mark.parametrize(
    ("reference", "answer"),
    [
        pytest.param("1/sqrt(d_k)", "1/d_k", id="variance-not-std"),
        pytest.param("1-beta_1^t", "beta_1 t", id="product-not-power"),
        pytest.param("(1-beta_1^t)/(1-beta_1)", "1/(1-beta_1)", id="infinite-sum"),
        pytest.param("p^y (1-p)^(1-y)", "p^y (1-p)^y", id="wrong-exponent"),
        pytest.param("sigmoid(z) - y", "y - sigmoid(z)", id="sign-flipped"),
        pytest.param("x", "x + 1e-6", id="tiny-offset"),
        pytest.param("1/(1-p)", "1/(1-p) + 1e-12", id="offset-below-float-tol"),
        pytest.param("1/(1-p)", "1/(1-p) (1 + 1e-10)", id="factor-near-one"),
    ],
)
def test_different_forms_are_different(reference: str, answer: str) -> None:
    assert compared(reference, answer).outcome is Outcome.DIFFERENT


def test_difference_reports_a_counterexample() -> None:
    result = compared("1/sqrt(d_k)", "1/d_k")
    assert result.point is not None and result.point["d_k"] > 1
    assert result.answer_value != result.reference_value


def test_close_values_are_shown_apart() -> None:
    result = compared("1/(1-p)", "1/(1-p) + 1e-9")
    assert result.answer_value != result.reference_value


def test_cancellation_judged_in_high_precision() -> None:
    # In doubles the left side loses every digit of x^2 to cancellation.
    assert compared("x^2", "(x + 1e10)^2 - 1e20 - 2e10 x").outcome is Outcome.SAME


def test_points_undefined_for_reference_are_skipped() -> None:
    assert compared("log(x)", "log(|x|)").outcome is Outcome.SAME


def test_answer_undefined_where_reference_defined() -> None:
    result = compared("x", "sqrt(x)^2")
    assert result.outcome is Outcome.DIFFERENT
    assert result.answer_value is None


def test_reference_rarely_defined_is_undecided() -> None:
    assert compared("sqrt(-1 - x^2)", "0").outcome is Outcome.UNDECIDED


def test_binary_symbol_checked_at_both_values() -> None:
    assert compared("y", "y^2", (Y,)).outcome is Outcome.SAME
    assert compared("y", "y^2", (X, Symbol("y"))).outcome is Outcome.DIFFERENT


def test_verdict_is_deterministic() -> None:
    assert compared("x^2", "x^2 + 1") == compared("x^2", "x^2 + 1")


def test_symbolic_step_only_confirms() -> None:
    reference, answer = parse_answer("x^2", (X,)), parse_answer("x*x", (X,))
    results: list[Comparison] = []
    thread = threading.Thread(
        target=lambda: results.append(compare(reference, answer, (X,)))
    )
    thread.start()
    thread.join()
    assert results == [Comparison(Outcome.SAME, confirmed=False)]


def test_constant_formulas_compare_once() -> None:
    tree = parse_answer("1/8")
    assert compare_numerically(tree, parse_answer("0.125"), ()).outcome is Outcome.SAME


def test_capital_letters_stay_plain_symbols() -> None:
    # sympy's parser would read E, I, S, N and Q as its own objects.
    symbols = tuple(Symbol(name) for name in "EISNQ")
    result = compared("E + I*S - N/Q", "-N/Q + S*I + E", symbols)
    assert (result.outcome, result.confirmed) == (Outcome.SAME, True)
