"""The leak watch (tests/support/leaks.py) itself: it names what a test left running
and where it was started, stops the Qt ones, and lets the session's own threads be."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from leaks import LeakWatch
from PySide6.QtCore import QObject, QThread, QTimer
from PySide6.QtWidgets import QApplication

HERE = "tests/test_leak_watch.py"


@pytest.fixture
def watch(qapp: QApplication) -> Iterator[LeakWatch]:
    w = LeakWatch({"wavedesk-session-thing": "lives for the session"}, grace_s=0.2).install()
    w.begin()
    yield w
    w.uninstall()


def _parked(name: str, release: threading.Event) -> threading.Thread:
    thread = threading.Thread(target=release.wait, name=name, daemon=True)
    thread.start()
    return thread


def test_a_thread_still_running_is_named_with_where_it_was_started(watch: LeakWatch) -> None:
    release = threading.Event()
    thread = _parked("left-behind", release)
    try:
        (leak,) = watch.end()
    finally:
        release.set()
        thread.join(5)
    assert "'left-behind'" in leak and "Event.wait" in leak
    assert f"{HERE}:" in leak and "in _parked" in leak


def test_a_thread_that_ends_within_the_grace_is_no_leak(watch: LeakWatch) -> None:
    release = threading.Event()
    thread = _parked("finishing", release)
    release.set()
    assert watch.end() == []
    assert not thread.is_alive()


def test_a_session_thread_is_let_be_by_name(watch: LeakWatch) -> None:
    release = threading.Event()
    thread = _parked("wavedesk-session-thing", release)
    try:
        assert watch.end() == []
    finally:
        release.set()
        thread.join(5)


def test_an_active_timer_is_reported_with_its_owner_and_stopped(watch: LeakWatch) -> None:
    owner = QObject()
    owner.setObjectName("screen")
    timer = QTimer(owner)
    timer.setObjectName("refresh")
    timer.setInterval(5_000)
    timer.start()
    (leak,) = watch.end()
    assert "QTimer 'refresh' < QObject 'screen' every 5000 ms" in leak and HERE in leak
    assert not timer.isActive()


def test_a_stopped_or_deleted_timer_is_no_leak(watch: LeakWatch) -> None:
    stopped = QTimer()
    stopped.start(1_000)
    stopped.stop()
    owner = QObject()
    gone = QTimer(owner)
    gone.start(1_000)
    owner.deleteLater()  # the watch lets pending deletions run first
    assert watch.end() == []


def test_a_running_qthread_is_reported_and_stopped(watch: LeakWatch) -> None:
    thread = QThread()
    thread.setObjectName("worker")
    thread.start()
    (leak,) = watch.end()
    assert "QThread 'worker' running" in leak and HERE in leak
    assert thread.isFinished()
