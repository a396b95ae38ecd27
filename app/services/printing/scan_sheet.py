"""The scan sheet (扫码练习单): an A4 page of the badges, bins, totes, products and
command barcodes of one warehouse: a badge per role, the first stops of a released
task, its products, free totes, and the commands, laid out with
:mod:`printing.scan_sheet`.

PINs are never printed, with one exception: a PIN the caller publishes (the demo
data set's supervisors and admin) is printed beside its badge, tagged 演示 DEMO, while
it is still that person's PIN (the demo is unusable without it, and it is no secret)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    Location,
    PickLine,
    PickTask,
    Product,
    ProductBarcode,
    Stock,
    TaskSlot,
    Tote,
    User,
    Wave,
    Zone,
)
from app.domain.permissions import ROLES
from app.services.access.pins import verify_pin
from app.services.picking import PICKABLE_WAVES
from app.services.printing.setup_labels import ROLE_NAMES, pack_text, place_text
from app.services.warehouse import find_warehouse
from printing.scan_sheet import SheetCode, SheetSection, command_section, scan_sheet_pdf

DEMO_TAG = "演示 DEMO"
SHEET_LOCATIONS = 6  # stops of the task shown on the sheet
SHEET_CASE_CODES = 2  # a case barcode or two shows that cases scan too


Published = Mapping[tuple[str, str, str], str]


def _badge_section(session: Session, pins: Published) -> SheetSection:
    codes: list[SheetCode] = []
    demo = False
    for role in ROLES:  # one person of each role is enough to try every screen
        user = session.scalar(
            select(User).where(User.active, User.role == role).order_by(User.badge).limit(1)
        )
        if user is None:
            continue
        role_name = ROLE_NAMES.get(role, role)
        pin = pins.get((user.badge, user.name, user.role))
        # Only the published demo PIN, and only while it is still the user's PIN.
        if pin and user.pin_hash and verify_pin(pin, user.pin_hash):
            demo = True
            codes.append(
                SheetCode(user.badge, user.name, f"{role_name} · PIN {pin} (demo)", DEMO_TAG)
            )
        else:
            codes.append(SheetCode(user.badge, user.name, role_name))
    note = "PIN 仅为演示数据 demo data PINs only — change them for real use" if demo else ""
    return SheetSection("badge", tuple(codes), note=note)


def _first_task(session: Session, warehouse_id: int) -> tuple[Wave, PickTask] | None:
    """The open task a person walks first: a cart task if there is one (it uses totes),
    of a wave that is released or already being picked."""
    row = session.execute(
        select(Wave, PickTask)
        .join(PickTask, PickTask.wave_id == Wave.id)
        .where(
            Wave.warehouse_id == warehouse_id,
            Wave.status.in_(PICKABLE_WAVES),
            PickTask.status == "open",
        )
        .order_by((PickTask.kind != "cart"), Wave.id, PickTask.seq)
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else None


@dataclass
class _Walk:
    """What the sheet shows of one task: its first stops, their products, the totes it takes."""

    stops: dict[int, tuple[Location, dict[str, int]]] = field(default_factory=dict)
    product_ids: list[int] = field(default_factory=list)
    note: str = ""
    slots: int = 0

    def add(self, loc: Location, product_id: int, sku: str, qty: int) -> bool:
        """Count a pick at ``loc``; False once the sheet has all the stops it shows."""
        if loc.id not in self.stops:
            if len(self.stops) == SHEET_LOCATIONS:
                return False
            self.stops[loc.id] = (loc, {})
        picks = self.stops[loc.id][1]
        picks[sku] = picks.get(sku, 0) + qty
        if product_id not in self.product_ids:
            self.product_ids.append(product_id)
        return True


def _walk(session: Session, warehouse_id: int) -> _Walk:
    walk = _Walk()
    found = _first_task(session, warehouse_id)
    if found is None:  # nothing waved yet: bins with stock still make a walk
        rows = session.execute(
            select(Location, Product.id, Product.sku, Stock.on_hand)
            .join(Stock, Stock.location_id == Location.id)
            .join(Product, Product.id == Stock.product_id)
            .where(Location.warehouse_id == warehouse_id, Location.pickable, Stock.on_hand > 0)
            .order_by(Location.aisle, Location.position, Location.level, Product.sku)
        )
        walk.note = "还没有已下发的波次: 有库存的库位 · no released wave yet: locations with stock"
    else:
        wave, task = found
        rows = session.execute(
            select(Location, Product.id, Product.sku, PickLine.qty)
            .join(Location, Location.id == PickLine.location_id)
            .join(Product, Product.id == PickLine.product_id)
            .where(PickLine.pick_task_id == task.id)
            .order_by(PickLine.seq)
        )
        walk.slots = (
            session.scalar(
                select(func.count()).select_from(TaskSlot).where(TaskSlot.pick_task_id == task.id)
            )
            or 0
        )
    for loc, product_id, sku, qty in rows:
        if not walk.add(loc, product_id, sku, qty):
            break
    if found is not None:
        wave, task = found
        n = len(walk.stops)
        walk.note = (
            f"波次 {wave.code} 任务 {task.seq} 的前 {n} 个拣货位 · "
            f"the first {n} stops of task {task.seq} in wave {wave.code}, in walking order"
        )
    return walk


def _location_section(session: Session, warehouse_id: int, walk: _Walk) -> SheetSection:
    zones = dict(
        session.execute(select(Zone.id, Zone.code).where(Zone.warehouse_id == warehouse_id)).all()
    )
    codes = [
        SheetCode(
            loc.barcode,
            place_text(
                loc.aisle,
                loc.position,
                loc.level,
                zones.get(loc.zone_id) if loc.zone_id is not None else None,
            ),
            "  ".join(f"{sku} ×{qty}" for sku, qty in picks.items()),
        )
        for loc, picks in walk.stops.values()
    ]
    return SheetSection("location", tuple(codes), note=walk.note)


def _product_section(session: Session, product_ids: list[int]) -> SheetSection:
    """The unit barcode of each product on the walk, then a few case barcodes among them."""
    units: list[SheetCode] = []
    cases: list[SheetCode] = []
    for pid in product_ids:
        product = session.get(Product, pid)
        if product is None:
            continue
        name = product.name_zh or product.name_en or product.sku
        unit_done = False
        for code, kind, qty in session.execute(
            select(ProductBarcode.barcode, ProductBarcode.kind, ProductBarcode.pack_qty)
            .where(ProductBarcode.product_id == pid)
            .order_by(ProductBarcode.id)
        ):
            sheet_code = SheetCode(code, name, f"{product.sku} · {pack_text(kind, qty)}")
            if kind == "case" and len(cases) < SHEET_CASE_CODES:
                cases.append(sheet_code)
            elif kind != "case" and not unit_done:
                units.append(sheet_code)
                unit_done = True
    return SheetSection(
        "product", tuple(units + cases), note="单件码与整箱码 unit and case barcodes"
    )


def scan_sheet_sections(
    db: Database, warehouse_code: str = "HZ1", published: Published | None = None
) -> tuple[list[SheetSection], list[str]]:
    """The sheet's sections and the lines under its title, read from the database.
    ``published`` maps (badge, name, role) to a PIN that may be printed beside the
    badge (the demo's); a PIN is printed only while it is still that person's PIN."""
    with db.read() as session:
        warehouse = find_warehouse(session, warehouse_code)
        badges = _badge_section(session, published or {})
        walk = _walk(session, warehouse.id)
        locations = _location_section(session, warehouse.id, walk)
        products = _product_section(session, walk.product_ids)
        want = min(max(walk.slots, 3), 8)
        tote_codes = list(
            session.scalars(
                select(Tote.code)
                .where(Tote.warehouse_id == warehouse.id, Tote.status == "free")
                .order_by(func.length(Tote.code), Tote.code)
                .limit(want)
            )
        )
        totes = SheetSection(
            "tote",
            tuple(SheetCode(c, f"{warehouse.code} 周转箱 tote") for c in tote_codes),
            note="空闲的周转箱, 拣货时放上拣货车 free totes for the cart",
        )
        name = f"{warehouse.name} {warehouse.code}".strip()
    notes = [
        f"{name} — 扫工牌登录, 然后依次扫 库位 → 商品 → 周转箱, 最后扫 确认",
        f"Sign in with a badge, then scan location → product → tote, then CONFIRM ({warehouse.code})",
    ]
    return [badges, locations, totes, products, command_section()], notes


def scan_sheet(
    db: Database, warehouse_code: str = "HZ1", published: Published | None = None
) -> bytes:
    """The A4 scan sheet (PDF) to try a station with, for one warehouse."""
    sections, notes = scan_sheet_sections(db, warehouse_code, published)
    return scan_sheet_pdf(sections, title="wavedesk 扫码练习单 Demo scan sheet", notes=notes)
