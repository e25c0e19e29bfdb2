"""Randomised variants: one question, fresh numbers on every attempt.

A question with ``params`` names them in its text inside double braces. In a
formula field (an answer, a known mistake, a step's link) ``{{d_k}}`` or
``{{ 2*d_k }}`` becomes the exact value in brackets, so ``sqrt({{d_k}})``
reads as ``sqrt((64))``; in prose it becomes the value as a person writes it
(``64``, or ``8`` for ``{{ sqrt(d_k) }}``, six significant digits at most).

A variant is named by its seed: the same seed draws the same values on every
machine and in every version, so an attempt stored with its seed can be
replayed exactly (``prep show ID --seed S``, ``prep check ID ANSWER --seed S``).
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction
from typing import Any, TypeVar

from interview_cli import records
from interview_cli.bank.model import (
    ChoiceOption,
    ChoiceQuestion,
    DerivationQuestion,
    ExplainQuestion,
    Link,
    Mistake,
    NumericQuestion,
    Param,
    Question,
    Step,
    SymbolicQuestion,
)
from interview_cli.checking.symbols import Symbol

DEFAULT_SEED = 1  # what 'prep show' and 'prep check' use without --seed
MAX_SEED = 999_999
PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.S)

Fill = Callable[[str], str]
T = TypeVar("T")


class VariantError(ValueError):
    """A placeholder that cannot be filled: unknown name, unreadable formula."""


def new_seed(rng: random.Random) -> int:
    """A fresh seed for one attempt."""
    return rng.randint(1, MAX_SEED)


def count(question: Question) -> int:
    """How many different variants the question has (1 without params)."""
    return math.prod(len(param.values) for param in question.params)


def draw(params: tuple[Param, ...], seed: int) -> dict[str, str]:
    """The values a seed picks, one per param, as written in the bank."""
    rng = random.Random(seed)
    return {param.name: rng.choice(param.values) for param in params}


def seeds(question: Question, wanted: int) -> Iterator[int]:
    """Seeds whose variants differ, up to ``wanted`` of them (or all there are)."""
    if not question.params:
        yield DEFAULT_SEED
        return
    target = min(wanted, count(question))
    seen: set[tuple[str, ...]] = set()
    seed = DEFAULT_SEED
    # Collecting distinct draws by trying seeds in order; the cap keeps a
    # huge variant space from turning this into a coupon collector's wait.
    while len(seen) < target and seed < DEFAULT_SEED + 50 * target:
        values = tuple(draw(question.params, seed).values())
        if values not in seen:
            seen.add(values)
            yield seed
        seed += 1


def instantiate(question: Question, seed: int | None) -> Question:
    """The variant ``seed`` names: every placeholder filled, ``params`` empty.

    A question without params is returned as it is, whatever the seed.
    """
    if not question.params:
        return question
    values = draw(question.params, DEFAULT_SEED if seed is None else seed)
    return _filled(question, _prose_filler(values), _formula_filler(values))


def placeholders(question: Question) -> Iterator[tuple[str, str]]:
    """Every placeholder in the question, as (field, text inside the braces)."""
    found: list[tuple[str, str]] = []

    def record(field: str) -> Fill:
        def keep(text: str) -> str:
            found.extend(
                (field, match.group(1)) for match in PLACEHOLDER.finditer(text)
            )
            return text

        return keep

    _filled(question, record("text"), record("formula"))
    yield from found


def check_placeholders(question: Question) -> list[str]:
    """What is wrong with the question's placeholders, one message each."""
    names = tuple(param.name for param in question.params)
    problems = []
    used: set[str] = set()
    for where, inside in placeholders(question):
        if not names:
            problems.append(
                f"'{{{{{inside}}}}}' in a {where} field, but no params are declared"
            )
            continue
        try:
            tree = _read(inside, names)
        except VariantError as err:
            problems.append(f"'{{{{{inside}}}}}' in a {where} field: {err}")
            continue
        from interview_cli.checking.expr import names as used_in

        used |= used_in(tree)
    problems += [
        f"param '{name}' is never used; remove it or name it as {{{{{name}}}}}"
        for name in names
        if name not in used
    ]
    return problems


# -- filling ------------------------------------------------------------------


def _filled(question: Question, prose: Fill, formula: Fill) -> Question:
    """A copy of ``question`` with ``prose`` and ``formula`` applied to its text."""
    changes: dict[str, Any] = {
        "prompt": prose(question.prompt),
        "explanation": prose(question.explanation),
        "hint": prose(question.hint),
        "params": (),
    }
    if isinstance(question, SymbolicQuestion | NumericQuestion):
        changes["answer"] = formula(question.answer)
        changes["mistakes"] = _each(question.mistakes, _mistake(prose, formula))
    elif isinstance(question, ChoiceQuestion):
        changes["options"] = _each(
            question.options,
            lambda o: ChoiceOption(
                text=prose(o.text), correct=o.correct, feedback=prose(o.feedback)
            ),
        )
    elif isinstance(question, ExplainQuestion):
        changes["model_answer"] = prose(question.model_answer)
        changes["key_points"] = _each(question.key_points, prose)
    elif isinstance(question, DerivationQuestion):
        changes["steps"] = _each(question.steps, _step(prose, formula))
    return records.replace(question, **changes)


def _each(items: tuple[Any, ...], change: Callable[[Any], T]) -> tuple[T, ...]:
    return tuple(change(item) for item in items)


def _mistake(prose: Fill, formula: Fill) -> Callable[[Mistake], Mistake]:
    return lambda m: Mistake(answer=formula(m.answer), feedback=prose(m.feedback))


def _step(prose: Fill, formula: Fill) -> Callable[[Step], Step]:
    def change(step: Step) -> Step:
        follows = step.follows
        if follows is not None:
            follows = Link(
                then=formula(follows.then),
                derivative=follows.derivative,
                sum_over=follows.sum_over,
                sum_from=formula(follows.sum_from),
                sum_to=formula(follows.sum_to),
            )
        return records.replace(
            step,
            prompt=prose(step.prompt),
            hint=prose(step.hint),
            answer=formula(step.answer),
            mistakes=_each(step.mistakes, _mistake(prose, formula)),
            follows=follows,
        )

    return change


def _prose_filler(values: Mapping[str, str]) -> Fill:
    def fill(match: re.Match[str]) -> str:
        inside = match.group(1).strip()
        return values[inside] if inside in values else _written(inside, values)

    return lambda text: PLACEHOLDER.sub(fill, text)


def _written(inside: str, values: Mapping[str, str]) -> str:
    """A computed placeholder's value as prose shows it: six significant digits.

    Double precision is plenty for six digits, and it spares the first
    question of a quiz the 15 ms import of mpmath, which the checker's
    exact values need only once an answer is judged.
    """
    from interview_cli.checking.limits import constant_value

    value = constant_value(_exact(inside, values))
    if value is None or value.imag:
        raise VariantError(f"'{inside}' has no real value when {values}")
    return f"{value.real + 0.0:.6g}"  # + 0.0: never show -0


def _formula_filler(values: Mapping[str, str]) -> Fill:
    from interview_cli.checking.render import to_ascii

    return lambda text: PLACEHOLDER.sub(
        lambda match: f"({to_ascii(_exact(match.group(1), values))})", text
    )


def _exact(inside: str, values: Mapping[str, str]) -> Any:
    """The placeholder's formula with each param replaced by its exact value."""
    from interview_cli.checking.expr import Number, substitute

    tree = _read(inside, tuple(values))
    numbers = {name: Number(Fraction(text), text) for name, text in values.items()}
    return substitute(tree, numbers)


def _read(inside: str, names: tuple[str, ...]) -> Any:
    from interview_cli.checking.expr import AnswerSyntaxError
    from interview_cli.checking.parse import parse_answer

    try:
        return parse_answer(inside.strip(), tuple(Symbol(name) for name in names))
    except AnswerSyntaxError as err:
        raise VariantError(err.message) from None
