"""Creating warehouses: where they are (for allocation) and the shape of their pick floor."""

from __future__ import annotations

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Warehouse
from app.domain.geo import locate, normalize_province
from app.services.audit import SYSTEM, Actor, record


class WarehouseExists(ValueError):
    pass


def add_warehouse(
    db: Database,
    *,
    code: str,
    name: str,
    province: str,
    city: str,
    address: str = "",
    lat: float | None = None,
    lon: float | None = None,
    aisles: int = 10,
    aisle_length: float = 30.0,
    aisle_spacing: float = 3.0,
    blocks: int = 1,
    depot_x: float = 0.0,
    actor: Actor = SYSTEM,
) -> int:
    canonical = normalize_province(province)
    if canonical is None:
        raise ValueError(f"unknown province {province!r}")
    if aisles < 1 or aisle_length <= 0 or aisle_spacing <= 0 or blocks < 1:
        raise ValueError("aisles, aisle length, aisle spacing and blocks must be positive")
    if lat is None or lon is None:
        # Allocation ranks warehouses by distance; without coordinates use the city's.
        found = locate(canonical, city)
        if found is None:
            raise ValueError(f"no coordinates known for {city}, {canonical}: pass --lat and --lon")
        lat, lon = found
    with db.unit_of_work() as session:
        if session.scalar(select(Warehouse.id).where(Warehouse.code == code)) is not None:
            raise WarehouseExists(f"warehouse {code} already exists")
        w = Warehouse(
            code=code,
            name=name,
            province=canonical,
            city=city,
            address=address,
            lat=lat,
            lon=lon,
            aisles=aisles,
            aisle_length=aisle_length,
            aisle_spacing=aisle_spacing,
            blocks=blocks,
            depot_x=depot_x,
            active=True,
        )
        session.add(w)
        session.flush()
        record(session, "warehouse", w.id, "warehouse.created", {"code": code}, actor)
        return w.id
