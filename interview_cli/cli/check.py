"""``prep check``: judge one answer without the interactive loop."""

from __future__ import annotations

from typing import Annotated

import typer

from interview_cli.cli.options import BankOption, JsonOption, QuestionId


def check(
    question_id: QuestionId,
    answer: Annotated[str, typer.Argument(help="Your answer, as you would type it.")],
    as_json: JsonOption = False,
    bank_paths: BankOption = None,
) -> None:
    """Check one answer to a symbolic, numeric or choice question.

    Exit code 0 when correct, 1 when incorrect or unreadable, 2 for a usage
    error. The answer is saved to your progress like a quiz answer. Put an
    answer that starts with '-' after '--'.

    Examples:
      prep check optimizers.adam-bias-factor "1 - beta_1^t"
      prep check --json losses.bce -- "-(y log p + (1-y) log(1-p))"
    """
    import time

    from interview_cli.checking.answers import judge
    from interview_cli.cli import common
    from interview_cli.progress.store import Attempt

    question = common.bank(bank_paths).get(question_id)
    started = time.monotonic()
    judgement = judge(question, answer)
    store = common.store()
    store.record(
        store.start_session("check"),
        Attempt(
            question_id=question.id,
            topic=question.topic,
            kind=question.kind,
            answer=answer,
            verdict=judgement.verdict.value,
            score=1.0 if judgement.verdict.value == "correct" else 0.0,
            duration_s=time.monotonic() - started,
            mistake=judgement.mistake,
            timed=False,
        ),
    )
    if as_json:
        common.print_json(
            {
                "question": question.id,
                "verdict": judgement.verdict.value,
                "feedback": judgement.feedback,
                "expected": judgement.expected,
                "interpreted": judgement.interpreted,
            }
        )
    else:
        from rich.console import Console

        from interview_cli import render

        console = Console(highlight=False)
        render.print_judgement(console, judgement, answer)
        if judgement.verdict.value != "invalid":
            console.print(f"expected: {judgement.expected}", style="dim")
    if judgement.verdict.value != "correct":
        raise typer.Exit(1)
