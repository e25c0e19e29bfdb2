"""Regularization questions: inverted dropout (judged statistically), early stopping."""

# Formulas are written as people read them (γ, α, σ, −, ×), so ruff's
# warnings about characters that look like ASCII ones do not apply here.
# ruff: noqa: RUF001, RUF002, RUF003

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import torch  # noqa: TID253 - task modules are imported only when grading

from interview_cli.grading import forbidden
from interview_cli.grading.cases import (
    EXACT,
    Arg,
    CallSpec,
    Case,
    Outcome,
    Ref,
    StatefulSpec,
    Tolerance,
)
from interview_cli.grading.compare import Mismatch, compare_value, numeric_mismatch
from interview_cli.grading.tasks.base import Convention, Protocol, Task, Variant
from interview_cli.grading.tasks.common import generator, randn, shape_text, uniform

# ------------------------------------------------------------------ dropout

# A fair dropout misses the expected zero rate by more than this many
# standard deviations with probability below 1e-6 per case.
SIGMAS = 5.0


@dataclass(frozen=True)
class DropoutCase:
    shape: tuple[int, ...]
    p: float
    training: bool | None  # None: the argument is left out (it defaults to True)
    dtype: torch.dtype = torch.float32


_DROPOUT_CASES = (
    DropoutCase((64, 160), 0.1, True),
    DropoutCase((64, 160), 0.5, True),
    DropoutCase((64, 160), 0.9, True),
    DropoutCase((8, 32, 40), 0.3, True, torch.float64),
    DropoutCase((10000,), 0.25, None),
    DropoutCase((100, 100), 0.7, True, torch.float64),
    DropoutCase((64, 160), 0.5, None),
    DropoutCase((64, 160), 0.2, True, torch.float64),
    DropoutCase((50, 200), 0.0, True),
    DropoutCase((2, 3), 0.0, None),
    DropoutCase((50, 200), 1.0, True),
    DropoutCase((3, 4, 5), 1.0, True, torch.float64),
    DropoutCase((50, 200), 0.5, False),
    DropoutCase((2, 3), 0.9, False, torch.float64),
    DropoutCase((7,), 1.0, False),
    DropoutCase((1,), 0.5, False),
)


def dropout_cases(seed: int) -> list[Case]:
    """16 cases: zero rates checked over 10^4 elements, eval mode, p = 0 and p = 1."""
    return [_dropout_case(seed, i, spec) for i, spec in enumerate(_DROPOUT_CASES)]


def _dropout_case(seed: int, index: int, spec: DropoutCase) -> Case:
    gen = generator(seed, index)
    # |x| >= 0.1 everywhere, so a zero in the output can only be a drop.
    magnitude = uniform(gen, spec.shape, 0.1, 2.0)
    sign = torch.where(torch.rand(spec.shape, generator=gen) < 0.5, -1.0, 1.0)
    x = (magnitude * sign).to(spec.dtype)
    args: tuple[Arg, ...] = (Ref("x"), spec.p)
    kwargs: dict[str, Arg] = {}
    if spec.training is not None and index % 2:
        kwargs["training"] = spec.training
    elif spec.training is not None:
        args += (spec.training,)
    call = CallSpec(
        {"x": x},
        args,
        kwargs,
        ("x",),
        (randn(gen, spec.shape, spec.dtype),),
        manual_seed=seed * 7919 + index,
    )
    mode = (
        "training left to its default"
        if spec.training is None
        else f"training={spec.training}"
    )
    text = f"x {shape_text(x)}, p={spec.p:g}, {mode}"
    return Case(index, seed, text, _ulps(spec.dtype), call)


def _ulps(dtype: torch.dtype) -> Tolerance:
    # x / (1 - p) and x * (1 / (1 - p)) differ in the last bit or two.
    return Tolerance(0.0, 4 * torch.finfo(dtype).eps)


def _settings(case: Case) -> tuple[torch.Tensor, float, bool, torch.Tensor]:
    """x, p, training and the backprop weights of a dropout case."""
    spec = case.call()
    p = spec.args[1]
    training = spec.kwargs.get("training", spec.args[2] if len(spec.args) > 2 else True)
    if not isinstance(p, float) or not isinstance(training, bool):
        raise TypeError(f"case {case.index} is not a dropout case")
    return spec.tensor("x"), p, training, spec.cotangents[0]


def dropout_outcome(case: Case) -> Outcome:
    """The determined answers: x in eval mode or at p = 0, zeros at p = 1."""
    x, p, training, weight = _settings(case)
    if not training or p == 0.0:
        return Outcome(values={"output": x, "grad of x": weight})
    if p == 1.0:
        return Outcome(
            values={"output": torch.zeros_like(x), "grad of x": torch.zeros_like(x)}
        )
    return Outcome(values={})  # random: judged by check_dropout


def check_dropout(case: Case, expected: Outcome, got: Outcome) -> Mismatch | None:
    """Exact where the answer is determined, a binomial bound where it is random."""
    x, p, _, weight = _settings(case)
    output, grad = got.values.get("output"), got.values.get("grad of x")
    if not isinstance(output, torch.Tensor):
        return Mismatch("output", output or "missing from the result")
    if output.shape != x.shape:
        return Mismatch(
            "output", f"shape {tuple(output.shape)}, expected {tuple(x.shape)}"
        )
    if expected.values:
        for key, want in expected.values.items():
            have = output if key == "output" else grad
            found = compare_value(key, want, have, case, DROPOUT)
            if found is not None:
                return found
        return None
    if not isinstance(grad, torch.Tensor):
        return Mismatch("grad of x", grad or "missing from the result")
    return _check_random(case, x, p, output, grad, weight)


def _check_random(
    case: Case,
    x: torch.Tensor,
    p: float,
    output: torch.Tensor,
    grad: torch.Tensor,
    weight: torch.Tensor,
) -> Mismatch | None:
    kept = output != 0
    n = x.numel()
    rate = 1.0 - kept.double().mean().item()
    bound = SIGMAS * math.sqrt(p * (1 - p) / n)
    if abs(rate - p) > bound:
        detail = (
            f"{rate:.4f} of the {n} elements are zero; expected {p:g} ± {bound:.4f}"
            f" ({SIGMAS:g}σ of a binomial)"
        )
        return Mismatch("zero rate", detail, f"{p:g}", f"{rate:.4f}")
    scaled = x.double() / (1 - p)
    found = numeric_mismatch(
        "kept elements", scaled[kept].to(x.dtype), output[kept], case.tolerance
    )
    if found is None:
        wanted_grad = (weight.double() * kept / (1 - p)).to(x.dtype)
        found = numeric_mismatch("grad of x", wanted_grad, grad, case.tolerance)
    if (
        found is None
        and x.dim() > 1
        and x.shape[0] > 1
        and bool((kept[0] == kept[1]).all())
    ):
        return Mismatch(
            "dropped elements",
            "rows 0 and 1 drop exactly the same positions: each element must be"
            " dropped independently",
        )
    return found


def explain_dropout(cases: Sequence[Case], outcomes: Sequence[Outcome]) -> str | None:
    """Name the usual dropout mistakes from what the outputs show."""
    for case, got in zip(cases, outcomes, strict=False):
        x, p, training, _ = _settings(case)
        output = got.values.get("output")
        if not isinstance(output, torch.Tensor) or output.shape != x.shape:
            continue
        found = _dropout_mistake(x, p, training, output.double())
        if found is not None:
            return found
    return None


def _dropout_mistake(
    x: torch.Tensor, p: float, training: bool, out: torch.Tensor
) -> str | None:
    if not torch.isfinite(out).all():
        return "p = 1 divides by zero (0/0 gives NaN): return zeros when p = 1"
    if not training:
        return (
            None
            if torch.equal(out, x.double())
            else "training=False still drops or rescales elements"
        )
    kept = out != 0
    if p in (0.0, 1.0) or not bool(kept.any()):
        return None
    ratio = (out[kept] / x.double()[kept]).median().item()
    rate = 1.0 - kept.double().mean().item()
    if math.isclose(ratio, 1.0, rel_tol=1e-6):
        return "kept elements are not rescaled by 1/(1 − p)"
    if math.isclose(ratio, 1 - p, rel_tol=1e-6):
        return "kept elements are multiplied by (1 − p) instead of divided by it"
    if p != 0.5 and abs(rate - (1 - p)) < 0.05 and abs(rate - p) > 0.05:
        return "p is used as the probability of keeping an element, not of dropping it"
    return None


DROPOUT = Task(
    question_id="regularization.dropout",
    entry_point="dropout",
    protocol=Protocol.CALL,
    forbidden=forbidden.DROPOUT,
    build=dropout_cases,
    conventions=(Convention("inverted dropout", dropout_outcome),),
    check=check_dropout,
    explain=explain_dropout,
)


# ------------------------------------------------------------ early stopping


@dataclass(frozen=True)
class Stopper:
    """Early stopping as CONTRACT.md defines it; each change is a known mistake."""

    stop_when: str = (
        "count>=patience"  # or "count>patience", "count>=patience-1", "count==patience"
    )
    strict: bool = True
    delta: str = "minus"  # or "ignored", "plus"
    reset: bool = True
    best_always: bool = False
    best_start: float = math.inf

    def run(
        self, values: Sequence[float], patience: int, min_delta: float
    ) -> list[bool]:
        best, count, answers = self.best_start, 0, []
        shift = {"minus": -min_delta, "ignored": 0.0, "plus": min_delta}[self.delta]
        for value in values:
            threshold = best + shift
            improved = value < threshold if self.strict else value <= threshold
            if improved:
                best, count = value, 0 if self.reset else count
            else:
                count += 1
                best = value if self.best_always else best
            answers.append(self._stop(count, patience))
        return answers

    def _stop(self, count: int, patience: int) -> bool:
        rules = {
            "count>=patience": count >= patience,
            "count>patience": count > patience,
            "count>=patience-1": count >= patience - 1,
            "count==patience": count == patience,
        }
        return rules[self.stop_when]


def stopper_outcome(stopper: Stopper, case: Case) -> Outcome:
    spec = case.stateful()
    patience = int(spec.kwargs.get("patience", 5))
    min_delta = float(spec.kwargs.get("min_delta", 0.0))
    answers = stopper.run(spec.values, patience, min_delta)
    return Outcome(values={"returned": torch.tensor(answers, dtype=torch.bool)})


_STEPS = (-0.5, -0.25, -0.125, 0.0, 0.0, 0.0, 0.125, 0.25, 0.375)


def stopping_cases(seed: int) -> list[Case]:
    """40 runs of 30-40 losses on a 1/8 grid: ties with best − min_delta are exact."""
    gen = generator(seed, 0)
    fixed = _fixed_sequences()
    cases = [
        _stopping_case(seed, i, kwargs, values)
        for i, (kwargs, values) in enumerate(fixed)
    ]
    while len(cases) < 40:
        patience = int(torch.randint(1, 7, (1,), generator=gen))
        min_delta = (0.0, 0.0, 0.125, 0.25, 0.5)[
            int(torch.randint(0, 5, (1,), generator=gen))
        ]
        length = int(torch.randint(30, 41, (1,), generator=gen))
        picks = torch.randint(0, len(_STEPS), (length,), generator=gen).tolist()
        values, level = [], 4.0 + int(torch.randint(0, 16, (1,), generator=gen)) / 8
        for pick in picks:
            level = max(0.125, level + _STEPS[pick])
            values.append(level)
        kwargs = {"patience": patience, "min_delta": min_delta}
        cases.append(_stopping_case(seed, len(cases), kwargs, values))
    return cases


def _fixed_sequences() -> list[tuple[dict[str, float | int], list[float]]]:
    falling = [4.0 - 0.125 * i for i in range(30)]
    stall = [3.0, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 1.0, 1.0, 1.0, 1.0, 1.0] * 3
    return [
        ({}, [1.0] * 30),  # defaults: patience 5, min_delta 0
        ({}, stall),
        ({"patience": 1}, falling),
        ({"patience": 2, "min_delta": 0.125}, falling),  # every step ties exactly
        ({"patience": 3, "min_delta": 0.25}, stall),
        ({"patience": 1, "min_delta": 0.0}, [2.0, 2.0, 1.0, 1.5, 0.5, 0.5] * 6),
    ]


def _stopping_case(
    seed: int, index: int, kwargs: dict[str, float | int], values: list[float]
) -> Case:
    spec = StatefulSpec(kwargs, tuple(values))
    settings = ", ".join(f"{k}={v}" for k, v in kwargs.items()) or "defaults"
    shown = ", ".join(f"{v:g}" for v in values[:8])
    text = f"EarlyStopping({settings}); {len(values)} losses starting {shown}, ..."
    return Case(index, seed, text, EXACT, spec)


def _stop_variant(diagnosis: str, **change: Any) -> Variant:
    return Variant(diagnosis, partial(stopper_outcome, Stopper(**change)))


EARLY_STOPPING = Task(
    question_id="regularization.early-stopping",
    entry_point="EarlyStopping",
    protocol=Protocol.STATEFUL,
    forbidden=(),
    build=stopping_cases,
    conventions=(Convention("count ≥ patience", partial(stopper_outcome, Stopper())),),
    output_names=("returned",),
    variants=(
        _stop_variant(
            "patience is off by one: it stops when count > patience",
            stop_when="count>patience",
        ),
        _stop_variant(
            "patience is off by one: it stops one epoch early",
            stop_when="count>=patience-1",
        ),
        _stop_variant(
            "it returns True only on the epoch the count reaches patience, not after",
            stop_when="count==patience",
        ),
        _stop_variant(
            "a loss equal to best − min_delta counts as an improvement"
            " (use a strict <)",
            strict=False,
        ),
        _stop_variant("min_delta is ignored", delta="ignored"),
        _stop_variant("min_delta is added to best instead of subtracted", delta="plus"),
        _stop_variant("the count is not reset after an improvement", reset=False),
        # Updating best on every epoch is the same as comparing each loss with
        # the previous one: one mistake, one name.
        _stop_variant(
            "each loss is compared with the previous epoch's instead of the best"
            " (best is updated every epoch)",
            best_always=True,
        ),
        _stop_variant("best starts at 0 instead of +∞", best_start=0.0),
    ),
)
