"""The judge: hidden cases in, verdict out. The sandbox run happens in between.

The grader calls ``prepare`` (cases and the ``cases.pt`` payload), may call
``screen`` on the source before running anything, runs ``harness.py`` in the
sandbox, and hands what came back to ``evaluate``. References and variants
run only here, in prep's process: the sandbox never sees an expected value.
"""

from __future__ import annotations

import contextlib
import enum
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from interview_cli.errors import PrepError
from interview_cli.grading.cases import (
    Case,
    MalformedResults,
    Outcome,
    read_call,
    read_failure,
    read_optimizer,
    read_stateful,
)
from interview_cli.grading.compare import Mismatch, compare
from interview_cli.grading.diagnosis import diagnose
from interview_cli.grading.forbidden import find_forbidden
from interview_cli.grading.tasks import QUESTION_IDS, get_task
from interview_cli.grading.tasks.base import Convention, Protocol, Task

HARNESS = Path(__file__).with_name("harness.py")
PAYLOAD_VERSION = 1


class Verdict(str, enum.Enum):
    """What ``evaluate`` can decide; the grader adds the time and memory limits."""

    ACCEPTED = "accepted"
    WRONG_ANSWER = "wrong_answer"
    RUNTIME_ERROR = "runtime_error"
    FORBIDDEN = "forbidden"
    INVALID_SUBMISSION = "invalid_submission"


@dataclass(frozen=True)
class FailedCase:
    """The first case that failed, with enough to reproduce and understand it."""

    index: int | None  # None when the file failed before any case ran
    seed: int | None
    description: str
    detail: str
    expected: str | None = None
    got: str | None = None
    tolerance: str | None = None
    traceback: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "index": self.index,
            "seed": self.seed,
            "description": self.description,
            "detail": self.detail,
            "expected": self.expected,
            "got": self.got,
            "tolerance": self.tolerance,
            "traceback": self.traceback,
        }


@dataclass(frozen=True)
class Evaluation:
    """A verdict with the counts, diagnosis, first failure and notes of CONTRACT.md."""

    verdict: Verdict
    passed: int
    total: int
    diagnosis: str | None = None
    failed_case: FailedCase | None = None
    notes: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        """The fields the JSON output shares with this evaluation."""
        failed = None if self.failed_case is None else self.failed_case.as_dict()
        return {
            "verdict": self.verdict.value,
            "passed": self.passed,
            "total": self.total,
            "diagnosis": self.diagnosis,
            "failed_case": failed,
            "notes": list(self.notes),
        }


@contextlib.contextmanager
def single_thread() -> Iterator[None]:
    """Run torch on one thread for the duration, then restore the setting.

    Cases are tiny: with several threads, each op pays more in waking and
    synchronising workers than it saves (measured ~30x slower on a busy
    two-core machine).
    """
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


# ------------------------------------------------------------- before the run


def prepare(
    question_id: str, seed: int, case: int | None = None
) -> tuple[Task, list[Case], dict[str, object]]:
    """The task, its cases for ``seed`` (only case ``case`` if given) and cases.pt."""
    if question_id not in QUESTION_IDS:
        raise PrepError(f"{question_id!r} is not a code question")
    task = get_task(question_id)
    with single_thread():
        cases = task.make_cases(seed)
    if case is not None:
        if not 0 <= case < len(cases):
            raise PrepError(f"case {case} does not exist: there are {len(cases)}")
        cases = [cases[case]]
    return task, cases, payload(task, cases)


def payload(task: Task, cases: Sequence[Case]) -> dict[str, object]:
    """What the harness reads from cases.pt: inputs and how to run them, no answers."""
    return {
        "version": PAYLOAD_VERSION,
        "question": task.question_id,
        "entry_point": task.entry_point,
        "protocol": task.protocol.value,
        "forbidden": [entry.payload() for entry in task.forbidden],
        "cases": [case.spec.payload() for case in cases],
    }


def screen(task: Task, source: str, total: int) -> Evaluation | None:
    """A verdict from the source alone (syntax error, forbidden name), else None."""
    try:
        name = find_forbidden(source, task.forbidden)
    except SyntaxError as error:
        where = f"line {error.lineno}" + (
            f", column {error.offset}" if error.offset else ""
        )
        detail = f"SyntaxError: {error.msg} ({where})"
        failed = FailedCase(None, None, "reading submission.py", detail)
        return Evaluation(Verdict.INVALID_SUBMISSION, 0, total, detail, failed)
    except (ValueError, RecursionError) as error:  # null bytes, absurd nesting
        detail = f"submission.py cannot be parsed: {error}"
        return Evaluation(Verdict.INVALID_SUBMISSION, 0, total, detail)
    if name is not None:
        return Evaluation(Verdict.FORBIDDEN, 0, total, name)
    return None


def write_cases(path: Path, data: Mapping[str, object]) -> None:
    """Write cases.pt for the harness."""
    import torch

    torch.save(dict(data), path)


def read_results(data: bytes) -> dict[str, object] | None:
    """results.pt as plain data, or None when it is not a readable results file.

    ``weights_only`` refuses anything but tensors and plain containers, so a
    file forged by the submission cannot run code here.
    """
    import pickle
    import warnings

    import torch

    try:
        # A forged file may warn (an unusual pickle protocol, say); the
        # learner sees the verdict, not torch's remarks about the file.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            loaded = torch.load(io.BytesIO(data), weights_only=True)
    except (pickle.UnpicklingError, RuntimeError, EOFError, ValueError, TypeError):
        return None
    return loaded if isinstance(loaded, dict) else None


# -------------------------------------------------------------- after the run


def evaluate(
    task: Task, cases: Sequence[Case], results: Mapping[str, object] | None
) -> Evaluation:
    """Judge what the harness reported on ``cases``."""
    total = len(cases)
    if results is None:
        detail = "the submission ended the run before the grader could report"
        failed = FailedCase(None, None, "running submission.py", detail)
        return Evaluation(Verdict.RUNTIME_ERROR, 0, total, None, failed)
    try:
        with single_thread():
            return _evaluate(task, cases, results)
    except (MalformedResults, KeyError, TypeError, ValueError) as error:
        detail = f"the grader's results were tampered with or cut short ({error})"
        failed = FailedCase(None, None, "reading results.pt", detail)
        return Evaluation(Verdict.RUNTIME_ERROR, 0, total, None, failed)


def _evaluate(
    task: Task, cases: Sequence[Case], results: Mapping[str, object]
) -> Evaluation:
    total = len(cases)
    calls = results["forbidden"]
    if isinstance(calls, list) and calls:
        return Evaluation(Verdict.FORBIDDEN, 0, total, str(calls[0]))
    failure = read_failure(results["error"])
    if failure is not None:
        detail = f"{failure.kind}: {failure.message}"
        failed = FailedCase(
            None, None, "importing submission.py", detail, traceback=failure.traceback
        )
        return Evaluation(Verdict.RUNTIME_ERROR, 0, total, None, failed)
    invalid = results["invalid"]
    if isinstance(invalid, str):
        return Evaluation(Verdict.INVALID_SUBMISSION, 0, total, invalid)
    records = results["cases"]
    if not isinstance(records, list):
        raise MalformedResults("cases is not a list")
    outcomes = [
        read_outcome(task, case, raw) for case, raw in zip(cases, records, strict=False)
    ]
    return _judge(task, cases, outcomes)


def read_outcome(task: Task, case: Case, raw: object) -> Outcome:
    """One case's record from results.pt, read according to the task's protocol."""
    if task.protocol is Protocol.OPTIMIZER:
        return read_optimizer(case.optimizer(), raw)
    if task.protocol is Protocol.STATEFUL:
        return read_stateful(raw)
    layers = task.layers if task.protocol is Protocol.MODULE else ()
    return read_call(task.output_names, case.call(), raw, layers)


@dataclass(frozen=True)
class _Run:
    """How a submission fared against one convention."""

    convention: Convention
    passed: int
    first_failure: int | None  # position of the first failing case
    mismatch: Mismatch | None  # why it failed, unless it raised
    references: list[Outcome]


def _judge(
    task: Task, cases: Sequence[Case], outcomes: Sequence[Outcome]
) -> Evaluation:
    runs = [_run(task, c, cases, outcomes) for c in task.conventions]
    total = len(cases)
    complete = [r for r in runs if r.first_failure is None and len(outcomes) == total]
    if complete:
        notes = _convention_notes(task, cases, outcomes, complete)
        return Evaluation(Verdict.ACCEPTED, total, total, notes=notes)
    # Judge against the convention the submission came closest to.
    best = max(runs, key=lambda run: run.passed)
    position = len(outcomes) if best.first_failure is None else best.first_failure
    case = cases[position]
    where = (case.index, case.seed, task.describe(case))
    if position == len(outcomes):  # every reported case passed; the rest never ran
        failed = FailedCase(*where, "no result: the run stopped before this case")
        return Evaluation(Verdict.RUNTIME_ERROR, best.passed, total, None, failed)
    error = outcomes[position].error
    if best.mismatch is None and error is not None:
        detail = f"{error.kind}: {error.message}"
        failed = FailedCase(*where, detail, traceback=error.traceback)
        return Evaluation(Verdict.RUNTIME_ERROR, best.passed, total, None, failed)
    failed = _mismatch_case(where, best.mismatch)
    found = diagnose(task, cases[: len(outcomes)], outcomes, best.references)
    return Evaluation(Verdict.WRONG_ANSWER, best.passed, total, found, failed)


def _mismatch_case(
    where: tuple[int, int, str], mismatch: Mismatch | None
) -> FailedCase:
    if mismatch is None:
        return FailedCase(*where, "the case failed")
    tolerance = None if mismatch.tolerance is None else str(mismatch.tolerance)
    detail = mismatch.message()
    return FailedCase(*where, detail, mismatch.expected, mismatch.got, tolerance)


def _run(
    task: Task,
    convention: Convention,
    cases: Sequence[Case],
    outcomes: Sequence[Outcome],
) -> _Run:
    passed, first, why = 0, None, None
    references = [convention.implement(case) for case in cases[: len(outcomes)]]
    for position, (case, got, expected) in enumerate(
        zip(cases, outcomes, references, strict=False)
    ):
        mismatch = None if got.error else compare(task, case, expected, got)
        if got.error is None and mismatch is None:
            passed += 1
        elif first is None:
            first, why = position, mismatch
    return _Run(convention, passed, first, why, references)


def _convention_notes(
    task: Task, cases: Sequence[Case], outcomes: Sequence[Outcome], complete: list[_Run]
) -> tuple[str, ...]:
    if len(task.conventions) < 2:
        return ()
    if len(complete) == 1:
        return (f"convention found: {complete[0].convention.name}",)
    if task.identify is not None:
        found = task.identify(cases, outcomes)
        if found is not None:
            return (f"convention found: {found}",)
    names = " and ".join(run.convention.name for run in complete)
    return (f"these cases do not tell {names} apart; both are accepted",)
