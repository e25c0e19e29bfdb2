"""``prep list`` and ``prep show``: look at the bank."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from interview_cli.cli.options import (
    BankOption,
    DifficultyOption,
    JsonOption,
    KindOption,
    QuestionId,
    SeedOption,
    TopicOption,
)

if TYPE_CHECKING:
    from interview_cli.progress.store import QuestionRecord


def list_questions(
    topic: TopicOption = None,
    kind: KindOption = None,
    difficulty: DifficultyOption = None,
    as_json: JsonOption = False,
    bank_paths: BankOption = None,
) -> None:
    """List the questions: id, topic, kind, difficulty and your mastery.

    Mastery is the share of your judged answers to that question that were
    correct ('-' when you have not answered it yet).

    Example: prep list --topic optimizers --kind symbolic
    """
    from interview_cli.cli import common

    questions = common.select(common.bank(bank_paths), topic, kind, difficulty)
    records = common.store().question_records()
    rows = [
        (
            q.id,
            q.topic,
            q.kind,
            q.difficulty.value,
            _mastery(records.get((q.id, q.kind))),
        )
        for q in questions
    ]
    if as_json:
        keys = ("id", "topic", "kind", "difficulty", "mastery")
        common.print_json(
            {"questions": [dict(zip(keys, row, strict=True)) for row in rows]}
        )
        return

    import sys

    headers = ["id", "topic", "kind", "difficulty", "mastery"]
    shown = [(*text, "-" if m is None else f"{m:.0%}") for *text, m in rows]
    sys.stdout.write(f"{len(rows)} questions\n\n" + _listing(headers, shown))


def show(
    question_id: QuestionId, seed: SeedOption = None, bank_paths: BankOption = None
) -> None:
    """Show one question in full: statement, symbols, steps, options or signature.

    A randomised question shows the variant --seed names (1 by default).

    Example: prep show optimizers.adam-bias-factor
    """
    from interview_cli import render, terminal
    from interview_cli.bank import variants
    from interview_cli.cli import common

    console = terminal.console()
    for original in common.bank(bank_paths).find(question_id):
        chosen = (seed or variants.DEFAULT_SEED) if original.params else None
        question = variants.instantiate(original, chosen)
        console.print(render.question_body(question, seed=chosen, all_steps=True))
        if question.tags:
            console.print(f"tags: {', '.join(question.tags)}", style="dim")
        if chosen is not None:
            console.print(
                f"one of {variants.count(original):,} variants; "
                "another --seed gives another",
                style="dim",
            )
        if question.kind in {"code", "explain"}:
            continue
        how = f"prep check {question.id}"
        if chosen is not None:
            how += f" --seed {chosen}"
        if question.kind == "derivation":
            how += " --step N"
        console.print(f"Answer it with: {how} ANSWER", style="dim")


def _mastery(record: QuestionRecord | None) -> float | None:
    if record is None or record.attempted == 0:
        return None
    return round(record.correct / record.attempted, 3)


def _listing(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A long table as plain aligned lines.

    rich's Table measures and wraps every cell, which costs ~45 ms for the
    ~100 rows of 'prep list', and rich's console costs more to import than
    the rest of the command; aligned text reads the same and pipes cleanly.
    """
    widths = [
        max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)
    ]
    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    lines = [_aligned(headers, widths), rule, *(_aligned(row, widths) for row in rows)]
    return "\n".join(lines) + "\n"


def _aligned(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(
        cell.ljust(width) for cell, width in zip(cells, widths, strict=True)
    ).rstrip()
