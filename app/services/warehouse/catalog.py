"""Products, locations and stock from import files: upserts, each row judged on its own.

Catalog files are row-oriented (a bad row does not spoil its neighbours), so unlike
orders each good row lands and each bad one is reported with its row and reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Location, Product, ProductBarcode, Stock, Warehouse, Zone
from app.domain.incoming import IncomingLocation, IncomingProduct, IncomingStock, Rejected
from app.services.audit import SYSTEM, Actor, record


@dataclass
class CatalogReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected

    def summary(self) -> str:
        return (
            f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
            f"rejected {len(self.rejected)}"
        )

    def reject(self, source: str, row: int, reason: str, order_no: str | None = None) -> None:
        self.rejected.append(
            Rejected(source_file=source, row=row, reason=reason, order_no=order_no)
        )


def _record_import(
    session: Session, source: str, what: str, report: CatalogReport, actor: Actor
) -> None:
    """One event per import file: what it held, and what became of its rows."""
    record(
        session,
        "import",
        source,
        f"{what}.imported",
        {"file": source, "summary": report.summary()},
        actor,
    )


def location_code(warehouse: str, zone: str, aisle: int, position: int, level: int) -> str:
    return f"{warehouse}-{zone}{aisle:02d}-{position:02d}-{level}"


def import_products(
    db: Database, items: Iterable[IncomingProduct | Rejected], source: str, actor: Actor = SYSTEM
) -> CatalogReport:
    report = CatalogReport()
    with db.unit_of_work() as session:
        products = {p.sku: p for p in session.scalars(select(Product))}
        owners = dict(
            session.execute(select(ProductBarcode.barcode, ProductBarcode.product_id)).all()
        )
        for item in items:
            if isinstance(item, Rejected):
                report.rejected.append(item)
                continue
            _upsert_product(session, item, products, owners, source, report)
        _record_import(session, source, "products", report, actor)
    return report


def _upsert_product(
    session: Session,
    item: IncomingProduct,
    products: dict[str, Product],
    owners: dict[str, int],
    source: str,
    report: CatalogReport,
) -> None:
    product = products.get(item.sku)
    wanted = [(b, "unit", 1) for b in item.barcodes]
    if item.case_barcode:
        wanted.append((item.case_barcode, "case", max(item.case_qty, 1)))
    for code, _, _ in wanted:
        owner = owners.get(code)
        if owner is not None and (product is None or owner != product.id):
            other = next((p.sku for p in products.values() if p.id == owner), "another product")
            report.reject(
                source, item.source_row, f"barcode {code} already belongs to {other}", item.sku
            )
            return
    values = {
        "name_zh": item.name_zh,
        "name_en": item.name_en,
        "weight_g": item.weight_g,
        "length_mm": item.length_mm,
        "width_mm": item.width_mm,
        "height_mm": item.height_mm,
        "price": item.price,
    }
    if product is None:
        product = Product(sku=item.sku, active=True, **values)
        session.add(product)
        session.flush()
        products[item.sku] = product
        report.created += 1
    else:
        # A blank cell keeps what is known: product files are often partial.
        changed = {
            k: v for k, v in values.items() if v not in (None, "") and getattr(product, k) != v
        }
        for k, v in changed.items():
            setattr(product, k, v)
        known = {b for b, pid in owners.items() if pid == product.id}
        if changed or any(code not in known for code, _, _ in wanted):
            report.updated += 1
        else:
            report.unchanged += 1
    for code, kind, qty in wanted:
        if owners.get(code) != product.id:
            session.execute(
                insert(ProductBarcode).values(
                    product_id=product.id, barcode=code, kind=kind, pack_qty=qty
                )
            )
            owners[code] = product.id


def import_locations(
    db: Database, items: Iterable[IncomingLocation | Rejected], source: str, actor: Actor = SYSTEM
) -> CatalogReport:
    report = CatalogReport()
    with db.unit_of_work() as session:
        warehouses = {w.code: w for w in session.scalars(select(Warehouse))}
        zones = {(z.warehouse_id, z.code): z.id for z in session.scalars(select(Zone))}
        by_barcode = {loc.barcode: loc for loc in session.scalars(select(Location))}
        touched: set[int] = set()
        for item in items:
            if isinstance(item, Rejected):
                report.rejected.append(item)
                continue
            w = warehouses.get(item.warehouse)
            if w is None:
                report.reject(
                    source,
                    item.source_row,
                    f"unknown warehouse {item.warehouse}; add it first with 'wavedesk warehouse add'",
                )
                continue
            if item.aisle > w.aisles:
                report.reject(
                    source,
                    item.source_row,
                    f"aisle {item.aisle} is beyond {w.code}'s {w.aisles} aisles",
                )
                continue
            zid = zones.get((w.id, item.zone))
            if zid is None:
                zid = session.scalar(
                    insert(Zone)
                    .values(warehouse_id=w.id, code=item.zone, name=item.zone)
                    .returning(Zone.id)
                )
                assert zid is not None
                zones[(w.id, item.zone)] = zid
            code = location_code(w.code, item.zone, item.aisle, item.position, item.level)
            barcode = item.barcode or code
            loc = by_barcode.get(barcode)
            fields = {
                "warehouse_id": w.id,
                "zone_id": zid,
                "code": code,
                "aisle": item.aisle,
                "position": item.position,
                "level": item.level,
            }
            if loc is None:
                loc = Location(barcode=barcode, y=0.0, pickable=True, **fields)
                session.add(loc)
                by_barcode[barcode] = loc
                report.created += 1
            elif any(getattr(loc, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(loc, k, v)
                report.updated += 1
            else:
                report.unchanged += 1
            touched.add(w.id)
        session.flush()
        for wid in touched:
            place_along_aisles(session, wid)
        _record_import(session, source, "locations", report, actor)
    return report


def place_along_aisles(session: Session, warehouse_id: int) -> None:
    """Spread bay positions evenly over the aisle length (bay k at the centre of its slot)."""
    w = session.get(Warehouse, warehouse_id)
    assert w is not None
    bays = (
        session.scalar(
            select(func.max(Location.position)).where(Location.warehouse_id == warehouse_id)
        )
        or 1
    )
    slot = w.aisle_length / bays
    session.execute(
        update(Location)
        .where(Location.warehouse_id == warehouse_id)
        .values(y=(Location.position - 0.5) * slot)
        .execution_options(synchronize_session=False)
    )


def import_stock(
    db: Database, items: Iterable[IncomingStock | Rejected], source: str, actor: Actor = SYSTEM
) -> CatalogReport:
    """Set on-hand quantities (a stock count), never below what is already reserved."""
    report = CatalogReport()
    with db.unit_of_work() as session:
        locations = dict(session.execute(select(Location.barcode, Location.id)).all())
        loc_wh = dict(session.execute(select(Location.id, Location.warehouse_id)).all())
        products = dict(session.execute(select(Product.sku, Product.id)).all())
        for item in items:
            if isinstance(item, Rejected):
                report.rejected.append(item)
                continue
            lid, pid = locations.get(item.location), products.get(item.sku)
            if lid is None or pid is None:
                what = (
                    f"unknown location {item.location}"
                    if lid is None
                    else f"unknown SKU {item.sku}"
                )
                report.reject(source, item.source_row, what)
                continue
            row = session.execute(
                select(Stock)
                .where(Stock.location_id == lid, Stock.product_id == pid)
                .with_for_update()
            ).scalar_one_or_none()
            if row is None:
                session.add(
                    Stock(
                        location_id=lid,
                        product_id=pid,
                        warehouse_id=loc_wh[lid],
                        on_hand=item.on_hand,
                        reserved=0,
                    )
                )
                report.created += 1
            elif item.on_hand < row.reserved:
                report.reject(
                    source,
                    item.source_row,
                    f"{item.sku} at {item.location}: on hand {item.on_hand} is below the {row.reserved} already reserved",
                )
            elif row.on_hand != item.on_hand:
                row.on_hand = item.on_hand
                row.version += 1
                report.updated += 1
            else:
                report.unchanged += 1
        session.flush()
        _record_import(session, source, "stock", report, actor)
    return report
