"""Splitting an answer into whitelisted tokens.

Each token is one of a closed set of kinds; any character or word outside the
question's lexicon stops the reading with an error that points at it.
"""

# Unicode letters and operators are what this module is about, so ruff's
# warnings about characters that look like ASCII ones do not apply here.
# ruff: noqa: RUF001

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from interview_cli.checking import limits
from interview_cli.checking.expr import AnswerSyntaxError, column
from interview_cli.checking.lexicon import FROM_SUPERSCRIPT, Lexicon, describe_symbols


class Kind(enum.Enum):
    """The closed set of things a token can be."""

    NUMBER = "number"
    SYMBOL = "symbol"
    FUNCTION = "function"
    CONSTANT = "constant"
    OPERATOR = "operator"
    OPEN = "open"
    CLOSE = "close"
    BAR = "bar"
    ROOT = "root"
    SUPERSCRIPT = "superscript"
    END = "end"


@dataclass(frozen=True)
class Token:
    """One piece of the answer: ``value`` is its meaning, ``text`` as typed."""

    kind: Kind
    value: str
    text: str
    pos: int
    inner: tuple[Token, ...] = ()  # the tokens of a superscript exponent


OPERATORS = {
    "**": "^",
    "^": "^",
    "*": "*",
    "·": "*",
    "⋅": "*",
    "×": "*",
    "∗": "*",
    "/": "/",
    "÷": "/",
    "+": "+",
    "-": "-",
    "−": "-",
    "–": "-",
}
OPENERS = {"(": ")", "[": "]"}
CLOSERS = frozenset(OPENERS.values())
# ASCII digits only: str.isdigit() would also take "²" and "₁".
_NUMBER = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_HINTS = {
    "=": "write only the expression, without an equals sign",
    ",": "each function here takes a single argument",
    "!": "factorials are not supported",
}


def tokenize(text: str, lexicon: Lexicon, offset: int = 0) -> list[Token]:
    """The tokens of ``text``, ending with an END token."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char.isspace():
            pos += 1
            continue
        token = _next_token(text, pos, lexicon, offset)
        tokens.append(token)
        pos += len(token.text)
    tokens.append(Token(Kind.END, "", "", offset + len(text)))
    return tokens


def _next_token(text: str, pos: int, lexicon: Lexicon, offset: int) -> Token:
    char = text[pos]
    where = offset + pos
    two = text[pos : pos + 2]
    if two in OPERATORS:
        return Token(Kind.OPERATOR, OPERATORS[two], two, where)
    if char in OPERATORS:
        return Token(Kind.OPERATOR, OPERATORS[char], char, where)
    if char in OPENERS:
        return Token(Kind.OPEN, OPENERS[char], char, where)
    if char in CLOSERS:
        return Token(Kind.CLOSE, char, char, where)
    if char == "|":
        return Token(Kind.BAR, char, char, where)
    if char == "√":
        return Token(Kind.ROOT, "sqrt", char, where)
    if char in FROM_SUPERSCRIPT:
        return _superscript(text, pos, lexicon, offset)
    number = _NUMBER.match(text, pos)
    if number is not None:
        limits.check_literal(number.group(), where)
        return Token(Kind.NUMBER, number.group(), number.group(), where)
    found = lexicon.match(text, pos)
    if found is not None:
        word, entry = found
        return Token(Kind[entry.kind.upper()], entry.value, word, where)
    raise _unknown(text, pos, lexicon, offset)


def _superscript(text: str, pos: int, lexicon: Lexicon, offset: int) -> Token:
    end = pos
    while end < len(text) and text[end] in FROM_SUPERSCRIPT:
        end += 1
    # Each superscript character stands for exactly one plain character, so
    # positions inside the exponent map one to one onto the original text.
    plain = "".join(FROM_SUPERSCRIPT[char] for char in text[pos:end])
    inner = tokenize(plain, lexicon, offset + pos)
    return Token(Kind.SUPERSCRIPT, plain, text[pos:end], offset + pos, tuple(inner))


def _unknown(text: str, pos: int, lexicon: Lexicon, offset: int) -> AnswerSyntaxError:
    where = offset + pos
    end = pos
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        if text[end] in FROM_SUPERSCRIPT:
            break
        end += 1
    if end == pos:
        char = text[pos]
        hint = _HINTS.get(char, "it is not part of the maths this checker reads")
        return AnswerSyntaxError(f'"{char}" at column {column(where)}: {hint}', where)
    word = text[pos:end]
    known = describe_symbols(lexicon.symbol_names)
    return AnswerSyntaxError(
        f'unknown name "{word}" at column {column(where)}; {known}', where
    )
