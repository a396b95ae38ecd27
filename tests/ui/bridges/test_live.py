from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.audit import record
from ui.bridges.live import LiveUpdates, touches


def test_another_connections_commit_arrives_on_the_gui_thread(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    live = LiveUpdates(sqlite_db.url, poll_s=0.05)
    seen: list[frozenset[str]] = []
    live.changed.connect(seen.append)
    live.start()
    try:
        qtbot.waitUntil(lambda: live.ready and live.online is True, timeout=10_000)
        with sqlite_db.unit_of_work() as session:
            record(session, "order", 5, "order.packed")
        qtbot.waitUntil(lambda: any("order" in s for s in seen), timeout=10_000)
    finally:
        live.stop()


def test_touches_reads_the_entity_set() -> None:
    assert touches(frozenset({"order"}), "order", "wave")
    assert not touches(frozenset({"print_job"}), "order")
    assert touches(frozenset({"*"}), "order")
