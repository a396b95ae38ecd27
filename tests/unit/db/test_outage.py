"""is_connection_lost on exceptions produced for real: a closed port, a server that
hangs up or never answers, a connection cut under a session, a terminated backend —
against answers from a database that is there (refusals, lost races, constraints)."""

from __future__ import annotations

import socket
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from tcp_proxy import TcpProxy

from app.db.engine import Database, is_retryable
from app.db.outage import is_connection_lost
from app.domain.floor_errors import FloorError


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _raised(fn) -> BaseException:
    try:
        fn()
    except BaseException as exc:  # noqa: BLE001 - the exception is the subject
        return exc
    pytest.fail("expected an exception")


class _Server:
    """A TCP server on 127.0.0.1 that either hangs up at once or never says a word."""

    def __init__(self, hang_up: bool) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.hang_up = hang_up
        self.held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            if self.hang_up:
                conn.close()
            else:
                self.held.append(conn)

    def close(self) -> None:
        # close() alone does not wake a thread blocked in accept() on Linux; shutdown does.
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        self._thread.join(5)
        for c in self.held:
            c.close()


@pytest.fixture
def pg_admin(pg_server_url: str) -> str:
    """A scratch PostgreSQL database (skipped when WAVEDESK_TEST_PG_URL is unset)."""
    return pg_server_url


# ---------------------------------------------------------------- the database is away


def test_a_closed_port_through_sqlalchemy_and_psycopg() -> None:
    port = _free_port()
    db = Database(f"postgresql+psycopg://nobody@127.0.0.1:{port}/nothing")
    try:
        exc = _raised(lambda: db.engine.connect().close())
    finally:
        db.dispose()
    assert isinstance(exc, DBAPIError) and "refused" in str(exc.orig).lower()
    assert is_connection_lost(exc)
    raw = _raised(
        lambda: psycopg.connect(f"postgresql://nobody@127.0.0.1:{port}/nothing", connect_timeout=2)
    )
    assert is_connection_lost(raw)


def test_a_server_that_hangs_up_at_once() -> None:
    server = _Server(hang_up=True)
    try:
        exc = _raised(
            lambda: psycopg.connect(f"postgresql://x@127.0.0.1:{server.port}/x", connect_timeout=2)
        )
    finally:
        server.close()
    assert "closed the connection" in str(exc).lower() or "connection" in str(exc).lower()
    assert is_connection_lost(exc)


def test_a_server_that_never_answers_times_out_and_counts_as_away() -> None:
    server = _Server(hang_up=False)
    db = Database(
        f"postgresql+psycopg://x@127.0.0.1:{server.port}/x", connect_args={"connect_timeout": 1}
    )
    try:
        exc = _raised(lambda: db.engine.connect().close())
    finally:
        db.dispose()
        server.close()
    assert "timeout" in str(exc).lower()
    assert is_connection_lost(exc)


def test_plain_socket_errors() -> None:
    port = _free_port()
    exc = _raised(lambda: socket.create_connection(("127.0.0.1", port), timeout=1))
    assert isinstance(exc, ConnectionRefusedError) and is_connection_lost(exc)


def test_a_sqlite_file_that_cannot_be_opened(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path}/gone/away/db.sqlite3")
    exc = _raised(lambda: engine.connect().close())
    engine.dispose()
    assert "unable to open database file" in str(exc)
    assert is_connection_lost(exc)


def test_a_connection_cut_under_a_session(pg_admin: str) -> None:
    real = make_url(pg_admin)
    with TcpProxy(real.host or "127.0.0.1", real.port or 5432) as proxy:
        db = Database(proxy.url_for(pg_admin))
        try:
            with db.engine.connect() as conn:
                assert conn.execute(text("SELECT 1")).scalar() == 1
                proxy.cut()
                exc = _raised(lambda: conn.execute(text("SELECT 2")))
            assert isinstance(exc, DBAPIError)
            assert is_connection_lost(exc)
            # While cut, a new connection is refused at once.
            again = _raised(lambda: db.engine.connect().close())
            assert is_connection_lost(again)
            proxy.restore()
            with db.engine.connect() as conn:
                assert conn.execute(text("SELECT 3")).scalar() == 3
        finally:
            db.dispose()


def test_a_terminated_backend(pg_admin: str) -> None:
    engine = create_engine(pg_admin)
    try:
        with engine.connect() as victim:
            pid = victim.execute(text("SELECT pg_backend_pid()")).scalar()
            with engine.connect() as admin:
                admin.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
            exc = _raised(lambda: victim.execute(text("SELECT 1")))
    finally:
        engine.dispose()
    assert getattr(getattr(exc, "orig", None), "sqlstate", None) == "57P01"
    assert is_connection_lost(exc)


# ---------------------------------------------------------------- the database answered


def test_a_floor_refusal_is_not_an_outage() -> None:
    assert not is_connection_lost(
        FloorError("task_taken", "task W1 #1 is being picked at HZ1-PICK-02")
    )
    assert not is_connection_lost(ValueError("bad input"))


def test_a_local_file_or_device_error_is_not_the_database(tmp_path: Path) -> None:
    missing = _raised(lambda: (tmp_path / "no-such-scale").open())
    assert isinstance(missing, FileNotFoundError)
    assert not is_connection_lost(missing)


def test_a_busy_sqlite_is_a_race_not_an_outage(tmp_path: Path) -> None:
    path = tmp_path / "busy.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.05})
    try:
        with engine.connect() as conn:
            exc = _raised(lambda: conn.exec_driver_sql("INSERT INTO t VALUES (1)"))
    finally:
        holder.rollback()
        holder.close()
        engine.dispose()
    assert is_retryable(exc)
    assert not is_connection_lost(exc)


def test_a_missing_table_is_not_an_outage(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path}/x.sqlite3")
    with engine.connect() as conn:
        exc = _raised(lambda: conn.exec_driver_sql("SELECT * FROM nowhere"))
    engine.dispose()
    assert not is_connection_lost(exc)


@pytest.fixture
def pg(pg_admin: str) -> Iterator[Database]:
    db = Database(pg_admin)
    yield db
    db.dispose()


def test_postgres_answers_are_not_outages(pg: Database) -> None:
    with pg.engine.connect() as conn:
        timeout = _raised(
            lambda: conn.execute(text("SET LOCAL statement_timeout = 50; SELECT pg_sleep(2)"))
        )
    assert getattr(timeout.orig, "sqlstate", None) == "57014"  # query_canceled: the server is there
    assert not is_connection_lost(timeout)
    with pg.engine.connect() as conn:
        syntax = _raised(lambda: conn.execute(text("SELEC 1")))
    assert not is_connection_lost(syntax)
    with pg.engine.connect() as conn:
        zero = _raised(lambda: conn.execute(text("SELECT 1 / 0")))
    assert not is_connection_lost(zero)


def test_a_deadlock_is_retryable_not_an_outage(pg: Database) -> None:
    a = pg.engine.connect()
    b = pg.engine.connect()
    try:
        a.execute(text("CREATE TABLE IF NOT EXISTS outage_deadlock (id int primary key, v int)"))
        a.execute(text("INSERT INTO outage_deadlock VALUES (1, 0), (2, 0) ON CONFLICT DO NOTHING"))
        a.commit()
        a.execute(text("UPDATE outage_deadlock SET v = v + 1 WHERE id = 1"))
        b.execute(text("UPDATE outage_deadlock SET v = v + 1 WHERE id = 2"))
        errors: list[BaseException] = []

        def second() -> None:
            try:
                b.execute(text("UPDATE outage_deadlock SET v = v + 1 WHERE id = 1"))
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)

        t = threading.Thread(target=second)
        t.start()
        try:
            a.execute(text("UPDATE outage_deadlock SET v = v + 1 WHERE id = 2"))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        t.join(30)
        assert errors, "one side must lose the deadlock"
        exc = errors[0]
        assert is_retryable(exc)
        assert not is_connection_lost(exc)
    finally:
        a.close()
        b.close()
        with pg.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS outage_deadlock"))
