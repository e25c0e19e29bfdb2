"""``prep learn`` lists the study notes and renders one per topic."""

# The notes write maths in Unicode (a real minus sign, Greek letters); the
# expected text below must match it character for character.
# ruff: noqa: RUF001

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from interview_cli import notes
from interview_cli.bank.loader import load_bank
from tests.conftest import RunPrep

# A few ideas each note must teach, as they read once rendered (runs of
# spaces and line breaks squeezed to one space).
KEY_CONTENT = {
    "attention": [
        "softmax(Q·Kᵀ / √d_k) · V",
        "Var(q·k) = d_k",
        "causal mask",
        "d_k = d_model / h",
        "PE(pos, 2i) = sin(pos / 10000^(2i / d_model))",
    ],
    "optimizers": [
        "v_t = γ·v_{t−1} + η·g_t",
        "E[m_t] = (1 − β₁ᵗ) · E[g]",
        "w_{t+1} = w_t − η·m̂_t / (√v̂_t + ε)",
        "AdamW decouples",
    ],
    "regularization": [
        "w* = sign(a) · max(|a| − λ, 0)",
        "1/(1 − p)",
        "patience",
        "diamond",
    ],
    "losses": [
        "P(y | x; w) = p^y · (1 − p)^(1 − y)",
        "∂L/∂z = σ(z) − y",
        "logsumexp(z) = m + log Σ_j exp(z_j − m)",
        "nn.CrossEntropyLoss takes raw logits",
    ],
}
QUESTION_ID = re.compile(rf"\b(?:{'|'.join(notes.TOPICS)})\.[a-z0-9][a-z0-9-]*")


def squeezed(text: str) -> str:
    return " ".join(text.split())


def test_listing_shows_every_topic(prep: RunPrep) -> None:
    run = prep("learn")
    assert run.code == 0
    for note in notes.all_notes():
        assert f"{note.topic}  " in run.out
        assert note.summary in run.out
    assert "prep learn TOPIC" in run.out
    assert all(len(line) <= 88 for line in run.out.splitlines())


@pytest.mark.parametrize("topic", notes.TOPICS)
def test_note_renders_title_and_key_content(prep: RunPrep, topic: str) -> None:
    run = prep("learn", topic)
    assert run.code == 0, run.err
    shown = squeezed(run.out)
    assert shown.startswith(topic.capitalize())
    for idea in KEY_CONTENT[topic]:
        assert idea in shown


@pytest.mark.parametrize("topic", notes.TOPICS)
def test_note_ends_with_quiz_command(prep: RunPrep, topic: str) -> None:
    last = prep("learn", topic).out.rstrip().splitlines()[-1]
    assert last.strip() == f"Try: prep quiz --topic {topic}"


def test_note_fits_the_terminal_width(
    prep: RunPrep, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    run = prep("learn", "losses")
    assert run.code == 0
    assert max(len(line) for line in run.out.splitlines()) <= 60


def test_topic_ignores_case(prep: RunPrep) -> None:
    assert prep("learn", "Optimizers").out == prep("learn", "optimizers").out


def test_unknown_topic_exits_2_naming_topics(prep: RunPrep) -> None:
    run = prep("learn", "nlp")
    assert run.code == 2
    assert run.out == ""
    assert run.err == (
        "prep: unknown topic 'nlp'; choose one of: "
        "attention, optimizers, regularization, losses\n"
    )


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        pytest.param("attn", "attention", id="abbreviation"),
        pytest.param("optimisers", "optimizers", id="spelling"),
        pytest.param("reg", "regularization", id="prefix"),
        pytest.param("loss", "losses", id="singular"),
    ],
)
def test_typo_suggests_closest_topic(prep: RunPrep, typed: str, meant: str) -> None:
    run = prep("learn", typed)
    assert run.code == 2
    assert f"did you mean '{meant}'?" in run.err
    assert len(run.err.splitlines()) == 1


def test_notes_cover_the_bank_topics() -> None:
    assert set(notes.TOPICS) == {q.topic for q in load_bank([]).questions}


@pytest.mark.parametrize("topic", notes.TOPICS)
def test_every_question_id_in_note_exists(topic: str) -> None:
    mentioned = set(QUESTION_ID.findall(notes.read(topic).text))
    shipped = {q.id for q in load_bank([]).questions}
    assert len(mentioned) >= 5
    assert mentioned - shipped == set()


def test_learn_is_in_help(prep: RunPrep) -> None:
    assert re.search(r"^\s+learn\s+\S", prep("--help").out, re.M)
    run = prep("learn", "--help")
    assert run.code == 0
    assert "Example: prep learn attention" in run.out
    assert all(topic in run.out for topic in notes.TOPICS)


def modules_loaded_by(*args: str) -> set[str]:
    probe = (
        "import sys\n"
        "from interview_cli.cli.app import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    return set(result.stderr.splitlines()[-1].split())


def test_only_reading_a_note_imports_markdown() -> None:
    assert "rich.markdown" not in modules_loaded_by("--help")
    assert "rich.markdown" not in modules_loaded_by("learn")
    loaded = modules_loaded_by("learn", "attention")
    assert "rich.markdown" in loaded
    assert not loaded & {"torch", "sympy", "yaml", "pydantic"}


def test_readme_shows_the_listing_verbatim(prep: RunPrep) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    assert prep("learn").out in readme
