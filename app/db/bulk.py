"""Bulk inserts: COPY on PostgreSQL, executemany elsewhere.

Importing 100,000 order lines means some 200,000 rows. On PostgreSQL a row-by-row
INSERT (even pipelined) costs ~100 µs of server work per row; COPY costs a few.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, Table, insert
from sqlalchemy.orm import Session


def bulk_insert(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts keyed by column name) in the session's transaction.

    Every row must carry the same keys; columns left out take their server default.
    Python-side column defaults are not applied here: callers pass every value.
    """
    if not rows:
        return
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), rows)
        return
    columns = list(rows[0].keys())
    is_json = [isinstance(table.c[c].type, JSON) for c in columns]
    names = ", ".join(f'"{c}"' for c in columns)
    raw = conn.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(
                [
                    json.dumps(row[c], ensure_ascii=False, default=str) if j else row[c]
                    for c, j in zip(columns, is_json, strict=True)
                ]
            )
