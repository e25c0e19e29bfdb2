"""The variables a maths answer may use, and the values each may take."""

from __future__ import annotations

import enum

from interview_cli.records import Record


class Domain(str, enum.Enum):
    """Where a symbol's values live; equivalence is only judged there."""

    REAL = "real"
    POSITIVE = "positive"
    UNIT_INTERVAL = "unit_interval"  # the open interval (0, 1)
    POSITIVE_INTEGER = "positive_integer"  # 1, 2, 3, ...
    BINARY = "binary"  # {0, 1}, e.g. a hard label


class Symbol(Record, kw_only=False):
    """One variable of a question, as the learner may type it.

    ``name`` is canonical (``beta_1``, ``d_k``, ``lambda``); the checker also
    accepts the usual spellings derived from it (``beta1``, ``β₁``, ``dk``,
    ``λ``) and any extra ``aliases`` listed here (``m̂`` for ``m_hat``).
    """

    name: str
    domain: Domain = Domain.REAL
    aliases: tuple[str, ...] = ()
    description: str = ""
