"""Reading answers as people type them."""

# These tests type Unicode maths on purpose; letters that look like ASCII
# ones are the point, not a mistake.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from interview_cli.checking.expr import AnswerSyntaxError, BinOp, Name, Neg, Number
from interview_cli.checking.parse import parse_answer
from interview_cli.checking.render import to_ascii
from interview_cli.checking.symbols import Symbol

from .factories import BETA_1, D_K, LAMBDA, W_I, P, T, X, Y, Z

ALL = (BETA_1, D_K, LAMBDA, P, T, W_I, X, Y, Z, Symbol("i"))


def reads_as(text: str, symbols: tuple[Symbol, ...] = ALL) -> str:
    """The canonical ASCII form of how ``text`` was read."""
    return to_ascii(parse_answer(text, symbols))


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        pytest.param("x**2", "x**2", id="double-star-power"),
        pytest.param("x^2", "x**2", id="caret-power"),
        pytest.param("2^3^2", "2**3**2", id="power-right-associative"),
        pytest.param("x·y", "x*y", id="middle-dot"),
        pytest.param("x×y", "x*y", id="times-sign"),
        pytest.param("x÷y", "x/y", id="division-sign"),
        pytest.param("1 − x", "1 - x", id="unicode-minus"),
        pytest.param("0.5x", "0.5*x", id="decimal"),
        pytest.param("1e-8 + x", "1e-8 + x", id="scientific"),
        pytest.param("ln(p)", "log(p)", id="ln-is-log"),
        pytest.param("log p", "log(p)", id="log-without-brackets"),
        pytest.param("e^x", "exp(x)", id="e-power-is-exp"),
        pytest.param("exp(-x)", "exp(-x)", id="exp"),
        pytest.param("√x", "sqrt(x)", id="root-sign"),
        pytest.param("√(x+1)", "sqrt(x + 1)", id="root-sign-brackets"),
        pytest.param("sqrt x", "sqrt(x)", id="sqrt-without-brackets"),
        pytest.param("sin x + cos x", "sin(x) + cos(x)", id="sin-cos"),
        pytest.param("tan(x) tanh(x)", "tan(x)*tanh(x)", id="tan-tanh"),
        pytest.param("σ(z)", "sigmoid(z)", id="sigma-letter"),
        pytest.param("sigma(z)", "sigmoid(z)", id="sigma-word"),
        pytest.param("sigmoid(z)", "sigmoid(z)", id="sigmoid-word"),
        pytest.param("|x - 1|", "abs(x - 1)", id="bars-are-abs"),
        pytest.param("sgn(x)", "sign(x)", id="sgn-is-sign"),
        pytest.param("π x", "pi*x", id="pi-letter"),
        pytest.param("x²", "x**2", id="superscript-digit"),
        pytest.param("x⁻¹", "x**(-1)", id="superscript-minus"),
        pytest.param("β₁ᵗ", "beta_1**t", id="superscript-symbol"),
        pytest.param("sin²(x)", "sin(x)**2", id="squared-function"),
    ],
)
def test_spelling_reads_as_canonical(text: str, canonical: str) -> None:
    assert reads_as(text) == canonical


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        pytest.param("2 lambda w_i", "2*lambda*w_i", id="spaced-words"),
        pytest.param("2λw_i", "2*lambda*w_i", id="greek-run-together"),
        pytest.param("2i", "2*i", id="number-then-name"),
        pytest.param("(1-p)(1+p)", "(1 - p)*(1 + p)", id="brackets"),
        pytest.param("y log p", "y*log(p)", id="name-then-function"),
        pytest.param("2(x+1)", "2*(x + 1)", id="number-then-bracket"),
        pytest.param("|x||y|", "abs(x)*abs(y)", id="two-absolute-values"),
    ],
)
def test_implicit_multiplication_reads_product(text: str, canonical: str) -> None:
    assert reads_as(text) == canonical


def test_unary_minus_binds_looser_than_power() -> None:
    assert parse_answer("-x^2", ALL) == Neg(
        BinOp("^", Name("x"), Number(Fraction(2), "2"))
    )


def test_bare_function_takes_power_operand() -> None:
    assert reads_as("log p^2") == "log(p**2)"


def test_bracketed_function_is_raised_whole() -> None:
    assert reads_as("log(p)^2") == "log(p)**2"


def test_bce_without_brackets_reads_as_contract() -> None:
    text = "-(y log p + (1-y) log(1-p))"
    assert reads_as(text) == "-(y*log(p) + (1 - y)*log(1 - p))"


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        pytest.param("beta_1", BETA_1, id="canonical"),
        pytest.param("beta1", BETA_1, id="underscore-dropped"),
        pytest.param("β1", BETA_1, id="greek-letter-digit"),
        pytest.param("β_1", BETA_1, id="greek-letter-underscore"),
        pytest.param("β₁", BETA_1, id="greek-letter-subscript"),
        pytest.param("dk", D_K, id="d-k-run-together"),
        pytest.param("dₖ", D_K, id="unicode-subscript-letter"),
        pytest.param("wi", W_I, id="w-i-run-together"),
        pytest.param("λ", LAMBDA, id="lambda-letter"),
        pytest.param("η", Symbol("eta"), id="eta-letter"),
        pytest.param("ε", Symbol("epsilon"), id="epsilon-letter"),
        pytest.param("ϵ", Symbol("epsilon"), id="epsilon-variant"),
        pytest.param("eps", Symbol("epsilon"), id="eps-word"),
        pytest.param("γ", Symbol("gamma"), id="gamma-letter"),
        pytest.param("gamma", Symbol("γ"), id="spelled-for-letter"),
        pytest.param("m̂", Symbol("m_hat", aliases=("m̂",)), id="declared-alias"),
    ],
)
def test_symbol_spelling_reads_canonical_name(text: str, symbol: Symbol) -> None:
    assert parse_answer(text, (symbol,)) == Name(symbol.name)


@pytest.mark.parametrize(
    ("name", "text", "canonical"),
    [
        pytest.param("lambda", "lambda x", "lambda*x", id="lambda"),
        pytest.param("e", "e^x", "e**x", id="e-is-symbol"),
        pytest.param("sigma", "sigma(x)", "sigma*x", id="sigma-is-symbol"),
        pytest.param("E", "E x", "E*x", id="capital-e"),
        pytest.param("I", "I x", "I*x", id="capital-i"),
        pytest.param("S", "S x", "S*x", id="capital-s"),
    ],
)
def test_declared_symbol_wins_over_builtin(
    name: str, text: str, canonical: str
) -> None:
    assert reads_as(text, (Symbol(name), X)) == canonical


def test_case_of_names_matters() -> None:
    with pytest.raises(AnswerSyntaxError, match='unknown name "D_k"'):
        parse_answer("D_k", (D_K,))


def test_longest_spelling_wins() -> None:
    assert reads_as("epsilon", (Symbol("epsilon"), Symbol("e"))) == "epsilon"


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        pytest.param("1/sqrt(x)", 7, 'unknown name "x" at column 8', id="unknown-name"),
        pytest.param("d_k + y", 6, "symbols are d_k", id="lists-known-symbols"),
        pytest.param("(d_k + 1", 0, '"(" at column 1 is never closed', id="unclosed"),
        pytest.param("d_k)", 3, "no matching opening", id="stray-closer"),
        pytest.param("d_k +", 5, "ends too early", id="trailing-operator"),
        pytest.param("", 0, "empty", id="empty"),
        pytest.param("   ", 0, "empty", id="blank"),
        pytest.param("d_k 2", 4, 'put "*" before the number 2', id="number-after-name"),
        pytest.param("d_k = 1", 4, "without an equals sign", id="equals-sign"),
        pytest.param("log(d_k, 2)", 7, "single argument", id="comma"),
        pytest.param(
            "2 * * d_k", 4, '"*" at column 5 is out of place', id="double-star"
        ),
        pytest.param("()", 0, "empty brackets", id="empty-brackets"),
        pytest.param("(d_k]", 0, "never closed", id="mismatched-brackets"),
        pytest.param("|d_k", 0, '"|" at column 1 is never closed', id="unclosed-bar"),
    ],
)
def test_error_points_at_offending_character(
    text: str, position: int, message: str
) -> None:
    with pytest.raises(AnswerSyntaxError, match=re.escape(message)) as caught:
        parse_answer(text, (D_K,))
    assert caught.value.position == position


def test_error_position_indexes_original_text() -> None:
    with pytest.raises(AnswerSyntaxError) as caught:
        parse_answer("β₁ᵗ + q", (BETA_1, T))
    assert caught.value.position == 6


def test_numeric_answer_rejects_any_name() -> None:
    with pytest.raises(AnswerSyntaxError, match="must be a number"):
        parse_answer("x/8")
