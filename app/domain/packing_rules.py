"""The checks of one item scan at the pack bench that need no database, shared by
:func:`app.services.packing.bench.verify` and :func:`app.services.packing.offline.verify_offline`
so that a scan checked offline gets the service's answer: the same codes, messages
and parameters, in the same order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.domain import scan as sc
from app.domain.item_codes import barcodes_of


@dataclass(frozen=True, slots=True)
class Refusal:
    code: str
    message: str
    params: dict[str, Any]


def scan_text(meaning: sc.Scan) -> str:
    """What was scanned, as the scan record and the outcome's ``scanned`` keep it."""
    for attr in ("raw", "code", "order_no", "barcode", "number", "name"):
        value = getattr(meaning, attr, "")
        if value:
            return str(value)
    return meaning.kind


def item_codes(
    order_no: str, status: str, stop_reason: str | None, meaning: sc.Scan, qty: int
) -> tuple[set[str], str] | Refusal:
    """The barcodes to look the scan up by, and how to name it; or why the scan counts
    nothing before any lookup. ``stop_reason`` is None unless the order is stopped."""
    if stop_reason is not None:
        return Refusal("intercepted", stop_reason, {"reason": stop_reason})
    if status != "picked":
        return Refusal(
            "not_packable",
            f"order {order_no} is {status}: nothing to verify",
            {"order_no": order_no, "status": status},
        )
    if qty < 1:
        return Refusal("bad_qty", f"the quantity must be at least 1, not {qty}", {"qty": qty})
    wanted = barcodes_of(meaning)
    if wanted is None:
        return Refusal("not_a_product", "scan an item of this order", {})
    if not wanted[0]:
        return Refusal("no_gtin", "this GS1 code carries no item number (01)", {})
    return wanted


def units_of(kind: str, pack_qty: int, qty: int) -> int:
    """How many units ``qty`` scans of a barcode are: a case counts its pack quantity."""
    return (pack_qty if kind == "case" else 1) * qty


def too_many(sku: str, expected: int, done: int, units: int) -> Refusal | None:
    """Refuses ``units`` more of a product when they would pass what the order holds."""
    if done + units <= expected:
        return None
    if done >= expected:
        message = f"all {expected} of {sku} already scanned"
    else:
        message = f"{units} is more than the {expected - done} of {sku} still to scan"
    return Refusal(
        "too_many",
        message,
        {"sku": sku, "expected": expected, "units": units, "left": expected - done},
    )


def counted(
    sku: str, name_zh: str, name_en: str, expected: int, done: int, units: int
) -> tuple[str, dict[str, Any]]:
    """The message and parameters of an accepted scan: ``done`` units were there before."""
    return f"{sku} {done + units}/{expected}", {
        "sku": sku,
        "name_zh": name_zh,
        "name_en": name_en,
        "scanned": done + units,
        "expected": expected,
        "units": units,
    }
