"""``prep stats``: progress across sessions."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any

import typer

from interview_cli.cli.options import JsonOption, TopicOption

if TYPE_CHECKING:
    from rich.console import Console

    from interview_cli.progress.summary import Summary

SinceOption = Annotated[
    datetime | None,
    typer.Option(
        formats=["%Y-%m-%d"],
        metavar="YYYY-MM-DD",
        help="Count only answers from this day on.",
    ),
]
HEAT = "·░▒▓█"  # no practice, then quarters of the busiest day
HEATMAP_WEEKS = 4


def stats(
    topic: TopicOption = None, since: SinceOption = None, as_json: JsonOption = False
) -> None:
    """Show per topic your answers, accuracy, mastery and what falls due.

    Mastery is the mean probability, by the review schedule's memory model,
    that you recall a topic's questions right now. 'due' counts reviews due
    now; 'next 7 days' has a digit per day for those coming due later today,
    tomorrow and so on ('·' none, '+' ten or more). Below: your streak of
    days practised, the last four weeks of practice, a chart of your
    accuracy in each of your last 30 sessions, your weakest questions and
    your most frequent mistakes. Only judged answers count; unreadable
    ones are kept but not counted. --since limits the answers counted, not
    mastery or what is due.

    Example: prep stats --topic attention --since 2026-11-01
    """
    from interview_cli.cli import common
    from interview_cli.progress.summary import summarize

    if topic is not None:
        common.select(common.bank(None), topic)  # a topic that does not exist
    # A date without a time is local midnight.
    summary = summarize(common.store(), topic, since.astimezone() if since else None)
    if as_json:
        common.print_json(_as_json(summary))
        return
    from interview_cli import terminal

    console = terminal.console()
    if not summary.topics:
        console.print("No answers yet: start with 'prep quiz'.")
        return
    _print_topics(console, summary)
    _print_practice(console, summary)
    _print_sessions(console, summary)
    _print_weak_spots(console, summary)


def _as_json(summary: Summary) -> dict[str, Any]:
    return {
        "topics": [
            {
                "topic": t.topic,
                "attempted": t.attempted,
                "correct": t.correct,
                "last_seen": t.last_seen.isoformat(timespec="seconds")
                if t.last_seen
                else None,
                "seen": t.seen,
                "accuracy": _round(t.accuracy),
                "mastery": _round(t.mastery),
                "due_now": t.due_now,
                "due_next_7_days": t.due_next_7_days,
            }
            for t in summary.topics
        ],
        "total": {
            "attempted": sum(t.attempted for t in summary.topics),
            "correct": sum(t.correct for t in summary.topics),
        },
        "streak_days": summary.streak_days,
        "weakest": [
            {
                "question": c.question_id,
                "kind": c.kind,
                "retrievability": _round(c.retrievability),
            }
            for c in summary.weakest
        ],
        "common_mistakes": [
            {"question": m.question_id, "mistake": m.mistake, "count": m.times}
            for m in summary.mistakes
        ],
        "sessions": [
            {
                "session": s.session_id,
                "started_at": s.started_at.isoformat(timespec="seconds"),
                "answers": s.answers,
                "accuracy": _round(s.accuracy),
            }
            for s in summary.sessions
        ],
    }


def _print_topics(console: Console, summary: Summary) -> None:
    from interview_cli import render

    table = render.simple_table(
        "Progress",
        ["topic", "seen", "answers", "accuracy", "mastery", "due", "next 7 days"],
    )
    for t in summary.topics:
        table.add_row(
            t.topic,
            str(t.seen),
            str(t.attempted),
            _percent(t.accuracy),
            _percent(t.mastery),
            str(t.due_now),
            "".join(_digit(n) for n in t.due_next_7_days),
        )
    attempted = sum(t.attempted for t in summary.topics)
    correct = sum(t.correct for t in summary.topics)
    accuracy = correct / attempted if attempted else None
    table.add_row("all", "", str(attempted), _percent(accuracy))
    console.print(table)


def _print_practice(console: Console, summary: Summary) -> None:
    """The streak, then one line per week of the last four: a cell per day."""
    days = "day" if summary.streak_days == 1 else "days"
    console.print(f"Streak: {summary.streak_days} {days} in a row")
    console.print("Practice, last 4 weeks (a cell a day, busier is darker):")
    busiest = max(summary.practice.values(), default=0)
    first = summary.today - timedelta(days=7 * HEATMAP_WEEKS - 1)
    for week in range(HEATMAP_WEEKS):
        start = first + timedelta(days=7 * week)
        cells = "".join(
            _heat(summary.practice.get(start + timedelta(days=n), 0), busiest)
            for n in range(7)
        )
        console.print(f"  {start:%b %d}  {cells}")


def _print_sessions(console: Console, summary: Summary) -> None:
    from rich.text import Text

    from interview_cli.charts import percent_columns

    count = len(summary.sessions)
    if count < 2:  # one column is no trend, and the table has its accuracy
        return
    console.print(f"Accuracy per session, last {count} (oldest left):")
    console.print(Text(percent_columns([s.accuracy for s in summary.sessions])))


def _print_weak_spots(console: Console, summary: Summary) -> None:
    from interview_cli import render

    if summary.weakest:
        table = render.simple_table("Weakest now", ["question", "kind", "recall"])
        for c in summary.weakest:
            table.add_row(c.question_id, c.kind, _percent(c.retrievability))
        console.print(table)
    if summary.mistakes:
        table = render.simple_table(
            "Most frequent mistakes", ["question", "mistake", "times"]
        )
        for m in summary.mistakes:
            table.add_row(m.question_id, m.mistake, str(m.times))
        console.print(table)


def _heat(count: int, busiest: int) -> str:
    if count == 0 or busiest == 0:
        return HEAT[0]
    return HEAT[-(-4 * count // busiest)]


def _digit(count: int) -> str:
    """One character per day: a dot for none, '+' for ten or more."""
    if count == 0:
        return "·"
    return str(count) if count < 10 else "+"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
