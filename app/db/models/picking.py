"""Waves and picking: waves, their pick tasks, the tasks' slots and lines, and the
totes that carry the picked units to packing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db.models.base import Base, UTCDateTime, utcnow


class Wave(Base):
    """A group of allocated orders of one warehouse, carrier and cut-off, picked together."""

    __tablename__ = "waves"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), index=True)
    carrier: Mapped[str | None] = mapped_column(String(32))
    cutoff: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # single: single-unit orders picked in bulk per SKU; multi: carts of totes.
    kind: Mapped[str] = mapped_column(String(16))
    # pick_and_sort (边拣边分, one tote per order) | pick_then_sort (先拣后分, put wall)
    sort_mode: Mapped[str] = mapped_column(String(16), default="pick_and_sort")
    status: Mapped[str] = mapped_column(String(16), default="released")
    distance: Mapped[float] = mapped_column(Float, default=0.0)
    fcfs_distance: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)


class PickTask(Base):
    """What one picker claims: one cart of totes, or one bulk pick list; routed, in order."""

    __tablename__ = "pick_tasks"
    __table_args__ = (
        UniqueConstraint("wave_id", "seq"),
        Index("ix_pick_tasks_status_wave", "status", "wave_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # cart | bulk | wall
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | claimed | done
    distance: Mapped[float] = mapped_column(Float, default=0.0)
    fcfs_distance: Mapped[float | None] = mapped_column(Float)
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claimed_station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Last scan on the task: a claimed task untouched for long is stale (supervisor view).
    touched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)


class TaskSlot(Base):
    """Which order goes into which tote slot of a cart (or wall slot after bulk picking)."""

    __tablename__ = "task_slots"
    __table_args__ = (
        UniqueConstraint("pick_task_id", "slot"),
        UniqueConstraint("pick_task_id", "order_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    pick_task_id: Mapped[int] = mapped_column(ForeignKey("pick_tasks.id"))
    slot: Mapped[int] = mapped_column(Integer)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    tote_id: Mapped[int | None] = mapped_column(ForeignKey("totes.id"))


class PickLine(Base):
    """One stop of a routed pick task: take ``qty`` of a product at a location."""

    __tablename__ = "pick_lines"
    __table_args__ = (
        Index("ix_pick_lines_task_seq", "pick_task_id", "seq"),
        CheckConstraint("qty > 0", name="qty_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    pick_task_id: Mapped[int] = mapped_column(ForeignKey("pick_tasks.id"))
    seq: Mapped[int] = mapped_column(Integer)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    reservation_id: Mapped[int] = mapped_column(ForeignKey("reservations.id"))
    slot: Mapped[int | None] = mapped_column(Integer)  # tote slot on the cart; None for bulk
    qty: Mapped[int] = mapped_column(Integer)
    picked_qty: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | picked | short
    # The picker stood at the right bin (location scanned); survives a crash mid-line.
    location_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    short_reason: Mapped[str | None] = mapped_column(String(32))  # missing | damaged | wrong_qty
    picked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    picked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Tote(Base):
    __tablename__ = "totes"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouses.id"))
    status: Mapped[str] = mapped_column(
        String(16), default="free"
    )  # free | picking | picked | packing
    # What the tote holds while it is in use: the task that filled it and, in
    # pick-and-sort, the one order it carries to packing.
    pick_task_id: Mapped[int | None] = mapped_column(ForeignKey("pick_tasks.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
