"""Small text charts for the terminal, drawn with block characters."""

from __future__ import annotations

from collections.abc import Sequence

# Eighths of a cell, empty to full: a 6-row chart resolves 48 levels, about
# 2 percentage points, which is finer than a session's accuracy is worth.
BLOCKS = " ▁▂▃▄▅▆▇█"
LABEL_WIDTH = 4  # "100%"


def percent_columns(values: Sequence[float], height: int = 6) -> str:
    """One column per value (a fraction 0..1), bottom to top, y axis in percent.

    Only the axis ends are labelled: a label between them would sit on a row
    boundary that a 6-row chart does not have at 50%. A 0 draws nothing above
    the axis, so every column of the x axis below stands for one value.
    """
    levels = [round(min(max(value, 0.0), 1.0) * height * 8) for value in values]
    lines = []
    for row in range(height):
        floor = (height - 1 - row) * 8
        cells = "".join(BLOCKS[min(max(level - floor, 0), 8)] for level in levels)
        if row == 0:
            axis = "100% ┤"
        elif row == height - 1:
            axis = f"{'0%':>{LABEL_WIDTH}} ┤"
        else:
            axis = " " * LABEL_WIDTH + " │"
        lines.append((axis + cells).rstrip())
    lines.append(" " * LABEL_WIDTH + " └" + "─" * len(values))
    return "\n".join(lines)
