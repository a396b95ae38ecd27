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

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import PickLine, Product, ProductBarcode, TaskSlot, Tote, table_of
from app.domain import picking_rules as rules
from app.domain import scan as sc
from app.domain.pick_records import LineRow, ScanOutcome, TaskRow
from app.services.audit import Actor, record
from app.services.picking.flow import (
    advance,
    check_scan_id,
    commit_task,
    load_for_change,
    now,
    record_scan,
    require_holder,
    set_line,
    touch,
)
from app.services.picking.views import current_line, make_view, step_of

_totes = table_of(Tote)
_slots = table_of(TaskSlot)
_codes = table_of(ProductBarcode)
_BARCODES = select(_codes.c.product_id, _codes.c.kind, _codes.c.pack_qty, _codes.c.barcode).where(
    _codes.c.barcode.in_(bindparam("codes", expanding=True))
)
_lines = table_of(PickLine)
_COUNT_UNITS = (
    update(_lines)
    .where(_lines.c.id == bindparam("lid"))
    .values(
        picked_qty=bindparam("pq"),
        location_ok=True,
        status=bindparam("st"),
        picked_at=bindparam("pat"),
        picked_by=bindparam("pby"),
    )
)
_TOTE = select(_totes.c.id, _totes.c.code, _totes.c.status, _totes.c.warehouse_id).where(
    _totes.c.code == bindparam("code")
)


def scan_text(meaning: sc.Scan) -> str:
    """What was scanned, as the scan record keeps it."""
    if isinstance(meaning, sc.Location | sc.Tote | sc.Carton | sc.Badge):
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
    db: Database,
    actor: Actor,
    task_id: int,
    meaning: sc.Scan,
    scan_id: str,
    qty: int = 1,
    *,
    task_version: int | None = None,
) -> ScanOutcome:
    """Apply one scan to the current line of a task this station holds; see the module doc.

    ``qty`` multiplies an item scan (quantity entry: "5", then scan one unit). A
    ``scan_id`` already recorded is a no-op that returns the task as it is now.
    """
    check_scan_id(scan_id)
    with db.unit_of_work() as session:
        task, lines = load_for_change(session, task_id, scan_id)
        if task.seen is not None:
            result, _, reason = task.seen.partition(":")
            return ScanOutcome(
                result == "ok",
                reason,
                "this scan was already recorded",
                make_view(task, lines),
                replayed=True,
            )
        require_holder(session, task, actor, task_version)
        at = now()
        line = current_line(task.kind, lines)
        if line is None:  # claimed with nothing left: only a half-finished write could do this
            raise rules.task_finished(task)
        step = step_of(task.kind, line)
        if isinstance(meaning, sc.Unknown):
            res = rules.unreadable(meaning)
        elif step == "location":
            res = _on_location(session, actor, task, line, meaning)
        elif step == "item":
            res = _on_item(session, actor, task, lines, line, meaning, qty, at)
        else:
            res = _on_tote(session, actor, task, lines, line, meaning, at)
        record_scan(
            session,
            actor,
            scan_id,
            scan_text(meaning),
            res.accepted,
            res.code,
            line=line,
            product_id=res.product_id,
            qty=res.qty,
            at=at,
        )
        if not res.changed:
            touch(session, task, at)
            return ScanOutcome(
                res.accepted, res.code, res.message, make_view(task, lines), res.params
            )
        if res.finished_line is not None:
            advance(session, task, lines, res.finished_line)
        version, status = commit_task(session, actor, task, lines, at)
        rules.settle(res, task, status == "done")
        view = make_view(task, lines, status=status, version=version)
        return ScanOutcome(True, res.code, res.message, view, res.params)


def _on_location(
    session: Session, actor: Actor, task: TaskRow, line: LineRow, meaning: sc.Scan
) -> rules.StepResult:
    res = rules.location_step(line, meaning)
    if res.accepted:
        set_line(session, line, location_ok=True)
        record(
            session,
            "pick_task",
            task.id,
            "pick.location",
            {"line": line.id, "location": line.loc_code},
            actor,
        )
    return res


def _barcode_of(session: Session, codes: set[str], shown: str) -> tuple[int, str, int] | None:
    """(product id, kind, pack qty) of the barcode scanned; None when no product has it."""
    rows = session.connection().execute(_BARCODES, {"codes": sorted(codes)}).all()
    if not rows:
        return None
    exact = [r for r in rows if r.barcode == shown]
    pid, kind, pack, _ = (exact or rows)[0]
    return pid, kind, max(pack, 1)


def _on_item(
    session: Session,
    actor: Actor,
    task: TaskRow,
    lines: list[LineRow],
    line: LineRow,
    meaning: sc.Scan,
    qty: int,
    at: datetime,
) -> rules.StepResult:
    want = rules.item_wanted(line)
    wanted = rules.item_before_lookup(line, meaning, want)
    if isinstance(wanted, rules.StepResult):
        return wanted
    codes, shown = wanted
    found = _barcode_of(session, codes, shown)
    if found is None:
        return rules.StepResult(
            False,
            "unknown_barcode",
            f"barcode {shown} is not a product we know",
            {**want, "barcode": shown},
        )
    pid, kind, pack = found
    if pid != line.product_id:
        sku = session.scalar(select(Product.sku).where(Product.id == pid)) or "?"
        return rules.wrong_product(line, sku, want, pid)
    run = rules.item_run(task, lines, line)
    units = rules.item_units(run, qty, kind, pack, want, pid)
    if isinstance(units, rules.StepResult):
        return units
    finished: LineRow | None = None
    rows: list[dict[str, Any]] = []
    for ln, take in rules.spread(run, units):
        ln.picked_qty += take
        ln.location_ok = True
        if ln.picked_qty == ln.qty and task.kind != "cart":
            ln.status, ln.picked_at, ln.picked_by = "picked", at, actor.user_id
            finished = ln
        rows.append(
            {
                "lid": ln.id,
                "pq": ln.picked_qty,
                "st": ln.status,
                "pat": ln.picked_at,
                "pby": ln.picked_by,
            }
        )
    # One statement for every line the units went to (a bulk list's orders at one bin),
    # sent as one batch.
    session.connection().execute(_COUNT_UNITS, rows)
    record(
        session,
        "pick_task",
        task.id,
        "pick.item",
        {"line": line.id, "sku": line.sku, "qty": units},
        actor,
    )
    return rules.item_counted(line, units, want, pid, finished)


def _on_tote(
    session: Session,
    actor: Actor,
    task: TaskRow,
    lines: list[LineRow],
    line: LineRow,
    meaning: sc.Scan,
    at: datetime,
) -> rules.StepResult:
    want = rules.tote_wanted(line)
    if not isinstance(meaning, sc.Tote):
        return rules.expect_tote(line, want)
    code = meaning.code
    want["scanned"] = code
    if line.tote_id is not None:
        if (line.tote_code or "").upper() != code.upper():
            return rules.wrong_tote(line, code, want)
    else:
        tote = session.connection().execute(_TOTE, {"code": code}).first()
        if tote is None:
            return rules.StepResult(False, "unknown_tote", f"there is no tote {code}", want)
        if tote.warehouse_id is not None and tote.warehouse_id != task.warehouse_id:
            return rules.StepResult(
                False, "tote_elsewhere", f"tote {code} belongs to another warehouse", want
            )
        bound = (
            session.connection()
            .execute(
                update(_totes)
                .where(_totes.c.id == tote.id, _totes.c.status == "free")
                .values(
                    status="picking",
                    pick_task_id=task.id,
                    order_id=line.order_id,
                    version=_totes.c.version + 1,
                )
            )
            .rowcount
        )
        if not bound:
            return rules.StepResult(
                False,
                "tote_busy",
                f"tote {code} is in use ({tote.status}); take a free one",
                {**want, "status": tote.status},
            )
        session.execute(
            update(_slots)
            .where(_slots.c.pick_task_id == task.id, _slots.c.slot == line.slot)
            .values(tote_id=tote.id)
        )
        for ln in lines:
            if ln.slot == line.slot:
                ln.tote_id, ln.tote_code = tote.id, tote.code
        want["tote"] = tote.code
    status = "picked" if line.status == "open" else line.status
    set_line(session, line, status=status, picked_at=at, picked_by=actor.user_id)
    record(
        session,
        "pick_task",
        task.id,
        "pick.put",
        {"line": line.id, "tote": line.tote_code, "slot": line.slot},
        actor,
    )
    return rules.tote_put(line, want)
