"""The questions of the bank, as typed, immutable values.

These are plain frozen dataclasses so that the rest of prep (and the bank
cache) can use them without importing pydantic; ``bank.schema`` validates
YAML into exactly these types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from interview_cli.bank.kinds import Difficulty, Kind
from interview_cli.checking.symbols import Domain, Symbol

__all__ = [
    "ChoiceOption",
    "ChoiceQuestion",
    "CodeQuestion",
    "Difficulty",
    "Domain",
    "ExplainQuestion",
    "Kind",
    "Mistake",
    "NumericQuestion",
    "Question",
    "Symbol",
    "SymbolicQuestion",
]


@dataclass(frozen=True, kw_only=True)
class _Base:
    """What every question has, whatever its kind."""

    id: str
    topic: str
    difficulty: Difficulty
    prompt: str
    explanation: str
    tags: tuple[str, ...] = ()
    hint: str = ""


@dataclass(frozen=True, kw_only=True)
class Mistake:
    """A wrong answer people often give, with feedback aimed at that mistake."""

    answer: str
    feedback: str


@dataclass(frozen=True, kw_only=True)
class SymbolicQuestion(_Base):
    """Answered with a formula in the declared symbols."""

    kind: Literal["symbolic"] = "symbolic"
    symbols: tuple[Symbol, ...]
    answer: str
    mistakes: tuple[Mistake, ...] = ()


@dataclass(frozen=True, kw_only=True)
class NumericQuestion(_Base):
    """Answered with a number; ``answer`` is a constant expression like ``1/8``."""

    kind: Literal["numeric"] = "numeric"
    answer: str
    rel_tol: float = 1e-3
    abs_tol: float = 0.0
    mistakes: tuple[Mistake, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ChoiceOption:
    text: str
    correct: bool = False
    feedback: str = ""  # shown when this option is chosen wrongly


@dataclass(frozen=True, kw_only=True)
class ChoiceQuestion(_Base):
    """Pick one option, or every correct one when ``multiple`` is set."""

    kind: Literal["choice"] = "choice"
    options: tuple[ChoiceOption, ...]
    multiple: bool = False


@dataclass(frozen=True, kw_only=True)
class ExplainQuestion(_Base):
    """Answered in words, then self-rated against a model answer."""

    kind: Literal["explain"] = "explain"
    model_answer: str
    key_points: tuple[str, ...] = field(default=())


@dataclass(frozen=True, kw_only=True)
class CodeQuestion(_Base):
    """Answered with a Python file graded by ``prep submit``."""

    kind: Literal["code"] = "code"
    entry_point: str  # the signature the file must define, as in CONTRACT.md


Question: TypeAlias = (
    SymbolicQuestion | NumericQuestion | ChoiceQuestion | ExplainQuestion | CodeQuestion
)
