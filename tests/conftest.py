"""Fixtures shared by every test: no test ever touches the real user folders."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from interview_cli.cli.app import main


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point PREP_HOME at a fresh folder and drop any PREP_BANK of the caller."""
    home = tmp_path / "prep-home"
    monkeypatch.setenv("PREP_HOME", str(home))
    monkeypatch.delenv("PREP_BANK", raising=False)
    monkeypatch.delenv("PREP_DEBUG", raising=False)
    yield home


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


RunPrep = Callable[..., Run]


@pytest.fixture
def prep(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> RunPrep:
    """Call ``main(args)`` as the ``prep`` script would, at a fixed width."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str, stdin: str = "") -> Run:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        try:
            main(list(args))
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
