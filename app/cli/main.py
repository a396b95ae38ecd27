"""The ``wavedesk`` command.

Every subcommand takes ``--db URL`` (else ``WAVEDESK_DB``, else the embedded SQLite
file). Exit status: 0 all good, 1 something was rejected or refused, 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from app.db.url import resolve_db_url
from app.db.url import safe_url as _safe_url

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A problem the user can fix; printed without a traceback."""


def _db(args: argparse.Namespace) -> Any:
    from app.db.engine import Database
    from app.db.migrate import current_revision

    url = resolve_db_url(args.db)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        raise CliError(
            f"no database at {url.removeprefix('sqlite:///')}; create it with 'wavedesk db upgrade' "
            "(with the same --db) or start 'wavedesk demo'"
        )
    if current_revision(url) is None:
        raise CliError(
            f"the database at {_safe_url(url)} has no wavedesk schema yet; "
            "run 'wavedesk db upgrade' (with the same --db) first"
        )
    return Database(url)


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _report_rejects(rejected: Sequence[Any]) -> None:
    for r in rejected:
        where = f"{r.source_file}:{r.row}" if r.row else r.source_file
        order = f" order {r.order_no}:" if r.order_no else ""
        print(f"rejected {where}:{order} {r.reason}", file=sys.stderr)


# -- db ---------------------------------------------------------------------------------


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from app.db.migrate import upgrade

    url = resolve_db_url(args.db)
    upgrade(url)
    print(f"database at {_safe_url(url)} is up to date")
    return EXIT_OK


# -- import -----------------------------------------------------------------------------


def _order_items(paths: list[Path], fmt: str) -> Iterator[Any]:
    from app.services.intake import generic, shopify, sniff, taobao

    if fmt in ("taobao", "tmall"):
        yield from taobao.parse_taobao(paths, platform=fmt)
        return
    taobao_files: list[Path] = []
    for path in paths:
        kind = sniff.sniff_orders_format(path) if fmt == "auto" else fmt
        if kind == "taobao":
            taobao_files.append(path)
        elif kind == "shopify":
            yield from shopify.parse_shopify_orders(path)
        elif kind in ("generic", "generic-csv"):
            if path.suffix.lower() in (".jsonl", ".ndjson", ".json") and fmt == "generic":
                yield from generic.parse_generic_orders_jsonl(path)
            else:
                yield from generic.parse_generic_orders_csv(path)
        elif kind == "generic-jsonl":
            yield from generic.parse_generic_orders_jsonl(path)
        else:
            raise CliError(f"unknown format {kind}")
    if taobao_files:
        yield from taobao.parse_taobao(taobao_files)


def _rows_to_read(paths: list[Path]) -> int:
    """About how many records the import will read, for the progress bar.

    Taobao detail files are read along with their order list, whose rows the
    orders report, so only the list counts.
    """
    from app.services.intake import taobao
    from app.services.intake.csvtext import FileFormatError, decode_bytes

    total = 0
    for p in paths:
        data = p.read_bytes()
        try:
            first = decode_bytes(data[:4096].rsplit(b"\n", 1)[0])[0].splitlines()[:1]
        except FileFormatError:
            first = []
        header = [h.strip() for h in first[0].split(",")] if first else []
        if header and taobao.is_taobao_order_details(header):
            continue
        total += max(data.count(b"\n") - (0 if p.suffix.lower() in (".jsonl", ".ndjson") else 1), 0)
    return total


def _track_rows(items: Iterator[Any], advance: Callable[[int], None]) -> Iterator[Any]:
    last: dict[str, int] = {}
    for item in items:
        row = getattr(item, "source_row", None) or getattr(item, "row", 0)
        name = getattr(item, "source_file", "")
        step = row - last.get(name, 1)
        if step > 0:
            advance(step)
            last[name] = row
        yield item


def cmd_import_orders(args: argparse.Namespace) -> int:
    from app.cli.progress import ProgressBar
    from app.services.intake.apply import import_orders
    from app.services.intake.csvtext import FileFormatError

    paths = [Path(p) for p in args.files]
    for p in paths:
        if not p.is_file():
            raise CliError(f"no such file: {p}")
    bar = ProgressBar(_rows_to_read(paths), "importing orders")
    db = _db(args)
    try:
        # Streamed, not collected: holding every parsed order alive costs memory
        # and makes the garbage collector scan it over and over.
        items = _track_rows(_order_items(paths, args.format), bar.advance)
        report = import_orders(db, items, default_store=args.store)
    except FileFormatError as exc:
        raise CliError(str(exc)) from exc
    finally:
        bar.close()
        db.dispose()
    _report_rejects(report.rejected)
    print(report.summary())
    return EXIT_OK if report.ok else EXIT_REJECTED


def cmd_import_catalog(args: argparse.Namespace) -> int:
    from app.services.intake import generic, shopify, sniff
    from app.services.intake.csvtext import FileFormatError
    from app.services.warehouse import catalog

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"no such file: {path}")
    kind: str = args.kind
    parsers: dict[str, Callable[[Path], Any]] = {
        "locations": generic.parse_generic_locations,
        "stock": generic.parse_generic_stock,
    }
    appliers: dict[str, Callable[..., Any]] = {
        "products": catalog.import_products,
        "locations": catalog.import_locations,
        "stock": catalog.import_stock,
    }
    try:
        if kind == "products":
            fmt = sniff.sniff_products_format(path) if args.format == "auto" else args.format
            parse = (
                shopify.parse_shopify_products
                if fmt == "shopify"
                else generic.parse_generic_products
            )
            items = list(parse(path))
        else:
            items = list(parsers[kind](path))
    except FileFormatError as exc:
        raise CliError(str(exc)) from exc
    db = _db(args)
    try:
        report = appliers[kind](db, items, str(path))
    finally:
        db.dispose()
    _report_rejects(report.rejected)
    print(f"{kind}: {report.summary()}")
    return EXIT_OK if report.ok else EXIT_REJECTED


# -- review / allocate ------------------------------------------------------------------


def _count_status(db: Any, status: str) -> int:
    from app.services.orders import status_counts

    return status_counts(db).get(status, 0)


def cmd_review(args: argparse.Namespace) -> int:
    from app.cli.progress import ProgressBar
    from app.services.review import review_orders

    db = _db(args)
    try:
        bar = ProgressBar(_count_status(db, "received"), "reviewing")
        report = review_orders(db, progress=bar.advance)
        bar.close()
    finally:
        db.dispose()
    print(report.summary())
    return EXIT_OK


def cmd_allocate(args: argparse.Namespace) -> int:
    from app.cli.progress import ProgressBar
    from app.services.allocation import allocate_orders

    db = _db(args)
    try:
        bar = ProgressBar(_count_status(db, "approved"), "allocating")
        report = allocate_orders(db, split=args.split, progress=bar.advance)
        bar.close()
    finally:
        db.dispose()
    for order_no, why in report.waiting_orders[: args.show_waiting]:
        print(f"waiting {order_no}: {why}", file=sys.stderr)
    if len(report.waiting_orders) > args.show_waiting:
        print(
            f"… and {len(report.waiting_orders) - args.show_waiting} more waiting", file=sys.stderr
        )
    print(report.summary())
    return EXIT_OK


# -- orders -----------------------------------------------------------------------------


def cmd_orders_list(args: argparse.Namespace) -> int:
    from app.services.orders import list_orders

    db = _db(args)
    try:
        try:
            rows = list_orders(db, args.status, args.limit)
        except ValueError as exc:
            raise CliError(f"unknown status {args.status}") from exc
    finally:
        db.dispose()
    if args.json:
        _print_json(rows)
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

    db = _db(args)
    try:
        detail = order_detail(db, args.order_no, args.store)
    except OrderNotFound as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.dispose()
    if args.json:
        _print_json(detail)
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
    from app.domain.status import IllegalTransition
    from app.services.orders import NotAllowed, OrderNotFound, release_hold

    db = _db(args)
    try:
        result = release_hold(db, args.order_no, args.user, args.reason, args.store)
    except (NotAllowed, OrderNotFound, IllegalTransition) as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.dispose()
    released = ", ".join(result["released"]) or "no open holds"
    print(f"{result['order_no']} approved by {result['by']} (released: {released})")
    return EXIT_OK


# -- warehouses, seed, demo ---------------------------------------------------------------


def cmd_warehouse_add(args: argparse.Namespace) -> int:
    from app.services.warehouse import WarehouseExists, add_warehouse

    db = _db(args)
    try:
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
    except (WarehouseExists, ValueError) as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.dispose()
    print(f"warehouse {args.code} added")
    return EXIT_OK


def cmd_seed(args: argparse.Namespace) -> int:
    from app.db.migrate import upgrade
    from app.demo import seed_demo

    if not args.demo:
        raise CliError("only demo data can be seeded: pass --demo")
    url = resolve_db_url(args.db)
    upgrade(url)
    db = _db(args)
    try:
        summary = seed_demo(
            db, orders=args.orders, seed=args.seed, log=lambda m: print(m, file=sys.stderr)
        )
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.dispose()
    print(summary)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from app.demo import run_demo

    return run_demo(args.db, args.orders, args.no_window, station=args.station)


def cmd_station(args: argparse.Namespace) -> int:
    """Saved settings + command line, checked; bad values are a usage error (exit 2)."""
    from dataclasses import asdict, replace

    from app.services.station import machine_settings as station_settings

    try:
        saved = station_settings.load()
    except station_settings.SettingsError as exc:
        print(f"wavedesk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    overrides = {
        "db": args.db,
        "station": args.station,
        "scanner": args.scanner,
        "scale": args.scale,
        "printer": args.printer,
        "label_format": args.label,
        "label_size": args.label_size,
        "lang": args.lang,
    }
    config = station_settings.merge(saved, overrides)
    problems = station_settings.validate(config)
    for problem in problems:
        print(f"wavedesk: {problem}", file=sys.stderr)
    if problems:
        return EXIT_USAGE
    if args.save:
        print(f"station settings saved in {station_settings.save(config)}", file=sys.stderr)
    if args.check:
        _print_json({**asdict(config), "db": _safe_url(resolve_db_url(config.db or None))})
        return EXIT_OK
    _db(argparse.Namespace(db=config.db or None)).dispose()  # exists, with the schema
    from app.demo import open_station

    return open_station(replace(config, db=resolve_db_url(config.db or None)))


# -- routing ------------------------------------------------------------------------------


def cmd_route(args: argparse.Namespace) -> int:
    from app.cli.route import run_route

    try:
        result = run_route(Path(args.layout), Path(args.picks), args.method)
    except (ValueError, OSError) as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        _print_json(result)
    else:
        print(f"{result['method']}: {result['distance']:.2f} m")
        print(" → ".join(["depot", *result["sequence"], "depot"]))
    return EXIT_OK


def _parse_cutoff(text: str | None) -> Any:
    from datetime import time

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
    db = _db(args)
    try:
        result = build_waves(db, options)
    except WaveError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.dispose()
    if args.json:
        _print_json(result.as_json())
        return EXIT_OK
    for w in result.as_json()["waves"]:
        print(
            f"{w['code'] or '(dry run)'}  {w['kind']:<6} {w['carrier']:<6} cut-off {w['cutoff'][:16]}  "
            f"{w['orders']:>4} orders  {len(w['batches']):>3} tasks  {w['distance']:>9.1f} m "
            f"(FCFS {w['fcfs_distance']:.1f} m, {w['saving_vs_fcfs']:.0%} shorter)"
        )
    print(result.summary())
    return EXIT_OK


# -- packing: shipping labels, tracking-number pools --------------------------------------------


def cmd_label(args: argparse.Namespace) -> int:
    from app.domain.floor_errors import FloorError
    from app.services.printing import label_document

    out = Path(args.out).expanduser()
    if out.is_dir() or not out.parent.is_dir():
        raise CliError(f"cannot write the label to {out}: give a file in a folder that exists")
    fmt = args.format or ("zpl" if out.suffix.lower() == ".zpl" else "pdf")
    db = _db(args)
    try:
        data = label_document(
            db, args.order_no, fmt, args.size, store=args.store, zpl_cjk=args.zpl_cjk
        )
    except FloorError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.dispose()
    part = out.with_name(f".{out.name}.part")  # no half-written label if interrupted
    try:
        part.write_bytes(data)
        part.replace(out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from exc
    print(f"label of order {args.order_no} ({fmt}, {args.size}) written to {out}")
    return EXIT_OK


def cmd_pools_list(args: argparse.Namespace) -> int:
    from app.services.shipping import list_pools

    db = _db(args)
    try:
        pools = list_pools(db)
    finally:
        db.dispose()
    if args.json:
        _print_json(
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

    db = _db(args)
    try:
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
    except FloorError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.dispose()
    print(
        f"pool {pid} added for {pool.carrier}: {pool.first_number} … {pool.last_number} "
        f"({pool.remaining} numbers)"
    )
    return EXIT_OK


def _add_packing_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    lb = sub.add_parser(
        "label", parents=[common], help="the shipping label of a packed order, to a file"
    )
    lb.add_argument("order_no", metavar="ORDER_NO")
    lb.add_argument(
        "--format", choices=["zpl", "pdf"], help="default: zpl for a .zpl file, else pdf"
    )
    lb.add_argument("--size", default="100x150", choices=["4x6", "100x150", "76x130", "100x180"])
    lb.add_argument(
        "--zpl-cjk",
        default="graphic",
        choices=["graphic", "font"],
        help="Chinese text in ZPL: rasterised (any printer) or a printer-resident font",
    )
    lb.add_argument("--store", help="the store, when two stores use the same order number")
    lb.add_argument("--out", required=True, metavar="FILE")
    lb.set_defaults(func=cmd_label)

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


# -- totes, setup labels, scan sheet ---------------------------------------------------------


def _out_path(text: str) -> Path:
    """The --out file, refused before any work when its folder is missing."""
    path = Path(text).expanduser()
    if path.is_dir():
        raise CliError(f"--out {path} is a folder; give a file name such as {path / 'labels.pdf'}")
    if not path.parent.is_dir():
        raise CliError(
            f"the folder {path.parent} does not exist; create it first or choose another --out"
        )
    return path


def _write_out(path: Path, data: bytes) -> None:
    # Through a temporary file: an interrupted run never leaves half a print job behind.
    tmp = path.with_name(f".{path.name}.part")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from exc


def cmd_totes_add(args: argparse.Namespace) -> int:
    from app.domain.floor_errors import FloorError
    from app.services.warehouse import add_totes

    db = _db(args)
    try:
        codes = add_totes(db, args.warehouse, args.count, args.start)
    except FloorError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.dispose()
    print(f"added {len(codes)} totes to {args.warehouse}: {codes[0]} … {codes[-1]}")
    return EXIT_OK


def cmd_totes_list(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from app.domain.floor_errors import FloorError
    from app.services.warehouse import list_totes

    db = _db(args)
    try:
        totes = list_totes(db, args.warehouse, args.status)
    except FloorError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.dispose()
    if args.json:
        _print_json([asdict(t) for t in totes])
        return EXIT_OK
    for t in totes:
        print(f"{t.code:<10} {t.status:<8} {t.order_no or ''}")
    print(f"{len(totes)} totes", file=sys.stderr)
    return EXIT_OK


def cmd_labels(args: argparse.Namespace) -> int:
    from app.cli.progress import ProgressBar
    from app.domain.floor_errors import FloorError
    from app.services.printing import setup_labels as sl

    out = _out_path(args.out)
    fmt = args.format or ("zpl" if out.suffix.lower() == ".zpl" else "pdf")
    if args.kind in ("locations", "totes") and not args.warehouse:
        raise CliError(f"{args.kind} labels belong to a warehouse: pass --warehouse CODE")
    db = _db(args)
    try:
        if args.kind == "locations":
            labels: list[Any] = sl.location_labels(db, args.warehouse, args.aisle)
        elif args.kind == "totes":
            labels = sl.tote_labels(db, args.warehouse)
        elif args.kind == "badges":
            labels = sl.badge_labels(db)
        else:
            labels = sl.product_labels(db, args.sku)
        if not labels:
            where = f" in {args.warehouse}" if args.kind in ("locations", "totes") else ""
            hint = " (add some with 'wavedesk totes add')" if args.kind == "totes" else ""
            raise CliError(f"there are no {args.kind}{where} to print labels for{hint}")
        size = args.size or sl.DEFAULT_SIZES[args.kind].name
        bar = ProgressBar(len(labels), f"{args.kind} labels")
        try:
            data = sl.render_many(labels, fmt, size, progress=bar.advance)
        finally:
            bar.close()
    except FloorError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.dispose()
    _write_out(out, data)
    print(f"{len(labels)} {args.kind[:-1]} labels ({fmt}, {size}) written to {out}")
    return EXIT_OK


def cmd_scan_sheet(args: argparse.Namespace) -> int:
    from app.demo import demo_scan_sheet
    from app.domain.floor_errors import FloorError

    out = _out_path(args.out)
    db = _db(args)
    try:
        data = demo_scan_sheet(db, args.warehouse)
    except FloorError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.dispose()
    _write_out(out, data)
    print(f"scan sheet for {args.warehouse} written to {out}")
    return EXIT_OK


def _add_setup_commands(sub: Any, common: argparse.ArgumentParser) -> None:
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

    lb = sub.add_parser(
        "labels", parents=[common], help="print location, tote, badge or product labels to a file"
    )
    lb.add_argument("kind", choices=["locations", "totes", "badges", "products"])
    lb.add_argument("--warehouse", metavar="CODE", help="for locations and totes")
    lb.add_argument("--aisle", type=int, metavar="N", help="locations of one aisle only")
    lb.add_argument(
        "--sku", action="append", metavar="SKU", help="products: only this SKU (repeat for more)"
    )
    lb.add_argument(
        "--format", choices=["pdf", "zpl"], help="default: zpl for a .zpl file, else pdf"
    )
    lb.add_argument(
        "--size", metavar="SIZE", help="60x40 | 100x50 | 4x6 | 100x150 | 76x130 | 100x180"
    )
    lb.add_argument("--out", required=True, metavar="FILE")
    lb.set_defaults(func=cmd_labels)

    ss = sub.add_parser(
        "scan-sheet", parents=[common], help="an A4 PDF of barcodes to try a station with"
    )
    ss.add_argument("--warehouse", default="HZ1", metavar="CODE")
    ss.add_argument("--out", required=True, metavar="FILE")
    ss.set_defaults(func=cmd_scan_sheet)


# -- parser ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", metavar="URL", help="database URL or SQLite file (else $WAVEDESK_DB)"
    )
    p = argparse.ArgumentParser(prog="wavedesk", description="wavedesk warehouse order system")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    db = sub.add_parser("db", help="database maintenance").add_subparsers(
        dest="db_command", required=True
    )
    db.add_parser("upgrade", parents=[common], help="create or migrate the schema").set_defaults(
        func=cmd_db_upgrade
    )

    imp = sub.add_parser("import", help="import orders, products, locations or stock")
    isub = imp.add_subparsers(dest="what", required=True)
    io = isub.add_parser("orders", parents=[common], help="platform order exports")
    io.add_argument("files", nargs="+", metavar="FILE")
    io.add_argument(
        "--format", default="auto", choices=["auto", "shopify", "taobao", "tmall", "generic"]
    )
    io.add_argument("--store", help="store name for files that do not name one")
    io.set_defaults(func=cmd_import_orders)
    for kind in ("products", "locations", "stock"):
        ic = isub.add_parser(kind, parents=[common], help=f"{kind} CSV")
        ic.add_argument("file", metavar="FILE")
        ic.add_argument("--format", default="auto", choices=["auto", "shopify", "generic"])
        ic.set_defaults(func=cmd_import_catalog, kind=kind)

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
    orl.add_argument("--reason", default="")
    orl.add_argument("--store")
    orl.set_defaults(func=cmd_orders_release)

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

    st = sub.add_parser(
        "station", parents=[common], help="run a floor station: sign-in, picking, packing, labels"
    )
    st.add_argument("--station", metavar="NAME", help="this station's name, e.g. HZ1-PACK-01")
    st.add_argument("--scanner", metavar="URI", help="wedge | serial:///dev/ttyUSB0?baudrate=9600")
    st.add_argument(
        "--scale", metavar="URI", help="none | fake | mtsics:///dev/ttyS1 | continuous:///dev/ttyS2"
    )
    st.add_argument(
        "--printer",
        metavar="URI",
        help="tcp://HOST:9100 | serial:///dev/ttyUSB1 | dir:///PATH | system:NAME",
    )
    st.add_argument("--label", metavar="FORMAT", help="zpl | pdf")
    st.add_argument("--label-size", metavar="SIZE", help="4x6 | 100x150 | 76x130 | 100x180")
    st.add_argument("--lang", metavar="LANG", help="zh_CN | en")
    st.add_argument("--save", action="store_true", help="keep these settings for this machine")
    st.add_argument("--check", action="store_true", help="print the settings in effect and exit")
    st.set_defaults(func=cmd_station)

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

    rt = sub.add_parser("route", help="shortest pick route through a layout")
    rt.add_argument("--layout", required=True, metavar="LAYOUT.json")
    rt.add_argument("--picks", required=True, metavar="PICKS.json")
    rt.add_argument(
        "--method",
        default="optimal",
        choices=["optimal", "s-shape", "return", "midpoint", "largest-gap", "combined"],
    )
    rt.add_argument("--json", action="store_true")
    rt.set_defaults(func=cmd_route)
    _add_setup_commands(sub, common)
    _add_packing_commands(sub, common)
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
