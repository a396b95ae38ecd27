"""Weighing without freezing the window: the scale is read on its own thread.

``read_stable`` blocks for up to its timeout (seconds, when a parcel rocks on the
pan), so it runs neither on the GUI thread nor on the database worker (a slow
scale must not hold up everyone's queries). :class:`ScaleReader` owns one QThread
for that; ``request_stable()`` answers later with ``weighed(grams)`` or
``failed(sentence)`` on the GUI thread.
"""

from __future__ import annotations

import itertools
import logging

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from app.devices.scale import (
    Scale,
    ScaleCommandError,
    ScaleGarbage,
    ScaleOverload,
    ScalePortError,
    ScaleSilent,
    ScaleUnderload,
    ScaleUnstable,
    Weight,
)
from ui.bridges.worker_thread import start_worker_thread, stop_worker_thread

log = logging.getLogger(__name__)


class _ScaleWorker(QObject):
    """Lives on the scale thread; one reading at a time."""

    done = Signal(int, object)  # request id, Weight
    failed = Signal(int, object)  # request id, exception

    @Slot(int, object, float)
    def read(self, request: int, scale: Scale, timeout_s: float) -> None:
        try:
            weight = scale.read_stable(timeout_s)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a sentence for the packer
            self.failed.emit(request, exc)
        else:
            self.done.emit(request, weight)


class ScaleReader(QObject):
    """Reads a :class:`Scale` on its own thread; see the module doc.

    A request while one is running is ignored (``request_stable`` returns False):
    the answer to the running one is on its way."""

    weighed = Signal(int)  # grams
    failed = Signal(str)  # a sentence for the operator
    _request = Signal(int, object, float)

    def __init__(
        self, scale: Scale | None, *, timeout_s: float = 5.0, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._scale = scale
        self.timeout_s = timeout_s
        self.last_weight: Weight | None = None
        self._ids = itertools.count(1)
        self._running: int | None = None
        self._closed = False
        self._worker = _ScaleWorker()
        queued = Qt.ConnectionType.QueuedConnection
        self._request.connect(self._worker.read, queued)
        self._worker.done.connect(self._on_done, queued)
        self._worker.failed.connect(self._on_failed, queued)
        self._thread = start_worker_thread("wavedesk-scale", self._worker, self.shutdown)

    @property
    def scale(self) -> Scale | None:
        return self._scale

    def set_scale(self, scale: Scale | None) -> None:
        """Use another scale from the next request on."""
        self._scale = scale

    @property
    def busy(self) -> bool:
        return self._running is not None

    @property
    def reading_thread(self) -> QThread:
        """The scale thread (tests check that reading happens there)."""
        return self._thread

    def request_stable(self) -> bool:
        """Ask for a settled weight; False when no request was made (busy, no scale, closed)."""
        if self._closed or self._running is not None:
            return False
        if self._scale is None:
            self.failed.emit(self.tr("no scale is set up at this station"))
            return False
        self._running = next(self._ids)
        self._request.emit(self._running, self._scale, float(self.timeout_s))
        return True

    def shutdown(self, timeout_ms: int | None = None) -> bool:
        """Stop the thread after the reading it is doing; no signal is emitted after this."""
        if self._closed:
            return not self._thread.isRunning()
        self._closed = True
        self._running = None
        return stop_worker_thread(self._thread, timeout_ms)

    @Slot(int, object)
    def _on_done(self, request: int, weight: Weight) -> None:
        if not self._current(request):
            return
        self.last_weight = weight
        self.weighed.emit(weight.weight_g)

    @Slot(int, object)
    def _on_failed(self, request: int, exc: Exception) -> None:
        if not self._current(request):
            return
        log.info("scale reading failed: %s", exc)
        self.failed.emit(self.describe(exc))

    def _current(self, request: int) -> bool:
        if self._closed or not shiboken6.isValid(self) or request != self._running:
            return False
        self._running = None
        return True

    def describe(self, exc: BaseException) -> str:
        """What the packer should do about ``exc``, in the station's language."""
        detail = str(exc)
        if isinstance(exc, ScaleSilent):
            return self.tr("the scale does not answer: check its cable and power")
        if isinstance(exc, ScalePortError):
            return self.tr(
                "the scale's port cannot be opened: is the scale plugged in? ({detail})"
            ).format(detail=detail)
        if isinstance(exc, ScaleUnstable):
            return self.tr("the weight did not settle: keep the parcel still and off the edges")
        if isinstance(exc, ScaleOverload):
            return self.tr("the scale is overloaded: take the load off")
        if isinstance(exc, ScaleUnderload):
            return self.tr("the scale reads below zero: check the pan, then zero the scale")
        if isinstance(exc, ScaleGarbage):
            return self.tr(
                "the scale sends data this station does not understand: check its settings ({detail})"
            ).format(detail=detail)
        if isinstance(exc, ScaleCommandError):
            return self.tr("the scale refused the request: {detail}").format(detail=detail)
        return self.tr("reading the scale failed: {detail}").format(detail=detail)
