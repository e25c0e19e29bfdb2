"""How long prep's everyday commands take next to the imports they cannot avoid.

Run: python benchmarks/startup.py [--runs N]

Prints medians side by side and the ratios the foundation issue targets:
``prep --help`` and ``prep list`` at most 1.3x ``import typer, rich``, the
first quiz question at most 1.5x, ``prep check`` at most 1.2x ``import sympy``.
Each command runs with a fresh PREP_HOME whose bank cache was warmed once,
and with prep's bytecode compiled, as a user's install has it (pip compiles
it; an editable install writes it on first run) even where this shell sets
PYTHONDONTWRITEBYTECODE, which would make every run compile prep anew.

The baselines exit as Python normally does, tearing their modules down
(~12 ms for typer and rich, ~80 ms for sympy); the ``prep`` executable skips
that teardown once its work is done. So that the saving can be told apart
from the rest, a last column gives each ratio against the same imports
followed by ``os._exit(0)``.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pexpect

BIN = Path(sys.executable).parent
PREP = str(BIN / "prep")
PY = sys.executable
QUICK_EXIT = "; import os; os._exit(0)"
PACKAGE = Path(__file__).resolve().parents[1] / "interview_cli"


def timed_run(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def first_question(env: dict[str, str]) -> float:
    """Seconds from starting ``prep quiz`` to its first prompt on screen."""
    started = time.perf_counter()
    child = pexpect.spawn(PREP, ["quiz"], env=env, encoding="utf-8", timeout=30)
    # A code question has no answer prompt; a derivation asks its first step.
    child.expect(["Your answer", "Press Enter", r"Step 1 \("])
    elapsed = time.perf_counter() - started
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    return elapsed


def medians(runs: int, measures: dict[str, Callable[[], float]]) -> dict[str, float]:
    """The median of each measure, taken in turns so that load drifts evenly.

    A busy moment on a shared machine then slows a command and its baseline
    alike instead of skewing one ratio.
    """
    for measure in measures.values():
        measure()  # a warm-up fills the OS page cache and prep's bank cache
    samples: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            samples[name].append(measure())
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    home = tempfile.mkdtemp(prefix="prep-bench-")
    env = {**os.environ, "PREP_HOME": home, "COLUMNS": "100"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(PACKAGE, quiet=1)

    def cmd(*argv: str) -> Callable[[], float]:
        return lambda: timed_run(list(argv), env)

    check = ("check", "optimizers.adam-bias-factor", "1 - beta_1^t")
    got = medians(
        runs,
        {
            "cli": cmd(PY, "-c", "import typer, rich"),
            "sympy": cmd(PY, "-c", "import sympy"),
            "quick cli": cmd(PY, "-c", f"import typer, rich{QUICK_EXIT}"),
            "quick sympy": cmd(PY, "-c", f"import sympy{QUICK_EXIT}"),
            "prep --help": cmd(PREP, "--help"),
            "prep list": cmd(PREP, "list"),
            "first quiz question": lambda: first_question(env),
            "prep check": cmd(PREP, *check),
        },
    )
    targets = [
        ("prep --help", "cli", 1.3),
        ("prep list", "cli", 1.3),
        ("first quiz question", "cli", 1.5),
        ("prep check", "sympy", 1.2),
    ]
    print(f"medians of {runs} runs, taken in turns; python {sys.version.split()[0]}")
    print(f"  baseline  import typer, rich  {got['cli'] * 1000:7.1f} ms")
    print(f"  baseline  import sympy        {got['sympy'] * 1000:7.1f} ms")
    print(f"  the same, then os._exit(0)    {got['quick cli'] * 1000:7.1f} ms")
    print(f"                                {got['quick sympy'] * 1000:7.1f} ms")
    print(
        f"{'command':<22}{'median':>10}{'ratio':>8}{'target':>8}"
        f"{'':6}{'no teardown':>12}"
    )
    for name, base, target in targets:
        ratio = got[name] / got[base]
        mark = "ok" if ratio <= target else "over"
        print(
            f"{name:<22}{got[name] * 1000:8.1f}ms{ratio:7.2f}x{target:7.1f}x  "
            f"{mark:<4}{got[name] / got['quick ' + base]:11.2f}x"
        )


if __name__ == "__main__":
    main()
