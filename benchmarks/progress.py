"""How ``prep stats`` and the choice of the next question grow with the history.

Run: python benchmarks/progress.py [--runs N] [--keep DIR]

Builds two PREP_HOME folders through the Store with a fake clock: a small
one (100 answers over 100 questions) and a big one (100,000 answers over
2,000 questions, spread over the 90 days up to now). Every answer goes
through ``Store.record`` (or ``record_submission`` for code questions), so
the cards are the ones real reviews make; only the build connection runs
with ``synchronous = OFF``, which skips the fsync of each commit and changes
nothing in the file. The shipped bank's questions are among the questions in
both; the others stand for a bigger bank (their cards and answers count in
every figure, though the quiz cannot ask them).

Then it times, as subprocesses of the real ``prep`` executable with that
PREP_HOME, ``prep stats --json`` and ``prep quiz -n 1`` with stdin closed
(start-up, choosing the next question, showing it, and the end of the
session at end of input), and prints the medians and the ratio big/small
against the issue's target of at most 2x.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from interview_cli.bank.loader import bank_dirs, parse_files, question_files
from interview_cli.progress.store import Attempt, Store, Submission

PREP = str(Path(sys.executable).parent / "prep")
DAYS = 90
SESSION_LENGTH = 20  # answers per session
TARGET = 2.0


class Clock:
    """A clock that moves only when the build says so."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def question_keys(count: int) -> list[tuple[str, str, str]]:
    """(id, topic, kind) of the bank's questions, then made-up ones up to count."""
    # Parsed without the bank cache, which lives in the user's real folders.
    parsed = parse_files(question_files(bank_dirs()))
    bank = [(q.id, q.topic, str(q.kind)) for q in parsed.questions]
    topics = sorted({topic for _, topic, _ in bank})
    made_up = [
        (f"{topics[n % len(topics)]}.bench-{n}", topics[n % len(topics)], "symbolic")
        for n in range(max(0, count - len(bank)))
    ]
    return (bank + made_up)[:count]


def build(home: Path, answers: int, questions: int, seed: int = 0) -> float:
    """Fill ``home`` with ``answers`` judged answers; return the seconds it took."""
    started = time.perf_counter()
    rng = random.Random(seed)
    keys = question_keys(questions)
    now = datetime.now(timezone.utc)
    step = timedelta(days=DAYS) / answers
    clock = Clock(now - timedelta(days=DAYS))
    home.mkdir(parents=True, exist_ok=True)
    store = Store.open(home, clock)
    store.connection.execute("PRAGMA synchronous = OFF")
    session = 0
    for n in range(answers):
        if n % SESSION_LENGTH == 0:
            session = store.start_session("quiz")
        # Every question once first, so the small build sees all 100 of them.
        qid, topic, kind = keys[n] if n < len(keys) else rng.choice(keys)
        right = rng.random() < 0.7
        if kind == "code":
            store.record_submission(session, submission(qid, topic, right))
        else:
            store.record(session, attempt(qid, topic, kind, right, rng))
        clock.now += step
    store.close()
    return time.perf_counter() - started


def attempt(
    qid: str, topic: str, kind: str, right: bool, rng: random.Random
) -> Attempt:
    return Attempt(
        question_id=qid,
        topic=topic,
        kind=kind,
        answer="x",
        verdict="correct" if right else "incorrect",
        score=1.0 if right else 0.0,
        duration_s=rng.uniform(5.0, 75.0),
        rating=rng.choice(("again", "hard", "good")) if kind == "explain" else None,
    )


def submission(qid: str, topic: str, right: bool) -> Submission:
    return Submission(
        question_id=qid,
        topic=topic,
        file_hash="0" * 64,
        source="def f(): ...\n",
        verdict="accepted" if right else "wrong_answer",
        passed=5 if right else 3,
        total=5,
        diagnosis=None if right else "wrong_shape",
        seed=0,
        isolation="none",
        duration_s=1.5,
    )


def timed(argv: list[str], home: Path) -> float:
    env = {**os.environ, "PREP_HOME": str(home), "COLUMNS": "100", "NO_COLOR": "1"}
    started = time.perf_counter()
    done = subprocess.run(
        argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed: {done.stderr.decode()}")
    return elapsed


def median_of(runs: int, argv: list[str], home: Path) -> float:
    timed(argv, home)  # warm-up: page cache and the bank cache
    return statistics.median(timed(argv, home) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--keep", type=Path, help="Build (or reuse) homes here.")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="prep-bench-progress-"))
    homes = {"small": (root / "small", 100, 100), "big": (root / "big", 100_000, 2000)}
    for name, (home, answers, questions) in homes.items():
        if not home.exists():
            seconds = build(home, answers, questions)
            print(
                f"built {name}: {answers} answers over {questions} questions "
                f"in {seconds:.1f} s ({home})"
            )
    commands = {
        "prep stats --json": [PREP, "stats", "--json"],
        "prep quiz -n 1": [PREP, "quiz", "-n", "1"],
    }
    print(f"medians of {args.runs} runs; python {sys.version.split()[0]}")
    print(f"{'command':<20}{'small':>10}{'big':>10}{'ratio':>8}{'target':>8}")
    for label, argv in commands.items():
        small = median_of(args.runs, argv, homes["small"][0])
        big = median_of(args.runs, argv, homes["big"][0])
        ratio = big / small
        mark = "ok" if ratio <= TARGET else "over"
        print(
            f"{label:<20}{small * 1000:8.1f}ms{big * 1000:8.1f}ms"
            f"{ratio:7.2f}x{TARGET:7.1f}x  {mark}"
        )


if __name__ == "__main__":
    main()
