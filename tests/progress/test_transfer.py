"""Export and import: one document, merged without duplicates, exact."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_cli.errors import PrepError
from interview_cli.progress.store import Store
from interview_cli.progress.transfer import export_document, import_document
from tests.progress.test_history import submission
from tests.progress.test_store import attempt


def filled(folder: Path) -> Store:
    folder.mkdir()
    store = Store.open(folder)
    first = store.start_session("quiz")
    store.record(first, attempt("losses.bce", "incorrect"))
    store.record(store.start_session("check"), attempt("losses.bce"))
    store.record_submission(first, submission())
    return store


def test_round_trip_is_exact(tmp_path: Path) -> None:
    document = export_document(filled(tmp_path / "a").connection)
    empty = Store.open(tmp_path)
    import_document(empty.connection, document)
    assert export_document(empty.connection) == document


def test_document_names_schema_and_versions(tmp_path: Path) -> None:
    document = export_document(filled(tmp_path / "a").connection)
    assert (document["schema"], document["version"]) == ("prep-progress", 1)
    assert document["migration"] >= 2
    assert {"sessions", "attempts", "submissions"} <= set(document["tables"])


def test_import_twice_adds_nothing(tmp_path: Path) -> None:
    document = export_document(filled(tmp_path / "a").connection)
    target = Store.open(tmp_path)
    import_document(target.connection, document)
    merged = import_document(target.connection, document)
    assert sum(merged.added.values()) == 0
    assert export_document(target.connection) == document


def test_import_remaps_session_ids(tmp_path: Path) -> None:
    document = export_document(filled(tmp_path / "a").connection)
    target = Store.open(tmp_path)
    own = target.start_session("quiz")
    target.record(own, attempt("attention.scaling-factor"))
    import_document(target.connection, document)
    rows = target.connection.execute(
        "SELECT a.question_id, s.command FROM attempts a "
        "JOIN sessions s ON s.id = a.session_id ORDER BY a.id"
    ).fetchall()
    assert rows == [
        ("attention.scaling-factor", "quiz"),
        ("losses.bce", "quiz"),
        ("losses.bce", "check"),
    ]


@pytest.mark.parametrize(
    "header",
    [{"schema": "anki"}, {"schema": "prep-progress", "version": 2}],
    ids=["schema", "version"],
)
def test_other_schema_or_version_is_refused(
    tmp_path: Path, header: dict[str, object]
) -> None:
    store = Store.open(tmp_path)
    with pytest.raises(PrepError):
        import_document(store.connection, {**header, "migration": 1, "tables": {}})
