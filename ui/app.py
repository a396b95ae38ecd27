"""Starting a window: ``run_station(config)`` (the floor station, what ``wavedesk demo`` and
``wavedesk station`` open) or ``run_window(db_url)`` (the orders board alone)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from app.station_config import StationConfig
from ui.background import Background
from ui.i18n import install_translator
from ui.main_window import MainWindow
from ui.screens.orders_board import BASE_POINT_SIZE
from ui.viewmodels.orders_board import DEFAULT_INTERVAL_MS, OrdersBoardModel


@dataclass
class Station:
    """The window and what it owns; ``close()`` stops the worker, then the database."""

    window: MainWindow
    background: Background
    orders_model: OrdersBoardModel

    def close(self) -> None:
        self.orders_model.stop()
        self.window.close()
        self.background.shutdown()
        self.orders_model.dispose()


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


def build_station(db_url: str, interval_ms: int | None = DEFAULT_INTERVAL_MS) -> Station:
    """The main window on ``db_url``; loading starts with ``orders_model.start()``."""
    background = Background()
    model = OrdersBoardModel.open(db_url, background, interval_ms=interval_ms)
    window = MainWindow(model, background)
    return Station(window, background, model)


def run_station(config: StationConfig) -> int:
    """The floor station (sign-in, then the screens the role may use); ``wavedesk demo``
    and ``wavedesk station`` call this. Returns the exit code."""
    from ui.station import run_station as run  # noqa: PLC0415 - the station pulls in every screen

    return run(config)


def run_window(db_url: str, lang: str = "zh_CN") -> int:
    """Open wavedesk on ``db_url`` in ``lang`` ("zh_CN" or "en"); returns the exit code."""
    app = application()
    install_translator(app, lang)
    station = build_station(db_url)
    station.window.resize(1400, 900)
    station.window.show()
    station.orders_model.start()
    try:
        return app.exec()
    finally:
        station.close()
