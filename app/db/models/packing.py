"""Packing and printing: shipments with their tracking numbers, the cartons a parcel
goes in, the carriers' tracking-number pools, and the print queue."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.models.base import Base, UTCDateTime, utcnow
from app.db.models.orders import Order


class Shipment(Base):
    __tablename__ = "shipments"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    carrier: Mapped[str] = mapped_column(String(32))
    tracking_no: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="created")  # created | voided | shipped
    weight_g: Mapped[int | None] = mapped_column(Integer)
    expected_weight_g: Mapped[int | None] = mapped_column(Integer)
    carton: Mapped[str | None] = mapped_column(String(32))
    pool_id: Mapped[int | None] = mapped_column(ForeignKey("tracking_pools.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    void_reason: Mapped[str | None] = mapped_column(Text)

    order: Mapped[Order] = relationship(back_populates="shipments")


class Carton(Base):
    """A box a packer can choose; inner dimensions for the volume suggestion."""

    __tablename__ = "cartons"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # also its barcode
    name: Mapped[str] = mapped_column(String(100), default="")
    length_mm: Mapped[int] = mapped_column(Integer)
    width_mm: Mapped[int] = mapped_column(Integer)
    height_mm: Mapped[int] = mapped_column(Integer)
    tare_g: Mapped[int] = mapped_column(Integer, default=0)
    max_weight_g: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class TrackingPool(Base):
    """A range of waybill numbers a carrier assigned to us, handed out in order.

    A number is ``prefix + serial (zero-padded to digits) + check digit + suffix``;
    ``check_rule`` names the carrier's rule in :mod:`app.domain.tracking_numbers`.
    """

    __tablename__ = "tracking_pools"
    __table_args__ = (
        CheckConstraint("next_value <= end_value + 1", name="next_within_range"),
        Index("ix_tracking_pools_carrier_active", "carrier", "active"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    carrier: Mapped[str] = mapped_column(String(32))
    prefix: Mapped[str] = mapped_column(String(8), default="")
    suffix: Mapped[str] = mapped_column(String(8), default="")
    digits: Mapped[int] = mapped_column(Integer)
    check_rule: Mapped[str] = mapped_column(String(16), default="none")
    start_value: Mapped[int] = mapped_column(BigInteger)
    next_value: Mapped[int] = mapped_column(BigInteger)
    end_value: Mapped[int] = mapped_column(BigInteger)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)


class PrintJob(Base):
    """One document for one printer; a row from the moment it is asked for, so a label
    is never lost because a printer was off: queued → sent, or failed and retried."""

    __tablename__ = "print_jobs"
    __table_args__ = (Index("ix_print_jobs_status_station", "status", "station_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    printer: Mapped[str] = mapped_column(String(300))  # tcp://host:9100, dir:///path, …
    format: Mapped[str] = mapped_column(String(8))  # zpl | pdf
    kind: Mapped[str] = mapped_column(
        String(16), default="shipping"
    )  # shipping | location | tote | badge | product | sheet
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id"))
    document: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(
        String(16), default="queued"
    )  # queued | sent | failed | cancelled
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")  # why a reprint was asked for
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    next_try_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)
