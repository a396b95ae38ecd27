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
``outcome(level, text)``; texts are translated here from the services' stable codes.

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
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.devices.scale import ScaleError
from app.domain import scan as sc
from app.domain.floor_errors import FloorError
from app.services.packing import (
    Override,
    PackOutcome,
    PackResult,
    PackView,
    check_weight,
    order_barcodes,
    verify_offline,
)
from app.services.packing import bench as packing
from app.services.picking import PlanBarcode
from app.services.station.link import describe_db_error, is_connection_lost
from ui.bridges.offline import Local
from ui.bridges.printer import SPOOLER
from ui.context import StationContext
from ui.i18n.language import status_label, unknown_scan_text
from ui.i18n.params import Params
from ui.viewmodels.op_queue import Job, Op, OpQueueModel
from ui.widgets.feedback import Level

SCALE_TIMEOUT_S = 5.0
REPRINT_BY_SCAN = "REPRINT scanned at the bench"


@dataclass(frozen=True, slots=True)
class Weighing:
    """The last reading of the scale against what the parcel should weigh; ``ok`` is
    None when there is nothing to compare with (a product without a weight)."""

    weight_g: int
    expected_g: int | None
    ok: bool | None
    diff_g: int | None
    allowed_g: int | None


class PackModel(OpQueueModel):
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
                self._tell(
                    Level.INFO,
                    self.tr("Command {name} does nothing here").format(name=meaning.name),
                )
            return
        if isinstance(meaning, sc.Carton):
            self.choose_carton(meaning.code)
            return
        self._enqueue(partial(self._op_scan, meaning, str(uuid.uuid4())))

    def choose_carton(self, code: str) -> None:
        self._enqueue(partial(self._op_carton, code))

    def weigh(self) -> None:
        self._enqueue(self._op_weigh)

    def complete(self, override: Override | None = None) -> None:
        self._enqueue(partial(self._op_complete, override))

    def reprint(self, reason: str) -> None:
        self._enqueue(partial(self._op_reprint, reason))

    def void(self, reason: str) -> None:
        self._enqueue(partial(self._op_void, reason))

    def confirm_interception(self) -> None:
        self._enqueue(self._op_confirm)

    def release(self) -> None:
        self._enqueue(self._op_release)

    # -- the queue's hooks --------------------------------------------------------------

    def _showing(self) -> bool:
        return self._view is not None

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

    def _needs_database(self, op: Op) -> str:
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

    def _refused_offline(self, op: Callable[..., Any]) -> None:
        self._tell(Level.BAD, self._needs_database(op))

    # -- offline ----------------------------------------------------------------------

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
            if is_connection_lost(exc) and self._link is not None:
                self._link.lost(describe_db_error(exc))

        self._ctx.background.submit(
            lambda: order_barcodes(db, order_id), loaded, failed, owner=self
        )

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
        if self._link is not None:
            self._link.note_pending(pending)
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
        v = self._packed()
        if v is None:
            return None
        cfg = self._ctx.config
        db, actor, oid = self._ctx.db, self._ctx.actor, v.order_id
        return (
            lambda: packing.reprint(
                db,
                actor,
                oid,
                reason,
                cfg.printer,
                cfg.label_format,
                cfg.label_size,
                zpl_cjk=cfg.zpl_cjk,
            ),
            self._on_reprinted,
        )

    def _op_void(self, reason: str) -> Job | None:
        v = self._packed()
        if v is None:
            return None
        cfg = self._ctx.config
        db, actor, oid = self._ctx.db, self._ctx.actor, v.order_id

        def run() -> tuple[PackResult, PackView]:
            result = packing.void_and_regenerate(
                db,
                actor,
                oid,
                reason,
                cfg.printer,
                cfg.label_format,
                cfg.label_size,
                zpl_cjk=cfg.zpl_cjk,
            )
            return result, packing.current_view(db, actor, oid)

        return run, self._on_voided

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

    def _op_refresh(self) -> Job | None:
        v = self._view
        if v is None or self.offline:
            return None
        db, actor, oid = self._ctx.db, self._ctx.actor, v.order_id
        return (lambda: packing.current_view(db, actor, oid)), self._show

    # -- results --------------------------------------------------------------------

    def _show(self, view: PackView | None) -> None:
        self._load_barcodes(view)
        new_order = view is None or self._view is None or view.order_id != self._view.order_id
        self._view = view
        if new_order:
            self._result = None
            self._set_weighing(None)
        elif self._weighing is not None:
            self._set_weighing(
                self._weighing.weight_g
            )  # the carton may have changed the expected weight
        self.view_changed.emit(view)
        if view is not None and view.intercepted:
            self.interception.emit(view)

    def _set_weighing(self, weight_g: int | None) -> None:
        if weight_g is None:
            self._weighing = None
        else:
            expected = self._view.expected_weight_g if self._view is not None else None
            if expected is None:
                self._weighing = Weighing(weight_g, None, None, None, None)
            else:
                pct, min_g = self.tolerance
                c = check_weight(expected, weight_g, pct, min_g)
                self._weighing = Weighing(weight_g, expected, c.ok, c.diff_g, c.allowed_g)
        self.weight_changed.emit(self._weighing)

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
            self._view = out.view  # the same order: weighing and barcodes stay
            self.view_changed.emit(out.view)
        else:
            self._show(out.view)
        text = self.scan_text(out.code, out.params, out.message)
        if out.code == "replayed":
            self._tell(Level.INFO, self.tr("Already recorded"))
        elif not out.accepted:
            self._tell(Level.BAD, text)
        elif out.view.complete:
            self._tell(Level.DONE, self.tr("All items verified: weigh and pack"))
        else:
            self._tell(Level.GOOD, text)

    def _on_carton(self, view: PackView) -> None:
        self._show(view)
        self._tell(Level.GOOD, self.tr("Carton {carton}").format(carton=view.carton))

    def _on_weighed(self, reading: Any) -> None:
        self._set_weighing(int(reading.weight_g))
        w = self._weighing
        assert w is not None
        kg = f"{w.weight_g / 1000:.3f}"
        if w.ok is False:
            self._tell(
                Level.WARN,
                self.tr("{kg} kg: off by {diff} g (allowed {allowed} g)").format(
                    kg=kg, diff=w.diff_g, allowed=w.allowed_g
                ),
            )
        else:
            self._tell(Level.GOOD, self.tr("{kg} kg").format(kg=kg))

    def _wake_printer(self) -> None:
        # The label is a queued job now; the spooler sends it at once instead of at its next poll.
        printer = self._ctx.extras.get(SPOOLER)
        wake = getattr(printer, "wake", None)
        if callable(wake):
            wake()

    def _on_completed(self, done: tuple[PackResult, PackView]) -> None:
        result, view = done
        self._wake_printer()
        self._result = result
        self._view = view  # the same order: keep the weighing shown
        self.view_changed.emit(view)
        self.completed.emit(result)
        self._tell(Level.DONE, self.tr("Packed: {tracking}").format(tracking=result.tracking_no))

    def _on_voided(self, done: tuple[PackResult, PackView]) -> None:
        result, view = done
        self._wake_printer()
        self._result = result
        self._view = view
        self.view_changed.emit(view)
        self.completed.emit(result)
        self._tell(
            Level.DONE,
            self.tr("Old label voided, new label {tracking}").format(tracking=result.tracking_no),
        )

    def _on_reprinted(self, _job: int) -> None:
        self._wake_printer()
        self._tell(Level.GOOD, self.tr("Label sent to the printer again"))

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

    # -- texts ----------------------------------------------------------------------

    def scan_text(self, code: str, params: dict[str, Any], fallback: str) -> str:
        p = Params(params)
        if code == "too_many" and p.get("left", 0) <= 0:
            return self.tr("All {expected} of {sku} already scanned").format_map(p)
        texts = {
            "ok": self.tr("{sku}: {scanned} of {expected}"),
            "not_in_order": self.tr("{sku} is not in this order"),
            "too_many": self.tr("{units} is more than the {left} of {sku} still to scan"),
            "unknown_barcode": self.tr("Barcode {barcode} is not a product we know"),
            "no_gtin": self.tr("This GS1 code carries no item number (01)"),
            "not_a_product": self.tr("Scan an item of this order"),
            "bad_qty": self.tr("Quantity must be at least 1"),
            "intercepted": self.tr("STOP: this order is intercepted"),
            "not_packable": self.tr("Order {order_no} is {status}: nothing to verify"),
        }
        text = texts.get(code)
        return text.format_map(p) if text is not None else fallback

    def error_text(self, code: str, params: dict[str, Any], fallback: str) -> str:
        p = Params(params)
        if isinstance(p.get("status"), str):
            p["status"] = status_label(p["status"])
        if code == "order_taken":
            if p.get("user"):
                return self.tr(
                    "Order {order_no} is being packed at {station} by {user}"
                ).format_map(p)
            return self.tr("Order {order_no} is being packed at {station}").format_map(p)
        if code == "weight_mismatch":
            p.update(
                measured=f"{p['measured_g'] / 1000:.3f}",
                expected=f"{p['expected_g'] / 1000:.3f}",
                allowed=f"{p['allowed_g'] / 1000:.3f}",
            )
            return self.tr(
                "Weighs {measured} kg, should be {expected} kg ± {allowed} kg"
            ).format_map(p)
        texts = {
            "no_station": self.tr("This bench is not a registered station"),
            "not_an_order": self.tr("Scan a tote, an order number or a single-unit item"),
            "tote_unknown": self.tr("There is no tote {tote}"),
            "tote_empty": self.tr("Tote {tote} carries no order to pack"),
            "order_unknown": self.tr("There is no such order"),
            "order_ambiguous": self.tr("Order {order_no} exists in several stores: scan its tote"),
            "wrong_warehouse": self.tr("Order {order_no} ships from another warehouse"),
            "not_picked": self.tr("Order {order_no} is not picked yet"),
            "stale": self.tr("Order {order_no} changed meanwhile: showing it as it is now"),
            "product_unknown": self.tr("Barcode {barcode} is not a product we know"),
            "no_single_order": self.tr("No single-unit order is waiting for {sku}"),
            "case_on_single": self.tr("That is a case of {pack_qty}: scan one item"),
            "order_not_open": self.tr("Order {order_no} is not open here: scan its tote"),
            "carton_unknown": self.tr("There is no carton {carton}"),
            "not_intercepted": self.tr("Order {order_no} is not stopped"),
            "intercepted": self.tr("STOP: order {order_no} is intercepted"),
            "not_packable": self.tr("Order {order_no} cannot be packed: it is {status}"),
            "not_verified": self.tr("{units} unit(s) still to scan: {missing}"),
            "bad_weight": self.tr("Put the parcel on the scale"),
            "not_supervisor": self.tr("A supervisor must approve this"),
            "reason_missing": self.tr("Say why"),
            "not_packed": self.tr("Order {order_no} is not packed: there is no label"),
            "already_shipped": self.tr("Order {order_no} is shipped: its label cannot be voided"),
            "pool_empty": self.tr(
                "No tracking numbers left for {carrier}: ask a supervisor to add a range"
            ),
            "label_format_unknown": self.tr(
                "Label format {format} is unknown: check the station settings"
            ),
            "label_size_unknown": self.tr(
                "Label size {size} is unknown: check the station settings"
            ),
        }
        text = texts.get(code)
        if text is None and code.startswith("print"):
            return self.tr("Printer problem: {detail}").format(detail=fallback)
        return text.format_map(p) if text is not None else fallback
