"""A scratch database for a bench run on a PostgreSQL server, dropped afterwards.

A bench given a server's URL never writes into the database the URL names (often
``postgres`` itself): it creates its own, runs there, and drops it, so nothing of a
run is left behind on a shared server.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.db.url import normalize_url


@contextmanager
def scratch_database(server: str) -> Iterator[str]:
    """The URL of a new empty database on ``server`` (a PostgreSQL URL), for the
    length of the ``with``; raises at once if the server cannot be reached."""
    admin_url = make_url(normalize_url(server))
    name = f"wavedesk_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield admin_url.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
