"""A file at the data path that is not prep's gets one line, and is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_cli.progress.store import DB_NAME
from tests.conftest import RunPrep

NOT_OURS = {
    "text": b"these are my notes, not a database\n" * 50,
    "damaged": b"SQLite format 3\x00" + b"\xff" * 4080,
}


@pytest.mark.parametrize("kind", sorted(NOT_OURS))
def test_file_not_ours_exits_2_unchanged(
    prep: RunPrep, isolated_home: Path, kind: str
) -> None:
    isolated_home.mkdir(parents=True)
    path = isolated_home / DB_NAME
    path.write_bytes(NOT_OURS[kind])
    run = prep("history")
    assert run.code == 2
    assert len(run.err.strip().splitlines()) == 1
    assert "not a prep progress database" in run.err
    assert path.read_bytes() == NOT_OURS[kind]
