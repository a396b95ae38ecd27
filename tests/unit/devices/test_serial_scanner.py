from __future__ import annotations

import queue
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.devices.serial_scanner import SerialScanner, split_lines
from app.domain.scan import Location, Tote, classify

WAIT_S = 10.0  # generous: the machine is shared


class Inbox:
    """Collects callbacks from the reader thread."""

    def __init__(self) -> None:
        self.scans: queue.Queue[str] = queue.Queue()
        self.errors: queue.Queue[str] = queue.Queue()

    def scan(self, text: str) -> None:
        self.scans.put(text)

    def error(self, text: str) -> None:
        self.errors.put(text)

    def next_scans(self, n: int) -> list[str]:
        return [self.scans.get(timeout=WAIT_S) for _ in range(n)]

    def next_error(self) -> str:
        return self.errors.get(timeout=WAIT_S)


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def scanner_factory(inbox: Inbox) -> Iterator[type[SerialScanner]]:
    started: list[SerialScanner] = []

    class Tracked(SerialScanner):
        def start(self) -> None:
            started.append(self)
            super().start()

    yield Tracked
    for s in started:
        s.stop()
        assert not s.running


# ----------------------------------------------------------------------------- lines


@pytest.mark.parametrize(
    ("data", "lines", "rest"),
    [
        (b"A\r\nB\nC\rD", [b"A", b"B", b"C"], b"D"),
        (b"\r\n\r\nA\r\n", [b"A"], b""),
        (b"ABC", [], b"ABC"),
        (b"A\r", [b"A"], b""),
        (b"", [], b""),
    ],
)
def test_split_lines(data: bytes, lines: list[bytes], rest: bytes) -> None:
    buffer = bytearray(data)
    assert split_lines(buffer) == lines
    assert bytes(buffer) == rest


# ----------------------------------------------------------------------------- loop://


def test_loop_port_delivers_each_line(inbox: Inbox, scanner_factory: type[SerialScanner]) -> None:
    scanner = scanner_factory("loop://", inbox.scan, inbox.error)
    scanner.start()
    assert scanner.wait_connected(WAIT_S)
    assert scanner.port is not None
    scanner.port.write(b"]C0T-0001\r\nHZ1-A01-05-2\nU-0001\r")
    assert inbox.next_scans(3) == ["]C0T-0001", "HZ1-A01-05-2", "U-0001"]
    assert classify("]C0T-0001") == Tote("T-0001")
    scanner.stop()
    assert not scanner.running
    assert not scanner.connected
    assert inbox.errors.empty()


def test_context_manager_and_double_start(
    inbox: Inbox, scanner_factory: type[SerialScanner]
) -> None:
    with SerialScanner("loop://", inbox.scan, inbox.error) as scanner:
        assert scanner.running
        with pytest.raises(RuntimeError, match="already started"):
            scanner.start()
    assert not scanner.running
    SerialScanner("loop://", inbox.scan, inbox.error).stop()  # never started: fine


def test_a_failing_callback_is_reported_and_reading_goes_on(inbox: Inbox) -> None:
    def on_scan(text: str) -> None:
        if text == "BOOM":
            raise RuntimeError("screen not ready")
        inbox.scan(text)

    with SerialScanner("loop://", on_scan, inbox.error) as scanner:
        assert scanner.wait_connected(WAIT_S)
        assert scanner.port is not None
        scanner.port.write(b"BOOM\r\nT-0002\r\n")
        assert inbox.next_scans(1) == ["T-0002"]
        assert "handling scan 'BOOM' failed: screen not ready" in inbox.next_error()


def test_idle_end_for_a_scanner_without_terminator(inbox: Inbox) -> None:
    with SerialScanner("loop://", inbox.scan, inbox.error, idle_end_s=0.3) as scanner:
        assert scanner.wait_connected(WAIT_S)
        assert scanner.port is not None
        scanner.port.write(b"T-0003")
        assert inbox.next_scans(1) == ["T-0003"]


def test_a_flood_without_line_end_is_discarded_with_a_reason(inbox: Inbox) -> None:
    with SerialScanner("loop://", inbox.scan, inbox.error) as scanner:
        assert scanner.wait_connected(WAIT_S)
        assert scanner.port is not None
        scanner.port.write(b"X" * 5000)
        assert "without a line end" in inbox.next_error()
        scanner.port.write(b"\r\nT-0004\r\n")
        scans = inbox.next_scans(1)
        if scans != ["T-0004"]:  # the tail of the flood came out as its own line first
            scans = inbox.next_scans(1)
        assert scans == ["T-0004"]


# ----------------------------------------------------------------------------- pty


def test_pty_lines_split_across_writes(inbox: Inbox, pty_pair: Any) -> None:
    with SerialScanner(pty_pair.path, inbox.scan, inbox.error, baudrate=115200) as scanner:
        assert scanner.wait_connected(WAIT_S)
        pty_pair.write(b"HZ1-A0")
        pty_pair.write(b"1-05-2\r")
        pty_pair.write(b"\nT-0005\n")
        pty_pair.write("６９０\r\n".encode())
        scans = inbox.next_scans(3)
    assert scans == ["HZ1-A01-05-2", "T-0005", "６９０"]
    assert classify(scans[0]) == Location("HZ1-A01-05-2")
    assert inbox.errors.empty()


def test_a_missing_port_is_reported_and_retried(inbox: Inbox, tmp_path: Path) -> None:
    path = str(tmp_path / "ttyUSB9")
    with SerialScanner(path, inbox.scan, inbox.error, backoff_s=(0.05, 0.1)) as scanner:
        first = inbox.next_error()
        second = inbox.next_error()
        assert not scanner.connected
    assert f"cannot open the scanner port {path}" in first
    assert "trying again in 0.05 s" in first
    assert "trying again in 0.1 s" in second


def test_reconnects_when_the_port_comes_back(
    inbox: Inbox, tmp_path: Path, make_pty: Callable[[], Any]
) -> None:
    """A USB scanner unplugged and plugged in again: the device path vanishes and
    reappears (a symlink standing for /dev/serial/by-id/…)."""
    link = tmp_path / "scanner"
    first = make_pty()
    link.symlink_to(first.path)
    with SerialScanner(str(link), inbox.scan, inbox.error, backoff_s=(0.05,)) as scanner:
        assert scanner.wait_connected(WAIT_S)
        first.write(b"T-0006\r\n")
        assert inbox.next_scans(1) == ["T-0006"]

        link.unlink()
        first.unplug()
        assert f"lost the scanner on {link}" in inbox.next_error()
        assert "cannot open the scanner port" in inbox.next_error()
        assert not scanner.connected

        second = make_pty()
        link.symlink_to(second.path)  # plugged in again
        assert scanner.wait_connected(WAIT_S)
        second.write(b"T-0007\r\n")
        assert inbox.next_scans(1) == ["T-0007"]
