"""Spaced repetition: one FSRS card per (question id, kind), fed by judged answers.

prep judges answers itself, so the learner does not grade a review: the
verdict, a hint and the time taken become the FSRS rating. Only ``explain``
questions, which prep cannot judge, keep the learner's own rating.

``fsrs`` is imported inside the functions that need it: it costs start-up
time that browsing commands should not pay.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from fsrs import Card, Scheduler

# A correct answer slower than this was hard work; one faster than FAST_S was
# easy. A minute is long for a one-line formula, fifteen seconds is recall.
SLOW_S = 60.0
FAST_S = 15.0
RATINGS = ("again", "hard", "good", "easy")


class Review(NamedTuple):
    """A card after a review, as the store keeps it."""

    card_json: str
    due: datetime


def answer_rating(
    verdict: str, self_rating: str | None, hinted: bool, duration_s: float | None
) -> str | None:
    """The FSRS rating of one answer, or None when it is not a judgement.

    ``duration_s`` is None when the thinking time is unknown ('prep check'
    only sees the answer arrive), and a right answer then counts as good.
    """
    if self_rating is not None:
        return self_rating
    if verdict == "invalid":
        return None
    if verdict != "correct":
        return "again"
    if hinted or (duration_s is not None and duration_s > SLOW_S):
        return "hard"
    return "easy" if duration_s is not None and duration_s < FAST_S else "good"


def submission_rating(verdict: str) -> str | None:
    """Accepted code is a good review; a file that is not code is no review."""
    if verdict == "invalid_submission":
        return None
    return "good" if verdict == "accepted" else "again"


def review(card_json: str | None, rating: str, at: datetime) -> Review:
    """Review a card (a new one when ``card_json`` is None) at time ``at``."""
    from fsrs import Rating

    card = _load(card_json)
    when = at.astimezone(timezone.utc)
    reviewed, _ = _scheduler().review_card(card, Rating[rating.title()], when)
    return Review(reviewed.to_json(), reviewed.due)


def retrievability(card_json: str, now: datetime) -> float:
    """The probability, by FSRS's model, that the learner recalls it now."""
    card = _load(card_json)
    return _scheduler().get_card_retrievability(card, now.astimezone(timezone.utc))


def check_card(card_json: str) -> None:
    """Raise ValueError unless the scheduler can use the card in ``card_json``.

    For a card from outside prep (an edited export): fsrs reads the JSON
    field by field and trusts the values, so a bad one would only fail later,
    in every command that weighs or reviews the card.
    """
    try:
        card = _load(card_json)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as err:
        raise ValueError(f"not an FSRS card ({type(err).__name__}: {err})") from None
    problem = _card_problem(card)
    if problem:
        raise ValueError(f"not an FSRS card ({problem})")


def _card_problem(card: Card) -> str | None:
    from fsrs import State

    weights = (card.stability, card.difficulty)
    if any(w is not None and not (math.isfinite(w) and w > 0) for w in weights):
        return "stability and difficulty must be positive numbers"
    if card.state != State.Learning and None in weights:
        return "a reviewed card needs a stability and a difficulty"
    step = card.step
    if step is not None and (type(step) is not int or step < 0):
        return "step must be a whole number"
    if any(m is not None and m.tzinfo is None for m in (card.due, card.last_review)):
        return "a time without a timezone"
    return None


def _load(card_json: str | None) -> Card:
    from fsrs import Card

    if card_json is None:
        # A fixed id: the default reads the clock and sleeps a millisecond to
        # keep ids unique, which the store does not need (its key is the id).
        return Card(card_id=0)
    return Card.from_json(card_json)


@cache
def _scheduler() -> Scheduler:
    from fsrs import Scheduler

    # No minute-long learning steps: a question is asked once per session, so
    # the first review already schedules in days. No fuzzing either: with a
    # small bank there are no clumps of due cards to spread, and the schedule
    # stays reproducible for the learner and the tests.
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
