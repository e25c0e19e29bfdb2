"""L1 against L2 on a synthetic regression problem: which weights reach zero.

The problem is the syllabus's: 200 samples of 50 standard normal features,
10 of them informative with coefficients drawn from U(0, 100), Gaussian
noise of standard deviation 25, a fifth held out for testing. Three fits
share it, each with an intercept: least squares, L2 in closed form, and L1
by coordinate descent, which sets a coefficient to exactly zero whenever
the soft threshold says so (a gradient method would only creep towards it).

The penalties are written as scikit-learn writes them, so that ``alpha``
means what it means there and in the syllabus's code: L1 minimises
||y - Xw||² / (2n) + alpha·||w||₁, L2 minimises ||y - Xw||² + alpha·||w||².
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch  # noqa: TID253 - imported only when the lab runs

from interview_cli import collector
from interview_cli.grading.judge import single_thread

SAMPLES = 200
FEATURES = 50
INFORMATIVE = 10
NOISE = 25.0
TEST_FRACTION = 0.2
COEFFICIENT_SCALE = 100.0

# Coordinate descent stops when no coefficient moved by more than this
# fraction of the largest one during a whole sweep.
TOLERANCE = 1e-10
MAX_SWEEPS = 10_000

OBJECTIVES = {
    "none": "||y - Xw||²",
    "l2": "||y - Xw||² + alpha·||w||²",
    "l1": "||y - Xw||² / (2n) + alpha·||w||₁",
}
LABELS = {"none": "no penalty", "l2": "L2 (ridge)", "l1": "L1 (lasso)"}


@dataclass(frozen=True)
class Problem:
    """The data of one seed: a train/test split and the coefficients behind it."""

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor
    true: tuple[float, ...]
    informative: tuple[int, ...]  # feature indices with a non-zero true coefficient


@dataclass(frozen=True)
class Fit:
    """One fitted model and how it did."""

    name: str  # none, l2 or l1
    coefficients: tuple[float, ...]
    intercept: float
    test_mse: float
    sweeps: int | None = None  # coordinate descent only
    converged: bool = True

    @property
    def label(self) -> str:
        return LABELS[self.name]

    def nonzero(self) -> int:
        return sum(1 for w in self.coefficients if w != 0.0)

    def kept(self, informative: Sequence[int]) -> int:
        """How many informative features have a non-zero coefficient."""
        return sum(1 for i in informative if self.coefficients[i] != 0.0)

    def zeros_among(self, features: Sequence[int]) -> int:
        return sum(1 for i in features if self.coefficients[i] == 0.0)


@dataclass(frozen=True)
class Result:
    """The lab's outcome: the problem's truth and the three fits."""

    seed: int
    alpha: float
    true: tuple[float, ...]
    informative: tuple[int, ...]
    fits: tuple[Fit, ...]
    train_size: int
    test_size: int

    @property
    def uninformative(self) -> tuple[int, ...]:
        chosen = set(self.informative)
        return tuple(i for i in range(len(self.true)) if i not in chosen)

    def fit(self, name: str) -> Fit:
        return next(fit for fit in self.fits if fit.name == name)

    def as_json(self) -> dict[str, object]:
        return {
            "lab": "regularization",
            "seed": self.seed,
            "alpha": self.alpha,
            "data": {
                "train": self.train_size,
                "test": self.test_size,
                "features": len(self.true),
                "informative": len(self.informative),
                "noise_std": NOISE,
            },
            "true_coefficients": list(self.true),
            "informative_features": list(self.informative),
            "models": [self._fit_json(fit) for fit in self.fits],
        }

    def _fit_json(self, fit: Fit) -> dict[str, object]:
        return {
            "name": fit.name,
            "objective": OBJECTIVES[fit.name],
            "coefficients": list(fit.coefficients),
            "intercept": fit.intercept,
            "nonzero": fit.nonzero(),
            "informative_kept": fit.kept(self.informative),
            "uninformative_at_zero": fit.zeros_among(self.uninformative),
            "test_mse": fit.test_mse,
            "sweeps": fit.sweeps,
            "converged": fit.converged,
        }


def run(alpha: float, seed: int) -> Result:
    """Draw the problem for ``seed`` and fit it without a penalty, with L2 and L1."""
    collector.resume()  # torch is loaded; the long part starts
    # One thread: a multi-threaded solve sums in another order on every run,
    # and the same seed must give the same numbers to the last digit.
    with single_thread():
        return _fit_all(alpha, seed)


def _fit_all(alpha: float, seed: int) -> Result:
    problem = make_problem(seed)
    x_mean = problem.x_train.mean(dim=0)
    y_mean = float(problem.y_train.mean())
    # Centring both sides lets each solver leave the intercept unpenalised.
    x = problem.x_train - x_mean
    y = problem.y_train - y_mean
    solved = [
        ("none", unpenalised(x, y), None, True),
        ("l2", ridge(x, y, alpha), None, True),
        ("l1", *lasso(x, y, alpha)),
    ]
    fits = []
    for name, weights, sweeps, converged in solved:
        intercept = y_mean - float(x_mean @ weights)
        predicted = problem.x_test @ weights + intercept
        fits.append(
            Fit(
                name=name,
                coefficients=tuple(weights.tolist()),
                intercept=intercept,
                test_mse=float(((predicted - problem.y_test) ** 2).mean()),
                sweeps=sweeps,
                converged=converged,
            )
        )
    return Result(
        seed=seed,
        alpha=alpha,
        true=problem.true,
        informative=problem.informative,
        fits=tuple(fits),
        train_size=len(problem.y_train),
        test_size=len(problem.y_test),
    )


def make_problem(seed: int) -> Problem:
    """The regression problem of ``seed``, in float64 (the solvers compare to 0)."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(SAMPLES, FEATURES, generator=gen, dtype=torch.float64)
    informative = torch.randperm(FEATURES, generator=gen)[:INFORMATIVE].sort().values
    true = torch.zeros(FEATURES, dtype=torch.float64)
    scale = torch.rand(INFORMATIVE, generator=gen, dtype=torch.float64)
    true[informative] = COEFFICIENT_SCALE * scale
    noise = NOISE * torch.randn(SAMPLES, generator=gen, dtype=torch.float64)
    y = x @ true + noise
    order = torch.randperm(SAMPLES, generator=gen)
    cut = SAMPLES - round(SAMPLES * TEST_FRACTION)
    train, test = order[:cut], order[cut:]
    return Problem(
        x_train=x[train],
        y_train=y[train],
        x_test=x[test],
        y_test=y[test],
        true=tuple(true.tolist()),
        informative=tuple(informative.tolist()),
    )


def unpenalised(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Least squares on centred data, through the normal equations.

    With 160 samples of 50 independent features XᵀX is well conditioned, and
    ``solve`` gives the same bits on every run where ``lstsq`` did not.
    """
    return ridge(x, y, 0.0)


def ridge(x: torch.Tensor, y: torch.Tensor, alpha: float) -> torch.Tensor:
    """The L2 minimiser in closed form: (XᵀX + alpha·I) w = Xᵀy."""
    gram = x.T @ x + alpha * torch.eye(x.shape[1], dtype=x.dtype)
    solution: torch.Tensor = torch.linalg.solve(gram, x.T @ y)
    return solution


def lasso(
    x: torch.Tensor, y: torch.Tensor, alpha: float
) -> tuple[torch.Tensor, int, bool]:
    """The L1 minimiser by cyclic coordinate descent, its sweeps, and if it settled.

    Each coordinate step solves its one-dimensional problem exactly: the
    soft threshold of rho = x_jᵀ(residual without feature j) / n at alpha,
    divided by x_jᵀx_j / n. When |rho| <= alpha the answer is exactly 0.0,
    which is the whole point of the lab. The steps work on the Gram matrix
    (50 x 50) in Python floats: a sweep costs microseconds, and the result
    does not depend on how many threads torch would use.
    """
    n, features = x.shape
    gram: list[list[float]] = (x.T @ x / n).tolist()
    target: list[float] = (x.T @ y / n).tolist()
    weights = [0.0] * features
    fitted = [0.0] * features  # gram @ weights, kept up to date
    for sweep in range(1, MAX_SWEEPS + 1):
        moved = 0.0
        for j in range(features):
            rho = target[j] - fitted[j] + gram[j][j] * weights[j]
            new = _soft_threshold(rho, alpha) / gram[j][j]
            change = new - weights[j]
            if change != 0.0:
                row = gram[j]
                for i in range(features):
                    fitted[i] += change * row[i]
                weights[j] = new
                moved = max(moved, abs(change))
        if moved <= TOLERANCE * max((abs(w) for w in weights), default=0.0):
            return torch.tensor(weights, dtype=torch.float64), sweep, True
    return torch.tensor(weights, dtype=torch.float64), MAX_SWEEPS, False


def _soft_threshold(value: float, threshold: float) -> float:
    if value > threshold:
        return value - threshold
    if value < -threshold:
        return value + threshold
    return 0.0
