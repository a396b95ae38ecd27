"""Where things are in a demo warehouse: bays along the aisles, location codes, the
locations of each zone, and the bins a product's stock is put in."""

from __future__ import annotations

import math
import random
from typing import Any

from app.demo.catalog.specs import WarehouseSpec
from app.demo.catalog.tables import BAY_PITCH_M, LEVELS

Row = dict[str, Any]  # one row to insert, by column name


def bay_centres(aisle_length: float, blocks: int, pitch: float = BAY_PITCH_M) -> list[float]:
    """y of each bay's centre along an aisle, front (position 1) to back.

    Each block (the stretch between two cross aisles) holds as many whole bays of
    at least ``pitch`` metres as fit, stretched to fill it, so no bay sits on a
    cross aisle and every y lies strictly inside (0, aisle_length).
    """
    if aisle_length <= 0 or blocks < 1:
        raise ValueError("aisle_length must be positive and blocks at least 1")
    block_len = aisle_length / blocks
    per_block = max(1, math.floor(block_len / pitch + 1e-9))
    step = block_len / per_block
    return [
        round(b * block_len + (k + 0.5) * step, 3) for b in range(blocks) for k in range(per_block)
    ]


def location_code(warehouse: str, aisle: int, position: int, level: int) -> str:
    """``HZ1-A01-05-2``: warehouse, aisle, position (bay) along the aisle, level."""
    return f"{warehouse}-A{aisle:02d}-{position:02d}-{level}"


def lay_out(spec: WarehouseSpec) -> tuple[list[Row], dict[str, list[Row]]]:
    """Zones and locations of one warehouse: its zone rows, and its location rows by zone code."""
    zones: list[Row] = []
    by_zone: dict[str, list[Row]] = {z.code: [] for z in spec.zones}
    ys = bay_centres(spec.aisle_length, spec.blocks)
    for z in spec.zones:
        zones.append({"warehouse": spec.code, "code": z.code, "name": z.name})
        for aisle in range(z.first_aisle, z.last_aisle + 1):
            for position, y in enumerate(ys, start=1):
                for level in LEVELS:
                    code = location_code(spec.code, aisle, position, level)
                    row = {
                        "warehouse": spec.code,
                        "zone": z.code,
                        "code": code,
                        "barcode": code,
                        "aisle": aisle,
                        "position": position,
                        "level": level,
                        "y": y,
                        "pickable": True,
                    }
                    by_zone[z.code].append(row)
    return zones, by_zone


def bins(
    rng: random.Random,
    spec: WarehouseSpec,
    by_zone: dict[str, list[Row]],
    product: Row,
    fast: bool,
    occupied: set[str],
) -> list[str]:
    """Location codes for one product in one warehouse: 1–3 bins, own bins where possible."""
    if fast:
        zone, count = "A", rng.choices((1, 2), (0.6, 0.4))[0]
    elif product["_bulky"]:
        zone, count = "C", rng.choices((1, 2), (0.7, 0.3))[0]
    else:
        zone, count = "B", rng.choices((1, 2, 3), (0.55, 0.35, 0.10))[0]
    zspec = next(z for z in spec.zones if z.code == zone)
    positions = len(bay_centres(spec.aisle_length, spec.blocks))
    candidates = by_zone[zone]
    chosen: list[str] = []
    for _ in range(count):
        for attempt in range(12):
            if fast:
                # Fast movers live near the front cross aisle, at picking height.
                aisle = rng.randint(zspec.first_aisle, zspec.last_aisle)
                position = min(positions, int(rng.triangular(1, positions + 1, 1)))
                level = rng.choice((1, 2))
                code = location_code(spec.code, aisle, position, level)
            elif product["_bulky"]:
                aisle = rng.randint(zspec.first_aisle, zspec.last_aisle)
                position = rng.randint(1, positions)
                level = rng.choices(LEVELS, (0.6, 0.3, 0.1))[0]
                code = location_code(spec.code, aisle, position, level)
            else:
                code = rng.choice(candidates)["code"]
            # Prefer an empty bin; after a dozen tries share one (mixed-SKU bins exist).
            if code not in chosen and (code not in occupied or attempt == 11):
                chosen.append(code)
                occupied.add(code)
                break
    return chosen
