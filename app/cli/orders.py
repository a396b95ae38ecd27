"""``wavedesk review``, ``allocate`` and ``orders``: moving orders on, looking at them,
releasing their holds."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from app.cli.common import EXIT_OK, CliError, as_cli_error, open_db, print_json

if TYPE_CHECKING:
    from app.db.engine import Database


def _count_status(db: Database, status: str) -> int:
    from app.services.orders import status_counts

    return status_counts(db).get(status, 0)


def cmd_review(args: argparse.Namespace) -> int:
    from app.cli.progress import ProgressBar
    from app.services.review import review_orders

    with open_db(args) as db:
        bar = ProgressBar(_count_status(db, "received"), "reviewing")
        report = review_orders(db, progress=bar.advance)
        bar.close()
    print(report.summary())
    return EXIT_OK


def cmd_allocate(args: argparse.Namespace) -> int:
    from app.cli.progress import ProgressBar
    from app.services.allocation import allocate_orders

    with open_db(args) as db:
        bar = ProgressBar(_count_status(db, "approved"), "allocating")
        report = allocate_orders(db, split=args.split, progress=bar.advance)
        bar.close()
    for order_no, why in report.waiting_orders[: args.show_waiting]:
        print(f"waiting {order_no}: {why}", file=sys.stderr)
    if len(report.waiting_orders) > args.show_waiting:
        print(
            f"… and {len(report.waiting_orders) - args.show_waiting} more waiting", file=sys.stderr
        )
    print(report.summary())
    return EXIT_OK


def cmd_orders_list(args: argparse.Namespace) -> int:
    from app.services.orders import list_orders

    with open_db(args) as db:
        try:
            rows = list_orders(db, args.status, args.limit)
        except ValueError as exc:
            raise CliError(f"unknown status {args.status}") from exc
    if args.json:
        print_json(rows)
        return EXIT_OK
    for r in rows:
        print(
            f"{r['order_no']:<24} {r['store']:<16} {r['status']:<10} {r['payment_status']:<10} "
            f"{r['warehouse'] or '-':<5} {r['recipient']} {r['province']}{r['city']}"
        )
    print(f"{len(rows)} orders", file=sys.stderr)
    return EXIT_OK


def cmd_orders_show(args: argparse.Namespace) -> int:
    from app.services.orders import OrderNotFound, order_detail

    with open_db(args) as db, as_cli_error(OrderNotFound):
        detail = order_detail(db, args.order_no, args.store)
    if args.json:
        print_json(detail)
        return EXIT_OK
    r = detail["recipient"]
    print(f"{detail['order_no']}  {detail['store']} ({detail['platform']})  {detail['status']}")
    print(f"  payment {detail['payment_status']}, warehouse {detail['warehouse'] or '-'}")
    print(
        f"  {r['name']} {r['phone']}  {r['province']} {r['city']} {r['district']} {r['address']} {r['postcode']}"
    )
    for h in detail["hold_reasons"]:
        print(f"  HOLD {h['code']}: {h['detail']}")
    for ln in detail["lines"]:
        print(f"  {ln['qty']:>4} × {ln['sku']:<16} {ln['unit_price']:>10}  {ln['name']}")
    for s in detail["shipments"]:
        print(f"  shipment {s['carrier']} {s['tracking_no']} {s['status']}")
    if detail["interception"]:
        print(f"  INTERCEPT: {detail['interception']}")
    return EXIT_OK


def cmd_orders_release(args: argparse.Namespace) -> int:
    from app.domain.floor_errors import FloorError
    from app.services.supervision import release_order_holds

    with open_db(args) as db, as_cli_error(FloorError):
        done = release_order_holds(db, args.order_no, args.user, args.reason, args.store)
    print(done.summary)
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    sub.add_parser(
        "review", parents=[common], help="run the review rules on received orders"
    ).set_defaults(func=cmd_review)
    al = sub.add_parser("allocate", parents=[common], help="assign approved orders to warehouses")
    mode = al.add_mutually_exclusive_group()
    mode.add_argument(
        "--split",
        dest="split",
        action="store_const",
        const="split",
        help="split orders no warehouse can ship whole",
    )
    mode.add_argument(
        "--wait", dest="split", action="store_const", const="wait", help="let such orders wait"
    )
    al.add_argument("--show-waiting", type=int, default=20, metavar="N")
    al.set_defaults(func=cmd_allocate)

    orders = sub.add_parser("orders", help="look at orders, release holds").add_subparsers(
        dest="orders_command", required=True
    )
    ol = orders.add_parser("list", parents=[common])
    ol.add_argument("--status")
    ol.add_argument("--limit", type=int, default=1000)
    ol.add_argument("--json", action="store_true")
    ol.set_defaults(func=cmd_orders_list)
    os_ = orders.add_parser("show", parents=[common])
    os_.add_argument("order_no", metavar="NO")
    os_.add_argument("--store")
    os_.add_argument("--json", action="store_true")
    os_.set_defaults(func=cmd_orders_show)
    orl = orders.add_parser("release", parents=[common], help="release a hold (supervisor)")
    orl.add_argument("order_no", metavar="NO")
    orl.add_argument("--user", required=True, metavar="BADGE")
    orl.add_argument(
        "--reason", default="", help="why (required: every release is recorded with who and why)"
    )
    orl.add_argument("--store")
    orl.set_defaults(func=cmd_orders_release)
