"""``prep history``: past answers and submissions, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from interview_cli.cli.options import JsonOption

if TYPE_CHECKING:
    from interview_cli.progress.history import Entry, PastSubmission

HistoryId = Annotated[
    str | None,
    typer.Argument(metavar="[ID]", help="Only this question.", show_default=False),
]
ShowOption = Annotated[
    str | None,
    typer.Option(
        "--show",
        metavar="N",
        help="Print the source of submission N (e.g. s3) of question ID.",
    ),
]
LimitOption = Annotated[
    int, typer.Option("--limit", min=1, help="Show at most this many entries.")
]


def history(
    question_id: HistoryId = None,
    show: ShowOption = None,
    limit: LimitOption = 20,
    as_json: JsonOption = False,
) -> None:
    """List your past answers and code submissions, newest first.

    Each entry has a stable number: 'a12' is answer 12, 's3' is submission 3.
    A submission shows the first 12 characters of its file's SHA-256; print
    its source again with --show. A randomised question's variant shows as
    ID@SEED ('prep show ID --seed SEED' asks it again); an answer to one step
    of a derivation shows its step in the kind column.

    Examples:
      prep history losses.bce --limit 5
      prep history attention.scaled-dot-product --show s3 > old.py
    """
    from interview_cli.cli import common
    from interview_cli.errors import PrepError
    from interview_cli.progress import history as past

    conn = common.store().connection
    if show is not None:
        if question_id is None:
            raise PrepError("--show needs a question: prep history ID --show N")
        _show(past.submission(conn, question_id, show), as_json)
        return
    found = past.entries(conn, question_id, limit)
    if as_json:
        common.print_json(
            {"question": question_id, "entries": [_entry_json(e) for e in found]}
        )
        return
    _table(found, question_id)


def _entry_json(entry: Entry) -> dict[str, object]:
    return {
        "number": entry.number,
        "at": entry.at,
        "question": entry.question_id,
        "kind": entry.kind,
        "answer": entry.answer,
        "file_hash": entry.file_hash,
        "verdict": entry.verdict,
        "seed": entry.seed,
        "step": entry.step,
    }


def _show(found: PastSubmission, as_json: bool) -> None:
    import sys

    from interview_cli.cli import common

    if as_json:
        common.print_json(
            {
                "number": found.number,
                "question": found.question_id,
                "submitted_at": found.submitted_at,
                "file_hash": found.file_hash,
                "verdict": found.verdict,
                "source": found.source,
            }
        )
    else:
        # The source exactly as submitted, so it can be redirected to a file.
        sys.stdout.write(found.source)


def _table(found: list[Entry], question_id: str | None) -> None:
    from datetime import datetime

    from rich.console import Console
    from rich.text import Text

    from interview_cli import render

    console = Console(highlight=False)
    if not found:
        which = f" to {question_id}" if question_id else ""
        console.print(f"No answers{which} yet: start with 'prep quiz'.")
        return
    table = render.simple_table(
        "History", ["#", "when", "question", "kind", "answer", "verdict"], fold=4
    )
    # The answer is the column that gives way, cut short on one line (--json
    # has it whole), so that every row stays on one line at 88 columns.
    table.columns[4].no_wrap = True
    table.columns[4].max_width = 12
    table.columns[4].overflow = "ellipsis"
    for entry in found:
        when = datetime.fromisoformat(entry.at).astimezone()
        shown = entry.answer if entry.file_hash is None else entry.file_hash[:12]
        table.add_row(
            entry.number,
            when.strftime("%b %d %H:%M"),
            entry.question_id
            if entry.seed is None
            else f"{entry.question_id}@{entry.seed}",
            entry.kind if entry.step is None else f"step {entry.step}",
            Text(shown or ""),
            render.result_text(entry.verdict),
        )
    console.print(table)
