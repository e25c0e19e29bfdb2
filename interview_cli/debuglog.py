"""A debug log file per run of the commands that grade, pruned to the last few.

Results go to stdout and problems to stderr; this file is for finding out
afterwards what the grader and sandbox did (limits applied, isolation level,
timings). It never holds a learner's answers or code.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from interview_cli.errors import PrepError

KEEP = 10


@contextmanager
def debug_log(command: str) -> Iterator[None]:
    """Log prep's DEBUG records to logs/<command>-<time>.log while the block runs."""
    from interview_cli.paths import log_dir

    try:
        folder = log_dir()
    except PrepError:
        yield  # a log is a convenience; never fail a command for it
        return
    path = folder / f"{command}-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
    logger = logging.getLogger("interview_cli")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        handler.close()
        _prune(folder, command)


def _prune(folder: os.PathLike[str], command: str) -> None:
    from pathlib import Path

    logs = sorted(
        Path(folder).glob(f"{command}-*.log"), key=lambda p: p.stat().st_mtime
    )
    for old in logs[:-KEEP]:
        old.unlink(missing_ok=True)
