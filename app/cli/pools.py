"""``wavedesk pools``: the tracking-number ranges the carriers assigned."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.common import EXIT_OK, as_cli_error, open_db, print_json


def cmd_pools_list(args: argparse.Namespace) -> int:
    from app.services.shipping import list_pools

    with open_db(args) as db:
        pools = list_pools(db)
    if args.json:
        print_json(
            [
                {
                    "id": p.id,
                    "carrier": p.carrier,
                    "first": p.first_number,
                    "last": p.last_number,
                    "next": p.next_number,
                    "remaining": p.remaining,
                    "check_rule": p.check_rule,
                    "active": p.active,
                }
                for p in pools
            ]
        )
        return EXIT_OK
    for p in pools:
        state = "" if p.active else "  (inactive)"
        print(
            f"{p.id:>4}  {p.carrier:<10} {p.first_number} … {p.last_number}  {p.check_rule:<7} "
            f"{p.remaining:>10} left, next {p.next_number or '-'}{state}"
        )
    print(f"{len(pools)} pools", file=sys.stderr)
    return EXIT_OK


def cmd_pools_add(args: argparse.Namespace) -> int:
    from app.domain.floor_errors import FloorError
    from app.services.shipping import add_pool, list_pools

    with open_db(args) as db, as_cli_error(FloorError):
        pid = add_pool(
            db,
            args.carrier,
            prefix=args.prefix,
            start=args.start,
            end=args.end,
            digits=args.digits,
            check_rule=args.rule,
            suffix=args.suffix,
        )
        pool = next(p for p in list_pools(db) if p.id == pid)
    print(
        f"pool {pid} added for {pool.carrier}: {pool.first_number} … {pool.last_number} "
        f"({pool.remaining} numbers)"
    )
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    pools = sub.add_parser("pools", help="tracking-number ranges from the carriers").add_subparsers(
        dest="pools_command", required=True
    )
    pl = pools.add_parser("list", parents=[common], help="the ranges and how many numbers are left")
    pl.add_argument("--json", action="store_true")
    pl.set_defaults(func=cmd_pools_list)
    pa = pools.add_parser("add", parents=[common], help="add a range a carrier assigned")
    pa.add_argument("--carrier", required=True, metavar="CODE", help="SF, ZTO, EMS, UPS …")
    pa.add_argument("--prefix", default="", metavar="TEXT")
    pa.add_argument("--suffix", default="", metavar="TEXT", help="e.g. CN for EMS")
    pa.add_argument("--start", required=True, type=int, metavar="N", help="first serial")
    pa.add_argument("--end", required=True, type=int, metavar="N", help="last serial")
    pa.add_argument(
        "--digits", required=True, type=int, metavar="N", help="serial digits (zero-padded)"
    )
    pa.add_argument(
        "--rule",
        default="none",
        metavar="RULE",
        help="check digit: none, s10, ups, usps, fedex96, mod7",
    )
    pa.set_defaults(func=cmd_pools_add)
