"""The labels a warehouse prints to set itself up.

``location_labels``, ``tote_labels``, ``badge_labels`` and ``product_labels`` read
the database into :mod:`printing.label` code labels; :func:`render_many` turns a
list of them into one print job (a multi-page PDF or one ZPL stream).
The scan sheet is :mod:`app.services.printing.scan_sheet`.

Refusals are :class:`~app.domain.floor_errors.FloorError` with a stable code:
``warehouse_unknown``, ``aisle_unknown``, ``sku_unknown``, ``label_code_unprintable``,
``label_format``, ``label_size``, ``labels_empty``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Literal, TypeVar

from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import (
    Location,
    Product,
    ProductBarcode,
    Tote,
    User,
    Zone,
)
from app.domain.floor_errors import FloorError
from app.services.warehouse import find_warehouse
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

__all__ = [
    "DEFAULT_SIZES",
    "FORMATS",
    "ROLE_NAMES",
    "badge_labels",
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

L = TypeVar("L", bound=CodeLabel)


def _build(what: str, rows: Sequence[tuple[str, Callable[[], L]]]) -> list[L]:
    """Make every label, naming all codes that cannot be barcodes instead of failing on the first
    (each row makes its label only when called: a bad code raises ValueError there)."""
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


def place_text(aisle: int, position: int, level: int, zone: str | None) -> str:
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
            (code, partial(LocationLabel, code, place_text(a, p, lv, z)))
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
    return _build("totes", [(c, partial(ToteLabel, c, where)) for c in codes])


def badge_labels(db: Database) -> list[BadgeLabel]:
    """One badge per active user: badge code, name and role. Never a PIN."""
    with db.read() as session:
        rows = session.execute(
            select(User.badge, User.name, User.role).where(User.active).order_by(User.badge)
        ).all()
    return _build(
        "badges",
        [(b, partial(BadgeLabel, b, n, ROLE_NAMES.get(r, r))) for b, n, r in rows],
    )


def pack_text(kind: str, pack_qty: int) -> str:
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
            spec = f"{p.sku} · {pack_text(kind, qty)}"
            rows.append((code, partial(ProductLabel, code, name, spec)))
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
