"""``prep stats``: progress across sessions."""

from __future__ import annotations

from interview_cli.cli.options import JsonOption


def stats(as_json: JsonOption = False) -> None:
    """Show, per topic, how many answers you gave, how many were right, and when.

    Only judged answers count; unreadable ones are kept but not counted.

    Example: prep stats --json
    """
    from interview_cli.cli import common

    topics = common.store().topic_stats()
    attempted = sum(t.attempted for t in topics)
    correct = sum(t.correct for t in topics)
    if as_json:
        common.print_json(
            {
                "topics": [
                    {
                        "topic": t.topic,
                        "attempted": t.attempted,
                        "correct": t.correct,
                        "last_seen": t.last_seen.isoformat(timespec="seconds"),
                    }
                    for t in topics
                ],
                "total": {"attempted": attempted, "correct": correct},
            }
        )
        return
    from rich.console import Console

    from interview_cli import render

    console = Console(highlight=False)
    if not topics:
        console.print("No answers yet: start with 'prep quiz'.")
        return
    table = render.simple_table(
        "Progress", ["topic", "attempted", "correct", "accuracy", "last seen"]
    )
    for t in topics:
        table.add_row(
            t.topic,
            str(t.attempted),
            str(t.correct),
            f"{t.correct / t.attempted:.0%}",
            t.last_seen.astimezone().strftime("%Y-%m-%d %H:%M"),
        )
    table.add_row("all", str(attempted), str(correct), f"{correct / attempted:.0%}", "")
    console.print(table)
