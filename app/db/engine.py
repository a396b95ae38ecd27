"""Engines and units of work for PostgreSQL and SQLite.

SQLite is tuned for several stations on one machine: WAL so readers never block
the writer, a busy timeout instead of instant "database is locked", and
``BEGIN IMMEDIATE`` so a unit of work takes the write lock up front rather than
failing half-way when it first writes.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from app.db.json_text import json_text


def is_retryable(exc: BaseException) -> bool:
    """A transaction that lost a race (deadlock, serialization failure, busy SQLite) and
    may simply be run again."""
    if not isinstance(exc, DBAPIError):
        return False
    code = getattr(exc.orig, "sqlstate", None)
    if code in ("40001", "40P01", "55P03"):
        return True
    return "database is locked" in str(exc.orig)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


CONNECT_TIMEOUT_S = 3
TCP_USER_TIMEOUT_MS = 10_000


def make_engine(url: str, *, statement_timeout_ms: int | None = None, **kwargs: Any) -> Engine:
    """An engine for ``url``; ``statement_timeout_ms`` (PostgreSQL) ends any statement
    that runs longer, for stations whose one worker thread must stay responsive."""
    # One JSON text for every path: bulk inserts write the same (app.db.bulk).
    kwargs.setdefault("json_serializer", json_text)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            # Let SQLAlchemy, not pysqlite, decide when transactions begin.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    if url.startswith("postgresql"):
        connect_args = kwargs.setdefault("connect_args", {})
        if statement_timeout_ms:
            # A station's worker must not wait minutes on a lock a stuck session holds.
            connect_args.setdefault("options", f"-c statement_timeout={int(statement_timeout_ms)}")
        # Fail fast when the server is away (app.db.outage): a refused or silent host
        # gives up after connect_timeout, and a connection whose peer vanished (data
        # sent, never acknowledged; or idle and no keepalive answer) errors within
        # seconds instead of after the kernel's default of many minutes.
        connect_args.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
        connect_args.setdefault("keepalives", 1)
        connect_args.setdefault("keepalives_idle", 10)
        connect_args.setdefault("keepalives_interval", 3)
        connect_args.setdefault("keepalives_count", 3)
        connect_args.setdefault("tcp_user_timeout", TCP_USER_TIMEOUT_MS)
    engine = create_engine(url, **kwargs)
    if "pool_pre_ping" not in kwargs:
        _ping_when_idle(engine)
    return engine


PING_AFTER_IDLE_S = 1.0


def _ping_when_idle(engine: Engine) -> None:
    """Check a pooled connection before use when it has sat idle for a while: after a
    server restart, an idle connection is dead and is replaced here unseen. One used
    a moment ago is alive or the outage is news to everyone; pinging it too (the
    pool's pre_ping) cost a round trip on every transaction, two of a picker's
    claim-and-scan cycle's twenty-odd."""

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop("idle_since", None)
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_S:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except engine.dialect.loaded_dbapi.Error as exc:
            # The pool replaces the connection with a new one (and raises if it can't).
            raise DisconnectionError(str(exc)) from exc


def custom_plans(session: Session) -> None:
    """Plan every statement of this transaction for its own values (PostgreSQL).

    psycopg prepares a statement after a few runs, and the server may then settle on
    one generic plan for it. For floor work on settled tables that saves planning
    every claim and scan again (a quarter of the server's work on a claim). But a
    generic plan made while a table was still nearly empty — early in a bulk import —
    seq-scans it for the rest of the run: imports ran 2.4× slower, re-imports 13×
    (bench/intake.py). Bulk writers call this first."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))


class Database:
    """One engine plus a session factory; the thing services are given."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = make_engine(url, **engine_kwargs)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back if it raises."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; closing it ends its transaction and detaches what it
        loaded, which stays readable (nothing is expired)."""
        with self._sessions() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
