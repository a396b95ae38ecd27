"""Test floors for integration tests: two warehouses, five products, stock, people."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Location, Product, ProductBarcode, Station, Stock, User, Warehouse
from app.domain import gs1
from app.domain.incoming import IncomingLine, IncomingOrder, PaymentStatus, Recipient
from app.services.access.pins import hash_pin
from app.services.audit import Actor
from app.services.warehouse import add_warehouse

SKUS = ("SKU-A", "SKU-B", "SKU-C", "SKU-D", "SKU-E")


@dataclass
class Floor:
    db: Database
    hz: int
    gz: int
    products: dict[str, int]
    bins: dict[tuple[str, str, int], int]  # (warehouse code, sku, n) -> stock id

    def stock(self, code: str, sku: str, n: int = 1) -> Any:
        with self.db.read() as s:
            return s.execute(
                select(Stock.on_hand, Stock.reserved).where(Stock.id == self.bins[(code, sku, n)])
            ).one()


def build_floor(db: Database, stock: dict[tuple[str, str], list[int]]) -> Floor:
    """Two warehouses (杭州, 广州), products A–E, stock as {(warehouse, sku): [on_hand per bin]}."""
    hz = add_warehouse(
        db,
        code="HZ1",
        name="杭州仓",
        province="浙江省",
        city="杭州市",
        aisles=4,
        aisle_length=20,
        blocks=1,
    )
    gz = add_warehouse(
        db,
        code="GZ1",
        name="广州仓",
        province="广东省",
        city="广州市",
        aisles=4,
        aisle_length=20,
        blocks=2,
    )
    products: dict[str, int] = {}
    bins: dict[tuple[str, str, int], int] = {}
    with db.unit_of_work() as s:
        for i, sku in enumerate(SKUS, start=1):
            p = Product(
                sku=sku,
                name_zh=f"商品{sku[-1]}",
                name_en=f"Product {sku[-1]}",
                price=Decimal("10.00") * i,
                weight_g=100 * i,
                active=True,
            )
            s.add(p)
            s.flush()
            s.add(
                ProductBarcode(product_id=p.id, barcode=f"690000000000{i}", kind="unit", pack_qty=1)
            )
            products[sku] = p.id
        whs = {w.code: w.id for w in s.scalars(select(Warehouse))}
        n_loc = 0
        for (code, sku), amounts in stock.items():
            for k, qty in enumerate(amounts, start=1):
                n_loc += 1
                loc = Location(
                    warehouse_id=whs[code],
                    code=f"{code}-A01-{n_loc:02d}-1",
                    barcode=f"{code}-A01-{n_loc:02d}-1",
                    aisle=1,
                    position=n_loc,
                    level=1,
                    y=float(n_loc),
                )
                s.add(loc)
                s.flush()
                st = Stock(
                    location_id=loc.id,
                    product_id=products[sku],
                    warehouse_id=whs[code],
                    on_hand=qty,
                    reserved=0,
                )
                s.add(st)
                s.flush()
                bins[(code, sku, k)] = st.id
        s.add(User(badge="SUP-1", name="王芳", role="supervisor", pin_hash=hash_pin("1234")))
        s.add(User(badge="PICK-1", name="李伟", role="picker"))
    return Floor(db, hz, gz, products, bins)


def ean(series: int, n: int, *, case: bool = False) -> str:
    """Barcode of product number ``n`` (1 for SKU-A) with a valid check digit: an EAN-13
    for a unit, a GTIN-14 for a case. Each floor has its own ``series``."""
    body = f"{'1' if case else ''}692{series}000000{n:02d}"
    return body + gs1.check_digit(body)


def unit_ean(series: int, sku: str) -> str:
    return ean(series, SKUS.index(sku) + 1)


def case_ean(series: int, sku: str) -> str:
    return ean(series, SKUS.index(sku) + 1, case=True)


def scannable_barcodes(
    s: Session, floor: Floor, series: int, case_sku: str, case_pack: int
) -> None:
    """Every product's unit barcode as :func:`ean` of ``series`` (floorplan's carry no
    valid check digit: scanners would not read them as EANs), and a case barcode of
    ``case_pack`` units for ``case_sku``."""
    for n, sku in enumerate(SKUS, start=1):
        pid = floor.products[sku]
        s.execute(
            update(ProductBarcode)
            .where(ProductBarcode.product_id == pid)
            .values(barcode=ean(series, n))
        )
        if sku == case_sku:
            s.add(
                ProductBarcode(
                    product_id=pid,
                    barcode=ean(series, n, case=True),
                    kind="case",
                    pack_qty=case_pack,
                )
            )


def two_stations(
    s: Session, floor: Floor, kind: str, role: str, badges: tuple[str, str]
) -> tuple[Actor, Actor]:
    """Stations HZ1-<KIND>-01 and -02 with 张敏 and 李娜 (``role``, ``badges``) signed in:
    two people racing for the same work. Flushes, so the actors carry ids."""
    stations = [
        Station(name=f"HZ1-{kind.upper()}-0{n}", kind=kind, warehouse_id=floor.hz) for n in (1, 2)
    ]
    users = [
        User(badge=badge, name=name, role=role)
        for badge, name in zip(badges, ("张敏", "李娜"), strict=True)
    ]
    s.add_all([*stations, *users])
    s.flush()
    return Actor(users[0].id, stations[0].id), Actor(users[1].id, stations[1].id)


ZJ = Recipient(
    name="张三",
    phone="13800138000",
    country="CN",
    province="浙江省",
    city="杭州市",
    district="西湖区",
    address="文三路 478号",
    postcode="310013",
)
GD = Recipient(
    name="李四",
    phone="13900139000",
    country="CN",
    province="广东省",
    city="深圳市",
    district="南山区",
    address="科技园路 1号",
    postcode="518057",
)


def order(
    no: str, *lines: tuple[str, int], recipient: Recipient = ZJ, paid: bool = True, **kw: object
) -> IncomingOrder:
    base = IncomingOrder(
        platform="taobao",
        order_no=no,
        store="淘宝小店",
        lines=tuple(
            IncomingLine(sku, qty, Decimal("10.00") * (ord(sku[-1]) - 64), f"item {sku}")
            for sku, qty in lines
        ),
        recipient=recipient,
        payment_status=PaymentStatus.PAID if paid else PaymentStatus.UNPAID,
        source_file="test.csv",
        source_row=2,
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def allocate_in_process(url: str, queue: Any) -> None:
    """Entry point of an allocator process (module level, so spawn can import it)."""
    from app.services.allocation import allocate_orders

    db = Database(url)
    report = allocate_orders(db, chunk=5)
    queue.put((report.allocated, report.waiting))
    db.dispose()
