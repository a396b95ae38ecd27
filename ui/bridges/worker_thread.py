"""The one way a bridge gives a worker object a thread of its own and takes it back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QThread


def start_worker_thread(name: str, worker: QObject, on_quit: Callable[[], object]) -> QThread:
    """A running QThread called ``name`` that ``worker`` now lives on (deleted with the
    thread); ``on_quit`` is called when the application quits, so that no thread
    outlives the window that used it."""
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(on_quit)
    return thread


def stop_worker_thread(thread: QThread, timeout_ms: int | None) -> bool:
    """Ask ``thread`` to finish after what it is doing; False when it was still busy
    when ``timeout_ms`` ran out (None: wait as long as it takes)."""
    thread.quit()
    if timeout_ms is None:
        return thread.wait()
    return thread.wait(QDeadlineTimer(timeout_ms))
