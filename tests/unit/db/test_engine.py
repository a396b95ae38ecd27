"""The PostgreSQL engine's connection care: idle connections are checked before use,
and bulk writers can ask for custom plans for their own transaction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from app.db import engine as engine_mod
from app.db.engine import Database, custom_plans


@pytest.fixture
def pg(pg_server_url: str) -> Iterator[Database]:
    db = Database(pg_server_url, pool_size=1, max_overflow=0)
    yield db
    db.dispose()


def _backend_pid(db: Database) -> int:
    with db.read() as s:
        return int(s.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _kill(pg_server_url: str, pid: int) -> None:
    other = Database(pg_server_url)
    try:
        with other.unit_of_work() as s:
            assert s.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar_one()
    finally:
        other.dispose()


def test_an_idle_connection_the_server_dropped_is_replaced_unseen(
    pg: Database, pg_server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _backend_pid(pg)
    _kill(pg_server_url, first)
    monkeypatch.setattr(engine_mod, "PING_AFTER_IDLE_S", 0.0)  # every checkout counts as idle
    assert _backend_pid(pg) != first


def test_a_connection_used_a_moment_ago_is_not_pinged_and_the_next_use_reconnects(
    pg: Database, pg_server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_mod, "PING_AFTER_IDLE_S", 3600.0)
    first = _backend_pid(pg)
    _kill(pg_server_url, first)
    # No ping, so the loss shows on the statement (the station's outage handling takes it)...
    with pytest.raises(OperationalError):
        _backend_pid(pg)
    # ...and the pool has let the dead connection go.
    assert _backend_pid(pg) != first


def test_custom_plans_hold_for_the_transaction_that_asks(pg: Database) -> None:
    with pg.unit_of_work() as s:
        custom_plans(s)
        assert s.execute(text("SHOW plan_cache_mode")).scalar_one() == "force_custom_plan"
    with pg.unit_of_work() as s:
        assert s.execute(text("SHOW plan_cache_mode")).scalar_one() == "auto"


def test_custom_plans_is_a_no_op_on_sqlite(sqlite_db: Database) -> None:
    with sqlite_db.unit_of_work() as s:
        custom_plans(s)
        assert s.execute(text("SELECT 1")).scalar_one() == 1
