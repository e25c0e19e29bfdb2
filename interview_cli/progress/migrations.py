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
    # 5: summaries of the answers, so that `prep stats` and `prep list` read a
    # row per question, session, quarter hour or mistake instead of every
    # answer ever given (with 100,000 answers the full scans took most of
    # the time of `prep stats`). Triggers on INSERT keep each summary in the
    # transaction of the row it counts, whoever inserts it: an answer, a
    # submission, an import. Rows of attempts and submissions are only ever
    # inserted, never updated or deleted, so INSERT triggers are all it takes.
    # They count what the full scans counted: an attempt unless invalid or the
    # answer to a single derivation step, a submission unless invalid; for
    # mistakes, the known mistake or diagnosis of any row.
    #
    # Practice is counted per quarter hour of UTC ('YYYY-MM-DDTHH:MM', the
    # start of the quarter): every time zone's offset is a whole number of
    # quarter hours, so a quarter never straddles a local midnight, and stats
    # still count the local days of whatever zone the learner is in.
    #
    # `--since` still reads the answers of its window: the time indexes let
    # it read only those. The index on sessions' start lets the accuracy
    # chart walk back from the newest session and stop at its last 30.
    Migration(
        5,
        "answer summaries kept by triggers",
        (
            """CREATE TABLE summary_questions (
                question_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                topic TEXT NOT NULL,
                answers INTEGER NOT NULL,
                correct INTEGER NOT NULL,
                last_at TEXT NOT NULL,
                PRIMARY KEY (question_id, kind, topic)
            ) WITHOUT ROWID""",
            """CREATE TABLE summary_sessions (
                session_id INTEGER NOT NULL,
                topic TEXT NOT NULL,
                answers INTEGER NOT NULL,
                correct INTEGER NOT NULL,
                PRIMARY KEY (session_id, topic)
            ) WITHOUT ROWID""",
            """CREATE TABLE summary_practice (
                topic TEXT NOT NULL,
                bucket TEXT NOT NULL,
                answers INTEGER NOT NULL,
                PRIMARY KEY (topic, bucket)
            ) WITHOUT ROWID""",
            """CREATE TABLE summary_mistakes (
                question_id TEXT NOT NULL,
                topic TEXT NOT NULL,
                mistake TEXT NOT NULL,
                times INTEGER NOT NULL,
                PRIMARY KEY (question_id, topic, mistake)
            ) WITHOUT ROWID""",
            """CREATE TRIGGER summarize_attempt AFTER INSERT ON attempts
            WHEN NEW.verdict != 'invalid' AND NEW.step IS NULL
            BEGIN
                INSERT INTO summary_questions VALUES (NEW.question_id, NEW.kind,
                    NEW.topic, 1, NEW.verdict = 'correct', NEW.answered_at)
                ON CONFLICT (question_id, kind, topic) DO UPDATE SET
                    answers = answers + 1, correct = correct + excluded.correct,
                    last_at = max(last_at, excluded.last_at);
                INSERT INTO summary_sessions VALUES (NEW.session_id, NEW.topic, 1,
                    NEW.verdict = 'correct')
                ON CONFLICT (session_id, topic) DO UPDATE SET
                    answers = answers + 1, correct = correct + excluded.correct;
                INSERT INTO summary_practice VALUES (NEW.topic,
                    printf('%s%02d', strftime('%Y-%m-%dT%H:', NEW.answered_at),
                           strftime('%M', NEW.answered_at) / 15 * 15), 1)
                ON CONFLICT (topic, bucket) DO UPDATE SET answers = answers + 1;
            END""",
            """CREATE TRIGGER summarize_submission AFTER INSERT ON submissions
            WHEN NEW.verdict != 'invalid_submission'
            BEGIN
                INSERT INTO summary_questions VALUES (NEW.question_id, 'code',
                    NEW.topic, 1, NEW.verdict = 'accepted', NEW.submitted_at)
                ON CONFLICT (question_id, kind, topic) DO UPDATE SET
                    answers = answers + 1, correct = correct + excluded.correct,
                    last_at = max(last_at, excluded.last_at);
                INSERT INTO summary_sessions VALUES (NEW.session_id, NEW.topic, 1,
                    NEW.verdict = 'accepted')
                ON CONFLICT (session_id, topic) DO UPDATE SET
                    answers = answers + 1, correct = correct + excluded.correct;
                INSERT INTO summary_practice VALUES (NEW.topic,
                    printf('%s%02d', strftime('%Y-%m-%dT%H:', NEW.submitted_at),
                           strftime('%M', NEW.submitted_at) / 15 * 15), 1)
                ON CONFLICT (topic, bucket) DO UPDATE SET answers = answers + 1;
            END""",
            """CREATE TRIGGER summarize_attempt_mistake AFTER INSERT ON attempts
            WHEN NEW.mistake IS NOT NULL
            BEGIN
                INSERT INTO summary_mistakes VALUES (NEW.question_id, NEW.topic,
                    NEW.mistake, 1)
                ON CONFLICT (question_id, topic, mistake) DO UPDATE SET
                    times = times + 1;
            END""",
            """CREATE TRIGGER summarize_submission_diagnosis AFTER INSERT ON submissions
            WHEN NEW.diagnosis IS NOT NULL
            BEGIN
                INSERT INTO summary_mistakes VALUES (NEW.question_id, NEW.topic,
                    NEW.diagnosis, 1)
                ON CONFLICT (question_id, topic, mistake) DO UPDATE SET
                    times = times + 1;
            END""",
            # The backfill: the rows already there, counted as the triggers
            # would have, through a view dropped again at the end.
            """CREATE TEMP VIEW judged_before_summaries AS
                SELECT question_id, kind, topic, session_id,
                       verdict = 'correct' AS ok, answered_at AS at
                FROM attempts WHERE verdict != 'invalid' AND step IS NULL
                UNION ALL
                SELECT question_id, 'code', topic, session_id,
                       verdict = 'accepted', submitted_at
                FROM submissions WHERE verdict != 'invalid_submission'""",
            """INSERT INTO summary_questions
                SELECT question_id, kind, topic, COUNT(*), SUM(ok), MAX(at)
                FROM judged_before_summaries GROUP BY question_id, kind, topic""",
            """INSERT INTO summary_sessions
                SELECT session_id, topic, COUNT(*), SUM(ok)
                FROM judged_before_summaries GROUP BY session_id, topic""",
            """INSERT INTO summary_practice
                SELECT topic, printf('%s%02d', strftime('%Y-%m-%dT%H:', at),
                                     strftime('%M', at) / 15 * 15) AS bucket,
                       COUNT(*)
                FROM judged_before_summaries GROUP BY topic, bucket""",
            "DROP VIEW judged_before_summaries",
            """INSERT INTO summary_mistakes
                SELECT question_id, topic, mistake, COUNT(*) FROM (
                    SELECT question_id, topic, mistake FROM attempts
                    WHERE mistake IS NOT NULL
                    UNION ALL
                    SELECT question_id, topic, diagnosis FROM submissions
                    WHERE diagnosis IS NOT NULL
                ) GROUP BY question_id, topic, mistake""",
            "CREATE INDEX attempts_by_time ON attempts(answered_at)",
            "CREATE INDEX submissions_by_time ON submissions(submitted_at)",
            "CREATE INDEX sessions_by_start ON sessions(started_at)",
        ),
    ),
)

# Tables a migration derives from the others and keeps up to date by itself:
# an export leaves them out, and an import rebuilds them as it inserts.
SUMMARY_PREFIX = "summary_"


def pending(conn: sqlite3.Connection) -> bool:
    """Whether ``migrate`` has anything to do (and so will write to the file)."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    if "schema_migrations" not in tables:
        return True
    applied = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    return any(m.version not in applied for m in MIGRATIONS)


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
