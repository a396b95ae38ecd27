"""Verifying an open order at the pack bench without the central database.

While the database answers, the bench reads every barcode of the open order's
products once (:func:`order_barcodes`: unit and case, with the pack quantity). When
it is away, :func:`verify_offline` counts a scanned item into the bench's
:class:`PackView` exactly as :func:`app.services.packing.bench.verify` would — same codes,
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
from app.db.models import OrderLine
from app.domain import scan as sc
from app.domain.packing_rules import Refusal, counted, item_codes, scan_text, too_many, units_of
from app.services.packing.views import LineCheck, PackOutcome, PackView
from app.services.picking import PlanBarcode, product_barcodes


def order_barcodes(db: Database, order_id: int) -> dict[str, PlanBarcode]:
    """Every barcode of the products of order ``order_id``, by barcode."""
    with db.read() as session:
        products = select(OrderLine.product_id).where(OrderLine.order_id == order_id)
        return {b.barcode: b for b in product_barcodes(session, products)}


def verify_offline(
    view: PackView, barcodes: Mapping[str, PlanBarcode], meaning: sc.Scan, qty: int = 1
) -> PackOutcome:
    """The outcome of one item scan on ``view``; see the module doc."""
    text = scan_text(meaning)

    def refuse(code: str, message: str, **params: object) -> PackOutcome:
        return PackOutcome(False, code, message, view, {"scanned": text, **params})

    stop_reason = view.interception_reason if view.intercepted else None
    wanted = item_codes(view.order_no, view.status, stop_reason, meaning, qty)
    if isinstance(wanted, Refusal):
        return refuse(wanted.code, wanted.message, **wanted.params)
    codes, shown = wanted
    bc = barcodes.get(shown) or next((barcodes[c] for c in sorted(codes) if c in barcodes), None)
    lines = [ln for ln in view.lines if bc is not None and ln.product_id == bc.product_id]
    if bc is None or not lines:
        return refuse(
            "not_in_order", f"{shown} is not in this order", sku=shown, name_zh="", name_en=""
        )
    first = lines[0]
    expected = sum(ln.expected for ln in lines)
    done = sum(ln.scanned for ln in lines)
    units = units_of(bc.kind, bc.pack_qty, qty)
    over = too_many(first.sku, expected, done, units)
    if over is not None:
        return refuse(over.code, over.message, **over.params)
    after = _counted(view.lines, bc.product_id, done + units)
    new_view = dataclasses.replace(view, lines=after, complete=all(ln.complete for ln in after))
    message, params = counted(first.sku, first.name_zh, first.name_en, expected, done, units)
    return PackOutcome(True, "ok", message, new_view, params)


def _counted(lines: tuple[LineCheck, ...], product_id: int, total: int) -> tuple[LineCheck, ...]:
    """The lines with ``total`` units of the product filling its lines in order, as
    :func:`app.services.packing.views.line_checks` fills them."""
    left = total
    out = []
    for ln in lines:
        if ln.product_id == product_id:
            got = min(ln.expected, left)
            left -= got
            ln = dataclasses.replace(ln, scanned=got)
        out.append(ln)
    return tuple(out)
