"""``prep bank ...``: work with question files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from interview_cli.cli.options import plain_typer

app = plain_typer(help="Check question files.", no_args_is_help=True)


@app.command("validate")
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to check, together with the shipped bank "
            "and PREP_BANK (which are all that is checked without a path).",
            show_default=False,
        ),
    ] = None,
    tries: Annotated[
        int,
        typer.Option(
            "--variants",
            min=1,
            max=10_000,
            help="How many variants of each randomised question to self-test.",
        ),
    ] = 25,
) -> None:
    """Check question files and run every question's self-test.

    The self-test judges each expected answer correct and each known mistake
    incorrect, over many variants of a randomised question, and checks that
    every step of a derivation follows from the one before.
    Each problem is printed with its file, line, question id and field.
    Exit code 0 when all is well, 1 when problems were found, 2 when a path
    does not exist.

    Example: prep bank validate my-questions/
    """

    from interview_cli.bank import variants
    from interview_cli.bank.loader import (
        BankInvalid,
        bank_dirs,
        parse_all,
        question_files,
    )
    from interview_cli.bank.selftest import self_test
    from interview_cli.errors import JudgedWrong

    # Named files are checked together with the bank they will join, so an id
    # that clashes with a shipped one is found here, not by 'prep quiz' later.
    named = question_files(paths or [])
    files = list({p.resolve(): p for p in question_files(bank_dirs()) + named}.values())
    # Every problem at once: the self-test runs on the questions that are
    # valid even when others are not.
    bank, problems = parse_all(files)
    report = self_test(bank.questions, tries)
    lines = str(BankInvalid(problems)).splitlines() if problems else []
    if report.failures:
        count = len(report.failures)
        lines += [f"self-test failed {count} time{'s' * (count != 1)}:"]
        lines += [f"  {failure}" for failure in report.failures]
    if lines:
        raise JudgedWrong("\n".join(lines))
    randomised = [q for q in bank.questions if q.params]
    derivations = sum(q.kind == "derivation" for q in bank.questions)
    typer.echo(
        f"ok: {len(bank.questions)} questions in {len(files)} files; "
        "every self-test passed"
    )
    if randomised or derivations:
        total = sum(variants.count(q) for q in randomised)
        typer.echo(
            f"{len(randomised)} randomised ({total:,} variants in all) and "
            f"{derivations} derivations; the self-test judged {report.variants:,} "
            f"variants and {report.steps:,} derivation steps"
        )
