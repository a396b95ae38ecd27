"""bulk_insert lands the same rows whatever the batch size: a handful as one
multi-row INSERT, many by COPY (PostgreSQL) or executemany (SQLite)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from app.db.bulk import SMALL_BATCH, bulk_insert
from app.db.engine import Database
from app.db.models import Event, new_uuid, table_of
from app.services.audit import record


def _rows(n: int, kind: str) -> list[dict[str, object]]:
    at = datetime(2026, 12, 2, 8, 30, 15, 123456, tzinfo=UTC)
    return [
        {
            "id": new_uuid(),
            "at": at,
            "user_id": None,
            "station_id": None,
            "entity": "order",
            "entity_id": str(i),
            "kind": kind,
            # Chinese text, a quote, and values JSON cannot hold natively (written as text).
            "payload": {
                "name": '王芳 "A"',
                "n": i,
                "price": Decimal("12.50"),
                "when": at,
                "none": None,
            },
        }
        for i in range(n)
    ]


@pytest.mark.parametrize("n", [1, SMALL_BATCH, SMALL_BATCH + 1, 200])
def test_rows_land_alike_in_batches_of_any_size(db: Database, n: int) -> None:
    rows = _rows(n, f"bulk.{n}")
    with db.unit_of_work() as s:
        bulk_insert(s, table_of(Event), rows)
    with db.read() as s:
        got = (
            s.execute(select(Event).where(Event.kind == f"bulk.{n}").order_by(Event.seq))
            .scalars()
            .all()
        )
    assert [e.entity_id for e in got] == [str(i) for i in range(n)]
    first = got[0]
    assert first.at == rows[0]["at"]
    assert first.payload == {
        "name": '王芳 "A"',
        "n": 0,
        "price": "12.50",
        "when": "2026-12-02 08:30:15.123456+00:00",
        "none": None,
    }
    assert {e.id for e in got} == {r["id"] for r in rows}


def test_one_event_through_the_orm_path_lands_as_a_batch_would(db: Database) -> None:
    payload = _rows(1, "x")[0]["payload"]
    with db.unit_of_work() as s:
        record(s, "order", 0, "one.by.one", payload)  # type: ignore[arg-type]
        bulk_insert(s, table_of(Event), _rows(2, "in.a.batch"))
    with db.read() as s:
        raw = dict(
            s.execute(
                text("SELECT kind, CAST(payload AS TEXT) FROM events WHERE entity_id = '0'")
            ).all()
        )
    assert raw["one.by.one"] == raw["in.a.batch"]
    assert "王芳" in raw["one.by.one"] and "12.50" in raw["one.by.one"]


def test_a_bad_row_fails_the_whole_small_batch(db: Database) -> None:
    rows = _rows(3, "bulk.bad")
    rows[2]["id"] = rows[0]["id"]  # the unique event id, twice
    with pytest.raises(IntegrityError), db.unit_of_work() as s:
        bulk_insert(s, table_of(Event), rows)
    with db.read() as s:
        assert s.scalars(select(Event).where(Event.kind == "bulk.bad")).all() == []
