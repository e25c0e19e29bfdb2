"""The ``prep`` command: parses arguments, calls the library, renders results."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from typing import NoReturn

import typer

from interview_cli.cli import (
    bank,
    browse,
    check,
    code,
    history,
    lab,
    quiz,
    stats,
    transfer,
)
from interview_cli.cli.learn import learn
from interview_cli.errors import PrepError

app = typer.Typer(
    name="prep",
    help="Practise machine-learning interview questions in the terminal.\n\n"
    "Start with 'prep quiz'; 'prep list' shows every question.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help and usage errors: rich's help renderer imports rich.markdown
    # and more, tripling the start-up time of every 'prep --help'.
    rich_markup_mode=None,
)
app.command("learn")(learn)
app.command("quiz")(quiz.quiz)
app.command("list")(browse.list_questions)
app.command("show")(browse.show)
app.command("start")(code.start)
app.command("submit")(code.submit)
app.command("check")(check.check)
app.command("stats")(stats.stats)
app.command("history")(history.history)
app.command("export")(transfer.export)
app.command("import")(transfer.import_)
app.add_typer(bank.app, name="bank")
app.add_typer(lab.app, name="lab")


_signals: list[int] = []  # the stop signals received, first first


def _stop(signum: int, _frame: object) -> None:
    """Ctrl-C, SIGTERM or SIGHUP: unwind as Ctrl-C does, remembering which."""
    _signals.append(signum)
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> None:
    """Run prep; user errors become one line on stderr and exit code 2 (or 1).

    A stop signal unwinds the stack (so a sandboxed run ends with prep and
    its folders are removed) and exits with 128 + the signal, quietly: an
    import cut short on the way can surface as any exception at all.
    """
    _signals.clear()
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGINT", "SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)  # no SIGHUP on Windows
            # A signal ignored by whoever started prep (nohup, a background
            # job) stays ignored.
            if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
                signal.signal(number, _stop)
    try:
        app(args=argv, prog_name="prep")
    except PrepError as err:
        sys.stderr.write(f"prep: {err}\n")
        sys.exit(err.exit_code)
    except SystemExit:
        raise  # a command's own exit code, after a signal too (the quiz ends)
    except BaseException as err:
        if _signals:
            sys.exit(128 + _signals[0])
        if isinstance(err, KeyboardInterrupt):
            sys.exit(130)
        if os.environ.get("PREP_DEBUG"):
            raise
        sys.stderr.write(
            f"prep: internal error ({type(err).__name__}: {err}); "
            "run again with PREP_DEBUG=1 to see the traceback and report it\n"
        )
        sys.exit(3)


def script() -> NoReturn:
    """The ``prep`` executable: ``main``, then a quick exit once torch is loaded.

    Python's normal exit tears torch down module by module, ~0.4 s that a
    learner waits for after every grade. By the time ``main`` returns, all
    that prep wrote is committed or closed, so the rest can be skipped.
    (Tests call ``main`` in-process and never reach this.)
    """
    try:
        main()
        code = 0
    except SystemExit as done:
        code = _exit_code(done.code)
    if "torch" not in sys.modules:
        sys.exit(code)
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
