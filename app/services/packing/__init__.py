"""Packing (复核/打包): open an order at the bench, verify every unit by scan, choose
the carton, weigh, take a waybill number and print the label; reprint and void."""

from app.services.packing.bench import (
    Override,
    PackOutcome,
    PackResult,
    PackView,
    check_weight,
)
from app.services.packing.cartons import (
    ensure_default_cartons,
)
from app.services.packing.complete import complete
from app.services.packing.offline import (
    order_barcodes,
    verify_offline,
)
from app.services.packing.weighing import OVERRIDE_APPROVED_EVENT, WEIGHT_MISMATCH_EVENT

__all__ = [
    "OVERRIDE_APPROVED_EVENT",
    "Override",
    "PackOutcome",
    "PackResult",
    "PackView",
    "WEIGHT_MISMATCH_EVENT",
    "check_weight",
    "complete",
    "ensure_default_cartons",
    "order_barcodes",
    "verify_offline",
]
