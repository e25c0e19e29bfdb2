"""The README's set-up commands are what CI runs, and its examples work."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import RunPrep

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def console_examples() -> list[tuple[list[str], list[str]]]:
    """Each '$ prep ...' line with the output lines the README shows for it."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for chunk in block.split("$ prep ")[1:]:
            command, *shown = chunk.rstrip("\n").split("\n")
            examples.append((shlex.split(command), shown))
    return examples


def test_two_setup_commands_install_and_run() -> None:
    install_and_quiz, install_and_test = setup_commands()
    assert install_and_quiz.endswith("prep quiz")
    assert "-c constraints.txt" in install_and_quiz
    assert "pytest" in install_and_test


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert setup_commands()[1] in ci.splitlines()


def test_constraints_pin_local_torch() -> None:
    assert "torch==2.13.0" in (ROOT / "constraints.txt").read_text().split()


@pytest.mark.parametrize(
    ("args", "shown"),
    [pytest.param(a, s, id=" ".join(a)[:50]) for a, s in console_examples()],
)
def test_readme_example_runs(
    prep: RunPrep, monkeypatch: pytest.MonkeyPatch, args: list[str], shown: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "88")  # the width the examples were taken at
    paths = [a for a in args if a.endswith("/")]
    if paths and not all(Path(p).exists() for p in paths):
        pytest.skip("the example names a folder of the reader's own")
    run = prep(*args)
    assert run.code in {0, 1}, run.err
    assert "Traceback" not in run.err
    if args[0] == "check":  # deterministic output: the README shows it verbatim
        assert [line.rstrip() for line in run.out.splitlines()[: len(shown)]] == shown
