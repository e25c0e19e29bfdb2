"""``prep lab ...``: the syllabus's experiments, run from a seed in the terminal."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from interview_cli.cli.options import JsonOption, plain_typer
from interview_cli.errors import PrepError

if TYPE_CHECKING:
    from rich.console import Console

    from interview_cli.labs import optimizers as race

MAX_EPOCHS = 5000
MAX_CLASSES = 9  # one chart marker each, 1 to 9


class LabGroup(TyperGroup):
    """Names the labs when asked for one that does not exist, in one line."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            labs = ", ".join(sorted(self.commands))
            raise PrepError(f"there is no lab '{args[0]}'; choose one of: {labs}")
        return super().resolve_command(ctx, args)


app = plain_typer(
    cls=LabGroup,
    help="Run the syllabus's experiments: L1 against L2, optimisers racing.",
    no_args_is_help=True,
)


def _positive(name: str) -> Any:
    """A parser for an option that takes a finite number above 0."""

    def parse(text: object) -> float:
        try:
            value = float(str(text))
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and value > 0):
            raise PrepError(f"{name} must be a number above 0, not '{text}'")
        return value

    return parse


def _whole(name: str, low: int, high: int) -> Any:
    """A parser for an option that takes a whole number from low to high."""

    def parse(text: object) -> int:
        try:
            value = int(str(text))
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise PrepError(f"{name} must be a whole number from {low} to {high}")
        return value

    return parse


SeedOption = Annotated[
    int,
    typer.Option(
        parser=_whole("--seed", 0, 2**63 - 1),
        metavar="N",
        help="Draws the data and initial weights; the same seed, the same numbers.",
    ),
]
SaveOption = Annotated[
    Path | None,
    typer.Option(
        "--save",
        metavar="FILE",
        help="Also write the chart to FILE.png or FILE.svg (needs matplotlib: "
        "pip install 'interview-cli[plots]').",
        show_default=False,
    ),
]


@app.command("regularization")
def regularization(
    alpha: Annotated[
        float,
        typer.Option(
            parser=_positive("--alpha"),
            metavar="ALPHA",
            help="Penalty strength of L1 and L2, as scikit-learn's Lasso and "
            "Ridge use it (the syllabus takes 10).",
        ),
    ] = 10.0,
    seed: SeedOption = 42,
    as_json: JsonOption = False,
    save: SaveOption = None,
) -> None:
    """Fit one regression problem with no penalty, L2 and L1; see which weights hit 0.

    200 samples, 50 features of which 10 carry signal, noise of sd 25, a fifth
    held out. L1 is solved by coordinate descent, which sets a weight to
    exactly 0; L2 in closed form, which only shrinks. The chart shows every
    coefficient (· for an exact 0); the table counts non-zeros, the
    informative features L1 kept and the test error. L1 minimises
    ||y - Xw||²/(2n) + alpha·||w||₁, L2 ||y - Xw||² + alpha·||w||².

    Example: prep lab regularization --alpha 2 --seed 7
    """
    from interview_cli.labs import figures, regularization, render

    if save is not None:
        figures.check(save)
    console = _console()
    if as_json:
        result = regularization.run(alpha, seed)
    else:
        with console.status("fitting (loading torch first)"):
            result = regularization.run(alpha, seed)
    if save is not None:
        figures.save_regularization(result, save)
    if as_json:
        from interview_cli.cli import common

        common.print_json(result.as_json())
        return
    console.print(render.regularization(result))
    _saved(console, save)


@app.command("optimizers")
def optimizers(
    files: Annotated[
        list[Path] | None,
        typer.Option(
            "--optimizer",
            metavar="FILE",
            help="Also race the optimiser classes in your file (SGDMomentum, "
            "Adagrad, RMSprop, Adam, AdamW, as 'prep start' writes them); "
            "they run in the grading sandbox. Repeatable, up to 4 files.",
            show_default=False,
        ),
    ] = None,
    lr: Annotated[
        float,
        typer.Option(parser=_positive("--lr"), metavar="LR", help="Learning rate."),
    ] = 0.01,
    epochs: Annotated[
        int,
        typer.Option(
            parser=_whole("--epochs", 1, MAX_EPOCHS),
            metavar="N",
            help="Full-batch steps per optimiser.",
        ),
    ] = 100,
    threshold: Annotated[
        float,
        typer.Option(
            parser=_positive("--threshold"),
            metavar="LOSS",
            help="The table shows the first epoch each loss got this low.",
        ),
    ] = 0.4,
    seed: SeedOption = 42,
    as_json: JsonOption = False,
    save: SaveOption = None,
) -> None:
    """Race SGD, SGD with momentum and Adam (and your own classes) on two moons.

    One MLP (2-32-16-1, ReLU) from the same initial weights, full-batch
    binary cross-entropy, one learning rate for all. The chart draws every
    loss curve; the table gives the final loss, the test accuracy and the
    first epoch each reached --threshold. Your classes are also compared
    with torch's class of the same name: a correct Adam follows torch's
    Adam to within float rounding. Exit code 1 if one of your classes
    failed to run.

    \b
    Examples:
      prep lab optimizers
      prep lab optimizers --optimizer adam.py --lr 0.05 --epochs 200
    """
    from interview_cli.labs import figures, learner, render
    from interview_cli.labs import optimizers as race

    entries = [learner.screen(path) for path in files or []]
    _check_entries(entries)
    if save is not None:
        figures.check(save)
    settings = race.Settings(lr=lr, epochs=epochs, threshold=threshold, seed=seed)
    result = _race(settings, entries, progress=not as_json)
    if save is not None:
        figures.save_optimizers(result, save)
    if as_json:
        from interview_cli.cli import common

        common.print_json(result.as_json())
    else:
        console = _console()
        console.print(render.optimizers(result, console.width))
        _saved(console, save)
    if result.failures:
        for failure in result.failures:
            typer.echo(f"prep: {failure}", err=True)
        raise typer.Exit(1)


def _check_entries(entries: list[Any]) -> None:
    if len(entries) > 4:
        raise PrepError("--optimizer takes up to 4 files")
    if sum(len(entry.classes) for entry in entries) > MAX_CLASSES:
        raise PrepError(f"the files define more than {MAX_CLASSES} classes to race")


def _race(settings: race.Settings, entries: list[Any], progress: bool) -> race.Result:
    """Run the race, with a progress bar over the epochs when a person watches."""
    from interview_cli.cli import common
    from interview_cli.debuglog import debug_log
    from interview_cli.grading.grader import default_hidden
    from interview_cli.labs import optimizers as race

    hidden = default_hidden() if entries else ()
    with debug_log("lab"):
        if not progress:
            return race.run(settings, entries, hidden)
        with common.progress_bar("loading torch") as step:
            return race.run(settings, entries, hidden, step=step)


def _saved(console: Console, save: Path | None) -> None:
    if save is not None:
        console.print(f"chart written to {save}")


def _console() -> Console:
    from interview_cli import terminal

    return terminal.console()
