"""The ``wavedesk`` command.

Every subcommand takes ``--db URL`` (else ``WAVEDESK_DB``, else the embedded SQLite
file). Exit status: 0 all good, 1 something was rejected or refused, 2 bad usage.

Each command group lives in its own module with a ``register(sub, common)`` that adds
its parsers; this module only puts the parser together and runs the chosen command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app.cli import db, demo, imports, labels, orders, pools, route, station, warehouse, waves
from app.cli.common import EXIT_REJECTED, CliError


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", metavar="URL", help="database URL or SQLite file (else $WAVEDESK_DB)"
    )
    p = argparse.ArgumentParser(prog="wavedesk", description="wavedesk warehouse order system")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # The order here is the order `wavedesk --help` lists the commands in.
    db.register(sub, common)
    imports.register(sub, common)
    orders.register(sub, common)
    warehouse.register(sub, common)
    demo.register(sub, common)
    station.register(sub, common)
    waves.register(sub, common)
    route.register(sub, common)
    warehouse.register_totes(sub, common)
    labels.register(sub, common)
    pools.register(sub, common)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"wavedesk: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    except KeyboardInterrupt:
        print("wavedesk: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a database that is down should read as one line, not a trace
        from sqlalchemy.exc import OperationalError

        from app.db.errors import describe_db_error

        if isinstance(exc, OperationalError):
            print(
                f"wavedesk: database error: {describe_db_error(exc)}",
                file=sys.stderr,
            )
            return EXIT_REJECTED
        raise


if __name__ == "__main__":
    sys.exit(main())
