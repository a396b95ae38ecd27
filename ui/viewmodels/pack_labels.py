"""The pack bench's labels: packing the verified order (a tracking number and its
label), printing the label again, voiding it for a new one.

Each label is a queued print job; the spooler is woken to send it at once. None of
this can be done offline: a tracking number and a label come from the central database.
"""

from __future__ import annotations

from functools import partial

from app.services.packing import Override, PackResult, PackView
from app.services.packing import bench as packing
from ui.bridges.printer import SPOOLER
from ui.viewmodels.op_queue import Job
from ui.viewmodels.pack_bench import PackBench
from ui.widgets.feedback import Level


class PackLabels(PackBench):
    # -- commands -------------------------------------------------------------------

    def complete(self, override: Override | None = None) -> None:
        self._enqueue(partial(self._op_complete, override))

    def reprint(self, reason: str) -> None:
        self._enqueue(partial(self._op_reprint, reason))

    def void(self, reason: str) -> None:
        self._enqueue(partial(self._op_void, reason))

    # -- operations (each runs when its turn comes) --------------------------------

    def _op_complete(self, override: Override | None) -> Job | None:
        v = self._open_order()
        if v is None:
            self._tell(Level.BAD, self.tr("No order is open to pack"))
            return None
        if not v.complete:
            left = v.units_expected - v.units_scanned
            self._tell(Level.BAD, self.tr("{n} unit(s) still to scan").format(n=left))
            return None
        if self.has_scale and self._weighing is None:
            self._tell(Level.WARN, self.tr("Weigh the parcel first"))
            return None
        if self.offline:
            self._refused_offline(self._op_complete)
            return None
        cfg = self._ctx.config
        db, actor, oid = self._ctx.db, self._ctx.actor, v.order_id
        weight = self._weighing.weight_g if self._weighing is not None else None

        def run() -> tuple[PackResult, PackView]:
            result = packing.complete(
                db,
                actor,
                oid,
                weight_g=weight,
                carton=None,
                printer=cfg.printer,
                fmt=cfg.label_format,
                size=cfg.label_size,
                zpl_cjk=cfg.zpl_cjk,
                weight_pct=cfg.weight_tolerance_pct,
                weight_min_g=cfg.weight_tolerance_g,
                override=override,
            )
            return result, packing.current_view(db, actor, oid)

        return run, self._on_completed

    def _packed(self) -> PackView | None:
        if self.offline:
            self._refused_offline(self._op_reprint)
            return None
        v = self._view
        if v is None or v.status != "packed":
            self._tell(Level.BAD, self.tr("No packed order here: its label cannot be printed"))
            return None
        return v

    def _op_reprint(self, reason: str) -> Job | None:
        return self._label_job(reason, void=False)

    def _op_void(self, reason: str) -> Job | None:
        return self._label_job(reason, void=True)

    def _label_job(self, reason: str, *, void: bool) -> Job | None:
        """The packed order's label printed again, or voided and made anew."""
        v = self._packed()
        if v is None:
            return None
        cfg = self._ctx.config
        db, actor, oid = self._ctx.db, self._ctx.actor, v.order_id
        args = (db, actor, oid, reason, cfg.printer, cfg.label_format, cfg.label_size)
        if not void:
            return (lambda: packing.reprint(*args, zpl_cjk=cfg.zpl_cjk)), self._on_reprinted

        def run() -> tuple[PackResult, PackView]:
            result = packing.void_and_regenerate(*args, zpl_cjk=cfg.zpl_cjk)
            return result, packing.current_view(db, actor, oid)

        return run, self._on_voided

    # -- results --------------------------------------------------------------------

    def _wake_printer(self) -> None:
        # The label is a queued job now; the spooler sends it at once instead of at its next poll.
        printer = self._ctx.extras.get(SPOOLER)
        wake = getattr(printer, "wake", None)
        if callable(wake):
            wake()

    def _label_made(self, done: tuple[PackResult, PackView]) -> PackResult:
        result, view = done
        self._wake_printer()
        self._result = result
        self._show_same_order(view)  # the same order: keep the weighing shown
        self.completed.emit(result)
        return result

    def _on_completed(self, done: tuple[PackResult, PackView]) -> None:
        result = self._label_made(done)
        self._tell(Level.DONE, self.tr("Packed: {tracking}").format(tracking=result.tracking_no))

    def _on_voided(self, done: tuple[PackResult, PackView]) -> None:
        result = self._label_made(done)
        self._tell(
            Level.DONE,
            self.tr("Old label voided, new label {tracking}").format(tracking=result.tracking_no),
        )

    def _on_reprinted(self, _job: int) -> None:
        self._wake_printer()
        self._tell(Level.GOOD, self.tr("Label sent to the printer again"))
