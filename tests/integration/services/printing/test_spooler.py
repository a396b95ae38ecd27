"""The spooler against a real TCP printer (VirtualPrinter) and a real database:
labels print, a printer that is off delays them, and nothing is lost or doubled."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from clocks import ShiftedClock
from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import make_url

from app.db.engine import Database
from app.db.models import Event, PrintJob, Station
from app.services.audit import Actor
from app.services.printing import Spooler, enqueue
from app.services.printing.jobs import BACKOFF_S
from printing.label import SIZE_100X150, Recipient, Sender, ShippingLabel
from printing.transports import Transport, open_transport
from printing.virtual_printer import VirtualPrinter
from printing.zpl import render_zpl

T = TypeVar("T")
WAIT_S = 30.0


def wait_until(what: str, probe: Callable[[], T], timeout_s: float = WAIT_S) -> T:
    """Poll ``probe`` until it gives something true; fail after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def waybill_zpl(tracking: str) -> bytes:
    label = ShippingLabel(
        carrier_code="ZTO",
        tracking_no=tracking,
        sender=Sender("杭州好物旗舰店", "0571-88886666", ("浙江省杭州市余杭区良睦路 1399 号",)),
        recipient=Recipient(
            "李四", "13900139000", "广东省", "深圳市", "南山区", "科技园路 1号", "518057"
        ),
        order_no="TB-SPOOL-1",
        items_summary="2 件: 保温杯×2",
        printed_at=datetime(2024, 5, 1, 9, 30),
    )
    return render_zpl(label, SIZE_100X150).encode()


@pytest.fixture
def station(db: Database) -> int:
    with db.unit_of_work() as s:
        st = Station(name="PACK-SPOOL", kind="pack")
        s.add(st)
        s.flush()
        return st.id


@pytest.fixture
def printer(tmp_path: Path) -> Iterator[VirtualPrinter]:
    p = VirtualPrinter(tmp_path / "printer").start()
    yield p
    p.stop()


@pytest.fixture
def changes() -> list[float]:
    return []


@pytest.fixture
def clock() -> ShiftedClock:
    return ShiftedClock()


@pytest.fixture
def spooler(
    db: Database, station: int, changes: list[float], clock: ShiftedClock
) -> Iterator[Spooler]:
    sp = Spooler(
        db, station, on_change=lambda: changes.append(time.monotonic()), poll_s=0.1, clock=clock
    ).start()
    yield sp
    assert sp.stop(30)


def queue(db: Database, station: int, printer: str, document: bytes) -> int:
    with db.unit_of_work() as s:
        return enqueue(s, printer=printer, fmt="zpl", document=document, actor=Actor(None, station))


def row(db: Database, job_id: int) -> PrintJob:
    with db.read() as s:
        found = s.get(PrintJob, job_id)
        assert found is not None
        return found


def status_is(db: Database, job_id: int, status: str) -> Callable[[], PrintJob | None]:
    def probe() -> PrintJob | None:
        r = row(db, job_id)
        return r if r.status == status else None

    return probe


def test_a_queued_label_reaches_the_printer_byte_for_byte(
    db: Database, station: int, printer: VirtualPrinter, spooler: Spooler, changes: list[float]
) -> None:
    document = waybill_zpl("ZT7700112233445")
    job_id = queue(db, station, printer.uri, document)
    spooler.wake()
    sent = wait_until("the job to be sent", status_is(db, job_id, "sent"))
    assert printer.jobs == [document]
    assert printer.files[0].read_bytes() == document
    assert (sent.attempts, sent.last_error) == (0, "")
    assert sent.sent_at is not None
    # on_change follows the commit that the probe above saw.
    wait_until("on_change to be called", lambda: changes)
    assert changes, "on_change was called"
    with db.read() as s:
        kinds = s.scalars(
            select(Event.kind).where(Event.entity_id == str(job_id), Event.entity == "print_job")
        )
        assert list(kinds) == ["print.queued", "print.sent"]
    wait_until("the pending count to settle", lambda: spooler.pending() == 0 or None)


def test_printer_off_then_on_prints_the_job_exactly_once(
    db: Database, station: int, printer: VirtualPrinter, spooler: Spooler, clock: ShiftedClock
) -> None:
    printer.stop()  # switched off; its port stays its own
    first = waybill_zpl("ZT7700000000001")
    second = waybill_zpl("ZT7700000000002")
    a = queue(db, station, printer.uri, first)
    b = queue(db, station, printer.uri, second)
    spooler.wake()
    failed = wait_until("the job to fail", status_is(db, a, "failed"))
    assert failed.attempts >= 1
    assert (
        failed.last_error
        == f"printer {printer.host}:{printer.port} does not answer: connection refused"
    )
    assert failed.next_try_at is not None
    assert row(db, b).status in ("queued", "failed")  # held back behind the first
    wait_until("pending to count both", lambda: spooler.pending() == 2)

    printer.start()
    clock.advance(BACKOFF_S[-1])  # past the first job's next try, whichever it is
    wait_until("the first job to be sent", status_is(db, a, "sent"))
    wait_until("the second job to be sent", status_is(db, b, "sent"))
    assert spooler.wait_rounds(3, WAIT_S)  # more rounds: nothing is sent again
    assert printer.jobs == [first, second]  # each once, in the order queued
    assert spooler.pending() == 0


def test_a_database_outage_after_printing_loses_nothing_and_prints_once(
    db: Database, station: int, printer: VirtualPrinter
) -> None:
    document = waybill_zpl("ZT7700000000099")
    with outage_switch(db) as (spool_db, outage):

        class CutAfterPrinting:
            """The real TCP transport; the database goes away the moment the printer
            has the label, before the spooler can record it."""

            def __init__(self, uri: str) -> None:
                self.inner = open_transport(uri)

            def describe(self) -> str:
                return self.inner.describe()

            def send(self, document: bytes, *, name: str) -> None:
                self.inner.send(document, name=name)
                outage.begin()

        transport_for: Callable[[str], Transport] = CutAfterPrinting
        sp = Spooler(spool_db, station, transport_for, poll_s=0.1, db_retry_s=(0.01, 0.02)).start()
        try:
            job_id = queue(db, station, printer.uri, document)
            sp.wake()
            assert printer.wait_for(1, WAIT_S)
            wait_until("the spooler to notice the outage", lambda: sp.db_error)
            assert sp.unrecorded == (job_id,)
            assert sp.wait_rounds(3, WAIT_S)  # keeps trying, keeps running
            assert sp.running
            assert outage.status_of(job_id) == "queued"  # the row waits; nothing lost
            assert printer.jobs == [document]  # and nothing printed twice meanwhile

            outage.end()
            sent = wait_until("the job to be recorded as sent", status_is(db, job_id, "sent"))
            assert (sent.attempts, sent.last_error) == (0, "")
            wait_until("the spooler to see the database again", lambda: sp.db_error is None)
            assert sp.unrecorded == ()
            assert sp.wait_rounds(2, WAIT_S)
            assert printer.jobs == [document]
        finally:
            outage.end()
            assert sp.stop(30)
            spool_db.dispose()


def test_a_broken_transport_fails_its_job_and_the_spooler_carries_on(
    db: Database, station: int, printer: VirtualPrinter, tmp_path: Path
) -> None:
    folder = tmp_path / "spool"

    def transport_for(uri: str) -> Transport:
        if uri.startswith("dir:"):
            raise RuntimeError("driver crashed")
        return open_transport(uri)

    sp = Spooler(db, station, transport_for, poll_s=0.1).start()
    try:
        broken = queue(db, station, f"dir://{folder}", b"^XA^FDx^FS^XZ")
        fine = queue(db, station, printer.uri, waybill_zpl("ZT7700000000003"))
        sp.wake()
        failed = wait_until("the broken job to fail", status_is(db, broken, "failed"))
        assert failed.last_error == "unexpected error while printing: RuntimeError: driver crashed"
        wait_until("the other printer's job to be sent", status_is(db, fine, "sent"))
        assert sp.running
    finally:
        assert sp.stop(30)


def test_a_folder_printer_gets_a_named_file(
    db: Database, station: int, spooler: Spooler, tmp_path: Path
) -> None:
    folder = tmp_path / "labels"
    job_id = queue(db, station, f"dir://{folder}", b"^XA^FDfolder^FS^XZ\n")
    spooler.wake()
    wait_until("the job to be sent", status_is(db, job_id, "sent"))
    assert (folder / f"{job_id:06d}-shipping.zpl").read_bytes() == b"^XA^FDfolder^FS^XZ\n"


def test_stop_ends_the_thread_and_start_is_idempotent(db: Database, station: int) -> None:
    sp = Spooler(db, station, poll_s=5.0)
    assert sp.stop(1)  # never started
    sp = Spooler(db, station, poll_s=5.0).start()
    assert sp.start() is sp
    # since=0: the first round counts even if it ended before the call (no 5 s wait
    # for the second).
    assert sp.wait_rounds(1, WAIT_S, since=0)
    assert sp.stop(10)  # wakes from its 5 s sleep
    assert not sp.running


# ------------------------------------------------------------------------ outages


class _Outage:
    """Makes the database refuse the spooler's writes while the test's reads work:
    an exclusive lock held by another connection, against a spooler connection that
    waits only a moment for locks."""

    def __init__(
        self, begin: Callable[[], None], end: Callable[[], None], peek: Callable[[int], str]
    ) -> None:
        self._begin, self._end = begin, end
        self.status_of = peek  # a job's status, read inside the lock holder's transaction
        self.active = False

    def begin(self) -> None:
        if not self.active:
            self._begin()
            self.active = True

    def end(self) -> None:
        if self.active:
            self._end()
            self.active = False


@contextmanager
def outage_switch(db: Database) -> Iterator[tuple[Database, _Outage]]:
    if db.dialect == "sqlite":
        spool_db = Database(db.url)

        @event.listens_for(spool_db.engine, "connect")
        def _impatient(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.execute("PRAGMA busy_timeout=100")

        path = make_url(db.url).database
        assert path
        blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        outage = _Outage(
            lambda: blocker.execute("BEGIN EXCLUSIVE"),
            lambda: blocker.execute("ROLLBACK"),
            lambda job_id: blocker.execute(
                "SELECT status FROM print_jobs WHERE id = ?", (job_id,)
            ).fetchone()[0],
        )
        try:
            yield spool_db, outage
        finally:
            outage.end()
            blocker.close()
        return
    spool_db = Database(
        db.url,
        connect_args={"options": "-c lock_timeout=100 -c plan_cache_mode=force_custom_plan"},
    )
    engine = create_engine(db.url)
    conn = engine.connect()

    def begin() -> None:
        conn.begin()
        # EXCLUSIVE lets plain reads through but no row lock or write.
        conn.execute(text("LOCK TABLE print_jobs IN EXCLUSIVE MODE"))

    outage = _Outage(
        begin,
        lambda: conn.rollback(),
        lambda job_id: conn.execute(
            text("SELECT status FROM print_jobs WHERE id = :i"), {"i": job_id}
        ).scalar_one(),
    )
    try:
        yield spool_db, outage
    finally:
        outage.end()
        conn.close()
        engine.dispose()
