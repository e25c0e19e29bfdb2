"""``prep list`` and ``prep show`` describe the bank."""

from __future__ import annotations

from tests.conftest import RunPrep


def test_list_json_has_contract_fields(prep: RunPrep) -> None:
    run = prep("list", "--json")
    assert run.code == 0
    questions = run.json()["questions"]
    assert len(questions) >= 60
    first = questions[0]
    assert set(first) == {"id", "topic", "kind", "difficulty", "mastery"}
    assert first["mastery"] is None


def test_list_filters_by_topic_and_kind(prep: RunPrep) -> None:
    run = prep("list", "--json", "--topic", "losses", "--kind", "symbolic")
    ids = [q["id"] for q in run.json()["questions"]]
    assert "losses.bce" in ids
    assert all(i.startswith("losses.") for i in ids)


def test_list_table_shows_every_id(prep: RunPrep) -> None:
    run = prep("list", "--topic", "attention")
    assert run.code == 0
    assert "attention.scaling-factor" in run.out
    assert "mastery" in run.out


def test_list_mastery_follows_answers(prep: RunPrep) -> None:
    prep("check", "regularization.dropout-scale", "1/(1-p)")
    prep("check", "regularization.dropout-scale", "1-p")
    mastery = {
        q["id"]: q["mastery"] for q in prep("list", "--json").json()["questions"]
    }
    assert mastery["regularization.dropout-scale"] == 0.5


def test_unknown_topic_lists_the_topics(prep: RunPrep) -> None:
    run = prep("list", "--topic", "nlp")
    assert run.code == 2
    assert run.err.startswith("prep: unknown topic 'nlp'; choose one of: attention")


def test_show_prints_symbols_and_check_command(prep: RunPrep) -> None:
    run = prep("show", "optimizers.adam-bias-factor")
    assert run.code == 0
    assert "beta_1" in run.out
    assert "prep check optimizers.adam-bias-factor ANSWER" in run.out


def test_show_code_question_gives_signature(prep: RunPrep) -> None:
    run = prep("show", "attention.scaled-dot-product")
    assert "scaled_dot_product_attention(q, k, v, mask=None)" in run.out


def test_show_unknown_id_is_one_line(prep: RunPrep) -> None:
    run = prep("show", "attention.nope")
    assert run.code == 2
    assert run.err.count("\n") == 1
    assert "unknown question id 'attention.nope'" in run.err
