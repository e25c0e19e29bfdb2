"""Helpers the task modules share: seeded generators, tolerances, running references.

Only grading imports this module, and only after deciding to grade, so torch
is imported at module level here (and in the task modules).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import torch  # noqa: TID253 - task modules are imported only when grading

from interview_cli.grading.cases import Case, Outcome, Tolerance

Tensors = dict[str, torch.Tensor]
Compute = Callable[[Case, Tensors], Sequence[torch.Tensor]]

# Each case gets its own stream so that case N with seed S can be rebuilt
# alone (``prep submit --case N --seed S``) without generating the others.
_STREAM = 1_000_003


def generator(seed: int, index: int) -> torch.Generator:
    """A generator private to one case of one seed."""
    return torch.Generator().manual_seed(seed * _STREAM + index)


def randn(
    gen: torch.Generator, shape: Sequence[int], dtype: torch.dtype, scale: float = 1.0
) -> torch.Tensor:
    return (torch.randn(tuple(shape), generator=gen, dtype=torch.float64) * scale).to(
        dtype
    )


def uniform(
    gen: torch.Generator,
    shape: Sequence[int],
    low: float,
    high: float,
    dtype: torch.dtype = torch.float64,
) -> torch.Tensor:
    raw = torch.rand(tuple(shape), generator=gen, dtype=torch.float64)
    return (low + (high - low) * raw).to(dtype)


def tolerance(dtype: torch.dtype, loose: float = 1.0) -> Tolerance:
    """Tolerance for results in ``dtype`` against a float64 reference.

    float32 carries about 7 significant digits and a dozen operations lose
    one or two of them; float64 leaves room for summation order only.
    """
    if dtype == torch.float64:
        return Tolerance(atol=1e-10 * loose, rtol=1e-8 * loose)
    return Tolerance(atol=1e-5 * loose, rtol=1e-4 * loose)


def name_of(dtype: torch.dtype) -> str:
    return str(dtype).removeprefix("torch.")


def shape_text(tensor: torch.Tensor) -> str:
    return f"{tuple(tensor.shape)} {name_of(tensor.dtype)}"


def case_dtype(case: Case) -> torch.dtype:
    """The floating dtype of the case's inputs (float32 when it has none)."""
    for tensor in case.call().inputs.values():
        if tensor.is_floating_point():
            return tensor.dtype
    return torch.float32


def run_reference(
    case: Case,
    names: Sequence[str],
    compute: Compute,
    *,
    precise: bool = True,
    grads: bool = True,
    parameters: Mapping[str, torch.Tensor] | None = None,
) -> Outcome:
    """Run ``compute`` on the case's inputs and report values and gradients.

    With ``precise`` the floating inputs are promoted to float64 first: the
    result is then the exact answer for the very numbers the learner got,
    rounded once to their dtype, instead of a second float32 computation
    with its own rounding. ``parameters`` are extra leaves (module weights)
    whose gradients are reported too.
    """
    spec = case.call()
    dtype = case_dtype(case)
    wanted = set(spec.grad) if grads else set()
    leaves = {n: _leaf(t, precise, n in wanted) for n, t in spec.inputs.items()}
    extra = {n: _leaf(t, precise, grads) for n, t in (parameters or {}).items()}
    with torch.enable_grad():
        outputs = tuple(compute(case, {**leaves, **extra}))
    values: dict[str, torch.Tensor | str] = {
        name: out.detach().to(dtype) for name, out in zip(names, outputs, strict=True)
    }
    if wanted or (grads and extra):
        sources = {**{n: leaves[n] for n in spec.grad}, **extra}
        values.update(_gradients(outputs, spec.cotangents, sources, dtype))
    return Outcome(values=values)


def _leaf(tensor: torch.Tensor, precise: bool, grad: bool) -> torch.Tensor:
    # Always a copy: .double() of a float64 tensor would return the case's
    # own tensor, and requires_grad_ would then change the case.
    leaf = tensor.detach().clone()
    if precise and leaf.is_floating_point():
        leaf = leaf.double()
    return leaf.requires_grad_(grad)


def _gradients(
    outputs: Sequence[torch.Tensor],
    cotangents: Sequence[torch.Tensor],
    sources: Mapping[str, torch.Tensor],
    dtype: torch.dtype,
) -> dict[str, torch.Tensor | str]:
    total = torch.zeros((), dtype=torch.float64)
    for out, weight in zip(outputs, cotangents, strict=False):
        total = total + (out * weight.to(out.dtype)).sum()
    found = torch.autograd.grad(total, list(sources.values()), allow_unused=True)
    return {
        f"grad of {name}": torch.zeros_like(leaf).to(dtype)
        if g is None
        else g.to(dtype)
        for (name, leaf), g in zip(sources.items(), found, strict=True)
    }
