"""``prep start`` and ``prep submit``: write and grade implementations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from interview_cli.cli.options import BankOption, JsonOption, QuestionId

if TYPE_CHECKING:
    from rich.console import Console

    from interview_cli.bank.model import Question
    from interview_cli.grading.grader import Report, WarmWorker

FileArgument = Annotated[Path, typer.Argument(metavar="FILE", help="Your Python file.")]


def start(
    question_id: QuestionId,
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="[FILE]",
            help="Where to write it; by default <question>.py here.",
            show_default=False,
        ),
    ] = None,
    bank_paths: BankOption = None,
) -> None:
    """Write a starter file for a code question: signature, docstring, shapes.

    It never overwrites a file that exists.

    Example: prep start attention.scaled-dot-product attention.py
    """
    from interview_cli.cli import common
    from interview_cli.errors import PrepError
    from interview_cli.grading.starters import starter

    question = common.bank(bank_paths).get(question_id, code=True)
    path = file or Path(question.id.replace(".", "_").replace("-", "_") + ".py")
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(starter(question.id))
    except FileExistsError:
        raise PrepError(f"{path} exists already; name another FILE") from None
    except OSError as err:
        raise PrepError(f"cannot write {path}: {err.strerror}") from None
    typer.echo(f"wrote {path}; grade it with: prep submit {question.id} {path}")


def submit(
    question_id: QuestionId,
    file: FileArgument,
    as_json: JsonOption = False,
    watch: Annotated[
        bool, typer.Option("--watch", help="Grade again every time the file is saved.")
    ] = False,
    seed: Annotated[
        int | None,
        typer.Option(help="Draw the hidden cases from this seed (default: random)."),
    ] = None,
    case: Annotated[
        int | None,
        typer.Option(
            min=0, help="Run only this case (with --seed, to reproduce a failure)."
        ),
    ] = None,
    bank_paths: BankOption = None,
) -> None:
    """Grade your implementation in a sandbox against hidden reference code.

    Exit code 0 when accepted, 1 for any other verdict, 2 for a usage error.
    A failure names the case and its seed so that you can run it alone.

    \b
    Examples:
      prep submit attention.scaled-dot-product attention.py
      prep submit optimizers.adam adam.py --case 7 --seed 1234
    """
    import random

    from interview_cli.cli import common

    question = common.bank(bank_paths).get(question_id, code=True)
    if watch and as_json:
        from interview_cli.errors import PrepError

        raise PrepError("--watch prints to the terminal; drop --json to use it")
    seed = random.randrange(2**31) if seed is None else seed
    if watch:
        _watch(question, file, seed, case)
        return
    report = _grade_and_record(question, file, seed, case, as_json)
    if report.verdict != "accepted":
        raise typer.Exit(1)


def _grade_and_record(
    question: Question,
    file: Path,
    seed: int,
    case: int | None,
    as_json: bool,
    worker: WarmWorker | None = None,
    review: bool = True,
) -> Report:
    """Grade the file; record it and, if ``review``, review its card.

    A run of one case (--case) reproduces a failure: it is neither recorded
    nor scheduled, since passing one case says nothing of the rest.
    """
    from interview_cli.cli import common
    from interview_cli.debuglog import debug_log
    from interview_cli.grading.grader import read_source
    from interview_cli.progress.store import Submission

    source = read_source(file)
    store = common.store()
    with debug_log("submit"):
        if worker is not None:
            report = worker.grade(question.id, source, seed=seed, case=case)
        else:
            report = _grade(question.id, source, seed, case, progress=not as_json)
    if case is not None:
        if as_json:
            common.print_json(report.as_json())
        else:
            console = _console()
            _print_report(console, report, file)
            console.print(
                f"only case {case} ran: not recorded; "
                f"'prep submit {question.id} {file}' grades every case",
                style="dim",
            )
        return report
    store.record_submission(
        store.start_session("submit"),
        Submission(
            question_id=question.id,
            topic=question.topic,
            file_hash=report.file_hash,
            source=source,
            verdict=report.verdict,
            passed=report.passed,
            total=report.total,
            diagnosis=report.diagnosis,
            seed=report.seed,
            isolation=report.isolation,
            duration_s=report.duration_s,
        ),
        review=review,
    )
    if as_json:
        common.print_json(report.as_json())
    else:
        _print_report(_console(), report, file)
    return report


def _grade(
    question_id: str, source: str, seed: int, case: int | None, progress: bool
) -> Report:
    """Grade, with a progress bar over the cases when a person is watching."""
    from interview_cli.cli import common
    from interview_cli.grading.grader import default_hidden, grade

    hidden = default_hidden()
    if not progress:
        return grade(question_id, source, seed=seed, case=case, hidden=hidden)
    with common.progress_bar("grading") as step:
        return grade(
            question_id, source, seed=seed, case=case, hidden=hidden, step=step
        )


def _watch(question: Question, file: Path, seed: int, case: int | None) -> None:
    """Grade now and after every save, until Ctrl-C, from one warm worker."""
    import time

    from interview_cli import collector
    from interview_cli.errors import PrepError
    from interview_cli.grading.grader import WarmWorker, default_hidden
    from interview_cli.progress import schedule

    console = _console()
    seen: float | None = None
    # The first judged save is the attempt at recall that the review schedule
    # counts; every later save is still recorded, but not reviewed again.
    review = True
    with console.status("starting a warm grading worker (imports torch once)"):
        worker = WarmWorker(default_hidden())
    collector.resume()  # the watch runs until Ctrl-C
    try:
        while True:
            try:
                mtime = file.stat().st_mtime
            except OSError:
                mtime = None
            if mtime is not None and mtime != seen:
                seen = mtime
                try:
                    report = _grade_and_record(
                        question, file, seed, case, False, worker, review
                    )
                    if schedule.submission_rating(report.verdict) is not None:
                        review = False
                except PrepError as err:
                    console.print(f"prep: {err}", style="yellow")
                console.print(f"watching {file} for changes; Ctrl-C stops", style="dim")
            time.sleep(0.3)
    except KeyboardInterrupt:
        console.print()
    finally:
        worker.close()


def _console() -> Console:
    from interview_cli import terminal

    return terminal.console()


def _print_report(console: Console, report: Report, file: Path) -> None:
    from interview_cli import render

    console.print(render.submission_report(report, file))
