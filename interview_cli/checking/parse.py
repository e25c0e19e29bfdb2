r"""Reading an answer, as a person types maths, into an expression tree.

A hand-written recursive-descent parser over whitelisted tokens: nothing here
evaluates text, so an answer can only ever denote an expression. Grammar, from
loosest to tightest binding::

    sum     := product (("+" | "-") product)*
    product := signed (("*" | "/") signed | power)*      # juxtaposition multiplies
    signed  := ("-" | "+") signed | power
    power   := postfix ("^" signed)?                     # right-associative
    postfix := atom superscript*
    atom    := number | symbol | constant | group | "|" sum "|"
             | function group | function signed | "√" signed
             | "\frac" braced braced | "\sqrt" ("[" sum "]")? (group | signed)
    group   := "(" sum ")" | "[" sum "]" | braced
    braced  := "{" sum "}"

A function without brackets takes the next power-level operand, so
``log p^2`` is log(p²) and ``y log p`` is y·log(p).

LaTeX arrives already tokenized: ``\cdot`` is "*", ``\log`` a function,
``\beta_{1}`` a symbol and ``\left(`` a bracket, so only ``\frac`` and
``\sqrt`` need rules of their own. Braces group like brackets, which is what
``e^{-z}`` needs; ``\sqrt[n]{x}`` is read as x^(1/n).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from fractions import Fraction
from typing import cast

from interview_cli.checking import limits
from interview_cli.checking.expr import (
    AnswerSyntaxError,
    BinaryOp,
    BinOp,
    Call,
    Constant,
    ConstantName,
    FunctionName,
    Name,
    Neg,
    Node,
    Number,
    column,
)
from interview_cli.checking.lexicon import lexicon_for
from interview_cli.checking.symbols import Symbol
from interview_cli.checking.tokens import Kind, Token, tokenize

# Tokens that may start a factor written right after another one, as in
# ``2 lambda`` or ``(1-p)(1+p)``. A number is not among them: ``x 2`` and
# ``beta_11`` are more likely typos than products.
_FACTOR_STARTS = frozenset(
    {
        Kind.SYMBOL,
        Kind.CONSTANT,
        Kind.FUNCTION,
        Kind.OPEN,
        Kind.ROOT,
        Kind.BAR,
        Kind.FRAC,
        Kind.SQRT,
    }
)


def parse_answer(text: str, symbols: Sequence[Symbol] = ()) -> Node:
    """Read ``text`` as a formula in ``symbols``, or raise AnswerSyntaxError."""
    return _parse_cached(text, tuple(symbols))


@functools.lru_cache(maxsize=512)
def _parse_cached(text: str, symbols: tuple[Symbol, ...]) -> Node:
    limits.check_length(text)
    tokens = tokenize(text, lexicon_for(symbols))
    tree = _Parser(tokens).parse_all()
    limits.check_cost(tree)
    return tree


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.nesting = 0
        self.open_bars = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def at_operator(self, *ops: str) -> bool:
        return self.token.kind is Kind.OPERATOR and self.token.value in ops

    @contextmanager
    def deeper(self, pos: int) -> Iterator[None]:
        # Every recursive step passes through here, so 5,000 nested
        # brackets are refused at the 51st instead of overflowing the stack.
        self.nesting += 1
        limits.check_nesting(self.nesting, pos)
        try:
            yield
        finally:
            self.nesting -= 1

    def at_end(self) -> bool:
        return self.token.kind is Kind.END

    def parse_all(self) -> Node:
        if self.at_end():
            raise AnswerSyntaxError("the answer is empty; type a formula", 0)
        tree = self.sum()
        if not self.at_end():
            raise self.unexpected(self.token)
        return tree

    def sum(self) -> Node:
        node = self.product()
        while self.at_operator("+", "-"):
            op = cast(BinaryOp, self.advance().value)
            node = BinOp(op, node, self.product(), node.pos)
        return node

    def product(self) -> Node:
        node = self.signed()
        while True:
            if self.at_operator("*", "/"):
                op = cast(BinaryOp, self.advance().value)
                node = BinOp(op, node, self.signed(), node.pos)
            elif self.starts_implicit_factor():
                node = BinOp("*", node, self.power(), node.pos)
            elif self.token.kind is Kind.NUMBER:
                raise AnswerSyntaxError(
                    f'put "*" before the number {self.token.text} at column '
                    f"{column(self.token.pos)}",
                    self.token.pos,
                )
            else:
                return node

    def starts_implicit_factor(self) -> bool:
        if self.token.kind is Kind.BAR:
            # Inside |...| a bar closes the absolute value; outside, it opens one.
            return self.open_bars == 0
        return self.token.kind in _FACTOR_STARTS

    def signed(self) -> Node:
        if self.at_operator("-", "+"):
            sign = self.advance()
            with self.deeper(sign.pos):
                operand = self.signed()
            return Neg(operand, sign.pos) if sign.value == "-" else operand
        return self.power()

    def power(self) -> Node:
        base = self.postfix()
        if not self.at_operator("^"):
            return base
        caret = self.advance()
        with self.deeper(caret.pos):
            exponent = self.signed()
        return BinOp("^", base, exponent, base.pos)

    def postfix(self) -> Node:
        node = self.atom()
        while self.token.kind is Kind.SUPERSCRIPT:
            node = BinOp("^", node, self.superscript(self.advance()), node.pos)
        return node

    def superscript(self, token: Token) -> Node:
        with self.deeper(token.pos):
            inner = _Parser(list(token.inner))
            inner.nesting = self.nesting
            return inner.parse_all()

    def atom(self) -> Node:
        token = self.token
        if token.kind is Kind.NUMBER:
            self.advance()
            return Number(Fraction(token.value), token.text, token.pos)
        if token.kind is Kind.SYMBOL:
            self.advance()
            return Name(token.value, token.pos)
        if token.kind is Kind.CONSTANT:
            self.advance()
            return Constant(cast(ConstantName, token.value), token.pos)
        if token.kind is Kind.OPEN:
            return self.brackets()
        if token.kind is Kind.BAR:
            return self.absolute_value()
        if token.kind in (Kind.FUNCTION, Kind.ROOT):
            return self.application()
        if token.kind is Kind.FRAC:
            return self.fraction()
        if token.kind is Kind.SQRT:
            return self.latex_root()
        raise self.unexpected(token)

    def brackets(self) -> Node:
        opener = self.advance()
        if self.token.kind is Kind.CLOSE:
            pair = "braces" if opener.value == "}" else "brackets"
            raise AnswerSyntaxError(
                f"empty {pair} at column {column(opener.pos)}; put a formula inside",
                opener.pos,
            )
        # A bar inside brackets cannot close an absolute value opened outside.
        outer_bars, self.open_bars = self.open_bars, 0
        with self.deeper(opener.pos):
            inner = self.sum()
        self.open_bars = outer_bars
        closer = self.token
        if closer.kind is not Kind.CLOSE or closer.value != opener.value:
            raise AnswerSyntaxError(
                f'"{opener.text}" at column {column(opener.pos)} is never closed; '
                f'add "{opener.value}"',
                opener.pos,
            )
        self.advance()
        return inner

    def absolute_value(self) -> Node:
        opener = self.advance()
        self.open_bars += 1
        with self.deeper(opener.pos):
            inner = self.sum()
        self.open_bars -= 1
        if self.token.kind is not Kind.BAR:
            raise AnswerSyntaxError(
                f'"|" at column {column(opener.pos)} is never closed; add "|"',
                opener.pos,
            )
        self.advance()
        return Call("abs", inner, opener.pos)

    def application(self) -> Node:
        name = self.advance()
        func = cast(FunctionName, name.value)
        power = None
        if name.kind is Kind.FUNCTION and self.token.kind is Kind.SUPERSCRIPT:
            power = self.superscript(self.advance())  # sin²(x) is sin(x)²
        call = Call(func, self.argument(name), name.pos)
        return call if power is None else BinOp("^", call, power, name.pos)

    def argument(self, name: Token) -> Node:
        if self.token.kind is Kind.END:
            raise AnswerSyntaxError(
                f'"{name.text}" at column {column(name.pos)} needs an argument',
                name.pos,
            )
        with self.deeper(name.pos):
            if self.token.kind is Kind.OPEN:
                return self.brackets()
            return self.signed()

    def fraction(self) -> Node:
        command = self.advance()
        token = self.token
        if token.kind is Kind.NUMBER and token.text.isdigit() and len(token.text) == 2:
            # \frac12: TeX takes one digit for each part.
            self.advance()
            top, bottom = token.text[0], token.text[1]
            return BinOp(
                "/",
                Number(Fraction(top), top, token.pos),
                Number(Fraction(bottom), bottom, token.pos + 1),
                command.pos,
            )
        numerator = self.braced(command)
        denominator = self.braced(command)
        return BinOp("/", numerator, denominator, command.pos)

    def braced(self, command: Token) -> Node:
        """A part in braces, or one digit or name alone, as TeX allows: \frac1{x}."""
        token = self.token
        single = token.kind in (Kind.SYMBOL, Kind.CONSTANT) or (
            token.kind is Kind.NUMBER and token.text.isdigit() and len(token.text) == 1
        )
        if single:
            return self.atom()
        if token.kind is not Kind.OPEN or token.value != "}":
            raise AnswerSyntaxError(
                f'"{{" expected at column {column(token.pos)}: "{command.text}" '
                "takes two parts in braces, as in \\frac{1}{2}",
                token.pos,
            )
        return self.brackets()

    def latex_root(self) -> Node:
        root = self.advance()
        index = None
        if self.token.kind is Kind.OPEN and self.token.value == "]":
            index = self.brackets()
        radicand = self.argument(root)
        if index is None:
            return Call("sqrt", radicand, root.pos)
        one = Number(Fraction(1), "1", root.pos)
        return BinOp("^", radicand, BinOp("/", one, index, root.pos), root.pos)

    def unexpected(self, token: Token) -> AnswerSyntaxError:
        where = column(token.pos)
        if token.kind is Kind.END:
            return AnswerSyntaxError(
                "the answer ends too early; something is missing at the end",
                token.pos,
            )
        if token.kind is Kind.CLOSE:
            opening = "brace" if token.value == "}" else "bracket"
            return AnswerSyntaxError(
                f'"{token.text}" at column {where} has no matching opening {opening}',
                token.pos,
            )
        if token.kind is Kind.SUPERSCRIPT:
            return AnswerSyntaxError(
                f"the superscript at column {where} has nothing to raise", token.pos
            )
        return AnswerSyntaxError(
            f'"{token.text}" at column {where} is out of place; '
            "something is missing before it",
            token.pos,
        )
