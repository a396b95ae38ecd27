"""``wavedesk demo``: the embedded database with demo data, then the window.

On a fresh machine this creates the SQLite database in the user's data folder,
seeds it once, and opens wavedesk on it. The window lives in ``ui``; it is
imported only here, at the last moment, so that the core never depends on Qt.
"""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import user_data_dir

from app.db.engine import Database
from app.db.migrate import upgrade
from app.db.url import resolve_db_url
from app.demo.scan_sheet import demo_scan_sheet
from app.demo.seed import seed_demo
from app.services.orders import status_counts
from app.services.station.config import StationConfig

DEMO_STATION = "HZ1-PACK-01"


def prepare_demo_db(db_option: str | None, orders: int) -> str:
    url = resolve_db_url(db_option)
    upgrade(url)
    db = Database(url)
    try:
        if not status_counts(db):
            print("seeding the demo database (first start)…", file=sys.stderr)
            print(seed_demo(db, orders=orders, log=lambda m: print(f"  {m}", file=sys.stderr)))
        counts = status_counts(db)
        sheet = scan_sheet_path(url)
        if not sheet.exists():
            sheet.write_bytes(demo_scan_sheet(db, "HZ1"))
    finally:
        db.dispose()
    print("orders by status: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"scan sheet to print (badges, locations, totes, products, commands): {sheet}")
    return url


def scan_sheet_path(url: str) -> Path:
    """Beside an SQLite demo database, else in the user's data folder."""
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).with_name("demo-scan-sheet.pdf")
    return Path(user_data_dir("wavedesk", appauthor=False)) / "demo-scan-sheet.pdf"


def demo_config(url: str, station: str = DEMO_STATION) -> StationConfig:
    """The demo station: keyboard-wedge scanner, a virtual scale, labels to a folder."""
    spool = Path(user_data_dir("wavedesk", appauthor=False)) / "spool"
    spool.mkdir(parents=True, exist_ok=True)
    folder = spool.resolve().as_posix()
    printer = f"dir://{folder}" if folder.startswith("/") else f"dir:///{folder}"
    return StationConfig(db=url, station=station, scanner="wedge", scale="fake", printer=printer)


def run_demo(
    db_option: str | None, orders: int, no_window: bool, *, station: str = DEMO_STATION
) -> int:
    url = prepare_demo_db(db_option, orders)
    if no_window:
        return 0
    return open_station(demo_config(url, station))


def open_station(config: StationConfig) -> int:
    """Run the station window with ``config`` until it is closed; the exit code."""
    from ui.main import run_station  # noqa: PLC0415 - Qt only when a window is wanted

    return run_station(config)
