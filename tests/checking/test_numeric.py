"""Evaluating formulas at points, in high precision, over the reals."""

from __future__ import annotations

import pytest

from interview_cli.checking.numeric import (
    Undefined,
    context,
    describe,
    evaluate,
    sample_points,
)
from interview_cli.checking.parse import parse_answer
from interview_cli.checking.symbols import Domain, Symbol

from .factories import BETA_1, P, T, X, Y


def value_at(text: str, **point: float) -> float:
    """The value of ``text`` with each symbol set as given."""
    symbols = tuple(Symbol(name) for name in point)
    values = {name: context().mpf(v) for name, v in point.items()}
    return float(evaluate(parse_answer(text, symbols), values))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("log(x)", id="log-of-negative"),
        pytest.param("sqrt(x)", id="root-of-negative"),
        pytest.param("x^0.5", id="fractional-power-of-negative"),
        pytest.param("1/(x + 2)", id="division-by-zero"),
        pytest.param("exp(exp(exp(-x * 10)))", id="overflow"),
    ],
)
def test_no_real_value_is_undefined(text: str) -> None:
    with pytest.raises(Undefined):
        value_at(text, x=-2)


def test_integer_power_of_negative_keeps_sign() -> None:
    assert value_at("x^3", x=-2) == -8


def test_sigmoid_is_logistic_function() -> None:
    assert value_at("sigmoid(x)", x=0) == 0.5


def test_huge_sigmoid_argument_saturates() -> None:
    assert value_at("sigmoid(x * 10^7)", x=1) == 1.0


def test_sample_points_are_reproducible() -> None:
    symbols = (P, T, X)
    assert list(sample_points(symbols, 5)) == list(sample_points(symbols, 5))


@pytest.mark.parametrize(
    ("symbol", "low", "high"),
    [
        pytest.param(X, -3, 3, id="real"),
        pytest.param(Symbol("s", Domain.POSITIVE), 0, 5, id="positive"),
        pytest.param(P, 0, 1, id="unit-interval"),
        pytest.param(BETA_1, 0, 1, id="unit-interval-beta"),
    ],
)
def test_samples_stay_inside_domain(symbol: Symbol, low: float, high: float) -> None:
    values = [point[symbol.name] for point in sample_points((symbol,), 50)]
    assert all(low <= v <= high for v in values)
    if symbol.domain is not Domain.REAL:
        assert all(low < v < high for v in values)


def test_integer_samples_are_whole_numbers() -> None:
    values = [point["t"] for point in sample_points((T,), 50)]
    assert all(v == int(v) and 1 <= v <= 40 for v in values)


def test_binary_samples_cover_both_values() -> None:
    values = {int(point["y"]) for point in sample_points((Y,), 4)}
    assert values == {0, 1}


def test_describe_drops_trailing_zero() -> None:
    assert describe(context().mpf(3)) == "3"
