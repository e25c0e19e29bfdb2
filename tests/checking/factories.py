"""Small builders of questions and symbols for the checking tests."""

from __future__ import annotations

from collections.abc import Iterable

from interview_cli.bank.model import (
    Difficulty,
    Mistake,
    NumericQuestion,
    SymbolicQuestion,
)
from interview_cli.checking.symbols import Domain, Symbol

P = Symbol("p", Domain.UNIT_INTERVAL)
Y = Symbol("y", Domain.BINARY)
Z = Symbol("z")
X = Symbol("x")
N = Symbol("n", Domain.POSITIVE_INTEGER)
T = Symbol("t", Domain.POSITIVE_INTEGER)
BETA_1 = Symbol("beta_1", Domain.UNIT_INTERVAL)
D_K = Symbol("d_k", Domain.POSITIVE_INTEGER)
LAMBDA = Symbol("lambda")
W_I = Symbol("w_i")


def symbolic(
    answer: str, symbols: Iterable[Symbol], mistakes: Iterable[str] = ()
) -> SymbolicQuestion:
    """A symbolic question whose mistakes' feedback names the mistake."""
    return SymbolicQuestion(
        id="test.symbolic",
        topic="test",
        difficulty=Difficulty.EASY,
        prompt="?",
        explanation="!",
        symbols=tuple(symbols),
        answer=answer,
        mistakes=tuple(Mistake(answer=m, feedback=f"known: {m}") for m in mistakes),
    )


def numeric(
    answer: str,
    mistakes: Iterable[str] = (),
    rel_tol: float = 1e-3,
    abs_tol: float = 0.0,
) -> NumericQuestion:
    """A numeric question whose mistakes' feedback names the mistake."""
    return NumericQuestion(
        id="test.numeric",
        topic="test",
        difficulty=Difficulty.EASY,
        prompt="?",
        explanation="!",
        answer=answer,
        rel_tol=rel_tol,
        abs_tol=abs_tol,
        mistakes=tuple(Mistake(answer=m, feedback=f"known: {m}") for m in mistakes),
    )
