"""Where the database is: ``--db``, else ``WAVEDESK_DB``, else an SQLite file in the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_DB = "WAVEDESK_DB"


def default_db_path() -> Path:
    return Path(user_data_dir("wavedesk", appauthor=False)) / "wavedesk.sqlite3"


def resolve_db_url(option: str | None = None) -> str:
    if option:
        return normalize_url(option)
    env = os.environ.get(ENV_DB)
    if env:
        return normalize_url(env)
    path = default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def normalize_url(url: str) -> str:
    """Accept plain file paths and bare ``postgresql://`` URLs (psycopg 3 is the driver)."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def safe_url(url: str) -> str:
    """The database URL with any password hidden, for messages and logs."""
    from sqlalchemy.engine import make_url  # noqa: PLC0415 - the URL helpers above need no SQLAlchemy

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a URL we cannot parse is shown without its credentials part
        return url.rsplit("@", 1)[-1]
