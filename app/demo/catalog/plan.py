"""The demo catalog as rows to insert, planned from a seed without a database.

``plan_catalog`` is pure: the same seed always gives the same rows, so tests and
``demo_orders`` can use the catalog without a database.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from decimal import Decimal

from app.demo.catalog.barcodes import barcode_rows
from app.demo.catalog.layout import Row, bins, lay_out
from app.demo.catalog.specs import CatalogSummary, Category, DemoProduct, DemoUser, Option
from app.demo.catalog.tables import (
    BLACKLIST,
    CATEGORIES,
    FAST_SHARE,
    PEOPLE,
    STORES,
    WAREHOUSES,
)


@dataclass
class Plan:
    warehouses: list[Row] = field(default_factory=list)
    zones: list[Row] = field(default_factory=list)  # with "warehouse" code
    locations: list[Row] = field(default_factory=list)  # with "warehouse", "zone"
    products: list[Row] = field(default_factory=list)
    barcodes: list[Row] = field(default_factory=list)  # with "sku"
    stock: list[Row] = field(default_factory=list)  # warehouse, location, sku, on_hand
    stations: list[Row] = field(default_factory=list)  # with "warehouse"
    users: list[DemoUser] = field(default_factory=list)
    summary: CatalogSummary | None = None


def _pretty_price(x: float) -> Decimal:
    """Shop-shelf prices: 9.90, 39.00, 49.90, 129.00, 199.00."""
    if x < 100:
        whole = max(9, int(x // 10) * 10 + 9)
        return Decimal(f"{whole}.90") if int(x) % 2 else Decimal(f"{whole}.00")
    return Decimal(f"{int(round(x, -1)) - 1}.00")


def _product_rows(rng: random.Random, count: int) -> list[Row]:
    combos: list[tuple[Category, list[Option]]] = []
    for cat in CATEGORIES:
        variants: list[list[Option]] = [[b] for b in cat.bases]
        for axis in cat.axes:
            variants = [v + [o] for v in variants for o in axis]
        combos.extend((cat, v) for v in variants)
    rng.shuffle(combos)
    rows = []
    for i in range(count):
        cat, parts = combos[i % len(combos)]
        round_no = i // len(combos)  # only when asked for more products than combinations
        name_zh = " ".join(p[0] for p in parts) + (f" 第{round_no + 1}款" if round_no else "")
        name_en = ", ".join(p[1] for p in parts) + (f", style {round_no + 1}" if round_no else "")
        factor = math.prod(p[2] for p in parts)
        sized = factor if cat.base_sized else math.prod(p[2] for p in parts[1:])
        weight = rng.uniform(*cat.weight_g) * sized
        size = sized ** (1 / 3)
        dims = sorted(
            (max(5, round(d * size * rng.uniform(0.9, 1.1))) for d in cat.dims_mm), reverse=True
        )
        rows.append(
            {
                "sku": f"WD-{10001 + i}",
                "name_zh": name_zh,
                "name_en": name_en,
                "weight_g": max(5, round(weight)),
                "length_mm": dims[0],
                "width_mm": dims[1],
                "height_mm": dims[2],
                "price": _pretty_price(rng.uniform(*cat.price) * factor),
                "active": True,
                "_bulky": cat.bulky,
                "_category": cat.key,
            }
        )
    return rows


def _quantity(rng: random.Random, fast: bool, bulky: bool) -> int:
    if fast:
        return rng.randint(10, 50) * 6  # 60–300, in inner packs of 6
    if bulky:
        return rng.randint(4, 30)
    return rng.randint(8, 80)


def make_plan(seed: int, products: int) -> Plan:
    if products < 1:
        raise ValueError("the demo catalog needs at least one product")
    rng = random.Random(seed)
    plan = Plan()
    layouts = {}
    for spec in WAREHOUSES:
        plan.warehouses.append(
            {
                "code": spec.code,
                "name": spec.name,
                "province": spec.province,
                "city": spec.city,
                "address": spec.address,
                "lat": spec.lat,
                "lon": spec.lon,
                "aisles": spec.aisles,
                "aisle_length": spec.aisle_length,
                "aisle_spacing": spec.aisle_spacing,
                "blocks": spec.blocks,
                "depot_x": spec.depot_x,
                "active": True,
            }
        )
        zones, layouts[spec.code] = lay_out(spec)
        plan.zones.extend(zones)
        plan.locations.extend(row for rows in layouts[spec.code].values() for row in rows)
        plan.stations.extend(
            {"name": f"{spec.code}-{kind.upper()}-{k:02d}", "kind": kind, "warehouse": spec.code}
            for kind, count in (("pick", spec.pick_stations), ("pack", spec.pack_stations))
            for k in range(1, count + 1)
        )

    plan.products = _product_rows(rng, products)
    plan.barcodes = barcode_rows(rng, plan.products)

    # ABC: a fifth of the (non-bulky) catalog sells most; always stocked in both warehouses.
    small = [i for i, p in enumerate(plan.products) if not p["_bulky"]]
    fast = set(rng.sample(small, min(len(small), round(products * FAST_SHARE))))
    slow = [i for i in range(products) if i not in fast]
    rng.shuffle(slow)
    n_none = min(len(slow), max(1, round(products * 0.02))) if products >= 20 else 0
    n_hz = min(len(slow) - n_none, round(products * 0.08))
    n_gz = min(len(slow) - n_none - n_hz, round(products * 0.07))
    where: dict[int, tuple[str, ...]] = {i: ("HZ1", "GZ1") for i in range(products)}
    where.update({i: () for i in slow[:n_none]})
    where.update({i: ("HZ1",) for i in slow[n_none : n_none + n_hz]})
    where.update({i: ("GZ1",) for i in slow[n_none + n_hz : n_none + n_hz + n_gz]})

    occupied: dict[str, set[str]] = {spec.code: set() for spec in WAREHOUSES}
    summary_products = []
    for i, p in enumerate(plan.products):
        stocked: list[tuple[str, int]] = []
        for spec in WAREHOUSES:
            if spec.code not in where[i]:
                continue
            total = 0
            for code in bins(rng, spec, layouts[spec.code], p, i in fast, occupied[spec.code]):
                qty = _quantity(rng, i in fast, p["_bulky"])
                total += qty
                plan.stock.append(
                    {"warehouse": spec.code, "location": code, "sku": p["sku"], "on_hand": qty}
                )
            stocked.append((spec.code, total))
        summary_products.append(
            DemoProduct(p["sku"], p["name_zh"], p["name_en"], p["price"], i in fast, tuple(stocked))
        )

    plan.users = [
        DemoUser(f"U-{k:04d}", name, role, pin) for k, (name, role, pin) in enumerate(PEOPLE, 1)
    ]
    plan.summary = CatalogSummary(
        seed=seed,
        warehouses=tuple(w["code"] for w in plan.warehouses),
        zones=len(plan.zones),
        locations=tuple(loc["code"] for loc in plan.locations),
        products=tuple(summary_products),
        barcodes=len(plan.barcodes),
        stock_rows=len(plan.stock),
        stores=STORES,
        users=tuple(plan.users),
        stations=tuple(s["name"] for s in plan.stations),
        blacklisted_phones=tuple(v for k, v, _ in BLACKLIST if k == "phone"),
        blacklisted_buyers=tuple(v for k, v, _ in BLACKLIST if k == "buyer"),
    )
    return plan


def plan_catalog(seed: int = 7, products: int = 500) -> CatalogSummary:
    """The summary ``seed_catalog`` would return for these arguments, without a database."""
    summary = make_plan(seed, products).summary
    assert summary is not None
    return summary
