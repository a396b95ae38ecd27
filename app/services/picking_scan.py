"""One scan at a picking station: location → item → tote, checked against the task.

Codes of a :class:`ScanOutcome` (the UI translates by them; ``params`` fill the text):

accepted  ``location_ok`` ``item_ok`` ``line_done`` ``task_done``
refused   ``expect_location`` ``wrong_location`` ``expect_item`` ``wrong_product``
          ``unknown_barcode`` ``no_gtin`` ``over_quantity`` ``bad_qty`` ``expect_tote``
          ``wrong_tote`` ``unknown_tote`` ``tote_busy`` ``tote_elsewhere`` ``unreadable``

A refused scan changes nothing but its own ScanRecord and the task's ``touched_at``.
Problems with the task itself (someone else holds it, it changed, it is finished)
raise :class:`FloorError` instead, and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Product, ProductBarcode, TaskSlot, Tote
from app.devices import scan as sc
from app.services.audit import Actor
from app.services.floor_errors import FloorError
from app.services.picking_flow import (
    advance,
    check_scan_id,
    commit_task,
    event,
    now,
    record_scan,
    require_holder,
    set_line,
    touch,
)
from app.services.picking_views import (
    LineRow,
    ScanOutcome,
    TaskRow,
    current_line,
    load_lines,
    load_task,
    make_view,
    step_of,
)

_totes = Tote.__table__
_slots = TaskSlot.__table__
_codes = ProductBarcode.__table__
_BARCODES = select(_codes.c.product_id, _codes.c.kind, _codes.c.pack_qty, _codes.c.barcode).where(
    _codes.c.barcode.in_(bindparam("codes", expanding=True))
)
_TOTE = select(_totes.c.id, _totes.c.code, _totes.c.status, _totes.c.warehouse_id).where(
    _totes.c.code == bindparam("code")
)


@dataclass(slots=True)
class _Result:
    accepted: bool
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    product_id: int | None = None
    qty: int = 0
    changed: bool = False  # an accepted scan that moved the task on (version bump, event)
    finished_line: LineRow | None = None


def scan_text(meaning: sc.Scan) -> str:
    """What was scanned, as the scan record keeps it."""
    if isinstance(meaning, sc.Location | sc.Tote | sc.Badge):
        return meaning.code
    if isinstance(meaning, sc.Product):
        return meaning.barcode
    if isinstance(meaning, sc.Command):
        return f"CMD:{meaning.name}"
    if isinstance(meaning, sc.Order):
        return meaning.order_no
    if isinstance(meaning, sc.Tracking):
        return meaning.number
    if isinstance(meaning, sc.Unknown):
        return meaning.text or meaning.raw
    return meaning.raw or str(meaning.fields.gtin or "")


def scan(
    db: Database, actor: Actor, task_id: int, meaning: sc.Scan, scan_id: str, qty: int = 1,
    *, task_version: int | None = None,
) -> ScanOutcome:
    """Apply one scan to the current line of a task this station holds; see the module doc.

    ``qty`` multiplies an item scan (quantity entry: "5", then scan one unit). A
    ``scan_id`` already recorded is a no-op that returns the task as it is now.
    """
    check_scan_id(scan_id)
    with db.unit_of_work() as session:
        task = load_task(session, task_id, lock=True, scan_id=scan_id)
        if task is None:
            raise FloorError("no_task", f"there is no pick task {task_id}", task_id=task_id)
        lines = load_lines(session, task_id)
        if task.seen is not None:
            result, _, reason = task.seen.partition(":")
            return ScanOutcome(
                result == "ok", reason, "this scan was already recorded",
                make_view(task, lines), replayed=True,
            )
        require_holder(session, task, actor, task_version)
        at = now()
        line = current_line(task.kind, lines)
        if line is None:  # claimed with nothing left: only a half-finished write could do this
            raise FloorError("task_done", f"task {task.label} is finished; take the next task", task=task.label)
        step = step_of(task.kind, line)
        if isinstance(meaning, sc.Unknown):
            res = _Result(False, "unreadable", f"could not read that code: {meaning.why}", {"why": meaning.why})
        elif step == "location":
            res = _on_location(session, actor, task, line, meaning)
        elif step == "item":
            res = _on_item(session, actor, task, lines, line, meaning, qty, at)
        else:
            res = _on_tote(session, actor, task, lines, line, meaning, at)
        record_scan(
            session, actor, scan_id, scan_text(meaning), res.accepted, res.code, line=line,
            product_id=res.product_id, qty=res.qty, at=at,
        )
        if not res.changed:
            touch(session, task, at)
            return ScanOutcome(res.accepted, res.code, res.message, make_view(task, lines), res.params)
        if res.finished_line is not None:
            advance(session, task, lines, res.finished_line)
        version, status = commit_task(session, actor, task, lines, at)
        if status == "done":
            res.code = "task_done"
            res.message = f"task {task.label} is done"
            res.params = {"task": task.label}
        elif res.finished_line is not None:
            res.code = "line_done"
        view = make_view(task, lines, status=status, version=version)
        return ScanOutcome(True, res.code, res.message, view, res.params)


def _location_text(meaning: sc.Scan) -> str | None:
    if isinstance(meaning, sc.Location):
        return meaning.code
    if isinstance(meaning, sc.Product):
        return meaning.barcode  # location barcodes outside the scan rules' pattern
    return None


def _on_location(session: Session, actor: Actor, task: TaskRow, line: LineRow, meaning: sc.Scan) -> _Result:
    where = {"expected": line.loc_code}
    text = _location_text(meaning)
    if text is not None and text.upper() in (line.loc_code.upper(), line.loc_barcode.upper()):
        set_line(session, line, location_ok=True)
        event(session, "pick_task", task.id, "pick.location", {"line": line.id, "location": line.loc_code}, actor)
        return _Result(True, "location_ok", f"at {line.loc_code}: take {line.qty - line.picked_qty} × {line.sku}",
                       {**where, "qty": line.qty - line.picked_qty, "sku": line.sku}, changed=True)
    if isinstance(meaning, sc.Location):
        return _Result(False, "wrong_location", f"this is {meaning.code}; go to {line.loc_code}",
                       {**where, "scanned": meaning.code})
    return _Result(False, "expect_location", f"scan the location {line.loc_code} first", where)


def _gtin_forms(gtin: str) -> set[str]:
    """A GTIN-14 and the shorter codes it may be stored as (EAN-13, UPC-A, EAN-8)."""
    forms = {gtin}
    for width in (13, 12, 8):
        if gtin[: 14 - width].strip("0") == "":
            forms.add(gtin[14 - width :])
    return forms


def _barcode_of(
    session: Session, meaning: sc.Scan
) -> tuple[int, str, int] | _Result | None:
    """(product id, kind, pack qty) of an item scan; a refusal; or None if not an item."""
    if isinstance(meaning, sc.Product):
        wanted = {meaning.barcode} | (_gtin_forms(meaning.gtin) if meaning.gtin else set())
        shown = meaning.barcode
    elif isinstance(meaning, sc.Gs1):
        if meaning.gtin is None:
            return _Result(False, "no_gtin", "this GS1 code carries no item number (01)")
        wanted, shown = _gtin_forms(meaning.gtin), meaning.gtin
    else:
        return None
    rows = session.connection().execute(_BARCODES, {"codes": sorted(wanted)}).all()
    if not rows:
        return _Result(False, "unknown_barcode", f"barcode {shown} is not a product we know", {"barcode": shown})
    exact = [r for r in rows if r.barcode == shown]
    pid, kind, pack, _ = (exact or rows)[0]
    return pid, kind, max(pack, 1)


def _run(task: TaskRow, lines: list[LineRow], line: LineRow) -> list[LineRow]:
    """The lines one item scan may count towards: the current one, and on a bulk or wall
    list the open lines right after it at the same bin for the same product (a case of
    12 fills 12 single-unit orders' lines)."""
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


def _on_item(
    session: Session, actor: Actor, task: TaskRow, lines: list[LineRow], line: LineRow,
    meaning: sc.Scan, qty: int, at: datetime,
) -> _Result:
    left = line.qty - line.picked_qty
    want = {"sku": line.sku, "name_zh": line.name_zh, "name_en": line.name_en, "left": left,
            "location": line.loc_code}
    if isinstance(meaning, sc.Location) and meaning.code.upper() in (line.loc_code.upper(), line.loc_barcode.upper()):
        return _Result(True, "location_ok", f"at {line.loc_code}: take {left} × {line.sku}",
                       {**want, "expected": line.loc_code, "qty": left})
    found = _barcode_of(session, meaning)
    if found is None:
        return _Result(False, "expect_item", f"scan the item {line.sku} ({left} to take)", want)
    if isinstance(found, _Result):
        found.params = {**want, **found.params}
        return found
    pid, kind, pack = found
    if pid != line.product_id:
        sku = session.scalar(select(Product.sku).where(Product.id == pid)) or "?"
        return _Result(False, "wrong_product", f"that is {sku}; take {line.sku} here",
                       {**want, "scanned": sku}, product_id=pid)
    if qty < 1:
        return _Result(False, "bad_qty", f"quantity must be at least 1, not {qty}", {**want, "qty": qty}, product_id=pid)
    run = _run(task, lines, line)
    room = sum(ln.qty - ln.picked_qty for ln in run)
    units = qty * pack
    if units > room:
        if kind == "case":
            msg = f"case of {pack}, only {room} left to pick"
        else:
            msg = f"{units} scanned, only {room} left to pick"
        return _Result(False, "over_quantity", msg, {**want, "units": units, "pack": pack, "left": room,
                                                      "case": kind == "case"}, product_id=pid)
    rest = units
    finished: LineRow | None = None
    for ln in run:
        if rest == 0:
            break
        take = min(rest, ln.qty - ln.picked_qty)
        rest -= take
        values: dict[str, Any] = {"picked_qty": ln.picked_qty + take, "location_ok": True}
        if values["picked_qty"] == ln.qty and task.kind != "cart":
            values |= {"status": "picked", "picked_at": at, "picked_by": actor.user_id}
            finished = ln
        set_line(session, ln, **values)
    event(session, "pick_task", task.id, "pick.item", {"line": line.id, "sku": line.sku, "qty": units}, actor)
    after = line.qty - line.picked_qty
    return _Result(True, "item_ok", f"{units} × {line.sku} counted, {after} to go",
                   {**want, "units": units, "left": after}, product_id=pid, qty=units, changed=True,
                   finished_line=finished)


def _on_tote(
    session: Session, actor: Actor, task: TaskRow, lines: list[LineRow], line: LineRow,
    meaning: sc.Scan, at: datetime,
) -> _Result:
    want = {"slot": line.slot, "tote": line.tote_code or "", "sku": line.sku}
    if not isinstance(meaning, sc.Tote):
        if line.tote_code:
            return _Result(False, "expect_tote", f"put the items into tote {line.tote_code} (slot {line.slot}) and scan it", want)
        return _Result(False, "expect_tote", f"put the items into a free tote for slot {line.slot} and scan it", want)
    code = meaning.code
    want["scanned"] = code
    if line.tote_id is not None:
        if (line.tote_code or "").upper() != code.upper():
            return _Result(False, "wrong_tote", f"slot {line.slot} goes into tote {line.tote_code}, not {code}", want)
    else:
        tote = session.connection().execute(_TOTE, {"code": code}).first()
        if tote is None:
            return _Result(False, "unknown_tote", f"there is no tote {code}", want)
        if tote.warehouse_id is not None and tote.warehouse_id != task.warehouse_id:
            return _Result(False, "tote_elsewhere", f"tote {code} belongs to another warehouse", want)
        bound = session.execute(
            update(_totes)
            .where(_totes.c.id == tote.id, _totes.c.status == "free")
            .values(status="picking", pick_task_id=task.id, order_id=line.order_id, version=_totes.c.version + 1)
        ).rowcount
        if not bound:
            return _Result(False, "tote_busy", f"tote {code} is in use ({tote.status}); take a free one",
                           {**want, "status": tote.status})
        session.execute(
            update(_slots).where(_slots.c.pick_task_id == task.id, _slots.c.slot == line.slot).values(tote_id=tote.id)
        )
        for ln in lines:
            if ln.slot == line.slot:
                ln.tote_id, ln.tote_code = tote.id, tote.code
        want["tote"] = tote.code
    status = "picked" if line.status == "open" else line.status
    set_line(session, line, status=status, picked_at=at, picked_by=actor.user_id)
    event(session, "pick_task", task.id, "pick.put", {"line": line.id, "tote": line.tote_code, "slot": line.slot}, actor)
    return _Result(True, "line_done", f"{line.picked_qty} × {line.sku} in tote {line.tote_code}",
                   {**want, "qty": line.picked_qty}, qty=line.picked_qty, changed=True, finished_line=line)
