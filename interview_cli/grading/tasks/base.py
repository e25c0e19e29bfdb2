"""What a code question is to the grader: entry point, cases, references, variants."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from interview_cli.grading.cases import Case, Outcome
from interview_cli.grading.compare import Mismatch
from interview_cli.grading.forbidden import Forbidden

Implementation = Callable[[Case], Outcome]
# Judges an outcome on a case where exact comparison does not apply
# (dropout is random): returns a Mismatch or None.
Checker = Callable[[Case, Outcome, Outcome], Mismatch | None]
# Names a mistake from the whole set of outcomes when no variant matched.
Explainer = Callable[[Sequence[Case], Sequence[Outcome]], str | None]


class Protocol(str, enum.Enum):
    """How the harness drives the entry point (see harness.py)."""

    CALL = "call"
    MODULE = "module"
    OPTIMIZER = "optimizer"
    STATEFUL = "stateful"


@dataclass(frozen=True)
class Convention:
    """One accepted way to compute the answer; a task has one or two."""

    name: str  # shown in the verdict's notes when the task has two
    implement: Implementation


@dataclass(frozen=True)
class Variant:
    """A known-wrong implementation, named by the mistake it makes."""

    diagnosis: str
    implement: Implementation


@dataclass(frozen=True)
class Task:
    """A code question: how to run it, what to feed it, what counts as right."""

    question_id: str
    entry_point: str
    protocol: Protocol
    forbidden: tuple[Forbidden, ...]
    build: Callable[[int], list[Case]]
    conventions: tuple[Convention, ...]
    output_names: tuple[str, ...] = ("output",)
    variants: tuple[Variant, ...] = ()
    check: Checker | None = None
    explain: Explainer | None = None
    # Tells accepted conventions apart when their values coincide (the two
    # momentum forms give the same steps; only the stored velocity differs).
    identify: Explainer | None = None
    # Said when a submission makes a naive formula overflow on extreme cases.
    overflow: str | None = None
    strict_dtype: bool = False  # CONTRACT.md says the dtype follows the inputs
    stepped: bool = False  # "param i" values are trajectories, one row per step
    layers: tuple[str, ...] = ()  # module parameters whose gradients are compared

    def make_cases(self, seed: int) -> list[Case]:
        """The hidden cases for ``seed``; the same seed always gives the same cases."""
        return self.build(seed)

    def describe(self, case: Case) -> str:
        """Shapes, dtypes, mask kind and seed: enough to reproduce the case."""
        return f"case {case.index} (seed {case.seed}): {case.description}"

    @property
    def reference(self) -> Implementation:
        return self.conventions[0].implement
