"""The declarative base every model shares: its metadata (with the naming convention
the migrations use), the UTC time type, and the helpers the models and services
use (utcnow, new_uuid, table_of).

One schema for PostgreSQL (production) and SQLite (embedded default). Money is
Numeric, order numbers are text, times are timezone-aware UTC. Rows that stations
race on carry a ``version`` column used for optimistic concurrency.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    MetaData,
    Numeric,
    Table,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
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
