"""View-model of the supervisor's dashboard (主管看板).

Every query and every action runs on the background worker; results come back as
signals carrying the frozen rows of :mod:`app.services.supervision.dashboard`. A QTimer refreshes
all sections every few seconds (skipping a tick while a refresh is running), the
station's live-update listener (``ctx.extras["live"]``, when there is one) asks for
a refresh when another station changes something, and each action refreshes when it
is done.

Actions run as the signed-in supervisor at this station (``ctx.actor``), except a
weight override, which runs as the supervisor who approved it with badge and PIN.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.domain.floor_errors import FloorError
from app.domain.local_time import LOCAL
from app.services.access.identity import UserInfo
from app.services.audit import Actor
from app.services.station.link import utcnow
from app.services.supervision import (
    ExceptionRow,
    StatusCount,
    Throughput,
    UserRow,
    WaveRow,
    dashboard,
    shift_report,
)
from app.services.supervision import actions as supervision
from app.services.waves import BuildResult, WaveError, WaveOptions
from ui.context import StationContext
from ui.i18n.messages import floor_text
from ui.viewmodels.orders_board import describe_error
from ui.viewmodels.refresh_timer import RefreshTimer, Ticking

DEFAULT_INTERVAL_MS = 5000
DEFAULT_STALE_MINUTES = 15
DEFAULT_BUCKET_MINUTES = 60

Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class Snapshot:
    waves: list[WaveRow]
    orders: list[StatusCount]
    exceptions: list[ExceptionRow]
    throughput: Throughput
    users: list[UserRow]
    now: datetime


def start_of_day(now: datetime) -> datetime:
    """Local midnight of ``now``'s day, the default start of the throughput window."""
    local = now.astimezone(LOCAL)
    return datetime.combine(local.date(), time(0), tzinfo=LOCAL)


class SupervisorModel(QObject, Ticking):
    """See the module doc."""

    waves_changed = Signal(list)  # list[WaveRow]
    orders_changed = Signal(list)  # list[StatusCount]
    exceptions_changed = Signal(list)  # list[ExceptionRow]
    throughput_changed = Signal(object)  # Throughput
    users_changed = Signal(list)  # list[UserRow]
    refreshed = Signal()  # after every section of one refresh was emitted
    action_done = Signal(str, object)  # action name, ActionDone
    action_failed = Signal(str, str, str)  # action name, FloorError code ("" if none), sentence
    preview_ready = Signal(object)  # BuildResult (dry run)
    built = Signal(object)  # BuildResult
    exported = Signal(str)  # path written
    export_failed = Signal(str)  # sentence
    error = Signal(str)  # a refresh failed: sentence

    def __init__(
        self,
        ctx: StationContext,
        *,
        interval_ms: int | None = DEFAULT_INTERVAL_MS,
        stale_minutes: int = DEFAULT_STALE_MINUTES,
        bucket_minutes: int = DEFAULT_BUCKET_MINUTES,
        clock: Clock = utcnow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._clock = clock
        self.stale_minutes = stale_minutes
        self.bucket_minutes = bucket_minutes
        self._window_start: datetime | None = None  # None: today's local midnight
        self._window_end: datetime | None = None  # None: now
        self._in_flight = False
        self._dirty = False
        self.snapshot: Snapshot | None = None
        self._timer = RefreshTimer(self.refresh, interval_ms, self)
        live = ctx.extras.get("live")
        changed = getattr(live, "changed", None)
        if changed is not None:
            changed.connect(self._on_live_change)

    # -- refreshing -------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._in_flight

    @property
    def idle(self) -> bool:
        """No refresh running and none asked for: what is shown is what the database had
        when the last refresh began."""
        return not self._in_flight and not self._dirty

    def now(self) -> datetime:
        return self._clock()

    def window(self) -> tuple[datetime, datetime]:
        """The throughput window as it would be queried now."""
        now = self.now()
        start = self._window_start or start_of_day(now)
        end = self._window_end or now
        return start, max(end, start + timedelta(minutes=1))

    def set_window(
        self, start: datetime | None, end: datetime | None = None, bucket_minutes: int | None = None
    ) -> None:
        """Throughput from ``start`` (None: today) to ``end`` (None: now); refreshes."""
        self._window_start, self._window_end = start, end
        if bucket_minutes:
            self.bucket_minutes = bucket_minutes
        self.refresh()

    def refresh(self) -> None:
        """Reload every section; a request during a refresh runs once it is done."""
        if self._in_flight:
            self._dirty = True
            return
        self._in_flight = True
        self._dirty = False
        db, stale, bucket = self.ctx.db, self.stale_minutes, self.bucket_minutes
        warehouse = self.ctx.station.warehouse_id if self.ctx.station else None
        now = self.now()
        start, end = self.window()

        def work() -> Snapshot:
            return Snapshot(
                waves=dashboard.wave_progress(db, warehouse_id=warehouse, now=now),
                orders=dashboard.orders_by_status(db),
                exceptions=dashboard.exceptions(db, stale_minutes=stale, now=now),
                throughput=dashboard.throughput(db, start, end, bucket),
                users=dashboard.active_users(db),
                now=now,
            )

        self.ctx.background.submit(work, self._on_snapshot, self._on_refresh_error)

    def _on_snapshot(self, snap: Snapshot) -> None:
        self._in_flight = False
        self.snapshot = snap
        self.waves_changed.emit(snap.waves)
        self.orders_changed.emit(snap.orders)
        self.exceptions_changed.emit(snap.exceptions)
        self.throughput_changed.emit(snap.throughput)
        self.users_changed.emit(snap.users)
        self.refreshed.emit()
        if self._dirty:
            self.refresh()

    def _on_refresh_error(self, exc: Exception) -> None:
        self._in_flight = False
        self.error.emit(describe_error(exc))
        if self._dirty:
            self.refresh()

    def _on_live_change(self, entities: object) -> None:
        self.refresh()

    # -- actions ----------------------------------------------------------------------

    @property
    def actor(self) -> Actor:
        return self.ctx.actor

    def _run(self, action: str, fn: Callable[[], Any]) -> None:
        def done(result: Any) -> None:
            self.action_done.emit(action, result)
            self.refresh()

        def failed(exc: Exception) -> None:
            code = exc.code if isinstance(exc, FloorError) else ""
            message = floor_text(exc) if isinstance(exc, FloorError) else describe_error(exc)
            self.action_failed.emit(action, code, message)
            self.refresh()

        self.ctx.background.submit(fn, done, failed, owner=self)

    def release_hold(self, order_id: int, hold_id: int, reason: str) -> None:
        db, actor = self.ctx.db, self.actor
        self._run(
            "release_hold", lambda: supervision.release_hold(db, actor, order_id, hold_id, reason)
        )

    def release_task(self, task_id: int, reason: str) -> None:
        db, actor = self.ctx.db, self.actor
        self._run("release_task", lambda: supervision.release_task(db, actor, task_id, reason))

    def reassign_task(self, task_id: int, user_id: int, reason: str) -> None:
        db, actor = self.ctx.db, self.actor
        self._run(
            "reassign_task", lambda: supervision.reassign_task(db, actor, task_id, user_id, reason)
        )

    def cancel_order(self, order_id: int, reason: str) -> None:
        db, actor = self.ctx.db, self.actor
        self._run("cancel_order", lambda: supervision.cancel_order(db, actor, order_id, reason))

    def resolve_interception(self, order_id: int, reason: str) -> None:
        db, actor = self.ctx.db, self.actor
        self._run(
            "resolve_interception",
            lambda: supervision.resolve_interception(db, actor, order_id, reason),
        )

    def approve_override(
        self, order_id: int, reason: str, approver: UserInfo | None = None
    ) -> None:
        """As ``approver`` (checked with badge and PIN) at this station, else as the
        signed-in supervisor."""
        db = self.ctx.db
        actor = Actor(approver.id, self.actor.station_id) if approver is not None else self.actor
        self._run(
            "approve_override", lambda: supervision.approve_override(db, actor, order_id, reason)
        )

    def retry_print(self, job_id: int, reason: str = "") -> None:
        db, actor = self.ctx.db, self.actor
        self._run("retry_print", lambda: supervision.retry_print(db, actor, job_id, reason))

    def pause_wave(self, wave_id: int, reason: str) -> None:
        db, actor = self.ctx.db, self.actor
        self._run("pause_wave", lambda: supervision.pause_wave(db, actor, wave_id, reason))

    def resume_wave(self, wave_id: int, reason: str) -> None:
        db, actor = self.ctx.db, self.actor
        self._run("resume_wave", lambda: supervision.resume_wave(db, actor, wave_id, reason))

    def cancel_wave(self, wave_id: int, reason: str) -> None:
        db, actor = self.ctx.db, self.actor
        self._run("cancel_wave", lambda: supervision.cancel_wave(db, actor, wave_id, reason))

    # -- building waves ---------------------------------------------------------------

    def wave_options(self, **kw: Any) -> WaveOptions:
        """Options for this station's warehouse (``warehouse=`` to choose another)."""
        warehouse = kw.pop("warehouse", None) or (
            self.ctx.station.warehouse_code if self.ctx.station else None
        )
        if not warehouse:
            raise WaveError("this station has no warehouse; choose one to build waves for")
        return WaveOptions(warehouse, **kw)

    def preview_waves(self, options: WaveOptions) -> None:
        db = self.ctx.db

        def failed(exc: Exception) -> None:
            self.action_failed.emit("build_waves", getattr(exc, "code", ""), _sentence(exc))

        self.ctx.background.submit(
            lambda: supervision.build_waves_preview(db, options),
            self._on_preview,
            failed,
            owner=self,
        )

    def _on_preview(self, result: BuildResult) -> None:
        self.preview_ready.emit(result)

    def build_waves(self, options: WaveOptions) -> None:
        db, actor = self.ctx.db, self.actor

        def done(result: BuildResult) -> None:
            self.built.emit(result)
            self.refresh()

        def failed(exc: Exception) -> None:
            self.action_failed.emit("build_waves", getattr(exc, "code", ""), _sentence(exc))

        self.ctx.background.submit(
            lambda: supervision.build_waves_now(db, actor, replace(options, dry_run=False)),
            done,
            failed,
            owner=self,
        )

    # -- export -----------------------------------------------------------------------

    def export(
        self,
        path: str | Path,
        start: datetime,
        end: datetime,
        *,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        """Write the shift report to ``path``: PDF for a ``.pdf`` name, else CSV."""
        db, target, bucket = self.ctx.db, Path(path), self.bucket_minutes
        now = self.now()

        def work() -> str:
            if target.suffix.lower() == ".pdf":
                shift_report.save_shift_pdf(
                    db,
                    start,
                    end,
                    target,
                    bucket_minutes=bucket,
                    labels=dict(labels or {}),
                    now=now,
                )
            else:
                shift_report.save_shift_csv(db, start, end, target, bucket_minutes=bucket, now=now)
            return str(target)

        self.ctx.background.submit(
            work,
            self.exported.emit,
            lambda exc: self.export_failed.emit(_sentence(exc)),
            owner=self,
        )


def _sentence(exc: BaseException) -> str:
    if isinstance(exc, FloorError):
        return floor_text(exc)
    if isinstance(exc, (ValueError, OSError)):
        return str(exc)
    return describe_error(exc)
