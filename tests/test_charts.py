"""Text charts render the same at any terminal, compared as plain text."""

from __future__ import annotations

from interview_cli.charts import percent_columns


def test_columns_rise_in_eighths() -> None:
    chart = percent_columns([0.0, 0.1, 0.5, 0.8, 1.0])
    assert chart.split("\n") == [
        "100% ┤    █",
        "     │   ▆█",
        "     │   ██",
        "     │  ███",
        "     │  ███",
        "  0% ┤ ▅███",
        "     └─────",
    ]


def test_out_of_range_values_are_clamped() -> None:
    assert percent_columns([-0.5, 1.5], height=2).split("\n") == [
        "100% ┤ █",
        "  0% ┤ █",
        "     └──",
    ]


def test_no_values_draws_only_the_axis() -> None:
    assert percent_columns([], height=2).split("\n") == [
        "100% ┤",
        "  0% ┤",
        "     └",
    ]
