"""Comparing what a submission produced with what the reference produced.

Values are compared in float64 elementwise, as ``torch.isclose`` does, with
the case's tolerance. A mismatch says where: which value (output, gradient
of an input, parameter after a given step), the worst element's index and
both numbers there, the largest absolute and relative errors, and the
tolerance that was applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview_cli.grading.cases import (
    NO_GRADIENT,
    Case,
    Fact,
    Outcome,
    Tolerance,
    same_fact,
)

if TYPE_CHECKING:
    import torch

    from interview_cli.grading.tasks.base import Task


@dataclass(frozen=True)
class Mismatch:
    """Where a submission's outcome departs from the expected one."""

    what: str  # "weights", "grad of q", "param 1 after step 7", ...
    detail: str  # one line a learner can act on
    expected: str | None = None
    got: str | None = None
    index: tuple[int, ...] | None = None
    max_abs_error: float | None = None
    max_rel_error: float | None = None
    tolerance: Tolerance | None = None

    def message(self) -> str:
        """The mismatch as one or two lines of text."""
        text = f"{self.what}: {self.detail}"
        if self.tolerance is not None:
            text += f" (tolerance {self.tolerance})"
        return text


def compare(task: Task, case: Case, expected: Outcome, got: Outcome) -> Mismatch | None:
    """The first way ``got`` differs from ``expected`` on ``case``, or None."""
    if got.modified:
        names = ", ".join(got.modified)
        return Mismatch(f"input {names}", "was changed in place by the submission")
    if task.check is not None:
        return task.check(case, expected, got)
    for key, want in expected.values.items():
        mismatch = compare_value(key, want, got.values.get(key), case, task)
        if mismatch is not None:
            return mismatch
    for key, fact in expected.facts.items():
        if not same_fact(fact, got.facts.get(key)):
            return fact_mismatch(key, fact, got.facts.get(key))
    return None


def fact_mismatch(key: str, want: Fact, have: Fact) -> Mismatch:
    have_text = "missing" if have == "<missing>" else repr(have)
    return Mismatch(key, f"expected {want!r}, got {have_text}", repr(want), have_text)


def compare_value(
    key: str,
    want: torch.Tensor | str,
    have: torch.Tensor | str | None,
    case: Case,
    task: Task,
) -> Mismatch | None:
    """Compare one named value; trajectories are compared step by step."""
    if isinstance(want, str):
        raise TypeError(f"the reference has no tensor for {key}")
    if have is None:
        return Mismatch(key, "missing from the result")
    if isinstance(have, str):
        # A result that does not depend on an input has no gradient path to
        # it; that is right exactly when the true gradient is zero.
        if have.startswith(NO_GRADIENT) and not bool(want.any()):
            return None
        return Mismatch(key, have)
    if tuple(have.shape) != tuple(want.shape):
        detail = f"shape {tuple(have.shape)}, expected {tuple(want.shape)}"
        return Mismatch(
            key, detail, expected=str(tuple(want.shape)), got=str(tuple(have.shape))
        )
    if task.strict_dtype and have.dtype != want.dtype:
        detail = f"dtype {_dtype(have)}, expected {_dtype(want)} (the inputs' dtype)"
        return Mismatch(key, detail, expected=_dtype(want), got=_dtype(have))
    if have.is_complex():
        return Mismatch(key, f"complex dtype {_dtype(have)}, expected a real tensor")
    if task.stepped and key.startswith("param ") and want.dim() > 0:
        return _first_bad_step(key, want, have, case.tolerance)
    return numeric_mismatch(key, want, have, case.tolerance)


def _first_bad_step(
    key: str, want: torch.Tensor, have: torch.Tensor, tolerance: Tolerance
) -> Mismatch | None:
    bad = violations(want, have, tolerance)
    if not bool(bad.any()):
        return None
    step = int(bad.reshape(want.shape[0], -1).any(dim=1).nonzero()[0].item())
    return numeric_mismatch(
        f"{key} after step {step + 1} of {want.shape[0]}",
        want[step],
        have[step],
        tolerance,
    )


def violations(
    want: torch.Tensor, have: torch.Tensor, tolerance: Tolerance
) -> torch.Tensor:
    """Elementwise True where ``have`` is outside the tolerance of ``want``.

    NaN anywhere counts as a violation, and so does an infinity unless both
    sides hold the same one (a reference is only ever infinite on purpose).
    """
    import torch

    w, h = want.double(), have.double()
    bound = tolerance.atol + tolerance.rtol * w.abs()
    close = (h - w).abs() <= bound
    same_inf = torch.isinf(w) & (w == h)
    return ~(close | same_inf)


def agrees(
    want: torch.Tensor | str,
    have: torch.Tensor | str | None,
    tolerance: Tolerance,
    ignore: torch.Tensor | None = None,
) -> bool:
    """Whether two values match, NaN matching NaN (used to recognise wrong variants).

    Positions where ``ignore`` is True are not compared.
    """
    import torch

    if isinstance(want, str) or isinstance(have, str) or have is None:
        return False
    if want.shape != have.shape or have.is_complex():
        return False
    both_nan = torch.isnan(want.double()) & torch.isnan(have.double())
    bad = violations(want, have, tolerance) & ~both_nan
    if ignore is not None:
        bad = bad & ~ignore
    return not bool(bad.any())


def numeric_mismatch(
    key: str, want: torch.Tensor, have: torch.Tensor, tolerance: Tolerance
) -> Mismatch | None:
    """A Mismatch at the worst element, or None when every element is close."""
    import torch

    bad = violations(want, have, tolerance)
    if not bool(bad.any()):
        return None
    w, h = want.double(), have.double()
    error = (h - w).abs()
    rel = error / w.abs().clamp_min(torch.finfo(torch.float64).tiny)
    # The worst element: any non-finite one first, else the largest excess.
    excess = torch.where(
        torch.isfinite(error), error - tolerance.rtol * w.abs(), torch.inf
    )
    excess = torch.where(bad, excess, -torch.inf)
    flat = int(torch.argmax(excess.reshape(-1)).item()) if excess.numel() else 0
    index = _unravel(flat, tuple(want.shape))
    expected, got = _number(w.reshape(-1)[flat]), _number(h.reshape(-1)[flat])
    where = f" at index {list(index)}" if index else ""
    detail = (
        f"expected {expected}{where}, got {got}; "
        f"max abs error {_finite_max(error)}, max rel error {_finite_max(rel)}"
    )
    return Mismatch(
        what=key,
        detail=detail,
        expected=expected,
        got=got,
        index=index,
        max_abs_error=_max_or_none(error),
        max_rel_error=_max_or_none(rel),
        tolerance=tolerance,
    )


def _unravel(flat: int, shape: tuple[int, ...]) -> tuple[int, ...]:
    # torch.unravel_index would do, but its first call imports half a second
    # of torch internals.
    index = []
    for size in reversed(shape):
        flat, rest = divmod(flat, size)
        index.append(rest)
    return tuple(reversed(index))


def _number(value: torch.Tensor) -> str:
    number = float(value.item())
    return f"{number:.8g}"


def _max_or_none(errors: torch.Tensor) -> float | None:
    import torch

    return (
        float(errors.max().item())
        if errors.numel() and not bool(torch.isnan(errors).any())
        else None
    )


def _finite_max(errors: torch.Tensor) -> str:
    biggest = _max_or_none(errors)
    return "nan" if biggest is None else f"{biggest:.3g}"


def _dtype(tensor: torch.Tensor) -> str:
    return str(tensor.dtype).removeprefix("torch.")
