"""Errors a user can fix, shown as one line without a traceback."""

from __future__ import annotations


class PrepError(Exception):
    """A problem with the user's input or environment, not a bug in prep.

    The CLI prints the message on one line (several for a list of problems)
    and exits with ``exit_code``: 2 for usage errors, as CONTRACT.md asks.
    """

    exit_code = 2


class JudgedWrong(PrepError):
    """Something the user submitted was judged and found not correct."""

    exit_code = 1
