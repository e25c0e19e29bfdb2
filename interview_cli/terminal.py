"""The console every command prints through, and how it reads a line."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console


def console() -> Console:
    """A console for prep's text: maths and code, never emoji or guessed styles.

    ``emoji=False``: rich would read ``:name:`` in a prompt or a learner's
    answer as an emoji code (and loads its table of 3,600 codes, ~2 ms, to
    look). ``highlight=False``: rich would colour numbers and quotes it finds
    in prose, which in a formula is noise.
    """
    return Console(highlight=False, emoji=False)


def reader(console: Console) -> Callable[[str], str]:
    """Show a prompt on ``console`` and read a line, emoji codes left as text.

    ``Console.input`` reads emoji codes in its prompt unless told not to,
    whatever the console was made with.
    """
    return lambda prompt: console.input(prompt, emoji=False)
