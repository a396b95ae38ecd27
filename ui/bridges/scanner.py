"""Scanners in the Qt application: one hub that turns raw codes into meanings, and the
two ways codes reach it (a keyboard-wedge filter, a serial port).

:class:`ScanHub` classifies every raw code with :func:`app.domain.scan.classify`
and emits ``scanned(meaning)``; the station window routes meanings to the screen
in front. :class:`WedgeFilter` sits on the QApplication and watches every key
press: a keyboard-wedge scanner "types" a code in a burst, and the filter holds
keys until :class:`app.devices.wedge.WedgeDetector` has told the burst from a
person typing. A scan goes to the hub whichever widget has focus, and none of its
characters lands in a line edit; keys that were typing are re-delivered, in order,
to where they were going. :class:`SerialScanSource` reads a serial scanner on its
worker thread and hands each line to the hub on the GUI thread.
"""

from __future__ import annotations

import logging
import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from app.devices.serial_scanner import SerialScanner
from app.devices.wedge import ENTER, TAB, WedgeDetector
from app.domain.scan import DEFAULT_RULES, Scan, ScanRules, classify

log = logging.getLogger(__name__)

# StationContext.extras key under which the station keeps its ScanHub, so that a
# dialog can listen to scans while it is open.
SCAN_HUB: Final = "scan_hub"

Clock = Callable[[], float]  # milliseconds, monotonic

_MODIFIER_KEYS: Final = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
    }
)
_SHORTCUT_MODIFIERS: Final = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class ScanHub(QObject):
    """Where every scanner delivers: ``feed(raw)`` → ``raw_scanned(raw)`` and ``scanned(meaning)``."""

    scanned = Signal(object)  # app.domain.scan.Scan
    raw_scanned = Signal(str)

    def __init__(self, rules: ScanRules = DEFAULT_RULES, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rules = rules

    @Slot(str)
    def feed(self, raw: str) -> Scan:
        """Classify ``raw`` and emit it; returns the meaning."""
        meaning = classify(raw, self.rules)
        self.raw_scanned.emit(raw)
        self.scanned.emit(meaning)
        return meaning


def key_token(event: QKeyEvent) -> str:
    """The detector's name for a key press: its character, ``Enter``/``Tab``, or a
    longer name for keys that are never part of a code (arrows, Ctrl+C …)."""
    key = event.key()
    mods = event.modifiers()
    if mods & _SHORTCUT_MODIFIERS:
        return f"Shortcut+{int(key)}+{int(mods.value)}"
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return ENTER
    if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        return TAB
    text = event.text()
    if len(text) == 1 and text.isprintable():
        return text
    name = QKeySequence(key).toString() or f"Key{int(key)}"
    return name if len(name) > 1 else f"Key{int(key)}"


@dataclass(slots=True)
class _Held:
    """A key press the filter took, with what is needed to hand it on later."""

    token: str
    receiver: QObject | None
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    autorepeat: bool
    count: int


class WedgeFilter(QObject):
    """Application-wide event filter telling wedge scans from typing (see the module doc).

    Only spontaneous key events (from the keyboard, or QTest) are examined: the
    events this filter posts to re-deliver typing are not spontaneous, so they are
    never fed twice. Key releases of non-modifier keys are swallowed; every
    re-delivered press is followed by its own release. ``clock`` returns
    milliseconds (tests pass a fake one)."""

    def __init__(
        self,
        hub: ScanHub,
        detector: WedgeDetector | None = None,
        *,
        clock: Clock | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._hub = hub
        self.detector = detector if detector is not None else WedgeDetector()
        if clock is None:
            elapsed = QElapsedTimer()
            elapsed.start()
            clock = lambda: elapsed.nsecsElapsed() / 1e6  # noqa: E731 - a one-line clock
        self._clock = clock
        self._held: deque[_Held] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        self._app: QCoreApplication | None = None
        self._enabled = True

    # ------------------------------------------------------------------ control

    def install(self, app: QCoreApplication | None = None) -> None:
        """Start watching ``app`` (the running QApplication by default)."""
        app = app or QCoreApplication.instance()
        if app is None:
            raise RuntimeError("no QApplication to install the wedge filter on")
        if self._app is not None:
            self.uninstall()
        app.installEventFilter(self)
        self._app = app

    def uninstall(self) -> None:
        """Stop watching; anything held is handed on as typing."""
        if self._app is not None and shiboken6.isValid(self._app):
            self._app.removeEventFilter(self)
        self._app = None
        self.release_all()

    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        """While disabled, keys pass untouched (a text field that wants raw keys)."""
        if not enabled:
            self.release_all()
        self._enabled = enabled

    def release_all(self) -> None:
        """Hand on everything held as typing now."""
        self.detector.reset()
        self._settle(None)

    @property
    def holding(self) -> int:
        """Key presses held right now."""
        return len(self._held)

    # ------------------------------------------------------------------ events

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not self._enabled or not event.spontaneous() or not isinstance(event, QKeyEvent):
            return False
        if event.key() in _MODIFIER_KEYS:
            return False
        if kind == QEvent.Type.KeyRelease:
            return True
        receiver = watched if isinstance(watched, QWidget | QWindow) else QApplication.focusWidget()
        self._held.append(
            _Held(
                key_token(event),
                receiver,
                int(event.key()),
                event.modifiers(),
                event.text(),
                event.isAutoRepeat(),
                event.count(),
            )
        )
        scan = self.detector.feed(self._held[-1].token, self._clock())
        self._settle(scan)
        return True

    @Slot()
    def flush(self) -> None:
        """Resolve what is held once the detector's deadline has passed (the timer calls this)."""
        self._settle(self.detector.flush(self._clock()))

    # ------------------------------------------------------------------ internals

    def _settle(self, scan: str | None) -> None:
        """Match the detector's output to the held presses: everything no longer held
        was either typing (re-delivered, in order) or part of a scan (dropped)."""
        typed = self.detector.take_typed()
        resolved = max(0, len(self._held) - len(self.detector.pending))
        done = [self._held.popleft() for _ in range(resolved)]
        position = 0
        for token in typed:
            while position < len(done) and done[position].token != token:
                position += 1
            if position == len(done):
                log.warning("wedge filter lost track of typed key %r", token)
                break
            self._deliver(done[position])
            position += 1
        self._schedule()
        if scan is not None:
            self._hub.feed(scan)

    def _schedule(self) -> None:
        deadline = self.detector.deadline()
        if deadline is None:
            self._timer.stop()
            return
        self._timer.start(max(0, math.ceil(deadline - self._clock())))

    def _deliver(self, held: _Held) -> None:
        target: QObject | None = held.receiver
        if target is None or not shiboken6.isValid(target):
            target = QApplication.focusWidget()
        if target is None:
            return
        key = Qt.Key(held.key)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, held.modifiers, held.text, held.autorepeat, held.count)
            QCoreApplication.postEvent(target, event)


class SerialScanSource(QObject):
    """A serial scanner feeding a :class:`ScanHub`; the reader thread's lines and
    errors cross to the GUI thread through queued signals."""

    error = Signal(str)
    _line_from_thread = Signal(str)
    _error_from_thread = Signal(str)

    def __init__(
        self,
        hub: ScanHub,
        url: str,
        baudrate: int = 9600,
        *,
        parent: QObject | None = None,
        **options: Any,
    ) -> None:
        """``options`` go to :class:`SerialScanner` (``backoff_s``, ``idle_end_s`` …)."""
        super().__init__(parent)
        self._hub = hub
        queued = Qt.ConnectionType.QueuedConnection
        self._line_from_thread.connect(self._on_line, queued)
        self._error_from_thread.connect(self._on_error, queued)
        self.scanner = SerialScanner(
            url, self._line_from_thread.emit, self._error_from_thread.emit, baudrate, **options
        )

    def start(self) -> None:
        self.scanner.start()

    def stop(self) -> None:
        self.scanner.stop()

    @Slot(str)
    def _on_line(self, raw: str) -> None:
        self._hub.feed(raw)

    @Slot(str)
    def _on_error(self, message: str) -> None:
        self.error.emit(message)
