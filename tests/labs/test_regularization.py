"""The regularization lab: L1 selects features, L2 only shrinks them."""

from __future__ import annotations

import pytest
import torch

from interview_cli.labs import regularization as lab

SYLLABUS_ALPHA = 10.0


@pytest.fixture(scope="module")
def result() -> lab.Result:
    return lab.run(SYLLABUS_ALPHA, seed=42)


def test_l1_zeros_most_uninformative_weights(result: lab.Result) -> None:
    l1 = result.fit("l1")
    assert l1.zeros_among(result.uninformative) >= 0.8 * len(result.uninformative)
    assert l1.kept(result.informative) >= 0.8 * len(result.informative)


def test_l2_and_least_squares_leave_no_zero(result: lab.Result) -> None:
    for name in ("none", "l2"):
        assert result.fit(name).nonzero() == len(result.true)


def test_l2_shrinks_the_weights(result: lab.Result) -> None:
    def size(name: str) -> float:
        return sum(w * w for w in result.fit(name).coefficients)

    assert size("l2") < size("none")


def test_lasso_meets_its_optimality_conditions() -> None:
    # The subgradient condition of ||y - Xw||²/(2n) + alpha·||w||₁: at an exact
    # zero |x_jᵀr|/n <= alpha, elsewhere x_jᵀr/n = alpha·sign(w_j).
    problem = lab.make_problem(7)
    x = problem.x_train - problem.x_train.mean(dim=0)
    y = problem.y_train - problem.y_train.mean()
    weights, _, converged = lab.lasso(x, y, SYLLABUS_ALPHA)
    assert converged
    correlation = x.T @ (y - x @ weights) / len(y)
    at_zero = weights == 0
    assert at_zero.any()
    assert (correlation[at_zero].abs() <= SYLLABUS_ALPHA + 1e-6).all()
    moving = correlation[~at_zero] - SYLLABUS_ALPHA * weights[~at_zero].sign()
    assert moving.abs().max() < 1e-6


def test_ridge_zeroes_its_gradient() -> None:
    problem = lab.make_problem(7)
    x, y = problem.x_train, problem.y_train
    weights = lab.ridge(x, y, 3.0)
    gradient = -2 * x.T @ (y - x @ weights) + 2 * 3.0 * weights
    assert gradient.abs().max() < 1e-8


def test_a_seed_gives_the_same_numbers() -> None:
    first, again, other = lab.run(2.0, 5), lab.run(2.0, 5), lab.run(2.0, 6)
    assert first.as_json() == again.as_json()
    assert first.true != other.true


def test_smaller_alpha_keeps_more_features() -> None:
    strong, weak = lab.run(20.0, 42), lab.run(0.5, 42)
    assert weak.fit("l1").nonzero() > strong.fit("l1").nonzero()


def test_problem_has_the_syllabus_shape() -> None:
    problem = lab.make_problem(1)
    assert problem.x_train.shape == (160, 50)
    assert problem.x_test.shape == (40, 50)
    assert len(problem.informative) == 10
    true = torch.tensor(problem.true)
    assert int((true != 0).sum()) == 10
