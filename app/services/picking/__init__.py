"""Picking (拣货): claiming routed pick tasks, walking them scan by scan (location →
item → tote), short picks, and the task in hand offline."""

from app.domain.pick_records import LineRow, TaskRow
from app.services.picking.claim import (
    PICKABLE_WAVES,
    SHORT_REASONS,
    ScanOutcome,
    ShortOutcome,
    TaskPlan,
    TaskView,
)
from app.services.picking.offline import (
    OfflinePick,
    same_walk,
)
from app.services.picking.plan import (
    PlanBarcode,
    product_barcodes,
)
from app.services.picking.scan import (
    scan,
    scan_text,
)

__all__ = [
    "LineRow",
    "OfflinePick",
    "PICKABLE_WAVES",
    "PlanBarcode",
    "SHORT_REASONS",
    "ScanOutcome",
    "ShortOutcome",
    "TaskPlan",
    "TaskRow",
    "TaskView",
    "product_barcodes",
    "same_walk",
    "scan",
    "scan_text",
]
