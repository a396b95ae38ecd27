"""Bulk inserts: COPY on PostgreSQL, one raw executemany elsewhere.

Importing 100,000 order lines means some 200,000 rows. On PostgreSQL a row-by-row
INSERT (even pipelined) costs ~100 µs of server work per row; COPY costs a few. On
SQLite the cost is on our side: SQLAlchemy's per-row parameter handling takes longer
than SQLite's own insert. A handful of rows on PostgreSQL (a claim's events) go as
one multi-row INSERT instead: COPY's setup costs more than they do. Every path
converts values with the column types' own bind processors, and JSON with
:func:`app.db.json_text.json_text`, so a row lands the same whatever the path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Connection, Table, insert
from sqlalchemy.orm import Session

from app.db.json_text import json_text

Processor = Callable[[Any], Any] | None
_MISSING = object()
SMALL_BATCH = 32


def bulk_insert(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts keyed by column name) in the session's transaction.

    Every row must carry the same keys; columns left out take their server default.
    Python-side column defaults are not applied here: callers pass every value.
    """
    if not rows:
        return
    conn = session.connection()
    columns = list(rows[0].keys())
    if conn.dialect.name == "postgresql" and len(rows) <= SMALL_BATCH:
        _insert_values(conn, table, columns, rows)
    elif conn.dialect.name == "postgresql":
        _copy(conn, table, columns, rows)
    else:
        _executemany(conn, table, columns, rows)


def _processors(conn: Connection, table: Table, columns: list[str]) -> list[Processor]:
    return [table.c[c].type._cached_bind_processor(conn.dialect) for c in columns]


def _executemany(
    conn: Connection, table: Table, columns: list[str], rows: Sequence[dict[str, Any]]
) -> None:
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=columns)
    order = list(compiled.positiontup or [])
    if sorted(order) != sorted(columns):
        # A dialect with named parameters: let SQLAlchemy do it the ordinary way.
        conn.execute(insert(table), list(rows))
        return
    procs = dict(zip(columns, _processors(conn, table, columns), strict=True))
    fix: list[tuple[int, Callable[[Any], Any], bool]] = []
    for i, c in enumerate(order):
        proc = procs[c]
        if proc is not None:
            fix.append((i, proc, isinstance(table.c[c].type, JSON)))
    get = itemgetter(*order)
    params: list[Any] = []
    memo: list[dict[Any, Any]] = [{} for _ in fix]
    for row in rows:
        values = list(get(row)) if len(order) > 1 else [get(row)]
        for (i, proc, is_json), seen in zip(fix, memo, strict=True):
            v = values[i]
            if is_json:
                values[i] = json_text(v)
                continue
            if v is None:
                values[i] = proc(v)
                continue
            # Timestamps and amounts repeat a lot within a batch (every row's created_at).
            out = seen.get(v, _MISSING)
            if out is _MISSING:
                out = seen[v] = proc(v)
            values[i] = out
        params.append(tuple(values))
    conn.exec_driver_sql(str(compiled), params)


def _insert_values(
    conn: Connection, table: Table, columns: list[str], rows: Sequence[dict[str, Any]]
) -> None:
    """A claim's handful of events: one multi-row INSERT, written out here. COPY's
    setup costs the server more than a few rows, and SQLAlchemy's multi-values insert
    is compiled afresh on every call, which costs more than the insert."""
    procs = _processors(conn, table, columns)
    is_json = [isinstance(table.c[c].type, JSON) for c in columns]
    names = ", ".join(f'"{c}"' for c in columns)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    params: list[Any] = []
    for row in rows:
        for c, proc, j in zip(columns, procs, is_json, strict=True):
            v = row[c]
            if j:
                params.append(json_text(v))
            else:
                params.append(proc(v) if proc is not None and v is not None else v)
    conn.exec_driver_sql(
        f'INSERT INTO "{table.name}" ({names}) VALUES {", ".join([one] * len(rows))}', tuple(params)
    )


def _copy(
    conn: Connection, table: Table, columns: list[str], rows: Sequence[dict[str, Any]]
) -> None:
    is_json = [isinstance(table.c[c].type, JSON) for c in columns]
    names = ", ".join(f'"{c}"' for c in columns)
    raw = conn.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(
                [json_text(row[c]) if j else row[c] for c, j in zip(columns, is_json, strict=True)]
            )


def reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """Primary keys for ``count`` rows about to be bulk-inserted with explicit ids.

    Knowing the ids up front saves reading them back after the insert. PostgreSQL
    hands them out from the table's sequence (safe with concurrent writers); on
    SQLite the unit of work holds the database's only write lock (BEGIN IMMEDIATE),
    so nobody else can take the ids after the current maximum.
    """
    if count <= 0:
        return []
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        rows = conn.exec_driver_sql(
            "SELECT nextval(pg_get_serial_sequence(%(t)s, 'id')) FROM generate_series(1, %(n)s)",
            {"t": table.name, "n": count},
        )
        return sorted(r[0] for r in rows)
    if not conn.in_transaction():
        raise RuntimeError("reserve_ids needs the caller's write transaction")
    top = conn.exec_driver_sql(f'SELECT COALESCE(MAX(id), 0) FROM "{table.name}"').scalar_one()
    return list(range(top + 1, top + 1 + count))
