"""Starting the station: ``run_station(config)`` is what ``wavedesk demo`` and
``wavedesk station`` open."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from app.station_config import StationConfig
from ui.screens.orders_board import BASE_POINT_SIZE


def application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created if there is none yet."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    QCoreApplication.setApplicationName("wavedesk")
    QCoreApplication.setOrganizationName("wavedesk")
    font = QFont(app.font())
    font.setPointSizeF(max(BASE_POINT_SIZE, font.pointSizeF()))
    app.setFont(font)
    return app


def run_station(config: StationConfig) -> int:
    """Open the floor station for ``config`` (already checked) until it is closed."""
    from ui.station import run_station as run  # noqa: PLC0415 - the window's modules load here

    return run(config)
