"""Events and status changes: the one way a service changes an order's status.

Each change is checked against the status machine and writes its event row in the
caller's transaction, so the change and its record commit or fail together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, insert, update
from sqlalchemy.orm import Session

from app.db.bulk import bulk_insert
from app.db.models import Event, Order, new_uuid, table_of, utcnow
from app.domain.status import OrderStatus, check_transition


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did it and where; both unknown for scheduled jobs and the command line."""

    user_id: int | None = None
    station_id: int | None = None


SYSTEM = Actor()
_INSERT_EVENT = insert(table_of(Event))


def event_row(
    entity: str, entity_id: object, kind: str, payload: dict[str, Any], actor: Actor
) -> dict[str, Any]:
    return {
        "id": new_uuid(),
        "at": utcnow(),
        "user_id": actor.user_id,
        "station_id": actor.station_id,
        "entity": entity,
        "entity_id": str(entity_id),
        "kind": kind,
        "payload": payload,
    }


def record(
    session: Session,
    entity: str,
    entity_id: object,
    kind: str,
    payload: dict[str, Any] | None = None,
    actor: Actor = SYSTEM,
) -> None:
    # Core, not the ORM's bulk insert: an event is one row, and on the scan path the
    # ORM's bookkeeping for it cost more than the insert itself.
    session.connection().execute(
        _INSERT_EVENT, [event_row(entity, entity_id, kind, payload or {}, actor)]
    )


def record_many(session: Session, rows: list[dict[str, Any]]) -> None:
    bulk_insert(session, table_of(Event), rows)


def transition(
    session: Session,
    order: Order,
    target: OrderStatus,
    actor: Actor = SYSTEM,
    reason: str = "",
    **payload: Any,
) -> None:
    """Move one order to ``target`` or raise IllegalTransition; writes the event."""
    check_transition(order.order_no, order.status, target)
    before = order.status
    order.status = target.value
    session.flush()
    body = {"order_no": order.order_no, "from": before, "to": target.value, **payload}
    if reason:
        body["reason"] = reason
    record(session, "order", order.id, f"order.{target.value}", body, actor)


def transition_many(
    session: Session,
    order_ids: Select[Any] | ColumnElement[Any],
    source: OrderStatus,
    target: OrderStatus,
    actor: Actor = SYSTEM,
    what: str = "",
    *,
    along: Sequence[dict[str, Any]] = (),
    **payload: Any,
) -> list[tuple[int, str]]:
    """Move every order among ``order_ids`` that is in ``source`` to ``target``: what
    :func:`transition` does order by order (status, version, updated_at, an event
    each), in one UPDATE and one insert of the events. Orders in another status are
    left alone. ``along`` are the caller's own event rows (:func:`event_row`), written
    in the same insert. Returns (id, order number) of the orders moved."""
    check_transition(what or "orders", source, target)
    o = table_of(Order)
    # On the connection: the ORM's update would look for these orders among the
    # session's objects to refresh them, which costs more than the update. Callers
    # holding Order objects of these ids must not rely on them afterwards.
    moved = sorted(
        session.connection()
        .execute(
            update(o)
            .where(o.c.id.in_(order_ids), o.c.status == source.value)
            .values(status=target.value, version=o.c.version + 1, updated_at=utcnow())
            .returning(o.c.id, o.c.order_no)
        )
        .all()
    )
    record_many(
        session,
        [
            *along,
            *(
                event_row(
                    "order",
                    order_id,
                    f"order.{target.value}",
                    {"order_no": order_no, "from": source.value, "to": target.value, **payload},
                    actor,
                )
                for order_id, order_no in moved
            ),
        ],
    )
    return [(order_id, order_no) for order_id, order_no in moved]
