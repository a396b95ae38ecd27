"""The background-operation helper: work runs on one worker thread, results come back
on the GUI thread, the GUI thread is never blocked, dead receivers are skipped."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThread, QTimer
from PySide6.QtWidgets import QLabel

from ui.bridges.background import Background


def test_fn_runs_on_the_worker_and_result_arrives_on_the_gui_thread(qtbot, background, qapp):
    seen: dict[str, object] = {}

    def work() -> int:
        seen["work_thread"] = QThread.currentThread()
        seen["work_ident"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["done_thread"] = QThread.currentThread()

    background.submit(work, done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=3000)

    assert seen["value"] == 42
    assert seen["work_thread"] is not qapp.thread()
    assert seen["work_thread"] is background.worker_thread
    assert seen["work_ident"] != threading.get_ident()
    assert seen["done_thread"] is qapp.thread()


def test_jobs_share_one_worker_thread_in_submission_order(qtbot, background):
    threads: list[int] = []
    results: list[int] = []
    for i in range(5):
        background.submit(lambda i=i: (threads.append(threading.get_ident()), i)[1], results.append)
    qtbot.waitUntil(lambda: len(results) == 5, timeout=3000)
    assert results == [0, 1, 2, 3, 4]
    assert len(set(threads)) == 1


def test_a_slow_job_does_not_delay_the_gui_thread(qtbot, background):
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    done: list[str] = []

    def slow() -> str:
        time.sleep(0.3)
        return "slept"

    started = time.monotonic()
    background.submit(slow, done.append)
    submit_took = time.monotonic() - started
    qtbot.waitUntil(lambda: bool(done), timeout=3000)
    timer.stop()

    assert done == ["slept"]
    assert submit_took < 0.05
    during = [t for t in ticks if started <= t <= started + 0.3]
    assert len(during) >= 5, f"the GUI timer ticked only {len(during)} times in 300 ms"
    gaps = [b - a for a, b in zip(during, during[1:], strict=False)]
    assert max(gaps) < 0.2


def test_an_exception_is_delivered_to_on_error_on_the_gui_thread(qtbot, background, qapp):
    errors: list[tuple[Exception, QThread]] = []

    def boom() -> None:
        raise ValueError("no such order")

    background.submit(
        boom,
        lambda _: pytest.fail("on_done called"),
        lambda e: errors.append((e, QThread.currentThread())),
    )
    qtbot.waitUntil(lambda: bool(errors), timeout=3000)
    exc, thread = errors[0]
    assert isinstance(exc, ValueError) and str(exc) == "no such order"
    assert thread is qapp.thread()


def test_an_exception_without_on_error_is_logged_not_raised(qtbot, background, caplog):
    background.submit(lambda: 1 / 0, lambda _: None)
    qtbot.waitUntil(lambda: background.pending == 0, timeout=3000)
    assert "background job failed" in caplog.text


class _Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.got: list[object] = []

    def take(self, value: object) -> None:
        self.objectName()  # raises RuntimeError if the C++ object is gone
        self.got.append(value)


def _slow(value: object, seconds: float = 0.15) -> object:
    time.sleep(seconds)
    return value


def _held(value: object, gate: threading.Event) -> object:
    """``value`` once the test opens ``gate``: the job is still running until then."""
    assert gate.wait(3), "the test never let the job finish"
    return value


def test_result_for_a_destroyed_receiver_is_dropped(qtbot, background):
    receiver = _Receiver()
    label = QLabel("before")
    gate = threading.Event()
    background.submit(lambda: _held(1, gate), receiver.take)
    background.submit(lambda: _held("after", gate), label.setText)
    shiboken6.delete(receiver)
    shiboken6.delete(label)
    gate.set()
    qtbot.waitUntil(lambda: background.pending == 0, timeout=3000)
    assert receiver.got == []


def test_owner_guards_closures(qtbot, background):
    receiver = _Receiver()
    calls: list[object] = []
    gate = threading.Event()
    background.submit(lambda: _held(1, gate), lambda v: calls.append(v), owner=receiver)
    shiboken6.delete(receiver)
    gate.set()
    qtbot.waitUntil(lambda: background.pending == 0, timeout=3000)
    assert calls == []


def test_live_receivers_still_get_results(qtbot, background):
    receiver = _Receiver()
    background.submit(lambda: _slow(7, 0.01), receiver.take)
    qtbot.waitUntil(lambda: receiver.got == [7], timeout=3000)


def test_shutdown_stops_the_thread_and_drops_later_work(qtbot, qapp):
    bg = Background()
    results: list[object] = []
    bg.submit(lambda: _slow("running", 0.1), results.append)
    time.sleep(0.02)  # let the worker pick it up
    bg.submit(lambda: "queued", results.append)
    assert bg.shutdown(timeout_ms=3000)
    assert not bg.worker_thread.isRunning()
    bg.submit(lambda: "after", results.append)
    qapp.processEvents()
    qtbot.wait(50)
    assert results == []
    assert bg.shutdown()  # twice is fine


def test_emitting_signals_keeps_the_interpreter_alive(tmp_path):
    """PySide6 6.12.0 on CPython 3.11 drops a reference to True on every emit() and
    aborts the process after a few hundred (bool_dealloc); pyproject.toml excludes it.
    Run in a child process, since the failure is a crash, not an exception."""
    script = tmp_path / "emit.py"
    script.write_text(
        "from PySide6.QtCore import QCoreApplication, QObject, Signal\n"
        "app = QCoreApplication([])\n"
        "class Chatty(QObject):\n"
        "    ping = Signal(int)\n"
        "c = Chatty(); got = []\n"
        "c.ping.connect(got.append)\n"
        "for i in range(20000):\n"
        "    c.ping.emit(i)\n"
        "print(len(got))\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "20000"
