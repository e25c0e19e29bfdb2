"""Every command explains itself, with an example."""

from __future__ import annotations

import pytest

from interview_cli.cli.app import app
from tests.conftest import RunPrep

COMMANDS = [
    "quiz",
    "list",
    "show",
    "check",
    "stats",
    "history",
    "export",
    "import",
    "bank validate",
    "lab regularization",
    "lab optimizers",
]


def test_every_command_is_listed() -> None:
    import typer.main

    group = typer.main.get_command(app)
    assert {"quiz", "list", "show", "check", "stats", "bank"} <= set(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_has_example(prep: RunPrep, command: str) -> None:
    run = prep(*command.split(), "--help")
    assert run.code == 0
    assert "Example" in run.out


def test_no_arguments_shows_help(prep: RunPrep) -> None:
    run = prep()
    assert "quiz" in run.out + run.err
