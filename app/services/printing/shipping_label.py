"""The shipping label (电子面单) of an order: what goes on it, and the printable document.

The sender is the shipping warehouse: its name and address from the warehouse row,
its phone (and, if wanted, another name) from the ``label_sender`` setting —
``{"name": …, "phone": …}`` for all warehouses, overridden per warehouse by
``label_sender.<CODE>`` — since the warehouse table keeps no phone. The
recipient's phone is masked on the label unless the carrier needs it in full
(:class:`printing.label.ShippingLabel`). A reprint shows the time the shipment was
made, so every copy of a label is the same.

Refusals are FloorError: ``label_format_unknown``, ``label_size_unknown``,
``label_cjk_unknown``, ``not_packed``, and ``order_unknown`` / ``order_ambiguous``
from :func:`app.services.orders.find_order` (how an order number is read).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Order, Product, Shipment, Store, Warehouse
from app.domain.carriers import carrier_for
from app.domain.floor_errors import FloorError
from app.services.orders import find_order
from app.services.settings import get_setting
from printing.label import (
    WAYBILL_SIZES,
    LabelSize,
    Recipient,
    Sender,
    ShippingLabel,
    summarize_items,
)
from printing.pdf import render_pdf
from printing.zpl import render_zpl

__all__ = [
    "FORMATS",
    "SIZES",
    "check_format",
    "current_shipment",
    "label_document",
    "label_for",
    "labelled_shipment",
    "order_carrier",
    "render",
    "waybill_size",
]

FORMATS: tuple[str, ...] = ("zpl", "pdf")
SIZES: tuple[str, ...] = tuple(s.name for s in WAYBILL_SIZES)
LABELLED: tuple[str, ...] = ("packed", "shipped", "completed")


def _sender(session: Session, order: Order) -> Sender:
    wh = session.get(Warehouse, order.warehouse_id) if order.warehouse_id is not None else None
    setting = get_setting(session, "label_sender", {})
    if wh is not None:
        setting = {**setting, **get_setting(session, f"label_sender.{wh.code}", {})}
    store = session.get(Store, order.store_id)
    name = (
        setting.get("name") or (wh.name if wh is not None else "") or (store.name if store else "")
    )
    lines = (f"{wh.province}{wh.city}", wh.address) if wh is not None else ()
    return Sender(name=str(name), phone=str(setting.get("phone", "")), address_lines=lines)


def _items(session: Session, order: Order) -> str:
    ids = {ln.product_id for ln in order.lines if ln.product_id is not None}
    names = (
        dict(session.execute(select(Product.id, Product.name_zh).where(Product.id.in_(ids))).all())
        if ids
        else {}
    )
    return summarize_items(
        (
            (names.get(ln.product_id) or ln.name or ln.sku)
            if ln.product_id
            else (ln.name or ln.sku),
            ln.qty,
        )
        for ln in order.lines
    )


def label_for(session: Session, order: Order, shipment: Shipment) -> ShippingLabel:
    """The e-waybill of ``shipment`` for ``order``."""
    recipient = Recipient(
        name=order.recipient_name,
        phone=order.recipient_phone,
        province=order.province,
        city=order.city,
        district=order.district,
        address=order.address,
        postcode=order.postcode,
    )
    return ShippingLabel(
        carrier_code=shipment.carrier,
        tracking_no=shipment.tracking_no,
        sender=_sender(session, order),
        recipient=recipient,
        order_no=order.order_no,
        items_summary=_items(session, order),
        printed_at=shipment.created_at,
        weight_g=shipment.weight_g,
    )


def waybill_size(size: str) -> LabelSize:
    try:
        found = LabelSize.by_name(size)
    except ValueError:
        found = None
    if found is None or found not in WAYBILL_SIZES:
        raise FloorError(
            "label_size_unknown",
            f"{size!r} is not a shipping label size (sizes: {', '.join(SIZES)})",
            size=size,
        )
    return found


def check_format(fmt: str, zpl_cjk: str = "graphic") -> None:
    if fmt not in FORMATS:
        raise FloorError(
            "label_format_unknown", f"labels are printed as ZPL or PDF, not {fmt!r}", format=fmt
        )
    if zpl_cjk not in ("graphic", "font"):
        raise FloorError(
            "label_cjk_unknown",
            f"Chinese text in ZPL is 'graphic' or 'font', not {zpl_cjk!r}",
            zpl_cjk=zpl_cjk,
        )


def render(label: ShippingLabel, fmt: str, size: str, zpl_cjk: str = "graphic") -> bytes:
    """The label as ZPL (UTF-8 bytes) or PDF for the named waybill size."""
    check_format(fmt, zpl_cjk)
    stock = waybill_size(size)
    if fmt == "pdf":
        return render_pdf(label, stock)
    return render_zpl(label, stock, cjk="font" if zpl_cjk == "font" else "graphic").encode("utf-8")


def current_shipment(session: Session, order_id: int) -> Shipment | None:
    """The order's newest shipment that was not voided."""
    return session.scalars(
        select(Shipment)
        .where(Shipment.order_id == order_id, Shipment.status != "voided")
        .order_by(Shipment.id.desc())
        .limit(1)
    ).first()


def labelled_shipment(session: Session, order: Order) -> Shipment:
    """The shipment whose label a packed (shipped, completed) order carries; FloorError
    ``not_packed`` for an order that has none yet."""
    shipment = current_shipment(session, order.id) if order.status in LABELLED else None
    if shipment is None:
        raise FloorError(
            "not_packed",
            f"order {order.order_no} has no shipping label: it is {order.status}, not packed",
            order_no=order.order_no,
            status=order.status,
        )
    return shipment


def label_document(
    db: Database,
    order_no: str,
    fmt: str,
    size: str,
    store: str | None = None,
    zpl_cjk: str = "graphic",
) -> bytes:
    """The current label of a packed (or shipped) order as ZPL or PDF."""
    check_format(fmt, zpl_cjk)
    waybill_size(size)
    with db.read() as session:
        order = find_order(session, order_no, store)
        label = label_for(session, order, labelled_shipment(session, order))
    return render(label, fmt, size, zpl_cjk)


def order_carrier(order: Order) -> str:
    """The carrier the order ships with: the one assigned, else the one its method names."""
    return carrier_for(order.shipping_method, order.carrier)
