"""Text reaches the terminal as written: no emoji codes, no guessed colours."""

from __future__ import annotations

import io

import pytest

from interview_cli import terminal


def test_console_leaves_colon_words_alone() -> None:
    console = terminal.console()
    with console.capture() as captured:
        console.print("the ratio :thumbs_up: stays text")
    assert captured.get() == "the ratio :thumbs_up: stays text\n"


def test_prompt_leaves_colon_words_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("an answer\n"))
    console = terminal.console()
    with console.capture() as captured:
        line = terminal.reader(console)("type :thumbs_up: or q ")
    assert line == "an answer"
    assert captured.get() == "type :thumbs_up: or q "
