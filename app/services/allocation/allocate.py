"""Allocation (订单分配 / 分仓): choose the shipping warehouse and reserve stock by bin.

Warehouse choice, in order of importance:
  1. a warehouse that can ship the whole order,
  2. in the recipient's province,
  3. nearest to the recipient (great-circle distance from city, else province),
  4. with the most stock of the order's items.
When no single warehouse can ship everything, the order is split across warehouses
(child orders ``<no>-1``, ``<no>-2``, …) or waits, as the ``allocation.split``
setting says.

Orders are claimed in chunks with ``FOR UPDATE SKIP LOCKED`` so several allocators
can run at once; each bin reservation is a conditional UPDATE (see services.stock),
so a plan made from a stale snapshot fails instead of overselling, and the order is
planned again from fresh figures.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.db.bulk import bulk_insert, reserve_ids
from app.db.engine import Database, is_retryable
from app.db.models import Order, OrderLine, Product, Reservation, Stock, Warehouse, table_of, utcnow
from app.db.records import RowReader
from app.domain.allocation_plan import Bin, Need, Plan, WarehouseInfo, plan_order
from app.domain.geo import locate, normalize_province
from app.domain.status import OrderStatus
from app.services.audit import SYSTEM, Actor, event_row, record_many
from app.services.settings import ALLOCATION_DEFAULTS, get_setting
from app.services.warehouse import reserve_many, try_reserve, unreserve

CHUNK = 200
RETRIES = 3
DEADLOCK_RETRIES = 8
S = OrderStatus


@dataclass
class AllocationReport:
    allocated: int = 0
    split: int = 0
    waiting: int = 0
    waiting_orders: list[tuple[str, str]] = field(default_factory=list)  # (order_no, why)

    def summary(self) -> str:
        return f"allocated {self.allocated} (split {self.split}), waiting {self.waiting}"


@dataclass
class _ChunkRows:
    reservations: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)


# Labelled by Bin's fields: rows become Bins by name.
_AVAILABLE = select(
    Stock.id.label("stock_id"),
    Stock.warehouse_id.label("warehouse_id"),
    Stock.location_id.label("location_id"),
    (Stock.on_hand - Stock.reserved).label("available"),
    Stock.product_id.label("product_id"),
)
_bin = RowReader(Bin, _AVAILABLE)


class Allocator:
    def __init__(
        self, db: Database, actor: Actor = SYSTEM, split: str | None = None, chunk: int = CHUNK
    ) -> None:
        self.db = db
        self.chunk = chunk
        self.actor = actor
        self.report = AllocationReport()
        with db.read() as session:
            self.split = split or get_setting(session, "allocation", ALLOCATION_DEFAULTS)["split"]
            self.warehouses = [
                WarehouseInfo(
                    id=w.id,
                    code=w.code,
                    province=normalize_province(w.province) or w.province,
                    coords=(w.lat, w.lon) if w.lat is not None and w.lon is not None else None,
                )
                for w in session.scalars(select(Warehouse).where(Warehouse.active))
            ]
            self.sku_ids: dict[str, int] = dict(
                session.execute(select(Product.sku, Product.id)).all()
            )
        if self.split not in ("split", "wait"):
            raise ValueError(f"allocation split mode must be 'split' or 'wait', not {self.split!r}")

    def run(self, progress: Callable[[int], None] | None = None) -> AllocationReport:
        last_id = 0
        while True:
            orders = self._run_chunk(last_id)
            if not orders:
                return self.report
            last_id = orders[-1].id
            if progress:
                progress(len(orders))

    def _run_chunk(self, after_id: int) -> list[Any]:
        for attempt in range(DEADLOCK_RETRIES):
            saved = copy.deepcopy(self.report)
            try:
                with self.db.unit_of_work() as session:
                    orders = self._claim(session, after_id)
                    if orders:
                        self._allocate_chunk(session, orders)
                    return orders
            except DBAPIError as exc:
                # Two allocators locked the same bins in opposite order; the database
                # chose this one to lose. Nothing was written: run the chunk again.
                self.report = saved
                if not is_retryable(exc) or attempt == DEADLOCK_RETRIES - 1:
                    raise
                time.sleep(0.01 * (attempt + 1))
        return []

    def _claim(self, session: Session, after_id: int) -> list[Any]:
        # Id order is arrival order; paying earlier does not jump the queue mid-run.
        return list(
            session.execute(
                select(Order.id, Order.order_no, Order.province, Order.city)
                .where(Order.status == S.APPROVED.value, Order.id > after_id)
                .order_by(Order.id)
                .limit(self.chunk)
                .with_for_update(skip_locked=True, of=Order)
            )
        )

    def _allocate_chunk(self, session: Session, orders: list[Any]) -> None:
        ids = [o.id for o in orders]
        lines: dict[int, list[Any]] = {}
        for ln in session.execute(
            select(
                OrderLine.id,
                OrderLine.order_id,
                OrderLine.line_no,
                OrderLine.sku,
                OrderLine.qty,
                OrderLine.name,
                OrderLine.unit_price,
            )
            .where(OrderLine.order_id.in_(ids))
            .order_by(OrderLine.order_id, OrderLine.line_no)
        ):
            lines.setdefault(ln.order_id, []).append(ln)
        pids = {
            self.sku_ids[ln.sku] for ls in lines.values() for ln in ls if ln.sku in self.sku_ids
        }
        bins = self._snapshot(session, pids)

        now = utcnow()
        allocated: list[dict[str, Any]] = []
        reservations: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        split_rows = _ChunkRows()
        for order, order_lines, result in self._reserve_chunk(session, orders, lines, bins):
            if isinstance(result, str):
                self._wait(order, result)
                continue
            plan = result
            if len(plan.parts) == 1:
                wid = plan.parts[0].warehouse_id
                allocated.append({"oid": order.id, "wid": wid})
                for part in plan.parts:
                    for line_id, take in part.takes.items():
                        for b, qty in take:
                            reservations.append(self._reservation(order.id, line_id, b, qty, now))
                events.append(
                    event_row(
                        "order",
                        order.id,
                        "order.allocated",
                        {
                            "order_no": order.order_no,
                            "from": S.APPROVED.value,
                            "to": S.ALLOCATED.value,
                            "warehouse": self._code(wid),
                            "why": plan.why,
                        },
                        self.actor,
                    )
                )
                self.report.allocated += 1
            else:
                self._split(session, order, order_lines, plan, now, split_rows)
        if allocated:
            t = table_of(Order)
            by_warehouse: dict[int, list[int]] = {}
            for row in allocated:
                by_warehouse.setdefault(row["wid"], []).append(row["oid"])
            for wid, ids in by_warehouse.items():
                for i in range(0, len(ids), 500):
                    session.connection().execute(
                        update(t)
                        .where(t.c.id.in_(ids[i : i + 500]))
                        .values(
                            status=S.ALLOCATED.value,
                            warehouse_id=wid,
                            version=t.c.version + 1,
                            updated_at=now,
                        )
                    )
        bulk_insert(session, table_of(Reservation), reservations + split_rows.reservations)
        events.extend(split_rows.events)
        record_many(session, events)

    def _reserve_chunk(
        self,
        session: Session,
        orders: list[Any],
        lines: dict[int, list[Any]],
        bins: dict[int, list[Bin]],
    ) -> list[tuple[Any, list[Any], Plan | str]]:
        """Plan every order of the chunk in memory, then reserve with one conditional
        UPDATE per bin (in bin order, so parallel allocators lock alike and rarely
        deadlock). Updating a popular bin once per order instead would leave PostgreSQL
        a chain of row versions to walk on every later update in the transaction.

        Orders whose bins another allocator emptied meanwhile give back what they took
        and are reserved again one by one from fresh figures.
        """
        results: list[tuple[Any, list[Any], Plan | str]] = []
        for order in orders:
            order_lines = lines.get(order.id, [])
            missing = [ln.sku for ln in order_lines if ln.sku not in self.sku_ids]
            if missing or not order_lines:
                why = f"unknown SKU {', '.join(missing)}" if missing else "no lines"
                results.append((order, order_lines, why))
                continue
            plan = self._plan(order, order_lines, bins)
            if not isinstance(plan, str):
                for b, qty in _takes(plan):
                    b.available -= qty
            results.append((order, order_lines, plan))

        totals: dict[int, int] = {}
        for _, _, plan in results:
            if not isinstance(plan, str):
                for b, qty in _takes(plan):
                    totals[b.stock_id] = totals.get(b.stock_id, 0) + qty
        conn = session.connection()
        failed = reserve_many(conn, totals)
        if not failed:
            return results

        retry = [
            i
            for i, (_, _, plan) in enumerate(results)
            if not isinstance(plan, str) and any(b.stock_id in failed for b, _ in _takes(plan))
        ]
        for i in retry:
            for b, qty in _takes(results[i][2]):  # type: ignore[arg-type]
                if b.stock_id not in failed:
                    unreserve(conn, b.stock_id, qty)
        pids = {self.sku_ids[ln.sku] for i in retry for ln in results[i][1]}
        bins.update(self._snapshot(session, pids))
        for i in retry:
            order, order_lines, _ = results[i]
            results[i] = (
                order,
                order_lines,
                self._reserve_order(session, order, order_lines, bins),
            )
        return results

    def _plan(self, order: Any, order_lines: list[Any], bins: dict[int, list[Bin]]) -> Plan | str:
        need = [Need(ln.id, self.sku_ids[ln.sku], ln.qty, ln.sku) for ln in order_lines]
        province = normalize_province(order.province) or order.province
        return plan_order(
            need,
            bins,
            self.warehouses,
            province,
            locate(order.province, order.city),
            allow_split=self.split == "split",
        )

    def _snapshot(self, session: Session, pids: set[int]) -> dict[int, list[Bin]]:
        """Available stock per product, bins in the order the planner should prefer."""
        bins: dict[int, list[Bin]] = {pid: [] for pid in pids}
        pid_list = sorted(pids)
        for i in range(0, len(pid_list), 500):
            for row in session.execute(
                _AVAILABLE.where(
                    Stock.product_id.in_(pid_list[i : i + 500]), Stock.on_hand > Stock.reserved
                ).order_by(Stock.product_id, Stock.id)
            ):
                bins[row.product_id].append(_bin(row))
        return bins

    def _reserve_order(
        self, session: Session, order: Any, order_lines: list[Any], bins: dict[int, list[Bin]]
    ) -> Plan | str:
        for _ in range(RETRIES):
            plan = self._plan(order, order_lines, bins)
            if isinstance(plan, str):
                return plan
            conn = session.connection()
            done: list[tuple[Bin, int]] = []
            for b, qty in _takes(plan):
                if not try_reserve(conn, b.stock_id, qty):
                    break
                done.append((b, qty))
            else:
                for b, qty in done:
                    b.available -= qty
                return plan
            # Another allocator took stock since the snapshot: give back what this plan
            # took and plan again from fresh figures for these products.
            for b, qty in done:
                unreserve(conn, b.stock_id, qty)
            bins.update(self._snapshot(session, {self.sku_ids[ln.sku] for ln in order_lines}))
        return "stock kept changing under concurrent allocation; try again"

    def _reservation(
        self, order_id: int, line_id: int, b: Bin, qty: int, now: Any
    ) -> dict[str, Any]:
        return {
            "order_id": order_id,
            "order_line_id": line_id,
            "stock_id": b.stock_id,
            "location_id": b.location_id,
            "product_id": b.product_id,
            "warehouse_id": b.warehouse_id,
            "qty": qty,
            "created_at": now,
        }

    def _code(self, wid: int) -> str:
        return next(w.code for w in self.warehouses if w.id == wid)

    def _wait(self, order: Any, why: str) -> None:
        self.report.waiting += 1
        self.report.waiting_orders.append((order.order_no, why))

    def _split(
        self,
        session: Session,
        order: Any,
        order_lines: list[Any],
        plan: Plan,
        now: Any,
        out: _ChunkRows,
    ) -> None:
        """Each warehouse's part becomes a child order that moves down the floor on its own.

        Written with Core bulk inserts (ORM flushes per child add up when stock runs
        low and splits are common). The child orders and lines go in at once, so the
        next ``reserve_ids`` sees them; reservations and events join the chunk's.
        """
        t = table_of(Order)
        parent = dict(session.execute(select(t).where(t.c.id == order.id)).mappings().one())
        by_line = {ln.id: ln for ln in order_lines}
        child_ids = reserve_ids(session, t, len(plan.parts))
        line_ids = iter(
            reserve_ids(session, table_of(OrderLine), sum(len(p.takes) for p in plan.parts))
        )
        children: list[str] = []
        child_rows: list[dict[str, Any]] = []
        child_lines: list[dict[str, Any]] = []
        for k, (cid, part) in enumerate(zip(child_ids, plan.parts, strict=True), start=1):
            child_no = f"{parent['order_no']}-{k}"
            child_rows.append(
                parent
                | {
                    "id": cid,
                    "order_no": child_no,
                    "status": S.ALLOCATED.value,
                    "warehouse_id": part.warehouse_id,
                    "parent_id": parent["id"],
                    "is_split": False,
                    "wave_id": None,
                    "interception": None,
                    "needs_review": False,
                    "platform_cancelled": False,
                    "total": None,
                    "shipping_fee": Decimal("0"),
                    "source_hash": "",
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            for n, (line_id, take) in enumerate(part.takes.items(), start=1):
                src = by_line[line_id]
                lid = next(line_ids)
                child_lines.append(
                    {
                        "id": lid,
                        "order_id": cid,
                        "line_no": n,
                        "sku": src.sku,
                        "product_id": self.sku_ids[src.sku],
                        "name": src.name,
                        "qty": sum(q for _, q in take),
                        "unit_price": src.unit_price,
                    }
                )
                out.reservations.extend(self._reservation(cid, lid, b, qty, now) for b, qty in take)
            children.append(child_no)
            out.events.append(
                event_row(
                    "order",
                    cid,
                    "order.allocated",
                    {
                        "order_no": child_no,
                        "from": None,
                        "to": S.ALLOCATED.value,
                        "warehouse": self._code(part.warehouse_id),
                        "split_from": parent["order_no"],
                    },
                    self.actor,
                )
            )
        bulk_insert(session, t, child_rows)
        bulk_insert(session, table_of(OrderLine), child_lines)
        session.connection().execute(
            update(t)
            .where(t.c.id == order.id)
            .values(
                status=S.ALLOCATED.value,
                is_split=True,
                warehouse_id=None,
                version=t.c.version + 1,
                updated_at=now,
            )
        )
        out.events.append(
            event_row(
                "order",
                order.id,
                "order.allocated",
                {
                    "order_no": parent["order_no"],
                    "from": S.APPROVED.value,
                    "to": S.ALLOCATED.value,
                    "split_into": children,
                    "why": plan.why,
                },
                self.actor,
            )
        )
        self.report.allocated += 1
        self.report.split += 1


def _takes(plan: Plan) -> list[tuple[Bin, int]]:
    return [(b, qty) for part in plan.parts for take in part.takes.values() for b, qty in take]


def allocate_orders(
    db: Database,
    actor: Actor = SYSTEM,
    split: str | None = None,
    progress: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
) -> AllocationReport:
    return Allocator(db, actor, split, chunk).run(progress)
