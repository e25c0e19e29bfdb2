"""The summaries kept by triggers give exactly what full scans of the answers gave.

The oracle is the SQL the store ran before migration 5, kept here verbatim:
every method is compared with it on a varied history, in time zones whose
offsets are not whole hours and change with daylight saving time.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from interview_cli.progress import migrations
from interview_cli.progress.store import (
    DB_NAME,
    Attempt,
    MistakeCount,
    QuestionRecord,
    SessionAccuracy,
    Store,
    Submission,
    TopicStats,
    utc_stamp,
)
from interview_cli.progress.transfer import export_document, import_document

FIRST_SCHEMA = Path(__file__).parent / "data" / "first_schema.sql"

# The full scans of the store before migration 5, as they were.
JUDGED = """
    SELECT question_id, topic, kind, verdict = 'correct' AS ok, answered_at AS at,
           session_id
    FROM attempts WHERE verdict != 'invalid' AND step IS NULL
    UNION ALL
    SELECT question_id, topic, 'code', verdict = 'accepted', submitted_at,
           session_id
    FROM submissions WHERE verdict != 'invalid_submission'
"""


def judged_filter(
    topic: str | None, since: datetime | None
) -> tuple[str, tuple[str, ...]]:
    clauses, params = [], []
    if topic:
        clauses.append("topic = ?")
        params.append(topic)
    if since:
        clauses.append("at >= ?")
        params.append(utc_stamp(since))
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)


def old_question_records(conn: sqlite3.Connection) -> dict[Any, QuestionRecord]:
    rows = conn.execute(
        f"""SELECT question_id, kind, COUNT(*), SUM(ok), MAX(at)
            FROM ({JUDGED}) GROUP BY question_id, kind"""
    )
    return {
        (qid, kind): QuestionRecord(n, int(ok), datetime.fromisoformat(last))
        for qid, kind, n, ok, last in rows
    }


def old_topic_stats(
    conn: sqlite3.Connection, topic: str | None, since: datetime | None
) -> list[TopicStats]:
    where, params = judged_filter(topic, since)
    rows = conn.execute(
        f"""SELECT topic, COUNT(*), SUM(ok), MAX(at),
                   COUNT(DISTINCT question_id || ' ' || kind)
            FROM ({JUDGED}) {where} GROUP BY topic ORDER BY topic""",
        params,
    )
    return [
        TopicStats(topic, n, int(ok), datetime.fromisoformat(last), seen)
        for topic, n, ok, last, seen in rows
    ]


def old_practice_days(
    conn: sqlite3.Connection, topic: str | None, since: datetime | None
) -> dict[date, int]:
    where, params = judged_filter(topic, since)
    rows = conn.execute(
        f"""SELECT date(at, 'localtime') AS day, COUNT(*)
            FROM ({JUDGED}) {where} GROUP BY day""",
        params,
    )
    return {date.fromisoformat(day): n for day, n in rows}


def old_session_accuracy(
    conn: sqlite3.Connection, topic: str | None, since: datetime | None, limit: int
) -> list[SessionAccuracy]:
    where, params = judged_filter(topic, since)
    rows = conn.execute(
        f"""SELECT id, started_at, answers, correct FROM (
                SELECT session_id, COUNT(*) AS answers, SUM(ok) AS correct
                FROM ({JUDGED}) {where} GROUP BY session_id
            ) JOIN sessions ON sessions.id = session_id
            ORDER BY started_at DESC, id DESC LIMIT ?""",
        (*params, limit),
    ).fetchall()
    return [
        SessionAccuracy(sid, datetime.fromisoformat(started), n, int(ok))
        for sid, started, n, ok in reversed(rows)
    ]


def old_common_mistakes(
    conn: sqlite3.Connection, topic: str | None, since: datetime | None, limit: int
) -> list[MistakeCount]:
    where, params = judged_filter(topic, since)
    rows = conn.execute(
        f"""SELECT question_id, mistake, COUNT(*) AS n FROM (
                SELECT question_id, topic, mistake, answered_at AS at
                FROM attempts WHERE mistake IS NOT NULL
                UNION ALL
                SELECT question_id, topic, diagnosis, submitted_at
                FROM submissions WHERE diagnosis IS NOT NULL
            ) {where}
            GROUP BY question_id, mistake ORDER BY n DESC, question_id LIMIT ?""",
        (*params, limit),
    )
    return [MistakeCount(qid, mistake, n) for qid, mistake, n in rows]


# The history: three topics, every kind, a question id shared by a theory
# and a code question, and one that moved from one topic to another.
THEORY = [
    ("losses.bce", "losses", "symbolic"),
    ("losses.cce", "losses", "numeric"),
    ("attention.scaling", "attention", "symbolic"),
    ("attention.heads", "attention", "choice"),
    ("regularization.dropout", "regularization", "explain"),
    ("moved.question", "losses", "symbolic"),
    ("moved.question", "attention", "symbolic"),
]
DERIVATIONS = [("losses.bce-derivation", "losses")]
CODE = [("losses.bce", "losses"), ("attention.softmax", "attention")]
MISTAKES = (None, None, None, "dropped the sign", "log of the sum")
DIAGNOSES = (None, None, "wrong_shape", "off_by_one")
SUBMISSION_VERDICTS = ("accepted", "wrong_answer", "runtime_error")
START = datetime(2026, 9, 30, 17, 50, tzinfo=timezone.utc)
# Kathmandu's midnight (UTC+5:45) and St John's (UTC-2:30 in summer time).
EDGES = (
    datetime(2026, 10, 2, 18, 14, 59, 999000, tzinfo=timezone.utc),
    datetime(2026, 10, 2, 18, 15, tzinfo=timezone.utc),
    datetime(2026, 10, 3, 2, 29, 59, 999000, tzinfo=timezone.utc),
    datetime(2026, 10, 3, 2, 30, tzinfo=timezone.utc),
)
ZONES = ("UTC", "Asia/Kathmandu", "America/St_Johns", "Australia/Lord_Howe")


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def theory(rng: random.Random, step: int | None = None) -> Attempt:
    qid, topic, kind = rng.choice(THEORY)
    if step is not None:
        qid, topic = DERIVATIONS[0]
        kind = "derivation"
    verdict = rng.choice(("correct", "correct", "incorrect", "invalid"))
    return Attempt(
        question_id=qid,
        topic=topic,
        kind=kind,
        answer="x",
        verdict=verdict,
        score=1.0 if verdict == "correct" else 0.0,
        duration_s=rng.uniform(2, 90),
        mistake=rng.choice(MISTAKES),
        rating=rng.choice(("again", "good")) if kind == "explain" else None,
        hinted=rng.random() < 0.2,
        step=step,
    )


def code(rng: random.Random) -> Submission:
    qid, topic = rng.choice(CODE)
    verdict = rng.choice((*SUBMISSION_VERDICTS, "invalid_submission"))
    diagnosis = rng.choice(DIAGNOSES)
    return Submission(qid, topic, "ab" * 32, "", verdict, 1, 2, diagnosis, 0, "none", 1)


def answer_once(store: Store, session: int, rng: random.Random) -> None:
    """One answer, a derivation (its steps, then itself) or one code file."""
    roll = rng.random()
    if roll < 0.15:
        for step in range(1, rng.randint(2, 4)):
            store.record(session, theory(rng, step), review=False)
        whole = theory(rng)._replace(
            question_id=DERIVATIONS[0][0], topic=DERIVATIONS[0][1], kind="derivation"
        )
        store.record(session, whole)
    elif roll < 0.3:
        store.record_submission(session, code(rng))
    else:
        store.record(session, theory(rng), review=rng.random() < 0.8)


def fill(store: Store, clock: Clock, sessions: int = 45) -> None:
    """Sessions over five weeks (Lord Howe's and St John's clock changes
    among them), some at the same moment, some with no judged answer."""
    rng = random.Random(5)
    for number in range(sessions):
        clock.now += timedelta(minutes=rng.uniform(15, 2400))
        session = store.start_session(rng.choice(("quiz", "check", "submit")))
        if number % 11 == 3:  # two sessions started at the same moment
            answer_once(store, store.start_session("check"), rng)
        if number % 13 == 7:
            continue  # an empty session
        for _ in range(rng.randint(1, 10)):
            clock.now += timedelta(seconds=rng.uniform(0.5, 700))
            answer_once(store, session, rng)
    for edge in EDGES:
        clock.now = edge
        right = theory(rng)._replace(verdict="correct", mistake=None)
        store.record(store.start_session("check"), right)


@pytest.fixture
def zone(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The process's local time zone, which SQLite's 'localtime' reads."""
    with monkeypatch.context() as patch:
        patch.setenv("TZ", request.param)
        time.tzset()
        yield request.param
    time.tzset()


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Store:
    clock = Clock()
    store = Store.open(tmp_path_factory.mktemp("history"), clock)
    fill(store, clock)
    return store


def windows(store: Store) -> list[datetime | None]:
    """No window; from the start, the middle (an answer's own time), the end."""
    stamps = [
        row[0]
        for row in store.connection.execute(
            "SELECT answered_at FROM attempts ORDER BY answered_at"
        )
    ]
    middle = datetime.fromisoformat(stamps[len(stamps) // 2])
    return [
        None,
        START,
        middle,
        middle + timedelta(days=3),
        START + timedelta(days=99),
    ]


def assert_like_full_scans(store: Store) -> None:
    conn = store.connection
    assert store.question_records() == old_question_records(conn)
    for topic in (None, "losses", "attention", "regularization", "unknown"):
        for since in windows(store):
            assert store.topic_stats(topic, since) == old_topic_stats(
                conn, topic, since
            )
            assert store.practice_days(topic, since) == old_practice_days(
                conn, topic, since
            )
            for limit in (3, 30, 1000):
                assert store.session_accuracy(topic, since, limit) == (
                    old_session_accuracy(conn, topic, since, limit)
                )
                assert store.common_mistakes(topic, since, limit) == (
                    old_common_mistakes(conn, topic, since, limit)
                )


def test_history_has_what_the_comparison_needs(history: Store) -> None:
    conn = history.connection
    topics, kinds, steps, invalid, mistakes, days = conn.execute(
        """SELECT COUNT(DISTINCT topic), COUNT(DISTINCT kind), SUM(step IS NOT NULL),
                  SUM(verdict = 'invalid'), COUNT(mistake),
                  COUNT(DISTINCT date(answered_at))
           FROM attempts"""
    ).fetchone()
    assert (topics, kinds) == (3, 5)
    assert steps and invalid and mistakes and days >= 25
    verdicts, diagnoses = conn.execute(
        "SELECT COUNT(DISTINCT verdict), COUNT(diagnosis) FROM submissions"
    ).fetchone()
    assert verdicts == 4 and diagnoses
    same_start = conn.execute(
        "SELECT COUNT(*) FROM sessions GROUP BY started_at HAVING COUNT(*) > 1"
    ).fetchall()
    assert same_start


@pytest.mark.parametrize("zone", ZONES, indirect=True)
def test_summaries_match_full_scans(history: Store, zone: str) -> None:
    assert_like_full_scans(history)


def summary_tables(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    names = [
        name
        for (name,) in store.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name LIKE 'summary_%' ORDER BY name"
        )
    ]
    return {
        name: store.connection.execute(
            f"SELECT * FROM {name} ORDER BY 1, 2, 3"
        ).fetchall()
        for name in names
    }


@pytest.mark.parametrize("zone", ["Asia/Kathmandu"], indirect=True)
def test_migration_backfills_existing_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, history: Store, zone: str
) -> None:
    before = [m for m in migrations.MIGRATIONS if m.version < 5]
    with monkeypatch.context() as schema_4:
        schema_4.setattr(migrations, "MIGRATIONS", tuple(before))
        clock = Clock()
        old = Store.open(tmp_path, clock)
        fill(old, clock)
        old.close()
    store = Store.open(tmp_path)
    assert summary_tables(store) == summary_tables(history)
    assert_like_full_scans(store)


def test_first_schema_answers_are_summarized(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.executescript(FIRST_SCHEMA.read_text(encoding="utf-8"))
    conn.close()
    store = Store.open(tmp_path)
    assert store.question_records()[("attention.scaling-factor", "symbolic")] == (
        QuestionRecord(2, 1, datetime(2026, 11, 3, 9, 15, 55, tzinfo=timezone.utc))
    )
    assert store.common_mistakes() == [
        MistakeCount("attention.scaling-factor", "1/d_k", 1)
    ]
    assert_like_full_scans(store)


def test_import_rebuilds_summaries(tmp_path: Path, history: Store) -> None:
    document = export_document(history.connection)
    assert not [name for name in document["tables"] if name.startswith("summary_")]
    target = Store.open(tmp_path)
    import_document(target.connection, document)
    import_document(target.connection, document)  # skipped rows count nothing
    assert summary_tables(target) == summary_tables(history)
