"""Short picks (缺货): the bin holds fewer good units than the line asks for.

What was found is counted. The shortfall is written off the bin (on hand and
reserved both drop, so ``reserved <= on_hand`` holds) and re-allocated: the nearest
other bin of the product in the same warehouse with enough free stock is reserved
and a new line is appended to the task, so the picker walks there next. When no bin
has enough, the order goes to a supervisor: an open ``short_pick`` hold, and the
order stays in picking.

One case is left for the supervisor in full: a shortfall that would take a line's
reservation to zero with nowhere to move it. The pick line must keep pointing at a
reservation and a reservation cannot hold zero, so the row and the bin's figures are
left as they were (the units stay reserved for the held order, not offered to others)
until the hold is resolved with a count of the bin.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.db.engine import Database, is_retryable
from app.db.models import Location, OrderHold, PickLine, Reservation, Stock, table_of
from app.domain.floor_errors import FloorError
from app.domain.pick_records import SHORT_REASONS, LineRow, ShortOutcome, TaskRow
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
)
from app.services.picking.views import LINE_LOCATION, make_view
from app.services.warehouse import try_reserve

_stock = table_of(Stock)
_res = table_of(Reservation)
CANDIDATE_BINS = 8
DEADLOCK_RETRIES = 3


def short_pick(
    db: Database,
    actor: Actor,
    task_id: int,
    line_id: int,
    reason: str,
    found_qty: int,
    scan_id: str,
    *,
    task_version: int | None = None,
) -> ShortOutcome:
    """Report that only ``found_qty`` more units of the line are there (``reason``:
    missing, damaged or wrong_qty); see the module doc. Idempotent by ``scan_id``."""
    check_scan_id(scan_id)
    if reason not in SHORT_REASONS:
        raise FloorError(
            "bad_reason",
            f"a short pick needs a reason ({', '.join(SHORT_REASONS)}), not {reason!r}",
            reason=reason,
        )
    for attempt in range(DEADLOCK_RETRIES):
        try:
            with db.unit_of_work() as session:
                task, lines = load_for_change(session, task_id, scan_id)
                if task.seen is not None:
                    return ShortOutcome(
                        code="replayed",
                        message="this short pick was already recorded",
                        view=make_view(task, lines),
                        short_qty=0,
                        found_qty=0,
                        rerouted_to=None,
                        held=False,
                        replayed=True,
                    )
                require_holder(session, task, actor, task_version)
                line = _line_to_short(task, lines, line_id, found_qty)
                return _short(session, actor, task, lines, line, reason, found_qty, scan_id)
        except DBAPIError as exc:
            # The short locks its bin, then other bins of the product: an allocator
            # locking the same bins in id order can deadlock with it. Nothing was
            # written; the scan id makes running it again safe.
            if not is_retryable(exc) or attempt == DEADLOCK_RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def _line_to_short(task: TaskRow, lines: list[LineRow], line_id: int, found_qty: int) -> LineRow:
    """The open line a short is reported on, when ``found_qty`` is less than it needs."""
    line = next((ln for ln in lines if ln.id == line_id), None)
    if line is None:
        raise FloorError("no_line", f"line {line_id} is not on task {task.label}", line_id=line_id)
    left = line.qty - line.picked_qty
    if line.status != "open" or left == 0:
        raise FloorError(
            "nothing_to_short",
            f"line {line.seq} ({line.sku}) has nothing left to pick",
            seq=line.seq,
            sku=line.sku,
        )
    if not 0 <= found_qty < left:
        raise FloorError(
            "bad_found_qty",
            f"found must be 0 to {left - 1} (the line still needs {left})",
            found=found_qty,
            left=left,
        )
    return line


def _short(
    session: Session,
    actor: Actor,
    task: TaskRow,
    lines: list[LineRow],
    line: LineRow,
    reason: str,
    found_qty: int,
    scan_id: str,
) -> ShortOutcome:
    left = line.qty - line.picked_qty
    at = now()
    short = left - found_qty
    picked = line.picked_qty + found_qty
    target = _reroute(session, task, lines, line, short, picked)
    put_later = task.kind == "cart" and picked > 0  # the found units still go into the tote
    set_line(
        session,
        line,
        status="short",
        picked_qty=picked,
        location_ok=True,
        picked_at=None if put_later else at,
        picked_by=actor.user_id,
    )
    session.execute(update(PickLine).where(PickLine.id == line.id).values(short_reason=reason))
    params: dict[str, Any] = {
        "sku": line.sku,
        "short": short,
        "found": found_qty,
        "location": line.loc_code,
        "order_no": line.order_no,
        "reason": reason,
    }
    if target is not None:
        code, held = "rerouted", False
        params["to"] = target
        message = f"{short} × {line.sku} short at {line.loc_code}; pick them at {target}"
    else:
        code, held = "held", True
        detail = (
            f"{line.sku}: {short} short at {line.loc_code} ({reason}) on task {task.label}; "
            f"no other bin has {short} free"
        )
        session.execute(
            insert(OrderHold).values(
                order_id=line.order_id, code="short_pick", detail=detail, created_at=at
            )
        )
        message = f"{short} × {line.sku} short and no other bin has them: order {line.order_no} goes to a supervisor"
    record(
        session,
        "pick_task",
        task.id,
        "pick.short",
        {
            "line": line.id,
            "sku": line.sku,
            "reason": reason,
            "qty": short,
            "found": found_qty,
            "to": target,
            "hold": held,
        },
        actor,
    )
    record_scan(
        session,
        actor,
        scan_id,
        "CMD:SHORT",
        True,
        f"short_{reason}",
        line=line,
        product_id=line.product_id,
        qty=found_qty,
        at=at,
    )
    if not put_later:
        advance(session, task, lines, line)
    version, status = commit_task(session, actor, task, lines, at)
    view = make_view(task, lines, status=status, version=version)
    return ShortOutcome(
        code=code,
        message=message,
        view=view,
        short_qty=short,
        found_qty=found_qty,
        rerouted_to=target,
        held=held,
        params=params,
    )


def _reroute(
    session: Session, task: TaskRow, lines: list[LineRow], line: LineRow, short: int, picked: int
) -> str | None:
    """Write the shortfall off the bin and reserve it elsewhere; returns the new bin's
    location code, or None when no bin has enough (the caller opens the hold)."""
    res = session.execute(
        select(
            Reservation.id, Reservation.qty, Reservation.stock_id, Reservation.order_line_id
        ).where(Reservation.id == line.reservation_id)
    ).one()
    keep = res.qty - short  # what stays reserved at this bin: the units picked from it
    found = _other_bin(session, task, line, res.stock_id, short)
    if found is None and keep <= 0:
        return None  # see the module doc: nothing can be moved or shrunk
    written_off = (
        session.connection()
        .execute(
            update(_stock)
            .where(
                _stock.c.id == res.stock_id, _stock.c.reserved >= short, _stock.c.on_hand >= short
            )
            .values(
                on_hand=_stock.c.on_hand - short,
                reserved=_stock.c.reserved - short,
                version=_stock.c.version + 1,
            )
        )
        .rowcount
    )
    if not written_off:
        raise FloorError(
            "stock_mismatch",
            f"bin {line.loc_code} holds less than the {short} reserved on it; "
            "ask a supervisor to count it",
            location=line.loc_code,
        )
    if found is None:
        session.execute(update(_res).where(_res.c.id == res.id).values(qty=keep))
        return None
    stock_id, location_id, code = found
    if keep > 0:
        session.execute(update(_res).where(_res.c.id == res.id).values(qty=keep))
        new_res = session.execute(
            insert(_res)
            .values(
                order_id=line.order_id,
                order_line_id=res.order_line_id,
                stock_id=stock_id,
                location_id=location_id,
                product_id=line.product_id,
                warehouse_id=task.warehouse_id,
                qty=short,
                created_at=now(),
            )
            .returning(_res.c.id)
        ).scalar_one()
    else:
        # Nothing was taken from this bin: the reservation itself moves to the new bin.
        session.execute(
            update(_res)
            .where(_res.c.id == res.id)
            .values(stock_id=stock_id, location_id=location_id)
        )
        new_res = res.id
    seq = max(ln.seq for ln in lines) + 1
    line_id = session.execute(
        insert(table_of(PickLine))
        .values(
            pick_task_id=task.id,
            seq=seq,
            location_id=location_id,
            product_id=line.product_id,
            order_id=line.order_id,
            reservation_id=new_res,
            slot=line.slot,
            qty=short,
            picked_qty=0,
            status="open",
            location_ok=False,
        )
        .returning(table_of(PickLine).c.id)
    ).scalar_one()
    bin_of_line = session.execute(select(*LINE_LOCATION).where(Location.id == location_id)).one()
    # The same product, order, slot and tote as the short line; its own bin and units.
    lines.append(
        replace(
            line,
            id=line_id,
            seq=seq,
            status="open",
            qty=short,
            picked_qty=0,
            location_ok=False,
            picked_at=None,
            picked_by=None,
            location_id=location_id,
            reservation_id=new_res,
            **bin_of_line._mapping,
        )
    )
    return code


def _other_bin(
    session: Session, task: TaskRow, line: LineRow, stock_id: int, short: int
) -> tuple[int, int, str] | None:
    """Reserve ``short`` units at the nearest other pickable bin that has them free."""
    candidates = session.execute(
        select(Stock.id, Location.id, Location.code)
        .join(Location, Location.id == Stock.location_id)
        .where(
            Stock.product_id == line.product_id,
            Stock.warehouse_id == task.warehouse_id,
            Stock.id != stock_id,
            Location.pickable.is_(True),
            Stock.on_hand - Stock.reserved >= short,
        )
        .order_by(func.abs(Location.aisle - line.aisle), func.abs(Location.y - line.y), Stock.id)
        .limit(CANDIDATE_BINS)
    ).all()
    conn = session.connection()
    for sid, lid, code in candidates:
        # Conditional: another station may have reserved the same units a moment ago.
        if try_reserve(conn, sid, short):
            return sid, lid, code
    return None
