r"""Splitting an answer into whitelisted tokens.

Each token is one of a closed set of kinds; any character or word outside the
question's lexicon stops the reading with an error that points at it.

LaTeX is read here too, command by command: a ``\name`` becomes the token
it stands for (``\cdot`` an operator, ``\log`` a function, ``\beta_{1}``
a symbol, ``\left(`` a bracket), ``{`` and ``}`` are brackets, and
``\frac`` and ``\sqrt`` are left to the parser, which knows their parts.
A command outside these tables is refused, never passed through.
"""

# Unicode letters and operators are what this module is about, so ruff's
# warnings about characters that look like ASCII ones do not apply here.
# ruff: noqa: RUF001

from __future__ import annotations

import enum
import re

from interview_cli.checking import limits
from interview_cli.checking.expr import AnswerSyntaxError, column
from interview_cli.checking.lexicon import (
    FROM_SUPERSCRIPT,
    GREEK,
    LATEX_FUNCTIONS,
    LATEX_LETTERS,
    Entry,
    Lexicon,
    describe_symbols,
)
from interview_cli.records import Record


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
    FRAC = "frac"  # LaTeX \frac, followed by two parts in braces
    SQRT = "sqrt"  # LaTeX \sqrt, with an optional [index]
    END = "end"


class Token(Record, kw_only=False):
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
OPENERS = {"(": ")", "[": "]", "{": "}"}
CLOSERS = frozenset(OPENERS.values())

# LaTeX commands, by the word after the backslash. Names and functions are
# in lexicon.py with the other spellings of the same things.
LATEX_OPERATORS = {"cdot": "*", "times": "*", "ast": "*", "div": "/"}
LATEX_GRAMMAR = {
    "frac": Kind.FRAC,
    "dfrac": Kind.FRAC,
    "tfrac": Kind.FRAC,
    "sqrt": Kind.SQRT,
}
LATEX_BARS = frozenset({"vert", "lvert", "rvert"})
LATEX_SIZES = frozenset({"left", "right"})  # they only enlarge the next bracket
LATEX_SPACES = frozenset({",", ":", ";", "!", " ", "quad", "qquad"})
LATEX_ACCENTS = frozenset({"hat", "widehat"})  # \hat{v} is v̂, or v_hat
LATEX_UPRIGHT = frozenset({"mathrm", "operatorname"})  # \operatorname{sigmoid}
_COMMANDS = frozenset(
    {*LATEX_LETTERS, *LATEX_FUNCTIONS, *LATEX_OPERATORS, *LATEX_GRAMMAR}
    | LATEX_BARS
    | LATEX_SIZES
    | LATEX_SPACES
    | LATEX_ACCENTS
    | LATEX_UPRIGHT
)
_SIZED = frozenset("()[]|")
_COMBINING_HAT = "\u0302"
_COMMAND_WORD = re.compile(r"[A-Za-z]+|[^A-Za-z]")
_NAME_PART = re.compile(r"\\[A-Za-z]+|[A-Za-z0-9_]")
_SUBSCRIPT_PART = re.compile(r"\\[A-Za-z]+|[A-Za-z0-9]")
# ASCII digits only: str.isdigit() would also take "²" and "₁".
_NUMBER = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_HINTS = {
    "=": "write only the expression, without an equals sign",
    ",": "each function here takes a single argument",
    "!": "factorials are not supported",
    "_": "a subscript goes right after its name, as in d_k or d_{k}",
    "$": "leave out the dollar signs around LaTeX",
}


def tokenize(text: str, lexicon: Lexicon, offset: int = 0) -> list[Token]:
    """The tokens of ``text``, ending with an END token."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        blank = _blank(text, pos)
        if blank:
            pos += blank
            continue
        token = _next_token(text, pos, lexicon, offset)
        tokens.append(token)
        pos += len(token.text)
    tokens.append(Token(Kind.END, "", "", offset + len(text)))
    return tokens


def _blank(text: str, pos: int) -> int:
    r"""How many characters of space start at ``pos``, LaTeX's ``\,`` included."""
    if text[pos].isspace():
        return 1
    if text[pos] == "\\":
        word = _command_word(text, pos)
        if word in LATEX_SPACES:
            return 1 + len(word)
    return 0


def _next_token(text: str, pos: int, lexicon: Lexicon, offset: int) -> Token:
    char = text[pos]
    where = offset + pos
    if char == "\\":
        return _command(text, pos, lexicon, offset)
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
    subscripted = _subscripted_name(text, pos, lexicon, offset)
    if subscripted is not None:
        return subscripted
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
    return _unknown_name(text[pos:end], where, lexicon)


def _unknown_name(written: str, where: int, lexicon: Lexicon) -> AnswerSyntaxError:
    known = describe_symbols(lexicon.symbol_names)
    return AnswerSyntaxError(
        f'unknown name "{_shortened(written)}" at column {column(where)}; {known}',
        where,
    )


def _shortened(written: str) -> str:
    """``written`` cut down to fit in a message: an answer may be 1,000 letters."""
    return written if len(written) <= 30 else written[:27] + "..."


def _command_word(text: str, pos: int) -> str:
    """The word of the LaTeX command whose backslash is at ``pos``, or ""."""
    word = _COMMAND_WORD.match(text, pos + 1)
    return word.group() if word is not None else ""


def _command(text: str, pos: int, lexicon: Lexicon, offset: int) -> Token:
    r"""The token a LaTeX command stands for: ``\cdot``, ``\log``, ``\frac``..."""
    word = _command_word(text, pos)
    end = pos + 1 + len(word)
    written = text[pos:end]
    where = offset + pos
    if not word:
        raise AnswerSyntaxError(
            f'a lone "\\" at column {column(where)}; a LaTeX command is a '
            "backslash and a name, as in \\frac",
            where,
        )
    if word in LATEX_OPERATORS:
        return Token(Kind.OPERATOR, LATEX_OPERATORS[word], written, where)
    if word in LATEX_GRAMMAR:
        return Token(LATEX_GRAMMAR[word], word, written, where)
    if word in LATEX_FUNCTIONS:
        return Token(Kind.FUNCTION, LATEX_FUNCTIONS[word], written, where)
    if word in LATEX_BARS:
        return Token(Kind.BAR, "|", written, where)
    if word in LATEX_SIZES:
        return _sized(text, pos, end, lexicon, offset)
    if word in LATEX_LETTERS or word in LATEX_ACCENTS or word in LATEX_UPRIGHT:
        return _latex_name(text, pos, word, lexicon, offset)
    raise _unknown_command(written, where)


def _unknown_command(written: str, where: int) -> AnswerSyntaxError:
    return AnswerSyntaxError(
        f"unknown LaTeX command '{_shortened(written)}' at column {column(where)}; "
        "known ones include \\frac, \\sqrt, \\log and the Greek letters",
        where,
    )


def _sized(text: str, pos: int, end: int, lexicon: Lexicon, offset: int) -> Token:
    r"""``\left(`` or ``\right)``: the bracket or bar that follows, drawn larger."""
    after = end
    while after < len(text) and text[after].isspace():
        after += 1
    where = offset + pos
    if after == len(text) or text[after] not in _SIZED:
        raise AnswerSyntaxError(
            f'"{text[pos:end]}" at column {column(where)} must come right before '
            'a bracket or "|"',
            where,
        )
    bracket = _next_token(text, after, lexicon, offset)
    return Token(bracket.kind, bracket.value, text[pos : after + 1], where)


def _latex_name(text: str, pos: int, word: str, lexicon: Lexicon, offset: int) -> Token:
    r"""A name begun by a command: ``\beta_1``, ``\hat{v}``, ``\mathrm{e}``."""
    end = pos + 1 + len(word)
    if word in LATEX_LETTERS:
        heads = [LATEX_LETTERS[word]]
    else:
        letter = _lone_letter(text, end) if word in LATEX_ACCENTS else None
        if letter is not None:  # \hat m, as TeX reads it: the next letter alone
            base, end = text[letter], letter + 1
        elif not text.startswith("{", end):
            raise AnswerSyntaxError(
                f'"\\{word}" at column {column(offset + pos)} needs braces around '
                f"what it applies to, as in \\{word}{{v}}",
                offset + pos,
            )
        else:
            base, end = _braced_name(text, end, offset)
        heads = _hatted(base) if word in LATEX_ACCENTS else [base]
    subscript, end = _subscript(text, end, offset)
    entry = _lookup(heads, subscript, lexicon)
    if entry is None:
        raise _unknown_name(text[pos:end], offset + pos, lexicon)
    return Token(Kind[entry.kind.upper()], entry.value, text[pos:end], offset + pos)


def _lone_letter(text: str, start: int) -> int | None:
    """Where a single ASCII letter stands after ``start`` and spaces, if one does."""
    pos = start
    while pos < len(text) and text[pos] == " ":
        pos += 1
    if pos < len(text) and text[pos].isascii() and text[pos].isalpha():
        return pos
    return None


def _hatted(base: str) -> list[str]:
    """The spellings a question may give a letter with a hat: v̂, v_hat, vhat."""
    letter = GREEK.get(base, (base,))[0]
    return [letter + _COMBINING_HAT, base + "_hat", base + "hat"]


def _subscripted_name(
    text: str, pos: int, lexicon: Lexicon, offset: int
) -> Token | None:
    r"""A plain name with a LaTeX subscript, such as ``d_{k}``, if one starts here."""
    end = pos
    while end < len(text) and text[end].isalpha() and text[end] not in FROM_SUPERSCRIPT:
        end += 1
    if end == pos or not text.startswith(("_{", "_\\"), end):
        return None  # d_k and the like are whole words of the lexicon
    subscript, stop = _subscript(text, end, offset)
    entry = _lookup([text[pos:end]], subscript, lexicon)
    if entry is not None:
        return Token(
            Kind[entry.kind.upper()], entry.value, text[pos:stop], offset + pos
        )

    # In yw_{i} the subscript belongs to w alone: leave y to the usual
    # reading, and come back for w_{i} at the next position.
    shorter = lexicon.match(text, pos)
    if shorter is not None and pos + len(shorter[0]) < end:
        return None
    raise _unknown_name(text[pos:stop], offset + pos, lexicon)


def _lookup(heads: list[str], subscript: str | None, lexicon: Lexicon) -> Entry | None:
    """The first of the spellings built from ``heads`` that the lexicon knows."""
    if subscript is None:
        spellings = heads
    else:
        spellings = [head + joint + subscript for head in heads for joint in ("_", "")]
    for spelling in spellings:
        entry = lexicon.entries.get(spelling)
        if entry is not None:
            return entry
    return None


def _subscript(text: str, at: int, offset: int) -> tuple[str | None, int]:
    r"""The subscript at ``text[at:]`` spelled plainly (``_{\beta}`` as ``beta``).

    Returns None and ``at`` itself when there is none, else where it ends.
    """
    if not text.startswith("_", at):
        return None, at
    start = at + 1
    if text.startswith("{", start):
        return _braced_name(text, start, offset)
    part = _SUBSCRIPT_PART.match(text, start)
    if part is None:
        raise AnswerSyntaxError(
            f'the "_" at column {column(offset + at)} needs a subscript after it, '
            "as in d_k or d_{k}",
            offset + at,
        )
    return _name_part(part.group(), offset + start), part.end()


def _braced_name(text: str, start: int, offset: int) -> tuple[str, int]:
    """The name inside the braces opening at ``start``, and where they close."""
    close = text.find("}", start)
    if close == -1:
        raise AnswerSyntaxError(
            f'"{{" at column {column(offset + start)} is never closed; add "}}"',
            offset + start,
        )
    parts: list[str] = []
    pos = start + 1
    while pos < close:
        part = _NAME_PART.match(text, pos, close)
        if part is None:
            raise AnswerSyntaxError(
                f'"{text[pos]}" at column {column(offset + pos)} cannot be part of '
                "a name; names in braces hold letters and digits, as in d_{k}",
                offset + pos,
            )
        parts.append(_name_part(part.group(), offset + pos))
        pos = part.end()
    if not parts:
        raise AnswerSyntaxError(
            f"empty braces at column {column(offset + start)}; put a name inside",
            offset + start,
        )
    return "".join(parts), close + 1


def _name_part(part: str, where: int) -> str:
    """One letter, digit or Greek-letter command of a name, spelled plainly."""
    if not part.startswith("\\"):
        return part
    word = part[1:]
    if word in LATEX_LETTERS:
        return LATEX_LETTERS[word]
    if word in _COMMANDS:
        raise AnswerSyntaxError(
            f"'{part}' at column {column(where)} cannot be part of a name; "
            "only letters, digits and Greek letters can",
            where,
        )
    raise _unknown_command(part, where)
