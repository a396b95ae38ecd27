"""Shared fixtures: an empty migrated database per test, on SQLite always and on
PostgreSQL too when WAVEDESK_TEST_PG_URL names a server we may create databases on.

Every test is also watched for what it leaves running (tests/support/leaks.py): a
Python thread, a QThread or an active QTimer still there after the test's teardown
fails the test, naming it and where it was started."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from leaks import LeakWatch, report
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.db.engine import Database  # noqa: E402
from app.db.migrate import upgrade  # noqa: E402
from app.db.models import Base  # noqa: E402
from app.db.url import normalize_url  # noqa: E402

PG_ENV = "WAVEDESK_TEST_PG_URL"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def leak_watch() -> Iterator[LeakWatch]:
    watch = LeakWatch().install()
    yield watch
    watch.uninstall()


@pytest.fixture(autouse=True)
def no_leaks(leak_watch: LeakWatch) -> Iterator[None]:
    """Fails the test if a thread or timer it started is still running after it."""
    leak_watch.begin()
    yield
    leaks = leak_watch.end()
    if leaks:
        pytest.fail(report(leaks), pytrace=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    admin = os.environ.get(PG_ENV)
    if not admin:
        pytest.skip(f"{PG_ENV} is not set")
    admin_url = make_url(normalize_url(admin))
    name = f"wavedesk_test_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    yield url
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def _truncate_pg(url: str) -> None:
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def pg_url(pg_server_url: str) -> str:
    """The PostgreSQL test database, emptied, for tests about PostgreSQL itself (row
    locks, LISTEN, a server behind a proxy); skipped when WAVEDESK_TEST_PG_URL is unset."""
    _truncate_pg(pg_server_url)
    return pg_server_url


def _sqlite_copy(template: Path, folder: Path) -> str:
    """The URL of a fresh copy of the migrated template in ``folder``."""
    path = folder / "wavedesk.sqlite3"
    shutil.copy(template, path)
    return f"sqlite:///{path}"


def _opened(url: str) -> Iterator[Database]:
    database = Database(url)
    yield database
    database.dispose()


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    yield from _opened(pg_url)


@pytest.fixture(params=["sqlite", "pg"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return _sqlite_copy(request.getfixturevalue("sqlite_template"), tmp_path)
    url = request.getfixturevalue("pg_server_url")
    _truncate_pg(url)
    return url


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    yield from _opened(db_url)


@pytest.fixture
def sqlite_db(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """For tests whose subject does not depend on the database engine."""
    yield from _opened(_sqlite_copy(sqlite_template, tmp_path))
