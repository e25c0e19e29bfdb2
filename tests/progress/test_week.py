"""A learner's week with a fake clock: answers on several days, reviews coming
due and asked first, a streak, and a cram session that changes no card."""

from __future__ import annotations

import io
import random
from datetime import timedelta
from pathlib import Path

import pytest
from rich.console import Console

from interview_cli.bank.loader import load_bank
from interview_cli.bank.model import Question
from interview_cli.progress.store import Attempt, CardState, Store
from interview_cli.progress.summary import summarize
from interview_cli.quiz.selection import Plan, order_for_cram, order_for_quiz
from interview_cli.quiz.session import Quiz
from tests.progress.test_store import FakeClock

ANSWERS = {
    "regularization.dropout-scale": "1/(1-p)",
    "losses.cce-one-hot": "-log(p_c)",
    "attention.scaling-factor": "1/sqrt(d_k)",
}
BANK = {q.id: q for q in load_bank().questions if q.kind == "symbolic"}
QUESTIONS = [BANK[question_id] for question_id in ANSWERS]
NEW_A_DAY = 2
# The one wrong answer of the week: the second question of the first day.
WRONG = {(0, 1)}
START = FakeClock().now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Store:
    return Store.open(tmp_path, clock)


def cards(store: Store) -> dict[tuple[str, str], CardState]:
    return {(c.question_id, c.kind): c for c in store.cards()}


def todays_plan(store: Store) -> Plan:
    """What 'prep quiz --new 2' asks now: due reviews first, then new ones."""
    now = store.now()
    new_allowed = max(0, NEW_A_DAY - store.new_cards_on(now.astimezone().date()))
    return order_for_quiz(
        QUESTIONS,
        store.due_dates(),
        len(QUESTIONS),
        now=now,
        new_allowed=new_allowed,
        rng=random.Random(0),
    )


def live(store: Store, clock: FakeClock, days: int) -> list[Plan]:
    """Practise ``days`` days in a row and return what each day's quiz asked.

    Each day's session starts an hour later than the day before, so that a
    review due whole days after an answer is due when it starts. Answers are
    a minute apart, judged but not timed: as with 'prep check', a right one
    is a good review and a wrong one an again.
    """
    plans = []
    for day in range(days):
        clock.now = START + timedelta(days=day, hours=day)
        plans.append(todays_plan(store))
        session = store.start_session("quiz")
        for index, question in enumerate(plans[-1].questions):
            right = (day, index) not in WRONG
            store.record(session, answer(question, right))
            clock.now += timedelta(minutes=1)
    return plans


def answer(question: Question, right: bool) -> Attempt:
    return Attempt(
        question.id,
        question.topic,
        question.kind,
        ANSWERS[question.id] if right else "1",
        "correct" if right else "incorrect",
        1.0 if right else 0.0,
        5.0,
        timed=False,
    )


def due_day(store: Store, question: Question) -> int:
    """The day of the week (0 is the first) on which the card comes due."""
    return (cards(store)[(question.id, question.kind)].due - START).days


def test_first_day_asks_new_questions_up_to_the_limit(
    store: Store, clock: FakeClock
) -> None:
    (first,) = live(store, clock, days=1)
    assert (first.due, first.new) == (0, NEW_A_DAY)  # of the three new ones


def test_reviews_come_due_on_their_days(store: Store, clock: FakeClock) -> None:
    (first,) = live(store, clock, days=1)
    right, wrong = first.questions
    # FSRS's first intervals, with prep's settings (no learning steps).
    assert due_day(store, wrong) == 1  # again: back tomorrow
    assert due_day(store, right) == 2  # good: in two days


def test_due_reviews_are_asked_before_new_ones(store: Store, clock: FakeClock) -> None:
    first, second, third, fourth = live(store, clock, days=4)
    right, wrong = first.questions
    (unseen,) = set(QUESTIONS) - set(first.questions)
    # Second day: yesterday's wrong answer first, then the last new question.
    assert second.questions == [wrong, unseen]
    assert (second.due, second.new) == (1, 1)
    # Third day: only the first day's right answer has come due.
    assert third.questions == [right]
    # Fourth day: two reviews due, the most overdue (answered earlier) first.
    assert fourth.questions == [wrong, unseen]
    assert fourth.new == 0


def test_streak_counts_the_days_practised(store: Store, clock: FakeClock) -> None:
    live(store, clock, days=4)
    assert summarize(store).streak_days == 4


def test_cram_leaves_every_card_as_it_was(store: Store, clock: FakeClock) -> None:
    live(store, clock, days=4)
    clock.now += timedelta(days=2)  # the night before the interview
    recall = {c.question_id: c.retrievability for c in store.cards()}
    rows = store.connection.execute("SELECT * FROM cards ORDER BY question_id")
    before, plan_before = rows.fetchall(), todays_plan(store)

    crammed = order_for_cram(QUESTIONS, cards(store), 3, random.Random(0))
    assert [q.id for q in crammed] == sorted(recall, key=recall.__getitem__)
    answers = iter([ANSWERS[q.id] for q in crammed])
    console = Console(file=io.StringIO(), width=100)
    quiz = Quiz(
        crammed, store, console, lambda _: next(answers), random.Random(0), review=False
    )
    assert [o.result for o in quiz.run()] == ["correct"] * 3

    # Each card's due date, state, stability and last review, as they were.
    rows = store.connection.execute("SELECT * FROM cards ORDER BY question_id")
    assert rows.fetchall() == before
    assert todays_plan(store) == plan_before
    assert sum(t.attempted for t in summarize(store).topics) == 7 + 3
