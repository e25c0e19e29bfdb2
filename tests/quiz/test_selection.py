"""The quiz asks due reviews first, then new questions up to the daily limit."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from interview_cli.bank.loader import load_bank
from interview_cli.bank.model import Question
from interview_cli.progress.store import CardState
from interview_cli.quiz.selection import order_for_cram, order_for_quiz

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
QUESTIONS = [q for q in load_bank().questions if q.kind == "symbolic"][:6]


def card(question: Question, due_in_days: float, recall: float) -> CardState:
    return CardState(
        question.id,
        question.kind,
        question.topic,
        NOW + timedelta(days=due_in_days),
        recall,
        NOW - timedelta(days=10),
    )


def cards_for(*specs: tuple[int, float, float]) -> dict[tuple[str, str], CardState]:
    chosen = [card(QUESTIONS[i], due, recall) for i, due, recall in specs]
    return {(c.question_id, c.kind): c for c in chosen}


def plan(cards: dict[tuple[str, str], CardState], count: int, new: int) -> list[str]:
    due_dates = {key: state.due for key, state in cards.items()}
    chosen = order_for_quiz(
        QUESTIONS, due_dates, count, now=NOW, new_allowed=new, rng=random.Random(1)
    )
    return [q.id for q in chosen.questions]


def test_most_overdue_review_comes_first() -> None:
    cards = cards_for((0, -1, 0.8), (1, -5, 0.5), (2, 3, 0.9))
    assert plan(cards, 2, new=0) == [QUESTIONS[1].id, QUESTIONS[0].id]


def test_reviews_not_yet_due_are_left_out() -> None:
    cards = cards_for(*((i, 2, 0.9) for i in range(6)))
    assert plan(cards, 5, new=5) == []


def test_new_questions_stop_at_daily_limit() -> None:
    cards = cards_for((0, -1, 0.8))
    chosen = plan(cards, 5, new=2)
    assert chosen[0] == QUESTIONS[0].id
    assert len(chosen) == 3


def test_cram_asks_weakest_then_unseen() -> None:
    cards = cards_for((0, 5, 0.9), (1, 5, 0.4))
    chosen = order_for_cram(QUESTIONS, cards, 6, random.Random(1))
    assert [q.id for q in chosen[:2]] == [QUESTIONS[1].id, QUESTIONS[0].id]
    assert len(chosen) == 6
