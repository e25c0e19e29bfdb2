"""``prep stats`` summarises the answers recorded across sessions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunPrep


def test_stats_empty_suggests_quiz(prep: RunPrep) -> None:
    run = prep("stats")
    assert run.code == 0
    assert "prep quiz" in run.out


def test_stats_json_totals_answers(prep: RunPrep) -> None:
    prep("check", "attention.scaling-factor", "1/sqrt(d_k)")
    prep("check", "attention.scaling-factor", "1/d_k")
    prep("check", "regularization.dropout-scale", "1/(1-p)")
    document = prep("stats", "--json").json()
    assert document["total"] == {"attempted": 3, "correct": 2}
    topics = {t["topic"]: t for t in document["topics"]}
    assert topics["attention"]["attempted"] == 2
    assert topics["attention"]["last_seen"]


def test_stats_table_shows_accuracy(prep: RunPrep) -> None:
    prep("check", "attention.scaling-factor", "1/sqrt(d_k)")
    run = prep("stats")
    assert "attention" in run.out
    assert "100%" in run.out


def test_unwritable_home_is_one_line(
    prep: RunPrep, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("PREP_HOME", str(blocker / "home"))
    run = prep("stats")
    assert run.code == 2
    assert run.err.startswith("prep: cannot create the data folder")
    assert run.err.count("\n") == 1


def test_stats_json_has_schedule_fields(prep: RunPrep) -> None:
    prep("check", "attention.scaling-factor", "1/d_k")
    document = prep("stats", "--json").json()
    (topic,) = document["topics"]
    assert (topic["seen"], topic["accuracy"], topic["due_now"]) == (1, 0.0, 0)
    assert topic["due_next_7_days"] == [0, 1, 0, 0, 0, 0, 0]
    assert 0 < topic["mastery"] <= 1
    assert document["streak_days"] == 1
    assert document["weakest"][0]["question"] == "attention.scaling-factor"
    assert document["common_mistakes"][0]["count"] == 1


def test_stats_topic_filters_every_figure(prep: RunPrep) -> None:
    prep("check", "attention.scaling-factor", "1/d_k")
    prep("check", "regularization.dropout-scale", "1/(1-p)")
    document = prep("stats", "--topic", "regularization", "--json").json()
    assert [t["topic"] for t in document["topics"]] == ["regularization"]
    assert document["common_mistakes"] == []


def test_stats_since_future_counts_nothing(prep: RunPrep) -> None:
    prep("check", "attention.scaling-factor", "1/sqrt(d_k)")
    document = prep("stats", "--since", "2999-01-01", "--json").json()
    assert document["total"] == {"attempted": 0, "correct": 0}


def test_stats_bad_since_is_usage_error(prep: RunPrep) -> None:
    assert prep("stats", "--since", "yesterday").code == 2


def test_stats_table_shows_streak_and_strip(prep: RunPrep) -> None:
    prep("check", "attention.scaling-factor", "1/sqrt(d_k)")
    run = prep("stats")
    assert "Streak: 1 day in a row" in run.out
    assert "······█" in run.out
    assert "Weakest now" in run.out


def test_stats_json_lists_sessions(prep: RunPrep) -> None:
    prep("check", "attention.scaling-factor", "1/sqrt(d_k)")
    prep("check", "attention.scaling-factor", "1/d_k")
    prep("check", "attention.scaling-factor", "not ((")  # unreadable: no session
    sessions = prep("stats", "--json").json()["sessions"]
    assert [(s["answers"], s["accuracy"]) for s in sessions] == [(1, 1.0), (1, 0.0)]
    assert sessions[0]["session"] < sessions[1]["session"]
    assert sessions[0]["started_at"]


def test_stats_table_charts_session_accuracy(prep: RunPrep) -> None:
    prep("check", "attention.scaling-factor", "1/sqrt(d_k)")
    prep("check", "attention.scaling-factor", "1/d_k")
    prep("check", "regularization.dropout-scale", "1/(1-p)")
    out = prep("stats").out
    start = out.index("Accuracy per session")
    assert out[start:].split("\n")[:8] == [
        "Accuracy per session, last 3 (oldest left):",
        "100% ┤█ █",
        "     │█ █",
        "     │█ █",
        "     │█ █",
        "     │█ █",
        "  0% ┤█ █",
        "     └───",
    ]


def test_stats_unknown_topic_is_usage_error(prep: RunPrep) -> None:
    run = prep("stats", "--topic", "attn")
    assert run.code == 2
    assert "unknown topic 'attn'" in run.err
