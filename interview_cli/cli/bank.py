"""``prep bank ...``: work with question files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Check question files.", no_args_is_help=True)


@app.command("validate")
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to check; by default the shipped bank, "
            "PREP_BANK and nothing else.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check question files and run every question's self-test.

    Each problem is printed with its file, line, question id and field.
    Exit code 0 when all is well, 1 when problems were found, 2 when a path
    does not exist.

    Example: prep bank validate my-questions/
    """

    from interview_cli.bank.loader import (
        BankInvalid,
        bank_dirs,
        parse_files,
        question_files,
    )
    from interview_cli.bank.selftest import self_test
    from interview_cli.errors import JudgedWrong

    files = question_files(paths or bank_dirs())
    try:
        bank = parse_files(files)
    except BankInvalid as err:
        raise JudgedWrong(str(err)) from None
    failures = self_test(bank.questions)
    if failures:
        count = len(failures)
        lines = [f"self-test failed for {count} question{'s' * (count != 1)}:"]
        lines += [f"  {failure}" for failure in failures]
        raise JudgedWrong("\n".join(lines))
    typer.echo(
        f"ok: {len(bank.questions)} questions in {len(files)} files; "
        "every self-test passed"
    )
