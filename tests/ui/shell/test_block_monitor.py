from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from ui.shell.block_monitor import BUDGET_MS, BlockMonitor


def test_a_busy_gui_thread_is_seen_as_a_stall(qtbot: QtBot) -> None:
    monitor = BlockMonitor(interval_ms=2)
    monitor.start()
    qtbot.waitUntil(lambda: monitor.ticks >= 5, timeout=5000)
    # Block the GUI thread on purpose, well over the budget: the monitor must notice.
    QTimer.singleShot(0, lambda: time.sleep(0.1))
    qtbot.waitUntil(lambda: monitor.stalls_over_budget >= 1, timeout=5000)
    monitor.stop()
    assert monitor.max_blocked_ms > BUDGET_MS
