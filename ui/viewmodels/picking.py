"""View-model of the picking screen (拣货): the task in hand and every scan's answer.

All service calls go through ``ctx.background.submit``, one at a time in the order
they were asked for (:class:`ui.viewmodels.op_queue.OpQueueModel`): a scan reads the
task's version only when its turn comes, so it builds on the scan before.

Every outcome is told twice: to the station's :class:`Feedback` (colour and sound)
and as ``outcome(level, text)``; the services' stable codes and parameters are put in
words by the one catalog (:func:`ui.i18n.messages.refusal_text`).

Working through an outage (``ctx.extras["offline"]``, a :class:`ui.bridges.offline.OfflineLink`):
while online the model keeps the plan of the task in hand (:func:`picking.task_plan`),
read again whenever the server's view and the plan's disagree, and follows every
accepted scan on it. When the database cannot be reached, the scan that found out is
not lost: it runs again offline under the same id. Offline, each scan is checked
against the plan exactly as the service would check it; a refused one is red and
not journaled (replayed later it could be accepted in a state the picker never saw);
an accepted one is journaled before it turns green. Claiming, releasing and short
picks need the database and are refused with the reason. During a replay the queue
waits; afterwards the task is read again from the server.

Live updates (``ctx.extras["live"]``): when another station changes a pick task, a
wave or an order, the task in hand is read again — once the queue is idle, never in
the middle of queued scans.
"""

from __future__ import annotations

import uuid
from functools import partial

from PySide6.QtCore import QObject, Signal

from app.domain import scan as sc
from app.domain.floor_errors import FloorError
from app.services.audit import Actor
from app.services.picking import (
    OfflinePick,
    ScanOutcome,
    ShortOutcome,
    TaskPlan,
    TaskView,
    same_walk,
)
from app.services.picking import claim as picking
from app.services.picking import scan_text as raw_text
from app.services.station.link import Database
from ui.bridges.offline import Local
from ui.context import StationContext
from ui.i18n.messages import floor_text, refusal_text
from ui.i18n.params import Params
from ui.viewmodels.op_queue import Job, OpFunc, OpQueueModel
from ui.widgets.feedback import Level


class PickModel(OpQueueModel):
    view_changed = Signal(object)  # TaskView | None

    # Refusals after which the station's picture of the task is out of date.
    REFRESH_ON = frozenset({"stale", "task_taken", "not_claimed", "task_done"})
    LIVE_ENTITIES = ("pick_task", "wave", "order")

    def __init__(self, ctx: StationContext, parent: QObject | None = None) -> None:
        super().__init__(ctx, parent)
        self._view: TaskView | None = None
        self._quantity = 1
        self._plan: OfflinePick | None = None
        self._plan_loading: int | None = None

    # -- state ----------------------------------------------------------------------

    @property
    def view(self) -> TaskView | None:
        return self._view

    @property
    def queued(self) -> int:
        return len(self._queue)

    @property
    def quantity(self) -> int:
        """What the next item scan counts (1 unless a quantity was entered)."""
        return self._quantity

    @property
    def plan(self) -> OfflinePick | None:
        """The task in hand as this station can walk it without the database."""
        return self._plan

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
                self._unknown_command(meaning.name)
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

    # -- the queue's hooks --------------------------------------------------------------

    def _showing(self) -> bool:
        return self._view is not None

    def _may_refresh(self) -> bool:
        # With no task shown a refresh reads the one this station holds, if any: nothing
        # new is claimed unasked.
        return True

    def _needs_database(self, op: OpFunc) -> str:
        """Why ``op`` cannot be done offline ("" for one that just waits)."""
        func = getattr(op, "func", op)
        if func in (self._op_claim_next, self._op_next, self._op_claim):
            return self.tr(
                "Claiming a new task needs the central database: finish this task or wait"
            )
        if func == self._op_short:
            return self.tr(
                "A short pick needs the central database (stock in other bins): wait until it is back"
            )
        if func == self._op_release:
            return self.tr("Releasing a task needs the central database: wait until it is back")
        return ""

    # -- offline ----------------------------------------------------------------------

    def _sync_plan(self, view: TaskView | None) -> None:
        """Keep the plan in step with what the server showed; read it again if not."""
        if self._link is None:
            return
        if view is None or view.step == "done":
            self._plan = None
            return
        plan = self._plan
        if plan is not None and plan.task_id == view.task_id and same_walk(plan.view, view):
            return
        self._plan = None
        if self._plan_loading == view.task_id:
            return
        self._plan_loading = view.task_id
        db, actor, task_id = self._ctx.db, self._ctx.actor, view.task_id
        self._ctx.background.submit(
            lambda: picking.task_plan(db, actor, task_id),
            partial(self._plan_loaded, task_id),
            partial(self._plan_failed, task_id),
            owner=self,
        )

    def _plan_loaded(self, task_id: int, plan: TaskPlan) -> None:
        if self._plan_loading == task_id:
            self._plan_loading = None
        walker = OfflinePick(plan)
        if (
            self._view is not None
            and self._view.task_id == task_id
            and same_walk(walker.view, self._view)
        ):
            self._plan = walker

    def _plan_failed(self, task_id: int, exc: Exception) -> None:
        if self._plan_loading == task_id:
            self._plan_loading = None
        self._offline_read_failed(exc)

    def _follow(self, meaning: sc.Scan, qty: int, out: ScanOutcome) -> None:
        """Walk the plan along a scan the server accepted."""
        plan = self._plan
        if plan is None or out.replayed or plan.task_id != out.view.task_id:
            return
        tote = meaning.code if isinstance(meaning, sc.Tote) else None
        try:
            _, self._plan = plan.scan(meaning, qty, bound_tote=tote)
        except FloorError:
            self._plan = None

    def _op_scan_offline(
        self, meaning: sc.Scan, scan_id: str, view: TaskView, item: bool, qty: int
    ) -> Job | None:
        link, plan = self._link, self._plan
        assert link is not None
        if plan is None or plan.task_id != view.task_id or not link.can_journal:
            self._tell(
                Level.BAD,
                self.tr(
                    "Task {task} was not loaded before the central database went away: "
                    "scans cannot be checked offline. Wait until it is back"
                ).format(task=view.label),
            )
            return None
        try:
            out, after = plan.scan(meaning, qty)
        except FloorError as exc:
            self._tell(Level.BAD, floor_text(exc))
            return None
        if not out.accepted:
            # Refused here as the server would: not journaled.
            self._on_scanned(item, out, local=True)
            return None
        append = link.append_job(scan_id, "pick", view.task_id, raw_text(meaning), qty)
        return Local(append, partial(self._on_journaled, item, out, after))

    def _on_journaled(self, item: bool, out: ScanOutcome, after: OfflinePick, pending: int) -> None:
        self._plan = after
        self._journaled(pending)
        self._on_scanned(item, out, local=True)

    # -- operations (each runs when its turn comes) --------------------------------

    def _actor_args(self) -> tuple[Database, Actor]:
        return self._ctx.db, self._ctx.actor

    def _op_claim_next(self) -> Job | None:
        if self.offline:
            self._refused_offline(self._op_claim_next)
            return None
        db, actor = self._actor_args()
        warehouse = self._ctx.station.warehouse_id
        return (lambda: picking.claim_next_task(db, actor, warehouse)), self._on_claimed

    def _op_next(self) -> Job | None:
        if self._view is not None and self._view.step != "done":
            self._tell(
                Level.WARN,
                self.tr("Finish or release task {task} first").format(task=self._view.label),
            )
            return None
        return self._op_claim_next()

    def _op_claim(self, task_id: int) -> Job | None:
        if self.offline:
            self._refused_offline(self._op_claim)
            return None
        db, actor = self._actor_args()
        return (lambda: picking.claim_task(db, actor, task_id)), self._on_claimed

    def _op_refresh(self) -> Job | None:
        if self.offline:
            return None  # the local picture is the best there is
        db, actor = self._actor_args()
        shown = self._view
        finished = shown.task_id if shown is not None and shown.step == "done" else None

        def read() -> TaskView | None:
            held = picking.current_task(db, actor)
            if held is None and finished is not None:
                # A finished task stays on the screen, as the server has it, until NEXT.
                try:
                    return picking.task_plan(db, actor, finished).view
                except FloorError:
                    return None
            return held

        return read, self._show

    def _op_release(self) -> Job | None:
        view = self._view
        if view is None or view.step == "done":
            self._tell(Level.INFO, self.tr("No task to release"))
            return None
        if self.offline:
            self._refused_offline(self._op_release)
            return None
        db, actor = self._actor_args()
        return (lambda: picking.release_task(db, actor, view.task_id)), self._on_released

    def _op_scan(self, meaning: sc.Scan, scan_id: str) -> Job | None:
        view = self._view
        if view is None:
            self._tell(Level.BAD, self.tr("No task in hand: press Next task"))
            return None
        if view.step == "done":
            self._tell(
                Level.BAD,
                self.tr("Task {task} is finished: scan NEXT for the next task").format(
                    task=view.label
                ),
            )
            return None
        item = isinstance(meaning, sc.Product | sc.Gs1)
        qty = self._quantity if item else 1
        if self.offline:
            return self._op_scan_offline(meaning, scan_id, view, item, qty)
        db, actor = self._actor_args()
        return (
            lambda: picking.scan(
                db, actor, view.task_id, meaning, scan_id, qty, task_version=view.task_version
            ),
            partial(self._on_scanned_online, item, meaning, qty),
        )

    def _op_short(self, reason: str, found: int, scan_id: str) -> Job | None:
        view = self._view
        if view is None or view.line is None:
            self._tell(Level.BAD, self.tr("No line to report short"))
            return None
        if self.offline:
            self._refused_offline(self._op_short)
            return None
        db, actor = self._actor_args()
        line_id = view.line.line_id
        return (
            lambda: picking.short_pick(
                db,
                actor,
                view.task_id,
                line_id,
                reason,
                found,
                scan_id,
                task_version=view.task_version,
            ),
            self._on_short,
        )

    # -- results --------------------------------------------------------------------

    def _show(self, view: TaskView | None, *, local: bool = False) -> None:
        self._view = view
        self.view_changed.emit(view)
        if not local:
            self._sync_plan(view)

    def _on_claimed(self, view: TaskView | None) -> None:
        self._quantity = 1
        self._show(view)
        if view is None:
            self._tell(Level.INFO, self.tr("No pick task is waiting"))
        elif view.line is not None:
            self._tell(
                Level.INFO,
                self.tr("Task {task}: go to {location}").format(
                    task=view.label, location=view.line.location
                ),
            )

    def _on_released(self, view: TaskView) -> None:
        self._quantity = 1
        self._show(None)
        self._tell(Level.INFO, self.tr("Task {task} released").format(task=view.label))

    def _on_scanned_online(self, item: bool, meaning: sc.Scan, qty: int, out: ScanOutcome) -> None:
        if out.accepted:
            self._follow(meaning, qty, out)
        self._on_scanned(item, out)

    def _on_scanned(self, item: bool, out: ScanOutcome, *, local: bool = False) -> None:
        if item and out.accepted:
            self._quantity = 1
        self._show(out.view, local=local)
        text = refusal_text(out.code, out.params, out.message)
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
        p = Params(out.params)
        if out.held:
            text = self.tr(
                "{short} × {sku} short and no stock elsewhere: order {order_no} goes to a supervisor"
            )
            self._tell(Level.WARN, text.format_map(p))
        else:
            self._tell(
                Level.WARN, self.tr("{short} × {sku} short: pick them at {to}").format_map(p)
            )
        if out.view.step == "done":
            self._tell(
                Level.DONE,
                self.tr("Task {task} done. Scan NEXT for the next task").format(
                    task=out.view.label
                ),
            )
