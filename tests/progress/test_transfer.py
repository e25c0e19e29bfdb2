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


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        pytest.param("attempts", "answered_at", "yesterday", id="time"),
        pytest.param("attempts", "answered_at", "2026-12-01T09:00:00", id="no-zone"),
        pytest.param("sessions", "started_at", 1764579600, id="time-as-number"),
        pytest.param("attempts", "verdict", "right", id="verdict"),
        pytest.param("attempts", "rating", "meh", id="rating"),
        pytest.param("submissions", "verdict", "correct", id="submit-verdict"),
        pytest.param("attempts", "score", "1.0", id="score-as-text"),
        pytest.param("attempts", "score", 1.5, id="score-above-one"),
        pytest.param("attempts", "duration_s", float("nan"), id="nan"),
        pytest.param("attempts", "hinted", True, id="flag-as-bool"),
        pytest.param("submissions", "passed", 2**70, id="beyond-64-bits"),
        pytest.param("attempts", "answer", "\ud800", id="lone-surrogate"),
        pytest.param("attempts", "question_id", None, id="missing"),
        pytest.param("attempts", "session_id", 9, id="no-such-session"),
        pytest.param("cards", "card", "not json", id="card"),
        pytest.param("cards", "card", '{"card_id": 0}', id="card-fields"),
    ],
)
def test_bad_value_refuses_whole_document(
    tmp_path: Path, table: str, column: str, value: object
) -> None:
    document = export_document(filled(tmp_path / "a").connection)
    document["tables"][table][-1][column] = value
    target = Store.open(tmp_path)
    row = len(document["tables"][table])
    with pytest.raises(
        PrepError,
        match=rf"^the export is damaged: {table} row {row}, "
        rf"{column}: .+; nothing was imported$",
    ):
        import_document(target.connection, document)
    assert all(
        rows == [] for rows in export_document(target.connection)["tables"].values()
    )


def test_import_stores_times_in_the_store_form(tmp_path: Path) -> None:
    document = export_document(filled(tmp_path / "a").connection)
    document["tables"]["attempts"][0]["answered_at"] = "2026-12-01T10:00:00+01:00"
    target = Store.open(tmp_path)
    import_document(target.connection, document)
    first = export_document(target.connection)["tables"]["attempts"][0]
    # The form prep writes: stamps compare as text in every query.
    assert first["answered_at"] == "2026-12-01T09:00:00.000+00:00"


def test_clashing_card_keeps_the_later_review(tmp_path: Path) -> None:
    from datetime import timedelta

    from tests.progress.test_store import FakeClock

    clock = FakeClock()
    for folder in ("laptop", "desktop"):
        (tmp_path / folder).mkdir()
    laptop = Store.open(tmp_path / "laptop", clock)
    laptop.record(laptop.start_session("quiz"), attempt("losses.bce", "incorrect"))
    clock.now += timedelta(days=3)
    desktop = Store.open(tmp_path / "desktop", clock)
    desktop.record(desktop.start_session("quiz"), attempt("losses.bce"))

    def card(store: Store) -> tuple[str, str]:
        row = store.connection.execute(
            "SELECT due, updated_at FROM cards WHERE question_id = 'losses.bce'"
        ).fetchone()
        return row[0], row[1]

    newer = card(desktop)
    import_document(laptop.connection, export_document(desktop.connection))
    assert card(laptop) == newer  # the desktop reviewed last: its card wins
    import_document(desktop.connection, export_document(laptop.connection))
    assert card(desktop) == newer  # an older card never replaces a newer one
    answers = laptop.connection.execute("SELECT COUNT(*) FROM attempts").fetchone()
    assert answers == (2,)  # both answers, whichever card won
