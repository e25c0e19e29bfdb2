"""The progress database: every answer, committed the moment it is judged."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

from interview_cli.errors import PrepError
from interview_cli.progress.migrations import migrate

DB_NAME = "progress.sqlite3"

# Every judged answer and graded submission, in one shape. Unreadable answers
# are kept in `attempts` but are not judgements, so they do not count.
JUDGED = """
    SELECT question_id, topic, kind, verdict = 'correct' AS ok, answered_at AS at
    FROM attempts WHERE verdict != 'invalid'
    UNION ALL
    SELECT question_id, topic, 'code', verdict = 'accepted', submitted_at
    FROM submissions WHERE verdict != 'invalid_submission'
"""
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Attempt(NamedTuple):
    """One judged answer, as it is stored."""

    question_id: str
    topic: str
    kind: str
    answer: str
    verdict: str  # correct | incorrect | invalid
    score: float  # 0..1
    duration_s: float
    mistake: str | None = None  # the known mistake it matched, if any
    rating: str | None = None  # again | hard | good | easy, for self-rated kinds
    hinted: bool = False


class Submission(NamedTuple):
    """One graded code file, as it is stored."""

    question_id: str
    topic: str
    file_hash: str
    source: str
    verdict: str  # one of CONTRACT.md's submit verdicts
    passed: int
    total: int
    diagnosis: str | None
    seed: int
    isolation: str
    duration_s: float


class QuestionRecord(NamedTuple):
    """What the learner has done with one question so far."""

    attempted: int
    correct: int
    last_seen: datetime


class TopicStats(NamedTuple):
    topic: str
    attempted: int
    correct: int
    last_seen: datetime


class Store:
    """The SQLite file in the data folder; open it with ``Store.open``."""

    def __init__(self, conn: sqlite3.Connection, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._clock = clock

    @classmethod
    def open(cls, folder: Path, clock: Clock = utc_now) -> Store:
        """Open (creating on first use) and migrate the database in ``folder``."""
        path = folder / DB_NAME
        try:
            # isolation_level=None: transactions are explicit, so each answer
            # is committed by its own statement and nothing waits for a close.
            conn = sqlite3.connect(path, timeout=5.0, isolation_level=None)
            with _friendly_errors(path):
                conn.execute("PRAGMA foreign_keys = ON")
                migrate(conn)
        except sqlite3.Error as err:
            raise _user_error(path, err) from None
        return cls(conn, clock)

    def close(self) -> None:
        self._conn.close()

    def start_session(self, command: str) -> int:
        """Open a session (one run of a command) and return its id."""
        with _friendly_errors(None):
            cursor = self._conn.execute(
                "INSERT INTO sessions (command, started_at) VALUES (?, ?)",
                (command, self._stamp()),
            )
        return int(cursor.lastrowid or 0)

    def record(self, session_id: int, attempt: Attempt) -> None:
        """Store one judged answer in its own committed transaction."""
        with _friendly_errors(None):
            self._conn.execute(
                """INSERT INTO attempts (session_id, question_id, topic, kind, answer,
                       verdict, score, mistake, rating, hinted, duration_s, answered_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    session_id,
                    attempt.question_id,
                    attempt.topic,
                    attempt.kind,
                    attempt.answer,
                    attempt.verdict,
                    attempt.score,
                    attempt.mistake,
                    attempt.rating,
                    int(attempt.hinted),
                    round(attempt.duration_s, 3),
                    self._stamp(),
                ),
            )

    def record_submission(self, session_id: int, submission: Submission) -> None:
        """Store one graded submission in its own committed transaction."""
        with _friendly_errors(None):
            self._conn.execute(
                """INSERT INTO submissions (session_id, question_id, topic, file_hash,
                       source, verdict, passed, total, diagnosis, seed, isolation,
                       duration_s, submitted_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    session_id,
                    submission.question_id,
                    submission.topic,
                    submission.file_hash,
                    submission.source,
                    submission.verdict,
                    submission.passed,
                    submission.total,
                    submission.diagnosis,
                    submission.seed,
                    submission.isolation,
                    round(submission.duration_s, 3),
                    self._stamp(),
                ),
            )

    def question_records(self) -> dict[tuple[str, str], QuestionRecord]:
        """Per (question id, kind): judged answers, correct ones, last seen.

        The kind is part of the key because a theory question and a code
        question may share an id (CONTRACT.md does this for losses.bce).
        """
        rows = self._query(
            f"""SELECT question_id, kind, COUNT(*), SUM(ok), MAX(at)
                FROM ({JUDGED}) GROUP BY question_id, kind"""
        )
        return {
            (qid, kind): QuestionRecord(n, int(ok), datetime.fromisoformat(last))
            for qid, kind, n, ok, last in rows
        }

    def topic_stats(self) -> list[TopicStats]:
        """Per topic: judged answers, correct ones, and when last practised."""
        rows = self._query(
            f"""SELECT topic, COUNT(*), SUM(ok), MAX(at)
                FROM ({JUDGED}) GROUP BY topic ORDER BY topic"""
        )
        return [
            TopicStats(topic, n, int(ok), datetime.fromisoformat(last))
            for topic, n, ok, last in rows
        ]

    def _query(self, sql: str) -> list[Any]:
        with _friendly_errors(None):
            return list(self._conn.execute(sql))

    def _stamp(self) -> str:
        return self._clock().astimezone(timezone.utc).isoformat(timespec="milliseconds")


@contextmanager
def _friendly_errors(path: Path | None) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as err:
        raise _user_error(path, err) from None


def _user_error(path: Path | None, err: sqlite3.Error) -> PrepError:
    """Turn SQLite's errors into one line that says what to do."""
    where = f" ({path})" if path else ""
    text = str(err)
    if "locked" in text or "busy" in text:
        return PrepError(
            f"the progress database{where} is busy in another prep; "
            "finish or close that one and try again"
        )
    if "not a database" in text or "malformed" in text:
        return PrepError(
            f"the file{where} is not a prep progress database; "
            "move it away or set PREP_HOME to another folder"
        )
    if "readonly" in text or "unable to open" in text:
        return PrepError(
            f"cannot write the progress database{where}; "
            "check its permissions or set PREP_HOME to a writable folder"
        )
    return PrepError(f"the progress database{where} failed: {text}")
