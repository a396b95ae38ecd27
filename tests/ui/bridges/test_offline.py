"""A station working through an outage, on a real PostgreSQL database reached through
a TCP proxy the test cuts and restores: the picking and packing screens say at once
that they are offline, keep taking scans (green, journaled), and when the database
is back every scan made meanwhile is in it exactly once and the screen shows the
server's picture again. Scans the server refuses on replay are listed. Live updates:
an order cancelled at another station turns the pack screen into the interception
page, and a task taken away clears the pick screen, without a scan."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from offline_floor import OfflineFloor, build_offline_floor, unit_code
from packfloor import PackFloor, build_pack_floor
from packfloor import unit_barcode as pack_unit
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from tcp_proxy import TcpProxy

from app.db.engine import Database
from app.db.journal import ScanJournal
from app.db.models import Order, PickTask, ScanRecord, Station, User
from app.domain.scan import classify
from app.services.access.identity import StationInfo, UserInfo
from app.services.audit import Actor
from app.services.picking import claim as picking
from app.services.station.config import StationConfig
from app.services.supervision import actions as supervision
from ui.bridges.background import Background
from ui.bridges.live import LiveUpdates
from ui.bridges.offline import OFFLINE, OfflineLink, journal_path
from ui.context import StationContext
from ui.dialogs.offline_conflicts import ConflictsDialog
from ui.screens.packing import PackScreen
from ui.screens.picking import PickScreen
from ui.shell.assembly import build_station_window, close_station
from ui.shell.window import ScreenSpec, StationWindow
from ui.viewmodels.packing import PackModel
from ui.viewmodels.picking import PickModel
from ui.widgets.feedback import Feedback, SoundPlayer

WAIT = 30_000


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def proxy(pg_url: str) -> Iterator[TcpProxy]:
    real = make_url(pg_url)
    with TcpProxy(real.host or "127.0.0.1", real.port or 5432) as p:
        yield p


@pytest.fixture
def direct(pg_url: str) -> Iterator[Database]:
    """The supervisor's (and the test's) own connection, not through the proxy."""
    db = Database(pg_url)
    yield db
    db.dispose()


@dataclass
class Rig:
    window: StationWindow
    ctx: StationContext
    link: OfflineLink
    live: LiveUpdates | None

    @property
    def feedback(self) -> Feedback:
        return self.ctx.feedback

    def screen(self) -> QWidget:
        screen = self.window.current_screen()
        assert screen is not None
        return screen

    def close(self) -> None:
        self.window.close()
        if self.live is not None:
            self.live.stop()
        self.ctx.background.shutdown()
        self.link.close()
        self.ctx.db.dispose()


def _pick_screen(ctx: StationContext) -> QWidget:
    model = PickModel(ctx)
    screen = PickScreen(model, ctx.feedback)
    model.setParent(screen)
    return screen


def _pack_screen(ctx: StationContext) -> QWidget:
    model = PackModel(ctx)
    screen = PackScreen(model, ctx.feedback)
    model.setParent(screen)
    return screen


@pytest.fixture
def open_station(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., Rig]]:
    opened: list[Rig] = []

    def make(
        url: str, station: StationInfo, user: UserInfo, spec: ScreenSpec, *, printer: str = ""
    ) -> Rig:
        ctx = StationContext(
            Database(url),
            Background(),
            station,
            StationConfig(db=url, station=station.name, printer=printer, label_format="zpl"),
            Feedback(SoundPlayer(muted=True)),
            user,
        )
        live = LiveUpdates(url, poll_s=0.1)
        ctx.extras["live"] = live
        link = OfflineLink(ctx, tmp_path / f"journal-{station.name}.sqlite3", live=live)
        ctx.extras[OFFLINE] = link
        window = StationWindow(ctx, [spec], heartbeat_ms=None)
        qtbot.addWidget(window)
        opened.append(Rig(window, ctx, link, live))
        live.start()
        window.resize(1280, 900)
        window.show()
        window.sign_in_as(user)
        qtbot.waitUntil(lambda: live.ready and link.online, timeout=WAIT)
        return opened[-1]

    yield make
    for station in opened:
        station.close()


def _settle(qtbot: QtBot, model: PickModel | PackModel) -> None:
    qtbot.waitUntil(lambda: not model.busy, timeout=WAIT)


def _scan(qtbot: QtBot, station: Rig, code: str) -> None:
    station.window.handle_scan(classify(code))
    _settle(qtbot, station.screen().model)  # type: ignore[attr-defined]


def _ids(db: Database, task: str) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(ScanRecord.id).where(ScanRecord.task == task)))


def _pack_station_info(pf: PackFloor) -> tuple[StationInfo, UserInfo]:
    with pf.db.read() as s:
        station = s.get(Station, pf.here.station_id)
        user = s.get(User, pf.here.user_id)
        return (
            StationInfo(station.id, station.name, station.kind, station.warehouse_id, "HZ1"),
            UserInfo(user.id, user.badge, user.name, user.role),
        )


# --------------------------------------------------------------------------- picking


def _right_scan(view: picking.TaskView) -> str:
    assert view.line is not None
    return view.line.location if view.step == "location" else unit_code(view.line.sku)


def test_picking_goes_on_through_an_outage_and_every_scan_lands_once(
    qtbot: QtBot, proxy: TcpProxy, direct: Database, open_station: Callable[..., Rig]
) -> None:
    of: OfflineFloor = build_offline_floor(direct)
    st = open_station(
        proxy.url_for(direct.url), of.station, of.user, ScreenSpec("pick", "pick", _pick_screen)
    )
    screen: PickScreen = st.screen()  # type: ignore[assignment]
    model = screen.model
    qtbot.waitUntil(
        lambda: model.view is not None and not model.busy and model.plan is not None, timeout=WAIT
    )
    assert model.view.task_id == of.bulk_task and st.window.banner_text() == ""

    _scan(qtbot, st, _right_scan(model.view))  # online: the location
    _scan(qtbot, st, _right_scan(model.view))  # online: one unit
    assert st.feedback.level == "good" and not model.offline and of.picked(of.bulk_task) == 1

    # The network goes; the very next scan finds out, and is kept: offline, same id.
    proxy.cut()
    st.window.handle_scan(classify(_right_scan(model.view)))
    qtbot.waitUntil(lambda: model.offline and not model.busy, timeout=WAIT)
    assert st.feedback.level == "good"
    qtbot.waitUntil(lambda: st.window.banner_text() != "", timeout=WAIT)
    assert (
        st.window.banner_text() == "Central database unreachable — working offline: 1 scans waiting"
    )
    assert st.window.banner.isVisible()

    # A wrong item is refused red as the server would, and not journaled.
    assert model.view.step == "item"
    wrong = unit_code("SKU-A")  # not on this task
    _scan(qtbot, st, wrong)
    assert st.feedback.level == "bad" and wrong in st.feedback.text
    assert st.link.pending == 1

    offline_scans = 1
    while model.view.step != "done":
        _scan(qtbot, st, _right_scan(model.view))
        assert st.feedback.level in ("good", "done"), st.feedback.text
        offline_scans += 1
    assert st.feedback.level == "done" and screen.location_label.text() == "Done"
    assert st.link.pending == offline_scans
    assert (
        st.window.banner_text()
        == f"Central database unreachable — working offline: {offline_scans} scans waiting"
    )
    assert of.picked(of.bulk_task) == 1  # nothing reached the database
    journaled = [e.id for e in st.link.journal.all()]
    assert len(journaled) == offline_scans

    # New work needs the database: said so, and nothing happens.
    _scan(qtbot, st, "CMD:NEXT")
    assert st.feedback.level == "bad"
    assert (
        st.feedback.text
        == "Claiming a new task needs the central database: finish this task or wait"
    )

    proxy.restore()
    qtbot.waitUntil(
        lambda: st.link.online and st.link.pending == 0 and not model.busy, timeout=WAIT
    )
    qtbot.waitUntil(lambda: st.window.banner_text() == "", timeout=WAIT)
    ids = _ids(direct, "pick")
    assert set(journaled) <= set(ids) and len(ids) == len(set(ids)) == 2 + offline_scans
    assert [e.status for e in st.link.journal.all()] == ["applied"] * offline_scans
    assert of.picked(of.bulk_task) == 6
    with direct.read() as s:
        task = s.get(PickTask, of.bulk_task)
        assert task.status == "done"
        assert set(s.scalars(select(Order.status).where(Order.order_no.like("s%")))) == {"picked"}
    # The screen shows the server's picture again, its version included.
    qtbot.waitUntil(
        lambda: model.view is not None and model.view.task_version == task.version, timeout=WAIT
    )
    assert model.view.status == "done"
    assert "offline scans saved" in st.feedback.text


def test_scans_the_server_refuses_on_return_are_listed(
    qtbot: QtBot, proxy: TcpProxy, direct: Database, open_station: Callable[..., Rig]
) -> None:
    of = build_offline_floor(direct)
    st = open_station(
        proxy.url_for(direct.url), of.station, of.user, ScreenSpec("pick", "pick", _pick_screen)
    )
    model: PickModel = st.screen().model  # type: ignore[attr-defined]
    qtbot.waitUntil(
        lambda: model.view is not None and not model.busy and model.plan is not None, timeout=WAIT
    )
    _scan(qtbot, st, _right_scan(model.view))

    proxy.cut()
    qtbot.waitUntil(lambda: model.offline, timeout=WAIT)  # the live listener noticed first
    for _ in range(2):
        _scan(qtbot, st, _right_scan(model.view))
        assert st.feedback.level == "good"
    # Meanwhile a supervisor gave the task to another picker at another station.
    supervision.release_task(direct, of.supervisor, of.bulk_task, "picker's scanner is offline")
    picking.claim_task(direct, of.there, of.bulk_task)

    proxy.restore()
    qtbot.waitUntil(lambda: st.link.online and not model.busy, timeout=WAIT)
    qtbot.waitUntil(lambda: st.window.findChild(ConflictsDialog) is not None, timeout=WAIT)
    dialog = st.window.findChild(ConflictsDialog)
    assert dialog.isVisible() and dialog.table.rowCount() == 2
    assert (
        "HZ1-PICK-02" in dialog.table.item(0, 3).text() and "李娜" in dialog.table.item(0, 3).text()
    )
    assert st.feedback.level == "warn" and "refused by the central database" in st.feedback.text
    assert [e.status for e in st.link.journal.all()] == ["conflict", "conflict"]
    assert of.picked(of.bulk_task) == 0
    qtbot.waitUntil(
        lambda: model.view is None, timeout=WAIT
    )  # refreshed: this station holds no task now
    # The CONFIRM barcode closes the list.
    st.window.handle_scan(classify("CMD:CONFIRM"))
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)


# --------------------------------------------------------------------------- packing


def test_verifying_goes_on_through_an_outage(
    qtbot: QtBot,
    proxy: TcpProxy,
    direct: Database,
    open_station: Callable[..., Rig],
    tmp_path: Path,
) -> None:
    pf = build_pack_floor(direct, tmp_path / "labels")
    station, user = _pack_station_info(pf)
    st = open_station(
        proxy.url_for(direct.url),
        station,
        user,
        ScreenSpec("pack", "pack", _pack_screen),
        printer=pf.printer,
    )
    screen: PackScreen = st.screen()  # type: ignore[assignment]
    model = screen.model
    _scan(qtbot, st, "T-0001")  # m1: 2 × A, 1 × B
    qtbot.waitUntil(lambda: model.offline_ready, timeout=WAIT)
    _scan(qtbot, st, pack_unit("SKU-A"))
    assert st.feedback.level == "good"

    proxy.cut()
    qtbot.waitUntil(lambda: model.offline, timeout=WAIT)
    qtbot.waitUntil(lambda: "working offline" in st.window.banner_text(), timeout=WAIT)
    _scan(qtbot, st, pack_unit("SKU-C"))
    assert (st.feedback.level, st.feedback.text) == (
        "bad",
        f"{pack_unit('SKU-C')} is not in this order",
    )
    _scan(qtbot, st, pack_unit("SKU-A"))
    assert st.feedback.level == "good" and screen.table.item(0, 3).text() == "2"
    _scan(qtbot, st, pack_unit("SKU-B"))
    assert (
        st.feedback.level == "done" and model.view.complete and screen.complete_button.isEnabled()
    )
    assert st.link.pending == 2
    # Completing needs a tracking number, which only the central database hands out.
    screen.complete_button.click()
    _settle(qtbot, model)
    assert (
        st.feedback.level == "bad"
        and "tracking number comes from the central database" in st.feedback.text
    )
    assert model.last_result is None
    _scan(qtbot, st, "T-0002")  # another order cannot be opened either
    assert st.feedback.level == "warn" and model.view.order_no == "m1"

    proxy.restore()
    qtbot.waitUntil(
        lambda: st.link.online and st.link.pending == 0 and not model.busy, timeout=WAIT
    )
    journaled = [e.id for e in st.link.journal.all()]
    ids = _ids(direct, "pack")
    assert set(journaled) <= set(ids) and len(journaled) == 2
    with direct.read() as s:
        ok = s.scalar(
            select(func.sum(ScanRecord.qty)).where(
                ScanRecord.task == "pack",
                ScanRecord.order_id == pf.orders["m1"],
                ScanRecord.result == "ok",
            )
        )
    assert ok == 3
    assert (
        model.view.complete and model.view.units_scanned == 3 and screen.complete_button.isEnabled()
    )


# --------------------------------------------------------------------------- live refresh


@pytest.fixture(params=["sqlite", "pg"])
def live_urls(
    request: pytest.FixtureRequest, tmp_path: Path, qapp: QApplication
) -> Iterator[tuple[Database, str]]:
    """(the test's direct database, the URL the station uses): SQLite, or PostgreSQL
    through the proxy."""
    if request.param == "sqlite":
        db = request.getfixturevalue("sqlite_db")
        yield db, db.url
        return
    proxy: TcpProxy = request.getfixturevalue("proxy")
    db = request.getfixturevalue("direct")
    yield db, proxy.url_for(db.url)


def test_an_order_cancelled_elsewhere_stops_the_pack_screen_without_a_scan(
    qtbot: QtBot, live_urls: tuple[Database, str], open_station: Callable[..., Rig], tmp_path: Path
) -> None:
    direct, url = live_urls
    pf = build_pack_floor(direct, tmp_path / "labels")
    station, user = _pack_station_info(pf)
    st = open_station(
        url, station, user, ScreenSpec("pack", "pack", _pack_screen), printer=pf.printer
    )
    screen: PackScreen = st.screen()  # type: ignore[assignment]
    _scan(qtbot, st, "T-0002")
    _scan(qtbot, st, pack_unit("SKU-A"))
    assert screen.stack.currentWidget() is screen.work_page
    scans = len(_ids(direct, "pack"))

    supervision.cancel_order(
        direct, Actor(pf.supervisor_id, None), pf.orders["m2"], "buyer cancelled"
    )
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.stop_page, timeout=WAIT)
    assert (
        screen.stop_order.text() == "Order m2" and "cancelled" in screen.stop_reason.text().lower()
    )
    assert len(_ids(direct, "pack")) == scans  # no scan was needed


def test_a_task_taken_away_elsewhere_clears_the_pick_screen(
    qtbot: QtBot, live_urls: tuple[Database, str], open_station: Callable[..., Rig]
) -> None:
    direct, url = live_urls
    of = build_offline_floor(direct)
    st = open_station(url, of.station, of.user, ScreenSpec("pick", "pick", _pick_screen))
    screen: PickScreen = st.screen()  # type: ignore[assignment]
    qtbot.waitUntil(lambda: screen.model.view is not None and not screen.model.busy, timeout=WAIT)
    assert screen.task_label.text().startswith("Task ")

    supervision.release_task(direct, of.supervisor, of.bulk_task, "needed on the other cart")
    qtbot.waitUntil(lambda: screen.model.view is None, timeout=WAIT)
    assert screen.task_label.text() == "No task" and screen.location_label.text() == "—"


# --------------------------------------------------------------------------- the station as started


def test_a_station_replays_what_a_previous_run_left_in_its_journal(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path
) -> None:
    of = build_offline_floor(sqlite_db)
    view = picking.claim_task(sqlite_db, of.here, of.bulk_task)
    path = tmp_path / "data" / "journal-HZ1-PICK-01.sqlite3"
    journal = ScanJournal(path)
    journal.append(
        "left-from-yesterday",
        "pick",
        of.bulk_task,
        view.line.location,
        1,
        of.here.user_id,
        of.here.station_id,
    )
    journal.close()  # the station was switched off while the database was away

    window, ctx = build_station_window(
        StationConfig(db=sqlite_db.url, station="HZ1-PICK-01"),
        feedback=Feedback(SoundPlayer(muted=True)),
        screens=[],
        heartbeat_ms=None,
        live=False,
        spooler=False,
        journal=path,
    )
    qtbot.addWidget(window)
    try:
        link = ctx.extras[OFFLINE]
        assert isinstance(link, OfflineLink) and link.path == path
        qtbot.waitUntil(lambda: link.online, timeout=WAIT)
        assert "left-from-yesterday" in _ids(sqlite_db, "pick")
        assert [e.status for e in link.journal.all()] == ["applied"]

        # Told the database is away, the banner says so; the probe finds it there again.
        link.lost("connection refused")
        assert (
            window.banner_text()
            == "Central database unreachable — working offline: 0 scans waiting"
        )
        qtbot.waitUntil(lambda: link.online, timeout=WAIT)
        assert window.banner_text() == ""
    finally:
        close_station(window, ctx)
    assert journal_path("HZ1 PICK/01").name == "journal-HZ1_PICK_01.sqlite3"
