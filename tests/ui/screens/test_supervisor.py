"""The supervisor's screen on the mid-shift floor of tests/integration/dashboard_seed.py
(real SQLite, real background worker): the seeded numbers on screen, and exception
actions that change the database. Only the reason entry (QInputDialog) is patched."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from dashboard_seed import NOW, Seeded, seed_shift  # noqa: E402
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from sqlalchemy import select

from app.db.engine import Database  # noqa: E402
from app.db.models import Event, Order, OrderHold, PickTask, Wave  # noqa: E402
from app.domain.scan import Order as OrderScan  # noqa: E402
from app.domain.scan import Product  # noqa: E402
from app.services.access.identity import StationInfo, UserInfo
from app.services.station.config import StationConfig
from ui.bridges.background import Background  # noqa: E402
from ui.context import StationContext  # noqa: E402
from ui.screens.supervisor import SupervisorScreen  # noqa: E402
from ui.screens.supervisor.exceptions_tab import EXCEPTION_COLUMNS  # noqa: E402
from ui.screens.supervisor.waves_tab import WAVE_COLUMNS  # noqa: E402
from ui.viewmodels.supervisor import SupervisorModel  # noqa: E402
from ui.widgets.feedback import Feedback, SoundPlayer  # noqa: E402
from ui.widgets.theme import ROW_BAD as RED  # noqa: E402

WAIT = 10_000


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def shift(sqlite_db: Database) -> Seeded:
    return seed_shift(sqlite_db)


@pytest.fixture
def model(shift: Seeded, background: Background) -> Iterator[SupervisorModel]:
    ctx = StationContext(
        db=shift.db,
        background=background,
        station=StationInfo(shift.stations["PACK-01"], "PACK-01", "desk", None, None),
        config=StationConfig(),
        feedback=Feedback(SoundPlayer(muted=True)),
        user=UserInfo(shift.users["王芳"], "SUP-1", "王芳", "supervisor"),
    )
    m = SupervisorModel(ctx, interval_ms=None, clock=lambda: NOW)
    m.set_window(NOW - timedelta(hours=2), NOW)
    yield m
    m.stop()


@pytest.fixture
def screen(qtbot, model: SupervisorModel) -> SupervisorScreen:
    widget = SupervisorScreen(model, model.ctx.feedback)
    qtbot.addWidget(widget)
    widget.resize(1500, 900)
    widget.show()
    qtbot.waitExposed(widget)
    settle(qtbot, model)
    return widget


def settle(qtbot, model: SupervisorModel) -> None:  # noqa: ANN001
    """Refresh and wait until no refresh is running or due: the screen shows the
    database as it is now."""
    model.refresh()
    qtbot.waitUntil(lambda: model.idle, timeout=WAIT)


def reason(monkeypatch: pytest.MonkeyPatch, text: str, ok: bool = True) -> list[str]:
    """Answer the reason dialog with ``text``; returns the titles it was opened with."""
    asked: list[str] = []

    def get_text(parent, title, label, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        asked.append(title)
        return text, ok

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    return asked


def refreshed_after(qtbot, model: SupervisorModel, click) -> None:  # noqa: ANN001
    """Click, then wait for the action and the refresh it asks for."""
    with qtbot.waitSignal(model.action_done, timeout=WAIT):
        click()
    qtbot.waitUntil(lambda: model.idle, timeout=WAIT)


def test_waves_tab_shows_progress_and_estimates(screen: SupervisorScreen) -> None:
    rows = {r[WAVE_COLUMNS.index("kind")]: r for r in screen.rows(screen.waves_table)}
    multi = rows["Multi-item"]
    assert multi[WAVE_COLUMNS.index("units")] == "6 / 11"
    assert multi[WAVE_COLUMNS.index("lines")] == "5 / 7"  # 4 picked + 1 short
    assert multi[WAVE_COLUMNS.index("packed")] == "0 / 4"
    assert multi[WAVE_COLUMNS.index("pickers")] == "李伟"
    assert (
        multi[WAVE_COLUMNS.index("cutoff")] == "16:00"
        and multi[WAVE_COLUMNS.index("finish")] == "14:30"
    )
    single = rows["Single-unit"]
    assert (
        single[WAVE_COLUMNS.index("packed")] == "1 / 2"
        and single[WAVE_COLUMNS.index("pickers")] == "张敏"
    )
    assert screen.risk_label.isHidden()


def test_a_late_wave_is_red_and_named_on_the_throughput_tab(qtbot, screen, model, shift) -> None:
    from sqlalchemy import update

    with shift.db.unit_of_work() as s:
        s.execute(
            update(Wave)
            .where(Wave.id == shift.waves["multi"])
            .values(cutoff=NOW + timedelta(minutes=20))
        )
    settle(qtbot, model)
    row = next(i for i, w in enumerate(screen.wave_rows()) if w.kind == "multi")
    item = screen.waves_table.item(row, WAVE_COLUMNS.index("wave"))
    assert item.background().color().name() == RED
    assert not screen.risk_label.isHidden()
    assert "after its 14:20 cut-off" in screen.risk_label.text()


def test_orders_and_throughput_tabs(screen: SupervisorScreen) -> None:
    orders = screen.rows(screen.orders_table)
    assert ["HZ1", "淘宝小店", "Picking", "2"] in orders
    assert ["not allocated", "淘宝小店", "On hold", "1"] in orders
    workers = {r[0]: r for r in screen.rows(screen.workers_table)}
    assert workers["李伟"][1:5] == ["4", "6", "2.0", "3.0"]
    assert workers["李伟"][7] == "20.0%" and workers["张敏"][7] == "25.0%"
    misscan = screen.workers_table.item(0, 7)
    assert misscan.background().color().name() == RED  # 20% is well past the 10% mark
    assert screen.charts.bar_values() == {"李伟": 3.0, "张敏": 1.0}
    assert screen.charts.line_points() == [("12:00", 0.0, 0.0), ("13:00", 7.0, 1.0)]
    stations = {r[0] for r in screen.rows(screen.stations_table)}
    assert stations == {"PDA-01", "PDA-02", "PACK-01"}


def test_exceptions_tab_lists_every_kind_with_its_button(screen: SupervisorScreen) -> None:
    rows = screen.rows(screen.exceptions_table)
    kinds = [r[0] for r in rows]
    assert kinds == [
        "Interception",
        "Weight mismatch",
        "Short pick",
        "Stale task",
        "Print failed",
        "On hold",
    ]
    buttons = [r[EXCEPTION_COLUMNS.index("action")] for r in rows]
    assert buttons == [
        "Resolved",
        "Approve override",
        "Ship short",
        "Release task",
        "Retry",
        "Release hold",
    ]
    assert "Exceptions (6)" in screen.tabs.tabText(2)


def test_release_hold_from_the_screen(qtbot, screen, model, shift, monkeypatch) -> None:
    asked = reason(monkeypatch, "  paid by bank transfer ")
    row = next(i for i, e in enumerate(screen.exception_rows()) if e.kind == "hold")
    refreshed_after(
        qtbot, model, lambda: qtbot.mouseClick(screen.action_button(row), Qt.MouseButton.LeftButton)
    )
    assert asked == ["Release the hold on order h1"]
    with shift.db.read() as s:
        assert s.get(Order, shift.orders["h1"]).status == "approved"
        hold = s.get(OrderHold, shift.holds["unpaid"])
        assert hold.released_by == shift.users["王芳"]
        ev = s.scalars(select(Event).where(Event.kind == "order.hold_released")).one()
        assert (
            ev.payload["reason"] == "paid by bank transfer"
            and ev.station_id == shift.stations["PACK-01"]
        )
    assert "On hold" not in [r[0] for r in screen.rows(screen.exceptions_table)]
    assert model.ctx.feedback.text == "Hold released on order h1."


def test_release_a_stale_task_from_the_screen(qtbot, screen, model, shift, monkeypatch) -> None:
    reason(monkeypatch, "张敏 left the floor")
    row = next(i for i, e in enumerate(screen.exception_rows()) if e.kind == "stale_task")
    refreshed_after(
        qtbot, model, lambda: qtbot.mouseClick(screen.action_button(row), Qt.MouseButton.LeftButton)
    )
    with shift.db.read() as s:
        task = s.get(PickTask, shift.tasks["bulk"])
        assert (task.status, task.claimed_by) == ("open", None)


def test_an_empty_reason_changes_nothing(qtbot, screen, model, shift, monkeypatch) -> None:
    reason(monkeypatch, "   ")
    row = next(i for i, e in enumerate(screen.exception_rows()) if e.kind == "hold")
    qtbot.mouseClick(screen.action_button(row), Qt.MouseButton.LeftButton)
    assert model.ctx.feedback.level.value == "bad" and "reason" in model.ctx.feedback.text
    reason(monkeypatch, "whatever", ok=False)  # cancelled
    qtbot.mouseClick(screen.action_button(row), Qt.MouseButton.LeftButton)
    # Whatever the click sent to the worker has come back, instead of a fixed 200 ms.
    qtbot.waitUntil(lambda: model.ctx.background.pending == 0, timeout=3000)
    with shift.db.read() as s:
        assert s.get(Order, shift.orders["h1"]).status == "on_hold"
        assert not s.scalars(select(Event).where(Event.kind == "order.hold_released")).all()


def test_a_refusal_shows_in_red(qtbot, screen, model, shift, monkeypatch) -> None:
    from sqlalchemy import update

    with shift.db.unit_of_work() as s:  # someone released it at another desk meanwhile
        s.execute(
            update(OrderHold).where(OrderHold.id == shift.holds["unpaid"]).values(released_at=NOW)
        )
    reason(monkeypatch, "paid")
    row = next(
        i for i, e in enumerate(screen.exception_rows()) if e.kind == "hold"
    )  # not refreshed yet
    with qtbot.waitSignal(model.action_failed, timeout=WAIT):
        qtbot.mouseClick(screen.action_button(row), Qt.MouseButton.LeftButton)
    assert model.ctx.feedback.level.value == "bad"
    assert model.ctx.feedback.text == "That hold was released already."


def test_scanning_an_order_selects_its_exception(screen: SupervisorScreen) -> None:
    assert screen.handle_scan(OrderScan("o2")) is True
    assert screen.tabs.currentIndex() == 2
    assert screen.selected_exception().order_no == "o2"
    assert screen.cancel_order_button.isEnabled()
    assert screen.handle_scan(Product("6900000000001")) is False


def test_pause_a_wave_from_the_waves_tab(qtbot, screen, model, shift, monkeypatch) -> None:
    reason(monkeypatch, "aisle blocked")
    row = next(i for i, w in enumerate(screen.wave_rows()) if w.kind == "multi")
    screen.waves_table.selectRow(row)
    assert screen.pause_button.isEnabled() and not screen.resume_button.isEnabled()
    refreshed_after(
        qtbot, model, lambda: qtbot.mouseClick(screen.pause_button, Qt.MouseButton.LeftButton)
    )
    with shift.db.read() as s:
        assert s.get(Wave, shift.waves["multi"]).status == "paused"
    assert screen.resume_button.isEnabled()  # the selection survived the refresh


def test_build_dialog_shows_the_plan_then_builds(qtbot, screen, model, shift) -> None:
    from dashboard_seed import import_allocate
    from floorplan import order

    import_allocate(shift.db, order("b1", ("SKU-A", 1), ("SKU-B", 1)), order("b2", ("SKU-C", 2)))
    dialog = screen.open_build_dialog()
    assert dialog.warehouse.text() == ""  # this desk has no warehouse of its own
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)  # refused at once, on screen
    assert dialog.message.text() == "Choose a warehouse to build waves for."
    assert not dialog.build_button.isEnabled()
    dialog.warehouse.setText("hz1")
    with qtbot.waitSignal(model.preview_ready, timeout=WAIT):
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.build_button.isEnabled()
    assert [r[4] for r in dialog.plan_rows()] == ["2"]
    with shift.db.read() as s:  # a plan writes nothing
        assert s.scalar(select(Order.status).where(Order.order_no == "b1")) == "allocated"
    with qtbot.waitSignal(model.built, timeout=WAIT):
        qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    with shift.db.read() as s:
        assert s.scalar(select(Order.status).where(Order.order_no == "b1")) == "waved"
    assert "1 waves built for 2 orders" in model.ctx.feedback.text


def test_export_writes_csv_and_pdf_on_the_worker(qtbot, screen, model, tmp_path) -> None:
    screen.set_export_window(NOW - timedelta(hours=2), NOW)
    for kind in ("csv", "pdf"):
        path = tmp_path / f"shift.{kind}"
        with qtbot.waitSignal(model.exported, timeout=WAIT):
            screen.export_report(kind, str(path))
        assert path.exists() and path.stat().st_size > 0
    assert "李伟" in (tmp_path / "shift.csv").read_text(encoding="utf-8-sig")
    assert (tmp_path / "shift.pdf").read_bytes().startswith(b"%PDF")
    assert "Saved" in screen.export_status.text()


def test_switching_language_keeps_the_rows(qtbot, screen) -> None:
    before = len(screen.rows(screen.exceptions_table))
    screen.retranslate()
    assert len(screen.rows(screen.exceptions_table)) == before
    assert screen.title() == "Supervisor"
