"""Past answers and submissions, newest first, each under a stable number.

An entry's number is its table's letter and its row id: ``a12`` is row 12 of
``attempts``, ``s3`` row 3 of ``submissions``. Rows are never renumbered, so
a number stays valid while new answers arrive.
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from interview_cli.errors import PrepError
from interview_cli.progress.store import friendly_errors

ENTRIES = """
    SELECT 'a' || id, answered_at, question_id, kind, answer, NULL, verdict, seed, step,
           id
    FROM attempts {where}
    UNION ALL
    SELECT 's' || id, submitted_at, question_id, 'code', NULL, file_hash, verdict,
           NULL, NULL, id
    FROM submissions {where}
    -- Within one timestamp the later row first: by its id as a number (as
    -- text, s9 would sort above s11).
    ORDER BY 2 DESC, 10 DESC
    LIMIT ?
"""


class Entry(NamedTuple):
    """One past attempt (``answer`` set) or submission (``file_hash`` set)."""

    number: str
    at: str
    question_id: str
    kind: str
    answer: str | None
    file_hash: str | None
    verdict: str
    seed: int | None = None  # the variant of a randomised question
    step: int | None = None  # the derivation step the answer was for


class PastSubmission(NamedTuple):
    number: str
    question_id: str
    submitted_at: str
    file_hash: str
    verdict: str
    source: str


def entries(
    conn: sqlite3.Connection, question_id: str | None = None, limit: int = 20
) -> list[Entry]:
    """The newest ``limit`` entries, of one question or of all."""
    where = "WHERE question_id = ?" if question_id else ""
    params: tuple[object, ...] = (question_id, question_id) if question_id else ()
    with friendly_errors(None):
        rows = conn.execute(ENTRIES.format(where=where), (*params, limit))
        return [Entry(*row[:-1]) for row in rows]


def submission(
    conn: sqlite3.Connection, question_id: str, number: str
) -> PastSubmission:
    """Submission ``number`` (``s3`` or ``3``) of ``question_id``, with its source."""
    digits = number.removeprefix("s")
    with friendly_errors(None):
        row = conn.execute(
            """SELECT 's' || id, question_id, submitted_at, file_hash, verdict, source
               FROM submissions WHERE id = ? AND question_id = ?""",
            (int(digits) if digits.isdigit() else -1, question_id),
        ).fetchone()
    if row is None:
        raise PrepError(
            f"'{number}' is not a submission of {question_id}; "
            f"'prep history {question_id}' lists them (numbers starting with s)"
        )
    return PastSubmission(*row)
