"""Throughput (效率): lines and units picked, scans and mis-scans, shorts and orders
packed, per worker, per station and per time bucket.

Sources: a pick line counts when it is resolved (``picked_at``, ``picked_by``;
``status`` picked or short, ``picked_qty`` units), a scan is a ``scans`` row with
result ok or refused (resets are not scans a person got wrong), an order packed is
an ``order.packed`` event. A pick line's station is the station its task is claimed
at.

Rates are per hour *of activity*: a worker's hours are the buckets in which they
did anything, times the bucket length. A picker who started at ten is not measured
against the whole shift, and the figure is exact and repeatable (no clock-in data
needed). The buckets are counted in SQL so that a shift of 100,000 scans is a few
hundred grouped rows, not 100,000.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, cast, func, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Event, PickLine, PickTask, ScanRecord, Station, User

MAX_BUCKETS = 2000


@dataclass(frozen=True, slots=True)
class ThroughputRow:
    label: str  # worker or station name; for a bucket, its local start is the UI's business
    ref_id: int | None  # user id, station id, or bucket index
    start: datetime | None  # bucket rows: the bucket's start
    lines_picked: int = 0
    units_picked: int = 0
    shorts: int = 0
    scans: int = 0
    refused: int = 0
    orders_packed: int = 0
    hours: float = 0.0  # active hours (see the module note)

    @property
    def lines_per_hour(self) -> float:
        return self.lines_picked / self.hours if self.hours else 0.0

    @property
    def units_per_hour(self) -> float:
        return self.units_picked / self.hours if self.hours else 0.0

    @property
    def misscan_rate(self) -> float:
        """Refused scans as a share of all scans, 0…1."""
        return self.refused / self.scans if self.scans else 0.0


@dataclass(frozen=True, slots=True)
class Throughput:
    start: datetime
    end: datetime
    bucket_minutes: int
    workers: tuple[ThroughputRow, ...]
    stations: tuple[ThroughputRow, ...]
    buckets: tuple[ThroughputRow, ...]  # every bucket of the window, empty ones too
    total: ThroughputRow


@dataclass
class _Acc:
    lines: int = 0
    units: int = 0
    shorts: int = 0
    scans: int = 0
    refused: int = 0
    packed: int = 0
    active: set[int] = field(default_factory=set)

    def row(
        self, label: str, ref: int | None, hours: float, start: datetime | None = None
    ) -> ThroughputRow:
        return ThroughputRow(
            label,
            ref,
            start,
            self.lines,
            self.units,
            self.shorts,
            self.scans,
            self.refused,
            self.packed,
            hours,
        )


def _epoch(col: Any, dialect: str) -> Any:
    if dialect == "sqlite":
        # Stored as naive UTC text; strftime reads it as UTC.
        return cast(func.strftime("%s", col), BigInteger)
    return cast(func.floor(func.extract("epoch", col)), BigInteger)


def _bucket(col: Any, dialect: str, start: datetime, width_s: int) -> Any:
    return (_epoch(col, dialect) - int(start.timestamp())) // width_s


def throughput(
    db: Database, start: datetime, end: datetime, bucket_minutes: int = 60
) -> Throughput:
    """Who did how much in ``[start, end)``; see the module note for the definitions."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("throughput needs aware start and end times")
    if end <= start:
        raise ValueError(
            f"the window must end after it starts ({start:%Y-%m-%d %H:%M} … {end:%Y-%m-%d %H:%M})"
        )
    if bucket_minutes < 1:
        raise ValueError("buckets must be at least one minute long")
    width = timedelta(minutes=bucket_minutes)
    count = -(-(end - start) // width)
    if count > MAX_BUCKETS:
        raise ValueError(
            f"{count} buckets of {bucket_minutes} minutes is too many (at most {MAX_BUCKETS})"
        )
    width_s = bucket_minutes * 60
    dialect = db.dialect
    workers: dict[int | None, _Acc] = defaultdict(_Acc)
    stations: dict[int | None, _Acc] = defaultdict(_Acc)
    buckets: dict[int, _Acc] = defaultdict(_Acc)
    total = _Acc()

    def accs(user: int | None, station: int | None, b: int) -> Iterable[_Acc]:
        b = min(max(int(b), 0), count - 1)  # a time on the very edge rounds into the window
        for acc in (workers[user], stations[station], buckets[b], total):
            acc.active.add(b)
            yield acc

    with db.read() as s:
        users = dict(s.execute(select(User.id, User.name)).all())
        names = dict(s.execute(select(Station.id, Station.name)).all())
        for user, station, b, status, n, units in _lines(s, dialect, start, end, width_s):
            for acc in accs(user, station, b):
                if status == "short":
                    acc.shorts += int(n)
                else:
                    acc.lines += int(n)
                acc.units += int(units or 0)
        for user, station, b, result, n in _scans(s, dialect, start, end, width_s):
            for acc in accs(user, station, b):
                acc.scans += int(n)
                if result == "refused":
                    acc.refused += int(n)
        for user, station, b, n in _packed(s, dialect, start, end, width_s):
            for acc in accs(user, station, b):
                acc.packed += int(n)

    def span(b: int) -> timedelta:
        return min(start + (b + 1) * width, end) - (start + b * width)

    def hours(acc: _Acc) -> float:
        return sum(span(b).total_seconds() for b in acc.active) / 3600

    def ordered(rows: list[ThroughputRow]) -> tuple[ThroughputRow, ...]:
        return tuple(
            sorted(rows, key=lambda r: (-r.units_picked, -r.orders_packed, r.label, r.ref_id or 0))
        )

    return Throughput(
        start=start,
        end=end,
        bucket_minutes=bucket_minutes,
        workers=ordered(
            [a.row(users.get(k, "") if k else "", k, hours(a)) for k, a in workers.items()]
        ),
        stations=ordered(
            [a.row(names.get(k, "") if k else "", k, hours(a)) for k, a in stations.items()]
        ),
        buckets=tuple(
            buckets[b].row("", b, span(b).total_seconds() / 3600, start + b * width)
            if b in buckets
            else ThroughputRow("", b, start + b * width, hours=span(b).total_seconds() / 3600)
            for b in range(count)
        ),
        total=total.row("", None, hours(total)),
    )


def _lines(s: Session, dialect: str, start: datetime, end: datetime, width_s: int) -> list[Any]:
    b = _bucket(PickLine.picked_at, dialect, start, width_s).label("b")
    q = (
        select(
            PickLine.picked_by,
            PickTask.claimed_station_id,
            b,
            PickLine.status,
            func.count(PickLine.id),
            func.sum(PickLine.picked_qty),
        )
        .join(PickTask, PickTask.id == PickLine.pick_task_id)
        .where(
            PickLine.picked_at >= start,
            PickLine.picked_at < end,
            PickLine.status.in_(("picked", "short")),
        )
        .group_by(PickLine.picked_by, PickTask.claimed_station_id, b, PickLine.status)
    )
    return list(s.execute(q))


def _scans(s: Session, dialect: str, start: datetime, end: datetime, width_s: int) -> list[Any]:
    b = _bucket(ScanRecord.at, dialect, start, width_s).label("b")
    q = (
        select(
            ScanRecord.user_id,
            ScanRecord.station_id,
            b,
            ScanRecord.result,
            func.count(ScanRecord.id),
        )
        .where(
            ScanRecord.at >= start, ScanRecord.at < end, ScanRecord.result.in_(("ok", "refused"))
        )
        .group_by(ScanRecord.user_id, ScanRecord.station_id, b, ScanRecord.result)
    )
    return list(s.execute(q))


def _packed(s: Session, dialect: str, start: datetime, end: datetime, width_s: int) -> list[Any]:
    b = _bucket(Event.at, dialect, start, width_s).label("b")
    q = (
        select(Event.user_id, Event.station_id, b, func.count(Event.seq))
        .where(
            Event.kind == "order.packed", Event.entity == "order", Event.at >= start, Event.at < end
        )
        .group_by(Event.user_id, Event.station_id, b)
    )
    return list(s.execute(q))
