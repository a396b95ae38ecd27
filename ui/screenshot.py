"""A picture of the main window, for documentation and review.

    python -m ui.screenshot sqlite:///demo.sqlite3 resources/screenshots/orders-board.png

The database is not seeded here: point it at one that holds data. The window opens
offscreen at 1400×900, waits for the first load, selects the first order on hold (so
the detail panel shows something) and saves ``QWidget.grab()`` as PNG.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

WIDTH, HEIGHT = 1400, 900


def _wait(condition: Callable[[], bool], timeout_ms: int) -> bool:
    from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QThread

    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        if deadline.hasExpired():
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QThread.msleep(10)
    return True


def grab_main_window(
    db_url: str, path: Path, lang: str = "zh_CN", timeout_ms: int = 30_000
) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import application, build_station
    from ui.i18n import install_translator
    from ui.screens.orders_table import STATUS_ROLE

    app = application()
    install_translator(app, lang)
    station = build_station(db_url, interval_ms=None)
    window = station.window
    board = window.orders_board
    try:
        window.resize(WIDTH, HEIGHT)
        window.show()
        loaded: list[bool] = []
        station.orders_model.orders_changed.connect(lambda _rows: loaded.append(True))
        station.orders_model.error.connect(lambda _msg: loaded.append(False))
        station.orders_model.start()
        if not _wait(lambda: bool(loaded), timeout_ms):
            raise TimeoutError(f"no data from {db_url} within {timeout_ms} ms")
        table = board.table_model
        held = [
            r
            for r in range(table.rowCount())
            if table.data(table.index(r, 0), STATUS_ROLE) == "on_hold"
        ]
        if held:
            board.select_row(held[0])
            board.table.scrollTo(table.index(held[0], 0))
            _wait(lambda: bool(board.detail_panel.detail()), timeout_ms)
        _wait(lambda: False, 200)  # let layouts settle
        path.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
    finally:
        station.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db_url")
    parser.add_argument("path", type=Path)
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args(argv)
    grab_main_window(args.db_url, args.path, args.lang)
    print(args.path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
