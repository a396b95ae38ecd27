"""The picking screen on a real SQLite database: a whole cart task driven by scans,
refusals in red with a buzz, queued scans applied in order, commands, dialogs."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import (
    Location,
    Order,
    PickLine,
    Product,
    ProductBarcode,
    Station,
    Stock,
    Tote,
    User,
)
from app.domain import gs1
from app.domain.incoming import IncomingLine, IncomingOrder, PaymentStatus, Recipient
from app.domain.scan import classify
from app.services.access.identity import StationInfo, UserInfo
from app.services.allocation import allocate_orders
from app.services.intake.apply import import_orders
from app.services.review import review_orders
from app.services.station.config import StationConfig
from app.services.warehouse import add_warehouse
from app.services.waves import WaveOptions, build_waves
from ui.bridges.background import Background
from ui.context import StationContext
from ui.screens.picking import PickScreen
from ui.viewmodels.picking import PickModel
from ui.widgets.feedback import Feedback, SoundPlayer

WAIT = 10_000
ZJ = Recipient(
    name="张三",
    phone="13800138000",
    country="CN",
    province="浙江省",
    city="杭州市",
    district="西湖区",
    address="文三路 478号",
    postcode="310013",
)


def barcode(i: int) -> str:
    body = f"6930000000{i:02d}"
    return body + gs1.check_digit(body)


def unit(sku: str) -> str:
    return barcode(("SKU-A", "SKU-B").index(sku) + 1)


@dataclass
class Floor:
    db: Database
    station: StationInfo
    user: UserInfo
    bins: dict[str, str]  # sku -> location code


def _floor(db: Database) -> Floor:
    hz = add_warehouse(
        db, code="HZ1", name="杭州仓", province="浙江省", city="杭州市", aisles=4, aisle_length=20
    )
    bins = {}
    with db.unit_of_work() as s:
        for i, sku in enumerate(("SKU-A", "SKU-B"), start=1):
            p = Product(
                sku=sku,
                name_zh=f"商品{sku[-1]}",
                name_en=f"Product {sku[-1]}",
                price=Decimal("10.00"),
                weight_g=100,
            )
            s.add(p)
            s.flush()
            s.add(ProductBarcode(product_id=p.id, barcode=barcode(i), kind="unit", pack_qty=1))
            code = f"HZ1-A0{i}-0{i + 2}-1"
            loc = Location(
                warehouse_id=hz,
                code=code,
                barcode=code,
                aisle=i,
                position=i + 2,
                level=1,
                y=float(3 * i),
            )
            s.add(loc)
            s.flush()
            s.add(
                Stock(location_id=loc.id, product_id=p.id, warehouse_id=hz, on_hand=20, reserved=0)
            )
            bins[sku] = code
        station = Station(name="HZ1-PICK-01", kind="pick", warehouse_id=hz)
        user = User(badge="U-0001", name="张敏", role="picker")
        s.add_all(
            [
                station,
                user,
                Tote(code="T-0001", warehouse_id=hz),
                Tote(code="T-0002", warehouse_id=hz),
            ]
        )
        s.flush()
        info = StationInfo(station.id, station.name, "pick", hz, "HZ1")
        who = UserInfo(user.id, user.badge, user.name, user.role)
    base = IncomingOrder(
        platform="taobao",
        order_no="m1",
        store="淘宝小店",
        lines=(
            IncomingLine("SKU-A", 2, Decimal("10.00"), "A"),
            IncomingLine("SKU-B", 1, Decimal("10.00"), "B"),
        ),
        recipient=ZJ,
        payment_status=PaymentStatus.PAID,
        source_file="t.csv",
        source_row=2,
    )
    import_orders(
        db,
        [
            base,
            replace(base, order_no="m2", lines=(IncomingLine("SKU-B", 2, Decimal("10.00"), "B"),)),
        ],
    )
    review_orders(db)
    assert allocate_orders(db).allocated == 2
    build_waves(db, WaveOptions("HZ1", cart_totes=1, today=date.today() + timedelta(days=2)))
    return Floor(db, info, who, bins)


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def floor(sqlite_db: Database) -> Floor:
    return _floor(sqlite_db)


@pytest.fixture
def screen(qtbot, floor: Floor, background: Background) -> PickScreen:
    feedback = Feedback(SoundPlayer(muted=True))
    ctx = StationContext(floor.db, background, floor.station, StationConfig(), feedback, floor.user)
    model = PickModel(ctx)
    widget = PickScreen(model, feedback)
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show()  # opening the screen claims the first task
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: model.view is not None and not model.busy, timeout=WAIT)
    return widget


def settle(qtbot, screen: PickScreen) -> None:
    qtbot.waitUntil(lambda: not screen.model.busy, timeout=WAIT)


def scan(qtbot, screen: PickScreen, text: str) -> None:
    screen.handle_scan(classify(text))
    settle(qtbot, screen)


def order_status(db: Database, no: str) -> str:
    with db.read() as s:
        return s.scalar(select(Order.status).where(Order.order_no == no))


def test_a_whole_cart_task_by_scans(qtbot, screen: PickScreen, floor: Floor) -> None:
    model, feedback = screen.model, screen.feedback
    view = model.view
    assert view.step == "location" and view.kind == "cart"
    font = screen.location_label.font()
    assert font.pointSizeF() >= 48 and font.bold()
    assert screen.location_label.text() == view.line.location
    assert screen.step_labels["location"].property("state") == "current"
    assert screen.title() == "Picking"
    first = view.line

    wrong = next(code for code in floor.bins.values() if code != first.location)
    scan(qtbot, screen, wrong)
    assert screen.banner.level == "bad" and feedback.sounds.played[-1] == "bad"
    assert wrong in screen.banner.text() and first.location in screen.banner.text()
    assert model.view == view  # nothing counted
    with floor.db.read() as s:
        assert not s.scalar(select(PickLine.location_ok).where(PickLine.id == first.line_id))

    scan(qtbot, screen, first.location)
    assert screen.banner.level == "good" and feedback.sounds.played[-1] == "good"
    assert screen.step_labels["location"].property("state") == "done"
    assert screen.step_labels["item"].property("state") == "current"
    for _ in range(first.qty):
        scan(qtbot, screen, unit(first.sku))
    assert model.view.step == "tote" and screen.take_label.text() == f"Put {first.qty}"
    assert "scan a free tote" in screen.put_label.text()
    scan(qtbot, screen, "T-0001")
    assert model.view.line.tote_code == "T-0001"

    # The rest in one burst, faster than the database answers: queued, in order.
    line = model.view.line
    burst = [line.location] + [unit(line.sku)] * line.qty + ["T-0001"]
    for text in burst:
        screen.handle_scan(classify(text))
    assert model.busy
    settle(qtbot, screen)
    assert model.view.step == "done" and screen.location_label.text() == "Done"
    assert screen.banner.level == "done" and feedback.sounds.played[-1] == "done"
    assert list(feedback.sounds.played)[-len(burst) :] == ["good"] * (len(burst) - 1) + ["done"]
    assert screen.task_bar.value() == screen.task_bar.maximum() == 3
    assert order_status(floor.db, "m1") == "picked"
    assert screen.next_button.isEnabled() and not screen.release_button.isEnabled()

    # NEXT by command barcode takes the second order's task.
    scan(qtbot, screen, "CMD:NEXT")
    assert model.view.task_id != view.task_id and model.view.step == "location"
    assert order_status(floor.db, "m2") == "picking"


def test_a_scan_before_the_right_step_is_refused_in_red(qtbot, screen: PickScreen) -> None:
    line = screen.model.view.line
    scan(qtbot, screen, "T-0002")
    assert screen.banner.level == "bad"
    assert screen.banner.text() == f"Scan the location {line.location} first"
    scan(qtbot, screen, "hello world")
    assert screen.banner.level == "bad" and "Could not read that code" in screen.banner.text()
    assert screen.model.view.line.picked_qty == 0


def test_quantity_entry_and_short_pick_by_command(qtbot, screen: PickScreen, floor: Floor) -> None:
    model = screen.model
    line = model.view.line
    scan(qtbot, screen, line.location)
    screen.open_quantity()
    assert screen.dialog is not None
    screen.dialog.spin.setValue(line.qty)
    scan(qtbot, screen, "CMD:CONFIRM")
    assert screen.dialog is None and model.quantity == line.qty
    code = unit(line.sku)
    scan(qtbot, screen, code)
    assert model.view.step == "tote" and model.quantity == 1
    scan(qtbot, screen, "T-0001")
    # The second line: report it short with SHORT, answer the dialog, CONFIRM.
    scan(qtbot, screen, model.view.line.location)
    short_line = model.view.line
    scan(qtbot, screen, "CMD:SHORT")
    assert screen.dialog is not None and screen.dialog.objectName() == "shortDialog"
    scan(qtbot, screen, "CMD:CANCEL")
    assert screen.dialog is None and model.view.line == short_line
    scan(qtbot, screen, "CMD:SHORT")
    screen.dialog.reason.setCurrentIndex(screen.dialog.reason.findData("damaged"))
    scan(qtbot, screen, "CMD:CONFIRM")
    # No other bin holds it: the order goes to a supervisor, and that was the last line.
    assert list(screen.feedback.sounds.played)[-2:] == ["warn", "done"]
    assert screen.banner.level == "done" and model.view.step == "done"
    with floor.db.read() as s:
        assert (
            s.scalar(select(PickLine.short_reason).where(PickLine.id == short_line.line_id))
            == "damaged"
        )


def test_release_gives_the_task_back(qtbot, screen: PickScreen, floor: Floor) -> None:
    task = screen.model.view.task_id
    qtbot.mouseClick(screen.release_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert screen.model.view is None and screen.location_label.text() == "—"
    scan(qtbot, screen, "HZ1-A01-03-1")
    assert screen.banner.level == "bad" and "Next task" in screen.banner.text()
    qtbot.mouseClick(screen.next_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert screen.model.view.task_id == task  # the oldest open task again
