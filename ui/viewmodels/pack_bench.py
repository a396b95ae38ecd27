"""What the pack bench holds: the order on it, the last weighing, the last label, and
the order's barcodes read once for verifying offline.

:class:`PackBench` is the state every part of the pack bench's view-model works on
(:mod:`ui.viewmodels.pack_labels` prints, :mod:`ui.viewmodels.packing` scans); it shows a
new picture of the order (``_show``) and reads it again when it is out of date.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.services.packing import PackResult, PackView, order_barcodes
from app.services.packing import bench as packing
from app.services.picking import PlanBarcode
from ui.context import StationContext
from ui.viewmodels.op_queue import Job, OpQueueModel
from ui.viewmodels.pack_weighing import Weighing, weighing_of


class PackBench(OpQueueModel):
    view_changed = Signal(object)  # PackView | None
    weight_changed = Signal(object)  # Weighing | None
    completed = Signal(object)  # PackResult: a label was made (packed, or voided and made again)
    interception = Signal(object)  # PackView of an intercepted order
    weight_mismatch = Signal(object)  # dict: measured_g, expected_g, diff_g, allowed_g

    # Refusals after which the bench's picture of the order is out of date.
    REFRESH_ON = frozenset(
        {"stale", "not_verified", "intercepted", "not_packable", "order_not_open"}
    )
    # An order cancelled at the supervisor's station stops the bench before the next scan.
    LIVE_ENTITIES = ("order",)

    def __init__(self, ctx: StationContext, parent: QObject | None = None) -> None:
        super().__init__(ctx, parent)
        self._view: PackView | None = None
        self._weighing: Weighing | None = None
        self._result: PackResult | None = None
        self._barcodes: dict[int, dict[str, PlanBarcode]] = {}  # order id -> its barcodes

    # -- state ----------------------------------------------------------------------

    @property
    def ctx(self) -> StationContext:
        return self._ctx

    @property
    def view(self) -> PackView | None:
        return self._view

    @property
    def weighing(self) -> Weighing | None:
        return self._weighing

    @property
    def last_result(self) -> PackResult | None:
        return self._result

    @property
    def offline_ready(self) -> bool:
        """The open order's barcodes are here: its items can be verified offline."""
        v = self._open_order()
        return v is not None and bool(self._barcodes.get(v.order_id))

    @property
    def has_scale(self) -> bool:
        return self._ctx.scale is not None

    @property
    def tolerance(self) -> tuple[float, int]:
        return self._ctx.config.weight_tolerance_pct, self._ctx.config.weight_tolerance_g

    def _open_order(self) -> PackView | None:
        """The order being verified: open, not yet packed, not stopped."""
        v = self._view
        return v if v is not None and v.status == "picked" and not v.intercepted else None

    def _showing(self) -> bool:
        return self._view is not None

    # -- the picture ------------------------------------------------------------------

    def _op_refresh(self) -> Job | None:
        v = self._view
        if v is None or self.offline:
            return None
        db, actor, oid = self._ctx.db, self._ctx.actor, v.order_id
        return (lambda: packing.current_view(db, actor, oid)), self._show

    def _show(self, view: PackView | None) -> None:
        self._load_barcodes(view)
        new_order = view is None or self._view is None or view.order_id != self._view.order_id
        self._view = view
        if new_order:
            self._result = None
            self._set_weighing(None)
        elif self._weighing is not None:
            # The carton may have changed the expected weight.
            self._set_weighing(self._weighing.weight_g)
        self.view_changed.emit(view)
        if view is not None and view.intercepted:
            self.interception.emit(view)

    def _show_same_order(self, view: PackView) -> None:
        """A new picture of the order on the bench: the weighing shown stays."""
        self._view = view
        self.view_changed.emit(view)

    def _set_weighing(self, weight_g: int | None) -> None:
        if weight_g is None:
            self._weighing = None
        else:
            expected = self._view.expected_weight_g if self._view is not None else None
            self._weighing = weighing_of(weight_g, expected, *self.tolerance)
        self.weight_changed.emit(self._weighing)

    def _load_barcodes(self, view: PackView | None) -> None:
        """Read the open order's barcodes once, for verifying offline."""
        if (
            self._link is None
            or view is None
            or view.status != "picked"
            or view.order_id in self._barcodes
        ):
            return
        db, order_id = self._ctx.db, view.order_id
        self._barcodes.clear()  # only the order on the bench is kept
        self._barcodes[order_id] = {}  # asked for; filled when read

        def loaded(codes: dict[str, PlanBarcode]) -> None:
            self._barcodes[order_id] = codes

        def failed(exc: Exception) -> None:
            self._barcodes.pop(order_id, None)
            self._offline_read_failed(exc)

        self._ctx.background.submit(
            lambda: order_barcodes(db, order_id), loaded, failed, owner=self
        )
