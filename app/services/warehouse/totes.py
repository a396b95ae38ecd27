"""Totes (周转箱): adding numbered totes to a warehouse, listing them, one tote's state.

Tote codes are ``T-0001``, ``T-0002`` …: at least four digits, more once the
numbers need them (``T-10000``), the shape :func:`app.domain.scan.classify`
reads as a tote. A tote belongs to one warehouse but its code is unique across
all of them, so a tote that travels between warehouses never scans as another.

Refusals are :class:`~app.domain.floor_errors.FloorError` with a stable code:
``warehouse_unknown``, ``tote_count``, ``tote_start``, ``tote_exists``,
``tote_status_unknown``, ``tote_unknown``. Nothing is written when one is raised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Order, Tote, Warehouse
from app.domain.floor_errors import FloorError
from app.services.audit import SYSTEM, Actor, record

__all__ = [
    "MAX_TOTES_PER_CALL",
    "TOTE_STATUSES",
    "ToteInfo",
    "add_totes",
    "find_warehouse",
    "list_totes",
    "tote_code",
    "tote_status",
]

TOTE_STATUSES: tuple[str, ...] = ("free", "picking", "picked", "packing")
# A typo such as --count 200000 should not fill the table; a real floor adds a few hundred.
MAX_TOTES_PER_CALL = 10_000
_NUMBERED = re.compile(r"T-(\d{4,})")
# Any constant shared by every caller: two stations numbering totes at once queue on it.
_NUMBERING_LOCK = 0x746F7465  # "tote"


@dataclass(frozen=True, slots=True)
class ToteInfo:
    code: str
    warehouse: str | None  # warehouse code; None for a tote not yet given to one
    status: str  # one of TOTE_STATUSES
    pick_task_id: int | None
    order_no: str | None  # the order it carries to packing (pick-and-sort)


def tote_code(number: int) -> str:
    """``T-0042`` for 42: four digits at least."""
    if number < 1:
        raise ValueError(f"tote numbers start at 1, not {number}")
    return f"T-{number:04d}"


def find_warehouse(session: Session, code: str) -> Warehouse:
    """The warehouse coded ``code`` (case and surrounding blanks ignored), else ``warehouse_unknown``."""
    wanted = (code or "").strip()
    found = session.scalar(select(Warehouse).where(Warehouse.code == wanted))
    if found is None and wanted:
        found = session.scalar(
            select(Warehouse).where(func.upper(Warehouse.code) == wanted.upper())
        )
    if found is None:
        known = ", ".join(session.scalars(select(Warehouse.code).order_by(Warehouse.code)))
        raise FloorError(
            "warehouse_unknown",
            f"There is no warehouse {wanted!r}"
            + (f"; the warehouses are {known}." if known else "; no warehouse has been added yet."),
            warehouse=wanted,
            known=known,
        )
    return found


def _highest_number(session: Session) -> int:
    highest = 0
    for code in session.scalars(select(Tote.code).where(Tote.code.like("T-%"))):
        match = _NUMBERED.fullmatch(code)
        if match:
            highest = max(highest, int(match.group(1)))
    return highest


def add_totes(
    db: Database,
    warehouse_code: str,
    count: int,
    start: int | None = None,
    *,
    actor: Actor = SYSTEM,
) -> list[str]:
    """Create ``count`` free totes in the warehouse; returns their codes in order.

    Numbering continues after the highest ``T-`` number in any warehouse, or
    starts at ``start`` when given (then none of the new codes may exist yet).
    """
    if not isinstance(count, int) or not 1 <= count <= MAX_TOTES_PER_CALL:
        raise FloorError(
            "tote_count",
            f"The number of totes to add must be between 1 and {MAX_TOTES_PER_CALL}, not {count}.",
            count=count,
            most=MAX_TOTES_PER_CALL,
        )
    if start is not None and start < 1:
        raise FloorError(
            "tote_start", f"Tote numbers start at 1; {start} cannot be the first.", start=start
        )
    with db.unit_of_work() as session:
        warehouse = find_warehouse(session, warehouse_code)
        if session.get_bind().dialect.name == "postgresql":
            # Numbering reads the highest code and then inserts above it; without this
            # two stations would pick the same numbers and one would fail on the
            # unique code. SQLite's write lock (BEGIN IMMEDIATE) already serialises.
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _NUMBERING_LOCK})
        first = start if start is not None else _highest_number(session) + 1
        codes = [tote_code(n) for n in range(first, first + count)]
        if start is not None:
            taken = sorted(
                session.scalars(select(Tote.code).where(Tote.code.in_(codes))),
                key=lambda c: (len(c), c),
            )
            if taken:
                shown = ", ".join(taken[:5]) + (
                    f" and {len(taken) - 5} more" if len(taken) > 5 else ""
                )
                raise FloorError(
                    "tote_exists",
                    f"{len(taken)} of these tote codes already exist ({shown}); "
                    "choose another start number or leave it out to continue after the highest.",
                    taken=taken,
                )
        session.execute(
            insert(Tote),
            [
                {"code": c, "warehouse_id": warehouse.id, "status": "free", "version": 1}
                for c in codes
            ],
        )
        record(
            session,
            "warehouse",
            warehouse.id,
            "totes.added",
            {"first": codes[0], "last": codes[-1], "count": count},
            actor,
        )
    return codes


# Labelled by ToteInfo's fields: rows become ToteInfo by name.
_INFO = (
    select(
        Tote.code.label("code"),
        Warehouse.code.label("warehouse"),
        Tote.status.label("status"),
        Tote.pick_task_id.label("pick_task_id"),
        Order.order_no.label("order_no"),
    )
    .outerjoin(Warehouse, Warehouse.id == Tote.warehouse_id)
    .outerjoin(Order, Order.id == Tote.order_id)
)


def list_totes(db: Database, warehouse_code: str, status: str | None = None) -> list[ToteInfo]:
    """The warehouse's totes in number order (``T-0009`` before ``T-0010``), optionally of one status."""
    if status is not None and status not in TOTE_STATUSES:
        raise FloorError(
            "tote_status_unknown",
            f"{status!r} is not a tote status; use one of {', '.join(TOTE_STATUSES)}.",
            status=status,
        )
    with db.read() as session:
        warehouse = find_warehouse(session, warehouse_code)
        query = _INFO.where(Tote.warehouse_id == warehouse.id)
        if status is not None:
            query = query.where(Tote.status == status)
        query = query.order_by(func.length(Tote.code), Tote.code)
        return [ToteInfo(**row._mapping) for row in session.execute(query)]


def tote_status(db: Database, code: str) -> ToteInfo:
    """One tote by its code (as scanned: case and blanks do not matter), else ``tote_unknown``."""
    wanted = (code or "").strip().upper()
    with db.read() as session:
        row = session.execute(_INFO.where(Tote.code == wanted)).first()
    if row is None:
        raise FloorError("tote_unknown", f"There is no tote {wanted!r}.", tote=wanted)
    return ToteInfo(**row._mapping)
