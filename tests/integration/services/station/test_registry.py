"""Stations registering by name: found, created, warehouse and kind from the name."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Event, Station, Warehouse
from app.domain.floor_errors import FloorError
from app.services.station.registry import ensure_station, heartbeat, kind_from_name


@pytest.fixture
def warehouses(db: Database) -> dict[str, int]:
    with db.unit_of_work() as s:
        for code in ("HZ1", "GZ1"):
            s.add(Warehouse(code=code, name=code, province="浙江省", city="杭州市"))
        s.flush()
        return dict(s.execute(select(Warehouse.code, Warehouse.id)).all())


def test_a_new_station_takes_warehouse_and_kind_from_its_name(db, warehouses):
    info = ensure_station(db, "HZ1-PACK-01")
    assert (info.name, info.kind, info.warehouse_id, info.warehouse_code) == (
        "HZ1-PACK-01",
        "pack",
        warehouses["HZ1"],
        "HZ1",
    )
    with db.read() as s:
        row = s.get(Station, info.id)
        assert row is not None and row.last_seen is not None
        assert s.scalars(select(Event.kind).where(Event.entity == "station")).all() == [
            "station.registered"
        ]


def test_an_existing_station_is_found_and_seen_again(db, warehouses):
    first = ensure_station(db, "GZ1-PICK-02")
    with db.unit_of_work() as s:
        row = s.get(Station, first.id)
        assert row is not None
        row.last_seen = datetime(2020, 1, 1, tzinfo=UTC)
    again = ensure_station(db, " GZ1-PICK-02 ")
    assert again == first
    with db.read() as s:
        row = s.get(Station, first.id)
        assert row is not None and row.last_seen is not None and row.last_seen.year > 2020


def test_unknown_prefix_leaves_the_warehouse_open(db, warehouses):
    info = ensure_station(db, "OFFICE-3")
    assert (info.kind, info.warehouse_id, info.warehouse_code) == ("desk", None, None)


def test_explicit_kind_and_warehouse_win(db, warehouses):
    info = ensure_station(db, "HZ1-PACK-01", kind="ship", warehouse_code="gz1")
    assert (info.kind, info.warehouse_code) == ("ship", "GZ1")


@pytest.mark.parametrize(
    ("name", "kwargs", "code"),
    [
        ("", {}, "bad_station_name"),
        ("x" * 65, {}, "bad_station_name"),
        ("HZ1-PACK-01", {"kind": "kitchen"}, "bad_station_kind"),
        ("HZ1-PACK-01", {"warehouse_code": "SH9"}, "unknown_warehouse"),
    ],
)
def test_bad_registrations_are_refused_and_create_nothing(db, warehouses, name, kwargs, code):
    with pytest.raises(FloorError) as err:
        ensure_station(db, name, **kwargs)
    assert err.value.code == code
    with db.read() as s:
        assert s.scalars(select(Station)).all() == []


def test_heartbeat_moves_last_seen(db, warehouses):
    info = ensure_station(db, "HZ1-PICK-01")
    at = heartbeat(db, info.id)
    with db.read() as s:
        row = s.get(Station, info.id)
        assert row is not None and row.last_seen == at


@pytest.mark.parametrize(
    ("name", "kind"),
    [("HZ1-PACK-01", "pack"), ("hz1-pick-3", "pick"), ("GZ1_SHIP_1", "ship"), ("RETURNS", "desk")],
)
def test_kind_from_name(name, kind):
    assert kind_from_name(name) == kind
