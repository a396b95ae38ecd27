"""Stations register themselves by name when they start, and say they are alive.

A station's name follows the floor's convention ``HZ1-PACK-01``: the warehouse
code, the kind of work, a number. :func:`ensure_station` finds the station by
name or creates it, guessing the warehouse and kind from the name when they are
not given.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Station, Warehouse, utcnow
from app.domain.floor_errors import FloorError
from app.services.access.identity import StationInfo
from app.services.audit import Actor, record

KINDS: Final = ("pick", "pack", "ship", "desk")
MAX_NAME = 64


def kind_from_name(name: str) -> str:
    """``HZ1-PACK-01`` → ``pack``; a name naming no kind is a ``desk``."""
    parts = name.upper().replace("_", "-").split("-")
    for kind in ("pick", "pack", "ship"):
        if kind.upper() in parts:
            return kind
    return "desk"


def check_name(name: str) -> str:
    """The cleaned station name, or FloorError ``bad_station_name``."""
    text = name.strip() if isinstance(name, str) else ""
    if not text:
        raise FloorError("bad_station_name", "the station has no name: give one like HZ1-PACK-01")
    if len(text) > MAX_NAME or not text.isprintable():
        raise FloorError(
            "bad_station_name",
            f"the station name {text[:80]!r} is not usable: at most {MAX_NAME} printable characters",
            name=text[:80],
        )
    return text


def _info(session: Session, station: Station) -> StationInfo:
    code = (
        session.scalar(select(Warehouse.code).where(Warehouse.id == station.warehouse_id))
        if station.warehouse_id is not None
        else None
    )
    return StationInfo(
        id=station.id,
        name=station.name,
        kind=station.kind,
        warehouse_id=station.warehouse_id,
        warehouse_code=code,
    )


def _warehouse_id(session: Session, name: str, warehouse_code: str | None) -> int | None:
    if warehouse_code is not None:
        code = warehouse_code.strip().upper()
        wid = session.scalar(select(Warehouse.id).where(Warehouse.code == code))
        if wid is None:
            raise FloorError(
                "unknown_warehouse",
                f"there is no warehouse {code!r} for station {name}",
                warehouse=code,
            )
        return wid
    prefix = name.split("-", 1)[0].upper()
    return session.scalar(select(Warehouse.id).where(Warehouse.code == prefix))


def ensure_station(
    db: Database, name: str, kind: str | None = None, warehouse_code: str | None = None
) -> StationInfo:
    """The station called ``name``, created if new; its ``last_seen`` is now.

    ``kind`` and ``warehouse_code`` default from the name (``HZ1-PACK-01`` → pack
    station of HZ1, when warehouse HZ1 exists); given explicitly, they also
    update an existing station. Raises FloorError ``bad_station_name``,
    ``bad_station_kind`` or ``unknown_warehouse``."""
    name = check_name(name)
    if kind is not None and kind not in KINDS:
        raise FloorError(
            "bad_station_kind",
            f"station kind {kind!r} is not one of {', '.join(KINDS)}",
            kind=kind,
        )
    try:
        return _ensure(db, name, kind, warehouse_code)
    except IntegrityError:
        # Another process registered the same name between our read and insert.
        return _ensure(db, name, kind, warehouse_code)


def _ensure(db: Database, name: str, kind: str | None, warehouse_code: str | None) -> StationInfo:
    with db.unit_of_work() as session:
        station = session.scalars(select(Station).where(Station.name == name)).one_or_none()
        if station is None:
            station = Station(
                name=name,
                kind=kind or kind_from_name(name),
                warehouse_id=_warehouse_id(session, name, warehouse_code),
                last_seen=utcnow(),
            )
            session.add(station)
            session.flush()
            info = _info(session, station)
            record(
                session,
                "station",
                station.id,
                "station.registered",
                {"name": name, "kind": info.kind, "warehouse": info.warehouse_code},
                Actor(None, station.id),
            )
            return info
        if kind is not None:
            station.kind = kind
        if warehouse_code is not None:
            station.warehouse_id = _warehouse_id(session, name, warehouse_code)
        station.last_seen = utcnow()
        session.flush()
        return _info(session, station)


def heartbeat(db: Database, station_id: int) -> datetime:
    """Mark the station as alive now; returns the time written."""
    now = utcnow()
    with db.unit_of_work() as session:
        session.execute(update(Station).where(Station.id == station_id).values(last_seen=now))
    return now
