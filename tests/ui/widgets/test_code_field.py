"""code_field: a field for codes takes keys from the keyboard, not an input method."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from ui.widgets.code_field import LATIN_HINTS, code_field

IME = Qt.WidgetAttribute.WA_InputMethodEnabled


def test_a_code_field_turns_the_input_method_off_and_asks_for_latin(qtbot: QtBot) -> None:
    plain = QLineEdit()
    qtbot.addWidget(plain)
    assert plain.testAttribute(IME)  # what a field does unless told
    edit = code_field(QLineEdit("HZ1"))
    qtbot.addWidget(edit)
    assert not edit.testAttribute(IME)
    assert edit.inputMethodHints() == LATIN_HINTS
    assert edit.text() == "HZ1"


def test_a_code_field_still_takes_typing(qtbot: QtBot) -> None:
    edit = code_field(QLineEdit())
    qtbot.addWidget(edit)
    QTest.keyClicks(edit, "SF-01")
    assert edit.text() == "SF-01"


def test_read_only_and_back_keeps_the_input_method_off(qtbot: QtBot) -> None:
    # QLineEdit works the attribute out again when it turns read-only or back.
    edit = code_field(QLineEdit())
    qtbot.addWidget(edit)
    edit.setReadOnly(True)
    edit.setReadOnly(False)
    assert not edit.testAttribute(IME)
