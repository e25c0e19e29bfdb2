"""All progress as one JSON document, and merging such a document back in.

Every table except ``schema_migrations`` and the summaries is carried, read
generically from the database's own schema, so tables added by later
migrations travel too. The summaries (tables named ``summary_...``) are
derived from the answers by triggers: they are left out, and an import
rebuilds them as it inserts the answers.

In the document a row has no surrogate id (an ``INTEGER PRIMARY KEY``):
rows are listed in id order, and a foreign key to such a table (an attempt's
``session_id``) holds the 1-based position of the referenced row in that
table's list. Ids are local to one database; positions make the round trip
exact and let import give the rows new ids.

A row's identity, for merging, is all its columns except the surrogate id,
with a foreign key replaced by the identity of the row it points to: a
session is (command, started_at), an attempt everything it records plus its
session's identity. A row whose identity is already in the database is not
imported again; a row that clashes with a unique key (a card, keyed by
question) keeps whichever version has the later ``updated_at``, so the
schedule follows the device that reviewed last (the local one where a
table has no such column).

Every value of the document is checked (``fields``) before anything is
written: a document with one bad value is refused whole, naming it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, NamedTuple

from interview_cli.errors import PrepError
from interview_cli.progress import fields
from interview_cli.progress.migrations import SUMMARY_PREFIX
from interview_cli.progress.store import friendly_errors, refuse_damaged

SCHEMA = "prep-progress"
VERSION = 1
Row = dict[str, Any]


class Table(NamedTuple):
    name: str
    columns: list[str]  # without the surrogate id
    surrogate: str | None  # the INTEGER PRIMARY KEY column, if any
    references: dict[str, str]  # column -> table whose surrogate id it holds
    types: dict[str, str]  # column -> its declared SQLite type
    required: frozenset[str]  # the NOT NULL columns
    key: tuple[str, ...]  # the primary key's columns, unless it is the surrogate


class Merged(NamedTuple):
    added: dict[str, int]
    skipped: int


def export_document(conn: sqlite3.Connection) -> dict[str, Any]:
    """Every table's rows in id order, ids replaced by positions."""
    with friendly_errors(None):
        tables = _tables(conn)
        positions: dict[str, dict[int, int]] = {}
        document: dict[str, Any] = {
            "schema": SCHEMA,
            "version": VERSION,
            "migration": _migration(conn),
            "tables": {},
        }
        for table in tables:
            rows = []
            ids: dict[int, int] = {}
            for record in conn.execute(_select(table)):
                row = dict(zip(["_rowid", *table.columns], record, strict=True))
                ids[row.pop("_rowid")] = len(ids) + 1
                for column, target in table.references.items():
                    row[column] = positions[target].get(row[column])
                rows.append(row)
            positions[table.name] = ids
            document["tables"][table.name] = rows
    return document


def import_document(conn: sqlite3.Connection, document: Any) -> Merged:
    """Merge ``document`` in, in one transaction; rows already there are skipped.

    A document with a bad value anywhere is refused before anything is written.
    """
    _check_header(conn, document)
    with friendly_errors(None):
        tables = _tables(conn)
        incoming = _checked_tables(_incoming_tables(document, tables), tables)
        refuse_damaged(conn, _database_file(conn))
        conn.execute("BEGIN IMMEDIATE")
        try:
            merged = _merge(conn, tables, incoming)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return merged


Identity = tuple[Any, ...]


def _merge(
    conn: sqlite3.Connection, tables: list[Table], incoming: dict[str, list[Row]]
) -> Merged:
    identities: dict[str, dict[int, Identity]] = {}  # table -> local id -> identity
    local_ids: dict[str, dict[int, int]] = {}  # table -> document position -> id
    added: dict[str, int] = {}
    skipped = 0
    for table in tables:
        identities[table.name] = _local_identities(conn, table, identities)
        known = {identity: rowid for rowid, identity in identities[table.name].items()}
        local_ids[table.name] = {}
        added[table.name] = 0
        for position, row in enumerate(incoming.get(table.name, []), start=1):
            values = _resolve(table, row, local_ids)
            identity = _identity(table, values, identities)
            if identity in known:
                local_ids[table.name][position] = known[identity]
                skipped += 1
                continue
            cursor = conn.execute(_insert(table), [values[c] for c in table.columns])
            if cursor.rowcount == 0:  # a unique key clash
                if _replace_if_newer(conn, table, values):
                    added[table.name] += 1
                else:
                    skipped += 1
                continue
            rowid = int(cursor.lastrowid or 0)
            added[table.name] += 1
            local_ids[table.name][position] = rowid
            identities[table.name][rowid] = identity
    return Merged(added, skipped)


def _replace_if_newer(conn: sqlite3.Connection, table: Table, values: Row) -> bool:
    """Take the document's row over the local one with its key if it is newer."""
    if "updated_at" not in table.columns or not table.key:
        return False
    columns = [c for c in table.columns if c not in table.key]
    assignments = ", ".join(f'"{c}" = ?' for c in columns)
    match = " AND ".join(f'"{c}" = ?' for c in table.key)
    params = [values[c] for c in (*columns, *table.key, "updated_at")]
    cursor = conn.execute(
        f'UPDATE "{table.name}" SET {assignments} WHERE {match} AND updated_at < ?',
        params,
    )
    return cursor.rowcount > 0


def _resolve(table: Table, row: Row, local_ids: dict[str, dict[int, int]]) -> Row:
    """The row's values with foreign keys turned from positions into local ids."""
    values = dict(row)
    for column, target in table.references.items():
        if values[column] is not None:
            values[column] = local_ids[target][values[column]]
    return values


def _identity(
    table: Table, values: Row, identities: dict[str, dict[int, Identity]]
) -> Identity:
    parts: list[Any] = []
    for column in table.columns:
        target = table.references.get(column)
        value = values[column]
        parts.append(identities[target].get(value) if target else value)
    return tuple(parts)


def _local_identities(
    conn: sqlite3.Connection,
    table: Table,
    identities: dict[str, dict[int, Identity]],
) -> dict[int, Identity]:
    local = {}
    for record in conn.execute(_select(table)):
        values = dict(zip(table.columns, record[1:], strict=True))
        local[record[0]] = _identity(table, values, identities)
    return local


def _check_header(conn: sqlite3.Connection, document: Any) -> None:
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise PrepError(f'not a prep progress export (no "schema": "{SCHEMA}")')
    if document.get("version") != VERSION:
        raise PrepError(
            f"this export has format version {document.get('version')!r}; "
            f"this prep reads version {VERSION} only"
        )
    migration = document.get("migration")
    if not isinstance(migration, int) or migration > _migration(conn):
        raise PrepError(
            f"this export comes from a newer prep (database version {migration!r}, "
            f"here {_migration(conn)}); update prep and import it again"
        )


def _incoming_tables(document: dict[str, Any], tables: list[Table]) -> dict[str, Any]:
    """The document's tables, checked against this database's schema."""
    incoming = document.get("tables")
    if not isinstance(incoming, dict):
        raise PrepError('the export is damaged: "tables" is not an object')
    known = {table.name: table for table in tables}
    for name, rows in incoming.items():
        if name not in known:
            raise PrepError(f"the export has a table this prep does not know: {name}")
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise PrepError(f"the export is damaged: {name} is not a list of rows")
        for position, row in enumerate(rows, start=1):
            extra = set(row) - set(known[name].columns)
            if extra:
                raise PrepError(
                    f"the export is damaged: {name} row {position} has unknown "
                    f"fields {', '.join(sorted(extra))}"
                )
    return incoming


def _checked_tables(
    incoming: dict[str, list[Row]], tables: list[Table]
) -> dict[str, list[Row]]:
    """Each table's rows with every column checked and in the store's form."""
    return {
        table.name: [
            _checked_row(table, row, position, incoming)
            for position, row in enumerate(incoming.get(table.name, []), start=1)
        ]
        for table in tables
    }


def _checked_row(
    table: Table, row: Row, position: int, incoming: dict[str, list[Row]]
) -> Row:
    values = {}
    for column in table.columns:
        try:
            values[column] = _checked_value(table, column, row.get(column), incoming)
        except ValueError as err:
            raise PrepError(
                f"the export is damaged: {table.name} row {position}, {column}: "
                f"{err}; nothing was imported"
            ) from None
    return values


def _checked_value(
    table: Table, column: str, value: Any, incoming: dict[str, list[Row]]
) -> Any:
    required = column in table.required
    value = fields.checked(table.name, column, table.types[column], required, value)
    target = table.references.get(column)
    # A foreign key holds the position of a row in the document: 1, 2, ...
    if target and value is not None and not 1 <= value <= len(incoming.get(target, [])):
        raise ValueError(f"points to {target} row {value}, which the export lacks")
    return value


def _tables(conn: sqlite3.Connection) -> list[Table]:
    """Every progress table, each after the tables its foreign keys point to."""
    names = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name != 'schema_migrations' "
            "ORDER BY name"
        )
        if not name.startswith(SUMMARY_PREFIX)
    ]
    described = {name: _describe(conn, name) for name in names}
    ordered: list[Table] = []
    while described:
        ready = [
            t
            for t in described.values()
            if not set(t.references.values()) - {o.name for o in ordered}
        ]
        if not ready:  # a cycle of foreign keys: keep the rest in name order
            ready = list(described.values())
        for table in ready:
            ordered.append(described.pop(table.name))
    return ordered


def _describe(conn: sqlite3.Connection, name: str) -> Table:
    info = list(conn.execute(f'PRAGMA table_info("{name}")'))
    keys = [row for row in info if row[5]]
    surrogate = None
    if len(keys) == 1 and keys[0][2].upper() == "INTEGER":
        surrogate = keys[0][1]
    columns = [row[1] for row in info if row[1] != surrogate]
    references = {
        row[3]: row[2]
        for row in conn.execute(f'PRAGMA foreign_key_list("{name}")')
        if _is_surrogate(conn, row[2], row[4])
    }
    types = {row[1]: row[2] for row in info}
    required = frozenset(row[1] for row in info if row[3])
    key = () if surrogate else tuple(row[1] for row in sorted(keys, key=lambda r: r[5]))
    return Table(name, columns, surrogate, references, types, required, key)


def _is_surrogate(conn: sqlite3.Connection, table: str, column: str | None) -> bool:
    info = list(conn.execute(f'PRAGMA table_info("{table}")'))
    keys = [row for row in info if row[5]]
    return (
        len(keys) == 1
        and keys[0][2].upper() == "INTEGER"
        and column in (None, keys[0][1])
    )


def _select(table: Table) -> str:
    columns = ", ".join(f'"{c}"' for c in table.columns)
    return f'SELECT rowid, {columns} FROM "{table.name}" ORDER BY rowid'


def _insert(table: Table) -> str:
    columns = ", ".join(f'"{c}"' for c in table.columns)
    marks = ", ".join("?" for _ in table.columns)
    return f'INSERT OR IGNORE INTO "{table.name}" ({columns}) VALUES ({marks})'


def _database_file(conn: sqlite3.Connection) -> Path:
    """The file of the connection's main database, to name it in errors."""
    return Path(conn.execute("PRAGMA database_list").fetchone()[2])


def _migration(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)
