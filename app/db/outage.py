"""Telling "the central database is away" from every other failure.

A station keeps working offline only when the database cannot be reached at all: the
connection was refused, timed out, or dropped under a statement (server restarted, a
switch rebooted, the proxy cut it). Anything the database *answered* — a refusal on
the floor (:class:`~app.domain.floor_errors.FloorError`), a lost race to retry
(:func:`app.db.engine.is_retryable`), a constraint, a statement timeout on a lock —
is not an outage: the database is there and said no, and a journal would only delay
hearing it.
"""

from __future__ import annotations

import socket
import sqlite3
from typing import Final

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.db.engine import Database

# SQLSTATE classes and codes that mean the session is gone (not that a statement failed).
_LOST_CLASSES: Final = ("08",)  # connection exception
_LOST_CODES: Final = frozenset(
    {
        "57P01",  # admin_shutdown: terminated by pg_terminate_backend or a server stop
        "57P02",  # crash_shutdown
        "57P03",  # cannot_connect_now: starting up or shutting down
        "53300",  # too_many_connections: cannot get in right now
    }
)
# What libpq and sqlite say when there is no one on the other end (no SQLSTATE).
_LOST_WORDS: Final = (
    "connection refused",
    "connection failed",
    "could not connect",
    "server closed the connection",
    "connection timeout expired",
    "timeout expired",
    "consuming input failed",
    "sending query failed",
    "connection is lost",
    "the connection is closed",
    "connection already closed",
    "terminating connection",
    "could not receive data",
    "could not send data",
    "no route to host",
    "network is unreachable",
    "connection reset",
    "broken pipe",
    "ssl syscall error",
    "unable to open database file",  # sqlite: the share holding the file is gone
    "disk i/o error",
)


def ping(db: Database) -> None:
    """One round trip; raises what the driver raises when the database is away."""
    with db.engine.connect() as conn:
        conn.execute(text("SELECT 1"))


def _driver_error(exc: BaseException) -> BaseException:
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return exc.orig
    return exc


def is_connection_lost(exc: BaseException) -> bool:
    """True when ``exc`` says the database could not be reached or the connection died;
    see the module doc for what is deliberately False."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    orig = _driver_error(exc)
    if isinstance(orig, ConnectionError | TimeoutError | socket.gaierror | socket.herror):
        return True  # on the way to the server: refused, reset, timed out, no such host
    if isinstance(orig, sqlite3.Error):
        return isinstance(orig, sqlite3.OperationalError) and _says_lost(orig)
    if _is_psycopg(orig):
        return _psycopg_lost(orig)
    return False


def _says_lost(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(word in text for word in _LOST_WORDS)


def _is_psycopg(exc: BaseException) -> bool:
    return type(exc).__module__.startswith("psycopg")


def _psycopg_lost(exc: BaseException) -> bool:
    import psycopg  # noqa: PLC0415 - only PostgreSQL stations have it loaded by now

    if not isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return False
    code = getattr(exc, "sqlstate", None)
    if code:
        return code in _LOST_CODES or code.startswith(_LOST_CLASSES)
    if isinstance(exc, psycopg.InterfaceError):
        return _says_lost(exc)  # "the connection is closed", not "the cursor is closed"
    # An OperationalError without SQLSTATE: libpq failed before the server could answer.
    return True
