"""``wavedesk labels``, ``scan-sheet`` and ``label``: setup labels, a sheet of barcodes to
try a station with, and the shipping label of a packed order, each written to a file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import EXIT_OK, CliError, as_cli_error, open_db, write_file


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


def _format_for(out: Path, asked: str | None) -> str:
    return asked or ("zpl" if out.suffix.lower() == ".zpl" else "pdf")


def cmd_labels(args: argparse.Namespace) -> int:
    from app.cli.progress import ProgressBar
    from app.domain.floor_errors import FloorError
    from app.services.printing import setup_labels as sl

    out = _out_path(args.out)
    fmt = _format_for(out, args.format)
    if args.kind in ("locations", "totes") and not args.warehouse:
        raise CliError(f"{args.kind} labels belong to a warehouse: pass --warehouse CODE")
    with open_db(args) as db, as_cli_error(FloorError):
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
    write_file(out, data)
    print(f"{len(labels)} {args.kind[:-1]} labels ({fmt}, {size}) written to {out}")
    return EXIT_OK


def cmd_scan_sheet(args: argparse.Namespace) -> int:
    from app.demo import demo_scan_sheet
    from app.domain.floor_errors import FloorError

    out = _out_path(args.out)
    with open_db(args) as db, as_cli_error(FloorError):
        data = demo_scan_sheet(db, args.warehouse)
    write_file(out, data)
    print(f"scan sheet for {args.warehouse} written to {out}")
    return EXIT_OK


def cmd_label(args: argparse.Namespace) -> int:
    from app.domain.floor_errors import FloorError
    from app.services.printing import label_document

    out = Path(args.out).expanduser()
    if out.is_dir() or not out.parent.is_dir():
        raise CliError(f"cannot write the label to {out}: give a file in a folder that exists")
    fmt = _format_for(out, args.format)
    with open_db(args) as db, as_cli_error(FloorError):
        data = label_document(
            db, args.order_no, fmt, args.size, store=args.store, zpl_cjk=args.zpl_cjk
        )
    write_file(out, data)
    print(f"label of order {args.order_no} ({fmt}, {args.size}) written to {out}")
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
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

    sl = sub.add_parser(
        "label", parents=[common], help="the shipping label of a packed order, to a file"
    )
    sl.add_argument("order_no", metavar="ORDER_NO")
    sl.add_argument(
        "--format", choices=["zpl", "pdf"], help="default: zpl for a .zpl file, else pdf"
    )
    sl.add_argument("--size", default="100x150", choices=["4x6", "100x150", "76x130", "100x180"])
    sl.add_argument(
        "--zpl-cjk",
        default="graphic",
        choices=["graphic", "font"],
        help="Chinese text in ZPL: rasterised (any printer) or a printer-resident font",
    )
    sl.add_argument("--store", help="the store, when two stores use the same order number")
    sl.add_argument("--out", required=True, metavar="FILE")
    sl.set_defaults(func=cmd_label)
