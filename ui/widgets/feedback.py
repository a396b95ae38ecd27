"""A colour and a sound for every scan.

A screen reports each outcome to its :class:`Feedback`: ``good`` (green, short high
beep), ``bad`` (red, low double buzz), ``done`` (green, rising chime: a task or an
order finished), ``warn`` (amber: something needs a look but nothing was refused)
and ``info`` (neutral: what to do next). A :class:`FeedbackBanner` shows the latest
outcome in type large enough to read from a metre away.

Sounds go through QtMultimedia when the machine has an audio output; a station
without one (a CI runner, a muted PC) still gets the colours. ``played`` keeps the
last sounds asked for, so tests can check that a refused scan buzzed.
"""

from __future__ import annotations

from collections import deque
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ui.widgets import theme

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect


class Level(StrEnum):
    GOOD = "good"
    BAD = "bad"
    DONE = "done"
    WARN = "warn"
    INFO = "info"


# Background, text (ui.widgets.theme says why amber carries dark text).
COLOURS: dict[Level, tuple[str, str]] = {
    Level.GOOD: (theme.GOOD, theme.ON_GOOD),
    Level.BAD: (theme.BAD, theme.ON_BAD),
    Level.DONE: (theme.DONE, theme.ON_DONE),
    Level.WARN: (theme.WARN, theme.ON_WARN),
    Level.INFO: (theme.INFO, theme.ON_INFO),
}

_SOUND_OF: dict[Level, str | None] = {
    Level.GOOD: "good",
    Level.BAD: "bad",
    Level.DONE: "done",
    Level.WARN: "warn",
    Level.INFO: None,
}


def sound_path(name: str) -> Path:
    return Path(str(resources.files("resources.sounds") / f"{name}.wav"))


class SoundPlayer(QObject):
    """Plays the station sounds; silent (but still recording) when ``muted`` or when
    QtMultimedia has no output device."""

    def __init__(self, parent: QObject | None = None, *, muted: bool = False) -> None:
        super().__init__(parent)
        self.muted = muted
        self.played: deque[str] = deque(maxlen=50)
        self._effects: dict[str, QSoundEffect | None] = {}

    def play(self, name: str) -> None:
        self.played.append(name)
        if self.muted:
            return
        effect = self._effect(name)
        if effect is not None:
            effect.play()

    def _effect(self, name: str) -> QSoundEffect | None:
        if name not in self._effects:
            try:
                from PySide6.QtMultimedia import QSoundEffect  # noqa: PLC0415 - optional at runtime
            except ImportError:
                self._effects[name] = None
            else:
                effect = QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(str(sound_path(name))))
                effect.setVolume(0.9)
                self._effects[name] = effect
        return self._effects[name]


class Feedback(QObject):
    """The outcome of the last scan or action; see the module doc."""

    changed = Signal(str, str)  # level, text

    def __init__(self, sounds: SoundPlayer | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sounds = sounds if sounds is not None else SoundPlayer(self)
        self.level = Level.INFO
        self.text = ""

    def good(self, text: str) -> None:
        self.show(Level.GOOD, text)

    def bad(self, text: str) -> None:
        self.show(Level.BAD, text)

    def done(self, text: str) -> None:
        self.show(Level.DONE, text)

    def warn(self, text: str) -> None:
        self.show(Level.WARN, text)

    def info(self, text: str) -> None:
        self.show(Level.INFO, text)

    def show(self, level: Level, text: str) -> None:
        self.level = level
        self.text = text
        sound = _SOUND_OF[level]
        if sound is not None:
            self.sounds.play(sound)
        self.changed.emit(level.value, text)


class FeedbackBanner(QLabel):
    """The coloured line across a screen that answers every scan."""

    def __init__(
        self, feedback: Feedback, parent: QWidget | None = None, point_size: float = theme.BANNER
    ) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackBanner")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumHeight(72)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setFont(theme.sized_font(self, point_size, bold=True))
        self._level = Level.INFO
        feedback.changed.connect(self._on_changed)
        self._on_changed(feedback.level.value, feedback.text)

    @property
    def level(self) -> str:
        return self._level.value

    def _on_changed(self, level: str, text: str) -> None:
        self._level = Level(level)
        background, colour = COLOURS[self._level]
        self.setStyleSheet(
            f"QLabel#feedbackBanner {{ background: {background}; color: {colour};"
            " padding: 12px 18px; border-radius: 6px; }"
        )
        self.setText(text)
