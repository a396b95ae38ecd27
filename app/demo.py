"""``wavedesk demo``: the embedded database with demo data, then the window.

On a fresh machine this creates the SQLite database in the user's data folder,
seeds it once, and opens wavedesk on it. The window lives in ``ui``; it is
imported only here, at the last moment, so that the core never depends on Qt.
"""

from __future__ import annotations

import sys

from app.config import resolve_db_url
from app.db.engine import Database
from app.db.migrate import upgrade
from app.services.demo_seed import seed_demo
from app.services.orders import status_counts


def prepare_demo_db(db_option: str | None, orders: int) -> str:
    url = resolve_db_url(db_option)
    upgrade(url)
    db = Database(url)
    try:
        if not status_counts(db):
            print("seeding the demo database (first start)…", file=sys.stderr)
            print(seed_demo(db, orders=orders, log=lambda m: print(f"  {m}", file=sys.stderr)))
        counts = status_counts(db)
    finally:
        db.dispose()
    print("orders by status: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return url


def run_demo(db_option: str | None, orders: int, no_window: bool) -> int:
    url = prepare_demo_db(db_option, orders)
    if no_window:
        return 0
    from ui.app import run_window  # noqa: PLC0415 - Qt only when a window is wanted

    return run_window(url)
