"""Study notes: one Markdown file per topic, to read before quizzing on it.

Each file starts with a ``# Title`` line and a one-line summary paragraph;
``prep learn`` lists the topics with those summaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interview_cli.errors import PrepError

# The syllabus's order, which is the order 'prep learn' lists them in.
TOPICS = ("attention", "optimizers", "regularization", "losses")

_FOLDER = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Note:
    """One topic's note: its Markdown text and the lines that introduce it."""

    topic: str
    title: str
    summary: str
    text: str


def read(topic: str) -> Note:
    """The note on ``topic`` (any case); a PrepError naming the topics if none."""
    name = topic.strip().lower()
    if name not in TOPICS:
        raise PrepError(_unknown_topic(topic))
    text = (_FOLDER / f"{name}.md").read_text(encoding="utf-8")
    title, summary = _introduction(text)
    return Note(name, title, summary, text)


def all_notes() -> list[Note]:
    """Every topic's note, in the syllabus's order."""
    return [read(topic) for topic in TOPICS]


def _introduction(text: str) -> tuple[str, str]:
    """The title from the first line and the summary from the next paragraph."""
    first, _, rest = text.partition("\n")
    summary = rest.strip().split("\n\n", 1)[0]
    return first.removeprefix("#").strip(), " ".join(summary.split())


def _unknown_topic(topic: str) -> str:
    import difflib

    name = topic.strip().lower()
    # A short prefix ('reg', 'opt') is too short for difflib's ratio to match.
    close = [t for t in TOPICS if len(name) >= 3 and t.startswith(name)]
    close = close or difflib.get_close_matches(name, TOPICS, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown topic '{topic}'; {hint}choose one of: {', '.join(TOPICS)}"
