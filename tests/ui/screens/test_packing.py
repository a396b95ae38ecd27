"""The pack bench on a real SQLite database: an order verified scan by scan (a wrong
item refused red with the bad sound), weighed on a fake scale, packed with its
tracking number shown; an intercepted order's red page; a supervisor override."""

from __future__ import annotations

from pathlib import Path

import pytest
from packfloor import PackFloor, build_pack_floor, case_barcode, unit_barcode  # noqa: E402
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from app.db.engine import Database  # noqa: E402
from app.db.models import Event, Order, Shipment, Station, User  # noqa: E402
from app.devices.scale import FakeScale, ScaleSilent  # noqa: E402
from app.domain.scan import classify  # noqa: E402
from app.services.access.identity import StationInfo, UserInfo
from app.services.station.config import StationConfig
from ui.bridges.background import Background  # noqa: E402
from ui.context import StationContext  # noqa: E402
from ui.dialogs.supervisor import SupervisorDialog  # noqa: E402
from ui.screens.packing import AMBER, GREEN, PackScreen, ReasonDialog, WeightDialog  # noqa: E402
from ui.viewmodels.packing import PackModel  # noqa: E402
from ui.widgets.feedback import Feedback, SoundPlayer  # noqa: E402

WAIT = 15_000


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def pf(sqlite_db: Database, tmp_path: Path) -> PackFloor:
    return build_pack_floor(sqlite_db, tmp_path / "labels")


@pytest.fixture
def scale() -> FakeScale:
    return FakeScale()


@pytest.fixture
def ctx(pf: PackFloor, background: Background, scale: FakeScale) -> StationContext:
    with pf.db.read() as s:
        station = s.get(Station, pf.here.station_id)
        user = s.get(User, pf.here.user_id)
        info = StationInfo(station.id, station.name, station.kind, station.warehouse_id, "HZ1")
        who = UserInfo(user.id, user.badge, user.name, user.role)
    config = StationConfig(
        db=pf.db.url,
        station=info.name,
        printer=pf.printer,
        label_format="zpl",
        label_size="100x150",
        weight_tolerance_pct=10.0,
        weight_tolerance_g=50,
    )
    return StationContext(
        pf.db, background, info, config, Feedback(SoundPlayer(muted=True)), who, scale
    )


@pytest.fixture
def screen(qtbot: QtBot, ctx: StationContext) -> PackScreen:
    model = PackModel(ctx)
    widget = PackScreen(model, ctx.feedback)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    return widget


def scan(screen: PackScreen, text: str) -> None:
    screen.handle_scan(classify(text))


def settled(qtbot: QtBot, screen: PackScreen) -> None:
    qtbot.waitUntil(lambda: not screen.model.busy, timeout=WAIT)


def row_colour(screen: PackScreen, row: int) -> str:
    return screen.table.item(row, 3).background().color().name()


def test_an_order_from_tote_to_tracking_number(
    qtbot: QtBot, screen: PackScreen, ctx: StationContext, scale: FakeScale, pf: PackFloor
) -> None:
    scan(screen, "T-0001")
    qtbot.waitUntil(lambda: screen.model.view is not None, timeout=WAIT)
    assert screen.order_label.text() == "m1" and screen.carrier_label.text() == "ZTO Express"
    assert screen.table.rowCount() == 2 and not screen.complete_button.isEnabled()

    scan(screen, unit_barcode("SKU-C"))  # not in this order
    settled(qtbot, screen)
    assert (ctx.feedback.level.value, ctx.feedback.text) == ("bad", "SKU-C is not in this order")
    assert screen.banner.level == "bad" and ctx.feedback.sounds.played[-1] == "bad"
    assert [screen.table.item(r, 3).text() for r in range(2)] == ["0", "0"]

    scan(screen, unit_barcode("SKU-A"))
    settled(qtbot, screen)
    assert ctx.feedback.level.value == "good" and ctx.feedback.sounds.played[-1] == "good"
    assert screen.table.item(0, 3).text() == "1" and row_colour(screen, 0) == AMBER.name()
    # Two scans queued back to back are applied in order.
    scan(screen, unit_barcode("SKU-A"))
    scan(screen, unit_barcode("SKU-B"))
    settled(qtbot, screen)
    assert [row_colour(screen, r) for r in range(2)] == [GREEN.name(), GREEN.name()]
    assert ctx.feedback.level.value == "done" and screen.complete_button.isEnabled()

    scan(screen, "BOX-M")
    settled(qtbot, screen)
    assert "BOX-M" in screen.carton_label.text()

    scale.put(530)
    screen.weigh_button.click()
    qtbot.waitUntil(lambda: screen.model.weighing is not None, timeout=WAIT)
    assert screen.weight_label.property("state") == "ok"
    assert screen.weight_label.text() == "0.530 kg / expected 0.520 kg ± 0.052 kg"

    screen.complete_button.click()
    qtbot.waitUntil(lambda: screen.model.last_result is not None, timeout=WAIT)
    tracking = screen.model.last_result.tracking_no
    assert screen.tracking_label.text() == f"Tracking {tracking}"
    assert ctx.feedback.level.value == "done" and ctx.feedback.sounds.played[-1] == "done"
    assert screen.reprint_button.isEnabled() and not screen.complete_button.isEnabled()
    with pf.db.read() as s:
        assert s.scalar(select(Order.status).where(Order.id == pf.orders["m1"])) == "packed"
        assert (
            s.scalar(select(Shipment.tracking_no).where(Shipment.order_id == pf.orders["m1"]))
            == tracking
        )


def test_weight_outside_tolerance_needs_a_supervisor(
    qtbot: QtBot, screen: PackScreen, ctx: StationContext, scale: FakeScale, pf: PackFloor
) -> None:
    scan(screen, "T-0001")
    scan(screen, case_barcode("SKU-A"))
    scan(screen, unit_barcode("SKU-B"))
    settled(qtbot, screen)
    assert screen.model.view.complete
    scale.put(2000)
    screen.weigh_button.click()
    settled(qtbot, screen)
    assert screen.weight_label.property("state") == "bad"
    screen.complete_button.click()
    qtbot.waitUntil(lambda: isinstance(screen.dialog, WeightDialog), timeout=WAIT)
    assert ctx.feedback.level.value == "bad"
    assert ctx.feedback.text == "Weighs 2.000 kg, should be 0.460 kg ± 0.050 kg"

    screen.dialog.override_button.click()
    qtbot.waitUntil(lambda: isinstance(screen.dialog, SupervisorDialog), timeout=WAIT)
    dialog = screen.dialog
    screen.handle_scan(classify("U-0101"))  # a badge scanned now goes into the dialog
    assert dialog.badge_edit.text() == "U-0101"
    dialog.pin_edit.setText("1234")
    dialog.reason_edit.setText("gift wrapping")
    dialog.accept()  # a packer's badge: refused, the dialog stays
    qtbot.waitUntil(lambda: not dialog.checking, timeout=WAIT)
    assert screen.dialog is dialog and dialog.supervisor is None
    assert dialog.message.text() and dialog.message.text() != "Checking…"
    assert screen.model.last_result is None
    dialog.badge_edit.setText("SUP-1")
    dialog.pin_edit.setText("1234")
    dialog.accept()
    qtbot.waitUntil(lambda: screen.model.last_result is not None, timeout=WAIT)
    with pf.db.read() as s:
        payload = s.scalar(select(Event.payload).where(Event.kind == "pack.weight_override"))
    assert payload["supervisor"] == "王芳" and payload["reason"] == "gift wrapping"


def test_an_intercepted_order_takes_the_whole_screen(
    qtbot: QtBot, screen: PackScreen, ctx: StationContext, pf: PackFloor
) -> None:
    with pf.db.unit_of_work() as s:
        s.execute(
            update(Order)
            .where(Order.id == pf.orders["m2"])
            .values(status="cancelled", interception="buyer cancelled", version=Order.version + 1)
        )
    scan(screen, "T-0002")
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.stop_page, timeout=WAIT)
    assert screen.stop_order.text() == "Order m2"
    assert screen.stop_reason.text() == "The order was cancelled.\nbuyer cancelled"
    assert "returns tote" in screen.stop_action.text()
    assert ctx.feedback.level.value == "bad"
    scan(screen, unit_barcode("SKU-A"))  # nothing is verified on a stopped order
    settled(qtbot, screen)
    assert ctx.feedback.text.startswith("Order m2 is stopped")
    scan(screen, "CMD:CONFIRM")
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.work_page, timeout=WAIT)
    assert screen.model.view is None and ctx.feedback.level.value == "warn"
    with pf.db.read() as s:
        assert (
            s.scalar(select(Event.kind).where(Event.kind == "pack.intercepted"))
            == "pack.intercepted"
        )


def test_single_unit_order_by_item_then_reprint_with_a_reason(
    qtbot: QtBot, screen: PackScreen, scale: FakeScale, pf: PackFloor
) -> None:
    scan(screen, unit_barcode("SKU-D"))
    qtbot.waitUntil(lambda: screen.model.view is not None, timeout=WAIT)
    assert screen.order_label.text() == "s1" and screen.complete_button.isEnabled()
    scale.put(460)
    scan(screen, "CMD:CONFIRM")  # weighs first: refused with a warning
    settled(qtbot, screen)
    assert screen.model.last_result is None and screen.feedback.level.value == "warn"
    screen.weigh_button.click()
    scan(screen, "CMD:CONFIRM")
    qtbot.waitUntil(lambda: screen.model.last_result is not None, timeout=WAIT)
    first = screen.model.last_result.tracking_no

    screen.reprint_button.click()
    dialog = screen.dialog
    assert isinstance(dialog, ReasonDialog)
    dialog.accept()  # no reason: stays open
    assert screen.dialog is dialog
    dialog.edit.setText("label smudged")
    dialog.accept()
    qtbot.waitUntil(lambda: screen.feedback.text == "Label sent to the printer again", timeout=WAIT)

    screen.void_button.click()
    screen.dialog.edit.setText("wrong box")
    scan(screen, "CMD:CONFIRM")  # answers the dialog
    qtbot.waitUntil(lambda: screen.model.last_result.tracking_no != first, timeout=WAIT)
    assert screen.tracking_label.text() == f"Tracking {screen.model.last_result.tracking_no}"
    with pf.db.read() as s:
        assert s.scalar(select(Shipment.status).where(Shipment.tracking_no == first)) == "voided"


def test_a_silent_scale_is_reported(qtbot: QtBot, screen: PackScreen, scale: FakeScale) -> None:
    scan(screen, "T-0003")
    settled(qtbot, screen)
    scale.fail(ScaleSilent("the scale does not answer: is it on?"))
    screen.weigh_button.click()
    settled(qtbot, screen)
    assert screen.feedback.level.value == "bad"
    assert screen.feedback.text == "Scale: the scale does not answer: is it on?"
    assert screen.model.weighing is None


def test_another_bench_is_told_who_packs_the_order(
    qtbot: QtBot, screen: PackScreen, pf: PackFloor
) -> None:
    from app.services.packing.bench import open_order

    open_order(pf.db, pf.there, classify("T-0001"), "elsewhere-1")
    scan(screen, "T-0001")
    settled(qtbot, screen)
    assert screen.feedback.text == "Order m1 is being packed at HZ1-PACK-02 by 李娜"
    assert screen.model.view is None
