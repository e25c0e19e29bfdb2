"""Text charts for the labs: coefficients side by side, and loss curves.

Both return plain lines; the command colours them. Nothing here imports
torch: the values arrive as floats.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from interview_cli.charts import BLOCKS

ZERO = "·"  # a coefficient that is exactly 0.0
POSITIVE = "+"
NEGATIVE = "-"
GAP = " │ "  # between the informative features and the rest
RULE = "┄"  # the loss threshold, where no curve covers it


def coefficient_strips(
    rows: Sequence[tuple[str, Sequence[float]]],
    informative: Sequence[int],
    height: int = 2,
) -> list[str]:
    """Each row's coefficients as columns of bars over a line of signs.

    Columns are features, the informative ones first, in the same order in
    every row, so a feature can be followed down the models. Bars show |w|
    on one scale for all rows (shrinkage shows as shorter bars); the sign
    line shows + or - for any non-zero value, however small, and · for an
    exact zero, which is the difference between L1 and L2.
    """
    count = len(rows[0][1]) if rows else 0
    chosen = set(informative)
    order = [*sorted(chosen), *(i for i in range(count) if i not in chosen)]
    tallest = max((abs(w) for _, ws in rows for w in ws if math.isfinite(w)), default=0)
    scale = tallest or 1.0
    width = max((len(label) for label, _ in rows), default=0) + 2
    split = len(chosen)
    head = f"informative ({split})"
    column = max(split, len(head))  # where the gap stands in every line
    lines = [
        " " * width + head.ljust(column) + GAP + f"uninformative ({count - split})"
    ]
    for label, weights in rows:
        ordered = [weights[i] for i in order]
        levels = [round(min(abs(w) / scale, 1.0) * height * 8) for w in ordered]
        for row, cells in enumerate(_bar_rows(levels, height)):
            prefix = label if row == 0 else ""
            lines.append(_joined(prefix.ljust(width), cells, split, column))
        signs = "".join(_sign(w) for w in ordered)
        lines.append(_joined(" " * width, signs, split, column))
    lines.append(
        f"bar: |coefficient| (full height {tallest:.1f});  "
        f"{POSITIVE} positive, {NEGATIVE} negative, {ZERO} exactly zero"
    )
    return [line.rstrip() for line in lines]


def _bar_rows(levels: Sequence[int], height: int) -> list[str]:
    """Rows of block characters, top first, for levels in eighths of a row."""
    rows = []
    for row in range(height):
        floor = (height - 1 - row) * 8
        rows.append("".join(BLOCKS[min(max(level - floor, 0), 8)] for level in levels))
    return rows


def _joined(prefix: str, cells: str, split: int, column: int) -> str:
    return prefix + cells[:split].ljust(column) + GAP + cells[split:]


def _sign(value: float) -> str:
    if value == 0.0:
        return ZERO
    return POSITIVE if value > 0 else NEGATIVE


def line_chart(
    curves: Sequence[Sequence[float]],
    markers: Sequence[str],
    *,
    width: int = 60,
    height: int = 12,
    threshold: float | None = None,
    x_label: str = "epoch",
) -> list[str]:
    """Curves drawn with one marker character each on a shared axis from 0.

    A column stands for one step when they fit, else for an equal run of
    steps and shows the last. A curve stops at its first value that is not
    finite (a diverged run). Jumps between neighbouring columns are filled
    in so that a steep drop still reads as a line; where two curves meet,
    the one given later is drawn.
    """
    steps = max((len(curve) for curve in curves), default=0)
    columns = max(1, min(width, steps))
    finite = [v for curve in curves for v in curve if math.isfinite(v)]
    top = max(finite, default=1.0) or 1.0
    grid = [[" "] * columns for _ in range(height)]
    rule = _row_of(threshold, top, height) if threshold is not None else None
    if rule is not None:
        grid[rule] = [RULE] * columns
    for curve, marker in zip(curves, markers, strict=True):
        _draw(grid, _sampled(curve, steps, columns), marker, top)
    labels = {0: f"{top:.2f}", height - 1: "0.00"}
    if rule is not None and threshold is not None:
        labels.setdefault(rule, f"{threshold:.2f}")
    pad = max(len(text) for text in labels.values())
    lines = []
    for row, cells in enumerate(grid):
        axis = f"{labels[row]:>{pad}} ┤" if row in labels else " " * pad + " │"
        lines.append(axis + "".join(cells))
    lines.append(" " * pad + " └" + "─" * columns)
    first, last = "1", str(steps)
    middle = x_label.center(max(columns - len(first) - len(last), len(x_label) + 2))
    lines.append(" " * (pad + 2) + first + middle + last)
    return [line.rstrip() for line in lines]


def _row_of(value: float, top: float, height: int) -> int | None:
    """The grid row (0 at the top) where ``value`` sits, or None off the chart."""
    if not math.isfinite(value) or not 0 <= value <= top:
        return None
    return round((1 - value / top) * (height - 1))


def _sampled(curve: Sequence[float], steps: int, columns: int) -> list[float]:
    """The value shown in each column: the last step the column covers."""
    shown = []
    for column in range(columns):
        last = (column + 1) * steps // columns - 1
        shown.append(curve[last] if last < len(curve) else math.nan)
    return shown


def _draw(
    grid: list[list[str]], values: Sequence[float], marker: str, top: float
) -> None:
    height = len(grid)
    previous: int | None = None
    for column, value in enumerate(values):
        row = _row_of(value, top, height)
        if row is None:
            return  # diverged or past the end: the curve stops here
        low, high = (row, row) if previous is None else sorted((previous, row))
        # Fill the jump from the last column's row, excluding that row itself.
        for filled in range(low, high + 1):
            if filled != previous or previous == row:
                grid[filled][column] = marker
        previous = row
