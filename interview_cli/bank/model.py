"""The questions of the bank, as typed, immutable values.

These are frozen records (``interview_cli.records``) so that the rest of
prep (and the bank cache) can use them without importing pydantic;
``bank.schema`` validates YAML into exactly these types.
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

from interview_cli.bank.kinds import Difficulty, Kind
from interview_cli.checking.symbols import Domain, Symbol
from interview_cli.records import Record

__all__ = [
    "ChoiceOption",
    "ChoiceQuestion",
    "CodeQuestion",
    "DerivationQuestion",
    "Difficulty",
    "Domain",
    "ExplainQuestion",
    "Kind",
    "Link",
    "Mistake",
    "NumericQuestion",
    "Param",
    "Question",
    "Step",
    "Symbol",
    "SymbolicQuestion",
]


class Param(Record):
    """A number drawn afresh for each attempt, from ``values``.

    The values are kept as written in the bank (``"0.9"``, ``"64"``) so that
    they read the same in a prompt and stay exact in an answer.
    """

    name: str
    values: tuple[str, ...]


class _Base(Record):
    """What every question has, whatever its kind.

    With ``params``, text may name them in double braces: ``{{d_k}}`` in an
    answer stands for the drawn value, and ``{{ sqrt(d_k) }}`` in prose for
    the value of that expression (see ``bank.variants``).
    """

    id: str
    topic: str
    difficulty: Difficulty
    prompt: str
    explanation: str
    tags: tuple[str, ...] = ()
    hint: str = ""
    params: tuple[Param, ...] = ()


class Mistake(Record):
    """A wrong answer people often give, with feedback aimed at that mistake."""

    answer: str
    feedback: str


class SymbolicQuestion(_Base):
    """Answered with a formula in the declared symbols."""

    kind: Literal["symbolic"] = "symbolic"
    symbols: tuple[Symbol, ...]
    answer: str
    mistakes: tuple[Mistake, ...] = ()


class NumericQuestion(_Base):
    """Answered with a number; ``answer`` is a constant expression like ``1/8``."""

    kind: Literal["numeric"] = "numeric"
    answer: str
    rel_tol: float = 1e-3
    abs_tol: float = 0.0
    mistakes: tuple[Mistake, ...] = ()


class ChoiceOption(Record):
    text: str
    correct: bool = False
    feedback: str = ""  # shown when this option is chosen wrongly


class ChoiceQuestion(_Base):
    """Pick one option, or every correct one when ``multiple`` is set."""

    kind: Literal["choice"] = "choice"
    options: tuple[ChoiceOption, ...]
    multiple: bool = False


class ExplainQuestion(_Base):
    """Answered in words, then self-rated against a model answer."""

    kind: Literal["explain"] = "explain"
    model_answer: str
    key_points: tuple[str, ...] = ()


class CodeQuestion(_Base):
    """Answered with a Python file graded by ``prep submit``."""

    kind: Literal["code"] = "code"
    entry_point: str  # the signature the file must define, as in CONTRACT.md


class Link(Record):
    """How a derivation step's answer comes from the step before it.

    The previous answer, ``prev``, is first summed over ``sum_over`` (a whole
    number symbol, from ``sum_from`` to ``sum_to``) or differentiated with
    respect to ``derivative``, if either is given; ``then`` is an expression
    in ``prev`` and the symbols that must equal this step's answer.
    """

    then: str = "prev"
    derivative: str = ""
    sum_over: str = ""
    sum_from: str = "1"
    sum_to: str = ""


class Step(Record):
    """One step of a derivation: a formula (or, if ``numeric``, a number)."""

    prompt: str
    answer: str
    numeric: bool = False
    rel_tol: float = 1e-3
    abs_tol: float = 0.0
    hint: str = ""
    mistakes: tuple[Mistake, ...] = ()
    follows: Link | None = None  # required for every step but the first


class DerivationQuestion(_Base):
    """A chain of steps, each answered and checked on its own.

    The symbols are shared by every symbolic step; each step after the first
    says in ``follows`` how it is obtained from the one before, which the
    bank's self-test checks.
    """

    kind: Literal["derivation"] = "derivation"
    symbols: tuple[Symbol, ...]
    steps: tuple[Step, ...]

    def step_question(self, index: int) -> SymbolicQuestion | NumericQuestion:
        """Step ``index`` (0-based) as a question of its own, for the checker."""
        step = self.steps[index]
        shared: dict[str, Any] = {
            "id": f"{self.id} step {index + 1}",
            "topic": self.topic,
            "difficulty": self.difficulty,
            "prompt": step.prompt,
            "explanation": "",
            "hint": step.hint,
            "answer": step.answer,
            "mistakes": step.mistakes,
        }
        if step.numeric:
            return NumericQuestion(**shared, rel_tol=step.rel_tol, abs_tol=step.abs_tol)
        return SymbolicQuestion(**shared, symbols=self.symbols)


Question: TypeAlias = (
    SymbolicQuestion
    | NumericQuestion
    | ChoiceQuestion
    | ExplainQuestion
    | CodeQuestion
    | DerivationQuestion
)
