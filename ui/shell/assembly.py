"""Putting a station together: the screens, the context, the devices, the window.

``wavedesk station`` and ``wavedesk demo`` end in :func:`run_station`. Tests and
tools use :func:`build_station_window` (no scanner, no event loop) and
:func:`close_station`.

The screens come from :func:`default_screens`; each screen module is imported when
its tab is first built, so a station starts without loading screens its user never sees.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.devices.scale import Scale
from app.services.access.identity import StationInfo
from app.services.station.config import StationConfig
from app.services.station.link import Database, resolve_db_url
from app.services.station.machine_settings import open_scale, scanner_port
from app.services.station.registry import kind_from_name
from ui.bridges.background import Background
from ui.bridges.live import LiveUpdates
from ui.bridges.offline import OFFLINE, OfflineLink
from ui.bridges.printer import SPOOLER, StationPrinter
from ui.bridges.scanner import SCAN_HUB, ScanHub, SerialScanSource, WedgeFilter
from ui.context import StationContext
from ui.shell.window import LIVE, ScreenSpec, StationWindow, checked_specs
from ui.widgets.feedback import Feedback

log = logging.getLogger(__name__)


def _owned(model: QObject, screen: QWidget) -> QWidget:
    """The model lives and dies with its screen."""
    model.setParent(screen)
    return screen


def _started(model: QObject, screen: QWidget) -> QWidget:
    """An owned model that starts loading now (lists with no side effects)."""
    _owned(model, screen)
    start = getattr(model, "start", None)
    if callable(start):
        start()
    return screen


def _picking(ctx: StationContext) -> QWidget:
    from ui.screens.picking import PickScreen  # noqa: PLC0415 - only when it is shown
    from ui.viewmodels.picking import PickModel  # noqa: PLC0415

    model = PickModel(ctx)
    # Not started here: starting claims a task, which the screen does when first shown.
    return _owned(model, PickScreen(model, ctx.feedback))


def _packing(ctx: StationContext) -> QWidget:
    from ui.screens.packing import PackScreen  # noqa: PLC0415 - only when it is shown
    from ui.viewmodels.packing import PackModel  # noqa: PLC0415

    model = PackModel(ctx)
    return _owned(model, PackScreen(model, ctx.feedback))


def _print_jobs(ctx: StationContext) -> QWidget:
    from ui.screens.print_jobs import PrintJobsScreen  # noqa: PLC0415 - only when it is shown
    from ui.viewmodels.print_jobs import PrintJobsModel  # noqa: PLC0415

    printer = ctx.extras.get(SPOOLER)
    wake = printer.wake if isinstance(printer, StationPrinter) else None
    model = PrintJobsModel(ctx, wake=wake)
    if isinstance(printer, StationPrinter):
        printer.changed.connect(model.notify)
    return _started(model, PrintJobsScreen(model))


def _handover(ctx: StationContext) -> QWidget:
    from ui.screens.handover import HandOverScreen  # noqa: PLC0415 - only when it is shown
    from ui.viewmodels.handover import HandOverModel  # noqa: PLC0415

    model = HandOverModel(ctx)
    return _owned(model, HandOverScreen(model, ctx.feedback))


def _supervisor(ctx: StationContext) -> QWidget:
    from ui.screens.supervisor import SupervisorScreen  # noqa: PLC0415 - only when it is shown
    from ui.viewmodels.supervisor import SupervisorModel  # noqa: PLC0415

    model = SupervisorModel(ctx)
    return _started(model, SupervisorScreen(model, ctx.feedback))


def _orders_board(ctx: StationContext) -> QWidget:
    from ui.screens.orders_board import OrdersBoard  # noqa: PLC0415 - only when it is shown
    from ui.viewmodels.orders_board import OrdersBoardModel  # noqa: PLC0415

    model = OrdersBoardModel(ctx.db, ctx.background)
    live = ctx.extras.get(LIVE)
    if isinstance(live, LiveUpdates):
        live.changed.connect(model.on_changes)
    return _started(model, OrdersBoard(model))


def _settings(ctx: StationContext) -> QWidget:
    from ui.screens.settings import SettingsScreen  # noqa: PLC0415 - only when it is shown

    return SettingsScreen(ctx)


def default_screens() -> list[ScreenSpec]:
    """Every screen of the station; the signed-in user's role decides which show."""
    return [
        ScreenSpec("pick", "pick", _picking),
        ScreenSpec("pack", "pack", _packing),
        ScreenSpec("handover", "ship", _handover),
        ScreenSpec("supervisor", "supervise", _supervisor),
        ScreenSpec("print_jobs", "print_jobs", _print_jobs),
        ScreenSpec("orders", None, _orders_board),
        ScreenSpec("settings", "settings", _settings),
    ]


def build_station_window(
    config: StationConfig,
    *,
    scale: Scale | None = None,
    scan_hub: ScanHub | None = None,
    feedback: Feedback | None = None,
    screens: Sequence[ScreenSpec] | None = None,
    heartbeat_ms: int | None = 30_000,
    live: bool = True,
    spooler: bool = True,
    journal: Path | None = None,
) -> tuple[StationWindow, StationContext]:
    """The window and its context for ``config``; nothing touches the database yet.

    ``scale`` None opens the scale ``config.scale`` names. The station is known by
    name only until ``window.start()`` has registered it. ``live`` adds a
    :class:`ui.bridges.live.LiveUpdates` (not started) as ``ctx.extras["live"]``; ``spooler``
    a :class:`ui.bridges.printer.StationPrinter` as ``ctx.extras["spooler"]``, started
    when the station is registered; ``journal`` (a file) a :class:`ui.bridges.offline.OfflineLink`
    as ``ctx.extras["offline"]``: the station keeps picking and verifying while the
    central database is away."""
    specs = checked_specs(default_screens() if screens is None else screens)
    # The station's one database worker must not hang on a lock a stuck session holds.
    db = Database(resolve_db_url(config.db or None), statement_timeout_ms=30_000)
    background = Background()
    name = config.station
    provisional = StationInfo(0, name, kind_from_name(name), None, None)
    ctx = StationContext(
        db=db,
        background=background,
        station=provisional,
        config=config,
        feedback=feedback if feedback is not None else Feedback(),
        scale=scale if scale is not None else open_scale(config.scale),
    )
    hub = scan_hub if scan_hub is not None else ScanHub()
    ctx.extras[SCAN_HUB] = hub
    updates = LiveUpdates(db.url) if live else None
    if updates is not None:
        ctx.extras[LIVE] = updates
    if spooler:
        printer = StationPrinter(db)
        ctx.extras[SPOOLER] = printer
    if journal is not None:
        ctx.extras[OFFLINE] = OfflineLink(ctx, journal, live=updates)
    try:
        window = StationWindow(ctx, specs, scan_hub=hub, heartbeat_ms=heartbeat_ms)
    except BaseException:
        background.shutdown()
        db.dispose()
        raise
    if spooler:
        # Labels print from the moment the station knows its id, whoever is signed in.
        window.station_ready.connect(lambda station: printer.start(station.id))
    return window, ctx


def close_station(window: StationWindow, ctx: StationContext) -> None:
    """Close the window, then stop the worker, the live feed, the scale and the database."""
    window.close()
    printer = ctx.extras.get(SPOOLER)
    if isinstance(printer, StationPrinter):
        printer.stop()
    live = ctx.extras.get(LIVE)
    stop = getattr(live, "stop", None)
    if callable(stop):
        stop()
    ctx.background.shutdown()
    link = ctx.extras.get(OFFLINE)
    if isinstance(link, OfflineLink):
        link.close()  # after the worker: a replay may be reading the journal
    if ctx.scale is not None:
        ctx.scale.close()
    ctx.db.dispose()


@dataclass
class _Scanners:
    wedge: WedgeFilter | None = None
    serial: SerialScanSource | None = None

    def stop(self) -> None:
        if self.wedge is not None:
            self.wedge.uninstall()
        if self.serial is not None:
            self.serial.stop()


def start_scanners(config: StationConfig, hub: ScanHub, window: StationWindow) -> _Scanners:
    port = scanner_port(config.scanner)
    if port is None:
        wedge = WedgeFilter(hub, parent=window)
        wedge.install()
        return _Scanners(wedge=wedge)
    device, baudrate = port
    source = SerialScanSource(hub, device, baudrate, parent=window)
    source.error.connect(window.ctx.feedback.warn)
    source.start()
    return _Scanners(serial=source)
