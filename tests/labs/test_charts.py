"""The labs' text charts, compared as plain text."""

from __future__ import annotations

import math

from interview_cli.labs import charts


def test_loss_curves_share_one_axis() -> None:
    lines = charts.line_chart(
        [[1.0, 0.5, 0.25, 0.0], [1.0, 1.0, math.nan, 0.0]],
        "AB",
        width=10,
        height=5,
        threshold=0.5,
    )
    assert lines == [
        "1.00 ┤BB",
        "     │ A",
        "0.50 ┤┄A┄┄",
        "     │  A",
        "0.00 ┤   A",
        "     └────",
        "      1 epoch 4",
    ]


def test_long_curves_are_sampled_to_the_width() -> None:
    lines = charts.line_chart([[1.0] * 50 + [0.0] * 50], "A", width=10, height=3)
    # Ten steps a column; the drop is filled in where it lands.
    assert lines[0] == "1.00 ┤AAAAA"
    assert lines[1] == "     │     A"
    assert lines[2] == "0.00 ┤     AAAAA"
    assert lines[-1].endswith("100")


def test_exact_zero_differs_from_tiny_weight() -> None:
    lines = charts.coefficient_strips(
        [("true", [2.0, 0.0, -1.0]), ("fit", [1.0, 0.0, -1e-12])], [0], height=1
    )
    assert lines[:5] == [
        "      informative (1) │ uninformative (2)",
        "true  █               │  ▄",
        "      +               │ ·-",
        "fit   ▄               │",
        "      +               │ ·-",
    ]
