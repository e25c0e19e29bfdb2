"""The store holds: concurrent writers, a killed process, an old schema."""

from __future__ import annotations

import os
import re
import select
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from interview_cli.errors import PrepError
from interview_cli.progress import store as store_module
from interview_cli.progress.migrations import MIGRATIONS
from interview_cli.progress.store import DB_NAME, Store, friendly_errors
from tests.progress.test_store import attempt

# Built by the first commit's Store, so the test does not depend on today's
# idea of what the first schema was.
FIRST_SCHEMA = Path(__file__).parent / "data" / "first_schema.sql"
ANSWERS = 30
CHECKER = """
import sys
from interview_cli.cli.app import main
for _ in range({answers}):
    try:
        main(["check", "losses.cce-one-hot", "--", "-log(p_c)"])
    except SystemExit as exit_:
        if exit_.code:
            sys.exit(exit_.code)
"""
RECORDER = """
import sys, time
from pathlib import Path
from interview_cli.progress.store import Attempt, Store
store = Store.open(Path(sys.argv[1]))
session = store.start_session("quiz")
for n in range(int(sys.argv[2])):
    store.record(session, Attempt("losses.bce", "losses", "symbolic", str(n),
                                  "correct", 1.0, 1.0))
print("recorded", flush=True)
time.sleep(60)
"""


def attempts_in(folder: Path) -> int:
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0])
    finally:
        conn.close()


def test_store_opens_in_wal_mode_with_busy_timeout(tmp_path: Path) -> None:
    conn = Store.open(tmp_path).connection
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_two_processes_keep_every_answer(isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True)
    Store.open(isolated_home).close()
    code = CHECKER.format(answers=ANSWERS)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        errors = [proc.communicate(timeout=120)[1] for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
    assert [proc.returncode for proc in procs] == [0, 0], errors
    assert attempts_in(isolated_home) == 2 * ANSWERS


def test_kill_nine_loses_no_recorded_answer(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", RECORDER, str(tmp_path), "25"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        assert ready and proc.stdout is not None
        assert proc.stdout.readline().strip() == "recorded"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert attempts_in(tmp_path) == 25


def test_first_schema_database_is_migrated_forward(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.executescript(FIRST_SCHEMA.read_text(encoding="utf-8"))
    conn.close()

    store = Store.open(tmp_path)
    versions = store.connection.execute("SELECT version FROM schema_migrations")
    assert [v for (v,) in versions] == [m.version for m in MIGRATIONS]
    attempts = store.connection.execute(
        "SELECT question_id, answer, verdict FROM attempts ORDER BY id"
    )
    assert attempts.fetchall() == [
        ("losses.bce", "-(y log p + (1-y) log(1-p))", "correct"),
        ("attention.scaling-factor", "1/d_k", "incorrect"),
        ("attention.scaling-factor", "1/sqrt(d_k)", "correct"),
    ]
    # They still count, and a new answer joins them.
    store.record(store.start_session("check"), attempt())
    stats = {t.topic: (t.attempted, t.correct) for t in store.topic_stats()}
    assert stats == {"attention": (2, 1), "losses": (2, 2)}


def test_foreign_sqlite_database_is_left_alone(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = (tmp_path / DB_NAME).read_bytes()
    with pytest.raises(PrepError, match="is not a prep progress database"):
        Store.open(tmp_path)
    assert (tmp_path / DB_NAME).read_bytes() == before


def count_damage_checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files refuse_damaged is run on, from now on."""
    checked: list[Path] = []
    real = store_module.refuse_damaged

    def counting(conn: sqlite3.Connection, path: Path) -> None:
        checked.append(path)
        real(conn, path)

    monkeypatch.setattr(store_module, "refuse_damaged", counting)
    return checked


def test_damage_check_waits_for_first_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(tmp_path).close()
    checked = count_damage_checks(monkeypatch)
    store = Store.open(tmp_path)
    store.topic_stats()
    store.cards()
    assert checked == []
    session = store.start_session("quiz")
    store.record(session, attempt())
    store.record(session, attempt())
    assert checked == [tmp_path / DB_NAME]


def test_damage_check_runs_before_migrating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.executescript(FIRST_SCHEMA.read_text(encoding="utf-8"))
    conn.close()
    checked = count_damage_checks(monkeypatch)
    Store.open(tmp_path).start_session("quiz")
    assert checked == [tmp_path / DB_NAME]


def test_damaged_page_met_by_a_read_says_damaged(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    damaged = f"^the progress database {re.escape(str(path))} is damaged"
    with pytest.raises(PrepError, match=damaged), friendly_errors(path):
        raise sqlite3.DatabaseError("database disk image is malformed")
