"""How questions, verdicts and tables look in the terminal."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from interview_cli.bank.model import (
    ChoiceOption,
    ChoiceQuestion,
    CodeQuestion,
    DerivationQuestion,
    Domain,
    ExplainQuestion,
    NumericQuestion,
    Question,
    SymbolicQuestion,
)

if TYPE_CHECKING:
    from rich.table import Table

    from interview_cli.checking.judge import Judgement
    from interview_cli.grading.grader import Report
    from interview_cli.grading.judge import FailedCase

DOMAIN_WORDS = {
    Domain.REAL: "any real number",
    Domain.POSITIVE: "a positive number",
    Domain.UNIT_INTERVAL: "between 0 and 1",
    Domain.POSITIVE_INTEGER: "a whole number ≥ 1",
    Domain.BINARY: "0 or 1",
}

LIST_ITEM = re.compile(r"^([-•*]|\d+[.)]) ")
VERDICT_STYLES = {"correct": "bold green", "incorrect": "bold red", "invalid": "yellow"}


def letters(count: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[:count]


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of each paragraph so the terminal wraps them.

    A paragraph with an indented or bulleted line keeps its line breaks:
    those are lists, formulas or code laid out on purpose.
    """
    paragraphs = text.strip().split("\n\n")
    return "\n\n".join(
        paragraph if _laid_out(paragraph) else " ".join(paragraph.split("\n"))
        for paragraph in paragraphs
    )


def _laid_out(paragraph: str) -> bool:
    return any(
        line[:1].isspace() or LIST_ITEM.match(line) for line in paragraph.split("\n")
    )


def question_header(question: Question) -> Text:
    header = Text(question.id, style="bold")
    header.append(
        f"  ·  {question.topic} · {question.kind} · {question.difficulty.value}"
    )
    return header


def question_body(
    question: Question,
    options: Sequence[ChoiceOption] | None = None,
    *,
    seed: int | None = None,
    all_steps: bool = False,
) -> RenderableType:
    """The statement and what the learner needs to answer it.

    ``options`` gives the order to show choice options in (the quiz shuffles
    them); by default they appear as in the file. ``seed`` names the variant
    of a randomised question, shown so it can be replayed; ``all_steps``
    lists every step of a derivation rather than only how many there are.
    """
    parts: list[RenderableType] = [Text(reflow(question.prompt))]
    if isinstance(question, SymbolicQuestion | DerivationQuestion):
        parts.append(_symbols(question))
    if isinstance(question, DerivationQuestion):
        parts.append(_steps(question) if all_steps else _step_count(question))
    elif isinstance(question, NumericQuestion):
        parts.append(Text("Answer with a number or an expression such as 1/8.", "dim"))
    elif isinstance(question, ChoiceQuestion):
        parts.append(_options(options or question.options, question.multiple))
    elif isinstance(question, CodeQuestion):
        parts.append(_code_task(question))
    elif isinstance(question, ExplainQuestion):
        parts.append(Text("Answer in your own words; a blank line ends it.", "dim"))
    if seed is not None:
        parts.append(
            Text(
                f"\nVariant {seed}: 'prep show {question.id} --seed {seed}'"
                " shows it again.",
                "dim",
            )
        )
    return Panel(Group(*parts), title=question_header(question), title_align="left")


def _step_count(question: DerivationQuestion) -> Text:
    return Text(
        f"\n{len(question.steps)} steps, each checked as you go: "
        "full credit for a step right first time, half after a retry; "
        "'r' reveals a step and moves on.",
        "dim",
    )


def _steps(question: DerivationQuestion) -> Text:
    text = Text()
    for number, step in enumerate(question.steps, start=1):
        text.append(f"\n  {number}. ", style="bold")
        text.append(reflow(step.prompt))
    return text


def steps_so_far(
    question: DerivationQuestion, done: Sequence[tuple[str, float]]
) -> Text:
    """The finished steps, each with its expected answer and the credit earned."""
    text = Text("So far:", style="bold")
    marks = {1.0: ("✓", "green"), 0.5: ("½", "yellow"), 0.0: ("✗", "red")}
    for number, ((answer, credit), step) in enumerate(
        zip(done, question.steps, strict=False), start=1
    ):
        mark, style = marks.get(credit, ("·", ""))
        text.append(f"\n  {mark} ", style=style)
        text.append(f"{number}. {reflow(step.prompt)}", style="dim")
        text.append(f"\n      {answer}", style="bold")
    return text


def step_prompt(question: DerivationQuestion, index: int) -> Text:
    text = Text(f"Step {index + 1} of {len(question.steps)}: ", style="bold cyan")
    text.append(reflow(question.steps[index].prompt))
    return text


def _symbols(question: SymbolicQuestion | DerivationQuestion) -> Text:
    text = Text("\nSymbols: ", style="dim")
    described = []
    for symbol in question.symbols:
        words = DOMAIN_WORDS[symbol.domain]
        if symbol.description and words in symbol.description:
            words = symbol.description
        elif symbol.description:
            words = f"{symbol.description}, {words}"
        described.append(f"{symbol.name} ({words})")
    text.append("; ".join(described), style="dim")
    return text


def _options(options: Sequence[ChoiceOption], multiple: bool) -> Text:
    text = Text()
    for letter, option in zip(letters(len(options)), options, strict=False):
        text.append(f"\n  {letter}) ", style="bold")
        text.append(option.text.strip())
    how = "every letter that applies, e.g. a,c" if multiple else "one letter"
    text.append(f"\n\nAnswer with {how}.", style="dim")
    return text


def _code_task(question: CodeQuestion) -> Text:
    text = Text("\nYour file defines: ", style="dim")
    text.append(question.entry_point, style="bold cyan")
    text.append(
        f"\nStart it with: prep start {question.id} FILE\n"
        f"Grade it with: prep submit {question.id} FILE  (--watch re-grades on save)",
        style="dim",
    )
    return text


def verdict_text(verdict: str, feedback: str) -> Text:
    text = Text(verdict.upper(), style=VERDICT_STYLES.get(verdict, "bold"))
    if feedback:
        text.append(f"  {reflow(feedback)}")
    return text


def explanation(question: Question) -> Panel:
    return Panel(Text(reflow(question.explanation)), title="Why", title_align="left")


def simple_table(title: str | None, columns: Sequence[str], fold: int = 0) -> Table:
    """A plain table; in a narrow terminal only column ``fold`` wraps."""
    from rich import box
    from rich.table import Table

    table = Table(
        title=title,
        title_justify="left",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    for index, column in enumerate(columns):
        if index == fold:
            table.add_column(column, overflow="fold")
        else:
            table.add_column(column, no_wrap=True)
    return table


def print_judgement(console: Console, judgement: Judgement, typed: str) -> None:
    """Show how the answer was read, then the verdict and its feedback."""
    verdict = judgement.verdict.value
    if verdict == "invalid" and judgement.position is not None:
        console.print(Text(f"  {typed}"))
        console.print(Text("  " + " " * judgement.position + "^", "yellow"))
    elif judgement.interpreted:
        console.print(Text("read as: ", "dim") + Text(judgement.interpreted, "bold"))
    console.print(verdict_text(verdict, judgement.feedback))
    if verdict == "invalid":
        console.print("Fix it and answer again.", style="dim")


def model_answer(question: ExplainQuestion) -> Panel:
    body = Text(reflow(question.model_answer))
    if question.key_points:
        body.append("\n\nA good answer mentions:", style="bold")
        for point in question.key_points:
            body.append(f"\n  • {point}")
    return Panel(body, title="Model answer", title_align="left")


def result_text(result: str) -> Text:
    styles = {
        "correct": "green",
        "good": "green",
        "easy": "green",
        "incorrect": "red",
        "again": "red",
        "hard": "yellow",
        "skipped": "dim",
        "read": "dim",
    }
    return Text(result, styles.get(result, ""))


SUBMIT_STYLES = {"accepted": "bold green", "wrong_answer": "bold red"}


def submission_report(report: Report, file: object) -> Group:
    """The verdict of ``prep submit``, then what to look at to fix it."""
    head = Text(
        report.verdict.upper(), SUBMIT_STYLES.get(report.verdict, "bold yellow")
    )
    head.append(f"  {report.passed}/{report.total} cases passed")
    head.append(f" in {report.duration_s:.1f} s", "dim")
    parts: list[RenderableType] = [head]
    if report.diagnosis:
        parts.append(Text("diagnosis: ", "bold") + Text(report.diagnosis))
    failed = report.failed_case
    if failed is not None:
        parts.append(_failed_case(failed))
        if failed.index is not None:
            parts.append(
                Text(
                    f"run it alone: prep submit {report.question} {file} "
                    f"--case {failed.index} --seed {report.seed}",
                    "dim",
                )
            )
    parts += [Text(f"note: {note}", "cyan") for note in report.notes]
    if report.output.strip() and report.verdict != "accepted":
        parts.append(Panel(Text(report.output.rstrip()), title="your code printed"))
    parts.append(Text(f"sandbox: {report.isolation}", "dim"))
    return Group(*parts)


def _failed_case(failed: FailedCase) -> Panel:
    body = Text()
    rows = [
        ("what", failed.detail),
        ("expected", failed.expected),
        ("got", failed.got),
        ("tolerance", failed.tolerance),
    ]
    for label, value in rows:
        if value:
            body.append(f"{label:>9}  ", "bold")
            body.append(f"{value}\n")
    if failed.traceback:
        body.append("\n" + failed.traceback.rstrip() + "\n", "red")
    title = failed.description
    if failed.index is not None:
        title = f"case {failed.index}: {title}"
    body.rstrip()
    return Panel(body, title=title, title_align="left")
