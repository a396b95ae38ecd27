"""The station window on a real SQLite database: sign-in first, tabs by role, every scan
to the screen in front, badge switch, LOGOUT, sign-out, the database banner.

Small test screens stand in for picking and packing, so these tests do not depend
on those screens; one test opens the real default screens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Event, Station, User, Warehouse
from app.devices.scale import FakeScale
from app.devices.wedge import WedgeDetector
from app.domain.scan import Location, Product, Scan, Tote
from app.services.access.pins import hash_pin
from app.services.station.config import StationConfig
from ui.bridges.scanner import SCAN_HUB, ScanHub, WedgeFilter
from ui.context import StationContext
from ui.dialogs.supervisor import SupervisorDialog
from ui.i18n.language import current_language
from ui.shell.assembly import build_station_window, close_station, default_screens
from ui.shell.window import ScreenSpec, StationWindow
from ui.widgets.feedback import Feedback, SoundPlayer

WAIT = 10_000


class EchoScreen(QWidget):
    """A station screen that remembers what it was handed."""

    def __init__(self, name: str, ctx: StationContext) -> None:
        super().__init__()
        self.name = name
        self.user = ctx.user
        self.scans: list[Scan] = []

    def title(self) -> str:
        return self.name.title()

    def handle_scan(self, meaning: Scan) -> None:
        self.scans.append(meaning)


def echo(name: str):
    return lambda ctx: EchoScreen(name, ctx)


def broken(ctx: StationContext) -> QWidget:
    raise RuntimeError("the carton table is missing")


TEST_SCREENS = [
    ScreenSpec("pick", "pick", echo("pick")),
    ScreenSpec("pack", "pack", echo("pack")),
    ("board", None, echo("board")),  # plain tuples register too
    ScreenSpec("settings", "settings", echo("settings")),
]


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def floor_db(sqlite_db: Database) -> Database:
    pin = hash_pin("1234")
    with sqlite_db.unit_of_work() as s:
        s.add(Warehouse(code="HZ1", name="杭州仓", province="浙江省", city="杭州市"))
        s.add_all(
            [
                User(badge="U-0001", name="王芳", role="picker"),
                User(badge="U-0007", name="赵丽", role="packer"),
                User(badge="U-0011", name="吴军", role="shipper"),
                User(badge="U-0012", name="徐建国", role="supervisor", pin_hash=pin),
            ]
        )
    return sqlite_db


def _open(qtbot, db_url: str, screens, station: str = "HZ1-PACK-01", **kwargs):
    config = StationConfig(db=db_url, station=station, scale="fake")
    window, ctx = build_station_window(
        config,
        feedback=Feedback(SoundPlayer(muted=True)),
        screens=screens,
        heartbeat_ms=None,
        live=False,
        **kwargs,
    )
    qtbot.addWidget(window)
    window.show()
    return window, ctx


@pytest.fixture
def station(qtbot, floor_db: Database) -> Iterator[tuple[StationWindow, StationContext, ScanHub]]:
    window, ctx = _open(qtbot, floor_db.url, TEST_SCREENS)
    window.start()
    qtbot.waitUntil(lambda: window.ready, timeout=WAIT)
    yield window, ctx, ctx.extras[SCAN_HUB]
    close_station(window, ctx)


def sign_in(qtbot, window: StationWindow, hub: ScanHub, badge: str) -> None:
    with qtbot.waitSignal(window.signed_in, timeout=WAIT):
        hub.feed(badge)


def events(db: Database) -> list[tuple[str, int | None]]:
    with db.read() as s:
        rows = s.execute(
            select(Event.kind, Event.user_id).where(Event.entity == "user").order_by(Event.seq)
        )
        return [(k, u) for k, u in rows]


def user_id(db: Database, badge: str) -> int:
    with db.read() as s:
        return s.scalars(select(User.id).where(User.badge == badge)).one()


def test_before_sign_in_only_the_sign_in_screen(station):
    window, ctx, hub = station
    assert window.current_screen() is window.sign_in_screen
    assert window.pages.currentWidget() is window.sign_in_screen
    assert window.tabs.count() == 0 and window.screen_keys() == []
    assert not window.sign_out_button.isVisible()
    assert ctx.station.id > 0 and ctx.station.warehouse_code == "HZ1"
    assert window.station_label.text() == "HZ1-PACK-01 · HZ1"
    assert window.user_label.text() == "Nobody signed in"
    hub.feed("HZ1-A01-05-2")
    assert ctx.feedback.level == "bad" and "badge" in ctx.feedback.text


@pytest.mark.parametrize(
    ("badge", "keys"),
    [
        ("U-0001", ["pick", "board"]),
        ("U-0007", ["pack", "board"]),
        ("U-0011", ["board"]),
        ("U-0012", ["pick", "pack", "board", "settings"]),
    ],
)
def test_tabs_follow_the_role(qtbot, station, badge, keys):
    window, ctx, hub = station
    sign_in(qtbot, window, hub, badge)
    assert window.screen_keys() == keys
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [k.title() for k in keys]
    assert window.pages.currentWidget() is window.tabs
    assert ctx.user is not None and ctx.user.badge == badge
    assert window.screen(keys[0]).user == ctx.user  # built for this user
    assert window.sign_out_button.isVisible()


def test_the_tab_of_the_stations_kind_comes_first(qtbot, station):
    window, _, hub = station
    sign_in(qtbot, window, hub, "U-0012")
    assert window.current_screen() is window.screen("pack")  # a pack station


def test_scans_go_to_the_current_tab_only(qtbot, station):
    window, ctx, hub = station
    sign_in(qtbot, window, hub, "U-0012")
    pick, pack = window.screen("pick"), window.screen("pack")
    hub.feed("6901234567892")
    window.show_screen("pick")
    hub.feed("T-0042")
    hub.feed("HZ1-A01-05-2")
    assert pack.scans == [Product("6901234567892", "06901234567892")]
    assert pick.scans == [Tote("T-0042"), Location("HZ1-A01-05-2")]
    window.tabs.setCurrentWidget(window.screen("board"))
    hub.feed("HZ1-A02-01-1")
    assert window.screen("board").scans == [Location("HZ1-A02-01-1")]
    assert len(pick.scans) == 2


def test_another_badge_switches_user(qtbot, station, floor_db):
    window, ctx, hub = station
    sign_in(qtbot, window, hub, "U-0001")
    old_pick = window.screen("pick")
    sign_in(qtbot, window, hub, "U-0007")
    assert ctx.user is not None and ctx.user.badge == "U-0007"
    assert window.screen_keys() == ["pack", "board"]
    assert window.screen("pick") is None and old_pick not in [
        window.tabs.widget(i) for i in range(window.tabs.count())
    ]
    picker, packer = user_id(floor_db, "U-0001"), user_id(floor_db, "U-0007")
    assert events(floor_db) == [
        ("auth.sign_in", picker),
        ("auth.sign_out", picker),
        ("auth.sign_in", packer),
    ]


def test_own_badge_again_changes_nothing(qtbot, station):
    window, ctx, hub = station
    sign_in(qtbot, window, hub, "U-0001")
    screen = window.screen("pick")
    hub.feed("U-0001")
    assert window.screen("pick") is screen and ctx.background.pending == 0
    assert "signed in already" in ctx.feedback.text


def test_an_unknown_badge_while_signed_in_keeps_the_user(qtbot, station):
    window, ctx, hub = station
    sign_in(qtbot, window, hub, "U-0001")
    hub.feed("U-0404")
    qtbot.waitUntil(lambda: ctx.feedback.level == "bad", timeout=WAIT)
    assert ctx.user is not None and ctx.user.badge == "U-0001"
    assert window.screen_keys() == ["pick", "board"]


def test_logout_command_signs_out(qtbot, station, floor_db):
    window, ctx, hub = station
    sign_in(qtbot, window, hub, "U-0012")
    with qtbot.waitSignal(window.signed_out, timeout=WAIT):
        hub.feed("CMD:LOGOUT")
    assert ctx.user is None and window.tabs.count() == 0
    assert window.current_screen() is window.sign_in_screen
    qtbot.waitUntil(lambda: ctx.background.pending == 0, timeout=WAIT)
    assert events(floor_db)[-1] == ("auth.sign_out", user_id(floor_db, "U-0012"))


def test_sign_out_button(qtbot, station):
    window, ctx, hub = station
    sign_in(qtbot, window, hub, "U-0001")
    with qtbot.waitSignal(window.signed_out, timeout=WAIT):
        QTest.mouseClick(window.sign_out_button, Qt.MouseButton.LeftButton)
    assert ctx.user is None and window.user_label.text() == "Nobody signed in"
    assert "王芳 signed out" in ctx.feedback.text


def test_an_open_dialog_takes_the_scans(qtbot, station):
    window, ctx, hub = station
    sign_in(qtbot, window, hub, "U-0001")
    dialog = SupervisorDialog(ctx, "Reprint the label?", window)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog, timeout=WAIT)
    hub.feed("U-0012")
    assert dialog.badge_edit.text() == "U-0012"
    assert ctx.user is not None and ctx.user.badge == "U-0001", "the badge did not switch user"
    assert window.screen("pick").scans == []
    dialog.reject()


def test_a_broken_screen_leaves_the_others(qtbot, floor_db):
    screens = [ScreenSpec("broken", "pick", broken), ScreenSpec("pick", "pick", echo("pick"))]
    window, ctx = _open(qtbot, floor_db.url, screens)
    try:
        window.start()
        qtbot.waitUntil(lambda: window.ready, timeout=WAIT)
        sign_in(qtbot, window, ctx.extras[SCAN_HUB], "U-0001")
        assert window.screen_keys() == ["broken", "pick"]
        placeholder = window.screen("broken")
        assert isinstance(placeholder, QLabel) and "carton table is missing" in placeholder.text()
    finally:
        close_station(window, ctx)


def test_an_unknown_action_is_refused_when_registering(qtbot, floor_db):
    with pytest.raises(ValueError, match="unknown action 'fly'"):
        _open(qtbot, floor_db.url, [ScreenSpec("x", "fly", echo("x"))])


def test_an_unreachable_database_shows_the_banner_and_keeps_sign_in_closed(qtbot, tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'missing' / 'db.sqlite3'}"
    window, ctx = _open(qtbot, url, TEST_SCREENS)
    try:
        window.start()
        qtbot.waitUntil(lambda: window.banner_text() != "", timeout=WAIT)
        assert window.banner_text().startswith("Cannot reach the database")
        assert not window.ready and not window.sign_in_screen.ready
        ctx.extras[SCAN_HUB].feed("U-0001")
        assert ctx.feedback.level == "warn" and ctx.background.pending == 0
    finally:
        close_station(window, ctx)


def test_banner_comes_and_goes(station):
    window, _, _ = station
    window.show_db_error("connection refused")
    assert "connection refused" in window.banner_text()
    window.clear_db_error()
    assert window.banner_text() == ""


def test_a_new_station_name_is_registered(qtbot, floor_db):
    window, ctx = _open(qtbot, floor_db.url, TEST_SCREENS, station="HZ1-PICK-07")
    try:
        window.start()
        qtbot.waitUntil(lambda: window.ready, timeout=WAIT)
        assert (ctx.station.kind, ctx.station.warehouse_code) == ("pick", "HZ1")
        with floor_db.read() as s:
            assert s.scalars(select(Station.name)).all() == ["HZ1-PICK-07"]
    finally:
        close_station(window, ctx)


def test_the_virtual_scale_sets_the_fake_weight(station):
    window, ctx, _ = station
    assert isinstance(ctx.scale, FakeScale) and window.scale_spin is not None
    window.scale_spin.setValue(1250)
    assert ctx.scale.read_stable().weight_g == 1250


def test_language_buttons_switch_the_language(qtbot, station):
    window, _, _ = station
    [chinese] = [b for b in window._languages.buttons() if b.property("lang") == "zh_CN"]
    chinese.click()
    assert current_language() == "zh_CN"
    assert chinese.isChecked()


def test_a_wedge_scan_into_the_badge_field_signs_in_and_leaves_it_empty(qtbot, station):
    """End to end: key presses as a wedge scanner types them, while the badge field has focus."""
    window, ctx, hub = station
    now = [0.0]
    wedge = WedgeFilter(hub, WedgeDetector(), clock=lambda: now[0])
    wedge.install()
    try:
        field = window.sign_in_screen.badge_edit
        field.setFocus()
        with qtbot.waitSignal(window.signed_in, timeout=WAIT):
            for key in [*"U-0012", Qt.Key.Key_Return]:
                now[0] += 5
                QTest.keyClick(field, key)
        assert field.text() == ""
        assert ctx.user is not None and ctx.user.role == "supervisor"
    finally:
        wedge.uninstall()


def test_default_screens_open_for_a_supervisor(qtbot, floor_db):
    specs = default_screens()
    keys = [s.key for s in specs]
    assert keys[-2:] == ["orders", "settings"]
    window, ctx = _open(qtbot, floor_db.url, specs)
    try:
        window.start()
        qtbot.waitUntil(lambda: window.ready, timeout=WAIT)
        sign_in(qtbot, window, ctx.extras[SCAN_HUB], "U-0012")
        assert window.screen_keys() == keys
        for key in keys:
            assert not isinstance(window.screen(key), QLabel), f"{key} did not open"
    finally:
        close_station(window, ctx)
