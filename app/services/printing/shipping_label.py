"""The shipping label (电子面单) of an order: what goes on it, and the printable document.

The sender is the shipping warehouse: its name and address from the warehouse row,
its phone (and, if wanted, another name) from the ``label_sender`` setting —
``{"name": …, "phone": …}`` for all warehouses, overridden per warehouse by
``label_sender.<CODE>`` — since the warehouse table keeps no phone. The
recipient's phone is masked on the label unless the carrier needs it in full
(:class:`printing.label.ShippingLabel`). A reprint shows the time the shipment was
made, so every copy of a label is the same.

Refusals are FloorError: ``label_format_unknown``, ``label_size_unknown``,
``label_cjk_unknown``, ``order_unknown``, ``order_ambiguous``, ``not_packed``.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Order, Product, Shipment, Store, Warehouse
from app.domain.carriers import carrier_for
from app.domain.floor_errors import FloorError
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
    "find_order",
    "label_document",
    "label_for",
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


def find_order(session: Session, order_no: str, store: str | None = None) -> Order:
    """The order with this number (in ``store`` when given); ``#1001`` and ``1001`` both
    find a Shopify order. FloorError ``order_unknown`` / ``order_ambiguous``."""
    text = order_no.strip()
    numbers = {text, text.removeprefix("#"), text if text.startswith("#") else f"#{text}"}
    query = select(Order).join(Store, Store.id == Order.store_id).where(Order.order_no.in_(numbers))
    if store:
        query = query.where(Store.name == store)
    found = list(session.scalars(query.order_by(Order.id)))
    exact = [o for o in found if o.order_no == text]
    found = exact or found
    if not found:
        where = f" in store {store}" if store else ""
        raise FloorError("order_unknown", f"there is no order {text}{where}", order_no=text)
    if len(found) > 1:
        stores = ", ".join(sorted({o.store.name for o in found}))
        raise FloorError(
            "order_ambiguous",
            f"order {text} exists in several stores ({stores}): say which store",
            order_no=text,
            stores=stores,
        )
    return found[0]


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
        shipment = current_shipment(session, order.id) if order.status in LABELLED else None
        if shipment is None:
            raise FloorError(
                "not_packed",
                f"order {order.order_no} has no shipping label: it is {order.status}, not packed",
                order_no=order.order_no,
                status=order.status,
            )
        label = label_for(session, order, shipment)
    return render(label, fmt, size, zpl_cjk)


def order_carrier(order: Order) -> str:
    """The carrier the order ships with: the one assigned, else the one its method names."""
    return carrier_for(order.shipping_method, order.carrier)
