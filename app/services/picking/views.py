"""What a picking station is shown, and how it is read from the database.

Everything a picker sees is derived from rows alone (pick lines, slots, totes), so a
station that crashed or was closed mid-task resumes at exactly the step it left:

* the current line is the first, by ``seq``, that is still open — or, on a
  pick-and-sort cart, a short line whose found units have not been put yet;
* its step is ``location`` until the bin was scanned, ``item`` while units are
  missing, ``tote`` on a cart once all units are in hand; ``done`` when no line is left.

The views are frozen dataclasses: nothing here hands an ORM object to a caller.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, bindparam, case, func, select, true
from sqlalchemy.orm import Session, aliased

from app.db.models import (
    Location,
    Order,
    PickLine,
    PickTask,
    Product,
    ScanRecord,
    Station,
    TaskSlot,
    Tote,
    User,
    Wave,
    table_of,
)
from app.db.records import RowReader
from app.domain.pick_records import (
    LineRow,
    LineView,
    Progress,
    TaskRow,
    TaskView,
)


def _done_expr(line: Any = PickLine) -> Any:
    return case((line.status != "open", 1), else_=0)


def _expected_expr(line: Any = PickLine) -> Any:
    # A short line's shortfall went to a new line or to a supervisor: it expects what was found.
    return case((line.status == "short", line.picked_qty), else_=line.qty)


def _others(per_task: bool) -> Any:
    """The wave's figures without this task's lines, as a one-row derived table: the
    task's own part comes from its lines in memory, so the view after a scan needs
    no second trip for the wave.

    ``per_task`` (PostgreSQL) sums each task's lines in a LATERAL subquery, one index
    probe per task of the wave. Joined plainly, the planner hashes the wave's tasks
    and reads every pick line there is, on every scan: a cost that grows with the
    table, not the wave. SQLite has no LATERAL and probes the index by itself."""
    ln, task = aliased(PickLine), aliased(PickTask)
    wave_of_task = (
        select(PickTask.wave_id).where(PickTask.id == bindparam("task_id")).scalar_subquery()
    )
    figures = (
        func.coalesce(func.sum(_done_expr(ln)), 0).label("done"),
        func.count(ln.id).label("total"),
        func.coalesce(func.sum(ln.picked_qty), 0).label("units_done"),
        func.coalesce(func.sum(_expected_expr(ln)), 0).label("units_total"),
    )
    mine = (task.wave_id == wave_of_task, task.id != bindparam("task_id"))
    if not per_task:
        return (
            select(*figures)
            .select_from(ln)
            .join(task, task.id == ln.pick_task_id)
            .where(*mine)
            .subquery("others")
        )
    each = select(*figures).where(ln.pick_task_id == task.id).lateral("each_task")
    return (
        select(*(func.coalesce(func.sum(c), 0).label(c.key) for c in each.c))
        .select_from(task)
        .join(each, true())
        .where(*mine)
        .subquery("others")
    )


def _task_query(per_task: bool) -> Any:
    others = _others(per_task)
    # "result:reason" of the scan id asked about, if it was recorded already.
    seen = (
        select(ScanRecord.result + ":" + ScanRecord.reason)
        .where(ScanRecord.id == bindparam("scan_id"))
        .scalar_subquery()
    )
    # Labelled by TaskRow's fields (see load_task); the others' by their own names.
    return (
        select(
            PickTask.id.label("id"),
            PickTask.seq.label("seq"),
            PickTask.kind.label("kind"),
            PickTask.status.label("status"),
            PickTask.version.label("version"),
            PickTask.claimed_by.label("claimed_by"),
            PickTask.claimed_station_id.label("claimed_station_id"),
            Wave.id.label("wave_id"),
            Wave.code.label("wave_code"),
            Wave.status.label("wave_status"),
            Wave.sort_mode.label("sort_mode"),
            Wave.warehouse_id.label("warehouse_id"),
            seen.label("seen"),
            *others.c,
        )
        .join(Wave, Wave.id == PickTask.wave_id)
        .join(others, true())
        .where(PickTask.id == bindparam("task_id"))
    )


# Built once: a scan runs these on every call, and building them costs more than running them.
# Keyed by (PostgreSQL?, locked?).
_TASK = {
    (pg, lock): (q.with_for_update(of=PickTask) if lock else q)
    for pg in (False, True)
    for q in (_task_query(pg),)
    for lock in (False, True)
}
_TASK_ROW = {key: RowReader(TaskRow, q, given=("others",)) for key, q in _TASK.items()}


def load_task(
    session: Session, task_id: int, *, lock: bool = False, scan_id: str | None = None
) -> TaskRow | None:
    """The task with its wave and the rest of the wave's progress, in one round trip;
    ``lock`` takes the task's row lock (PostgreSQL) so scans on one task queue up;
    ``scan_id`` also asks whether that scan was recorded already."""
    conn = session.connection()
    key = (conn.dialect.name == "postgresql", lock)
    q = _TASK[key]
    row = conn.execute(q, {"task_id": task_id, "scan_id": scan_id or ""}).first()
    if row is None:
        return None
    others = Progress(
        lines_done=int(row.done or 0),
        lines_total=int(row.total or 0),
        units_done=int(row.units_done or 0),
        units_total=int(row.units_total or 0),
    )
    return _TASK_ROW[key](row, others=others)


_slot = table_of(TaskSlot).alias("slot_of_line")
_tote = table_of(Tote).alias("tote_of_slot")

# A line's bin, labelled as LineRow names it: also read for a line that a short adds.
LINE_LOCATION = (
    Location.code.label("loc_code"),
    Location.barcode.label("loc_barcode"),
    Location.aisle.label("aisle"),
    Location.position.label("position"),
    Location.level.label("level"),
    Location.y.label("y"),
)

# Labelled by LineRow's fields: rows become LineRows by name (see _line_row).
_LINES = (
    select(
        PickLine.id.label("id"),
        PickLine.seq.label("seq"),
        PickLine.status.label("status"),
        PickLine.qty.label("qty"),
        PickLine.picked_qty.label("picked_qty"),
        PickLine.location_ok.label("location_ok"),
        PickLine.slot.label("slot"),
        PickLine.picked_at.label("picked_at"),
        PickLine.picked_by.label("picked_by"),
        PickLine.location_id.label("location_id"),
        PickLine.product_id.label("product_id"),
        PickLine.order_id.label("order_id"),
        PickLine.reservation_id.label("reservation_id"),
        *LINE_LOCATION,
        Product.sku.label("sku"),
        Product.name_zh.label("name_zh"),
        Product.name_en.label("name_en"),
        Order.order_no.label("order_no"),
        _tote.c.id.label("tote_id"),
        _tote.c.code.label("tote_code"),
    )
    .join(Location, Location.id == PickLine.location_id)
    .join(Product, Product.id == PickLine.product_id)
    .join(Order, Order.id == PickLine.order_id)
    .outerjoin(
        _slot, and_(_slot.c.pick_task_id == PickLine.pick_task_id, _slot.c.slot == PickLine.slot)
    )
    .outerjoin(_tote, _tote.c.id == _slot.c.tote_id)
)
_LINES_OF_TASK = _LINES.where(PickLine.pick_task_id == bindparam("task_id")).order_by(PickLine.seq)
_line_row = RowReader(LineRow, _LINES)


def load_lines(session: Session, task_id: int) -> list[LineRow]:
    rows = session.connection().execute(_LINES_OF_TASK, {"task_id": task_id}).all()
    return [_line_row(r) for r in rows]


def awaiting_put(kind: str, line: LineRow) -> bool:
    """A short line on a cart whose found units are still in the picker's hand."""
    return (
        kind == "cart" and line.status == "short" and line.picked_qty > 0 and line.picked_at is None
    )


def current_line(kind: str, lines: list[LineRow]) -> LineRow | None:
    for line in lines:
        if line.status == "open" or awaiting_put(kind, line):
            return line
    return None


def step_of(kind: str, line: LineRow | None) -> str:
    if line is None:
        return "done"
    if awaiting_put(kind, line):
        return "tote"
    if not line.location_ok:
        return "location"
    if line.picked_qty < line.qty:
        return "item"
    return "tote" if kind == "cart" else "item"


def _expected_units(status: str, qty: int, picked: int) -> int:
    # A short line's shortfall went to a new line or to a supervisor: it expects what was found.
    return picked if status == "short" else qty


def task_progress(lines: list[LineRow]) -> Progress:
    return Progress(
        lines_done=sum(1 for ln in lines if ln.status != "open"),
        lines_total=len(lines),
        units_done=sum(ln.picked_qty for ln in lines),
        units_total=sum(_expected_units(ln.status, ln.qty, ln.picked_qty) for ln in lines),
    )


def wave_lines_progress(session: Session, wave_id: int) -> Progress:
    row = session.execute(
        select(
            func.coalesce(func.sum(_done_expr()), 0).label("done"),
            func.count(PickLine.id).label("total"),
            func.coalesce(func.sum(PickLine.picked_qty), 0).label("units_done"),
            func.coalesce(func.sum(_expected_expr()), 0).label("units_total"),
        )
        .join(PickTask, PickTask.id == PickLine.pick_task_id)
        .where(PickTask.wave_id == wave_id)
    ).one()
    return Progress(
        lines_done=int(row.done),
        lines_total=int(row.total),
        units_done=int(row.units_done),
        units_total=int(row.units_total),
    )


def line_view(line: LineRow) -> LineView:
    return LineView(
        line_id=line.id,
        seq=line.seq,
        location=line.loc_code,
        aisle=line.aisle,
        position=line.position,
        level=line.level,
        sku=line.sku,
        name_zh=line.name_zh,
        name_en=line.name_en,
        qty=line.qty,
        picked_qty=line.picked_qty,
        slot=line.slot,
        order_no=line.order_no,
        tote_code=line.tote_code,
        status=line.status,
    )


def _plus(a: Progress, b: Progress) -> Progress:
    return Progress(
        a.lines_done + b.lines_done,
        a.lines_total + b.lines_total,
        a.units_done + b.units_done,
        a.units_total + b.units_total,
    )


def make_view(
    task: TaskRow, lines: list[LineRow], *, status: str | None = None, version: int | None = None
) -> TaskView:
    line = current_line(task.kind, lines)
    own = task_progress(lines)
    following = None
    if line is not None:
        later = (ln for ln in lines if ln.seq > line.seq and ln.status == "open")
        following = next(later, None)
    return TaskView(
        task_id=task.id,
        task_version=version if version is not None else task.version,
        task_seq=task.seq,
        wave_id=task.wave_id,
        wave_code=task.wave_code,
        kind=task.kind,
        sort_mode=task.sort_mode,
        status=status or task.status,
        step=step_of(task.kind, line),
        line=line_view(line) if line is not None else None,
        next_location=following.loc_code if following is not None else None,
        progress=own,
        wave_progress=_plus(task.others, own),
    )


def view_of(session: Session, task_id: int) -> TaskView | None:
    task = load_task(session, task_id)
    if task is None:
        return None
    return make_view(task, load_lines(session, task_id))


def holder_names(session: Session, user_id: int | None, station_id: int | None) -> tuple[str, str]:
    """(station name, user name) of whoever holds a task; "" where unknown."""
    station = (
        session.scalar(select(Station.name).where(Station.id == station_id)) if station_id else None
    )
    user = session.scalar(select(User.name).where(User.id == user_id)) if user_id else None
    return station or "", user or ""
