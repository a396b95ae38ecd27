"""``wavedesk seed`` and ``wavedesk demo``: demo data, and the demo station."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.common import EXIT_OK, CliError, as_cli_error, open_db
from app.db.url import resolve_db_url


def cmd_seed(args: argparse.Namespace) -> int:
    from app.db.migrate import upgrade
    from app.demo import seed_demo

    if not args.demo:
        raise CliError("only demo data can be seeded: pass --demo")
    url = resolve_db_url(args.db)
    upgrade(url)
    with open_db(args) as db, as_cli_error(ValueError):
        summary = seed_demo(
            db, orders=args.orders, seed=args.seed, log=lambda m: print(m, file=sys.stderr)
        )
    print(summary)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from app.demo import run_demo

    return run_demo(args.db, args.orders, args.no_window, station=args.station)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    seed = sub.add_parser("seed", parents=[common], help="fill a new database with demo data")
    seed.add_argument("--demo", action="store_true", required=True)
    seed.add_argument("--orders", type=int, default=600)
    seed.add_argument("--seed", type=int, default=7)
    seed.set_defaults(func=cmd_seed)

    demo = sub.add_parser(
        "demo", parents=[common], help="seed the embedded database if new and open wavedesk"
    )
    demo.add_argument("--orders", type=int, default=600)
    demo.add_argument(
        "--no-window", action="store_true", help="seed and print the floor, no window"
    )
    demo.add_argument(
        "--station",
        default="HZ1-PACK-01",
        metavar="NAME",
        help="the demo station (HZ1-PICK-01 to pick)",
    )
    demo.set_defaults(func=cmd_demo)
