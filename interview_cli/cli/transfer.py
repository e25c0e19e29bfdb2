"""``prep export`` and ``prep import``: progress as one JSON file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ExportFile = Annotated[
    Path, typer.Argument(metavar="FILE", help="Where to write; '-' for stdout.")
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite FILE if it already exists.")
]
ImportFile = Annotated[
    Path, typer.Argument(metavar="FILE", help="A file written by 'prep export'.")
]


def export(file: ExportFile, force: ForceOption = False) -> None:
    """Write all your progress (sessions, answers, submissions, review
    schedule) to one JSON file, to back it up or move it to another machine.
    An existing FILE is left alone unless --force is given.

    Example: prep export progress.json
    """
    import json
    import sys

    from interview_cli.cli import common
    from interview_cli.errors import PrepError
    from interview_cli.progress.transfer import export_document

    document = export_document(common.store().connection)
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    if str(file) == "-":
        sys.stdout.write(text)
        return
    try:
        # "x" refuses an existing file in the same call that creates it.
        with file.open("w" if force else "x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise PrepError(
            f"{file} already exists; give --force to overwrite it"
        ) from None
    except OSError as err:
        raise PrepError(f"cannot write {file}: {err.strerror}") from None
    counts = ", ".join(
        f"{len(rows)} {name}" for name, rows in document["tables"].items()
    )
    sys.stdout.write(f"Exported {counts} to {file}.\n")


def import_(file: ImportFile) -> None:
    """Merge a file written by 'prep export' into your progress.

    Rows you already have are skipped, so importing the same file twice
    adds nothing; where both sides hold a question's review schedule, yours
    is kept.

    Example: prep import progress.json
    """
    import json
    import sys

    from interview_cli.cli import common
    from interview_cli.errors import PrepError
    from interview_cli.progress.transfer import import_document

    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except OSError as err:
        raise PrepError(f"cannot read {file}: {err.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise PrepError(f"{file} is not a prep progress export: {err}") from None
    merged = import_document(common.store().connection, document)
    counts = ", ".join(f"{n} {name}" for name, n in merged.added.items())
    sys.stdout.write(
        f"Imported {counts} from {file}; {merged.skipped} already there.\n"
    )
