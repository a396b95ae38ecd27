"""A serial scanner on a pseudo-terminal: its lines reach the hub on the GUI thread."""

from __future__ import annotations

import os
import tty
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from app.domain.scan import Location, Tote
from ui.bridges.scanner import ScanHub, SerialScanSource

WAIT_MS = 10_000


@pytest.fixture
def pty() -> Iterator[tuple[int, str]]:
    master, slave = os.openpty()
    tty.setraw(slave)
    yield master, os.ttyname(slave)
    for fd in (master, slave):
        try:
            os.close(fd)
        except OSError:
            pass


def test_a_line_from_the_port_is_a_meaning_on_the_gui_thread(qtbot, qapp: QApplication, pty):
    master, path = pty
    hub = ScanHub()
    source = SerialScanSource(hub, path, 9600, poll_s=0.05)
    threads: list[QThread] = []
    got: list[object] = []

    def on_scan(meaning: object) -> None:
        threads.append(QThread.currentThread())
        got.append(meaning)

    hub.scanned.connect(on_scan)
    source.start()
    try:
        assert source.scanner.wait_connected(10)
        os.write(master, b"HZ1-A01-05-2\r\n")
        qtbot.waitUntil(lambda: len(got) == 1, timeout=WAIT_MS)
        os.write(master, b"T-0042\n")
        qtbot.waitUntil(lambda: len(got) == 2, timeout=WAIT_MS)
    finally:
        source.stop()
    assert got == [Location("HZ1-A01-05-2"), Tote("T-0042")]
    assert threads == [qapp.thread(), qapp.thread()]


def test_a_missing_port_is_an_error_sentence(qtbot, tmp_path):
    hub = ScanHub()
    source = SerialScanSource(hub, str(tmp_path / "ttyUSB9"), backoff_s=(5.0,))
    with qtbot.waitSignal(source.error, timeout=WAIT_MS) as err:
        source.start()
    source.stop()
    assert "cannot open the scanner port" in err.args[0]
    assert "plugged in" in err.args[0]
