"""Tracking-number pools: the ranges carriers assigned us, and handing out their numbers.

A pool is a range of serials for one carrier with the shape of its numbers
(:class:`app.db.models.TrackingPool`, rules in :mod:`app.domain.tracking_numbers`).
:func:`take_number` gives the next number of the carrier's oldest pool that still
has some, inside the caller's transaction: the pool row is locked
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite has one writer at a time) and
advanced with one ``UPDATE … SET next_value = next_value + 1`` guarded by
``next_value <= end_value``, so two stations never get the same number, and a
transaction that rolls back gives its number back (no gaps).

Refusals are :class:`FloorError`: ``pool_empty``, ``pool_carrier_unknown``,
``pool_rule_unknown``, ``pool_range``, ``pool_shape``, ``pool_overlap``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import TrackingPool, table_of
from app.domain.carriers import CARRIERS
from app.domain.floor_errors import FloorError
from app.domain.scan import Tracking, classify
from app.domain.tracking_numbers import DEMO_POOLS, RULES, PoolShape, make_number
from app.services.audit import SYSTEM, Actor, record

__all__ = [
    "PoolInfo",
    "add_pool",
    "default_pools",
    "ensure_default_pools",
    "list_pools",
    "take_number",
]


@dataclass(frozen=True, slots=True)
class PoolInfo:
    id: int
    carrier: str
    prefix: str
    suffix: str
    digits: int
    check_rule: str
    start: int
    next: int
    end: int
    active: bool
    first_number: str
    last_number: str

    @property
    def remaining(self) -> int:
        return max(0, self.end - self.next + 1)

    @property
    def next_number(self) -> str | None:
        """The number the pool gives next, None when it is used up."""
        if self.remaining == 0:
            return None
        return make_number(self.prefix, self.next, self.digits, self.check_rule, self.suffix)


def default_pools() -> list[PoolShape]:
    """One demo range per carrier of :data:`app.domain.carriers.CARRIERS`."""
    return list(DEMO_POOLS)


# ---------------------------------------------------------------------------- adding


def _samples(start: int, end: int, digits: int) -> list[int]:
    """Serials whose numbers show whether the whole range fits a carrier pattern:
    both ends, and the lowest and highest serial under every value of the first
    digit that varies across the range (carrier patterns fix leading digits, so
    that is where a range can wander outside them)."""
    lo, hi = str(start).zfill(digits), str(end).zfill(digits)
    out = {start, end}
    p = next((i for i in range(digits) if lo[i] != hi[i]), None)
    if p is not None:
        rest = digits - p - 1
        for d in range(int(lo[p]), int(hi[p]) + 1):
            head = lo[:p] + str(d)
            out.add(max(start, int(head + "0" * rest)))
            out.add(min(end, int(head + "9" * rest)))
    return sorted(out)


def _key(prefix: str, digits: int, suffix: str, rule: str) -> tuple[str, int, str, int]:
    """What numbers of a pool have in common: the letters before the serial, the
    number of digits after them, the suffix, and the total length."""
    letters = re.sub(r"\d+$", "", prefix)
    width = len(prefix) - len(letters) + digits
    length = len(make_number(prefix, 0, digits, rule, suffix))
    return letters, width, suffix, length


def _span(prefix: str, digits: int, start: int, end: int) -> tuple[int, int]:
    """The range as integers over the digits after the letters (so ``SF`` + 12 digits
    from 1… and ``SF1`` + 11 digits compare)."""
    letters = re.sub(r"\d+$", "", prefix)
    lead = int(prefix[len(letters) :] or 0) * 10**digits
    return lead + start, lead + end


def _validate(
    carrier: str, prefix: str, start: int, end: int, digits: int, rule: str, suffix: str
) -> None:
    if carrier not in CARRIERS:
        known = ", ".join(CARRIERS)
        raise FloorError(
            "pool_carrier_unknown",
            f"{carrier!r} is not a known carrier (known: {known})",
            carrier=carrier,
        )
    if rule not in RULES:
        known = ", ".join(RULES)
        raise FloorError(
            "pool_rule_unknown", f"{rule!r} is not a check-digit rule (known: {known})", rule=rule
        )
    if not 1 <= digits <= 30:
        raise FloorError("pool_range", f"a serial has 1 to 30 digits, not {digits}", digits=digits)
    if start < 0 or end < start or end >= 10**digits:
        raise FloorError(
            "pool_range",
            f"the range {start}…{end} must run upwards from 0 and fit in {digits} digits",
            start=start,
            end=end,
            digits=digits,
        )
    for serial in _samples(start, end, digits):
        try:
            number = make_number(prefix, serial, digits, rule, suffix)
        except ValueError as exc:
            raise FloorError("pool_shape", f"{carrier} pool: {exc}", carrier=carrier) from exc
        if classify(number, prefer={"tracking"}) != Tracking(number, carrier):
            raise FloorError(
                "pool_shape",
                f"{number} does not look like a {carrier} tracking number, so scanners would not "
                "read it as one: check the prefix, digits and range",
                carrier=carrier,
                number=number,
            )


def add_pool(
    db: Database,
    carrier: str,
    *,
    prefix: str,
    start: int,
    end: int,
    digits: int,
    check_rule: str,
    suffix: str = "",
    actor: Actor = SYSTEM,
) -> int:
    """Add the range ``start``…``end`` for ``carrier``; returns the new pool's id.

    The numbers must look like the carrier's (its patterns in
    :data:`app.domain.scan.DEFAULT_TRACKING`) and must not overlap a pool the
    carrier already has."""
    carrier = carrier.strip().upper()
    prefix, suffix, rule = (
        prefix.strip().upper(),
        suffix.strip().upper(),
        check_rule.strip().lower(),
    )
    _validate(carrier, prefix, start, end, digits, rule, suffix)
    key = _key(prefix, digits, suffix, rule)
    lo, hi = _span(prefix, digits, start, end)
    with db.unit_of_work() as session:
        for other in session.scalars(select(TrackingPool).where(TrackingPool.carrier == carrier)):
            if _key(other.prefix, other.digits, other.suffix, other.check_rule) != key:
                continue
            o_lo, o_hi = _span(other.prefix, other.digits, other.start_value, other.end_value)
            if other.check_rule != rule or (lo <= o_hi and o_lo <= hi):
                first = make_number(
                    other.prefix, other.start_value, other.digits, other.check_rule, other.suffix
                )
                last = make_number(
                    other.prefix, other.end_value, other.digits, other.check_rule, other.suffix
                )
                raise FloorError(
                    "pool_overlap",
                    f"{carrier} pool {other.id} ({first} … {last}) already covers numbers of this range",
                    carrier=carrier,
                    pool_id=other.id,
                )
        pool = TrackingPool(
            carrier=carrier,
            prefix=prefix,
            suffix=suffix,
            digits=digits,
            check_rule=rule,
            start_value=start,
            next_value=start,
            end_value=end,
            active=True,
        )
        session.add(pool)
        session.flush()
        record(
            session,
            "tracking_pool",
            pool.id,
            "pool.added",
            {
                "carrier": carrier,
                "prefix": prefix,
                "suffix": suffix,
                "digits": digits,
                "check_rule": rule,
                "start": start,
                "end": end,
            },
            actor,
        )
        return pool.id


def ensure_default_pools(db: Database, actor: Actor = SYSTEM) -> int:
    """Give every carrier without any pool its demo range; returns how many were added."""
    with db.read() as session:
        have = set(session.scalars(select(TrackingPool.carrier).distinct()))
    added = 0
    for shape in default_pools():
        if shape.carrier not in have:
            add_pool(
                db,
                shape.carrier,
                prefix=shape.prefix,
                start=shape.start,
                end=shape.end,
                digits=shape.digits,
                check_rule=shape.check_rule,
                suffix=shape.suffix,
                actor=actor,
            )
            added += 1
    return added


# ---------------------------------------------------------------------------- using


def take_number(session: Session, carrier: str) -> tuple[str, int]:
    """The next tracking number for ``carrier`` and the pool it came from, taken in
    the caller's transaction (see the module doc). FloorError ``pool_empty`` when the
    carrier has no number left."""
    carrier = carrier.strip().upper()
    t = table_of(TrackingPool)
    pick = (
        select(t.c.id, t.c.prefix, t.c.digits, t.c.check_rule, t.c.suffix)
        .where(t.c.carrier == carrier, t.c.active.is_(True), t.c.next_value <= t.c.end_value)
        .order_by(t.c.id)
        .limit(1)
    )
    if session.get_bind().dialect.name == "postgresql":
        pick = pick.with_for_update()
    # PostgreSQL re-checks a row it waited for and may then return none even though a
    # later pool has numbers; each new statement sees the newer state, so ask again.
    for _ in range(3):
        row = session.execute(pick).first()
        if row is None:
            continue
        taken = session.execute(
            update(t)
            .where(t.c.id == row.id, t.c.next_value <= t.c.end_value)
            .values(next_value=t.c.next_value + 1, version=t.c.version + 1)
            .returning(t.c.next_value)
        ).scalar_one_or_none()
        if taken is not None:
            number = make_number(row.prefix, taken - 1, row.digits, row.check_rule, row.suffix)
            return number, row.id
    raise FloorError(
        "pool_empty",
        f"no tracking numbers left for {carrier}: add a range "
        f"(wavedesk pools add --carrier {carrier} …)",
        carrier=carrier,
    )


def list_pools(db: Database) -> list[PoolInfo]:
    with db.read() as session:
        pools = list(
            session.scalars(select(TrackingPool).order_by(TrackingPool.carrier, TrackingPool.id))
        )
    return [
        PoolInfo(
            id=p.id,
            carrier=p.carrier,
            prefix=p.prefix,
            suffix=p.suffix,
            digits=p.digits,
            check_rule=p.check_rule,
            start=p.start_value,
            next=p.next_value,
            end=p.end_value,
            active=p.active,
            first_number=make_number(p.prefix, p.start_value, p.digits, p.check_rule, p.suffix),
            last_number=make_number(p.prefix, p.end_value, p.digits, p.check_rule, p.suffix),
        )
        for p in pools
    ]
