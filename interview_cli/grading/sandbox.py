"""Run an untrusted Python script in a sandbox and report what happened.

The sandbox is generic: it runs ``python -I SCRIPT`` with a scratch folder as
working directory and knows nothing about grading. What it applies depends on
the machine (see ``isolation``): namespaces through bubblewrap or the kernel
directly, else resource limits only, and ``isolation`` in the result says
which in plain words.

Whatever the layer, the child gets a fresh session, a minimal environment and
resource limits; its output goes to files outside the scratch folder (a pipe
held open by an escaped grandchild would hang the reader), read back capped;
and its whole process group is killed when it exits or when the wall clock
runs out.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from interview_cli.grading import isolation
from interview_cli.grading.isolation import Layer
from interview_cli.grading.limits import Identity, Limits, preexec

__all__ = [
    "Limits",
    "SandboxResult",
    "isolation_level",
    "read_capped",
    "run",
    "stop_all",
]

log = logging.getLogger(__name__)

# What Python, glibc and torch's allocator print when an allocation fails.
MEMORY_MARKERS = (
    "MemoryError",
    "can't allocate memory",
    "std::bad_alloc",
    "Cannot allocate memory",
    "out of memory",
)
POLL_S = 0.01  # where no pidfd exists (macOS), how often to look for the exit

# The process groups of the runs under way, so that prep can end them all
# at once when it is stopped; a group leaves before its leader is reaped.
_running: set[int] = set()
_running_lock = threading.Lock()


@dataclass(frozen=True)
class SandboxResult:
    """What one sandboxed run did."""

    exit_code: int | None  # None if killed by a signal
    signal: int | None
    timed_out: bool  # the wall clock or the CPU limit ran out
    memory_exceeded: bool  # best effort: an allocation failure reported on stderr
    stdout: str  # capped at Limits.output_bytes, undecodable bytes replaced
    stderr: str
    duration_s: float
    isolation: str


@dataclass(frozen=True)
class _Exit:
    status: int
    cpu_s: float
    wall_expired: bool
    duration_s: float


def isolation_level() -> str:
    """What run() would apply on this machine, assuming the home folder is hidden."""
    view = isolation.plan_view(Path(sys.executable), Path.cwd(), [Path.home()])
    layer = isolation.choose(view)
    account = isolation.identity(layer, view)
    words = "home, prep data and prep code hidden"
    return isolation.describe(layer, account, words)


def run(
    script: Path,
    scratch: Path,
    limits: Limits = Limits(),  # noqa: B008 (frozen, so sharing it is safe)
    hidden: Sequence[Path] = (),
) -> SandboxResult:
    """Run ``python -I script`` in scratch under the best available isolation."""
    view = isolation.plan_view(script, scratch, hidden)
    layer = isolation.choose(view)
    account = isolation.identity(layer, view)
    if account is not None:
        _hand_over(view.scratch, account)
    words = isolation.hidden_words(view.hidden)
    described = isolation.describe(layer, account, words)
    argv = isolation.command(layer, view, limits, account)
    log.debug("sandbox: %s; %s; limits %s", layer.value, described, limits)

    with tempfile.TemporaryDirectory(prefix="prep-run-") as folder:
        out, err = Path(folder, "stdout"), Path(folder, "stderr")
        done = _execute(argv, view.scratch, layer, limits, account, out, err)
        stdout = read_capped(out, limits.output_bytes)
        stderr = read_capped(err, limits.output_bytes)

    exit_code, sig = _decode(done.status, layer)
    timed_out = done.wall_expired or sig == signal.SIGXCPU
    # A process that ignores SIGXCPU is killed by the hard limit a second on.
    timed_out |= sig == signal.SIGKILL and done.cpu_s >= limits.cpu_s
    log.debug("sandbox: status %s, %.3f s", done.status, done.duration_s)
    return SandboxResult(
        exit_code=exit_code,
        signal=sig,
        timed_out=timed_out,
        memory_exceeded=any(marker in stderr for marker in MEMORY_MARKERS),
        stdout=stdout,
        stderr=stderr,
        duration_s=done.duration_s,
        isolation=described,
    )


def _hand_over(scratch: Path, account: Identity) -> None:
    """Give the scratch folder to the unprivileged user the run becomes."""
    os.chown(scratch, account.uid, account.gid)
    for root, dirs, files in os.walk(scratch):
        for name in dirs + files:
            os.chown(Path(root, name), account.uid, account.gid, follow_symlinks=False)


def _execute(
    argv: list[str],
    scratch: Path,
    layer: Layer,
    limits: Limits,
    account: Identity | None,
    out: Path,
    err: Path,
) -> _Exit:
    """Start the child, wait for it or the deadline, kill its group, reap it."""
    # The launcher sets the process limit itself, inside its namespace.
    capped = layer is Layer.NONE and account is not None
    started = time.monotonic()
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        child = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            cwd=scratch,
            env=isolation.environment(scratch),
            preexec_fn=preexec(
                limits, None if layer is Layer.UNSHARE else account, capped
            ),
            start_new_session=True,
            close_fds=True,
        )
    with _running_lock:
        _running.add(child.pid)
    exited = False
    try:
        exited = _wait_for_exit(child.pid, started + limits.wall_s)
    finally:
        # The leader is a zombie until reaped below, so its group id cannot
        # have been reused by another process: the kill hits only our run.
        with _running_lock:
            _running.discard(child.pid)
        _kill_group(child.pid)
        _, status, usage = os.wait4(child.pid, 0)
    child.returncode = status  # reaped here; Popen must not wait for it again
    return _Exit(
        status=status,
        cpu_s=usage.ru_utime + usage.ru_stime,
        wall_expired=not exited,
        duration_s=time.monotonic() - started,
    )


def _wait_for_exit(pid: int, deadline: float) -> bool:
    """Wait, without reaping, until pid exits (True) or the deadline passes."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        return _poll_for_exit(pid, deadline)
    try:
        timeout = max(0.0, deadline - time.monotonic())
        readable, _, _ = select.select([fd], [], [], timeout)
        return bool(readable)
    finally:
        os.close(fd)


def _poll_for_exit(pid: int, deadline: float) -> bool:
    """The same as _wait_for_exit for systems without pidfd."""
    flags = os.WEXITED | os.WNOHANG | os.WNOWAIT
    while time.monotonic() < deadline:
        if os.waitid(os.P_PID, pid, flags) is not None:
            return True
        time.sleep(POLL_S)
    return os.waitid(os.P_PID, pid, flags) is not None


def stop_all() -> None:
    """Kill every run under way, from any thread: prep is being stopped.

    Each run's own thread then sees its child exit, reaps it and cleans up,
    at once rather than when its wall clock runs out.
    """
    with _running_lock:
        for pgid in _running:
            _kill_group(pgid)


def _kill_group(pgid: int) -> None:
    """SIGKILL the run's process group (with namespaces, that takes all of it)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def _decode(status: int, layer: Layer) -> tuple[int | None, int | None]:
    """Exit code and signal; bubblewrap reports a child's signal N as 128 + N."""
    if os.WIFSIGNALED(status):
        return None, os.WTERMSIG(status)
    code = os.WEXITSTATUS(status)
    if layer is Layer.BWRAP and code > 128 and code - 128 in signal.valid_signals():
        return None, code - 128
    return code, None


def read_capped(path: Path, cap: int) -> str:
    """The file's text if small, else its start and end around a note of the cut."""
    size = path.stat().st_size
    with open(path, "rb") as handle:
        if size <= cap:
            return handle.read().decode("utf-8", errors="replace")
        head = handle.read(cap // 2)
        tail_size = max(0, cap - len(head) - 64)
        dropped = size - len(head) - tail_size
        note = f"\n[... {dropped:,} bytes of output dropped ...]\n".encode()
        handle.seek(size - tail_size)
        tail = handle.read(tail_size)
    return (head + note + tail).decode("utf-8", errors="replace")
