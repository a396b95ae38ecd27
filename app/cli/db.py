"""``wavedesk db``: database maintenance."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import EXIT_OK
from app.db.url import resolve_db_url, safe_url


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from app.db.migrate import upgrade

    url = resolve_db_url(args.db)
    upgrade(url)
    print(f"database at {safe_url(url)} is up to date")
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    db = sub.add_parser("db", help="database maintenance").add_subparsers(
        dest="db_command", required=True
    )
    db.add_parser("upgrade", parents=[common], help="create or migrate the schema").set_defaults(
        func=cmd_db_upgrade
    )
