"""``wavedesk warehouse`` and ``wavedesk totes``: a warehouse, its floor and its totes."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.common import EXIT_OK, as_cli_error, open_db, print_json


def cmd_warehouse_add(args: argparse.Namespace) -> int:
    from app.services.warehouse import WarehouseExists, add_warehouse

    with open_db(args) as db, as_cli_error(WarehouseExists, ValueError):
        add_warehouse(
            db,
            code=args.code,
            name=args.name or args.code,
            province=args.province,
            city=args.city,
            address=args.address,
            lat=args.lat,
            lon=args.lon,
            aisles=args.aisles,
            aisle_length=args.aisle_length,
            aisle_spacing=args.aisle_spacing,
            blocks=args.blocks,
            depot_x=args.depot_x,
        )
    print(f"warehouse {args.code} added")
    return EXIT_OK


def cmd_totes_add(args: argparse.Namespace) -> int:
    from app.domain.floor_errors import FloorError
    from app.services.warehouse import add_totes

    with open_db(args) as db, as_cli_error(FloorError):
        codes = add_totes(db, args.warehouse, args.count, args.start)
    print(f"added {len(codes)} totes to {args.warehouse}: {codes[0]} … {codes[-1]}")
    return EXIT_OK


def cmd_totes_list(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from app.domain.floor_errors import FloorError
    from app.services.warehouse import list_totes

    with open_db(args) as db, as_cli_error(FloorError):
        totes = list_totes(db, args.warehouse, args.status)
    if args.json:
        print_json([asdict(t) for t in totes])
        return EXIT_OK
    for t in totes:
        print(f"{t.code:<10} {t.status:<8} {t.order_no or ''}")
    print(f"{len(totes)} totes", file=sys.stderr)
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    wh = sub.add_parser("warehouse", help="warehouses").add_subparsers(
        dest="wh_command", required=True
    )
    wa = wh.add_parser("add", parents=[common])
    wa.add_argument("code")
    wa.add_argument("--name")
    wa.add_argument("--province", required=True)
    wa.add_argument("--city", required=True)
    wa.add_argument("--address", default="")
    wa.add_argument("--lat", type=float)
    wa.add_argument("--lon", type=float)
    wa.add_argument("--aisles", type=int, default=10)
    wa.add_argument("--aisle-length", type=float, default=30.0)
    wa.add_argument("--aisle-spacing", type=float, default=3.0)
    wa.add_argument("--blocks", type=int, default=1)
    wa.add_argument("--depot-x", type=float, default=0.0)
    wa.set_defaults(func=cmd_warehouse_add)


def register_totes(sub: Any, common: argparse.ArgumentParser) -> None:
    """Apart from ``register`` only so that ``wavedesk --help`` keeps listing the
    totes with the setup commands (labels, scan sheet), where they have always been."""
    totes = sub.add_parser("totes", help="totes (周转箱)").add_subparsers(
        dest="totes_command", required=True
    )
    ta = totes.add_parser(
        "add", parents=[common], help="add numbered totes T-0001 … to a warehouse"
    )
    ta.add_argument("--warehouse", required=True, metavar="CODE")
    ta.add_argument("--count", required=True, type=int, metavar="N")
    ta.add_argument(
        "--start", type=int, metavar="N", help="first number (default: after the highest)"
    )
    ta.set_defaults(func=cmd_totes_add)
    tl = totes.add_parser("list", parents=[common], help="a warehouse's totes")
    tl.add_argument("--warehouse", required=True, metavar="CODE")
    tl.add_argument("--status", choices=["free", "picking", "picked", "packing"])
    tl.add_argument("--json", action="store_true")
    tl.set_defaults(func=cmd_totes_list)
