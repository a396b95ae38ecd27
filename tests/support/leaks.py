"""What a test left running: Python threads, QThreads and active QTimers.

A thread or timer that outlives its test runs into the next one — a spooler still
printing into another test's database, a probe timer firing on a closed screen — and
the failure shows up far from its cause. :class:`LeakWatch` notes where each thread
and timer was started; ``tests/conftest.py`` opens a watch before every test and
closes it after the test's own teardown, failing the test with what is still
running and where it was started.

Python threads are seen through :func:`threading.enumerate`; QThreads and QTimers
have no registry in Qt, so ``QThread.start`` and ``QTimer.start`` are wrapped for the
session to keep a note of the ones started from Python (Qt's own internal timers are
not ours to check). A QThread or QTimer found running is stopped afterwards, so one
leak fails one test and not every test after it.
"""

from __future__ import annotations

import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GRACE_S = 2.0  # a thread told to stop may still be returning from its last call
WHERE_FRAMES = 4

# Threads that may outlive a test, by name, each with its reason. A name here is a
# promise that the thread is meant to live for the session. None so far: Qt's own
# threads (the offscreen platform's, QtMultimedia's) are not Python threads and are
# not listed by threading.enumerate; pytest-xdist's execnet threads start before the
# first test and so are never new; the session's PostgreSQL database and SQLite
# template start no thread.
SESSION_THREADS: dict[str, str] = {}

_STARTED_AT = "_wavedesk_started_at"


def where_started(skip: int = 2) -> tuple[str, ...]:
    """The innermost frames of this repository's code that led here, innermost
    last (``tests/ui/test_x.py:12 in test_y``); this module's own are left out."""
    frame = sys._getframe(skip)
    found: list[str] = []
    here = Path(__file__).resolve()
    while frame is not None and len(found) < WHERE_FRAMES:
        path = Path(frame.f_code.co_filename)
        if path.is_absolute() and path != here and ROOT in path.parents:
            if "site-packages" not in path.parts:
                found.append(f"{path.relative_to(ROOT)}:{frame.f_lineno} in {frame.f_code.co_name}")
        frame = frame.f_back
    return tuple(reversed(found))


def _format_where(where: Iterable[str]) -> str:
    lines = list(where)
    if not lines:
        return "        (started outside this repository's code)"
    return "\n".join(f"        {line}" for line in lines)


@dataclass
class _QtNotes:
    """QThreads and QTimers started during the current test."""

    threads: list[tuple[Any, tuple[str, ...]]] = field(default_factory=list)
    # id -> (weak reference, where it was last started)
    timers: dict[int, tuple[weakref.ref[Any], tuple[str, ...]]] = field(default_factory=dict)


class LeakWatch:
    """Installed once for the session (:meth:`install`); :meth:`begin` before each
    test, :meth:`end` after it returns what is still running, described."""

    def __init__(
        self, session_threads: dict[str, str] | None = None, grace_s: float = GRACE_S
    ) -> None:
        self.session_threads = dict(SESSION_THREADS if session_threads is None else session_threads)
        self.grace_s = grace_s
        self._before: set[threading.Thread] = set()
        self._qt = _QtNotes()
        self._undo: list[Callable[[], None]] = []

    # -- patching -------------------------------------------------------------------

    def install(self) -> LeakWatch:
        original_start = threading.Thread.start

        def thread_start(thread: threading.Thread) -> None:
            setattr(thread, _STARTED_AT, where_started())
            original_start(thread)

        self._patch(threading.Thread, "start", thread_start)
        self._install_qt()
        return self

    def _patch(self, owner: type, name: str, replacement: Callable[..., Any]) -> None:
        original = getattr(owner, name)
        setattr(owner, name, replacement)
        self._undo.append(lambda: setattr(owner, name, original))

    def _install_qt(self) -> None:
        try:
            from PySide6.QtCore import QThread, QTimer
        except ImportError:  # a machine without Qt runs the suite without the UI tests
            return
        notes = self._qt
        qthread_start = QThread.start
        qtimer_start = QTimer.start

        def start_thread(thread: QThread, *args: Any) -> None:
            notes.threads.append((thread, where_started()))
            qthread_start(thread, *args)

        def start_timer(timer: QTimer, *args: Any) -> None:
            notes.timers[id(timer)] = (weakref.ref(timer), where_started())
            qtimer_start(timer, *args)

        self._patch(QThread, "start", start_thread)
        self._patch(QTimer, "start", start_timer)

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()

    # -- one test -------------------------------------------------------------------

    def begin(self) -> None:
        self._before = set(threading.enumerate())
        self._qt.threads.clear()
        self._qt.timers.clear()

    def end(self) -> list[str]:
        """What the test left running, one description each; stops the Qt ones."""
        found = self._qt_leaks()
        found += self._thread_leaks()
        self._qt.threads.clear()
        self._qt.timers.clear()
        return found

    def _thread_leaks(self) -> list[str]:
        def left() -> list[threading.Thread]:
            return [
                t
                for t in threading.enumerate()
                if t not in self._before
                and t.is_alive()
                # A foreign thread (a QThread's) that ever ran Python stays listed as
                # a _DummyThread after it ended; QThreads are checked on their own.
                and not isinstance(t, threading._DummyThread)
                and t.name not in self.session_threads
            ]

        deadline = time.monotonic() + self.grace_s
        for thread in left():
            thread.join(max(0.0, deadline - time.monotonic()))
        return [self._describe_thread(t) for t in left()]

    @staticmethod
    def _describe_thread(thread: threading.Thread) -> str:
        target = getattr(thread, "_target", None)
        runs = getattr(target, "__qualname__", None) or type(thread).__qualname__
        kind = "daemon thread" if thread.daemon else "thread"
        where = getattr(thread, _STARTED_AT, ())
        return f"{kind} {thread.name!r} running {runs}, started at\n{_format_where(where)}"

    def _qt_leaks(self) -> list[str]:
        if not self._qt.threads and not self._qt.timers:
            return []
        import shiboken6
        from PySide6.QtCore import QCoreApplication, QEvent

        if QCoreApplication.instance() is not None:
            # Widgets closed by pytest-qt were only scheduled for deletion; their
            # timers go with them once the deletions run.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        found: list[str] = []
        for thread, where in self._qt.threads:
            if shiboken6.isValid(thread) and thread.isRunning():
                found.append(
                    f"QThread {_qt_name(thread)} running, started at\n{_format_where(where)}"
                )
                thread.quit()
                thread.wait(5_000)
        for ref, where in self._qt.timers.values():
            timer = ref()
            if timer is None or not shiboken6.isValid(timer) or not timer.isActive():
                continue
            shot = "single-shot " if timer.isSingleShot() else ""
            found.append(
                f"active {shot}QTimer {_qt_name(timer)} every {timer.interval()} ms, "
                f"started at\n{_format_where(where)}"
            )
            timer.stop()
        return found


def _qt_name(obj: Any) -> str:
    """``OfflineLink > QTimer 'probe'``: the object and the owners above it."""
    chain: list[str] = []
    node = obj
    while node is not None and len(chain) < 4:
        name = node.objectName()
        chain.append(type(node).__name__ + (f" {name!r}" if name else ""))
        node = node.parent()
    return " < ".join(chain)


def report(leaks: list[str]) -> str:
    return "the test left running:\n" + "\n".join(f"  - {leak}" for leak in leaks)
