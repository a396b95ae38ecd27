"""Print jobs: every label is a row from the moment it is asked for.

``queued`` → ``sent``; a send that fails leaves the job ``failed`` with the error and
a time for the next try (2, 5, 10, 30, then every 60 s) — it is never dropped. People
can retry a job at once, cancel it with a reason, or reprint a job with a reason.
Every change writes an event on ``print_job`` with who and where.

:func:`enqueue` runs in the caller's transaction (packing queues the label in the
transaction that packs the order, so both happen or neither); the other functions
open their own unit of work on a :class:`~app.db.engine.Database`.

Jobs of one printer are sent in the order they were queued: :func:`due_jobs` holds
back a printer's later jobs while an earlier one waits for its next try.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Order, PrintJob, utcnow
from app.domain.floor_errors import FloorError
from app.services.audit import SYSTEM, Actor, record
from printing.transports import PrinterAddressError, open_transport

__all__ = [
    "BACKOFF_S",
    "DueJob",
    "FORMATS",
    "JobRow",
    "KINDS",
    "PENDING",
    "STATUSES",
    "backoff",
    "cancel",
    "counts",
    "document_of",
    "due_jobs",
    "enqueue",
    "list_jobs",
    "mark_failed",
    "mark_sent",
    "reprint",
    "retry_now",
]

STATUSES: tuple[str, ...] = ("queued", "sent", "failed", "cancelled")
PENDING: tuple[str, ...] = ("queued", "failed")
FORMATS: tuple[str, ...] = ("zpl", "pdf")
KINDS: tuple[str, ...] = ("shipping", "location", "tote", "badge", "product", "sheet")
BACKOFF_S: tuple[int, ...] = (2, 5, 10, 30, 60)
MAX_ERROR_CHARS = 500


@dataclass(frozen=True, slots=True)
class DueJob:
    """What the spooler needs to send one job."""

    id: int
    printer: str
    format: str
    kind: str
    document: bytes
    attempts: int

    @property
    def file_name(self) -> str:
        """``000042-shipping.zpl``: the name a folder printer saves it under."""
        return f"{self.id:06d}-{self.kind}.{self.format}"


@dataclass(frozen=True, slots=True)
class JobRow:
    """One line of a station's print-jobs list."""

    id: int
    created_at: datetime
    kind: str
    order_no: str  # "" for labels that belong to no order
    format: str
    printer: str
    status: str
    attempts: int
    last_error: str
    reason: str
    next_try_at: datetime | None
    sent_at: datetime | None
    size: int  # bytes


def backoff(attempts: int) -> timedelta:
    """The wait before the next try after ``attempts`` failed sends (≥ 1)."""
    return timedelta(seconds=BACKOFF_S[min(max(attempts, 1), len(BACKOFF_S)) - 1])


def _station_is(station_id: int | None) -> ColumnElement[bool]:
    if station_id is None:
        return PrintJob.station_id.is_(None)
    return PrintJob.station_id == station_id


def _job(session: Session, job_id: int) -> PrintJob:
    job = session.get(PrintJob, job_id, with_for_update=True)
    if job is None:
        raise FloorError("print_job_not_found", f"print job {job_id} does not exist", job_id=job_id)
    return job


def _reason(reason: str, what: str) -> str:
    text = " ".join(reason.split())
    if not text:
        raise FloorError("print_reason_missing", f"say why the label is {what}", what=what)
    return text


def _touch(job: PrintJob) -> None:
    job.version += 1


# ------------------------------------------------------------------------ queue


def enqueue(
    session: Session,
    *,
    printer: str,
    fmt: str,
    document: bytes,
    kind: str = "shipping",
    order_id: int | None = None,
    shipment_id: int | None = None,
    reason: str = "",
    actor: Actor,
) -> int:
    """Queue ``document`` for ``printer`` at the actor's station, in the caller's
    transaction; writes ``print.queued`` and returns the job id.

    Refuses (FloorError) an unknown format or kind, an empty document and a printer
    address that could never work, so the caller's transaction rolls back whole."""
    if fmt not in FORMATS:
        raise FloorError(
            "print_format_unknown", f"labels are printed as ZPL or PDF, not {fmt!r}", format=fmt
        )
    if kind not in KINDS:
        raise FloorError("print_kind_unknown", f"{kind!r} is not a kind of label", kind=kind)
    if not document:
        raise FloorError("print_document_empty", "the label to print is empty")
    try:
        open_transport(printer)
    except PrinterAddressError as exc:
        raise FloorError(exc.code, exc.message, printer=printer) from exc
    job = PrintJob(
        station_id=actor.station_id,
        printer=printer.strip(),
        format=fmt,
        kind=kind,
        order_id=order_id,
        shipment_id=shipment_id,
        document=document,
        status="queued",
        attempts=0,
        last_error="",
        reason=" ".join(reason.split()),
        created_by=actor.user_id,
        created_at=utcnow(),
    )
    session.add(job)
    session.flush()
    payload: dict[str, object] = {
        "printer": job.printer,
        "format": fmt,
        "kind": kind,
        "bytes": len(document),
        "order_id": order_id,
    }
    if job.reason:
        payload["reason"] = job.reason
    record(session, "print_job", job.id, "print.queued", payload, actor)
    return job.id


def due_jobs(db: Database, station_id: int | None, now: datetime, limit: int = 20) -> list[DueJob]:
    """Jobs of ``station_id`` to send now, oldest first: queued ones and failed ones
    whose next try has come — except those queued after a job of the same printer
    that is still waiting for its next try (labels come out in order)."""
    with db.read() as s:
        pending = s.execute(
            select(PrintJob.id, PrintJob.printer, PrintJob.status, PrintJob.next_try_at)
            .where(_station_is(station_id), PrintJob.status.in_(PENDING))
            .order_by(PrintJob.id)
        ).all()
        waiting: set[str] = set()
        chosen: list[int] = []
        for job_id, printer, status, next_try_at in pending:
            if printer in waiting:
                continue
            if status == "failed" and next_try_at is not None and next_try_at > now:
                waiting.add(printer)
                continue
            chosen.append(job_id)
            if len(chosen) >= limit:
                break
        if not chosen:
            return []
        jobs = s.scalars(select(PrintJob).where(PrintJob.id.in_(chosen)).order_by(PrintJob.id))
        return [DueJob(j.id, j.printer, j.format, j.kind, j.document, j.attempts) for j in jobs]


def mark_sent(db: Database, job_id: int, now: datetime | None = None) -> bool:
    """Record that the printer took the job. True if the row changed (False: it was
    already recorded as sent). A job cancelled while it was being sent is still
    recorded as sent — the label came out."""
    with db.unit_of_work() as s:
        job = _job(s, job_id)
        if job.status == "sent":
            return False
        before = job.status
        job.status = "sent"
        job.sent_at = now or utcnow()
        job.next_try_at = None
        _touch(job)
        body: dict[str, object] = {"printer": job.printer, "tries": job.attempts + 1}
        if before == "cancelled":
            body["after_cancel"] = True
        record(s, "print_job", job.id, "print.sent", body, Actor(None, job.station_id))
        return True


def mark_failed(db: Database, job_id: int, error: str, now: datetime) -> datetime | None:
    """Record a failed send: one more attempt, the error, status ``failed`` and the
    time of the next try, which is returned (None if the job is no longer pending:
    it was cancelled or sent meanwhile)."""
    with db.unit_of_work() as s:
        job = _job(s, job_id)
        if job.status not in PENDING:
            return None
        job.attempts += 1
        job.status = "failed"
        job.last_error = (error.strip() or "unknown error")[:MAX_ERROR_CHARS]
        job.next_try_at = now + backoff(job.attempts)
        _touch(job)
        record(
            s,
            "print_job",
            job.id,
            "print.failed",
            {
                "printer": job.printer,
                "error": job.last_error,
                "attempts": job.attempts,
                "next_try_at": job.next_try_at.isoformat(),
            },
            Actor(None, job.station_id),
        )
        return job.next_try_at


# ------------------------------------------------------------------------ people


def retry_now(db: Database, job_id: int, actor: Actor = SYSTEM) -> None:
    """Send a queued or failed job at the next chance instead of waiting for its
    next try; refuses a job that was sent or cancelled (reprint it instead)."""
    with db.unit_of_work() as s:
        job, before = _move_pending(
            s,
            job_id,
            "queued",
            "print_job_not_retryable",
            "print job {job_id} is {status}; reprint it to print it again",
        )
        record(
            s,
            "print_job",
            job.id,
            "print.retry",
            {"printer": job.printer, "from": before, "attempts": job.attempts},
            actor,
        )


def cancel(db: Database, job_id: int, actor: Actor, reason: str) -> None:
    """Take a queued or failed job off the queue, with a reason; a job already sent
    cannot be called back."""
    text = _reason(reason, "cancelled")
    with db.unit_of_work() as s:
        job, before = _move_pending(
            s,
            job_id,
            "cancelled",
            "print_job_not_cancellable",
            "print job {job_id} is already {status}",
        )
        record(
            s,
            "print_job",
            job.id,
            "print.cancelled",
            {"printer": job.printer, "from": before, "reason": text},
            actor,
        )


def _move_pending(
    s: Session, job_id: int, status: str, refusal: str, message: str
) -> tuple[PrintJob, str]:
    """Move a queued or failed job to ``status`` with no next try; returns the job and the
    status it had. A job past the queue is refused with the code ``refusal`` and
    ``message`` (formatted with ``job_id`` and ``status``)."""
    job = _job(s, job_id)
    if job.status not in PENDING:
        raise FloorError(
            refusal,
            message.format(job_id=job_id, status=job.status),
            job_id=job_id,
            status=job.status,
        )
    before = job.status
    job.status = status
    job.next_try_at = None
    _touch(job)
    return job, before


def reprint(
    db: Database, job_id: int, actor: Actor, reason: str, printer: str | None = None
) -> int:
    """A new job with the same document (on ``printer``, else the same printer), for
    a label that came out damaged or got lost; returns the new job's id."""
    text = _reason(reason, "printed again")
    with db.unit_of_work() as s:
        old = _job(s, job_id)
        new_id = enqueue(
            s,
            printer=printer or old.printer,
            fmt=old.format,
            document=old.document,
            kind=old.kind,
            order_id=old.order_id,
            shipment_id=old.shipment_id,
            reason=text,
            actor=Actor(actor.user_id, actor.station_id if actor.station_id else old.station_id),
        )
        record(s, "print_job", old.id, "print.reprint", {"new_job": new_id, "reason": text}, actor)
        return new_id


# ------------------------------------------------------------------------ reading


def list_jobs(db: Database, station_id: int | None, limit: int = 100) -> list[JobRow]:
    """The station's jobs: those still to print first, then the newest."""
    pending_first = case((PrintJob.status.in_(PENDING), 0), else_=1)
    with db.read() as s:
        rows = s.execute(
            select(
                PrintJob.id,
                PrintJob.created_at,
                PrintJob.kind,
                func.coalesce(Order.order_no, "").label("order_no"),
                PrintJob.format,
                PrintJob.printer,
                PrintJob.status,
                PrintJob.attempts,
                PrintJob.last_error,
                PrintJob.reason,
                PrintJob.next_try_at,
                PrintJob.sent_at,
                func.length(PrintJob.document).label("size"),
            )
            .outerjoin(Order, Order.id == PrintJob.order_id)
            .where(_station_is(station_id))
            .order_by(pending_first, PrintJob.id.desc())
            .limit(limit)
        ).all()
    # By name: the columns are labelled as JobRow's fields.
    return [JobRow(**row._asdict()) for row in rows]


def document_of(db: Database, job_id: int) -> tuple[str, bytes]:
    """(format, document) of a job."""
    with db.read() as s:
        row = s.execute(
            select(PrintJob.format, PrintJob.document).where(PrintJob.id == job_id)
        ).one_or_none()
    if row is None:
        raise FloorError("print_job_not_found", f"print job {job_id} does not exist", job_id=job_id)
    return row[0], bytes(row[1])


def counts(db: Database, station_id: int | None) -> dict[str, int]:
    """Jobs of the station by status; every status present."""
    with db.read() as s:
        rows = s.execute(
            select(PrintJob.status, func.count())
            .where(_station_is(station_id))
            .group_by(PrintJob.status)
        ).all()
    found = dict.fromkeys(STATUSES, 0)
    found.update({status: n for status, n in rows})
    return found
