"""The learner's optimiser classes in the optimizers lab, run in the grading sandbox.

A file is screened here first (it parses, names no torch.optim class that
would do the work, defines a class the optimizers questions ask for), then
runs as a submission does: ``sandbox.run`` with the grader's limits and
hidden folders, ``harness.py`` beside it for loading the file, guarding
torch.optim and describing errors, and results read back with the loader
that cannot run code. Each file gets a sandbox of its own, started before
prep builds the data so that its torch import overlaps prep's.
"""

from __future__ import annotations

import ast
import re
import shutil
import tempfile
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from interview_cli.errors import JudgedWrong
from interview_cli.grading import forbidden, judge, sandbox
from interview_cli.grading.grader import LIMITS, publish_cases, read_source

# The entry points of CONTRACT.md's optimizer questions, in its order.
CLASSES = ("SGDMomentum", "Adagrad", "RMSprop", "Adam", "AdamW")
RACE = Path(__file__).with_name("race.py")
PARALLEL = 2  # sandboxes at once; each holds a torch import (~200 MB)
MESSAGE_CHARS = 240


@dataclass(frozen=True)
class Entry:
    """A screened optimiser file and the classes it defines."""

    path: Path
    source: str
    classes: tuple[str, ...]


@dataclass(frozen=True)
class Run:
    """One learner class's race: its losses, or the one-line reason it has none."""

    name: str
    path: Path
    losses: tuple[float, ...] = ()
    accuracy: float | None = None
    error: str | None = None


def screen(path: Path) -> Entry:
    """Read and check a file before anything runs; a malformed one is judged wrong."""
    source = read_source(path)
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise JudgedWrong(f"{path}: line {error.lineno}: {error.msg}") from None
    except (ValueError, RecursionError) as error:  # null bytes, absurd nesting
        raise JudgedWrong(f"{path} cannot be parsed: {error}") from None
    found = forbidden.find_forbidden(source, forbidden.OPTIMIZERS)
    if found is not None:
        raise JudgedWrong(
            f"{path} uses {found}, which makes the update for you; "
            "the lab races your own step()"
        )
    defined = _top_level_names(tree)
    classes = tuple(name for name in CLASSES if name in defined)
    if not classes:
        raise JudgedWrong(
            f"{path} defines none of {', '.join(CLASSES)}; "
            "'prep start optimizers.adam FILE' writes a starter"
        )
    return Entry(path, source, classes)


def _top_level_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


class Sandboxes:
    """Every entry running in its own sandbox; use as a context manager.

    The runs start at once and wait for ``cases.pt``; ``publish`` writes it.
    Leaving the block early tells any run still waiting to stop, so nothing
    is left behind when prep itself fails.
    """

    def __init__(
        self,
        entries: Sequence[Entry],
        hidden: tuple[Path, ...],
        limits: sandbox.Limits = LIMITS,
    ) -> None:
        self.entries = tuple(entries)
        self.limits = limits
        self._epochs = 0  # known once published
        self._tmp = tempfile.TemporaryDirectory(prefix="prep-lab-")
        # Traversable by others: as root the sandbox hands scratch to nobody.
        Path(self._tmp.name).chmod(0o711)
        self._scratches = [self._scratch(i, e) for i, e in enumerate(self.entries)]
        self._pool = ThreadPoolExecutor(max_workers=PARALLEL)
        self._running: list[Future[sandbox.SandboxResult]] = [
            self._pool.submit(sandbox.run, s / "race.py", s, limits, hidden)
            for s in self._scratches
        ]

    def _scratch(self, index: int, entry: Entry) -> Path:
        scratch = Path(self._tmp.name) / f"scratch-{index}"
        scratch.mkdir()
        shutil.copyfile(judge.HARNESS, scratch / "harness.py")
        shutil.copyfile(RACE, scratch / "race.py")
        (scratch / "submission.py").write_text(entry.source, encoding="utf-8")
        return scratch

    def __enter__(self) -> Sandboxes:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is not None:
            sandbox.stop_all()  # Ctrl-C or a failure in prep: end every run now
        for scratch in self._scratches:
            if not (scratch / "cases.pt").exists():
                publish_cases(scratch / "cases.pt", {"stop": True})
        self._pool.shutdown(wait=True)
        self._tmp.cleanup()

    def publish(self, data: dict[str, Any], settings: dict[str, Any]) -> None:
        """Give each run the data, the initial weights and its classes to race."""
        self._epochs = int(settings["epochs"])
        guarded = [entry.payload() for entry in forbidden.OPTIMIZERS]
        for scratch, entry in zip(self._scratches, self.entries, strict=True):
            payload = {**data, **settings, "classes": list(entry.classes)}
            publish_cases(scratch / "cases.pt", {**payload, "forbidden": guarded})

    def epochs_done(self) -> int:
        """How many epochs the runs say they have trained (they may lie)."""
        total = 0
        for scratch, entry in zip(self._scratches, self.entries, strict=True):
            try:
                done = int((scratch / "progress").read_text() or 0)
            except (OSError, ValueError):
                done = 0
            total += min(max(done, 0), len(entry.classes) * self._epochs)
        return total

    def finished(self) -> bool:
        return all(future.done() for future in self._running)

    def isolation(self) -> str | None:
        """What the sandbox applied, in words (None when nothing ran in one)."""
        return self._running[0].result().isolation if self._running else None

    def runs(self, epochs: int) -> list[Run]:
        """Every class's result, in the order the entries and classes were given."""
        found: list[Run] = []
        for scratch, entry, future in zip(
            self._scratches, self.entries, self._running, strict=True
        ):
            result = future.result()
            results_file = scratch / "results.pt"
            data = results_file.read_bytes() if results_file.is_file() else None
            results = judge.read_results(data) if data is not None else None
            found += _read_runs(entry, result, results, self.limits, epochs)
        return found


def _read_runs(
    entry: Entry,
    result: sandbox.SandboxResult,
    results: dict[str, object] | None,
    limits: sandbox.Limits,
    epochs: int,
) -> list[Run]:
    """Turn one sandbox's report into a Run per class, failures as one line each."""
    failure = _limits_hit(result, limits)
    if failure is None and results is None:
        said = _last_line(result.stderr)
        failure = "the file ended the run before it could report" + (
            f" ({said})" if said else ""
        )
    if failure is None and results is not None:
        failure = _file_failure(results)
    if failure is not None or results is None:
        return [Run(name, entry.path, error=failure) for name in entry.classes]
    records = results.get("runs")
    by_name = {
        r.get("name"): r
        for r in (records if isinstance(records, list) else [])
        if isinstance(r, dict)
    }
    return [
        _read_record(name, entry.path, by_name.get(name), epochs)
        for name in entry.classes
    ]


def _limits_hit(result: sandbox.SandboxResult, limits: sandbox.Limits) -> str | None:
    """Time and memory limits decide before anything the run reported."""
    if result.timed_out:
        return (
            f"stopped after {limits.wall_s:.0f} s of wall clock or {limits.cpu_s} s "
            "of CPU; look for a loop that never ends"
        )
    if result.memory_exceeded:
        return f"the run needed more than {limits.memory_bytes // 1024**2} MiB"
    return None


def _file_failure(results: dict[str, object]) -> str | None:
    """Why no class of the file was raced, or None when each has its record."""
    calls = results.get("forbidden")
    if isinstance(calls, list) and calls:
        return f"called {_one_line(str(calls[0]))}, which makes the update for you"
    error = results.get("error")
    if isinstance(error, dict):
        return f"importing the file raised {_error_text(error)}"
    return None


def _read_record(
    name: str, path: Path, record: dict[str, Any] | None, epochs: int
) -> Run:
    """One class's record, checked: it was written by the learner's process."""
    if record is None:
        return Run(name, path, error="the run stopped before this class was raced")
    if isinstance(record.get("invalid"), str):
        return Run(name, path, error=_one_line(record["invalid"]))
    if isinstance(record.get("error"), dict):
        return Run(name, path, error=f"{name} raised {_error_text(record['error'])}")
    losses = _floats(record.get("losses"), epochs)
    score = record.get("accuracy")
    accuracy = float(score) if isinstance(score, float) and 0 <= score <= 1 else None
    if losses is None:
        return Run(name, path, error="the run's results were tampered with")
    return Run(name, path, losses=losses, accuracy=accuracy)


def _floats(value: object, limit: int) -> tuple[float, ...] | None:
    """A 1-D tensor of at most ``limit`` numbers as floats, else None."""
    import torch

    if not isinstance(value, torch.Tensor) or value.dim() != 1:
        return None
    if len(value) > limit or not value.is_floating_point():
        return None
    return tuple(float(v) for v in value.tolist())


def _error_text(error: dict[str, Any]) -> str:
    """'Type: message (line N)' from the harness's description of an error."""
    kind = _one_line(str(error.get("type", "an error")))
    message = _one_line(str(error.get("message", "")))
    trace = str(error.get("traceback"))
    lines = re.findall(r'File "submission\.py", line (\d+)', trace)
    where = f" (line {lines[-1]})" if lines else ""
    return f"{kind}: {message}{where}" if message else f"{kind}{where}"


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return _one_line(lines[-1]) if lines else ""


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MESSAGE_CHARS else flat[: MESSAGE_CHARS - 3] + "..."
