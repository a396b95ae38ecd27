"""``wavedesk import``: platform order exports, and the products, locations and stock CSVs."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import EXIT_OK, EXIT_REJECTED, CliError, as_cli_error, open_db, report_rejects

if TYPE_CHECKING:
    from app.domain.incoming import IncomingOrder, Rejected


def _order_items(paths: list[Path], fmt: str) -> Iterator[IncomingOrder | Rejected]:
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


def _track_rows(
    items: Iterator[IncomingOrder | Rejected], advance: Callable[[int], None]
) -> Iterator[IncomingOrder | Rejected]:
    from app.domain.incoming import Rejected

    last: dict[str, int] = {}
    for item in items:
        row = item.row if isinstance(item, Rejected) else item.source_row
        name = item.source_file
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
    with open_db(args) as db, as_cli_error(FileFormatError):
        try:
            # Streamed, not collected: holding every parsed order alive costs memory
            # and makes the garbage collector scan it over and over.
            items = _track_rows(_order_items(paths, args.format), bar.advance)
            report = import_orders(db, items, default_store=args.store)
        finally:
            bar.close()
    report_rejects(report.rejected)
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
    with as_cli_error(FileFormatError):
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
    with open_db(args) as db:
        report = appliers[kind](db, items, str(path))
    report_rejects(report.rejected)
    print(f"{kind}: {report.summary()}")
    return EXIT_OK if report.ok else EXIT_REJECTED


def register(sub: Any, common: argparse.ArgumentParser) -> None:
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
