"""Question files are validated with every problem located."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from interview_cli.bank.loader import BankInvalid, parse_files
from interview_cli.bank.model import ChoiceQuestion, SymbolicQuestion

GOOD = """\
topic: demo
questions:
  - id: demo.scale
    kind: symbolic
    difficulty: easy
    tags: [scaling]
    prompt: The factor in terms of d_k.
    explanation: Divide by the standard deviation.
    symbols:
      - name: d_k
        domain: positive_integer
    answer: 1/sqrt(d_k)
    mistakes:
      - answer: 1/d_k
        feedback: That is the variance.
  - id: demo.pick
    kind: choice
    difficulty: medium
    prompt: Pick one.
    explanation: Because.
    options:
      - text: right
        correct: true
      - text: wrong
        feedback: No.
"""


def write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    path = tmp_path / name
    path.write_text(dedent(text))
    return path


def problems_of(*paths: Path) -> list[str]:
    with pytest.raises(BankInvalid) as caught:
        parse_files(list(paths))
    return [str(problem) for problem in caught.value.problems]


def test_valid_file_loads_typed_questions(tmp_path: Path) -> None:
    bank = parse_files([write(tmp_path, GOOD)])
    scale, pick = bank.questions
    assert isinstance(scale, SymbolicQuestion)
    assert scale.topic == "demo"
    assert scale.symbols[0].domain.value == "positive_integer"
    assert isinstance(pick, ChoiceQuestion)
    assert [o.correct for o in pick.options] == [True, False]


def test_unknown_key_names_file_line_field(tmp_path: Path) -> None:
    text = GOOD.replace("        domain: positive_integer", "        domian: real")
    path = write(tmp_path, text)
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:11: demo.scale: symbols.0.domian: unknown key")


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("difficulty: easy", "difficulty: trivial").replace(
        "        feedback: No.", "        feedback: No.\n        colour: red"
    )
    found = problems_of(write(tmp_path, text))
    assert len(found) == 2
    assert "demo.scale: difficulty" in found[0]
    assert "demo.pick: options.1.colour: unknown key" in found[1]


def test_malformed_yaml_reports_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "topic: demo\nquestions:\n  - id: [unclosed\n")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:")
    assert "malformed YAML" in problem


def test_duplicate_id_across_files_is_refused(tmp_path: Path) -> None:
    first = write(tmp_path, GOOD, "a.yaml")
    second = write(tmp_path, GOOD, "b.yaml")
    found = problems_of(first, second)
    assert len(found) == 2
    assert all("duplicate id, first defined at" in p for p in found)
    assert all(str(first) in p and p.startswith(str(second)) for p in found)


def test_id_must_start_with_topic(tmp_path: Path) -> None:
    (problem,) = problems_of(write(tmp_path, GOOD.replace("demo.scale", "other.scale")))
    assert "other.scale: id: must be 'demo.<slug>'" in problem


def test_single_choice_with_two_answers_refused(tmp_path: Path) -> None:
    text = GOOD.replace(
        "      - text: wrong\n", "      - text: wrong\n        correct: true\n"
    )
    (problem,) = problems_of(write(tmp_path, text))
    assert "set 'multiple: true'" in problem


def test_key_given_twice_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace(
        "    tags: [scaling]\n", "    tags: [scaling]\n    tags: [again]\n"
    )
    (problem,) = problems_of(write(tmp_path, text))
    assert "tags: key given twice" in problem


def test_unknown_kind_is_explained(tmp_path: Path) -> None:
    (problem,) = problems_of(
        write(tmp_path, GOOD.replace("kind: choice", "kind: essay"))
    )
    assert "demo.pick: kind must be one of symbolic, numeric, choice" in problem
