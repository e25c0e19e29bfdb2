"""Every spelling an answer may use, and what each one means.

A question's lexicon is the complete whitelist for reading its answers: a
word that is not in it is an error, never a guess, so nothing a learner
types can name anything outside the maths we support.
"""

# Unicode letters and operators are what this module is about, so ruff's
# warnings about characters that look like ASCII ones do not apply here.
# ruff: noqa: RUF001

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Literal, TypeAlias

from interview_cli.checking.expr import ConstantName, FunctionName
from interview_cli.checking.symbols import Symbol
from interview_cli.records import Record

GREEK: dict[str, tuple[str, ...]] = {
    "alpha": ("α",),
    "beta": ("β",),
    "gamma": ("γ",),
    "delta": ("δ",),
    "epsilon": ("ε", "ϵ", "eps"),
    "zeta": ("ζ",),
    "eta": ("η",),
    "theta": ("θ", "ϑ"),
    "iota": ("ι",),
    "kappa": ("κ",),
    "lambda": ("λ",),
    "mu": ("μ", "µ"),  # the second is the micro sign, which some keyboards give
    "nu": ("ν",),
    "xi": ("ξ",),
    "pi": ("π",),
    "rho": ("ρ",),
    "sigma": ("σ",),
    "tau": ("τ",),
    "upsilon": ("υ",),
    "phi": ("φ", "ϕ"),
    "chi": ("χ",),
    "psi": ("ψ",),
    "omega": ("ω",),
    "Gamma": ("Γ",),
    "Delta": ("Δ",),
    "Theta": ("Θ",),
    "Lambda": ("Λ",),
    "Sigma": ("Σ",),
    "Phi": ("Φ",),
    "Psi": ("Ψ",),
    "Omega": ("Ω",),
}

SUBSCRIPT = dict(
    zip("0123456789+-aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ", strict=True)
)
SUPERSCRIPT = dict(
    zip(
        "0123456789+-=()abcdefghijklmnoprstuvwxyzβγδθφχ",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵝᵞᵟᶿᵠᵡ",
        strict=True,
    )
)
# Superscript characters back to the plain text they stand for.
FROM_SUPERSCRIPT = {sup: plain for plain, sup in SUPERSCRIPT.items()}

FUNCTIONS: dict[str, FunctionName] = {
    "log": "log",
    "ln": "log",
    "exp": "exp",
    "sqrt": "sqrt",
    "sin": "sin",
    "cos": "cos",
    "tan": "tan",
    "tanh": "tanh",
    "sigmoid": "sigmoid",
    "sigma": "sigmoid",
    "σ": "sigmoid",
    "abs": "abs",
    "sign": "sign",
    "sgn": "sign",
}
CONSTANTS: dict[str, ConstantName] = {"e": "e", "pi": "pi", "π": "pi"}

# LaTeX commands for Greek letters, to the names GREEK spells them with, so
# ``\beta_1`` finds whatever ``beta_1`` finds. The "var" forms are the same
# letters drawn another way.
LATEX_LETTERS = {name: name for name in GREEK} | {
    "varepsilon": "epsilon",
    "vartheta": "theta",
    "varphi": "phi",
    "varrho": "rho",
}
# Unlike ``\sigma``, which is a letter first, these always mean the function.
LATEX_FUNCTIONS: dict[str, FunctionName] = {
    "log": "log",
    "ln": "log",
    "exp": "exp",
    "sin": "sin",
    "cos": "cos",
    "tan": "tan",
    "tanh": "tanh",
}

EntryKind: TypeAlias = Literal["symbol", "function", "constant"]


class Entry(Record, kw_only=False):
    """What one spelling means: a symbol, a function or a constant."""

    kind: EntryKind
    value: str  # canonical symbol name, function name or constant name


class Lexicon(Record, kw_only=False):
    """The words one question's answers may contain."""

    entries: dict[str, Entry]
    symbol_names: tuple[str, ...]
    longest: int

    def match(self, text: str, start: int) -> tuple[str, Entry] | None:
        """The longest known spelling at ``text[start:]``, if any."""
        for length in range(min(self.longest, len(text) - start), 0, -1):
            word = text[start : start + length]
            entry = self.entries.get(word)
            if entry is not None:
                return word, entry
        return None


def _subscripted(text: str) -> str | None:
    if all(char in SUBSCRIPT for char in text):
        return "".join(SUBSCRIPT[char] for char in text)
    return None


def _head_spellings(head: str) -> set[str]:
    spellings = {head, *GREEK.get(head, ())}
    for spelled, others in GREEK.items():
        if head in others:
            spellings.update((spelled, *others))
    return spellings


def derived_spellings(name: str) -> set[str]:
    """The usual ways of typing ``name``: ``beta_1`` gives ``beta1``, ``β₁``..."""
    head, underscore, sub = name.partition("_")
    if not underscore or not sub:
        return _head_spellings(name)
    subs = {"_" + sub, sub}
    unicode_sub = _subscripted(sub)
    if unicode_sub is not None:
        subs.add(unicode_sub)
    return {h + s for h in _head_spellings(head) for s in subs}


def _symbol_entries(symbols: Sequence[Symbol]) -> dict[str, Entry]:
    exact: dict[str, Entry] = {}
    for symbol in symbols:
        for spelling in (symbol.name, *symbol.aliases):
            exact[spelling] = Entry("symbol", symbol.name)

    # A derived spelling two symbols share (``x_1`` and ``x1`` both declared,
    # say) is left out: guessing which one was meant would be wrong half the
    # time, and the canonical names still work.
    derived: dict[str, Entry] = {}
    clashes: set[str] = set()
    for symbol in symbols:
        for spelling in derived_spellings(symbol.name):
            seen = derived.get(spelling)
            if seen is not None and seen.value != symbol.name:
                clashes.add(spelling)
            derived[spelling] = Entry("symbol", symbol.name)
    for spelling in clashes:
        del derived[spelling]
    return derived | exact


@functools.lru_cache(maxsize=256)
def lexicon_for(symbols: tuple[Symbol, ...]) -> Lexicon:
    """The lexicon of a question declaring ``symbols``."""
    entries: dict[str, Entry] = {}
    entries.update((word, Entry("function", f)) for word, f in FUNCTIONS.items())
    entries.update((word, Entry("constant", c)) for word, c in CONSTANTS.items())
    # Declared symbols come last so they win: a question about ``lambda``,
    # ``e`` or ``sigma`` means its own symbol by that word.
    entries.update(_symbol_entries(symbols))
    return Lexicon(
        entries=entries,
        symbol_names=tuple(symbol.name for symbol in symbols),
        longest=max(len(word) for word in entries),
    )


def pretty_name(name: str) -> str:
    """A canonical name as it looks in print: ``beta_1`` as ``β₁``."""
    head, underscore, sub = name.partition("_")
    greek = GREEK.get(head, (head,))[0]
    if not underscore:
        return greek
    unicode_sub = _subscripted(sub) if len(sub) <= 2 else None
    return greek + (unicode_sub if unicode_sub is not None else "_" + sub)


def superscript(text: str) -> str | None:
    """``text`` in superscript characters, or None when one has none."""
    if all(char in SUPERSCRIPT for char in text):
        return "".join(SUPERSCRIPT[char] for char in text)
    return None


def describe_symbols(names: Iterable[str]) -> str:
    """The end of an unknown-name message: which names the question knows."""
    listed = ", ".join(names)
    if not listed:
        return "this answer must be a number"
    return f"this question's symbols are {listed}"
