"""Starting the station: ``run_station(config)`` is what ``wavedesk demo`` and
``wavedesk station`` open; the window is put together in :mod:`ui.shell.assembly`."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from app.services.access import auth
from app.services.station.config import StationConfig
from ui.bridges.offline import journal_path
from ui.bridges.scanner import ScanHub
from ui.i18n.language import install_translator
from ui.shell.assembly import build_station_window, close_station, start_scanners
from ui.shell.window import LIVE
from ui.widgets import theme

log = logging.getLogger(__name__)


def application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created if there is none yet."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    QCoreApplication.setApplicationName("wavedesk")
    QCoreApplication.setOrganizationName("wavedesk")
    font = QFont(app.font())
    font.setPointSizeF(max(theme.BODY, font.pointSizeF()))
    app.setFont(font)
    return app


def run_station(config: StationConfig) -> int:
    """Open the station for ``config`` (already checked) and run until the window closes."""
    app = application()
    install_translator(app, config.lang)
    hub = ScanHub()
    window, ctx = build_station_window(config, scan_hub=hub, journal=journal_path(config.station))
    scanners = start_scanners(config, hub, window)
    live = ctx.extras.get(LIVE)
    start_live = getattr(live, "start", None)
    if callable(start_live):
        start_live()
    window.resize(1400, 900)
    window.show()
    window.start()
    try:
        return app.exec()
    finally:
        scanners.stop()
        user = ctx.user
        if user is not None and ctx.station.id:
            try:  # the window is gone: nothing waits on this thread any more
                auth.sign_out(ctx.db, user, station=ctx.station)
            except Exception:  # noqa: BLE001 - leaving must not fail for a log line
                log.warning("could not record the sign-out of %s", user.badge, exc_info=True)
        close_station(window, ctx)
