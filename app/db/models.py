"""SQLAlchemy 2 mapping of the central database.

One schema for PostgreSQL (production) and SQLite (embedded default). Money is
Numeric, order numbers are text, times are timezone-aware UTC. Rows that stations
race on carry a ``version`` column used for optimistic concurrency.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = Numeric(12, 2)


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uuid() -> str:
    return str(uuid.uuid4())


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on every engine.

    SQLite has no time zones: SQLAlchemy would store a +08:00 time as its wall-clock
    reading and give it back naive, so an order placed at 14:00 in Shanghai would read
    as 14:00 UTC. Storing UTC and tagging it on the way out keeps one meaning.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: wavedesk stores aware times only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON}


def table_of(model: type[Base]) -> Table:
    """The Core table of a mapped class, typed as a Table (SQLAlchemy types
    ``__table__`` as the wider FromClause, which insert/update/bulk paths refuse)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class Warehouse(Base):
    __tablename__ = "warehouses"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    province: Mapped[str] = mapped_column(String(64))
    city: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(400), default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    # The pick floor geometry of DESIGN.md (parallel aisles, cross aisles, depot).
    aisles: Mapped[int] = mapped_column(Integer, default=10)
    aisle_length: Mapped[float] = mapped_column(Float, default=30.0)
    aisle_spacing: Mapped[float] = mapped_column(Float, default=3.0)
    blocks: Mapped[int] = mapped_column(Integer, default=1)
    depot_x: Mapped[float] = mapped_column(Float, default=0.0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    zones: Mapped[list[Zone]] = relationship(back_populates="warehouse")


class Zone(Base):
    __tablename__ = "zones"
    __table_args__ = (UniqueConstraint("warehouse_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200), default="")

    warehouse: Mapped[Warehouse] = relationship(back_populates="zones")


class Location(Base):
    __tablename__ = "locations"
    __table_args__ = (UniqueConstraint("warehouse_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), index=True)
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id"))
    code: Mapped[str] = mapped_column(String(64))
    barcode: Mapped[str] = mapped_column(String(64), unique=True)
    aisle: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)  # bay along the aisle, 1 at the front
    level: Mapped[int] = mapped_column(Integer)
    # Distance from the front cross aisle along the aisle centre line, for routing.
    y: Mapped[float] = mapped_column(Float)
    pickable: Mapped[bool] = mapped_column(Boolean, default=True)


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name_zh: Mapped[str] = mapped_column(String(300), default="")
    name_en: Mapped[str] = mapped_column(String(300), default="")
    weight_g: Mapped[int | None] = mapped_column(Integer)
    length_mm: Mapped[int | None] = mapped_column(Integer)
    width_mm: Mapped[int | None] = mapped_column(Integer)
    height_mm: Mapped[int | None] = mapped_column(Integer)
    price: Mapped[Decimal | None] = mapped_column(Money)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    barcodes: Mapped[list[ProductBarcode]] = relationship(back_populates="product")


class ProductBarcode(Base):
    """A unit barcode (EAN-13, UPC-A, …) counts 1; a case barcode counts its pack quantity."""

    __tablename__ = "product_barcodes"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    barcode: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="unit")  # unit | case
    pack_qty: Mapped[int] = mapped_column(Integer, default=1)

    product: Mapped[Product] = relationship(back_populates="barcodes")


class Stock(Base):
    __tablename__ = "stock"
    __table_args__ = (
        UniqueConstraint("location_id", "product_id"),
        CheckConstraint("reserved >= 0 AND reserved <= on_hand", name="reserved_within_on_hand"),
        Index("ix_stock_product_location", "product_id", "location_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), index=True)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    reserved: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)


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


class ScanRecord(Base):
    """Every scan a station acted on, accepted or refused, under the id the station gave
    it: replaying a scan (after a crash, from an offline journal) is a no-op."""

    __tablename__ = "scans"
    __table_args__ = (Index("ix_scans_at", "at"), Index("ix_scans_order", "order_id"))
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    task: Mapped[str] = mapped_column(String(8))  # pick | pack
    code: Mapped[str] = mapped_column(String(128))
    result: Mapped[str] = mapped_column(String(16))  # ok | refused | reset
    reason: Mapped[str] = mapped_column(String(64), default="")
    pick_line_id: Mapped[int | None] = mapped_column(ForeignKey("pick_lines.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    qty: Mapped[int] = mapped_column(Integer, default=0)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    badge: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))  # picker | packer | shipper | supervisor | admin
    pin_hash: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Station(Base):
    __tablename__ = "stations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="pack")
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouses.id"))
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Blacklist(Base):
    __tablename__ = "blacklist"
    __table_args__ = (UniqueConstraint("kind", "value"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # phone | buyer | name | address
    value: Mapped[str] = mapped_column(String(300))
    reason: Mapped[str] = mapped_column(Text, default="")


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)


class Event(Base):
    """The event log: every status change and every decision, with who, where and why."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_entity", "entity", "entity_id"),)
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    id: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(48))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
