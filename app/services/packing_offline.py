"""Verifying an open order at the pack bench without the central database.

While the database answers, the bench reads every barcode of the open order's
products once (:func:`order_barcodes`: unit and case, with the pack quantity). When
it is away, :func:`verify_offline` counts a scanned item into the bench's
:class:`PackView` exactly as :func:`app.services.packing.verify` would — same codes,
same parameters, a :class:`PackOutcome` with the view as it would be afterwards —
and changes nothing itself; the station journals the scan and adopts the view.

A barcode of a product that is not in this order is ``not_in_order`` (the service
tells ``unknown_barcode`` when no product has it at all: only the database knows).
Opening another order, choosing a carton and completing (the tracking number) need
the database and are not done here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import OrderLine, ProductBarcode
from app.devices import scan as sc
from app.services.packing_views import LineCheck, PackOutcome, PackView, barcodes_of
from app.services.picking_plan import PlanBarcode


def order_barcodes(db: Database, order_id: int) -> dict[str, PlanBarcode]:
    """Every barcode of the products of order ``order_id``, by barcode."""
    with db.read() as session:
        products = select(OrderLine.product_id).where(OrderLine.order_id == order_id)
        rows = session.execute(
            select(ProductBarcode.barcode, ProductBarcode.product_id, ProductBarcode.kind, ProductBarcode.pack_qty)
            .where(ProductBarcode.product_id.in_(products))
            .order_by(ProductBarcode.id)
        ).all()
    return {code: PlanBarcode(code, pid, kind, max(int(pack or 1), 1)) for code, pid, kind, pack in rows}


def verify_offline(
    view: PackView, barcodes: Mapping[str, PlanBarcode], meaning: sc.Scan, qty: int = 1
) -> PackOutcome:
    """The outcome of one item scan on ``view``; see the module doc."""
    text = _scan_text(meaning)

    def refuse(code: str, message: str, **params: object) -> PackOutcome:
        return PackOutcome(False, code, message, view, {"scanned": text, **params})

    if view.intercepted:
        return refuse("intercepted", view.interception_reason, reason=view.interception_reason)
    if view.status != "picked":
        return refuse("not_packable", f"order {view.order_no} is {view.status}: nothing to verify",
                      order_no=view.order_no, status=view.status)
    if qty < 1:
        return refuse("bad_qty", f"the quantity must be at least 1, not {qty}", qty=qty)
    wanted = barcodes_of(meaning)
    if wanted is None:
        return refuse("not_a_product", "scan an item of this order")
    codes, shown = wanted
    if not codes:
        return refuse("no_gtin", "this GS1 code carries no item number (01)")
    bc = barcodes.get(shown) or next((barcodes[c] for c in sorted(codes) if c in barcodes), None)
    lines = [ln for ln in view.lines if bc is not None and ln.product_id == bc.product_id]
    if bc is None or not lines:
        return refuse("not_in_order", f"{shown} is not in this order", sku=shown, name_zh="", name_en="")
    first = lines[0]
    expected = sum(ln.expected for ln in lines)
    done = sum(ln.scanned for ln in lines)
    units = (bc.pack_qty if bc.kind == "case" else 1) * qty
    if done + units > expected:
        if done >= expected:
            message = f"all {expected} of {first.sku} already scanned"
        else:
            message = f"{units} is more than the {expected - done} of {first.sku} still to scan"
        return refuse("too_many", message, sku=first.sku, expected=expected, units=units, left=expected - done)
    after = _counted(view.lines, bc.product_id, done + units)
    new_view = dataclasses.replace(view, lines=after, complete=all(ln.complete for ln in after))
    return PackOutcome(
        True, "ok", f"{first.sku} {done + units}/{expected}", new_view,
        {"sku": first.sku, "name_zh": first.name_zh, "name_en": first.name_en,
         "scanned": done + units, "expected": expected, "units": units},
    )


def _counted(lines: tuple[LineCheck, ...], product_id: int, total: int) -> tuple[LineCheck, ...]:
    """The lines with ``total`` units of the product filling its lines in order, as
    :func:`app.services.packing_views.line_checks` fills them."""
    left = total
    out = []
    for ln in lines:
        if ln.product_id == product_id:
            got = min(ln.expected, left)
            left -= got
            ln = dataclasses.replace(ln, scanned=got)
        out.append(ln)
    return tuple(out)


def _scan_text(meaning: sc.Scan) -> str:
    for attr in ("raw", "code", "order_no", "barcode", "number", "name"):
        value = getattr(meaning, attr, "")
        if value:
            return str(value)
    return meaning.kind
