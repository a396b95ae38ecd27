"""Whole shifts through the real station window, for the acceptance tests in tests/ui.

A small floor in a fresh migrated database (:func:`build_shift_floor`): one released
multi-item wave of a few orders on one pick-and-sort cart, free totes, cartons,
tracking pools, a picker, a packer and a supervisor. :func:`open_station` builds the
station exactly as ``wavedesk station`` does (``build_station_window`` with the
default screens, the station printer, a fake scale) and drives it only through a
scanner: a keyboard wedge (key presses through the real :class:`WedgeFilter` into a
line edit that has focus) or a serial scanner on a pseudo-terminal.

What to scan next is read from what the screen shows — the model's ``TaskView`` /
``PackView`` — as a person reads the screen; the unit barcode of the product shown
is looked up once, as a picker knows which label is on the item in their hand.
"""

from __future__ import annotations

import os
import subprocess
import tty
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Protocol

import pytest
import zxingcpp
from floorplan import build_floor, order
from packfloor import unit_barcode
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from app.db.engine import Database
from app.db.models import (
    Location,
    Order,
    PickLine,
    PrintJob,
    ProductBarcode,
    ScanRecord,
    Shipment,
    Tote,
    User,
)
from app.devices.scale import FakeScale
from app.devices.wedge import WedgeDetector
from app.services.allocation import allocate_orders
from app.services.audit import Actor
from app.services.intake.apply import import_orders
from app.services.packing import PackView, ensure_default_cartons
from app.services.picking import TaskView
from app.services.review import review_orders
from app.services.shipping import ensure_default_pools
from app.services.station.config import StationConfig
from app.services.station.machine_settings import scanner_port
from app.services.warehouse import add_totes
from app.services.waves import WaveOptions, build_waves
from printing.virtual_printer import VirtualPrinter
from ui.bridges.printer import SPOOLER, StationPrinter
from ui.bridges.scanner import SCAN_HUB, ScanHub, SerialScanSource, WedgeFilter
from ui.context import StationContext
from ui.i18n.language import switch_language
from ui.screens.packing import PackScreen
from ui.screens.picking import PickScreen
from ui.screens.print_jobs import PrintJobsScreen
from ui.shell.assembly import build_station_window, close_station
from ui.shell.window import StationWindow
from ui.widgets.feedback import Feedback, SoundPlayer

WAIT = 30_000  # ms; two slow shared cores: generous, never a measure of speed
PRINT_WAIT = 120_000  # a failed label waits up to a minute for its next try
PICKER, PACKER = "U-0201", "U-0301"
PICK_STATION, PACK_STATION = "HZ1-PICK-01", "HZ1-PACK-01"
SKUS = ("SKU-A", "SKU-B", "SKU-C", "SKU-D")
# Multi-item orders, all on one cart: product weights are 100 g × the SKU's letter.
ORDERS: dict[str, tuple[tuple[str, int], ...]] = {
    "o1": (("SKU-A", 2), ("SKU-B", 1)),
    "o2": (("SKU-A", 1), ("SKU-C", 2)),
    "o3": (("SKU-B", 1), ("SKU-D", 2)),
}
SCANNER_STEP_MS = 4.0  # a wedge scanner types a key every few milliseconds


# ------------------------------------------------------------------------ the floor


@dataclass
class ShiftFloor:
    db: Database  # the test's own connection, for setting up and checking only
    orders: dict[str, int]  # order number -> id
    supervisor: Actor  # 王芳, for cancelling orders from the office
    barcodes: dict[str, str]  # sku -> unit barcode (what is printed on each item)
    totes: list[str]  # free totes, in the order a picker takes them off the stack
    lines: dict[str, tuple[tuple[str, int], ...]]  # order number -> (sku, qty) lines
    locations: list[str]  # every bin of the warehouse

    @property
    def url(self) -> str:
        return self.db.url

    def status(self, no: str) -> str:
        with self.db.read() as s:
            return s.scalar(select(Order.status).where(Order.id == self.orders[no])) or ""

    def tracking(self, no: str) -> str | None:
        with self.db.read() as s:
            return s.scalar(
                select(Shipment.tracking_no).where(
                    Shipment.order_id == self.orders[no], Shipment.status != "voided"
                )
            )

    def tote_of(self, no: str) -> str | None:
        with self.db.read() as s:
            return s.scalar(select(Tote.code).where(Tote.order_id == self.orders[no]))

    def tote_status(self, code: str) -> str:
        with self.db.read() as s:
            return s.scalar(select(Tote.status).where(Tote.code == code)) or ""

    def picked_units(self) -> int:
        with self.db.read() as s:
            return int(s.scalar(select(func.coalesce(func.sum(PickLine.picked_qty), 0))) or 0)

    def scanned_units(self, task: str, order_id: int | None = None) -> int:
        """Units counted by accepted item scans (ScanRecord) of ``task``: ``pick`` (the
        item step; a tote scan records the units it put) or ``pack`` (verification)."""
        q = select(func.coalesce(func.sum(ScanRecord.qty), 0)).where(
            ScanRecord.task == task, ScanRecord.result == "ok", ScanRecord.product_id.is_not(None)
        )
        if task == "pick":
            q = q.where(ScanRecord.reason == "item_ok")
        if order_id is not None:
            q = q.where(ScanRecord.order_id == order_id)
        with self.db.read() as s:
            return int(s.scalar(q) or 0)

    def units(self, no: str) -> int:
        return sum(qty for _, qty in self.lines[no])

    def label_of(self, no: str) -> bytes:
        """The shipping label document queued when the order was packed."""
        with self.db.read() as s:
            docs = s.scalars(
                select(PrintJob.document).where(
                    PrintJob.order_id == self.orders[no], PrintJob.kind == "shipping"
                )
            ).all()
        assert len(docs) == 1, f"order {no} has {len(docs)} label jobs"
        return bytes(docs[0])

    def label_jobs(self) -> dict[str, tuple[bytes, str]]:
        """Tracking number -> (label document, job status) of every shipping label."""
        with self.db.read() as s:
            rows = s.execute(
                select(Shipment.tracking_no, PrintJob.document, PrintJob.status)
                .join(PrintJob, PrintJob.shipment_id == Shipment.id)
                .where(PrintJob.kind == "shipping")
            ).all()
        return {t: (bytes(d), st) for t, d, st in rows}


def build_shift_floor(
    db: Database, orders: dict[str, tuple[tuple[str, int], ...]] = ORDERS
) -> ShiftFloor:
    """Stock in Hangzhou, the orders imported, reviewed, allocated and waved into ONE
    released multi-item wave on one cart; free totes, cartons, tracking pools, people."""
    floor = build_floor(db, {("HZ1", sku): [30] for sku in SKUS})
    barcodes = {sku: unit_barcode(sku) for sku in SKUS}
    with db.unit_of_work() as s:
        for sku, code in barcodes.items():
            # floorplan's barcodes have no valid check digit: no scanner reads them as EANs
            s.execute(
                update(ProductBarcode)
                .where(ProductBarcode.product_id == floor.products[sku])
                .values(barcode=code)
            )
        s.add_all(
            [
                User(badge=PICKER, name="陈刚", role="picker"),
                User(badge=PACKER, name="周丽", role="packer"),
            ]
        )
        sup = s.scalar(select(User.id).where(User.badge == "SUP-1"))
    assert sup is not None
    ensure_default_cartons(db)
    ensure_default_pools(db)
    totes = add_totes(db, "HZ1", 8)
    import_orders(db, [order(no, *lines) for no, lines in orders.items()])
    assert review_orders(db).held == 0
    assert allocate_orders(db).allocated == len(orders)
    result = build_waves(
        db, WaveOptions("HZ1", cart_totes=8, today=date.today() + timedelta(days=2))
    )
    assert [(w.kind, len(w.tasks)) for w in result.waves] == [("multi", 1)], result.waves
    with db.read() as s:
        ids = {no: oid for no, oid in s.execute(select(Order.order_no, Order.id))}
        bins = list(
            s.scalars(
                select(Location.code)
                .where(Location.warehouse_id == floor.hz)
                .order_by(Location.code)
            )
        )
    return ShiftFloor(db, ids, Actor(sup, None), barcodes, totes, dict(orders), bins)


@pytest.fixture
def floor(sqlite_db: Database) -> ShiftFloor:
    """The shift floor with its default orders on SQLite (a test with other orders
    defines its own ``floor``)."""
    return build_shift_floor(sqlite_db)


# ------------------------------------------------------------------------ scanners


class ScanInput(Protocol):
    def send(self, code: str) -> None: ...

    def close(self) -> None: ...


class FakeClock:
    """Milliseconds that move on a scanner's key interval at every look: key bursts
    are bursts however slowly the test machine runs."""

    def __init__(self, step_ms: float = SCANNER_STEP_MS) -> None:
        self.now = 1_000.0
        self.step_ms = step_ms

    def __call__(self) -> float:
        self.now += self.step_ms
        return self.now


class WedgeKeys:
    """A keyboard-wedge scanner: every code typed as key presses (then Enter) into
    ``target``, a line edit that has the focus, through the real WedgeFilter."""

    def __init__(self, hub: ScanHub, target: QLineEdit) -> None:
        self.target = target
        self.clock = FakeClock()
        self.filter = WedgeFilter(hub, WedgeDetector(), clock=self.clock)
        self.filter.install()

    def send(self, code: str) -> None:
        self.target.setFocus()
        assert QApplication.focusWidget() is self.target, "the text field does not have the focus"
        QTest.keyClicks(self.target, code)
        QTest.keyClick(self.target, Qt.Key.Key_Return)

    def close(self) -> None:
        self.filter.uninstall()


class Pty:
    """A pseudo-terminal pair standing in for a serial scanner's cable: the station
    reads the slave (``device``), the scanner writes to the master."""

    def __init__(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        self.device = os.ttyname(self.slave)

    @property
    def uri(self) -> str:
        return f"serial://{self.device}?baudrate=9600"

    def close(self) -> None:
        for fd in (self.master, self.slave):
            try:
                os.close(fd)
            except OSError:
                pass


class SerialScanner:
    """A serial scanner: the station's SerialScanSource on the port its settings name
    (as ``wavedesk station --scanner serial://…`` opens it); ``CODE\\r\\n`` per scan."""

    def __init__(
        self, hub: ScanHub, config: StationConfig, ctx: StationContext, parent: QWidget, pty: Pty
    ) -> None:
        port = scanner_port(config.scanner)
        assert port is not None, config.scanner
        self.pty = pty
        self.source = SerialScanSource(hub, port[0], port[1], parent=parent, poll_s=0.05)
        self.source.error.connect(ctx.feedback.warn)
        self.source.start()
        assert self.source.scanner.wait_connected(10), f"the scanner port {port[0]} did not open"

    def send(self, code: str) -> None:
        os.write(self.pty.master, f"{code}\r\n".encode())

    def close(self) -> None:
        self.source.stop()
        self.pty.close()


# ------------------------------------------------------------------------ the station


@dataclass
class Station:
    """One station window on the floor, driven through its scanner."""

    qtbot: QtBot
    window: StationWindow
    ctx: StationContext
    hub: ScanHub
    scale: FakeScale
    note: QLineEdit  # a text field with the focus; scans must never land in it
    scanner: ScanInput | None = None
    raws: list[str] = field(default_factory=list)
    closed: bool = False

    # -- what is on the screen ------------------------------------------------------

    @property
    def feedback(self) -> Feedback:
        return self.ctx.feedback

    @property
    def sounds(self) -> list[str]:
        return list(self.feedback.sounds.played)

    @property
    def pick(self) -> PickScreen:
        screen = self.window.screen("pick")
        assert isinstance(screen, PickScreen), self.window.screen_keys()
        return screen

    @property
    def pack(self) -> PackScreen:
        screen = self.window.screen("pack")
        assert isinstance(screen, PackScreen), self.window.screen_keys()
        return screen

    @property
    def print_jobs(self) -> PrintJobsScreen:
        screen = self.window.screen("print_jobs")
        assert isinstance(screen, PrintJobsScreen), self.window.screen_keys()
        return screen

    @property
    def task(self) -> TaskView:
        view = self.pick.model.view
        assert view is not None, "the pick screen shows no task"
        return view

    @property
    def order(self) -> PackView:
        view = self.pack.model.view
        assert view is not None, "the pack screen shows no order"
        return view

    @property
    def printer(self) -> StationPrinter:
        printer = self.ctx.extras[SPOOLER]
        assert isinstance(printer, StationPrinter)
        return printer

    # -- doing ----------------------------------------------------------------------

    def scan(self, code: str) -> None:
        """Scan ``code`` and wait until the station has answered it."""
        assert self.scanner is not None
        seen = len(self.raws)
        self.scanner.send(code)
        self.qtbot.waitUntil(lambda: len(self.raws) > seen, timeout=WAIT)
        assert self.raws[seen:] == [code], f"the hub got {self.raws[seen:]} for {code}"
        self.settle()
        assert self.note.text() == "", f"scan keys landed in a text field: {self.note.text()!r}"

    def scan_and_crash(self, code: str) -> None:
        """Scan ``code`` and crash at once, while it is on its way to the database: it
        is recorded or lost, never counted twice."""
        assert self.scanner is not None
        seen = len(self.raws)
        self.scanner.send(code)
        self.qtbot.waitUntil(lambda: len(self.raws) > seen, timeout=WAIT)
        self.crash()

    def scan_burst(self, codes: list[str]) -> None:
        """Scan ``codes`` one right after the other, faster than the database answers;
        then wait until the station has answered them all."""
        assert self.scanner is not None
        seen = len(self.raws)
        for code in codes:
            self.scanner.send(code)
        self.qtbot.waitUntil(lambda: len(self.raws) >= seen + len(codes), timeout=WAIT)
        assert self.raws[seen:] == codes
        self.settle()

    def settle(self) -> None:
        """Wait until no operation of the screen in front is queued or running."""

        def quiet() -> bool:
            if self.ctx.background.pending:
                return False
            screen = self.window.current_screen()
            model = getattr(screen, "model", None)
            return not getattr(model, "busy", False)

        self.qtbot.waitUntil(quiet, timeout=WAIT)

    def sign_in(self, badge: str) -> None:
        with self.qtbot.waitSignal(self.window.signed_in, timeout=WAIT):
            self.scan(badge)
        self.settle()
        assert self.ctx.user is not None and self.ctx.user.badge == badge

    def sign_out(self) -> None:
        with self.qtbot.waitSignal(self.window.signed_out, timeout=WAIT):
            self.scan("CMD:LOGOUT")
        self.settle()
        assert self.ctx.user is None and self.window.tabs.count() == 0

    def wait_task(self) -> TaskView:
        """The pick screen opened: wait until it shows the task it resumed or claimed."""
        self.qtbot.waitUntil(
            lambda: self.pick.model.view is not None and not self.pick.model.busy, timeout=WAIT
        )
        return self.task

    def crash(self) -> None:
        """Gone without signing out: the window and its database connection dropped."""
        self.close(sign_out=False)

    def close(self, sign_out: bool = True) -> None:
        if self.closed:
            return
        self.closed = True
        if self.scanner is not None:
            self.scanner.close()
        if sign_out and self.ctx.user is not None:
            self.window.sign_out()
            self.qtbot.waitUntil(lambda: self.ctx.background.pending == 0, timeout=WAIT)
        close_station(self.window, self.ctx)
        # A closed window is only hidden: a station that crashed signed in keeps its
        # screens' refresh timers ticking into the next test unless it goes for good.
        self.window.deleteLater()


def open_station(
    qtbot: QtBot,
    db_url: str,
    name: str,
    *,
    printer: str = "",
    label_format: str = "pdf",
    serial: Pty | None = None,
) -> Station:
    """The real station window for ``name`` on ``db_url``, registered and showing the
    sign-in screen. Scans come from a keyboard wedge, or from a serial scanner on
    ``serial`` when given."""
    config = StationConfig(
        db=db_url,
        station=name,
        scale="fake",
        printer=printer,
        label_format=label_format,
        label_size="100x150",
        lang="en",
        scanner=serial.uri if serial is not None else "wedge",
    )
    scale = FakeScale()
    window, ctx = build_station_window(
        config,
        scale=scale,
        feedback=Feedback(SoundPlayer(muted=True)),
        heartbeat_ms=None,
        live=False,
    )
    hub = ctx.extras[SCAN_HUB]
    assert isinstance(hub, ScanHub)
    note = QLineEdit()
    note.setObjectName("shiftNote")
    window.statusBar().addPermanentWidget(note)  # somewhere to type: scans must pass it by
    station = Station(qtbot, window, ctx, hub, scale, note)
    hub.raw_scanned.connect(station.raws.append)
    window.resize(1280, 860)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    if serial is None:
        station.scanner = WedgeKeys(hub, note)
    else:
        station.scanner = SerialScanner(hub, config, ctx, window, serial)
    window.start()
    qtbot.waitUntil(lambda: window.ready, timeout=WAIT)
    note.setFocus()
    return station


@dataclass
class Stations:
    """Closes every station a test opened, even when the test fails."""

    opened: list[Station] = field(default_factory=list)

    def add(self, station: Station) -> Station:
        self.opened.append(station)
        return station

    def close_all(self) -> None:
        for station in reversed(self.opened):
            station.close(sign_out=False)


@pytest.fixture
def stations(qtbot: QtBot) -> Iterator[Stations]:
    """English screens, and every station the test opened closed after it."""
    switch_language("en")
    keep = Stations()
    try:
        yield keep
    finally:
        keep.close_all()


# ------------------------------------------------------------------------ a careful picker


def next_pick_code(station: Station, floor: ShiftFloor, free_totes: list[str]) -> str:
    """What the pick screen asks for now: the location shown, the item shown (one unit
    per scan), the tote bound to the slot or the next free tote off the stack."""
    view = station.task
    line = view.line
    assert line is not None, f"task {view.label} has no line at step {view.step}"
    if view.step == "location":
        assert station.pick.location_label.text() == line.location  # read off the screen
        return line.location
    if view.step == "item":
        assert station.pick.sku_label.text() == line.sku
        return floor.barcodes[line.sku]
    if view.step == "tote":
        if line.tote_code:
            return line.tote_code
        assert "scan a free tote" in station.pick.put_label.text()
        return free_totes.pop(0)
    raise AssertionError(f"nothing to scan at step {view.step}")


def pick_step(station: Station, floor: ShiftFloor, free_totes: list[str]) -> None:
    station.scan(next_pick_code(station, floor, free_totes))


def pick_until(
    station: Station,
    floor: ShiftFloor,
    free_totes: list[str],
    stop: Callable[[TaskView], bool] = lambda v: v.step == "done",
) -> TaskView:
    for _ in range(500):
        view = station.task
        if stop(view):
            return view
        before = (view.task_version, view.step, view.line)
        pick_step(station, floor, free_totes)
        after = station.task
        assert station.feedback.level.value in ("good", "done"), station.feedback.text
        assert (after.task_version, after.step, after.line) != before, "a good scan changed nothing"
    raise AssertionError("the task never ended")


def pick_the_wave(qtbot: QtBot, stations: Stations, floor: ShiftFloor) -> dict[str, str]:
    """A picker's part of the shift at the pick station: sign in, pick the whole wave
    into free totes, sign out. Returns the tote each order went into."""
    picker = stations.add(open_station(qtbot, floor.url, PICK_STATION))
    picker.sign_in(PICKER)
    picker.wait_task()
    done = pick_until(picker, floor, list(floor.totes))
    assert done.step == "done"
    picker.sign_out()
    picker.close()
    totes = {no: floor.tote_of(no) for no in floor.orders}
    assert all(totes.values()) and {floor.status(no) for no in floor.orders} == {"picked"}
    return {no: code for no, code in totes.items() if code is not None}


# ------------------------------------------------------------------------ a careful packer


def verify_all(station: Station, floor: ShiftFloor) -> PackView:
    """Scan every unit still to verify, one scan per unit, as the lines table lists them."""
    for _ in range(200):
        view = station.order
        left = [ln for ln in view.lines if ln.remaining]
        if not left:
            return view
        before = view.units_scanned
        station.scan(floor.barcodes[left[0].sku])
        assert station.order.units_scanned == before + 1, station.feedback.text
    raise AssertionError("the order was never complete")


def weigh_and_complete(station: Station, *, confirm_by_scan: bool = True) -> str:
    """Put the parcel on the scale at what it should weigh, weigh, complete; returns the
    tracking number the screen shows."""
    view = station.order
    assert view.complete and view.expected_weight_g is not None
    assert station.window.scale_spin is not None
    station.window.scale_spin.setValue(view.expected_weight_g)  # the header's virtual scale
    assert station.scale.read_now().weight_g == view.expected_weight_g
    station.pack.weigh_button.click()
    station.settle()
    weighing = station.pack.model.weighing
    assert weighing is not None and weighing.ok, station.feedback.text
    before = station.pack.model.last_result
    if confirm_by_scan:
        station.scan("CMD:CONFIRM")
    else:
        station.pack.complete_button.click()
        station.settle()
    result = station.pack.model.last_result
    assert result is not None and result is not before, station.feedback.text
    assert station.order.status == "packed"
    assert station.pack.tracking_label.text() == f"Tracking {result.tracking_no}"
    return result.tracking_no


# ------------------------------------------------------------------------ labels


def pdf_code128(document: bytes, where: Path) -> list[str]:
    """The Code 128 texts on a PDF label as poppler draws it at 300 dpi."""
    where.mkdir(parents=True, exist_ok=True)
    source = where / "label.pdf"
    source.write_bytes(document)
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(source), str(where / "page")], check=True)
    pages = sorted(where.glob("page*.png"))
    assert pages, "pdftoppm drew no page"
    found = zxingcpp.read_barcodes(Image.open(pages[0]).convert("L"))
    return [b.text for b in found if b.format == zxingcpp.BarcodeFormat.Code128]


@pytest.fixture
def printer(tmp_path: Path) -> Iterator[VirtualPrinter]:
    """A label printer on a real socket on 127.0.0.1, stopped after the test."""
    vp = VirtualPrinter(tmp_path / "printer", "127.0.0.1", 0).start()
    yield vp
    vp.stop()
