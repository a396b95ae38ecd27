"""Printing as a use case: shipping labels of orders, set-up labels and the scan sheet,
print jobs as rows (queued, sent, failed, retried) and the spooler thread that sends
them. Rendering is the ``printing`` package: bytes in, bytes out."""

from app.services.printing.jobs import (
    PENDING,
    STATUSES,
    JobRow,
    enqueue,
)
from app.services.printing.scan_sheet import (
    scan_sheet,
    scan_sheet_sections,
)
from app.services.printing.shipping_label import (
    check_format,
    current_shipment,
    label_document,
    label_for,
    labelled_shipment,
    order_carrier,
    render,
    waybill_size,
)
from app.services.printing.spooler import (
    Spooler,
)

__all__ = [
    "JobRow",
    "PENDING",
    "STATUSES",
    "Spooler",
    "check_format",
    "current_shipment",
    "enqueue",
    "label_document",
    "label_for",
    "labelled_shipment",
    "order_carrier",
    "render",
    "scan_sheet",
    "scan_sheet_sections",
    "waybill_size",
]
