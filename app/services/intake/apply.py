"""Apply imported orders to the database: insert new, update changed, flag intercepts.

Orders are deduplicated by (store, platform order number). Re-importing a file
changes nothing: each order carries a digest of what the platform controls, and
an equal digest is "unchanged". A changed order is updated while it has not been
picked; once picking has started it is flagged for interception (拦截) instead,
because goods have already left their bins.

New orders are written in batches with bulk inserts (tens of thousands of lines a
second); changed orders, which are rare, go through the ORM one by one. If a
batch fails in the database, it is retried order by order so one bad order
rejects only itself: an order is imported whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, any_, bindparam, delete, insert, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload

from app.db.bulk import bulk_insert, reserve_ids
from app.db.engine import Database, custom_plans
from app.db.errors import describe_db_error
from app.db.models import Order, OrderHold, OrderLine, Product, Store, table_of, utcnow
from app.domain.incoming import IncomingOrder, Rejected
from app.domain.status import OrderStatus, is_interception
from app.services.audit import SYSTEM, Actor, event_row, record, record_many, transition
from app.services.warehouse import release_reservations

BATCH = 2000

S = OrderStatus


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    intercepted: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    lines: int = 0

    @property
    def ok(self) -> bool:
        return not self.rejected

    def summary(self) -> str:
        return (
            f"imported {self.imported}, updated {self.updated}, unchanged {self.unchanged}, "
            f"intercepted {self.intercepted}, rejected {len(self.rejected)}"
        )


Progress = Callable[[int], None]


class OrderImporter:
    def __init__(self, db: Database, default_store: str | None = None, actor: Actor = SYSTEM):
        self.db = db
        self.default_store = default_store
        self.actor = actor
        self.report = ImportReport()
        self._stores: dict[str, int] = {}
        self._products: dict[str, int] | None = None
        self._seen: dict[tuple[str, str], tuple[str, int]] = {}

    # -- entry point -------------------------------------------------------------------

    def run(
        self, items: Iterable[IncomingOrder | Rejected], progress: Progress | None = None
    ) -> ImportReport:
        batch: list[IncomingOrder] = []
        for item in items:
            if isinstance(item, Rejected):
                self.report.rejected.append(item)
                continue
            if self._duplicate_in_run(item):
                continue
            batch.append(item)
            if len(batch) >= BATCH:
                self._apply_batch(batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            self._apply_batch(batch)
            if progress:
                progress(len(batch))
        return self.report

    def _store_name(self, order: IncomingOrder) -> str:
        return order.store or self.default_store or order.platform

    def _duplicate_in_run(self, order: IncomingOrder) -> bool:
        key = (self._store_name(order), order.order_no)
        first = self._seen.get(key)
        if first is None:
            self._seen[key] = (order.source_file, order.source_row)
            return False
        self.report.rejected.append(
            Rejected(
                order.source_file,
                order.source_row,
                f"order {order.order_no} appears again (first at {first[0]} row {first[1]})",
                order.order_no,
            )
        )
        return True

    # -- batches -----------------------------------------------------------------------

    def _apply_batch(self, batch: list[IncomingOrder]) -> None:
        try:
            with self.db.unit_of_work() as session:
                counts = self._apply(session, batch)
        except SQLAlchemyError:
            # Find the culprit(s): each order alone, so the good ones still land.
            for order in batch:
                try:
                    with self.db.unit_of_work() as session:
                        self._merge(self._apply(session, [order]))
                except SQLAlchemyError as exc:
                    reason = describe_db_error(exc)
                    self.report.rejected.append(
                        Rejected(
                            order.source_file,
                            order.source_row,
                            f"database refused the order: {reason}",
                            order.order_no,
                        )
                    )
            return
        self._merge(counts)

    def _merge(self, counts: ImportReport) -> None:
        r = self.report
        r.imported += counts.imported
        r.updated += counts.updated
        r.unchanged += counts.unchanged
        r.intercepted += counts.intercepted
        r.lines += counts.lines

    def _apply(self, session: Session, batch: list[IncomingOrder]) -> ImportReport:
        custom_plans(session)
        counts = ImportReport()
        by_store: dict[int, list[IncomingOrder]] = {}
        for order in batch:
            by_store.setdefault(self._store_id(session, order), []).append(order)
        fresh: list[tuple[int, IncomingOrder]] = []
        for store_id, orders in by_store.items():
            existing = self._existing(session, store_id, [o.order_no for o in orders])
            for order in orders:
                row = existing.get(order.order_no)
                if row is None:
                    fresh.append((store_id, order))
                elif row[1] == order.content_hash():
                    counts.unchanged += 1
                else:
                    outcome = self._change(session, row[0], order)
                    if outcome == "intercepted":
                        counts.intercepted += 1
                    elif outcome == "updated":
                        counts.updated += 1
                    else:
                        counts.unchanged += 1
        if fresh:
            self._insert(session, fresh)
            counts.imported += len(fresh)
            counts.lines += sum(len(o.lines) for _, o in fresh)
        return counts

    # -- lookups -----------------------------------------------------------------------

    def _store_id(self, session: Session, order: IncomingOrder) -> int:
        name = self._store_name(order)
        sid = self._stores.get(name)
        if sid is None:
            sid = session.scalar(select(Store.id).where(Store.name == name))
            if sid is None:
                sid = session.scalar(
                    insert(Store).values(name=name, platform=order.platform).returning(Store.id)
                )
                record(
                    session,
                    "store",
                    sid,
                    "store.created",
                    {"name": name, "platform": order.platform},
                    self.actor,
                )
            assert sid is not None
            self._stores[name] = sid
        return sid

    def _product_ids(self, session: Session) -> dict[str, int]:
        if self._products is None:
            self._products = dict(session.execute(select(Product.sku, Product.id)).all())
        return self._products

    @staticmethod
    def _existing(
        session: Session, store_id: int, numbers: list[str]
    ) -> dict[str, tuple[int, str]]:
        found: dict[str, tuple[int, str]] = {}
        pg = session.get_bind().dialect.name == "postgresql"
        step = 5000 if pg else 500
        for i in range(0, len(numbers), step):
            chunk = numbers[i : i + step]
            # One array parameter on PostgreSQL instead of thousands of IN placeholders.
            match = (
                Order.order_no == any_(bindparam("nos", chunk, type_=ARRAY(String)))
                if pg
                else Order.order_no.in_(chunk)
            )
            rows = session.execute(
                select(Order.order_no, Order.id, Order.source_hash).where(
                    Order.store_id == store_id, match
                )
            )
            for no, oid, digest in rows:
                found[no] = (oid, digest)
        return found

    # -- new orders --------------------------------------------------------------------

    def _insert(self, session: Session, fresh: list[tuple[int, IncomingOrder]]) -> None:
        now = utcnow()
        rows = [
            order_columns(o)
            | {
                "store_id": sid,
                "created_at": now,
                "updated_at": now,
                "status": S.RECEIVED.value,
                "version": 1,
                "is_split": False,
                "needs_review": False,
            }
            for sid, o in fresh
        ]
        for row in rows:
            if row["platform_cancelled"]:
                row["status"] = S.CANCELLED.value
        # Core bulk inserts (COPY on PostgreSQL) with ids taken up front, so nothing
        # has to be read back; the ORM's per-row bookkeeping would triple the cost.
        ids = reserve_ids(session, table_of(Order), len(rows))
        for oid, row in zip(ids, rows, strict=True):
            row["id"] = oid
        bulk_insert(session, table_of(Order), rows)
        products = self._product_ids(session)
        lines: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        for oid, (_, order), row in zip(ids, fresh, rows, strict=True):
            lines.extend(line_rows(oid, order, products))
            events.append(
                event_row(
                    "order",
                    oid,
                    "order.received",
                    {
                        "order_no": order.order_no,
                        "file": order.source_file,
                        "row": order.source_row,
                    },
                    self.actor,
                )
            )
            if row["status"] == S.CANCELLED.value:
                events.append(
                    event_row(
                        "order",
                        oid,
                        "order.cancelled",
                        {
                            "order_no": order.order_no,
                            "from": S.RECEIVED.value,
                            "to": S.CANCELLED.value,
                            "reason": "cancelled on the platform before import",
                        },
                        self.actor,
                    )
                )
        bulk_insert(session, table_of(OrderLine), lines)
        record_many(session, events)

    # -- changed orders ----------------------------------------------------------------

    def _change(self, session: Session, order_id: int, incoming: IncomingOrder) -> str:
        order = session.scalars(
            select(Order)
            .where(Order.id == order_id)
            .options(selectinload(Order.lines), selectinload(Order.holds))
        ).one()
        status = OrderStatus(order.status)
        if status in (S.SHIPPED, S.COMPLETED, S.CANCELLED):
            # Nothing on the floor can act on it any more; keep what the platform says.
            order.source_hash = incoming.content_hash()
            record(
                session,
                "order",
                order.id,
                "order.platform_change_ignored",
                {
                    "order_no": order.order_no,
                    "status": order.status,
                    "file": incoming.source_file,
                    "row": incoming.source_row,
                },
                self.actor,
            )
            return "unchanged"
        changes = describe_changes(order, incoming)
        if is_interception(status):
            note = "; ".join(changes)
            order.interception = note
            order.source_hash = incoming.content_hash()
            record(
                session,
                "order",
                order.id,
                "order.interception_flagged",
                {
                    "order_no": order.order_no,
                    "status": order.status,
                    "changes": changes,
                    "file": incoming.source_file,
                    "row": incoming.source_row,
                },
                self.actor,
            )
            return "intercepted"

        lines_changed = line_key(incoming) != line_key(order)
        back_to_review = (
            not incoming.cancelled
            and status not in (S.ON_HOLD, S.RECEIVED)
            and (lines_changed or payment_lost(incoming))
        )
        if incoming.cancelled or back_to_review:
            # Reserved stock was for the old order; give it back before the lines change.
            release_reservations(session, order, self.actor)
        for key, value in order_columns(incoming).items():
            setattr(order, key, value)
        if lines_changed:
            session.execute(delete(OrderLine).where(OrderLine.order_id == order.id))
            session.expire(order, ["lines"])
            session.execute(
                insert(OrderLine), line_rows(order.id, incoming, self._product_ids(session))
            )
        payload = {
            "order_no": order.order_no,
            "changes": changes,
            "file": incoming.source_file,
            "row": incoming.source_row,
        }
        record(session, "order", order.id, "order.updated", payload, self.actor)

        if incoming.cancelled:
            transition(session, order, S.CANCELLED, self.actor, reason="cancelled on the platform")
        elif status in (S.ON_HOLD, S.RECEIVED):
            order.needs_review = status is S.ON_HOLD
        elif back_to_review:
            # The approval was for the old order: the rules must look at it again.
            if status is S.WAVED:
                transition(
                    session, order, S.ALLOCATED, self.actor, reason="changed on the platform"
                )
            order.warehouse_id = None
            session.add(
                OrderHold(order_id=order.id, code="platform_changed", detail="; ".join(changes))
            )
            order.needs_review = True
            transition(session, order, S.ON_HOLD, self.actor, reason="changed on the platform")
        return "updated"


def payment_lost(incoming: IncomingOrder) -> bool:
    return incoming.payment_status.value not in ("paid",)


def order_columns(o: IncomingOrder) -> dict[str, Any]:
    r = o.recipient
    return {
        "order_no": o.order_no,
        "payment_status": o.payment_status.value,
        "platform_cancelled": o.cancelled,
        "placed_at": o.placed_at,
        "paid_at": o.paid_at,
        "currency": o.currency,
        "total": o.total,
        "shipping_fee": o.shipping_fee,
        "shipping_method": o.shipping_method,
        "buyer_id": o.buyer_id,
        "buyer_email": o.buyer_email,
        "buyer_remark": o.buyer_remark,
        "seller_remark": o.seller_remark,
        "recipient_name": r.name,
        "recipient_phone": r.phone,
        "country": r.country,
        "province": r.province,
        "city": r.city,
        "district": r.district,
        "address": r.address,
        "postcode": r.postcode,
        "source_hash": o.content_hash(),
        "source_file": o.source_file,
    }


def line_rows(order_id: int, o: IncomingOrder, products: dict[str, int]) -> list[dict[str, Any]]:
    return [
        {
            "order_id": order_id,
            "line_no": n,
            "sku": ln.sku,
            "product_id": products.get(ln.sku),
            "name": ln.name,
            "qty": ln.qty,
            "unit_price": ln.unit_price,
        }
        for n, ln in enumerate(o.lines, start=1)
    ]


def line_key(o: IncomingOrder | Order) -> list[tuple[str, int, Any]]:
    """What the items are, comparable between an incoming order and a stored one."""
    return [(ln.sku, ln.qty, ln.unit_price) for ln in o.lines]


def describe_changes(order: Order, incoming: IncomingOrder) -> list[str]:
    """What the platform changed, in words for the event log and the interception screen."""
    changes: list[str] = []
    if incoming.cancelled and not order.platform_cancelled:
        changes.append("cancelled on the platform")
    new = order_columns(incoming)
    address_keys = (
        "recipient_name",
        "recipient_phone",
        "province",
        "city",
        "district",
        "address",
        "postcode",
    )
    if any(getattr(order, k) != new[k] for k in address_keys):
        changes.append("recipient or address changed")
    if order.payment_status != new["payment_status"]:
        changes.append(f"payment {order.payment_status} → {new['payment_status']}")
    if line_key(incoming) != line_key(order):
        changes.append("items changed")
    if order.buyer_remark != new["buyer_remark"] or order.seller_remark != new["seller_remark"]:
        changes.append("remarks changed")
    return changes or ["details changed"]


def import_orders(
    db: Database,
    items: Iterable[IncomingOrder | Rejected],
    *,
    default_store: str | None = None,
    actor: Actor = SYSTEM,
    progress: Progress | None = None,
) -> ImportReport:
    return OrderImporter(db, default_store, actor).run(items, progress)
