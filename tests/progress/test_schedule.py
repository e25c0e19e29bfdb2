"""A judged answer becomes an FSRS rating; reviews move a card's due date."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from interview_cli.progress import schedule

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("verdict", "self_rating", "hinted", "seconds", "expected"),
    [
        pytest.param("incorrect", None, False, 5.0, "again", id="wrong-again"),
        pytest.param("correct", None, True, 5.0, "hard", id="hinted-hard"),
        pytest.param("correct", None, False, 90.0, "hard", id="slow-hard"),
        pytest.param("correct", None, False, 30.0, "good", id="right-good"),
        pytest.param("correct", None, False, 5.0, "easy", id="fast-easy"),
        pytest.param("correct", "hard", False, 5.0, "hard", id="self-rating-kept"),
        pytest.param("invalid", None, False, 5.0, None, id="invalid-no-review"),
    ],
)
def test_answer_rating_rules(
    verdict: str, self_rating: str | None, hinted: bool, seconds: float, expected: str
) -> None:
    assert schedule.answer_rating(verdict, self_rating, hinted, seconds) == expected


@pytest.mark.parametrize(
    ("verdict", "expected"),
    [("accepted", "good"), ("wrong_answer", "again"), ("invalid_submission", None)],
)
def test_submission_rating_rules(verdict: str, expected: str | None) -> None:
    assert schedule.submission_rating(verdict) == expected


def test_easy_waits_longer_than_again() -> None:
    easy = schedule.review(None, "easy", NOW)
    again = schedule.review(None, "again", NOW)
    assert again.due > NOW
    assert easy.due > again.due + timedelta(days=2)


def test_recall_fades_after_review() -> None:
    card = schedule.review(None, "good", NOW).card_json
    later = schedule.retrievability(card, NOW + timedelta(days=30))
    assert later < schedule.retrievability(card, NOW + timedelta(days=1)) < 1.0


def test_untimed_right_answer_counts_as_good() -> None:
    assert schedule.answer_rating("correct", None, False, None) == "good"
