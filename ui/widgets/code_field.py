"""Text fields that take codes — badges, warehouse and carrier codes, device names —
typed in Latin letters and digits, or scanned by a keyboard-wedge scanner.

A Chinese input method (Sogou, fcitx, ibus, Microsoft Pinyin) gets the keys of a
field that accepts input methods before Qt turns them into key events: a badge
scanned as "U-0001" becomes a pinyin composition, never a burst the wedge filter
(ui.bridges.scanner) can tell from typing. Code fields therefore turn input methods off;
fields for free text (a reason, in Chinese) keep them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLineEdit, QWidget

LATIN_HINTS = (
    Qt.InputMethodHint.ImhLatinOnly
    | Qt.InputMethodHint.ImhPreferLatin
    | Qt.InputMethodHint.ImhNoPredictiveText
    | Qt.InputMethodHint.ImhNoAutoUppercase
)


class _InputMethodOff(QObject):
    """QLineEdit works its input-method attribute out again whenever it turns
    read-only or back; this turns it off again after each time."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ReadOnlyChange and isinstance(watched, QWidget):
            watched.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        return False


def code_field(edit: QLineEdit) -> QLineEdit:
    """``edit``, taking keys straight from the keyboard (no input method)."""
    edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    # For platforms that consult hints rather than the attribute (on-screen keyboards).
    edit.setInputMethodHints(LATIN_HINTS)
    edit.installEventFilter(_InputMethodOff(edit))
    return edit
