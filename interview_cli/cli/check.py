"""``prep check``: judge one answer without the interactive loop."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from interview_cli.cli.options import (
    BankOption,
    JsonOption,
    QuestionId,
    SeedOption,
    StepOption,
)
from interview_cli.errors import PrepError

if TYPE_CHECKING:
    from interview_cli.bank.model import Question


def check(
    question_id: QuestionId,
    answer: Annotated[str, typer.Argument(help="Your answer, as you would type it.")],
    seed: SeedOption = None,
    step: StepOption = None,
    as_json: JsonOption = False,
    bank_paths: BankOption = None,
) -> None:
    """Check one answer to a symbolic, numeric, choice or derivation question.

    Exit code 0 when correct, 1 when incorrect or unreadable, 2 for a usage
    error. The answer is saved to your progress like a quiz answer. Put an
    answer that starts with '-' after '--'. A randomised question is checked
    against the variant --seed names (1 by default, as 'prep show' shows it);
    a derivation one step at a time, with --step.

    \b
    Examples:
      prep check optimizers.adam-bias-factor "1 - beta_1^t"
      prep check --json losses.bce -- "-(y log p + (1-y) log(1-p))"
      prep check losses.bce-from-likelihood --step 2 "y log p + (1-y) log(1-p)"
    """
    import time

    from interview_cli.bank import variants
    from interview_cli.checking.answers import judge
    from interview_cli.cli import common
    from interview_cli.progress.store import Attempt

    original = common.bank(bank_paths).get(question_id)
    seed = (seed or variants.DEFAULT_SEED) if original.params else None
    question = variants.instantiate(original, seed)
    judged = _judged_part(question, step)
    started = time.monotonic()
    judgement = judge(judged, answer)
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
            seed=seed,
            step=step,
        ),
    )
    if as_json:
        document: dict[str, object] = {
            "question": question.id,
            "verdict": judgement.verdict.value,
            "feedback": judgement.feedback,
            "expected": judgement.expected,
            "interpreted": judgement.interpreted,
        }
        if seed is not None:
            document["seed"] = seed
        if step is not None:
            document["step"] = step
        common.print_json(document)
    else:
        from interview_cli import render, terminal

        console = terminal.console()
        render.print_judgement(console, judgement, answer)
        if judgement.verdict.value != "invalid":
            console.print(f"expected: {judgement.expected}", style="dim")
    if judgement.verdict.value != "correct":
        raise typer.Exit(1)


def _judged_part(question: Question, step: int | None) -> Question:
    """The question itself, or the derivation step ``--step`` names."""
    from interview_cli.bank.model import DerivationQuestion

    if not isinstance(question, DerivationQuestion):
        if step is not None:
            raise PrepError(
                f"--step is for derivations; {question.id} is not one, so leave it out"
            )
        return question
    count = len(question.steps)
    if step is None or step > count:
        raise PrepError(
            f"{question.id} is a derivation with {count} steps; check one with "
            f"--step N, N from 1 to {count} ('prep show {question.id}' lists them)"
        )
    return question.step_question(step - 1)
