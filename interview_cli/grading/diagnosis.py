"""Naming the mistake behind a wrong submission.

Every task carries a catalogue of known-wrong variants (in its task module,
next to the reference they deviate from), each implemented as code that runs
here in prep's process, never in the sandbox. A variant explains a
submission when the submission's outputs agree with the variant's on every
case it completed, and the variant really differs from the reference on at
least one of them. A few mistakes are recognised by a rule instead: inputs
changed in place, results cut off from autograd, the wrong dtype, a formula
that overflows on extreme inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from interview_cli.grading.cases import CallSpec, Case, ModuleSpec, Outcome, Tolerance
from interview_cli.grading.compare import agrees

if TYPE_CHECKING:
    from interview_cli.grading.tasks.base import Task, Variant

# Variants are computed in float64 and rounded like the reference; a
# submission that makes the same mistake differs from them by rounding only.
_VARIANT_SLACK = 10.0


def diagnose(
    task: Task,
    cases: Sequence[Case],
    candidate_results: Sequence[Outcome],
    references: Sequence[Outcome] | None = None,
) -> str | None:
    """A human-readable name for the submission's mistake, or None when unknown."""
    if references is None:
        references = [task.reference(case) for case in cases]
    triples = list(zip(cases, candidate_results, references, strict=True))
    found = _in_place(task, triples)
    if found is not None:
        return found
    for variant in task.variants:
        if _explains(variant, triples):
            return variant.diagnosis
    # The task's own rules know more than the generic ones that follow.
    if task.explain is not None:
        found = task.explain(cases, candidate_results)
    found = found or _detached(task, triples) or _wrong_dtype(task, triples)
    return found or _overflow(task, triples)


Triple = tuple[Case, Outcome, Outcome]  # case, submission's outcome, reference


def _in_place(task: Task, triples: Sequence[Triple]) -> str | None:
    for _, got, _ in triples:
        if got.modified:
            names = ", ".join(got.modified)
            return f"the submission changes its input {names} in place"
    return None


def _detached(task: Task, triples: Sequence[Triple]) -> str | None:
    for case, got, _ in triples:
        inputs = (
            {f"grad of {name}" for name in case.call().grad}
            if _is_call(case)
            else set()
        )
        for key, value in got.values.items():
            if key in inputs and isinstance(value, str):
                return (
                    "the result is cut off from autograd (no gradient reaches the"
                    " inputs): avoid .detach(), .item(), .data and new tensors"
                    " built from values"
                )
    return None


def _is_call(case: Case) -> bool:
    return isinstance(case.spec, CallSpec | ModuleSpec)


def _wrong_dtype(task: Task, triples: Sequence[Triple]) -> str | None:
    if not task.strict_dtype:
        return None
    for _, got, expected in triples:
        for key, want in expected.values.items():
            have = got.values.get(key)
            if isinstance(want, str) or have is None or isinstance(have, str):
                continue
            if have.dtype != want.dtype and have.shape == want.shape:
                return (
                    f"the result is {_short(have.dtype)} for {_short(want.dtype)}"
                    " inputs: the dtype must follow the inputs"
                )
    return None


def _short(dtype: object) -> str:
    return str(dtype).removeprefix("torch.")


def _explains(variant: Variant, triples: Sequence[Triple]) -> bool:
    """Whether the variant reproduces the submission and differs from the reference."""
    differs = False
    for case, got, expected in triples:
        if got.error is not None or not got.values:
            continue
        mistaken = variant.implement(case)
        slack = _loosen(case.tolerance)
        for key, want in mistaken.values.items():
            ignore = mistaken.extras.get(f"ignore {key}")
            if not agrees(want, got.values.get(key), slack, ignore):
                return False
            if not agrees(want, expected.values.get(key), case.tolerance, ignore):
                differs = True
    return differs


def _loosen(tolerance: Tolerance) -> Tolerance:
    return Tolerance(tolerance.atol * _VARIANT_SLACK, tolerance.rtol * _VARIANT_SLACK)


def _overflow(task: Task, triples: Sequence[Triple]) -> str | None:
    """The task's overflow message when an extreme case gives inf or NaN wrongly."""
    import torch

    if task.overflow is None:
        return None
    for case, got, expected in triples:
        if "extreme" not in case.flags or got.error is not None:
            continue
        for key, want in expected.values.items():
            have = got.values.get(key)
            if isinstance(want, str) or not isinstance(have, torch.Tensor):
                continue
            if have.shape == want.shape and bool(
                (~torch.isfinite(have) & torch.isfinite(want)).any()
            ):
                return task.overflow
    return None
