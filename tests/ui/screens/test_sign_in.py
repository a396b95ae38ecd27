"""Badge sign-in and the supervisor dialog, on a real SQLite database through the worker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Event, User, Warehouse
from app.domain.scan import Badge, Location, Unknown
from app.services.access.identity import StationInfo, UserInfo
from app.services.access.pins import hash_pin
from app.services.station.config import StationConfig
from app.services.station.registry import ensure_station
from ui.bridges.background import Background
from ui.context import StationContext
from ui.dialogs.supervisor import SupervisorDialog
from ui.screens.sign_in import SignInScreen
from ui.widgets.feedback import Feedback, SoundPlayer

WAIT = 10_000


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def staff_db(sqlite_db: Database) -> Database:
    pin = hash_pin("1234")
    with sqlite_db.unit_of_work() as s:
        s.add(Warehouse(code="HZ1", name="杭州仓", province="浙江省", city="杭州市"))
        s.add_all(
            [
                User(badge="U-0001", name="王芳", role="picker"),
                User(badge="U-0009", name="周婷", role="packer", active=False),
                User(badge="U-0012", name="徐建国", role="supervisor", pin_hash=pin),
            ]
        )
    return sqlite_db


@pytest.fixture
def ctx(qapp: QApplication, staff_db: Database) -> Iterator[StationContext]:
    background = Background()
    station = ensure_station(staff_db, "HZ1-PACK-01")
    context = StationContext(
        db=staff_db,
        background=background,
        station=station,
        config=StationConfig(db=staff_db.url, station=station.name),
        feedback=Feedback(SoundPlayer(muted=True)),
    )
    yield context
    background.shutdown()


@pytest.fixture
def screen(qtbot, ctx: StationContext) -> SignInScreen:
    widget = SignInScreen(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _kinds(db: Database) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(Event.kind).where(Event.entity == "user").order_by(Event.seq)))


def test_a_badge_scan_signs_in(qtbot, screen, ctx):
    with qtbot.waitSignal(screen.signed_in, timeout=WAIT) as got:
        screen.handle_scan(Badge("U-0001"))
    user = got.args[0]
    assert isinstance(user, UserInfo) and (user.badge, user.name, user.role) == (
        "U-0001",
        "王芳",
        "picker",
    )
    assert (
        ctx.feedback.level == "good"
        and "王芳" in ctx.feedback.text
        and "Picker" in ctx.feedback.text
    )
    assert screen.banner.text() == ctx.feedback.text
    assert _kinds(ctx.db) == ["auth.sign_in"]


def test_a_typed_badge_signs_in_too(qtbot, screen):
    screen.badge_edit.setFocus()
    with qtbot.waitSignal(screen.signed_in, timeout=WAIT) as got:
        QTest.keyClicks(screen.badge_edit, "u-0012")
        QTest.keyClick(screen.badge_edit, Qt.Key.Key_Return)
    assert got.args[0].role == "supervisor"
    assert screen.badge_edit.text() == ""


@pytest.mark.parametrize(
    ("badge", "words"),
    [("U-7777", "Badge U-7777 is not known here"), ("U-0009", "Badge U-0009 is switched off")],
)
def test_a_wrong_badge_is_red_with_the_bad_sound(qtbot, screen, ctx, badge, words):
    signed: list[object] = []
    screen.signed_in.connect(signed.append)
    screen.handle_scan(Badge(badge))
    qtbot.waitUntil(lambda: ctx.feedback.level == "bad", timeout=WAIT)
    assert words in ctx.feedback.text
    assert screen.banner.level == "bad"
    assert list(ctx.feedback.sounds.played)[-1] == "bad"
    assert signed == [] and _kinds(ctx.db) == []


@pytest.mark.parametrize(
    ("meaning", "words"),
    [
        (Location("HZ1-A01-05-2"), "Scan your badge first"),
        (Unknown("??", "garbled"), "not a badge (??)"),
    ],
)
def test_anything_but_a_badge_is_refused_at_once(screen, ctx, meaning, words):
    screen.handle_scan(meaning)
    assert ctx.feedback.level == "bad" and words in ctx.feedback.text
    assert ctx.background.pending == 0


def test_no_sign_in_before_the_station_is_registered(screen, ctx):
    screen.set_ready(False)
    screen.handle_scan(Badge("U-0001"))
    assert ctx.feedback.level == "warn" and "still connecting" in ctx.feedback.text
    assert ctx.background.pending == 0
    assert not screen.badge_edit.isEnabled()


def test_a_database_that_is_away_is_said_so(qtbot, qapp, tmp_path):
    background = Background()
    gone = Database(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.sqlite3'}")
    ctx = StationContext(
        gone,
        background,
        StationInfo(1, "HZ1-PACK-01", "pack", None, None),
        StationConfig(),
        Feedback(SoundPlayer(muted=True)),
    )
    widget = SignInScreen(ctx)
    qtbot.addWidget(widget)
    try:
        with qtbot.waitSignal(widget.database_error, timeout=WAIT):
            widget.handle_scan(Badge("U-0001"))
        assert ctx.feedback.level == "bad"
        assert ctx.feedback.text.startswith("Cannot reach the database")
    finally:
        background.shutdown()
        gone.dispose()


# --------------------------------------------------------------------------- supervisor


@pytest.fixture
def dialog(qtbot, ctx: StationContext) -> SupervisorDialog:
    d = SupervisorDialog(ctx, "Weight is 18% over: approve?", action="weight")
    qtbot.addWidget(d)
    d.show()
    return d


def _fill(dialog: SupervisorDialog, badge: str, pin: str, reason: str) -> None:
    dialog.badge_edit.setText(badge)
    dialog.pin_edit.setText(pin)
    dialog.reason_edit.setText(reason)


def test_supervisor_approves_with_badge_pin_and_reason(qtbot, dialog, ctx):
    dialog.handle_scan(Badge("U-0012"))
    assert dialog.badge_edit.text() == "U-0012"
    dialog.pin_edit.setText("1234")
    dialog.reason_edit.setText("  heavy   glass jar ")
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.supervisor is not None and dialog.supervisor.badge == "U-0012"
    assert dialog.reason == "heavy glass jar"
    with ctx.db.read() as s:
        event = s.scalars(select(Event).where(Event.kind == "auth.override_checked")).one()
    assert event.payload["action"] == "weight" and event.station_id == ctx.station.id


@pytest.mark.parametrize(
    ("badge", "pin", "reason", "words"),
    [
        ("U-0012", "9999", "why", "Wrong PIN for U-0012."),
        ("U-0001", "1234", "why", "王芳 is a Picker, not a supervisor"),
        ("U-4444", "1234", "why", "Badge U-4444 is not known here"),
    ],
)
def test_a_refused_approval_keeps_the_dialog_open(qtbot, dialog, badge, pin, reason, words):
    rejected: list[bool] = []
    dialog.finished.connect(lambda _r: rejected.append(True))
    _fill(dialog, badge, pin, reason)
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.checking, timeout=WAIT)
    assert words in dialog.message.text()
    assert dialog.isVisible() and dialog.supervisor is None and rejected == []
    assert dialog.pin_edit.text() == ""


@pytest.mark.parametrize(
    ("badge", "pin", "reason", "words"),
    [
        ("", "1234", "why", "badge"),
        ("U-0012", "", "why", "PIN"),
        ("U-0012", "1234", "  ", "Say why"),
    ],
)
def test_missing_fields_are_asked_for_before_any_check(dialog, ctx, badge, pin, reason, words):
    _fill(dialog, badge, pin, reason)
    dialog.accept()
    assert words in dialog.message.text()
    assert ctx.background.pending == 0 and dialog.isVisible()


def test_the_pin_field_hides_and_takes_digits_only(dialog):
    assert dialog.pin_edit.echoMode() == dialog.pin_edit.EchoMode.Password
    QTest.keyClicks(dialog.pin_edit, "12ab34")
    assert dialog.pin_edit.text() == "1234"


def test_badge_fields_take_keys_past_a_chinese_input_method(screen, dialog):
    # A pinyin input method would compose a scanned "U-0001" instead of letting the
    # wedge filter see it; the reason is free text and keeps its input method.
    ime = Qt.WidgetAttribute.WA_InputMethodEnabled
    assert not screen.badge_edit.testAttribute(ime)
    assert not dialog.badge_edit.testAttribute(ime)
    assert dialog.reason_edit.testAttribute(ime)
    assert screen.badge_edit.inputMethodHints() & Qt.InputMethodHint.ImhLatinOnly


def test_a_non_badge_scan_in_the_dialog_is_refused(dialog):
    dialog.handle_scan(Location("HZ1-A01-05-2"))
    assert dialog.badge_edit.text() == ""
    assert "supervisor's badge" in dialog.message.text()


def _close_dialogs_later() -> None:
    """A failing test must not leave ``exec()`` waiting forever."""
    QTimer.singleShot(
        WAIT,
        lambda: [
            w.reject() for w in QApplication.topLevelWidgets() if isinstance(w, SupervisorDialog)
        ],
    )


def test_ask_waits_for_the_approval_and_returns_it(qtbot, ctx):
    def approve() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SupervisorDialog)
        _fill(dialog, "U-0012", "1234", "carton changed")
        dialog.accept()

    _close_dialogs_later()
    QTimer.singleShot(0, approve)
    answer = SupervisorDialog.ask(None, ctx, "Change the carton?", action="carton")
    assert answer is not None
    user, reason = answer
    assert (user.badge, reason) == ("U-0012", "carton changed")


def test_ask_returns_none_when_cancelled(qtbot, ctx):
    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SupervisorDialog)
        dialog.reject()

    _close_dialogs_later()
    QTimer.singleShot(0, cancel)
    assert SupervisorDialog.ask(None, ctx, "Reprint?") is None
