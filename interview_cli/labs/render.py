"""How the labs look in the terminal: a chart, a table, and what they show."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from interview_cli.labs import charts
from interview_cli.labs.optimizers import SAME_CURVE

if TYPE_CHECKING:
    from interview_cli.labs.optimizers import Curve
    from interview_cli.labs.optimizers import Result as RaceResult
    from interview_cli.labs.regularization import Result as FitResult

# Markers of the loss chart: torch's three, then the learner's classes.
BUILT_IN_MARKERS = "SMA"
LEARNER_MARKERS = "123456789"
MARKER_STYLES = ("yellow", "blue", "green", "magenta", "cyan", "red", "bright_blue")


def regularization(result: FitResult) -> RenderableType:
    """The coefficient chart, the table and the lesson in one sentence."""
    rows = [("true", result.true)] + [(f.label, f.coefficients) for f in result.fits]
    chart = Text("\n".join(charts.coefficient_strips(rows, result.informative)))
    for sign, style in ((charts.ZERO, "yellow"), ("+", "green"), ("-", "red")):
        chart.highlight_regex(f"[{sign}]", style)
    heading = Text(
        f"One regression problem, three fits (seed {result.seed}, "
        f"alpha {result.alpha:g}): {result.train_size} training and "
        f"{result.test_size} test samples, {len(result.true)} features of which "
        f"{len(result.informative)} informative, noise sd 25",
        style="bold",
    )
    return Group(heading, Text(), chart, Text(), _fit_table(result), _lesson(result))


def _fit_table(result: FitResult) -> Table:
    features = len(result.true)
    informative, rest = len(result.informative), len(result.uninformative)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("model")
    table.add_column("non-zero", justify="right")
    table.add_column("informative kept", justify="right")
    table.add_column("uninformative at 0", justify="right")
    table.add_column("test MSE", justify="right")
    for fit in result.fits:
        table.add_row(
            fit.label,
            f"{fit.nonzero()} / {features}",
            f"{fit.kept(result.informative)} / {informative}",
            f"{fit.zeros_among(result.uninformative)} / {rest}",
            f"{fit.test_mse:,.1f}",
        )
    return table


def _lesson(result: FitResult) -> Text:
    l1, l2 = result.fit("l1"), result.fit("l2")
    rest = len(result.uninformative)
    text = (
        f"L1 put {l1.zeros_among(result.uninformative)} of the {rest} uninformative "
        f"coefficients at exactly 0 and kept {l1.kept(result.informative)} of the "
        f"{len(result.informative)} informative ones; L2 put "
        f"{l2.zeros_among(range(len(result.true)))} at 0: it shrinks, it does not "
        "select. The noise alone costs a test MSE of about 625; a smaller --alpha "
        "keeps more features and shrinks them less."
    )
    if not l1.converged:
        text += f" (L1 stopped after {l1.sweeps} sweeps without settling.)"
    return Text(text)


def optimizers(result: RaceResult, width: int) -> RenderableType:
    """The loss curves in one chart, the table, and the sandbox's line if used."""
    s = result.settings
    markers = marker_list(len(result.curves))
    heading = Text(
        f"Loss per epoch on two moons (seed {s.seed}, lr {s.lr:g}, {s.epochs} "
        f"epochs, full batch of {result.train_size}, same initial weights)",
        style="bold",
    )
    drawn = [(c.losses, m) for c, m in zip(result.curves, markers, strict=True)]
    lines = charts.line_chart(
        [losses for losses, _ in drawn],
        [marker for _, marker in drawn],
        width=max(20, min(width - 10, 100)),
        threshold=s.threshold,
    )
    chart = Text("\n").join(_coloured(line, markers) for line in lines)
    parts: list[RenderableType] = [heading, Text(), chart, _race_table(result, markers)]
    if any(c.path is not None for c in result.curves):
        twins = sorted({c.twin.twin for c in result.curves if c.twin is not None})
        parts.append(
            Text(
                "against torch: the largest gap between your loss curve and that "
                f"of {', '.join(twins) or 'torch.optim'}, from the same start; "
                f"up to {SAME_CURVE:g} is float rounding. Where two curves "
                "meet, the one listed later is drawn."
            )
        )
    if result.isolation is not None:
        parts.append(Text(f"sandbox: {result.isolation}", style="dim"))
    return Group(*parts)


def _coloured(line: str, markers: str) -> Text:
    """A chart line with each curve's marker in its colour, right of the axis."""
    axis = min((line.find(c) for c in "┤│" if c in line), default=-1)
    if axis < 0:
        return Text(line)
    text = Text(line[: axis + 1])
    styles = {m: MARKER_STYLES[i % len(MARKER_STYLES)] for i, m in enumerate(markers)}
    for cell in line[axis + 1 :]:
        text.append(cell, styles.get(cell, "dim" if cell == charts.RULE else ""))
    return text


def marker_list(count: int) -> str:
    return (BUILT_IN_MARKERS + LEARNER_MARKERS)[:count]


def _race_table(result: RaceResult, markers: str) -> Table:
    threshold = result.settings.threshold
    files = len({c.path for c in result.curves if c.path is not None})
    yours = files > 0
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for name, justify in (
        ("", "left"),
        ("optimizer", "left"),
        ("final loss", "right"),
        ("test acc.", "right"),
        (f"epoch ≤ {threshold:g}", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    if yours:
        table.add_column("against torch", min_width=14)
    for curve, marker in zip(result.curves, markers, strict=True):
        row = [marker, _name(curve, files), *_numbers(curve, threshold)]
        table.add_row(*row, *([_against(curve)] if yours else []))
    return table


def _name(curve: Curve, files: int) -> str:
    """The curve's name, with its file's when several files race."""
    if curve.path is None or files < 2:
        return curve.name
    return f"{curve.name} ({curve.path.name})"


def _numbers(curve: Curve, threshold: float) -> Sequence[str]:
    if curve.error is not None:
        return ("failed", "—", "—")
    final = curve.final_loss
    loss = "—" if final is None else f"{final:.4f}"
    if curve.diverged:
        loss = f"diverged at {len(curve.losses)}"
    accuracy = "—" if curve.accuracy is None else f"{curve.accuracy:.1%}"
    if curve.accuracy is not None and math.isnan(curve.accuracy):
        accuracy = "—"
    reached = curve.reached(threshold)
    return (loss, accuracy, "never" if reached is None else str(reached))


def _against(curve: Curve) -> str:
    if curve.path is None:
        return ""
    if curve.error is not None:
        return curve.error
    twin = curve.twin
    if twin is None:
        return "—"
    if twin.same:
        return f"same curve (gap {twin.largest_gap:.0e})"
    gap = "∞" if math.isinf(twin.largest_gap) else f"{twin.largest_gap:.3g}"
    return f"differs: {gap} at epoch {twin.at_epoch}"
