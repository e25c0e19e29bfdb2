"""Every command explains itself, with an example."""

from __future__ import annotations

import pytest

from interview_cli.cli.app import COMMANDS as COMMANDS_BY_NAME
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


def test_every_contract_command_is_listed(prep: RunPrep) -> None:
    listed = prep("--help").out.split("Commands:")[1]
    names = {line.split()[0] for line in listed.splitlines() if line.strip()}
    contract = {"quiz", "list", "show", "start", "submit", "check", "stats", "bank"}
    assert contract <= names
    assert names == set(COMMANDS_BY_NAME)


def test_every_command_builds_with_its_help() -> None:
    # Commands are built when first used; a typo in the table behind them
    # would otherwise surface only when somebody runs that command.
    for name, command in app.commands.items():
        assert command.name == name
        assert command.help, name


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_has_example(prep: RunPrep, command: str) -> None:
    run = prep(*command.split(), "--help")
    assert run.code == 0
    assert "Example" in run.out


def test_no_arguments_shows_help(prep: RunPrep) -> None:
    run = prep()
    assert "quiz" in run.out + run.err
