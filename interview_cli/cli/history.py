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
    of a derivation starts with its step. In a narrow terminal the kind, the
    answer and the time make room; the number and the question never do.

    \b
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


# The table's columns, the most complete layout first. In a narrower
# terminal the kind goes, then the answer shrinks (--json has it whole),
# then the time of day goes, then the answer, then the date. The number
# (which --show takes), the question and the verdict are never cut.
LAYOUTS = (
    ("#", "when", "question", "kind", "answer", "verdict"),
    ("#", "when", "question", "answer", "verdict"),
    ("#", "date", "question", "answer", "verdict"),
    ("#", "when", "question", "verdict"),
    ("#", "date", "question", "verdict"),
    ("#", "question", "verdict"),
)
HEADERS = {"date": "when"}
# Between two columns of render.simple_table: padding, rule, padding; and a
# space at each edge.
GAP, EDGES = 3, 2
ANSWER_MIN = 8  # narrower than this, an answer says too little to keep


def _table(found: list[Entry], question_id: str | None) -> None:
    from rich.text import Text

    from interview_cli import render, terminal

    console = terminal.console()
    if not found:
        which = f" to {question_id}" if question_id else ""
        console.print(f"No answers{which} yet: start with 'prep quiz'.")
        return
    rows = [_cells(entry) for entry in found]
    layout, answer_width = _fit(rows, console.width)
    headers = [HEADERS.get(name, name) for name in layout]
    # fold past the last column: none folds, so each entry keeps to one line.
    table = render.simple_table("History", headers, fold=len(headers))
    if "answer" in layout:
        answer = table.columns[layout.index("answer")]
        answer.width, answer.overflow = answer_width, "ellipsis"
    for row in rows:
        table.add_row(
            *(
                render.result_text(row[name]) if name == "verdict" else Text(row[name])
                for name in layout
            )
        )
    console.print(table)


def _cells(entry: Entry) -> dict[str, str]:
    """One entry as the text of every column it might be shown in."""
    from datetime import datetime

    when = datetime.fromisoformat(entry.at).astimezone()
    if entry.file_hash is not None:
        answer = entry.file_hash[:12]
    else:
        # One line: an explained answer may hold several.
        answer = " ".join((entry.answer or "").split())
    return {
        "#": entry.number,
        "when": when.strftime("%b %d %H:%M"),
        "date": when.strftime("%b %d"),
        "question": entry.question_id
        if entry.seed is None
        else f"{entry.question_id}@{entry.seed}",
        "kind": entry.kind,
        "answer": answer if entry.step is None else f"step {entry.step}: {answer}",
        "verdict": entry.verdict,
    }


def _fit(rows: list[dict[str, str]], width: int) -> tuple[tuple[str, ...], int]:
    """The first layout whose rows fit in ``width``, and its answer's width."""
    from rich.cells import cell_len

    natural = {
        name: max(cell_len(HEADERS.get(name, name)), *(cell_len(r[name]) for r in rows))
        for name in rows[0]
    }
    for layout in LAYOUTS:
        fixed = [natural[name] for name in layout if name != "answer"]
        room = width - sum(fixed) - GAP * (len(layout) - 1) - EDGES
        if "answer" not in layout and room >= 0:
            return layout, 0
        if "answer" in layout and room >= min(ANSWER_MIN, natural["answer"]):
            return layout, min(room, natural["answer"])
    return LAYOUTS[-1], 0
