"""Options shared by several commands.

This module and the command modules import only typer and small enums at
the top: ``prep --help`` must not pay for the bank, the store or rich's
tables. Each command imports what it needs when it runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from interview_cli.bank.kinds import Difficulty, Kind


def plain_typer(**settings: Any) -> typer.Typer:
    """A typer app with prep's settings: plain help and no completion commands."""
    return typer.Typer(
        add_completion=False,
        pretty_exceptions_enable=False,
        # Plain help and usage errors: rich's help renderer imports
        # rich.markdown and more, tripling the start-up time of every --help.
        rich_markup_mode=None,
        **settings,
    )


BankOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--bank",
        help="Add a folder of your own YAML questions (repeatable; also PREP_BANK).",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON document on stdout instead.")
]
TopicOption = Annotated[
    str | None, typer.Option(help="Only this topic, e.g. attention.")
]
KindOption = Annotated[Kind | None, typer.Option(help="Only this kind.")]
DifficultyOption = Annotated[
    Difficulty | None, typer.Option(help="Only this difficulty.")
]
QuestionId = Annotated[str, typer.Argument(metavar="ID", help="A question id.")]
SeedOption = Annotated[
    int | None,
    typer.Option(
        "--seed",
        min=1,
        help="The variant of a randomised question (as the quiz and "
        "'prep history' show it); 1 when left out.",
        show_default=False,
    ),
]
StepOption = Annotated[
    int | None,
    typer.Option(
        "--step",
        min=1,
        help="For a derivation: which step the answer is for (1 is the first).",
        show_default=False,
    ),
]
