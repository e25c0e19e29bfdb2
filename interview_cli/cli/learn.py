"""``prep learn``: the study notes to read before quizzing on a topic."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from interview_cli.notes import Note

NoteTopic = Annotated[
    str | None,
    typer.Argument(
        metavar="[TOPIC]",
        help="attention, optimizers, regularization or losses; "
        "leave it out to list them.",
        show_default=False,
    ),
]


def learn(topic: NoteTopic = None) -> None:
    """Read a topic's study notes: the ideas its questions ask about.

    Without a TOPIC, lists the topics with a line on what each note covers.
    Each note follows the syllabus and ends with question ids to practise.

    Example: prep learn attention
    """
    from interview_cli import notes

    if topic is None:
        import sys

        sys.stdout.write(_contents(notes.all_notes()))
        return
    note = notes.read(topic)

    # rich.markdown pulls in markdown-it and pygments: ~30 ms that only a
    # note's reader should pay, never 'prep --help'.
    from rich.markdown import Markdown

    from interview_cli import terminal

    terminal.console().print(
        Markdown(note.text, code_theme="ansi_dark", justify="default")
    )


def _contents(notes: list[Note]) -> str:
    """One line per topic, as plain text that pipes cleanly."""
    width = max(len(note.topic) for note in notes)
    lines = [f"  {note.topic.ljust(width)}  {note.summary}" for note in notes]
    return (
        "Study notes, in the syllabus's order:\n\n"
        + "\n".join(lines)
        + "\n\nRead one with: prep learn TOPIC (for example: prep learn attention)\n"
    )
