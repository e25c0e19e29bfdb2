"""A file at the data path that is not prep's, or is damaged, gets one line
and is kept exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_cli.progress.store import DB_NAME, Store
from tests.conftest import RunPrep
from tests.progress.test_store import attempt

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


def damage_middle_page(home: Path) -> Path:
    """A prep database of 300 answers, one page in the middle overwritten."""
    home.mkdir(parents=True)
    store = Store.open(home)
    session = store.start_session("quiz")
    for _ in range(300):
        store.record(session, attempt())
    page_size, pages = (
        store.connection.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("page_size", "page_count")
    )
    store.close()  # the last close moves the WAL into the file
    path = home / DB_NAME
    data = bytearray(path.read_bytes())
    middle = pages // 2 * page_size
    data[middle : middle + page_size] = b"\xa5" * page_size
    path.write_bytes(bytes(data))
    return path


def test_damaged_page_exits_2_unchanged(prep: RunPrep, isolated_home: Path) -> None:
    path = damage_middle_page(isolated_home)
    before = path.read_bytes()
    run = prep("check", "losses.bce", "1")
    assert run.code == 2
    assert len(run.err.strip().splitlines()) == 1
    assert f"the progress database {path} is damaged" in run.err
    assert "move it aside" in run.err
    assert path.read_bytes() == before
