"""Everyday commands start without importing torch, and sympy only to judge."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("torch", "sympy", "mpmath", "yaml", "pydantic", "fsrs")
PROBE = """
import sys
from interview_cli.cli.app import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
loaded = [name for name in {heavy!r} if name in sys.modules]
print("LOADED=" + ",".join(loaded), file=sys.stderr)
"""


@pytest.fixture
def warm_cache() -> None:
    """The first run after a change parses the YAML; later ones use the cache."""
    assert "yaml" in loaded_by("list")


def loaded_by(*args: str) -> set[str]:
    code = PROBE.format(heavy=HEAVY)
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("LOADED="), result.stderr
    return {name for name in line.removeprefix("LOADED=").split(",") if name}


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("--help",), id="help"),
        pytest.param(("list",), id="list"),
        pytest.param(("show", "losses.bce"), id="show"),
        # Its explanation computes a/(1 - p) for the drawn values.
        pytest.param(("show", "regularization.dropout-survivor"), id="randomised"),
    ],
)
def test_browsing_imports_nothing_heavy(
    warm_cache: None, args: tuple[str, ...]
) -> None:
    assert loaded_by(*args) == set()


def test_check_imports_sympy_not_torch(warm_cache: None) -> None:
    # fsrs too: a judged answer reviews the question's card.
    loaded = loaded_by("check", "losses.cce-one-hot", "--", "-log(p_c)")
    assert loaded == {"sympy", "mpmath", "fsrs"}


def test_stats_imports_only_the_scheduler(warm_cache: None) -> None:
    loaded_by("check", "losses.cce-one-hot", "--", "-log(p_c)")
    assert loaded_by("stats") == {"fsrs"}
