"""Text reaches the terminal as written: no emoji codes, no guessed colours."""

from __future__ import annotations

from interview_cli import terminal


def test_console_leaves_colon_words_alone() -> None:
    console = terminal.console()
    with console.capture() as captured:
        console.print("the ratio :thumbs_up: stays text")
    assert captured.get() == "the ratio :thumbs_up: stays text\n"
