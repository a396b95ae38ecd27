"""View-model of the picking screen (拣货): the task in hand and every scan's answer.

All service calls go through ``ctx.background.submit``. Operations run one at a time
in the order they were asked for: a scan that arrives while another is on its way to
the database waits in a queue — never dropped, never applied out of order — and
reads the task's version only when its turn comes, so it builds on the scan before.

Every outcome is told twice: to the station's :class:`Feedback` (colour and sound)
and as ``outcome(level, text)``; texts are translated here from the services'
stable codes and parameters.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.devices import scan as sc
from app.services import picking
from app.services.floor_errors import FloorError
from app.services.picking import ScanOutcome, ShortOutcome, TaskView
from ui.context import StationContext
from ui.feedback import Level

Job = tuple[Callable[[], Any], Callable[[Any], None]]
Op = Callable[[], Job | None]

# Refusals after which the station's picture of the task is out of date.
_REFRESH_ON = frozenset({"stale", "task_taken", "not_claimed", "task_done"})


class _Params(dict[str, Any]):
    """Format parameters that leave an unknown ``{name}`` as it is instead of failing
    (a translation may name a parameter this code does not pass)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class PickModel(QObject):
    view_changed = Signal(object)  # TaskView | None
    outcome = Signal(str, str)  # level (ui.feedback.Level value), translated text
    busy_changed = Signal(bool)

    def __init__(self, ctx: StationContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._view: TaskView | None = None
        self._queue: deque[Op] = deque()
        self._in_flight = False
        self._busy = False
        self._quantity = 1

    # -- state ----------------------------------------------------------------------

    @property
    def view(self) -> TaskView | None:
        return self._view

    @property
    def busy(self) -> bool:
        return self._in_flight or bool(self._queue)

    @property
    def queued(self) -> int:
        return len(self._queue)

    @property
    def quantity(self) -> int:
        """What the next item scan counts (1 unless a quantity was entered)."""
        return self._quantity

    # -- commands -------------------------------------------------------------------

    def start(self) -> None:
        """Resume the task this station holds, else claim the next one."""
        self._enqueue(self._op_claim_next)

    def next_task(self) -> None:
        """Claim the next task once the one in hand is done (or there is none)."""
        self._enqueue(self._op_next)

    def claim(self, task_id: int) -> None:
        self._enqueue(partial(self._op_claim, task_id))

    def refresh(self) -> None:
        self._enqueue(self._op_refresh)

    def handle_scan(self, meaning: sc.Scan) -> None:
        if isinstance(meaning, sc.Command):
            if meaning.name == "NEXT":
                self.next_task()
            else:
                self._tell(Level.INFO, self.tr("Command {name} does nothing here").format(name=meaning.name))
            return
        self._enqueue(partial(self._op_scan, meaning, str(uuid.uuid4())))

    def enter_quantity(self, n: int) -> None:
        """The next item scan counts ``n`` (units, or cases of the scanned barcode)."""
        if n < 1:
            self._tell(Level.BAD, self.tr("Quantity must be at least 1"))
            return
        self._quantity = n
        self._tell(Level.INFO, self.tr("Next item scan counts {n}").format(n=n))

    def short(self, reason: str, found_qty: int) -> None:
        self._enqueue(partial(self._op_short, reason, found_qty, str(uuid.uuid4())))

    def release(self) -> None:
        self._enqueue(self._op_release)

    # -- the queue ------------------------------------------------------------------

    def _enqueue(self, op: Op) -> None:
        self._queue.append(op)
        self._pump()

    def _pump(self) -> None:
        while not self._in_flight and self._queue:
            job = self._queue.popleft()()
            if job is None:
                continue
            fn, done = job
            self._in_flight = True
            self._ctx.background.submit(fn, partial(self._done, done), self._failed, owner=self)
        busy = self._in_flight or bool(self._queue)
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def _done(self, handler: Callable[[Any], None], result: Any) -> None:
        self._in_flight = False
        try:
            handler(result)
        finally:
            self._pump()

    def _failed(self, exc: Exception) -> None:
        self._in_flight = False
        try:
            if isinstance(exc, FloorError):
                self._tell(Level.BAD, self.error_text(exc.code, exc.params, exc.message))
                if exc.code in _REFRESH_ON:
                    # Before anything still queued, so that it works on the task as it is now.
                    self._queue.appendleft(self._op_refresh)
            else:
                self._tell(Level.BAD, self.tr("Database problem: {detail}").format(detail=_first_line(exc)))
        finally:
            self._pump()

    # -- operations (each runs when its turn comes) --------------------------------

    def _actor_args(self) -> tuple[Any, Any]:
        return self._ctx.db, self._ctx.actor

    def _op_claim_next(self) -> Job:
        db, actor = self._actor_args()
        warehouse = self._ctx.station.warehouse_id
        return (lambda: picking.claim_next_task(db, actor, warehouse)), self._on_claimed

    def _op_next(self) -> Job | None:
        if self._view is not None and self._view.step != "done":
            self._tell(Level.WARN, self.tr("Finish or release task {task} first").format(task=self._view.label))
            return None
        return self._op_claim_next()

    def _op_claim(self, task_id: int) -> Job:
        db, actor = self._actor_args()
        return (lambda: picking.claim_task(db, actor, task_id)), self._on_claimed

    def _op_refresh(self) -> Job:
        db, actor = self._actor_args()
        return (lambda: picking.current_task(db, actor)), self._show

    def _op_release(self) -> Job | None:
        view = self._view
        if view is None or view.step == "done":
            self._tell(Level.INFO, self.tr("No task to release"))
            return None
        db, actor = self._actor_args()
        return (lambda: picking.release_task(db, actor, view.task_id)), self._on_released

    def _op_scan(self, meaning: sc.Scan, scan_id: str) -> Job | None:
        view = self._view
        if view is None:
            self._tell(Level.BAD, self.tr("No task in hand: press Next task"))
            return None
        if view.step == "done":
            self._tell(Level.BAD, self.tr("Task {task} is finished: scan NEXT for the next task").format(task=view.label))
            return None
        item = isinstance(meaning, sc.Product | sc.Gs1)
        qty = self._quantity if item else 1
        db, actor = self._actor_args()
        return (
            lambda: picking.scan(db, actor, view.task_id, meaning, scan_id, qty, task_version=view.task_version),
            partial(self._on_scanned, item),
        )

    def _op_short(self, reason: str, found: int, scan_id: str) -> Job | None:
        view = self._view
        if view is None or view.line is None:
            self._tell(Level.BAD, self.tr("No line to report short"))
            return None
        db, actor = self._actor_args()
        line_id = view.line.line_id
        return (
            lambda: picking.short_pick(db, actor, view.task_id, line_id, reason, found, scan_id,
                                       task_version=view.task_version),
            self._on_short,
        )

    # -- results --------------------------------------------------------------------

    def _show(self, view: TaskView | None) -> None:
        self._view = view
        self.view_changed.emit(view)

    def _on_claimed(self, view: TaskView | None) -> None:
        self._quantity = 1
        self._show(view)
        if view is None:
            self._tell(Level.INFO, self.tr("No pick task is waiting"))
        elif view.line is not None:
            self._tell(Level.INFO, self.tr("Task {task}: go to {location}").format(
                task=view.label, location=view.line.location))

    def _on_released(self, view: TaskView) -> None:
        self._quantity = 1
        self._show(None)
        self._tell(Level.INFO, self.tr("Task {task} released").format(task=view.label))

    def _on_scanned(self, item: bool, out: ScanOutcome) -> None:
        if item and out.accepted:
            self._quantity = 1
        self._show(out.view)
        text = self.scan_text(out.code, out.params, out.message)
        if out.replayed:
            self._tell(Level.INFO, self.tr("Already recorded: {text}").format(text=text))
        elif not out.accepted:
            self._tell(Level.BAD, text)
        elif out.code == "task_done":
            self._tell(Level.DONE, text)
        else:
            self._tell(Level.GOOD, text)

    def _on_short(self, out: ShortOutcome) -> None:
        self._show(out.view)
        if out.replayed:
            self._tell(Level.INFO, self.tr("That short pick was already recorded"))
            return
        p = _Params(out.params)
        if out.held:
            text = self.tr("{short} × {sku} short and no stock elsewhere: order {order_no} goes to a supervisor")
            self._tell(Level.WARN, text.format_map(p))
        else:
            self._tell(Level.WARN, self.tr("{short} × {sku} short: pick them at {to}").format_map(p))
        if out.view.step == "done":
            self._tell(Level.DONE, self.tr("Task {task} done. Scan NEXT for the next task").format(task=out.view.label))

    def _tell(self, level: Level, text: str) -> None:
        self._ctx.feedback.show(level, text)
        self.outcome.emit(level.value, text)

    # -- texts ----------------------------------------------------------------------

    def scan_text(self, code: str, params: dict[str, Any], fallback: str) -> str:
        p = _Params(params)
        if code == "over_quantity":
            if p.get("case"):
                return self.tr("Case of {pack}, only {left} left to pick").format_map(p)
            return self.tr("{units} scanned, only {left} left to pick").format_map(p)
        if code == "expect_tote" and not p.get("tote"):
            return self.tr("Put the items into a free tote for slot {slot} and scan it").format_map(p)
        texts = {
            "location_ok": self.tr("At {expected}: take {qty} × {sku}"),
            "item_ok": self.tr("{units} × {sku} counted, {left} to go"),
            "line_done": self.tr("Line done"),
            "task_done": self.tr("Task {task} done. Scan NEXT for the next task"),
            "expect_location": self.tr("Scan the location {expected} first"),
            "wrong_location": self.tr("Wrong location {scanned}: go to {expected}"),
            "expect_item": self.tr("Scan the item {sku} ({left} to take)"),
            "wrong_product": self.tr("Wrong item {scanned}: take {sku} here"),
            "unknown_barcode": self.tr("Barcode {barcode} is not a product we know"),
            "no_gtin": self.tr("This GS1 code carries no item number (01)"),
            "bad_qty": self.tr("Quantity must be at least 1"),
            "expect_tote": self.tr("Put the items into tote {tote} (slot {slot}) and scan it"),
            "wrong_tote": self.tr("Slot {slot} goes into tote {tote}, not {scanned}"),
            "unknown_tote": self.tr("There is no tote {scanned}"),
            "tote_busy": self.tr("Tote {scanned} is in use: take a free one"),
            "tote_elsewhere": self.tr("Tote {scanned} belongs to another warehouse"),
            "unreadable": self.tr("Could not read that code: {why}"),
        }
        text = texts.get(code)
        return text.format_map(p) if text is not None else fallback

    def error_text(self, code: str, params: dict[str, Any], fallback: str) -> str:
        p = _Params(params)
        if code == "task_taken":
            if p.get("station") and p.get("user"):
                return self.tr("Task {task} is being picked at {station} by {user}").format_map(p)
            if p.get("station") or p.get("user"):
                p["who"] = p.get("station") or p.get("user")
                return self.tr("Task {task} is being picked by {who}").format_map(p)
            return self.tr("Task {task} is being picked at another station").format_map(p)
        texts = {
            "no_task": self.tr("That pick task does not exist"),
            "task_done": self.tr("Task {task} is finished: take the next task"),
            "not_claimed": self.tr("Task {task} is not claimed by this station"),
            "holding_other": self.tr("This station is picking task {task}: finish or release it first"),
            "wave_closed": self.tr("Wave {wave} is closed"),
            "stale": self.tr("Task {task} changed at another station: showing it as it is now"),
            "no_line": self.tr("That line is not on this task"),
            "nothing_to_short": self.tr("Nothing is left to pick on this line"),
            "bad_found_qty": self.tr("Found must be less than the {left} still needed"),
            "bad_reason": self.tr("Choose why the pick is short"),
            "stock_mismatch": self.tr("Bin {location} holds fewer units than are reserved: ask a supervisor to count it"),
            "bad_scan_id": self.tr("The scan could not be recorded"),
        }
        text = texts.get(code)
        return text.format_map(p) if text is not None else fallback


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip() or type(exc).__name__
    return text.splitlines()[0]
