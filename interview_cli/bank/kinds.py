"""The small vocabularies of the bank, importable without the question types.

The CLI needs these for its options before it needs anything else, so they
live apart from ``bank.model`` to keep ``prep --help`` quick.
"""

from __future__ import annotations

import enum


class Difficulty(str, enum.Enum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class Kind(str, enum.Enum):
    SYMBOLIC = "symbolic"
    NUMERIC = "numeric"
    CHOICE = "choice"
    EXPLAIN = "explain"
    CODE = "code"
    DERIVATION = "derivation"
