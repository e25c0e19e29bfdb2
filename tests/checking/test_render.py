"""Writing answers back out for people and for JSON."""

# These tests type Unicode maths on purpose; letters that look like ASCII
# ones are the point, not a mistake.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest

from interview_cli.checking.parse import parse_answer
from interview_cli.checking.render import to_ascii, to_unicode
from interview_cli.checking.symbols import Symbol

from .factories import BETA_1, D_K, LAMBDA, W_I, P, T, X, Y, Z

ALL = (BETA_1, D_K, LAMBDA, P, T, W_I, X, Y, Z, Symbol("d_model"))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param("beta_1^t/(1-beta_1)", "β₁ᵗ/(1 − β₁)", id="geometric"),
        pytest.param("2 lambda w_i", "2·λ·wᵢ", id="l2-gradient"),
        pytest.param("1/sqrt(d_k)", "1/√dₖ", id="scaling"),
        pytest.param("sigmoid(z) - y", "σ(z) − y", id="logit-gradient"),
        pytest.param(
            "-(y log p + (1-y) log(1-p))",
            "−(y·log(p) + (1 − y)·log(1 − p))",
            id="bce",
        ),
        pytest.param("|x|", "|x|", id="absolute-value"),
        pytest.param("e^(-z)", "e⁻ᶻ", id="superscript-exponent"),
        pytest.param("x^(1-y)", "x^(1 − y)", id="bracketed-exponent"),
        pytest.param("d_model", "d_model", id="long-subscript-kept"),
    ],
)
def test_unicode_rendering_reads_naturally(text: str, shown: str) -> None:
    assert to_unicode(parse_answer(text, ALL)) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param("1-β₁ᵗ", "1 - beta_1**t", id="bias-factor"),
        pytest.param("1/√dₖ", "1/sqrt(d_k)", id="scaling"),
        pytest.param("σ(z)", "sigmoid(z)", id="sigmoid"),
        pytest.param("|x|", "abs(x)", id="abs"),
        pytest.param("e^x", "exp(x)", id="e-power"),
    ],
)
def test_ascii_rendering_uses_canonical_names(text: str, shown: str) -> None:
    assert to_ascii(parse_answer(text, ALL)) == shown


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("x - (y - z)", id="nested-difference"),
        pytest.param("x/(y*z)", id="divided-product"),
        pytest.param("(-x)^2", id="negative-base"),
        pytest.param("-x^2", id="negated-power"),
        pytest.param("(x^2)^3", id="power-of-power"),
        pytest.param("x^y^z", id="power-tower"),
        pytest.param("2*(-x)", id="negative-factor"),
        pytest.param("-(-x)", id="double-negation"),
        pytest.param("x + (-y)*z", id="negative-term"),
        pytest.param("||x| - 1|", id="nested-abs"),
        pytest.param("sqrt(x + 1)^2", id="root-squared"),
    ],
)
def test_rendering_reads_back_identically(text: str) -> None:
    tree = parse_answer(text, ALL)
    assert parse_answer(to_unicode(tree), ALL) == tree
    assert parse_answer(to_ascii(tree), ALL) == tree
