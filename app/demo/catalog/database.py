"""The demo catalog in the database: ``seed_catalog`` writes the plan into an empty
database with bulk inserts in one transaction, and ``load_catalog`` reads an already
seeded database back into the same summary."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    Blacklist,
    Location,
    Product,
    ProductBarcode,
    Station,
    Stock,
    Store,
    User,
    Warehouse,
    Zone,
)
from app.demo.catalog.plan import Plan, make_plan
from app.demo.catalog.specs import CatalogSummary, DemoProduct, DemoStore, DemoUser
from app.demo.catalog.tables import BLACKLIST, STORES
from app.services.access.pins import hash_pin


def seed_catalog(db: Database, seed: int = 7, products: int = 500) -> CatalogSummary:
    """Fill an empty database with the demo catalog; ValueError if it holds warehouses or products.

    Everything is written in one unit of work with bulk inserts, so a failure leaves
    the database as it was.
    """
    plan = make_plan(seed, products)
    assert plan.summary is not None
    pin_hashes = {pin: hash_pin(pin) for pin in {u.pin for u in plan.users if u.pin}}
    with db.unit_of_work() as session:
        warehouses = session.scalar(select(func.count()).select_from(Warehouse)) or 0
        products_ = session.scalar(select(func.count()).select_from(Product)) or 0
        if warehouses or products_:
            raise ValueError(
                f"the database already holds {warehouses} warehouse(s) and {products_} "
                "product(s); the demo catalog is only seeded into an empty database "
                "(use a new database file, or drop and recreate it)"
            )
        _write(session, plan, pin_hashes)
    return plan.summary


def _write(session: Session, plan: Plan, pin_hashes: dict[str, str]) -> None:
    session.execute(insert(Warehouse), plan.warehouses)
    wh = dict(session.execute(select(Warehouse.code, Warehouse.id)).all())

    session.execute(
        insert(Zone),
        [
            {"warehouse_id": wh[z["warehouse"]], "code": z["code"], "name": z["name"]}
            for z in plan.zones
        ],
    )
    zone_ids = {
        (wid, code): zid
        for zid, wid, code in session.execute(select(Zone.id, Zone.warehouse_id, Zone.code))
    }

    session.execute(
        insert(Location),
        [
            {
                "warehouse_id": wh[loc["warehouse"]],
                "zone_id": zone_ids[(wh[loc["warehouse"]], loc["zone"])],
                **{
                    k: loc[k]
                    for k in ("code", "barcode", "aisle", "position", "level", "y", "pickable")
                },
            }
            for loc in plan.locations
        ],
    )
    loc_ids = {
        (wid, code): lid
        for lid, wid, code in session.execute(
            select(Location.id, Location.warehouse_id, Location.code)
        )
    }

    session.execute(
        insert(Product),
        [{k: v for k, v in p.items() if not k.startswith("_")} for p in plan.products],
    )
    prod = dict(session.execute(select(Product.sku, Product.id)).all())

    session.execute(
        insert(ProductBarcode),
        [
            {
                "product_id": prod[b["sku"]],
                "barcode": b["barcode"],
                "kind": b["kind"],
                "pack_qty": b["pack_qty"],
            }
            for b in plan.barcodes
        ],
    )
    session.execute(
        insert(Stock),
        [
            {
                "warehouse_id": wh[s["warehouse"]],
                "location_id": loc_ids[(wh[s["warehouse"]], s["location"])],
                "product_id": prod[s["sku"]],
                "on_hand": s["on_hand"],
                "reserved": 0,
                "version": 1,
            }
            for s in plan.stock
        ],
    )
    session.execute(insert(Store), [{"name": s.name, "platform": s.platform} for s in STORES])
    session.execute(
        insert(User),
        [
            {
                "badge": u.badge,
                "name": u.name,
                "role": u.role,
                "pin_hash": pin_hashes[u.pin] if u.pin else "",
                "active": True,
            }
            for u in plan.users
        ],
    )
    session.execute(
        insert(Station),
        [
            {"name": s["name"], "kind": s["kind"], "warehouse_id": wh[s["warehouse"]]}
            for s in plan.stations
        ],
    )
    session.execute(
        insert(Blacklist), [{"kind": k, "value": v, "reason": r} for k, v, r in BLACKLIST]
    )


def load_catalog(db: Database) -> CatalogSummary:
    """Read a seeded database back as a CatalogSummary (seed None, user PINs None).

    Fast movers are the products with stock in a zone coded ``A``.
    """
    with db.read() as session:
        wh_codes = dict(
            session.execute(select(Warehouse.id, Warehouse.code).order_by(Warehouse.id)).all()
        )
        stock: dict[int, dict[str, int]] = {}
        fast: set[int] = set()
        for pid, wid, qty, zone in session.execute(
            select(Stock.product_id, Stock.warehouse_id, Stock.on_hand, Zone.code)
            .join(Location, Location.id == Stock.location_id)
            .outerjoin(Zone, Zone.id == Location.zone_id)
        ):
            per = stock.setdefault(pid, {})
            per[wh_codes[wid]] = per.get(wh_codes[wid], 0) + qty
            if zone == "A":
                fast.add(pid)
        products = tuple(
            DemoProduct(
                p.sku,
                p.name_zh,
                p.name_en,
                p.price if p.price is not None else Decimal("0.00"),
                p.id in fast,
                tuple(
                    (code, stock[p.id][code])
                    for code in wh_codes.values()
                    if code in stock.get(p.id, {})
                ),
            )
            for p in session.scalars(select(Product).where(Product.active).order_by(Product.id))
        )
        blacklist = list(
            session.execute(select(Blacklist.kind, Blacklist.value).order_by(Blacklist.id))
        )
        return CatalogSummary(
            seed=None,
            warehouses=tuple(wh_codes.values()),
            zones=session.scalar(select(func.count()).select_from(Zone)) or 0,
            locations=tuple(session.scalars(select(Location.code).order_by(Location.id))),
            products=products,
            barcodes=session.scalar(select(func.count()).select_from(ProductBarcode)) or 0,
            stock_rows=session.scalar(select(func.count()).select_from(Stock)) or 0,
            stores=tuple(
                DemoStore(name, platform)
                for name, platform in session.execute(
                    select(Store.name, Store.platform).order_by(Store.id)
                )
            ),
            users=tuple(
                DemoUser(badge, name, role)
                for badge, name, role in session.execute(
                    select(User.badge, User.name, User.role).order_by(User.id)
                )
            ),
            stations=tuple(session.scalars(select(Station.name).order_by(Station.id))),
            blacklisted_phones=tuple(v for k, v in blacklist if k == "phone"),
            blacklisted_buyers=tuple(v for k, v in blacklist if k == "buyer"),
        )
