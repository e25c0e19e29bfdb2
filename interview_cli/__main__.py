"""The ``prep`` executable; ``python -m interview_cli`` runs it too.

Kept apart from the command-line app so that the garbage collector is
paused before typer, rich and prep's modules are imported.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import NoReturn

from interview_cli import collector


def script() -> NoReturn:
    """Run ``prep`` with the collector paused, then exit without the teardown.

    Python's normal exit tears every module down one by one: ~12 ms for
    typer and rich, ~80 ms once sympy is loaded and ~0.4 s with torch, all
    of it waited for after the command's work is done. By the time ``main``
    returns, every answer is committed, every file prep wrote is closed and
    no thread of prep's holds work worth finishing (the quiz's sympy
    warm-up is a daemon), so flushing the output is all that is left.
    (Tests call ``main`` in-process and never reach this.)
    """
    collector.pause()  # resumed by long work; see interview_cli.collector
    from interview_cli.cli.app import main

    try:
        main()
        code = 0
    except SystemExit as done:
        code = _exit_code(done.code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed pipe: nothing to flush to
            stream.flush()
    os._exit(code)


def _exit_code(code: object) -> int:
    """SystemExit's code as the process's exit status, as Python would give it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1


if __name__ == "__main__":
    script()
