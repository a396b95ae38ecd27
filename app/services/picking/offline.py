"""Walking the task in hand without the central database.

:class:`OfflinePick` holds a copy of a :class:`~app.services.picking.plan.TaskPlan`
and answers each scan exactly as :func:`app.services.picking.scan.scan` would —
same steps, same codes, same parameters, same :class:`ScanOutcome` and
:class:`TaskView` — using the same row types and the same view functions
(``current_line``, ``step_of``, ``make_view``) and the same rules
(:mod:`app.domain.picking_rules`). :meth:`OfflinePick.scan` changes
nothing: it returns the outcome and the walker as it would be afterwards, so the
station adopts the new state only once the scan is safely in its journal.

Where the answer needs rows the plan does not hold, the walker refuses with a
reason instead of guessing:

* a barcode of a product that is not on this task is ``wrong_product`` (the service
  would say ``unknown_barcode`` when no product has it at all);
* a cart slot with no tote bound yet is ``offline_tote``: binding a free tote is a
  race with the other stations, decided only by the central database.

A task that is finished raises ``task_done`` as the service does.
"""

from __future__ import annotations

import dataclasses

from app.db.models import utcnow
from app.domain import picking_rules as rules
from app.domain import scan as sc
from app.domain.pick_records import LineRow, ScanOutcome, TaskRow, TaskView
from app.services.picking.plan import PlanBarcode, TaskPlan
from app.services.picking.views import current_line, make_view, step_of


def same_walk(a: TaskView | None, b: TaskView | None) -> bool:
    """Do two views of a task stand at the same place (the line, its counts, the step,
    the task's own progress)? The wave's progress and the version are left out: other
    stations move those."""
    if a is None or b is None:
        return a is b
    return (a.task_id, a.status, a.step, a.line, a.next_location, a.progress) == (
        b.task_id,
        b.status,
        b.step,
        b.line,
        b.next_location,
        b.progress,
    )


class OfflinePick:
    """See the module doc. Immutable from the outside: :meth:`scan` returns a new walker."""

    def __init__(
        self, plan: TaskPlan, *, _rows: tuple[TaskRow, list[LineRow]] | None = None
    ) -> None:
        self.plan = plan
        self._task, self._lines = _rows if _rows is not None else plan.rows()
        by_code: dict[str, PlanBarcode] = {}
        for b in plan.barcodes:
            by_code.setdefault(b.barcode, b)
        self._barcodes = by_code
        self._skus = {ln.product_id: ln.sku for ln in self._lines}

    @property
    def task_id(self) -> int:
        return self._task.id

    @property
    def view(self) -> TaskView:
        return make_view(self._task, self._lines)

    def scan(
        self, meaning: sc.Scan, qty: int = 1, *, bound_tote: str | None = None
    ) -> tuple[ScanOutcome, OfflinePick]:
        """The outcome of ``meaning`` on the task as this walker has it, and the walker
        after it. ``bound_tote`` accepts a tote on an unbound slot: only for following
        a scan the central database accepted (it bound that tote)."""
        task = dataclasses.replace(self._task)
        lines = [dataclasses.replace(ln) for ln in self._lines]
        line = current_line(task.kind, lines)
        if line is None:
            raise rules.task_finished(task)
        step = step_of(task.kind, line)
        if isinstance(meaning, sc.Unknown):
            res = rules.unreadable(meaning)
        elif step == "location":
            res = self._on_location(line, meaning)
        elif step == "item":
            res = self._on_item(task, lines, line, meaning, qty)
        else:
            res = self._on_tote(lines, line, meaning, bound_tote)
        if not res.changed:
            return ScanOutcome(
                res.accepted, res.code, res.message, make_view(task, lines), res.params
            ), self
        if res.finished_line is not None:
            nxt = current_line(task.kind, lines)
            if (
                nxt is not None
                and nxt.location_id == res.finished_line.location_id
                and not nxt.location_ok
            ):
                nxt.location_ok = True
        task.version += 1
        done = current_line(task.kind, lines) is None
        if done:
            task.status = "done"
        rules.settle(res, task, done)
        after = OfflinePick(self.plan, _rows=(task, lines))
        return ScanOutcome(True, res.code, res.message, after.view, res.params), after

    # -- the three steps, as app.services.picking.scan takes them -------------------------

    @staticmethod
    def _on_location(line: LineRow, meaning: sc.Scan) -> rules.StepResult:
        res = rules.location_step(line, meaning)
        if res.accepted:
            line.location_ok = True
        return res

    def _on_item(
        self, task: TaskRow, lines: list[LineRow], line: LineRow, meaning: sc.Scan, qty: int
    ) -> rules.StepResult:
        want = rules.item_wanted(line)
        wanted = rules.item_before_lookup(line, meaning, want)
        if isinstance(wanted, rules.StepResult):
            return wanted
        codes, shown = wanted
        found = self._barcodes.get(shown)
        if found is None:
            found = next(
                (self._barcodes[code] for code in sorted(codes) if code in self._barcodes), None
            )
        if found is None:  # the service could tell whether any product has it
            return rules.wrong_product(line, shown, want)
        if found.product_id != line.product_id:
            return rules.wrong_product(line, self._skus.get(found.product_id, found.barcode), want)
        run = rules.item_run(task, lines, line)
        units = rules.item_units(run, qty, found.kind, found.pack_qty, want, found.product_id)
        if isinstance(units, rules.StepResult):
            return units
        finished: LineRow | None = None
        at = utcnow()
        for ln, take in rules.spread(run, units):
            ln.picked_qty += take
            ln.location_ok = True
            if ln.picked_qty == ln.qty and task.kind != "cart":
                ln.status, ln.picked_at = "picked", at
                finished = ln
        return rules.item_counted(line, units, want, found.product_id, finished)

    @staticmethod
    def _on_tote(
        lines: list[LineRow], line: LineRow, meaning: sc.Scan, bound_tote: str | None
    ) -> rules.StepResult:
        want = rules.tote_wanted(line)
        if not isinstance(meaning, sc.Tote):
            return rules.expect_tote(line, want)
        code = meaning.code
        want["scanned"] = code
        if line.tote_code:
            if line.tote_code.upper() != code.upper():
                return rules.wrong_tote(line, code, want)
        elif bound_tote is not None and bound_tote.upper() == code.upper():
            for ln in lines:
                if ln.slot == line.slot:
                    ln.tote_code = bound_tote
            want["tote"] = bound_tote
        else:
            return rules.StepResult(
                False,
                "offline_tote",
                f"slot {line.slot} has no tote yet and binding one needs the central database: keep the "
                f"items in slot {line.slot} and scan the tote when the database is back",
                want,
            )
        if line.status == "open":
            line.status = "picked"
        line.picked_at = utcnow()
        return rules.tote_put(line, want)
