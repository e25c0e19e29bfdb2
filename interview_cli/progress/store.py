"""The progress database: every answer, committed the moment it is judged."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

from interview_cli.errors import PrepError
from interview_cli.progress import schedule
from interview_cli.progress.migrations import migrate, pending

DB_NAME = "progress.sqlite3"

# The stats read summaries of the answers (migration 5 keeps them, by
# trigger): a row per question and topic, per session and topic, per topic
# and quarter hour, per mistake. With --since they read the answers of that
# window instead, through the time indexes, each row shaped as a summary row
# of one answer, so one query serves both.
#
# What counts: unreadable answers are kept in `attempts` but are not
# judgements; nor are the answers to single steps of a derivation, which its
# own row sums up. A mistake or diagnosis counts on any row.
JUDGED_SINCE = """
    SELECT question_id, kind, topic, session_id, 1 AS answers,
           verdict = 'correct' AS correct, answered_at AS last_at,
           answered_at AS bucket
    FROM attempts
    WHERE verdict != 'invalid' AND step IS NULL AND answered_at >= :since
    UNION ALL
    SELECT question_id, 'code', topic, session_id, 1, verdict = 'accepted',
           submitted_at, submitted_at
    FROM submissions
    WHERE verdict != 'invalid_submission' AND submitted_at >= :since
"""
MISTAKES_SINCE = """
    SELECT question_id, topic, mistake, 1 AS times
    FROM attempts WHERE mistake IS NOT NULL AND answered_at >= :since
    UNION ALL
    SELECT question_id, topic, diagnosis, 1
    FROM submissions WHERE diagnosis IS NOT NULL AND submitted_at >= :since
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
    # False when duration_s is not the learner's thinking time ('prep check'
    # sees only the answer arrive); it then does not make a review easy or hard.
    timed: bool = True
    seed: int | None = None  # the variant of a randomised question
    step: int | None = None  # 1-based, for the answer to one derivation step


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
    seen: int = 0  # distinct questions (id and kind) judged


class CardState(NamedTuple):
    """Where one question stands in the review schedule, at the store's now."""

    question_id: str
    kind: str
    topic: str
    due: datetime
    retrievability: float
    introduced_at: datetime


class SessionAccuracy(NamedTuple):
    """The judged answers of one session (one run of a command)."""

    session_id: int
    started_at: datetime
    answers: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.answers


class MistakeCount(NamedTuple):
    """A known mistake or a grader's diagnosis, and how often it was made."""

    question_id: str
    mistake: str
    times: int


class Store:
    """The SQLite file in the data folder; open it with ``Store.open``."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, clock: Clock = utc_now
    ) -> None:
        self._conn = conn
        self._path = path
        self._clock = clock
        self._checked = False  # quick_check passed: this Store may write

    @classmethod
    def open(cls, folder: Path, clock: Clock = utc_now) -> Store:
        """Open (creating on first use) and migrate the database in ``folder``."""
        path = folder / DB_NAME
        try:
            # isolation_level=None: transactions are explicit, so each answer
            # is committed by its own statement and nothing waits for a close.
            # timeout=5.0 is SQLite's busy timeout: a second prep writing at
            # the same moment waits up to 5 s for the lock instead of failing.
            conn = sqlite3.connect(path, timeout=5.0, isolation_level=None)
            store = cls(conn, path, clock)
            with friendly_errors(path):
                _refuse_foreign(conn, path)
                conn.execute("PRAGMA foreign_keys = ON")
                # Migrating and switching to WAL (which rewrites the header)
                # write to the file: a damaged one is refused first. Both are
                # needed only the first time a new prep opens a file.
                wal = conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
                if pending(conn) or not wal:
                    store._check_before_write()
                migrate(conn)
                # WAL: readers never block the writer and a commit is one
                # append, so a killed prep loses nothing it already committed.
                # Set after the checks above, so a file that is not ours is
                # never written to.
                conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as err:
            raise _user_error(path, err) from None
        return store

    def _check_before_write(self) -> None:
        """Refuse a damaged file, once, before this Store's first write.

        The check reads every page (30 ms at 100,000 answers), so it waits
        for the first write instead of running at every open: a command
        that only reads (stats, history, list, export) changes nothing a
        learner could recover answers from, and pays nothing.
        """
        if not self._checked:
            refuse_damaged(self._conn, self._path)
            self._checked = True

    def close(self) -> None:
        self._conn.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The open connection, for readers of the whole store (history, export).

        A writer through it (import) calls ``refuse_damaged`` first.
        """
        return self._conn

    def start_session(self, command: str, started: datetime | None = None) -> int:
        """Open a session (one run of a command) and return its id.

        ``started`` is when the run began, if earlier than now.
        """
        stamp = self._stamp() if started is None else utc_stamp(started)
        with friendly_errors(None):
            self._check_before_write()
            cursor = self._conn.execute(
                "INSERT INTO sessions (command, started_at) VALUES (?, ?)",
                (command, stamp),
            )
        return int(cursor.lastrowid or 0)

    def now(self) -> datetime:
        """The store's clock: the time reviews and answers are stamped with."""
        return self._clock()

    def record(self, session_id: int, attempt: Attempt, *, review: bool = True) -> None:
        """Store one judged answer and, unless ``review`` is off, review its card.

        Both happen in one committed transaction, so the answers and the
        schedule never disagree, even after a crash.
        """
        rating = schedule.answer_rating(
            attempt.verdict,
            attempt.rating,
            attempt.hinted,
            attempt.duration_s if attempt.timed else None,
        )
        with self._transaction():
            self._conn.execute(
                """INSERT INTO attempts (session_id, question_id, topic, kind, answer,
                       verdict, score, mistake, rating, hinted, duration_s, answered_at,
                       seed, step)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
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
                    attempt.seed,
                    attempt.step,
                ),
            )
            if review and rating is not None and attempt.step is None:
                self._review(attempt.question_id, attempt.kind, attempt.topic, rating)

    def record_submission(
        self, session_id: int, submission: Submission, *, review: bool = True
    ) -> None:
        """Store one graded submission and review its code card, in one commit."""
        rating = schedule.submission_rating(submission.verdict)
        with self._transaction():
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
            if review and rating is not None:
                self._review(submission.question_id, "code", submission.topic, rating)

    def _review(self, question_id: str, kind: str, topic: str, rating: str) -> None:
        """Review one card inside the caller's transaction."""
        row = self._conn.execute(
            "SELECT card FROM cards WHERE question_id = ? AND kind = ?",
            (question_id, kind),
        ).fetchone()
        reviewed = schedule.review(row[0] if row else None, rating, self._clock())
        stamp = self._stamp()
        self._conn.execute(
            """INSERT INTO cards (question_id, kind, topic, card, due, introduced_at,
                   updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (question_id, kind) DO UPDATE SET
                   card = excluded.card, due = excluded.due,
                   updated_at = excluded.updated_at""",
            (
                question_id,
                kind,
                topic,
                reviewed.card_json,
                utc_stamp(reviewed.due),
                stamp,
                stamp,
            ),
        )

    def cards(self, topic: str | None = None) -> list[CardState]:
        """Every card (of one topic, if given) with its recall probability now."""
        now = self._clock()
        where, params = ("WHERE topic = ?", (topic,)) if topic else ("", ())
        rows = self._query(
            f"""SELECT question_id, kind, topic, card, due, introduced_at
                FROM cards {where} ORDER BY due""",
            params,
        )
        return [
            CardState(
                qid,
                kind,
                card_topic,
                datetime.fromisoformat(due),
                schedule.retrievability(card, now),
                datetime.fromisoformat(introduced),
            )
            for qid, kind, card_topic, card, due, introduced in rows
        ]

    def due_dates(self) -> dict[tuple[str, str], datetime]:
        """When each card (by question id and kind) falls due; no card is parsed."""
        rows = self._query("SELECT question_id, kind, due FROM cards")
        return {(qid, kind): datetime.fromisoformat(due) for qid, kind, due in rows}

    def new_cards_on(self, day: date) -> int:
        """How many questions were answered for the first time on ``day`` (local)."""
        rows = self._query(
            "SELECT COUNT(*) FROM cards WHERE date(introduced_at, 'localtime') = ?",
            (day.isoformat(),),
        )
        return int(rows[0][0])

    def question_records(self) -> dict[tuple[str, str], QuestionRecord]:
        """Per (question id, kind): judged answers, correct ones, last seen.

        The kind is part of the key because a theory question and a code
        question may share an id (CONTRACT.md does this for losses.bce).
        """
        rows = self._query(
            """SELECT question_id, kind, SUM(answers), SUM(correct), MAX(last_at)
               FROM summary_questions GROUP BY question_id, kind"""
        )
        return {
            (qid, kind): QuestionRecord(n, int(ok), datetime.fromisoformat(last))
            for qid, kind, n, ok, last in rows
        }

    def topic_stats(
        self, topic: str | None = None, since: datetime | None = None
    ) -> list[TopicStats]:
        """Per topic: judged answers, correct ones, questions seen, last practised."""
        source, where, params = _summary("summary_questions", topic, since)
        rows = self._query(
            f"""SELECT topic, SUM(answers), SUM(correct), MAX(last_at),
                       COUNT(DISTINCT question_id || ' ' || kind)
                FROM {source} {where} GROUP BY topic ORDER BY topic""",
            params,
        )
        return [
            TopicStats(topic, n, int(ok), datetime.fromisoformat(last), seen)
            for topic, n, ok, last, seen in rows
        ]

    def practice_days(
        self, topic: str | None = None, since: datetime | None = None
    ) -> dict[date, int]:
        """Judged answers per local calendar day."""
        source, where, params = _summary("summary_practice", topic, since)
        rows = self._query(
            f"""SELECT date(bucket, 'localtime') AS day, SUM(answers)
                FROM {source} {where} GROUP BY day""",
            params,
        )
        return {date.fromisoformat(day): n for day, n in rows}

    def session_accuracy(
        self, topic: str | None = None, since: datetime | None = None, limit: int = 30
    ) -> list[SessionAccuracy]:
        """The last ``limit`` sessions with a judged answer, oldest first."""
        source, where, params = _summary("summary_sessions", topic, since)
        # Grouped by the order of sessions_by_start, so SQLite walks back
        # from the newest session and stops after ``limit`` of them.
        rows = self._query(
            f"""SELECT id, started_at, SUM(answers), SUM(correct)
                FROM sessions JOIN {source} ON session_id = sessions.id {where}
                GROUP BY started_at, id ORDER BY started_at DESC, id DESC
                LIMIT :limit""",
            {**params, "limit": limit},
        )
        return [
            SessionAccuracy(sid, datetime.fromisoformat(started), n, int(ok))
            for sid, started, n, ok in reversed(rows)
        ]

    def common_mistakes(
        self, topic: str | None = None, since: datetime | None = None, limit: int = 5
    ) -> list[MistakeCount]:
        """Known mistakes and code diagnoses, most frequent first."""
        source, where, params = _summary("summary_mistakes", topic, since)
        rows = self._query(
            f"""SELECT question_id, mistake, SUM(times) AS n FROM {source} {where}
                GROUP BY question_id, mistake ORDER BY n DESC, question_id, mistake
                LIMIT :limit""",
            {**params, "limit": limit},
        )
        return [MistakeCount(qid, mistake, n) for qid, mistake, n in rows]

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One committed write; BEGIN IMMEDIATE takes the write lock up front."""
        with friendly_errors(None):
            self._check_before_write()
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _query(
        self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
    ) -> list[Any]:
        with friendly_errors(None):
            return list(self._conn.execute(sql, params))

    def _stamp(self) -> str:
        return utc_stamp(self._clock())


def utc_stamp(moment: datetime) -> str:
    """UTC with a fixed precision, so stamps compare correctly as text."""
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds")


def _summary(
    table: str, topic: str | None, since: datetime | None
) -> tuple[str, str, dict[str, str]]:
    """The rows to sum, a WHERE clause keeping one topic, and their parameters.

    The rows are the summary ``table``, or with ``since`` the answers from
    then on, each shaped as a row of that table counting one answer.
    """
    params = {"topic": topic} if topic else {}
    where = "WHERE topic = :topic" if topic else ""
    if since is None:
        return table, where, params
    window = MISTAKES_SINCE if table == "summary_mistakes" else JUDGED_SINCE
    return f"({window})", where, {**params, "since": utc_stamp(since)}


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Stop at an SQLite file of another program instead of adding our tables.

    Reading the schema also fails early, without writing, on a file that is
    not SQLite at all or whose first pages are damaged.
    """
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    if tables and "schema_migrations" not in tables:
        raise PrepError(
            f"the file ({path}) is not a prep progress database; "
            "move it away or set PREP_HOME to another folder"
        )


def refuse_damaged(conn: sqlite3.Connection, path: Path) -> None:
    """Stop at a prep database with a damaged page before anything writes to it.

    A command would otherwise commit its session and fail only at the answer,
    on the damaged page, having changed the file the learner may still
    recover answers from. quick_check reads every page but skips comparing
    indexes with their tables, which integrity_check does (30 ms against
    200 ms at 100,000 answers). quick_check(1), which stops reporting at the
    first problem, costs the same: the reading is the cost, not the report.
    """
    try:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.OperationalError:
        raise  # busy or locked, not damaged: friendly_errors says so
    except sqlite3.DatabaseError as err:
        problems = [str(err)]
    if problems != ["ok"]:
        raise _damaged(path, problems[0].strip().splitlines()[0])


def _damaged(path: Path | None, problem: str) -> PrepError:
    where = f" {path}" if path else ""
    return PrepError(
        f"the progress database{where} is damaged ({problem}); move it aside "
        f"(rename it to {DB_NAME}.damaged, say) and prep starts a new one"
    )


@contextmanager
def friendly_errors(path: Path | None) -> Iterator[None]:
    """Turn any SQLite error inside the block into a one-line PrepError."""
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
    # Reads do not wait for refuse_damaged (only writes do), so one may be
    # the first to meet a damaged page.
    if "malformed" in text:
        return _damaged(path, text)
    if "not a database" in text:
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
