"""Numbered schema changes of the progress database.

Each migration is applied once, inside one transaction together with the row
that records it, so a crash leaves the database either before or after it.
Never edit a migration that has shipped: add a new one that says why.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from typing import NamedTuple


class Migration(NamedTuple):
    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    # 1: the first schema. Every answer is one row of `attempts`, written the
    # moment it is judged; `sessions` groups the answers of one run of prep.
    Migration(
        1,
        "attempts and sessions",
        (
            """CREATE TABLE sessions (
                id INTEGER PRIMARY KEY,
                command TEXT NOT NULL,
                started_at TEXT NOT NULL
            )""",
            """CREATE TABLE attempts (
                id INTEGER PRIMARY KEY,
                session_id INTEGER NOT NULL REFERENCES sessions(id),
                question_id TEXT NOT NULL,
                topic TEXT NOT NULL,
                kind TEXT NOT NULL,
                answer TEXT NOT NULL,
                verdict TEXT NOT NULL,
                score REAL NOT NULL,
                mistake TEXT,
                rating TEXT,
                hinted INTEGER NOT NULL DEFAULT 0,
                duration_s REAL NOT NULL,
                answered_at TEXT NOT NULL
            )""",
            # Stats group by topic and the quiz looks up a question's history.
            "CREATE INDEX attempts_by_question ON attempts(question_id, answered_at)",
            "CREATE INDEX attempts_by_topic ON attempts(topic, answered_at)",
        ),
    ),
    # 2: code submissions graded by `prep submit`. They keep the source, so a
    # past submission can be shown again, and the grader's findings.
    Migration(
        2,
        "submissions",
        (
            """CREATE TABLE submissions (
                id INTEGER PRIMARY KEY,
                session_id INTEGER NOT NULL REFERENCES sessions(id),
                question_id TEXT NOT NULL,
                topic TEXT NOT NULL,
                file_hash TEXT NOT NULL,
                source TEXT NOT NULL,
                verdict TEXT NOT NULL,
                passed INTEGER NOT NULL,
                total INTEGER NOT NULL,
                diagnosis TEXT,
                seed INTEGER NOT NULL,
                isolation TEXT NOT NULL,
                duration_s REAL NOT NULL,
                submitted_at TEXT NOT NULL
            )""",
            "CREATE INDEX submissions_by_question ON submissions(question_id)",
        ),
    ),
    # 3: spaced repetition. Each (question id, kind) has one FSRS card, kept
    # as the package's JSON and updated in the transaction that records the
    # answer reviewing it, so choosing the next question never replays the
    # history. `due` is indexed because the quiz asks for what is due first;
    # `introduced_at` counts the new questions of a day; `topic` lets stats
    # sum mastery per topic without the bank. Answers recorded before this
    # migration have no card: their question starts as new at its next answer.
    Migration(
        3,
        "cards",
        (
            """CREATE TABLE cards (
                question_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                topic TEXT NOT NULL,
                card TEXT NOT NULL,
                due TEXT NOT NULL,
                introduced_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (question_id, kind)
            )""",
            "CREATE INDEX cards_by_due ON cards(due)",
        ),
    ),
    # 4: randomised questions and derivations. `seed` names the variant an
    # attempt answered (NULL for a fixed question), so it can be replayed;
    # `step` marks the answer to one step of a derivation (1-based). Step
    # rows are kept as they are given; the derivation as a whole is one more
    # row with step NULL, scored by its partial credit, and only that row
    # counts as a judged answer in statistics and reviews.
    Migration(
        4,
        "variant seeds and derivation steps",
        (
            "ALTER TABLE attempts ADD COLUMN seed INTEGER",
            "ALTER TABLE attempts ADD COLUMN step INTEGER",
        ),
    ),
)


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the database up to the newest schema, one migration at a time."""
    conn.execute(
        """CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )"""
    )
    applied = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    for migration in MIGRATIONS:
        if migration.version in applied:
            continue
        # BEGIN IMMEDIATE takes the write lock first, so two prep processes
        # starting together cannot both apply the same migration.
        conn.execute("BEGIN IMMEDIATE")
        try:
            done = conn.execute(
                "SELECT 1 FROM schema_migrations WHERE version = ?",
                (migration.version,),
            ).fetchone()
            if done is None:
                for statement in migration.statements:
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    (migration.version, migration.name, _now()),
                )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
