"""The keyboard-wedge filter: key presses exactly as a wedge scanner or a person makes
them (QTest key events), timed by an injected clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from app.devices.wedge import WedgeDetector
from app.domain.scan import Badge, Location, Unknown
from ui.bridges.scanner import ScanHub, WedgeFilter

SCANNER_MS = 8  # a wedge scanner: a few ms per key
PERSON_MS = 180  # a person typing


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def hub(qapp: QApplication) -> ScanHub:
    return ScanHub()


@pytest.fixture
def wedge(qapp: QApplication, hub: ScanHub, clock: FakeClock) -> Iterator[WedgeFilter]:
    f = WedgeFilter(hub, WedgeDetector(max_interval_ms=35, min_length=4), clock=clock)
    f.install(qapp)
    yield f
    f.uninstall()


@pytest.fixture
def form(qtbot) -> tuple[QWidget, QLineEdit, QLineEdit]:
    window = QWidget()
    first, second = QLineEdit(), QLineEdit()
    layout = QVBoxLayout(window)
    layout.addWidget(first)
    layout.addWidget(second)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    first.setFocus()
    return window, first, second


def press(widget: QWidget, keys: list[str | Qt.Key], clock: FakeClock, step_ms: float) -> None:
    for key in keys:
        clock.now += step_ms
        QTest.keyClick(widget, key)


def scan_keys(code: str) -> list[str | Qt.Key]:
    return [*code, Qt.Key.Key_Return]


def settle(qtbot, wedge: WedgeFilter, clock: FakeClock) -> None:
    """Let time pass so the filter lets go of whatever it holds, then deliver it."""
    clock.now += 1000
    wedge.flush()
    qtbot.wait(20)  # posted key events are delivered by the event loop


def test_a_fast_burst_is_one_scan_and_never_reaches_the_line_edit(qtbot, wedge, hub, clock, form):
    _, line, _ = form
    raws: list[str] = []
    hub.raw_scanned.connect(raws.append)
    with qtbot.waitSignal(hub.scanned, timeout=1000) as got:
        press(line, scan_keys("HZ1-A01-05-2"), clock, SCANNER_MS)
    assert got.args == [Location("HZ1-A01-05-2")]
    assert raws == ["HZ1-A01-05-2"]
    settle(qtbot, wedge, clock)
    assert line.text() == ""
    assert wedge.holding == 0


def test_slow_typing_reaches_the_line_edit_unchanged(qtbot, wedge, hub, clock, form):
    _, line, _ = form
    seen: list[object] = []
    hub.scanned.connect(seen.append)
    entered: list[bool] = []
    line.returnPressed.connect(lambda: entered.append(True))
    press(line, scan_keys("HZ1-A01-05-2"), clock, PERSON_MS)
    qtbot.waitUntil(lambda: entered == [True], timeout=2000)
    assert line.text() == "HZ1-A01-05-2"
    assert seen == []


def test_backspace_and_shortcuts_pass_through_in_order(qtbot, wedge, clock, form):
    _, line, _ = form
    press(line, ["a", "b", "c", Qt.Key.Key_Backspace, "d"], clock, PERSON_MS)
    settle(qtbot, wedge, clock)
    assert line.text() == "abd"
    clock.now += PERSON_MS
    QTest.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
    press(line, ["x"], clock, PERSON_MS)
    settle(qtbot, wedge, clock)
    assert line.text() == "x"


def test_typing_then_a_scan_keeps_both_apart(qtbot, wedge, hub, clock, form):
    _, line, _ = form
    seen: list[object] = []
    hub.scanned.connect(seen.append)
    press(line, ["4", "2"], clock, PERSON_MS)
    clock.now += PERSON_MS  # the person stops, the scanner fires
    press(line, scan_keys("U-0012"), clock, SCANNER_MS)
    settle(qtbot, wedge, clock)
    assert seen == [Badge("U-0012")]
    assert line.text() == "42"


def test_the_scan_is_emitted_whichever_widget_has_focus(qtbot, wedge, hub, clock, form):
    _, first, second = form
    second.setFocus()
    with qtbot.waitSignal(hub.scanned, timeout=1000) as got:
        press(second, scan_keys("T-0042"), clock, SCANNER_MS)
    assert got.args[0].kind == "tote"
    settle(qtbot, wedge, clock)
    assert first.text() == second.text() == ""


def test_a_short_fast_burst_is_typing(qtbot, wedge, hub, clock, form):
    """Three quick keys and Enter are shorter than any code: a person's quick ``OK⏎``."""
    _, line, _ = form
    seen: list[object] = []
    hub.scanned.connect(seen.append)
    entered: list[bool] = []
    line.returnPressed.connect(lambda: entered.append(True))
    press(line, scan_keys("abc"), clock, SCANNER_MS)
    qtbot.waitUntil(lambda: entered == [True], timeout=2000)
    assert line.text() == "abc" and seen == []


def test_garbage_burst_is_an_unknown_scan_not_text(qtbot, wedge, hub, clock, form):
    _, line, _ = form
    with qtbot.waitSignal(hub.scanned, timeout=1000) as got:
        press(line, scan_keys("hello world"), clock, SCANNER_MS)
    assert isinstance(got.args[0], Unknown) and got.args[0].why
    settle(qtbot, wedge, clock)
    assert line.text() == ""


def test_the_timer_lets_go_of_a_held_key(qtbot, wedge, clock, form):
    """No flush() by hand: the single-shot timer at the detector's deadline does it."""
    _, line, _ = form
    press(line, ["z"], clock, PERSON_MS)
    assert wedge.holding == 1 and line.text() == ""
    clock.now += 100
    qtbot.waitUntil(lambda: line.text() == "z", timeout=2000)


def test_uninstalled_filter_leaves_keys_alone(qtbot, wedge, hub, clock, form):
    _, line, _ = form
    wedge.uninstall()
    seen: list[object] = []
    hub.scanned.connect(seen.append)
    press(line, scan_keys("HZ1-A01-05-2"), clock, SCANNER_MS)
    assert line.text() == "HZ1-A01-05-2" and seen == []


def test_keys_from_the_window_system_go_back_to_the_focused_widget(qtbot, wedge, hub, clock, form):
    """Real keyboards deliver to the window first; typing must still end in the focus widget."""
    window, first, second = form
    qtbot.waitActive(window)
    second.setFocus()
    handle = window.windowHandle()
    seen: list[object] = []
    hub.scanned.connect(seen.append)
    press(handle, ["o", "k"], clock, PERSON_MS)
    clock.now += PERSON_MS
    press(handle, scan_keys("HZ1-A01-05-2"), clock, SCANNER_MS)
    settle(qtbot, wedge, clock)
    assert seen == [Location("HZ1-A01-05-2")]
    assert (first.text(), second.text()) == ("", "ok")
