"""Hostile and oversized answers are refused or judged quickly, never run."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from interview_cli.checking import limits
from interview_cli.checking.expr import AnswerSyntaxError
from interview_cli.checking.parse import parse_answer

from .factories import X

# Each hostile answer is judged in a fresh interpreter with a deadline, so a
# regression shows up as a failed test instead of a hung or exhausted run.
_JUDGE_ONE = """
import json, sys
from interview_cli.checking.judge import judge_symbolic
from tests.checking.factories import N, X, symbolic
judgement = judge_symbolic(symbolic("x^2", [X, N], ["x^3"]), sys.argv[1])
print(json.dumps({"verdict": judgement.verdict.value, "position": judgement.position}))
"""
_REPOSITORY = Path(__file__).resolve().parents[2]


def judge_in_subprocess(answer: str) -> dict[str, object]:
    """The verdict on ``answer`` from a separate interpreter, within 20 s."""
    done = subprocess.run(
        [sys.executable, "-c", _JUDGE_ONE, answer],
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
        cwd=_REPOSITORY,
    )
    result: dict[str, object] = json.loads(done.stdout)  # stdout holds only this
    return result


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param("__import__('os').system('echo hi')", id="import-call"),
        pytest.param("().__class__.__base__", id="dunder-walk"),
        pytest.param("lambda: 0", id="lambda"),
        pytest.param("2**10**10**10", id="power-tower"),
        pytest.param("9^9^9", id="nine-tower"),
        pytest.param("exp(exp(exp(100)))", id="exp-tower"),
        pytest.param("x" * 20_000, id="twenty-thousand-characters"),
        pytest.param("(" * 5_000 + "x" + ")" * 5_000, id="five-thousand-brackets"),
        pytest.param("(" * 400 + "x" + ")" * 400, id="deep-brackets-short"),
        pytest.param("-" * 900 + "x", id="many-signs"),
        pytest.param("x" + "+x" * 400, id="long-chain"),
        pytest.param("1" * 40, id="forty-digit-literal"),
        pytest.param("1e999999999", id="huge-decimal-exponent"),
    ],
)
def test_hostile_answer_is_refused(answer: str) -> None:
    assert judge_in_subprocess(answer)["verdict"] == "invalid"


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param("exp(exp(exp(x)))", id="exp-tower-of-symbol"),
        pytest.param("(2x)^(10^29)", id="huge-power-of-product"),
        pytest.param("x^(10^29)", id="huge-power-of-symbol"),
        pytest.param("(x+1)^99999", id="huge-binomial"),
        pytest.param("x^n^n^n", id="symbolic-tower"),
        pytest.param("sin(10^300 x)", id="huge-trig-argument"),
        pytest.param("(x+1)^99 - (x+1)^99 + x^2", id="big-but-equal"),
    ],
)
def test_costly_answer_is_judged_quickly(answer: str) -> None:
    assert judge_in_subprocess(answer)["verdict"] in ("correct", "incorrect")


def test_long_answer_points_past_limit() -> None:
    with pytest.raises(AnswerSyntaxError) as caught:
        parse_answer("x" * 20_000, (X,))
    assert caught.value.position == limits.MAX_LENGTH


def test_deep_nesting_points_at_bracket() -> None:
    with pytest.raises(AnswerSyntaxError, match="nests more than") as caught:
        parse_answer("(" * 60 + "x" + ")" * 60, (X,))
    assert caught.value.position == limits.MAX_NESTING


def test_constant_tower_points_at_overflow() -> None:
    with pytest.raises(AnswerSyntaxError, match="too large") as caught:
        parse_answer("x + 2**10**10**10", (X,))
    assert caught.value.position == 7  # where 10**10**10 starts


def test_long_literal_is_refused_where_typed() -> None:
    with pytest.raises(AnswerSyntaxError, match="31 digits") as caught:
        parse_answer("x + " + "7" * 31, (X,))
    assert caught.value.position == 4


def test_modest_constants_are_accepted() -> None:
    parse_answer("10^300 + 2^64 x + 1e-300 + exp(100)", (X,))


def test_time_limit_interrupts_busy_loop() -> None:
    started = time.monotonic()
    with pytest.raises(limits.SymbolicTimeout), limits.time_limit(0.05) as armed:
        assert armed
        while time.monotonic() - started < 10:
            pass
    assert time.monotonic() - started < 5


def test_time_limit_off_main_thread_declines() -> None:
    seen: list[bool] = []

    def worker() -> None:
        with limits.time_limit(0.05) as armed:
            seen.append(armed)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen == [False]
