"""Print jobs as rows: queue in the caller's transaction, backoff, order per printer,
retry, cancel, reprint, listing — on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from floorplan import Floor, order
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Event, Order, PrintJob, Station, User
from app.domain.floor_errors import FloorError
from app.services.audit import Actor
from app.services.intake.apply import import_orders
from app.services.printing import enqueue
from app.services.printing.jobs import (
    BACKOFF_S,
    backoff,
    cancel,
    counts,
    document_of,
    due_jobs,
    list_jobs,
    mark_failed,
    mark_sent,
    reprint,
    retry_now,
)
from printing.label import SIZE_100X150, Recipient, Sender, ShippingLabel
from printing.zpl import render_zpl

PRINTER_A = "tcp://10.0.0.7:9100"
PRINTER_B = "dir:///var/spool/labels"
T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


@dataclass
class Desk:
    db: Database
    station: int
    other_station: int
    actor: Actor
    order_id: int


@pytest.fixture
def desk(floor: Floor) -> Desk:
    db = floor.db
    import_orders(db, [order("TB-PRINT-1", ("SKU-A", 1))])
    with db.unit_of_work() as s:
        pack = Station(name="PACK-01", kind="pack", warehouse_id=floor.hz)
        other = Station(name="PACK-02", kind="pack", warehouse_id=floor.hz)
        s.add_all([pack, other])
        s.flush()
        user = s.scalar(select(User.id).where(User.badge == "SUP-1"))
        order_id = s.scalar(select(Order.id).where(Order.order_no == "TB-PRINT-1"))
        assert user is not None and order_id is not None
        return Desk(db, pack.id, other.id, Actor(user, pack.id), order_id)


def waybill_zpl(tracking: str = "SF1234567890123") -> bytes:
    label = ShippingLabel(
        carrier_code="SF",
        tracking_no=tracking,
        sender=Sender("杭州好物旗舰店", "0571-88886666", ("浙江省杭州市余杭区良睦路 1399 号",)),
        recipient=Recipient(
            "张三", "13800138000", "浙江省", "杭州市", "西湖区", "文三路 478号", "310013"
        ),
        order_no="TB-PRINT-1",
        items_summary="1 件: Product A×1",
        printed_at=datetime(2024, 5, 1, 9, 30),
        weight_g=250,
    )
    return render_zpl(label, SIZE_100X150).encode()


def queue(desk: Desk, printer: str = PRINTER_A, document: bytes | None = None, **kw: object) -> int:
    with desk.db.unit_of_work() as s:
        return enqueue(
            s,
            printer=printer,
            fmt=str(kw.pop("fmt", "zpl")),
            document=document or waybill_zpl(),
            actor=kw.pop("actor", desk.actor),
            **kw,  # type: ignore[arg-type]
        )


def job(db: Database, job_id: int) -> PrintJob:
    with db.read() as s:
        row = s.get(PrintJob, job_id)
        assert row is not None
        return row


def events(db: Database, job_id: int) -> list[Event]:
    with db.read() as s:
        return list(
            s.scalars(
                select(Event)
                .where(Event.entity == "print_job", Event.entity_id == str(job_id))
                .order_by(Event.seq)
            )
        )


# ------------------------------------------------------------------------ enqueue


def test_enqueue_writes_the_job_and_its_event_in_the_callers_transaction(desk: Desk) -> None:
    document = waybill_zpl()
    with desk.db.unit_of_work() as s:
        job_id = enqueue(
            s,
            printer=PRINTER_A,
            fmt="zpl",
            document=document,
            order_id=desk.order_id,
            actor=desk.actor,
        )
        # the caller's own change, in the same transaction
        s.get(Order, desk.order_id).remark = "packed"  # type: ignore[union-attr]
    row = job(desk.db, job_id)
    assert (row.status, row.attempts, row.station_id, row.created_by) == (
        "queued",
        0,
        desk.station,
        desk.actor.user_id,
    )
    assert (row.printer, row.format, row.kind, row.order_id) == (
        PRINTER_A,
        "zpl",
        "shipping",
        desk.order_id,
    )
    assert row.document == document
    [ev] = events(desk.db, job_id)
    assert (ev.kind, ev.user_id, ev.station_id) == (
        "print.queued",
        desk.actor.user_id,
        desk.station,
    )
    assert ev.payload["printer"] == PRINTER_A and ev.payload["bytes"] == len(document)


def test_a_rolled_back_caller_leaves_no_job(desk: Desk) -> None:
    with pytest.raises(RuntimeError), desk.db.unit_of_work() as s:
        enqueue(s, printer=PRINTER_A, fmt="zpl", document=waybill_zpl(), actor=desk.actor)
        raise RuntimeError("packing failed after the label was queued")
    with desk.db.read() as s:
        assert s.scalars(select(PrintJob)).all() == []
        assert s.scalars(select(Event).where(Event.entity == "print_job")).all() == []


@pytest.mark.parametrize(
    ("changes", "code", "words"),
    [
        ({"fmt": "png"}, "print_format_unknown", "ZPL or PDF, not 'png'"),
        ({"document": b""}, "print_document_empty", "the label to print is empty"),
        ({"printer": "10.0.0.7"}, "printer_address_invalid", "is not usable"),
        ({"printer": ""}, "printer_address_invalid", "is not usable"),
        ({"kind": "poster"}, "print_kind_unknown", "'poster' is not a kind of label"),
    ],
)
def test_enqueue_refuses_bad_input_with_a_sentence(
    desk: Desk, changes: dict[str, object], code: str, words: str
) -> None:
    args: dict[str, object] = {
        "printer": PRINTER_A,
        "fmt": "zpl",
        "document": b"^XA^XZ",
        "actor": desk.actor,
    }
    args.update(changes)
    with pytest.raises(FloorError) as caught, desk.db.unit_of_work() as s:
        enqueue(s, **args)  # type: ignore[arg-type]
    assert caught.value.code == code
    assert words in caught.value.message
    with desk.db.read() as s:
        assert s.scalars(select(PrintJob)).all() == []


# ------------------------------------------------------------------------ sending


def test_failures_back_off_and_the_job_is_never_dropped(desk: Desk) -> None:
    job_id = queue(desk)
    now = T0
    waits = []
    for attempt in range(1, 8):
        assert [j.id for j in due_jobs(desk.db, desk.station, now)] == [job_id]
        next_try = mark_failed(
            desk.db, job_id, f"printer 10.0.0.7:9100 does not answer: try {attempt}", now
        )
        assert next_try is not None
        waits.append(int((next_try - now).total_seconds()))
        assert due_jobs(desk.db, desk.station, next_try - timedelta(milliseconds=1)) == []
        now = next_try
    assert waits == [2, 5, 10, 30, 60, 60, 60]
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4, 5, 99)] == [2, 5, 10, 30, 60, 60]
    assert BACKOFF_S == (2, 5, 10, 30, 60)
    row = job(desk.db, job_id)
    assert (row.status, row.attempts) == ("failed", 7)
    assert row.last_error == "printer 10.0.0.7:9100 does not answer: try 7"
    assert row.next_try_at == now
    kinds = [e.kind for e in events(desk.db, job_id)]
    assert kinds == ["print.queued"] + ["print.failed"] * 7


def test_sent_jobs_are_no_longer_due(desk: Desk) -> None:
    job_id = queue(desk)
    [due] = due_jobs(desk.db, desk.station, T0)
    assert due.document == waybill_zpl() and due.file_name == f"{job_id:06d}-shipping.zpl"
    assert mark_sent(desk.db, job_id, T0) is True
    assert mark_sent(desk.db, job_id, T0) is False  # already recorded: no second event
    row = job(desk.db, job_id)
    assert (row.status, row.sent_at) == ("sent", T0)
    assert due_jobs(desk.db, desk.station, T0 + timedelta(days=1)) == []
    assert [e.kind for e in events(desk.db, job_id)] == ["print.queued", "print.sent"]


def test_a_printer_that_waits_holds_back_its_later_jobs_only(desk: Desk) -> None:
    first = queue(desk, PRINTER_A)
    mark_failed(desk.db, first, "printer off", T0)
    second = queue(desk, PRINTER_A)
    other = queue(desk, PRINTER_B)
    assert [j.id for j in due_jobs(desk.db, desk.station, T0)] == [other]
    later = T0 + timedelta(seconds=2)
    assert [j.id for j in due_jobs(desk.db, desk.station, later)] == [first, second, other]
    assert [j.id for j in due_jobs(desk.db, desk.station, later, limit=2)] == [first, second]


def test_jobs_belong_to_their_station(desk: Desk) -> None:
    mine = queue(desk)
    theirs = queue(desk, actor=Actor(desk.actor.user_id, desk.other_station))
    assert [j.id for j in due_jobs(desk.db, desk.station, T0)] == [mine]
    assert [j.id for j in due_jobs(desk.db, desk.other_station, T0)] == [theirs]
    assert [r.id for r in list_jobs(desk.db, desk.station)] == [mine]
    assert counts(desk.db, desk.other_station) == {
        "queued": 1,
        "sent": 0,
        "failed": 0,
        "cancelled": 0,
    }


# ------------------------------------------------------------------------ people


def test_retry_now_makes_a_failed_job_due_at_once(desk: Desk) -> None:
    job_id = queue(desk)
    mark_failed(desk.db, job_id, "printer off", T0)
    assert due_jobs(desk.db, desk.station, T0) == []
    retry_now(desk.db, job_id, desk.actor)
    row = job(desk.db, job_id)
    assert (row.status, row.next_try_at, row.attempts, row.last_error) == (
        "queued",
        None,
        1,
        "printer off",
    )
    assert [j.id for j in due_jobs(desk.db, desk.station, T0)] == [job_id]
    ev = events(desk.db, job_id)[-1]
    assert (ev.kind, ev.user_id, ev.payload["from"]) == (
        "print.retry",
        desk.actor.user_id,
        "failed",
    )


def test_sent_and_cancelled_jobs_cannot_be_retried_or_cancelled(desk: Desk) -> None:
    sent = queue(desk)
    mark_sent(desk.db, sent, T0)
    with pytest.raises(FloorError) as caught:
        retry_now(desk.db, sent, desk.actor)
    assert caught.value.code == "print_job_not_retryable"
    assert "reprint it" in caught.value.message
    with pytest.raises(FloorError) as caught:
        cancel(desk.db, sent, desk.actor, "not needed")
    assert caught.value.code == "print_job_not_cancellable"
    assert caught.value.message == f"print job {sent} is already sent"
    with pytest.raises(FloorError) as caught:
        retry_now(desk.db, 999_999, desk.actor)
    assert caught.value.code == "print_job_not_found"
    assert job(desk.db, sent).status == "sent"


def test_cancel_needs_a_reason_and_takes_the_job_off_the_queue(desk: Desk) -> None:
    job_id = queue(desk)
    with pytest.raises(FloorError) as caught:
        cancel(desk.db, job_id, desk.actor, "   ")
    assert caught.value.code == "print_reason_missing"
    assert job(desk.db, job_id).status == "queued"
    cancel(desk.db, job_id, desk.actor, "  order  intercepted ")
    assert job(desk.db, job_id).status == "cancelled"
    assert due_jobs(desk.db, desk.station, T0 + timedelta(days=1)) == []
    ev = events(desk.db, job_id)[-1]
    assert (ev.kind, ev.user_id, ev.payload["reason"]) == (
        "print.cancelled",
        desk.actor.user_id,
        "order intercepted",
    )
    assert (
        mark_failed(desk.db, job_id, "late failure", T0) is None
    )  # a cancelled job stays cancelled
    assert job(desk.db, job_id).status == "cancelled"


def test_a_job_cancelled_while_it_was_printing_is_recorded_as_sent(desk: Desk) -> None:
    job_id = queue(desk)
    [due] = due_jobs(desk.db, desk.station, T0)
    cancel(desk.db, job_id, desk.actor, "changed my mind")
    assert mark_sent(desk.db, due.id, T0) is True  # the label came out all the same
    assert job(desk.db, job_id).status == "sent"
    assert events(desk.db, job_id)[-1].payload["after_cancel"] is True


def test_reprint_queues_the_same_document_with_a_reason(desk: Desk) -> None:
    first = queue(desk, order_id=desk.order_id)
    mark_sent(desk.db, first, T0)
    with pytest.raises(FloorError) as caught:
        reprint(desk.db, first, desk.actor, "")
    assert caught.value.code == "print_reason_missing"
    second = reprint(desk.db, first, desk.actor, "label torn")
    old, new = job(desk.db, first), job(desk.db, second)
    assert (new.status, new.reason, new.order_id, new.printer) == (
        "queued",
        "label torn",
        desk.order_id,
        PRINTER_A,
    )
    assert new.document == old.document
    assert events(desk.db, first)[-1].payload == {"new_job": second, "reason": "label torn"}
    third = reprint(desk.db, first, desk.actor, "on the other printer", printer=PRINTER_B)
    assert job(desk.db, third).printer == PRINTER_B


# ------------------------------------------------------------------------ reading


def test_list_counts_and_document(desk: Desk) -> None:
    sent = queue(desk, order_id=desk.order_id)
    mark_sent(desk.db, sent, T0)
    failed = queue(desk, PRINTER_B, document=b"%PDF-1.4 sheet", fmt="pdf", kind="sheet")
    mark_failed(desk.db, failed, "print folder /var/spool/labels is not usable", T0)
    cancelled = queue(desk)
    cancel(desk.db, cancelled, desk.actor, "duplicate")
    queued = queue(desk, kind="location")
    rows = list_jobs(desk.db, desk.station)
    # still to print first, then the newest
    assert [r.id for r in rows] == [queued, failed, cancelled, sent]
    by_id = {r.id: r for r in rows}
    assert by_id[sent].order_no == "TB-PRINT-1" and by_id[queued].order_no == ""
    assert (by_id[failed].status, by_id[failed].attempts, by_id[failed].format) == (
        "failed",
        1,
        "pdf",
    )
    assert by_id[failed].last_error == "print folder /var/spool/labels is not usable"
    assert by_id[failed].size == len(b"%PDF-1.4 sheet")
    assert by_id[sent].sent_at == T0 and by_id[sent].created_at.tzinfo is not None
    assert [r.id for r in list_jobs(desk.db, desk.station, limit=2)] == [queued, failed]
    assert counts(desk.db, desk.station) == {"queued": 1, "sent": 1, "failed": 1, "cancelled": 1}
    assert document_of(desk.db, failed) == ("pdf", b"%PDF-1.4 sheet")
    assert document_of(desk.db, sent) == ("zpl", waybill_zpl())
    with pytest.raises(FloorError) as caught:
        document_of(desk.db, 123_456)
    assert caught.value.code == "print_job_not_found"
