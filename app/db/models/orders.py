"""Orders from the sales platforms: the order, its lines and holds, and the stock
reserved for it at bin level."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.models.base import Base, Money, UTCDateTime, utcnow
from app.db.models.catalog import Warehouse

if TYPE_CHECKING:
    from app.db.models.packing import Shipment


class Store(Base):
    __tablename__ = "stores"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    platform: Mapped[str] = mapped_column(String(32))


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("store_id", "order_no"),
        Index("ix_orders_status_warehouse", "status", "warehouse_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    order_no: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), default="received")
    payment_status: Mapped[str] = mapped_column(String(24), default="unpaid")
    platform_cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    placed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    total: Mapped[Decimal | None] = mapped_column(Money)
    shipping_fee: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    shipping_method: Mapped[str] = mapped_column(String(100), default="")
    carrier: Mapped[str | None] = mapped_column(String(32))
    buyer_id: Mapped[str] = mapped_column(String(100), default="")
    buyer_email: Mapped[str] = mapped_column(String(200), default="")
    buyer_remark: Mapped[str] = mapped_column(Text, default="")
    seller_remark: Mapped[str] = mapped_column(Text, default="")
    recipient_name: Mapped[str] = mapped_column(String(200), default="")
    recipient_phone: Mapped[str] = mapped_column(String(40), default="")
    country: Mapped[str] = mapped_column(String(2), default="CN")
    province: Mapped[str] = mapped_column(String(64), default="")
    city: Mapped[str] = mapped_column(String(64), default="")
    district: Mapped[str] = mapped_column(String(64), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    postcode: Mapped[str] = mapped_column(String(16), default="")
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouses.id"))
    wave_id: Mapped[int | None] = mapped_column(ForeignKey("waves.id"), index=True)
    # Split orders: each child ships from one warehouse; the parent keeps the platform view.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    is_split: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set when the platform changed or cancelled the order after picking started (拦截).
    interception: Mapped[str | None] = mapped_column(Text)
    # The platform changed a held or approved order: the rules must look at it again.
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    # The packing station working on the order (one at a time), and since when.
    pack_station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    pack_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    pack_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    source_hash: Mapped[str] = mapped_column(String(64), default="")
    source_file: Mapped[str] = mapped_column(String(500), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    store: Mapped[Store] = relationship()
    warehouse: Mapped[Warehouse | None] = relationship()
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", order_by="OrderLine.line_no", cascade="all, delete-orphan"
    )
    holds: Mapped[list[OrderHold]] = relationship(
        back_populates="order", order_by="OrderHold.id", cascade="all, delete-orphan"
    )
    shipments: Mapped[list[Shipment]] = relationship(back_populates="order")

    __mapper_args__ = {"version_id_col": version}


class OrderLine(Base):
    __tablename__ = "order_lines"
    __table_args__ = (
        UniqueConstraint("order_id", "line_no"),
        CheckConstraint("qty > 0", name="qty_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    name: Mapped[str] = mapped_column(String(300), default="")
    qty: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Money)

    order: Mapped[Order] = relationship(back_populates="lines")


class OrderHold(Base):
    """Why an order is on hold; a hold is open until a supervisor releases it."""

    __tablename__ = "order_holds"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    released_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    order: Mapped[Order] = relationship(back_populates="holds")


class Reservation(Base):
    """Stock reserved at bin level for one order line (what the picker will take, and where)."""

    __tablename__ = "reservations"
    __table_args__ = (CheckConstraint("qty > 0", name="qty_positive"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    stock_id: Mapped[int] = mapped_column(ForeignKey("stock.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    qty: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
