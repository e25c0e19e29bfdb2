"""The ``prep`` command: parses arguments, calls the library, renders results."""

from __future__ import annotations

import importlib
import os
import signal
import sys
import threading
from collections.abc import Iterator, Mapping
from typing import Any, TypeAlias

import typer
import typer.main
from typer.core import TyperGroup

from interview_cli.cli import options, scope
from interview_cli.errors import PrepError

# A click command as typer builds it: click's own before typer 0.28, typer's
# vendored copy from then on, so the type is left open here.
Command: TypeAlias = Any

# Each command, in the order 'prep --help' lists them: where it is defined,
# as (module, name). A name is a command function or a typer app of its own.
COMMANDS: dict[str, tuple[str, str]] = {
    "learn": ("interview_cli.cli.learn", "learn"),
    "quiz": ("interview_cli.cli.quiz", "quiz"),
    "list": ("interview_cli.cli.browse", "list_questions"),
    "show": ("interview_cli.cli.browse", "show"),
    "start": ("interview_cli.cli.code", "start"),
    "submit": ("interview_cli.cli.code", "submit"),
    "check": ("interview_cli.cli.check", "check"),
    "stats": ("interview_cli.cli.stats", "stats"),
    "history": ("interview_cli.cli.history", "history"),
    "export": ("interview_cli.cli.transfer", "export"),
    "import": ("interview_cli.cli.transfer", "import_"),
    "bank": ("interview_cli.cli.bank", "app"),
    "lab": ("interview_cli.cli.lab", "app"),
}


class Commands(Mapping[str, Command]):
    """The subcommands, each imported and built by typer the first time it is used.

    Building all of them means importing every command module and reading
    every signature, ~20 ms that a run of one command does not need; only
    'prep --help', which lists them all, builds them all.
    """

    def __init__(self) -> None:
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            module, attribute = COMMANDS[name]  # KeyError: no such command
            target = getattr(importlib.import_module(module), attribute)
            command: Command
            if isinstance(target, typer.Typer):
                # A group even with one subcommand, as 'prep bank validate'.
                command = typer.main.get_group(target)
            else:
                single = options.plain_typer()
                single.command(name)(target)
                command = typer.main.get_command(single)
            command.name = name
            self._built[name] = command
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


app = TyperGroup(
    name="prep",
    # typer only reads commands (get, keys, items), which a Mapping allows.
    commands=Commands(),  # type: ignore[arg-type]
    help="Practise machine-learning interview questions in the terminal.\n\n"
    "Start with 'prep quiz'; 'prep list' shows every question.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


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
        with scope.command:
            app.main(args=argv, prog_name="prep")
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
