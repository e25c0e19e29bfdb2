"""``prep export`` and ``prep import`` through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunPrep


@pytest.fixture
def exported(prep: RunPrep, tmp_path: Path) -> Path:
    prep("check", "regularization.dropout-scale", "1/(1-p)")
    prep("check", "losses.cce-one-hot", "--", "-log(p)")
    file = tmp_path / "progress.json"
    assert prep("export", str(file)).code == 0
    return file


def test_export_import_export_is_identical(
    prep: RunPrep, exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREP_HOME", str(tmp_path / "elsewhere"))
    assert prep("import", str(exported)).code == 0
    assert prep("export", "-").out == exported.read_text(encoding="utf-8")


def test_export_keeps_existing_file_without_force(
    prep: RunPrep, tmp_path: Path
) -> None:
    file = tmp_path / "notes.json"
    file.write_text("my notes\n", encoding="utf-8")
    run = prep("export", str(file))
    assert run.code == 2
    assert run.err.count("\n") == 1 and "--force" in run.err
    assert file.read_text(encoding="utf-8") == "my notes\n"
    assert prep("export", str(file), "--force").code == 0
    assert json.loads(file.read_text(encoding="utf-8"))["schema"] == "prep-progress"


def test_import_of_own_export_adds_nothing(prep: RunPrep, exported: Path) -> None:
    run = prep("import", str(exported))
    assert run.code == 0
    assert "0 sessions, 0 attempts" in run.out
    assert len(prep("history", "--json").json()["entries"]) == 2


def test_import_of_other_schema_exits_2(prep: RunPrep, tmp_path: Path) -> None:
    file = tmp_path / "other.json"
    file.write_text(json.dumps({"schema": "anki", "version": 1}))
    run = prep("import", str(file))
    assert run.code == 2
    assert run.err.count("\n") == 1 and "not a prep progress export" in run.err


def test_import_of_bad_time_is_refused_whole(
    prep: RunPrep, exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["tables"]["attempts"][1]["answered_at"] = "yesterday"
    exported.write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setenv("PREP_HOME", str(tmp_path / "elsewhere"))
    run = prep("import", str(exported))
    assert run.code == 2
    assert run.err.count("\n") == 1
    assert "attempts row 2, answered_at: 'yesterday'" in run.err
    # Nothing was stored, so the commands that read it back still work.
    assert prep("history", "--json").json()["entries"] == []
    assert prep("stats").code == 0
