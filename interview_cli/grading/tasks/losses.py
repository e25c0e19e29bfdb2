"""Loss questions: binary cross-entropy from probabilities or logits, cross-entropy.

References work in float64 and in the stable forms: log1p for log(1 - p),
max(z, 0) - z*y + log1p(exp(-|z|)) for logits, and logsumexp for the
softmax. In those forms nothing overflows even at |z| = 1e4, so the
reference is the true loss of the inputs the learner received.
"""

# Formulas are written as people read them (γ, α, σ, −, ×), so ruff's
# warnings about characters that look like ASCII ones do not apply here.
# ruff: noqa: RUF001, RUF002, RUF003

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import torch  # noqa: TID253 - task modules are imported only when grading

from interview_cli.grading import forbidden
from interview_cli.grading.cases import CallSpec, Case, Outcome, Ref
from interview_cli.grading.tasks.base import Convention, Protocol, Task, Variant
from interview_cli.grading.tasks.common import (
    Tensors,
    generator,
    randn,
    run_reference,
    shape_text,
    tolerance,
    uniform,
)

Loss = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]

_SHAPES: tuple[tuple[int, ...], ...] = (
    (),
    (1,),
    (5,),
    (3, 4),
    (2, 3, 5),
    (1000,),
    (64, 1),
    (7, 9),
)

CAPPED = (
    "the loss is capped for large |logits| (a clamp, or ε added inside the log):"
    " use the log-sum-exp form, which stays exact"
)


def loss_outcome(loss: Loss, case: Case, *, grads: bool = True) -> Outcome:
    """The loss of the case's two inputs, and its gradient w.r.t. the first."""

    def compute(_: Case, x: Tensors) -> tuple[torch.Tensor]:
        names = [a.name for a in case.call().args if isinstance(a, Ref)]
        return (loss(x[names[0]], x[names[1]]),)

    return run_reference(case, ("loss",), compute, grads=grads)


def _labels(
    gen: torch.Generator, shape: Sequence[int], soft: bool, dtype: torch.dtype
) -> torch.Tensor:
    if soft:
        return uniform(gen, shape, 0.0, 1.0, dtype)
    return (torch.rand(tuple(shape), generator=gen) < 0.5).to(dtype)


def _pair_case(
    seed: int,
    index: int,
    names: tuple[str, str],
    first: torch.Tensor,
    second: torch.Tensor,
    note: str,
    flags: frozenset[str] = frozenset(),
    grad: bool = True,
) -> Case:
    dtype = first.dtype
    gen = generator(seed, 10_000 + index)
    spec = CallSpec(
        {names[0]: first, names[1]: second},
        (Ref(names[0]), Ref(names[1])),
        grad=(names[0],) if grad else (),
        cotangents=(randn(gen, (), dtype),),
    )
    text = f"{names[0]} {shape_text(first)}, {names[1]} {shape_text(second)}; {note}"
    loose = 10.0 if "extreme" in flags else 1.0
    return Case(index, seed, text, tolerance(dtype, loose), spec, flags)


# ---------------------------------------------------------------------- BCE


def bce(p: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    # log1p(-p) keeps log(1 - p) accurate for p near 0 as well.
    return -(y * torch.log(p) + (1 - y) * torch.log1p(-p)).mean()


def bce_cases(seed: int) -> list[Case]:
    """44 cases: shapes × hard/soft labels × dtypes, p spread over [1e-6, 1 - 1e-6]."""
    cases = []
    for index in range(44):
        shape = _SHAPES[index % len(_SHAPES)]
        dtype = torch.float64 if index % 2 else torch.float32
        soft = (index // 2) % 2 == 1
        gen = generator(seed, index)
        p, how = _probabilities(gen, shape, index % 4, dtype)
        y = _labels(gen, shape, soft, dtype)
        note = f"{'soft' if soft else 'hard 0/1'} labels; p {how}"
        cases.append(_pair_case(seed, index, ("p", "y"), p, y, note))
    return cases


def _probabilities(
    gen: torch.Generator, shape: Sequence[int], kind: int, dtype: torch.dtype
) -> tuple[torch.Tensor, str]:
    low, high = 1e-6, 1 - 1e-6
    if kind == 3:
        # Right at the contract's bounds, where log(p) and log(1 - p) are largest.
        edge = torch.rand(tuple(shape), generator=gen) < 0.5
        p = torch.where(edge, torch.tensor(low), torch.tensor(high)).to(torch.float64)
        return p.to(dtype), "at 1e-6 or 1 - 1e-6"
    if kind == 2:
        logits = randn(gen, shape, torch.float64, 6.0)
        return torch.sigmoid(logits).clamp(low, high).to(dtype), "often near 0 or 1"
    return uniform(gen, shape, 0.02, 0.98, dtype), "in (0.02, 0.98)"


def _bce_variant(diagnosis: str, loss: Loss) -> Variant:
    return Variant(diagnosis, partial(loss_outcome, loss, grads=False))


BCE = Task(
    question_id="losses.bce",
    entry_point="binary_cross_entropy",
    protocol=Protocol.CALL,
    forbidden=forbidden.BCE,
    build=bce_cases,
    conventions=(Convention("mean BCE", partial(loss_outcome, bce)),),
    output_names=("loss",),
    variants=(
        _bce_variant(
            "the loss is summed, not averaged", lambda p, y: bce(p, y) * p.numel()
        ),
        _bce_variant("the minus sign is missing", lambda p, y: -bce(p, y)),
        _bce_variant(
            "the (1 − y)·log(1 − p) term is missing",
            lambda p, y: -(y * torch.log(p)).mean(),
        ),
        _bce_variant(
            "y and 1 − y are swapped",
            lambda p, y: -((1 - y) * torch.log(p) + y * torch.log1p(-p)).mean(),
        ),
    ),
)


# ---------------------------------------------------------- BCE with logits


def bce_logits(z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    # max(z, 0) - z*y + log(1 + e^{-|z|}): every exp has a non-positive
    # argument, so nothing overflows, and log1p keeps the tail exact.
    return (z.clamp_min(0) - z * y + torch.log1p(torch.exp(-z.abs()))).mean()


_LOGIT_SCALES = (1.0, 4.0, 30.0, 1e4)


def bce_logits_cases(seed: int) -> list[Case]:
    """44 cases: logits from N(0, 1) to |z| = 1e4, hard and soft labels, both dtypes."""
    cases = []
    for index in range(44):
        shape = _SHAPES[index % len(_SHAPES)]
        dtype = torch.float64 if index % 2 else torch.float32
        scale = _LOGIT_SCALES[(index // 2) % len(_LOGIT_SCALES)]
        soft = (index // 8) % 2 == 1
        gen = generator(seed, index)
        z = _away_from_zero(randn(gen, shape, torch.float64, scale)).to(dtype)
        y = _labels(gen, shape, soft, dtype)
        flags = frozenset({"extreme"}) if scale > 100 else frozenset()
        note = f"{'soft' if soft else 'hard 0/1'} labels; z ~ N(0, {scale:g}²)"
        cases.append(_pair_case(seed, index, ("z", "y"), z, y, note, flags))
    cases.append(_zero_logits_case(seed, len(cases)))
    return cases


def _away_from_zero(z: torch.Tensor) -> torch.Tensor:
    # Gradients are compared only away from z = 0, where the stable forms
    # have a kink and autograd's choice of subgradient is arbitrary.
    sign = torch.where(z < 0, -1.0, 1.0).to(z.dtype)
    return torch.where(z.abs() < 1e-2, sign * 1e-2, z)


def _zero_logits_case(seed: int, index: int) -> Case:
    z = torch.tensor([0.0, 0.0, 1e4, -1e4, 20.0, -20.0], dtype=torch.float32)
    y = torch.tensor([0.0, 1.0, 0.0, 1.0, 0.5, 0.5], dtype=torch.float32)
    note = "z = 0 exactly and ±1e4 side by side; value only, no gradient compared"
    return _pair_case(
        seed, index, ("z", "y"), z, y, note, frozenset({"extreme"}), grad=False
    )


def _logit_variant(diagnosis: str, loss: Loss) -> Variant:
    return Variant(diagnosis, partial(loss_outcome, loss, grads=False))


def _capped(cases: Sequence[Case], outcomes: Sequence[Outcome]) -> str | None:
    """CAPPED when a loss that should be huge comes back finite but far too small."""
    for case, got in zip(cases, outcomes, strict=False):
        if "extreme" not in case.flags or got.error is not None:
            continue
        have, want = got.values.get("loss"), case_reference(case)
        if isinstance(have, torch.Tensor) and have.shape == want.shape:
            large = want.abs() > 50
            small = have.double().abs() < 0.5 * want.abs()
            if bool((large & small & torch.isfinite(have)).any()):
                return CAPPED
    return None


def case_reference(case: Case) -> torch.Tensor:
    """The reference loss of a loss case, in float64."""
    names = [a.name for a in case.call().args if isinstance(a, Ref)]
    first, second = (_precise(case.call().tensor(n)) for n in names)
    compute = cross_entropy if names[0] == "logits" else bce_logits
    return compute(first, second)


def _precise(tensor: torch.Tensor) -> torch.Tensor:
    return tensor.double() if tensor.is_floating_point() else tensor


BCE_WITH_LOGITS = Task(
    question_id="losses.bce-with-logits",
    entry_point="binary_cross_entropy_with_logits",
    protocol=Protocol.CALL,
    forbidden=forbidden.BCE,
    build=bce_logits_cases,
    conventions=(
        Convention("stable BCE from logits", partial(loss_outcome, bce_logits)),
    ),
    output_names=("loss",),
    variants=(
        _logit_variant(
            "the loss is summed, not averaged",
            lambda z, y: bce_logits(z, y) * z.numel(),
        ),
        _logit_variant(
            "the sign of the z·y term is flipped",
            lambda z, y: (
                z.clamp_min(0) + z * y + torch.log1p(torch.exp(-z.abs()))
            ).mean(),
        ),
        _logit_variant(
            "the log(1 + e^(−|z|)) term is missing",
            lambda z, y: (z.clamp_min(0) - z * y).mean(),
        ),
    ),
    explain=_capped,
    overflow=(
        "log(σ(z)) or exp(z) overflows for large |z|: use"
        " max(z, 0) − z·y + log(1 + exp(−|z|))"
    ),
)


# ----------------------------------------------------------- cross-entropy


def cross_entropy(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    # logsumexp subtracts the row maximum before exp, so logits of 1e4 are fine.
    picked = logits.gather(1, target.unsqueeze(1)).squeeze(1)
    return (torch.logsumexp(logits, dim=1) - picked).mean()


_CE_SHAPES = ((1, 2), (3, 5), (8, 10), (64, 10), (4, 1000), (16, 3), (2, 7), (32, 100))
_CE_SCALES = (1.0, 10.0, 100.0, 1e4)


def ce_cases(seed: int) -> list[Case]:
    """44 cases: (N, C) from (1, 2) to (4, 1000), logits up to 1e4, both dtypes."""
    cases = []
    for index in range(44):
        n, c = _CE_SHAPES[index % len(_CE_SHAPES)]
        dtype = torch.float64 if index % 2 else torch.float32
        scale = _CE_SCALES[(index // 2) % len(_CE_SCALES)]
        gen = generator(seed, index)
        logits = randn(gen, (n, c), dtype, scale)
        target = torch.randint(0, c, (n,), generator=gen)
        flags = frozenset({"extreme"}) if scale > 1000 else frozenset()
        note = f"logits ~ N(0, {scale:g}²)"
        cases.append(
            _pair_case(seed, index, ("logits", "target"), logits, target, note, flags)
        )
    return cases


def _ce_variant(diagnosis: str, loss: Loss) -> Variant:
    return Variant(diagnosis, partial(loss_outcome, loss, grads=False))


def _shift_not_restored(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    top = logits.max(dim=1, keepdim=True).values
    return cross_entropy(logits, target) - top.squeeze(1).mean()


CROSS_ENTROPY = Task(
    question_id="losses.cross-entropy",
    entry_point="cross_entropy",
    protocol=Protocol.CALL,
    forbidden=forbidden.CROSS_ENTROPY,
    build=ce_cases,
    conventions=(
        Convention("mean cross-entropy", partial(loss_outcome, cross_entropy)),
    ),
    output_names=("loss",),
    variants=(
        _ce_variant(
            "the loss is summed, not averaged",
            lambda z, t: cross_entropy(z, t) * z.shape[0],
        ),
        _ce_variant(
            "the softmax runs over the batch (dim=0), not the classes",
            lambda z, t: (
                torch.logsumexp(z, dim=0)[t] - z.gather(1, t.unsqueeze(1)).squeeze(1)
            ).mean(),
        ),
        _ce_variant(
            "the max subtracted for stability is not added back to the log-sum-exp",
            _shift_not_restored,
        ),
        _ce_variant(
            "−log softmax is averaged over every class instead of taken at the target",
            lambda z, t: (torch.logsumexp(z, dim=1, keepdim=True) - z).mean(),
        ),
    ),
    explain=_capped,
    overflow=(
        "exp overflows (or the softmax underflows to log(0)) for large logits:"
        " compute logsumexp(z) − z[target], subtracting the row maximum"
    ),
)
