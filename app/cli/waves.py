"""``wavedesk waves``: group allocated orders into waves, carts and routed pick tasks."""

from __future__ import annotations

import argparse
from datetime import time
from typing import Any

from app.cli.common import EXIT_OK, CliError, as_cli_error, open_db, print_json


def _parse_cutoff(text: str | None) -> time | None:
    if text is None:
        return None
    try:
        hours, minutes = text.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise CliError(f"--cutoff takes a local time like 17:30, not {text!r}") from None


def cmd_waves_build(args: argparse.Namespace) -> int:
    from app.services.waves import WaveError, WaveOptions, build_waves

    options = WaveOptions(
        warehouse=args.warehouse,
        carrier=args.carrier,
        cutoff=_parse_cutoff(args.cutoff),
        max_orders=args.max_orders,
        cart_totes=args.cart_totes,
        cart_units=args.cart_units,
        sort_mode="pick_then_sort" if args.put_wall else "pick_and_sort",
        dry_run=args.dry_run,
    )
    with open_db(args) as db, as_cli_error(WaveError):
        result = build_waves(db, options)
    if args.json:
        print_json(result.as_json())
        return EXIT_OK
    for w in result.as_json()["waves"]:
        print(
            f"{w['code'] or '(dry run)'}  {w['kind']:<6} {w['carrier']:<6} cut-off {w['cutoff'][:16]}  "
            f"{w['orders']:>4} orders  {len(w['batches']):>3} tasks  {w['distance']:>9.1f} m "
            f"(FCFS {w['fcfs_distance']:.1f} m, {w['saving_vs_fcfs']:.0%} shorter)"
        )
    print(result.summary())
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    waves = sub.add_parser("waves", help="group allocated orders into waves").add_subparsers(
        dest="waves_command", required=True
    )
    wb = waves.add_parser("build", parents=[common], help="plan and release waves")
    wb.add_argument("--warehouse", required=True, metavar="CODE")
    wb.add_argument("--carrier", metavar="C")
    wb.add_argument("--cutoff", metavar="HH:MM", help="local cut-off time the waves are for")
    wb.add_argument("--max-orders", type=int, default=500, metavar="N")
    wb.add_argument("--cart-totes", type=int, default=8, metavar="K")
    wb.add_argument("--cart-units", type=int, metavar="U", help="units one cart holds")
    wb.add_argument(
        "--put-wall", action="store_true", help="pick in bulk, sort at a put wall (先拣后分)"
    )
    wb.add_argument("--dry-run", action="store_true")
    wb.add_argument("--json", action="store_true")
    wb.set_defaults(func=cmd_waves_build)
