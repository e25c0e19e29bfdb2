"""Grade one submission: hidden cases, a sandboxed run, a verdict decided here.

The learner's file runs only inside the sandbox, next to a copy of the
harness and the cases' inputs. The references, the comparison and the
verdict stay in this process, and what comes back is read with a loader
that cannot run code.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from interview_cli.errors import PrepError
from interview_cli.grading import judge, sandbox
from interview_cli.grading.cases import Case
from interview_cli.grading.judge import Evaluation, FailedCase, Verdict
from interview_cli.grading.tasks.base import Task

log = logging.getLogger(__name__)

# torch warns on import when numpy is missing; prep never hands torch numpy
# arrays, so the warning would only alarm the learner.
warnings.filterwarnings("ignore", message="Failed to initialize NumPy")

# The sandbox gives the run this long. Importing torch alone takes ~2 s on a
# laptop; the cases themselves take well under a second.
LIMITS = sandbox.Limits(wall_s=30.0, cpu_s=40)
STOP_WAIT_S = 5.0  # how long a stopped warm worker may take to leave


@dataclass(frozen=True)
class Report:
    """Everything ``prep submit`` prints, in CONTRACT.md's terms."""

    question: str
    verdict: str
    passed: int
    total: int
    diagnosis: str | None
    failed_case: FailedCase | None
    notes: tuple[str, ...]
    isolation: str
    duration_s: float
    seed: int
    file_hash: str
    output: str = ""  # what the submission printed, capped, for the learner

    def as_json(self) -> dict[str, object]:
        failed = None if self.failed_case is None else self.failed_case.as_dict()
        return {
            "question": self.question,
            "verdict": self.verdict,
            "passed": self.passed,
            "total": self.total,
            "diagnosis": self.diagnosis,
            "failed_case": failed,
            "notes": list(self.notes),
            "isolation": self.isolation,
            "duration_s": round(self.duration_s, 3),
            "seed": self.seed,
        }


# What long work is doing, how much of it is done, and of how much: the
# grader counts cases, the optimizers lab epochs.
Step = Callable[[str, int, int], None]


def default_hidden() -> tuple[Path, ...]:
    """Folders a submission must not see: home, prep's data, prep's own code."""
    import interview_cli
    from interview_cli.bank.loader import shipped_dir
    from interview_cli.paths import data_dir

    package = Path(interview_cli.__file__).resolve().parent
    return (Path.home(), data_dir(), package, shipped_dir())


def read_source(path: Path) -> str:
    """The submission's text, or a usage error that says what is wrong."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PrepError(
            f"no such file: {path}; 'prep start ID FILE' writes one"
        ) from None
    except IsADirectoryError:
        raise PrepError(f"{path} is a folder; give the Python file to grade") from None
    except (OSError, UnicodeDecodeError) as err:
        raise PrepError(f"cannot read {path}: {err}") from None


def grade(
    question_id: str,
    source: str,
    *,
    seed: int,
    case: int | None = None,
    hidden: tuple[Path, ...] = (),
    step: Step = lambda *_: None,
    limits: sandbox.Limits = LIMITS,
) -> Report:
    """Judge ``source`` on the hidden cases of ``question_id`` drawn from ``seed``."""
    started = time.monotonic()
    log.debug("grading %s with seed %s (case %s)", question_id, seed, case)
    task, cases, evaluation, result, results = _prepare_and_run(
        question_id, source, seed, case, hidden, limits, step
    )
    verdict: str | None = None
    if evaluation is None:
        step("comparing with the reference", len(cases), len(cases))
        verdict, evaluation = _limits_hit(result, results, len(cases), limits) or (
            None,
            judge.evaluate(task, cases, results),
        )
    log.debug(
        "%s: %s, %s/%s cases, %.3f s",
        question_id,
        verdict or evaluation.verdict.value,
        evaluation.passed,
        evaluation.total,
        time.monotonic() - started,
    )
    return Report(
        question=question_id,
        verdict=verdict or evaluation.verdict.value,
        passed=evaluation.passed,
        total=evaluation.total,
        diagnosis=evaluation.diagnosis,
        failed_case=evaluation.failed_case,
        notes=evaluation.notes,
        isolation=result.isolation,
        duration_s=time.monotonic() - started,
        seed=seed,
        file_hash=hashlib.sha256(source.encode()).hexdigest(),
        output=result.stdout,
    )


def _prepare_and_run(
    question_id: str,
    source: str,
    seed: int,
    case: int | None,
    hidden: tuple[Path, ...],
    limits: sandbox.Limits,
    step: Step,
) -> tuple[
    Task, list[Case], Evaluation | None, sandbox.SandboxResult, dict[str, object] | None
]:
    """Start the sandboxed run, then draw the cases while it imports torch.

    Both sides need torch, which takes ~2 s to import; started together on
    two cores they overlap. The harness waits for cases.pt, which appears
    only after the source passed the screen; otherwise it is told to stop
    without running anything (the screen's verdict is returned then).
    """
    with tempfile.TemporaryDirectory(prefix="prep-grade-") as tmp:
        # Traversable by others (not listable): run as root, the sandbox hands
        # the scratch folder to nobody, whose processes the kernel can cap.
        Path(tmp).chmod(0o711)
        scratch = Path(tmp) / "scratch"
        scratch.mkdir()
        shutil.copyfile(judge.HARNESS, scratch / "harness.py")
        (scratch / "submission.py").write_text(source, encoding="utf-8")
        with ThreadPoolExecutor(max_workers=1) as pool:
            running = pool.submit(
                sandbox.run, scratch / "harness.py", scratch, limits, hidden
            )
            payload: dict[str, object] = {"stop": True}
            step(f"drawing the hidden cases (seed {seed})", 0, 1)
            try:
                try:
                    task, cases, ready = judge.prepare(question_id, seed, case)
                    evaluation = judge.screen(task, source, len(cases))
                    if evaluation is None:
                        payload = ready
                finally:
                    publish_cases(scratch / "cases.pt", payload)
                while not running.done():
                    _report_progress(scratch / "progress", len(cases), step)
                    time.sleep(0.05)
            except BaseException:
                # Ctrl-C or a signal: end the run now, or leaving the pool
                # would wait for its wall clock.
                sandbox.stop_all()
                raise
            result = running.result()
        results_file = scratch / "results.pt"
        data = results_file.read_bytes() if results_file.is_file() else None
    results = judge.read_results(data) if data is not None else None
    return task, cases, evaluation, result, results


def _report_progress(path: Path, total: int, step: Step) -> None:
    """Pass on how many cases the harness says it has run (it may lie)."""
    try:
        done = min(max(int(path.read_text() or 0), 0), total)
    except (OSError, ValueError):
        done = 0
    what = (
        "running your code in the sandbox" if done else "loading torch in the sandbox"
    )
    step(what, done, total)


def publish_cases(path: Path, payload: dict[str, object]) -> None:
    """Write cases.pt whole and readable by the sandbox's user, who may be looking."""
    partial = path.with_name("cases.partial")
    judge.write_cases(partial, payload)
    partial.chmod(0o644)
    partial.replace(path)


def _limits_hit(
    result: sandbox.SandboxResult,
    results: dict[str, object] | None,
    total: int,
    limits: sandbox.Limits,
) -> tuple[str, Evaluation] | None:
    """Time and memory limits decide before anything the run reported."""
    if result.timed_out:
        verdict = "time_limit_exceeded"
        detail = (
            f"stopped after {limits.wall_s:.0f} s of wall clock or {limits.cpu_s} s "
            "of CPU; look for a loop that never ends"
        )
    elif result.memory_exceeded or (results or {}).get("memory_exhausted"):
        verdict = "memory_limit_exceeded"
        detail = f"the run needed more than {limits.memory_bytes // 1024**2} MiB"
    else:
        return None
    failed = FailedCase(None, None, "running submission.py", detail)
    return verdict, Evaluation(Verdict.RUNTIME_ERROR, 0, total, None, failed)


class WarmWorker:
    """One sandboxed, torch-loaded worker that grades every save of a --watch.

    A re-grade then costs a fork inside the sandbox instead of a torch
    import. The worker runs in the same sandbox as a single submission; runs
    share that sandbox and its scratch folder, each in a job folder of its
    own, and the worker kills everything a run left behind before the next.
    """

    LIFETIME_S = 4 * 3600.0
    STARTUP_S = 120.0  # torch and torch._dynamo on a slow laptop

    def __init__(self, hidden: tuple[Path, ...], limits: sandbox.Limits = LIMITS):
        self.limits = limits
        self._tmp = tempfile.TemporaryDirectory(prefix="prep-watch-")
        Path(self._tmp.name).chmod(0o711)  # see _prepare_and_run
        self.scratch = Path(self._tmp.name) / "scratch"
        self.scratch.mkdir()
        shutil.copyfile(judge.HARNESS, self.scratch / "harness.py")
        shutil.copyfile(
            Path(__file__).with_name("worker.py"), self.scratch / "worker.py"
        )
        (self.scratch / "worker.json").write_text(json.dumps(self._config()))
        outer = sandbox.Limits(
            wall_s=self.LIFETIME_S,
            cpu_s=int(self.LIFETIME_S),
            memory_bytes=limits.memory_bytes,
            processes=limits.processes,
            file_bytes=limits.file_bytes,
            open_files=limits.open_files,
            output_bytes=limits.output_bytes,
        )
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._running = self._pool.submit(
            sandbox.run, self.scratch / "worker.py", self.scratch, outer, hidden
        )
        self._jobs = 0
        self.isolation = (
            f"{sandbox.isolation_level()}; warm worker: one sandbox for the whole "
            "watch, each run forked in it and everything it left killed after it"
        )

    def _config(self) -> dict[str, object]:
        try:
            outer_pid_ns: str | None = os.readlink("/proc/self/ns/pid")
        except OSError:
            outer_pid_ns = None
        return {
            "wall_s": self.limits.wall_s,
            "cpu_s": self.limits.cpu_s,
            "outer_pid_ns": outer_pid_ns,
        }

    def grade(
        self, question_id: str, source: str, *, seed: int, case: int | None = None
    ) -> Report:
        """Grade one save: cases and verdict here, the run in the worker."""
        started = time.monotonic()
        task, cases, payload = judge.prepare(question_id, seed, case)
        evaluation = judge.screen(task, source, len(cases))
        result: sandbox.SandboxResult | None = None
        verdict: str | None = None
        if evaluation is None:
            result, results = self._run(source, payload)
            verdict, evaluation = _limits_hit(
                result, results, len(cases), self.limits
            ) or (None, judge.evaluate(task, cases, results))
        return Report(
            question=question_id,
            verdict=verdict or evaluation.verdict.value,
            passed=evaluation.passed,
            total=evaluation.total,
            diagnosis=evaluation.diagnosis,
            failed_case=evaluation.failed_case,
            notes=evaluation.notes,
            isolation=self.isolation,
            duration_s=time.monotonic() - started,
            seed=seed,
            file_hash=hashlib.sha256(source.encode()).hexdigest(),
            output=result.stdout if result else "",
        )

    def _run(
        self, source: str, payload: dict[str, object]
    ) -> tuple[sandbox.SandboxResult, dict[str, object] | None]:
        job = self.scratch / f"job-{self._jobs}"
        self._jobs += 1
        job.mkdir()
        job.chmod(0o777)  # the worker may run as nobody and writes its results here
        (job / "submission.py").write_text(source, encoding="utf-8")
        (job / "submission.py").chmod(0o644)
        publish_cases(job / "cases.pt", payload)
        (job / "go").touch()
        outcome = self._wait(job / "done")
        stderr = _output(job / "stderr", self.limits.output_bytes)
        result = sandbox.SandboxResult(
            exit_code=_optional_int(outcome.get("exit_code")),
            signal=_optional_int(outcome.get("signal")),
            timed_out=bool(outcome.get("timed_out")),
            memory_exceeded=any(m in stderr for m in sandbox.MEMORY_MARKERS),
            stdout=_output(job / "stdout", self.limits.output_bytes),
            stderr=stderr,
            duration_s=float(str(outcome.get("duration_s", 0.0))),
            isolation=self.isolation,
        )
        data = (
            (job / "results.pt").read_bytes()
            if (job / "results.pt").is_file()
            else None
        )
        shutil.rmtree(job, ignore_errors=True)
        return result, (judge.read_results(data) if data is not None else None)

    def _wait(self, done: Path) -> dict[str, object]:
        """The worker's report on a job, or an error if the worker is gone."""
        deadline = time.monotonic() + self.STARTUP_S + self.limits.wall_s + 10
        while not done.exists():
            if self._running.done() or time.monotonic() > deadline:
                raise PrepError(
                    "the warm grading worker stopped; run 'prep submit --watch' again"
                )
            time.sleep(0.005)
        time.sleep(0.002)  # the worker writes done in one call; let it land
        outcome: dict[str, object] = json.loads(done.read_text() or "{}")
        return outcome

    def close(self) -> None:
        """Stop the worker and remove its folder."""
        (self.scratch / "stop").touch()
        try:
            self._running.result(timeout=STOP_WAIT_S)
        except Exception:  # stopping anyway; nothing to report
            sandbox.stop_all()  # busy with a job that does not end: kill it
        self._pool.shutdown(wait=True)
        self._tmp.cleanup()


def _optional_int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _output(path: Path, cap: int) -> str:
    """What a job printed, capped like a sandbox run's (empty if it wrote none)."""
    return sandbox.read_capped(path, cap) if path.is_file() else ""
