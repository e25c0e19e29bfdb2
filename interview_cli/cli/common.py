"""Helpers the commands share once they run (imported lazily by each)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_cli.bank.kinds import Difficulty, Kind
from interview_cli.bank.loader import Bank, load_bank
from interview_cli.bank.model import Question
from interview_cli.cli import scope
from interview_cli.errors import PrepError
from interview_cli.progress.store import Store

if TYPE_CHECKING:
    from interview_cli.grading.grader import Step


@contextlib.contextmanager
def progress_bar(first: str) -> Iterator[Step]:
    """A bar that stands while the block runs and vanishes after; yields its step."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from interview_cli import terminal

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    console = terminal.console()
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(first, total=None)
        yield lambda text, done, total: bar.update(
            task, description=text, completed=done, total=total
        )


def bank(extra: list[Path] | None) -> Bank:
    return load_bank(extra or [])


def store() -> Store:
    """The progress store, opened once per command and closed when it ends."""
    if not _stores:
        from interview_cli.paths import data_dir

        opened = Store.open(data_dir())
        _stores.append(opened)
        scope.command.callback(_stores.remove, opened)
        scope.command.callback(opened.close)
    return _stores[0]


_stores: list[Store] = []  # the one open now, if any


def print_json(document: Any) -> None:
    import json

    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def select(
    bank: Bank,
    topic: str | None = None,
    kind: Kind | None = None,
    difficulty: Difficulty | None = None,
) -> list[Question]:
    """The bank's questions that match every filter given."""
    if topic is not None and topic not in {q.topic for q in bank.questions}:
        topics = ", ".join(sorted({q.topic for q in bank.questions}))
        raise PrepError(f"unknown topic '{topic}'; choose one of: {topics}")
    return [
        q
        for q in bank.questions
        if (topic is None or q.topic == topic)
        and (kind is None or q.kind == kind.value)
        and (difficulty is None or q.difficulty == difficulty)
    ]
