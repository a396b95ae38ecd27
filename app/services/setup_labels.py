"""The labels a warehouse prints to set itself up, and the demo scan sheet.

``location_labels``, ``tote_labels``, ``badge_labels`` and ``product_labels`` read
the database into :mod:`printing.label` code labels; :func:`render_many` turns a
list of them into one print job (a multi-page PDF or one ZPL stream).
:func:`demo_scan_sheet` picks what a person needs to walk one pick task (a badge
per role, the first stops of a released task, its products, free totes, the
command barcodes) and lays it out with :mod:`printing.scan_sheet`.

PINs are never printed, with one exception: on the scan sheet a supervisor or
admin of the demo data set whose PIN is still the published demo PIN gets it
printed, tagged 演示 DEMO (the demo is unusable without it, and it is no secret).

Refusals are :class:`~app.services.floor_errors.FloorError` with a stable code:
``warehouse_unknown``, ``aisle_unknown``, ``sku_unknown``, ``label_code_unprintable``,
``label_format``, ``label_size``, ``labels_empty``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

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
from app.services.floor_errors import FloorError
from app.services.identity import ROLES
from app.services.picking import PICKABLE_WAVES
from app.services.pins import verify_pin
from app.services.totes import find_warehouse
from printing.label import (
    SIZE_60X40,
    SIZE_100X50,
    BadgeLabel,
    CodeLabel,
    LabelSize,
    LocationLabel,
    ProductLabel,
    ToteLabel,
)
from printing.label_sheet import labels_pdf, labels_zpl
from printing.scan_sheet import SheetCode, SheetSection, command_section, scan_sheet_pdf

__all__ = [
    "DEFAULT_SIZES",
    "FORMATS",
    "ROLE_NAMES",
    "badge_labels",
    "demo_scan_sheet",
    "demo_sheet_sections",
    "location_labels",
    "product_labels",
    "render_many",
    "tote_labels",
]

FORMATS: tuple[str, ...] = ("pdf", "zpl")
# Small stock for bins and products, the wider one for totes and badges.
DEFAULT_SIZES: dict[str, LabelSize] = {
    "locations": SIZE_60X40,
    "products": SIZE_60X40,
    "totes": SIZE_100X50,
    "badges": SIZE_100X50,
}
ROLE_NAMES: dict[str, str] = {
    "picker": "拣货员 picker",
    "packer": "打包员 packer",
    "shipper": "发货员 shipper",
    "supervisor": "主管 supervisor",
    "admin": "管理员 admin",
}
DEMO_TAG = "演示 DEMO"
SHEET_LOCATIONS = 6  # stops of the task shown on the sheet
SHEET_CASE_CODES = 2  # a case barcode or two shows that cases scan too

L = TypeVar("L", bound=CodeLabel)


def _build(what: str, rows: Sequence[tuple[str, Callable[[], L]]]) -> list[L]:
    """Make every label, naming all codes that cannot be barcodes instead of failing on the first."""
    labels: list[L] = []
    bad: list[str] = []
    for code, make in rows:
        try:
            labels.append(make())
        except ValueError:
            bad.append(code)
    if bad:
        shown = ", ".join(repr(c) for c in bad[:5]) + (
            f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        )
        raise FloorError(
            "label_code_unprintable",
            f"{len(bad)} {what} cannot be printed as barcodes: {shown}. A barcode takes letters, "
            "digits, spaces and - . / + : # * %, starting with a letter or digit, up to 48 "
            "characters; correct these codes first.",
            codes=bad,
        )
    return labels


def _place(aisle: int, position: int, level: int, zone: str | None) -> str:
    where = f"{aisle}巷道 {position}列 {level}层"
    return f"{zone}区 {where}" if zone else where


# ---------------------------------------------------------------- labels


def location_labels(
    db: Database, warehouse_code: str, aisle: int | None = None
) -> list[LocationLabel]:
    """One label per location of the warehouse (or of one aisle), in walking order:
    aisle, bay, level. The barcode is the location's barcode."""
    with db.read() as session:
        warehouse = find_warehouse(session, warehouse_code)
        if aisle is not None and not 1 <= aisle <= warehouse.aisles:
            raise FloorError(
                "aisle_unknown",
                f"Warehouse {warehouse.code} has aisles 1 to {warehouse.aisles}; "
                f"there is no aisle {aisle}.",
                warehouse=warehouse.code,
                aisle=aisle,
                aisles=warehouse.aisles,
            )
        query = (
            select(Location.barcode, Location.aisle, Location.position, Location.level, Zone.code)
            .outerjoin(Zone, Zone.id == Location.zone_id)
            .where(Location.warehouse_id == warehouse.id)
            .order_by(Location.aisle, Location.position, Location.level, Location.barcode)
        )
        if aisle is not None:
            query = query.where(Location.aisle == aisle)
        rows = session.execute(query).all()
    return _build(
        "locations",
        [
            (code, lambda c=code, a=a, p=p, lv=lv, z=z: LocationLabel(c, _place(a, p, lv, z)))
            for code, a, p, lv, z in rows
        ],
    )


def tote_labels(db: Database, warehouse_code: str) -> list[ToteLabel]:
    """One label per tote of the warehouse, in number order."""
    with db.read() as session:
        warehouse = find_warehouse(session, warehouse_code)
        codes = list(
            session.scalars(
                select(Tote.code)
                .where(Tote.warehouse_id == warehouse.id)
                .order_by(func.length(Tote.code), Tote.code)
            )
        )
        where = f"{warehouse.name} {warehouse.code}".strip()
    return _build("totes", [(c, lambda c=c: ToteLabel(c, where)) for c in codes])


def badge_labels(db: Database) -> list[BadgeLabel]:
    """One badge per active user: badge code, name and role. Never a PIN."""
    with db.read() as session:
        rows = session.execute(
            select(User.badge, User.name, User.role).where(User.active).order_by(User.badge)
        ).all()
    return _build(
        "badges",
        [(b, lambda b=b, n=n, r=r: BadgeLabel(b, n, ROLE_NAMES.get(r, r))) for b, n, r in rows],
    )


def _pack(kind: str, pack_qty: int) -> str:
    return f"整箱 case ×{pack_qty}" if kind == "case" else "单件 unit"


def product_labels(db: Database, skus: Sequence[str] | None = None) -> list[ProductLabel]:
    """A label per product barcode (unit and case) of every active product, or of the
    ``skus`` named (in that order); a product with no barcode gets its SKU as the barcode."""
    with db.read() as session:
        query = select(Product)
        if skus is None:
            products = list(session.scalars(query.where(Product.active).order_by(Product.sku)))
        else:
            wanted = list(dict.fromkeys(s.strip() for s in skus if s.strip()))
            found = {p.sku: p for p in session.scalars(query.where(Product.sku.in_(wanted)))}
            missing = [s for s in wanted if s not in found]
            if missing:
                raise FloorError(
                    "sku_unknown",
                    f"No product has the SKU {', '.join(missing)}.",
                    skus=missing,
                )
            products = [found[s] for s in wanted]
        barcodes: dict[int, list[tuple[str, str, int]]] = {}
        for pid, code, kind, qty in session.execute(
            select(
                ProductBarcode.product_id,
                ProductBarcode.barcode,
                ProductBarcode.kind,
                ProductBarcode.pack_qty,
            )
            .where(ProductBarcode.product_id.in_([p.id for p in products]))
            .order_by(ProductBarcode.product_id, ProductBarcode.kind.desc(), ProductBarcode.id)
        ):  # "unit" sorts after "case": descending puts the unit barcode first
            barcodes.setdefault(pid, []).append((code, kind, qty))
    rows: list[tuple[str, Callable[[], ProductLabel]]] = []
    for p in products:
        name = p.name_zh or p.name_en or p.sku
        for code, kind, qty in barcodes.get(p.id, [(p.sku, "unit", 1)]):
            spec = f"{p.sku} · {_pack(kind, qty)}"
            rows.append((code, lambda c=code, n=name, s=spec: ProductLabel(c, n, s)))
    return _build("product barcodes", rows)


def render_many(
    labels: Sequence[CodeLabel],
    fmt: str,
    size: LabelSize | str,
    *,
    cjk: Literal["graphic", "font"] = "graphic",
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """One print job of ``labels``: ``"pdf"`` a page per label, ``"zpl"`` the label
    formats one after another. ``progress(1)`` is called after each label."""
    if fmt not in FORMATS:
        raise FloorError(
            "label_format", f"Labels are printed as pdf or zpl, not {fmt!r}.", format=fmt
        )
    if isinstance(size, str):
        try:
            size = LabelSize.by_name(size)
        except ValueError as exc:
            raise FloorError("label_size", f"{exc}.", size=size) from None
    if not labels:
        raise FloorError("labels_empty", "There are no labels to print.")
    if fmt == "pdf":
        return labels_pdf(labels, size, progress=progress)
    return labels_zpl(labels, size, cjk=cjk, progress=progress)


# ---------------------------------------------------------------- demo scan sheet


def _demo_pins() -> dict[tuple[str, str, str], str]:
    """(badge, name, role) → the published PIN of the demo people who have one."""
    from app.services.demo_catalog import plan_catalog  # the plan of people is cheap to make

    return {(u.badge, u.name, u.role): u.pin for u in plan_catalog(products=1).users if u.pin}


def _badge_section(session: Session) -> SheetSection:
    pins = _demo_pins()
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
            _place(loc.aisle, loc.position, loc.level, zones.get(loc.zone_id)),
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
            sheet_code = SheetCode(code, name, f"{product.sku} · {_pack(kind, qty)}")
            if kind == "case" and len(cases) < SHEET_CASE_CODES:
                cases.append(sheet_code)
            elif kind != "case" and not unit_done:
                units.append(sheet_code)
                unit_done = True
    return SheetSection(
        "product", tuple(units + cases), note="单件码与整箱码 unit and case barcodes"
    )


def demo_sheet_sections(
    db: Database, warehouse_code: str = "HZ1"
) -> tuple[list[SheetSection], list[str]]:
    """The sheet's sections and the lines under its title, read from the database."""
    with db.read() as session:
        warehouse = find_warehouse(session, warehouse_code)
        badges = _badge_section(session)
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


def demo_scan_sheet(db: Database, warehouse_code: str = "HZ1") -> bytes:
    """The A4 demo scan sheet (PDF) for one warehouse; see the module note."""
    sections, notes = demo_sheet_sections(db, warehouse_code)
    return scan_sheet_pdf(sections, title="wavedesk 扫码练习单 Demo scan sheet", notes=notes)
