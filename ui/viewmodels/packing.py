"""View-model of the pack bench (复核/打包): the order in hand, every scan's answer,
the weight, the label.

Every service call and every scale reading goes through ``ctx.background.submit``,
one at a time in the order they were asked for (:class:`ui.viewmodels.op_queue.OpQueueModel`):
a scan looks at the order only when its turn comes, so it builds on the scan before.

What a scan does depends on the bench's state when its turn comes: with no order
open (or the last one packed), a tote, an order number or a single item opens one;
with an order open, items are verified, a carton barcode chooses the carton,
``CONFIRM`` packs it (or confirms an interception), ``REPRINT`` prints the label
again, ``CANCEL`` gives the order back.

Every outcome is told to the station's :class:`Feedback` (colour and sound) and as
``outcome(level, text)``; the services' stable codes are put in words by the one catalog
(:func:`ui.i18n.messages.refusal_text`).

The model is built in layers, one job each: :class:`ui.viewmodels.pack_bench.PackBench`
holds the order on the bench, its weighing and barcodes; :class:`ui.viewmodels.pack_labels.PackLabels`
packs it and prints its label; :class:`PackModel` here answers scans, verifies items
(online and offline), chooses the carton, weighs, stops and releases orders.

Working through an outage (``ctx.extras["offline"]``, a :class:`ui.bridges.offline.OfflineLink`):
with an order open, item scans are checked against the bench's view of it and the
order's barcodes (read once when it opened) exactly as the service checks them; an
accepted one is journaled, then counted on the screen; a refused one is red and not
journaled. Opening another order, the carton, completing (a tracking number comes from
the central database), reprints, releases and confirming a stop are refused with the
reason. A verify whose call found the database away runs again offline, same id.

Live updates (``ctx.extras["live"]``): when an order changes elsewhere the order on the
bench is read again once the queue is idle — an order cancelled at the supervisor's
station turns the screen into the interception page before the next scan.
"""

from __future__ import annotations

import uuid
from functools import partial

from app.devices.scale import ScaleError, Weight
from app.domain import scan as sc
from app.domain.floor_errors import FloorError
from app.services.packing import PackOutcome, PackView, verify_offline
from app.services.packing import bench as packing
from ui.bridges.offline import Local
from ui.i18n.language import status_label, unknown_scan_text
from ui.i18n.messages import refusal_text
from ui.i18n.params import Params
from ui.viewmodels.op_queue import Job, Op, OpFunc
from ui.viewmodels.pack_labels import PackLabels
from ui.viewmodels.pack_weighing import Weighing
from ui.widgets.feedback import Level

__all__ = ["SCALE_TIMEOUT_S", "PackModel", "Weighing"]

SCALE_TIMEOUT_S = 5.0
REPRINT_BY_SCAN = "REPRINT scanned at the bench"


class PackModel(PackLabels):
    """The pack bench; see the module doc."""

    # -- commands -------------------------------------------------------------------

    def handle_scan(self, meaning: sc.Scan) -> None:
        if isinstance(meaning, sc.Unknown):
            self._tell(Level.BAD, unknown_scan_text(meaning))
            return
        if isinstance(meaning, sc.Command):
            if meaning.name == "CONFIRM":
                v = self._view
                if v is not None and v.intercepted:
                    self.confirm_interception()
                else:
                    self.complete()
            elif meaning.name == "REPRINT":
                self.reprint(REPRINT_BY_SCAN)
            elif meaning.name == "CANCEL":
                self.release()
            else:
                self._unknown_command(meaning.name)
            return
        if isinstance(meaning, sc.Carton):
            self.choose_carton(meaning.code)
            return
        self._enqueue(partial(self._op_scan, meaning, str(uuid.uuid4())))

    def choose_carton(self, code: str) -> None:
        self._enqueue(partial(self._op_carton, code))

    def weigh(self) -> None:
        self._enqueue(self._op_weigh)

    def confirm_interception(self) -> None:
        self._enqueue(self._op_confirm)

    def release(self) -> None:
        self._enqueue(self._op_release)

    # -- the queue's hooks --------------------------------------------------------------

    def _from_database(self, op: Op | None) -> bool:
        return op != self._op_weigh  # a scale's timeout is not the database's

    def _on_refusal(self, exc: FloorError) -> None:
        if exc.code == "weight_mismatch":
            self.weight_mismatch.emit(dict(exc.params))

    def _on_other_failure(self, exc: Exception) -> None:
        if isinstance(exc, ScaleError):
            self._tell(Level.BAD, self.tr("Scale: {detail}").format(detail=str(exc)))
        else:
            super()._on_other_failure(exc)

    def _needs_database(self, op: OpFunc) -> str:
        """Why ``op`` cannot be done offline ("" for one that just waits)."""
        func = getattr(op, "func", op)
        if func == self._op_complete:
            return self.tr(
                "A tracking number comes from the central database unless the station holds a "
                "pre-fetched block, and this one does not: pack the order when the database is back"
            )
        if func == self._op_carton:
            return self.tr(
                "Choosing the carton needs the central database: scan it again when it is back"
            )
        if func in (self._op_reprint, self._op_void):
            return self.tr("Labels need the central database: print it when the database is back")
        if func == self._op_confirm:
            return self.tr(
                "Confirming the stop needs the central database: keep the items aside until it is back"
            )
        if func == self._op_release:
            return self.tr("Releasing an order needs the central database: wait until it is back")
        return ""

    # -- offline ----------------------------------------------------------------------

    def _verify_offline(self, view: PackView, meaning: sc.Scan, scan_id: str) -> Job | None:
        link = self._link
        assert link is not None
        codes = self._barcodes.get(view.order_id)
        if not codes or not link.can_journal:
            self._tell(
                Level.BAD,
                self.tr(
                    "Order {order} was not loaded before the central database went away: "
                    "items cannot be checked offline. Wait until it is back"
                ).format(order=view.order_no),
            )
            return None
        out = verify_offline(view, codes, meaning)
        if not out.accepted:
            self._on_verified(out, local=True)  # refused here as the server would: not journaled
            return None
        code = meaning.raw or out.params.get("scanned", "")
        if not meaning.raw:
            code = getattr(meaning, "barcode", "") or getattr(meaning, "gtin", "") or str(code)
        append = link.append_job(scan_id, "pack", view.order_id, code, 1)
        return Local(append, partial(self._on_journaled, out))

    def _on_journaled(self, out: PackOutcome, pending: int) -> None:
        self._journaled(pending)
        self._on_verified(out, local=True)

    # -- operations (each runs when its turn comes) --------------------------------

    def _op_scan(self, meaning: sc.Scan, scan_id: str) -> Job | None:
        db, actor = self._ctx.db, self._ctx.actor
        current = self._view
        if current is not None and current.intercepted:
            self._tell(
                Level.BAD,
                self.tr("Order {order} is stopped: confirm it on the screen first").format(
                    order=current.order_no
                ),
            )
            return None
        open_ = self._open_order()
        if open_ is not None:
            if isinstance(meaning, sc.Product | sc.Gs1):
                if self.offline:
                    return self._verify_offline(open_, meaning, scan_id)
                oid = open_.order_id
                return (lambda: packing.verify(db, actor, oid, meaning, scan_id)), self._on_verified
            same = (isinstance(meaning, sc.Tote) and meaning.code == open_.tote_code) or (
                isinstance(meaning, sc.Order)
                and meaning.order_no.lstrip("#") == open_.order_no.lstrip("#")
            )
            if not same:
                if isinstance(meaning, sc.Tote | sc.Order):
                    self._tell(
                        Level.WARN,
                        self.tr("Finish or release order {order} first").format(
                            order=open_.order_no
                        ),
                    )
                else:
                    self._tell(
                        Level.BAD,
                        self.tr("Scan an item of order {order}").format(order=open_.order_no),
                    )
                return None
        elif not isinstance(meaning, sc.Tote | sc.Order | sc.Product | sc.Gs1):
            self._tell(Level.BAD, self.tr("Scan a tote, an order number or a single-unit item"))
            return None
        if self.offline:
            if open_ is not None:
                self._tell(
                    Level.INFO,
                    self.tr("Order {order} is open: scan its items").format(order=open_.order_no),
                )
            else:
                self._tell(
                    Level.BAD,
                    self.tr("Opening an order needs the central database: wait until it is back"),
                )
            return None
        return (lambda: packing.open_order(db, actor, meaning, scan_id)), self._on_opened

    def _op_carton(self, code: str) -> Job | None:
        v = self._open_order()
        if v is None:
            self._tell(Level.BAD, self.tr("Open an order before choosing its carton"))
            return None
        if self.offline:
            self._refused_offline(self._op_carton)
            return None
        db, actor, oid = self._ctx.db, self._ctx.actor, v.order_id
        return (lambda: packing.choose_carton(db, actor, oid, code)), self._on_carton

    def _op_weigh(self) -> Job | None:
        scale = self._ctx.scale
        if scale is None:
            self._tell(Level.BAD, self.tr("This bench has no scale"))
            return None
        return (lambda: scale.read_stable(SCALE_TIMEOUT_S)), self._on_weighed

    def _op_confirm(self) -> Job | None:
        v = self._view
        if v is None or not v.intercepted:
            self._tell(Level.INFO, self.tr("No stopped order to confirm"))
            return None
        if self.offline:
            self._refused_offline(self._op_confirm)
            return None
        db, actor, oid = self._ctx.db, self._ctx.actor, v.order_id
        return (lambda: packing.confirm_interception(db, actor, oid)), partial(
            self._on_confirmed, v
        )

    def _op_release(self) -> Job | None:
        v = self._open_order()
        if v is None:
            self._tell(Level.INFO, self.tr("No order to release"))
            return None
        if self.offline:
            self._refused_offline(self._op_release)
            return None
        db, actor, oid = self._ctx.db, self._ctx.actor, v.order_id
        return (lambda: packing.release_order(db, actor, oid)), partial(self._on_released, v)

    # -- results --------------------------------------------------------------------

    def _on_opened(self, view: PackView) -> None:
        self._show(view)
        p = Params(order=view.order_no, carrier=view.carrier)
        if view.intercepted:
            self._tell(Level.BAD, self.tr("STOP: order {order} is intercepted").format_map(p))
        elif view.status != "picked":
            self._tell(
                Level.INFO,
                self.tr("Order {order} is {status}").format(
                    order=view.order_no, status=status_label(view.status)
                ),
            )
        elif view.complete:
            self._tell(
                Level.GOOD,
                self.tr("Order {order}: all items verified, weigh and pack").format_map(p),
            )
        else:
            self._tell(
                Level.INFO, self.tr("Order {order} ({carrier}): scan every item").format_map(p)
            )

    def _on_verified(self, out: PackOutcome, *, local: bool = False) -> None:
        if local:
            self._show_same_order(out.view)  # weighing and barcodes stay
        else:
            self._show(out.view)
        text = refusal_text(out.code, out.params, out.message)
        if out.code == "replayed":
            self._tell(Level.INFO, text)
        elif not out.accepted:
            self._tell(Level.BAD, text)
        elif out.view.complete:
            self._tell(Level.DONE, self.tr("All items verified: weigh and pack"))
        else:
            self._tell(Level.GOOD, text)

    def _on_carton(self, view: PackView) -> None:
        self._show(view)
        self._tell(Level.GOOD, self.tr("Carton {carton}").format(carton=view.carton))

    def _on_weighed(self, reading: Weight) -> None:
        self._set_weighing(int(reading.weight_g))
        w = self._weighing
        assert w is not None
        if w.ok is False:
            self._tell(
                Level.WARN,
                self.tr("{kg} kg: off by {diff} g (allowed {allowed} g)").format(
                    kg=w.kg, diff=w.diff_g, allowed=w.allowed_g
                ),
            )
        else:
            self._tell(Level.GOOD, self.tr("{kg} kg").format(kg=w.kg))

    def _on_confirmed(self, view: PackView, _none: None) -> None:
        self._show(None)
        self._tell(
            Level.WARN,
            self.tr("Order {order} stopped: its items go to the returns tote").format(
                order=view.order_no
            ),
        )

    def _on_released(self, view: PackView, _none: None) -> None:
        self._show(None)
        self._tell(Level.INFO, self.tr("Order {order} released").format(order=view.order_no))
