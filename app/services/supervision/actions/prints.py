"""A supervisor sends a failed print job to its printer again."""

from __future__ import annotations

from sqlalchemy import update

from app.db.engine import Database
from app.db.models import PrintJob, table_of, utcnow
from app.domain.floor_errors import FloorError
from app.services.audit import Actor, record
from app.services.supervision.actions.guards import (
    ActionDone,
    by_whom,
    get_row,
    rows_changed,
    supervisor,
)


def retry_print(db: Database, actor: Actor, job_id: int, reason: str = "") -> ActionDone:
    """Queue a failed print job again, due now. A retry harms nothing, so the reason is
    optional here."""
    why = (reason or "").strip() or "retry"
    with db.unit_of_work() as s:
        user = supervisor(s, actor, "retry_print")
        job = get_row(s, PrintJob, job_id, "print job")
        if job.status != "failed":
            raise FloorError(
                "job_not_failed",
                f"Print job {job_id} is {job.status}, not failed.",
                job=job_id,
                status=job.status,
            )
        t = table_of(PrintJob)
        done = rows_changed(
            s,
            update(t)
            .where(t.c.id == job.id, t.c.version == job.version, t.c.status == "failed")
            .values(status="queued", next_try_at=utcnow(), version=job.version + 1),
        )
        if done != 1:
            raise FloorError(
                "task_changed", f"Print job {job_id} was changed meanwhile; look again.", job=job_id
            )
        record(
            s,
            "print_job",
            job.id,
            "print.retry_requested",
            by_whom(
                user, why, printer=job.printer, last_error=job.last_error, order_id=job.order_id
            ),
            actor,
        )
        return ActionDone("retry_print", f"Print job {job_id} queued again by {user.name}")
