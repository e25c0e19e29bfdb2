"""A warm grading worker for ``prep submit --watch``, run inside the sandbox.

Like ``harness.py`` this is a standalone script (stdlib and torch only). It
imports torch once, then waits for jobs: each job is a folder ``job-N``
that prep fills with ``submission.py`` and ``cases.pt`` before creating
``job-N/go``. For each job the worker forks; the child runs the harness in
that folder under its own CPU limit, so a re-grade costs a fork instead of
a torch import. The parent enforces the wall clock, then removes every
other process in the sandbox's pid namespace, so nothing one run started
can touch the next. It writes ``job-N/done`` with how the child ended.

The sandbox around the worker is the one ``prep submit`` uses: the same
namespaces, read-only tree, hidden folders and limits. What the watch
shares between runs is this process and the scratch folder.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import resource
import signal
import sys
import time
from pathlib import Path

import torch  # noqa: TID253 - runs only in the sandbox, where torch is the point

CONFIG = Path("worker.json")
STOP = Path("stop")
READY = Path("ready")
POLL_S = 0.005


def main() -> int:
    """Warm up, then serve jobs until prep creates ``stop``."""
    config = json.loads(CONFIG.read_text())
    # A worker that ran a multi-threaded op before forking can deadlock its
    # children in OpenMP; one thread until the fork avoids that.
    torch.set_num_threads(1)
    importlib.import_module("torch._dynamo")  # every Optimizer() needs it: pay once
    sys.path.insert(0, str(Path.cwd()))
    harness = importlib.import_module("harness")  # the copy beside this file

    READY.write_text("")
    sweep = _own_pid_namespace(config.get("outer_pid_ns"))
    served = 0
    while not STOP.exists():
        job = Path(f"job-{served}")
        if (job / "go").exists():
            outcome = run_job(job, harness.main, config, sweep)
            (job / "done").write_text(json.dumps(outcome))
            served += 1
        else:
            time.sleep(POLL_S)
    return 0


def _own_pid_namespace(outer: object) -> bool:
    """Whether this process lives in a pid namespace other than prep's."""
    try:
        return isinstance(outer, str) and os.readlink("/proc/self/ns/pid") != outer
    except OSError:
        return False  # no /proc (macOS): assume the worst


def run_job(
    job: Path, entry: object, config: dict[str, object], sweep: bool
) -> dict[str, object]:
    """Fork, run the harness in ``job`` under the limits, report how it ended."""
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child(job, entry, config)
    deadline = started + float(str(config["wall_s"]))
    status, timed_out = _wait(pid, deadline)
    _sweep(pid, sweep)
    return {
        "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "timed_out": timed_out or _cpu_killed(status),
        "duration_s": time.monotonic() - started,
    }


def _child(job: Path, entry: object, config: dict[str, object]) -> None:
    """In the forked child: own session, own CPU budget, output to files."""
    code = 1
    try:
        os.setsid()
        cpu = int(str(config["cpu_s"]))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        os.chdir(job)
        out = os.open("stdout", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        err = os.open("stderr", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, 1)
        os.dup2(err, 2)
        code = entry()  # type: ignore[operator]
    except BaseException:  # the child must never return to the serving loop
        code = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):  # the learner's prints too
                stream.flush()
        os._exit(code if isinstance(code, int) else 1)


def _wait(pid: int, deadline: float) -> tuple[int, bool]:
    """Reap the child, killing its session when the wall clock runs out."""
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status, False
        if time.monotonic() > deadline:
            os.killpg(pid, signal.SIGKILL)
            return os.waitpid(pid, 0)[1], True
        time.sleep(POLL_S)


def _sweep(pid: int, whole_namespace: bool) -> None:
    """Kill whatever the run left behind.

    In the sandbox's own pid namespace, kill(-1) reaches every process there
    except this one, however it detached. Without a pid namespace that call
    would reach every process of the user, so only the run's session is
    killed, and a process that left it survives (the isolation text says so).
    """
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if whole_namespace:
            os.kill(-1, signal.SIGKILL)
        else:
            os.killpg(pid, signal.SIGKILL)
    while True:  # reap any child the sweep killed
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                break
        except ChildProcessError:
            break


def _cpu_killed(status: int) -> bool:
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) in (
        signal.SIGXCPU,
        signal.SIGKILL,
    )


if __name__ == "__main__":
    sys.exit(main())
