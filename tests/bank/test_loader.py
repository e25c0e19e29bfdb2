"""The bank is found, cached, extended by the user, and looked up by id."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_cli.bank import loader
from interview_cli.errors import PrepError
from tests.bank.test_schema import GOOD


def user_bank(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "demo.yaml").write_text(GOOD)
    return folder


def test_shipped_bank_has_every_topic() -> None:
    topics = {q.topic for q in loader.load_bank().questions}
    assert {"attention", "optimizers", "regularization", "losses"} <= topics


def test_bank_option_adds_user_questions(tmp_path: Path) -> None:
    bank = loader.load_bank([user_bank(tmp_path)])
    assert bank.get("demo.scale").topic == "demo"


def test_prep_bank_variable_adds_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREP_BANK", str(user_bank(tmp_path)))
    assert loader.load_bank().get("demo.pick").kind == "choice"


def test_missing_bank_folder_is_usage_error(tmp_path: Path) -> None:
    with pytest.raises(PrepError, match="no such file or folder"):
        loader.load_bank([tmp_path / "nowhere"])


def test_unknown_id_suggests_close_match() -> None:
    with pytest.raises(PrepError, match=r"did you mean 'attention\.scaling-factor'"):
        loader.load_bank().get("attention.scaling-factr")


def test_edited_file_is_read_again(tmp_path: Path) -> None:
    folder = user_bank(tmp_path)
    assert loader.load_bank([folder]).get("demo.scale").difficulty.value == "easy"
    path = folder / "demo.yaml"
    path.write_text(GOOD.replace("difficulty: easy", "difficulty: hard"))
    assert loader.load_bank([folder]).get("demo.scale").difficulty.value == "hard"


def test_cached_bank_is_used_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = user_bank(tmp_path)
    first = loader.load_bank([folder])

    def refuse(files: object) -> None:
        raise AssertionError("parsed again although nothing changed")

    monkeypatch.setattr(loader, "parse_files", refuse)
    assert loader.load_bank([folder]) == first
