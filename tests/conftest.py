"""Fixtures shared by every test: no test ever touches the real user folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point PREP_HOME at a fresh folder and drop any PREP_BANK of the caller."""
    home = tmp_path / "prep-home"
    monkeypatch.setenv("PREP_HOME", str(home))
    monkeypatch.delenv("PREP_BANK", raising=False)
    monkeypatch.delenv("PREP_DEBUG", raising=False)
    yield home
