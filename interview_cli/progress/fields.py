"""What each column of the progress database may hold.

The store writes only values it made itself; an import writes values from a
file anyone can edit. Each imported value passes ``checked`` first, so a bad
one is refused with its reason before anything is written, instead of being
stored and crashing every later command that reads it back.

Columns named in ``CHECKS`` have rules of their own; any other column (one a
later migration adds, say) is held to its declared SQLite type.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from datetime import datetime
from typing import Any

from interview_cli.bank.kinds import Kind
from interview_cli.progress import schedule
from interview_cli.progress.store import utc_stamp

# The verdict words of CONTRACT.md: of a typed answer, and of a graded file.
ANSWER_VERDICTS = ("correct", "incorrect", "invalid")
SUBMISSION_VERDICTS = (
    "accepted",
    "wrong_answer",
    "runtime_error",
    "time_limit_exceeded",
    "memory_limit_exceeded",
    "forbidden",
    "invalid_submission",
)
KINDS = tuple(kind.value for kind in Kind)
# SQLite stores at most 64-bit integers; a larger one fails in mid-import.
INT64 = (-(2**63), 2**63 - 1)

Check = Callable[[Any], Any]


def checked(table: str, column: str, declared: str, required: bool, value: Any) -> Any:
    """``value`` as the store keeps it; a ValueError says why it cannot be kept.

    ``declared`` is the column's SQLite type and ``required`` its NOT NULL.
    Times come back in the store's own form (UTC, milliseconds), so that
    they sort and compare as text like the ones prep writes.
    """
    if value is None:
        if required:
            raise ValueError("missing")
        return None
    check = CHECKS.get((table, column)) or BY_TYPE.get(declared.upper(), _anything)
    return check(value)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{_shown(value)} is not text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: JSON allows it, SQLite not
        raise ValueError(f"{_shown(value)} is not valid Unicode") from None
    return value


def _integer(minimum: int | None = None) -> Check:
    def check(value: Any) -> int:
        # bool is an int to Python, but true is not a count in a JSON file.
        if type(value) is not int or not INT64[0] <= value <= INT64[1]:
            raise ValueError(f"{_shown(value)} is not a whole number")
        if minimum is not None and value < minimum:
            raise ValueError(f"{value} is below {minimum}")
        return value

    return check


def _number(minimum: float = -math.inf, maximum: float = math.inf) -> Check:
    def check(value: Any) -> float:
        try:
            number = float(value) if type(value) in (int, float) else math.nan
        except OverflowError:  # an integer beyond any float
            number = math.nan
        # JSON as Python reads it allows NaN and Infinity; SQLite stores NULL.
        if not math.isfinite(number):
            raise ValueError(f"{_shown(value)} is not a number")
        if number < minimum:
            raise ValueError(f"{number:g} is below {minimum:g}")
        if number > maximum:
            raise ValueError(f"{number:g} is above {maximum:g}")
        return number

    return check


def _one_of(allowed: Collection[object]) -> Check:
    def check(value: Any) -> Any:
        # type() too: 1 == True, and JSON's true is not the flag 1.
        if not any(type(value) is type(a) and value == a for a in allowed):
            words = ", ".join(str(a) for a in allowed)
            raise ValueError(f"{_shown(value)} is not one of {words}")
        return value

    return check


def _moment(value: Any) -> str:
    """An ISO 8601 time with a timezone, as the store writes it."""
    try:
        moment = datetime.fromisoformat(_text(value))
        if moment.tzinfo is not None:
            return utc_stamp(moment)
    except (ValueError, OverflowError):  # overflow: in year 9999, beyond UTC
        pass
    raise ValueError(f"{_shown(value)} is not an ISO 8601 time with a timezone")


def _card(value: Any) -> str:
    text = _text(value)
    schedule.check_card(text)
    return text


def _anything(value: Any) -> Any:
    return value


BY_TYPE: dict[str, Check] = {
    "TEXT": _text,
    "INTEGER": _integer(),
    "REAL": _number(),
}
CHECKS: dict[tuple[str, str], Check] = {
    ("sessions", "started_at"): _moment,
    ("attempts", "kind"): _one_of(KINDS),
    ("attempts", "verdict"): _one_of(ANSWER_VERDICTS),
    ("attempts", "score"): _number(0, 1),
    ("attempts", "rating"): _one_of(schedule.RATINGS),
    ("attempts", "hinted"): _one_of((0, 1)),
    ("attempts", "duration_s"): _number(0),
    ("attempts", "answered_at"): _moment,
    ("attempts", "step"): _integer(1),
    ("submissions", "verdict"): _one_of(SUBMISSION_VERDICTS),
    ("submissions", "passed"): _integer(0),
    ("submissions", "total"): _integer(0),
    ("submissions", "duration_s"): _number(0),
    ("submissions", "submitted_at"): _moment,
    ("cards", "kind"): _one_of(KINDS),
    ("cards", "card"): _card,
    ("cards", "due"): _moment,
    ("cards", "introduced_at"): _moment,
    ("cards", "updated_at"): _moment,
}
