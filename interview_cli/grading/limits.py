"""Resource limits for one sandboxed run, applied in the child before it execs."""

from __future__ import annotations

import contextlib
import os
import resource
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """What one sandboxed run may use before it is stopped."""

    wall_s: float = 20.0  # wall clock; the whole process tree is killed after it
    cpu_s: int = 30  # RLIMIT_CPU, per process
    # RLIMIT_AS. torch needs about 768 MiB of address space just to import
    # with two threads, so this leaves room for real work and stops bombs.
    memory_bytes: int = 2 * 1024**3
    # RLIMIT_NPROC. The kernel applies it only to a user other than root; the
    # sandbox sets it inside a user namespace, and isolation says when it
    # cannot apply.
    processes: int = 64
    file_bytes: int = 64 * 1024**2  # RLIMIT_FSIZE: a bigger write fails (EFBIG)
    open_files: int = 256  # RLIMIT_NOFILE
    output_bytes: int = 64 * 1024  # kept of stdout and of stderr; the rest dropped


@dataclass(frozen=True)
class Identity:
    """The unprivileged user a root grader runs the sandbox as."""

    uid: int
    gid: int


def _set(kind: int, soft: int, hard: int | None = None) -> None:
    """Lower one limit, never raising the hard limit the parent already had."""
    _, current_hard = resource.getrlimit(kind)
    wanted = soft if hard is None else hard
    if current_hard != resource.RLIM_INFINITY:
        wanted = min(wanted, current_hard)
        soft = min(soft, current_hard)
    # macOS refuses some limits (RLIMIT_AS below the current use); the run
    # goes on with the others rather than not at all.
    with contextlib.suppress(OSError, ValueError):
        resource.setrlimit(kind, (soft, wanted))


def apply(limits: Limits) -> None:
    """Set the limits on the calling process; its children inherit them."""
    # The soft CPU limit sends SIGXCPU, which the grader reads as a timeout;
    # one second later the hard limit kills a process that ignores it.
    _set(resource.RLIMIT_CPU, limits.cpu_s, limits.cpu_s + 1)
    _set(resource.RLIMIT_AS, limits.memory_bytes)
    _set(resource.RLIMIT_FSIZE, limits.file_bytes)
    _set(resource.RLIMIT_NOFILE, limits.open_files)
    # A core dump of a multi-gigabyte process would land in the scratch folder.
    _set(resource.RLIMIT_CORE, 0)


def preexec(
    limits: Limits, identity: Identity | None, cap_processes: bool
) -> Callable[[], None]:
    """The function subprocess runs in the child between fork and exec."""

    def setup() -> None:
        apply(limits)
        if identity is not None:
            os.setgroups([])
            os.setgid(identity.gid)
            os.setuid(identity.uid)
        if cap_processes:
            _set(resource.RLIMIT_NPROC, limits.processes)

    return setup
