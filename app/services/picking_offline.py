"""Walking the task in hand without the central database.

:class:`OfflinePick` holds a copy of a :class:`~app.services.picking_plan.TaskPlan`
and answers each scan exactly as :func:`app.services.picking_scan.scan` would —
same steps, same codes, same parameters, same :class:`ScanOutcome` and
:class:`TaskView` — using the same row types and the same view functions
(``current_line``, ``step_of``, ``make_view``). :meth:`OfflinePick.scan` changes
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
from dataclasses import dataclass, field
from typing import Any

from app.db.models import utcnow
from app.devices import scan as sc
from app.services.floor_errors import FloorError
from app.services.picking_plan import PlanBarcode, TaskPlan
from app.services.picking_views import (
    LineRow,
    ScanOutcome,
    TaskRow,
    TaskView,
    current_line,
    make_view,
    step_of,
)


@dataclass(slots=True)
class _Result:
    accepted: bool
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    changed: bool = False
    finished_line: LineRow | None = None


def _gtin_forms(gtin: str) -> set[str]:
    forms = {gtin}
    for width in (13, 12, 8):
        if gtin[: 14 - width].strip("0") == "":
            forms.add(gtin[14 - width :])
    return forms


def same_walk(a: TaskView | None, b: TaskView | None) -> bool:
    """Do two views of a task stand at the same place (the line, its counts, the step,
    the task's own progress)? The wave's progress and the version are left out: other
    stations move those."""
    if a is None or b is None:
        return a is b
    return (a.task_id, a.status, a.step, a.line, a.next_location, a.progress) == (
        b.task_id, b.status, b.step, b.line, b.next_location, b.progress
    )


class OfflinePick:
    """See the module doc. Immutable from the outside: :meth:`scan` returns a new walker."""

    def __init__(self, plan: TaskPlan, *, _rows: tuple[TaskRow, list[LineRow]] | None = None) -> None:
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

    def scan(self, meaning: sc.Scan, qty: int = 1, *, bound_tote: str | None = None) -> tuple[ScanOutcome, OfflinePick]:
        """The outcome of ``meaning`` on the task as this walker has it, and the walker
        after it. ``bound_tote`` accepts a tote on an unbound slot: only for following
        a scan the central database accepted (it bound that tote)."""
        task = dataclasses.replace(self._task)
        lines = [dataclasses.replace(ln) for ln in self._lines]
        line = current_line(task.kind, lines)
        if line is None:
            raise FloorError("task_done", f"task {task.label} is finished; take the next task", task=task.label)
        step = step_of(task.kind, line)
        if isinstance(meaning, sc.Unknown):
            res = _Result(False, "unreadable", f"could not read that code: {meaning.why}", {"why": meaning.why})
        elif step == "location":
            res = self._on_location(line, meaning)
        elif step == "item":
            res = self._on_item(task, lines, line, meaning, qty)
        else:
            res = self._on_tote(lines, line, meaning, bound_tote)
        if not res.changed:
            return ScanOutcome(res.accepted, res.code, res.message, make_view(task, lines), res.params), self
        if res.finished_line is not None:
            nxt = current_line(task.kind, lines)
            if nxt is not None and nxt.location_id == res.finished_line.location_id and not nxt.location_ok:
                nxt.location_ok = True
        task.version += 1
        if current_line(task.kind, lines) is None:
            task.status = "done"
            res.code = "task_done"
            res.message = f"task {task.label} is done"
            res.params = {"task": task.label}
        elif res.finished_line is not None:
            res.code = "line_done"
        after = OfflinePick(self.plan, _rows=(task, lines))
        return ScanOutcome(True, res.code, res.message, after.view, res.params), after

    # -- the three steps, as app.services.picking_scan takes them -------------------------

    @staticmethod
    def _on_location(line: LineRow, meaning: sc.Scan) -> _Result:
        where = {"expected": line.loc_code}
        text = meaning.code if isinstance(meaning, sc.Location) else (
            meaning.barcode if isinstance(meaning, sc.Product) else None)
        if text is not None and text.upper() in (line.loc_code.upper(), line.loc_barcode.upper()):
            line.location_ok = True
            left = line.qty - line.picked_qty
            return _Result(True, "location_ok", f"at {line.loc_code}: take {left} × {line.sku}",
                           {**where, "qty": left, "sku": line.sku}, changed=True)
        if isinstance(meaning, sc.Location):
            return _Result(False, "wrong_location", f"this is {meaning.code}; go to {line.loc_code}",
                           {**where, "scanned": meaning.code})
        return _Result(False, "expect_location", f"scan the location {line.loc_code} first", where)

    def _barcode_of(self, meaning: sc.Scan) -> PlanBarcode | _Result | None:
        if isinstance(meaning, sc.Product):
            wanted = {meaning.barcode} | (_gtin_forms(meaning.gtin) if meaning.gtin else set())
            shown = meaning.barcode
        elif isinstance(meaning, sc.Gs1):
            if meaning.gtin is None:
                return _Result(False, "no_gtin", "this GS1 code carries no item number (01)")
            wanted, shown = _gtin_forms(meaning.gtin), meaning.gtin
        else:
            return None
        if shown in self._barcodes:
            return self._barcodes[shown]
        for code in sorted(wanted):
            if code in self._barcodes:
                return self._barcodes[code]
        return _Result(False, "wrong_product", f"{shown} is not an item of this task",
                       {"scanned": shown})

    def _on_item(self, task: TaskRow, lines: list[LineRow], line: LineRow, meaning: sc.Scan, qty: int) -> _Result:
        left = line.qty - line.picked_qty
        want = {"sku": line.sku, "name_zh": line.name_zh, "name_en": line.name_en, "left": left,
                "location": line.loc_code}
        if isinstance(meaning, sc.Location) and meaning.code.upper() in (line.loc_code.upper(), line.loc_barcode.upper()):
            return _Result(True, "location_ok", f"at {line.loc_code}: take {left} × {line.sku}",
                           {**want, "expected": line.loc_code, "qty": left})
        found = self._barcode_of(meaning)
        if found is None:
            return _Result(False, "expect_item", f"scan the item {line.sku} ({left} to take)", want)
        if isinstance(found, _Result):
            if found.code == "wrong_product":
                found.message = f"that is {found.params['scanned']}; take {line.sku} here"
            found.params = {**want, **found.params}
            return found
        if found.product_id != line.product_id:
            sku = self._skus.get(found.product_id, found.barcode)
            return _Result(False, "wrong_product", f"that is {sku}; take {line.sku} here", {**want, "scanned": sku})
        if qty < 1:
            return _Result(False, "bad_qty", f"quantity must be at least 1, not {qty}", {**want, "qty": qty})
        run = _run(task, lines, line)
        room = sum(ln.qty - ln.picked_qty for ln in run)
        pack = found.pack_qty
        units = qty * pack
        if units > room:
            case = found.kind == "case"
            msg = f"case of {pack}, only {room} left to pick" if case else f"{units} scanned, only {room} left to pick"
            return _Result(False, "over_quantity", msg,
                           {**want, "units": units, "pack": pack, "left": room, "case": case})
        rest = units
        finished: LineRow | None = None
        at = utcnow()
        for ln in run:
            if rest == 0:
                break
            take = min(rest, ln.qty - ln.picked_qty)
            rest -= take
            ln.picked_qty += take
            ln.location_ok = True
            if ln.picked_qty == ln.qty and task.kind != "cart":
                ln.status, ln.picked_at = "picked", at
                finished = ln
        after = line.qty - line.picked_qty
        return _Result(True, "item_ok", f"{units} × {line.sku} counted, {after} to go",
                       {**want, "units": units, "left": after}, changed=True, finished_line=finished)

    @staticmethod
    def _on_tote(lines: list[LineRow], line: LineRow, meaning: sc.Scan, bound_tote: str | None) -> _Result:
        want: dict[str, Any] = {"slot": line.slot, "tote": line.tote_code or "", "sku": line.sku}
        if not isinstance(meaning, sc.Tote):
            if line.tote_code:
                return _Result(False, "expect_tote",
                               f"put the items into tote {line.tote_code} (slot {line.slot}) and scan it", want)
            return _Result(False, "expect_tote", f"put the items into a free tote for slot {line.slot} and scan it", want)
        code = meaning.code
        want["scanned"] = code
        if line.tote_code:
            if line.tote_code.upper() != code.upper():
                return _Result(False, "wrong_tote", f"slot {line.slot} goes into tote {line.tote_code}, not {code}", want)
        elif bound_tote is not None and bound_tote.upper() == code.upper():
            for ln in lines:
                if ln.slot == line.slot:
                    ln.tote_code = bound_tote
            want["tote"] = bound_tote
        else:
            return _Result(
                False, "offline_tote",
                f"slot {line.slot} has no tote yet and binding one needs the central database: keep the "
                f"items in slot {line.slot} and scan the tote when the database is back", want,
            )
        if line.status == "open":
            line.status = "picked"
        line.picked_at = utcnow()
        return _Result(True, "line_done", f"{line.picked_qty} × {line.sku} in tote {line.tote_code}",
                       {**want, "qty": line.picked_qty}, changed=True, finished_line=line)


def _run(task: TaskRow, lines: list[LineRow], line: LineRow) -> list[LineRow]:
    """As ``picking_scan._run``: on a bulk or wall list one item scan may fill the open
    lines right after this one at the same bin for the same product."""
    if task.kind == "cart":
        return [line]
    run: list[LineRow] = []
    for ln in lines:
        if ln.seq < line.seq or ln.status != "open":
            continue
        if ln.location_id != line.location_id or ln.product_id != line.product_id:
            break
        run.append(ln)
    return run
