"""``wavedesk route --layout LAYOUT.json --picks PICKS.json --method M``, and its file glue.

LAYOUT.json::

    {"aisles": 10, "aisle_length": 30, "aisle_spacing": 3, "blocks": 2, "depot_x": 0}

(``blocks`` and ``depot_x`` optional.)  PICKS.json::

    [{"id": "A1", "aisle": 3, "y": 12.5}, ...]

Every problem with the files is reported as ``ValueError`` with a message
naming the file and the offending entry, so the command can print it as is.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import EXIT_OK, as_cli_error, print_json

if TYPE_CHECKING:
    # Imported where used instead: every `wavedesk` command loads this module for its
    # parser, and the routing solvers are not needed to print help or run another command.
    from app.routing import Layout, Pick

__all__ = ["run_route", "load_layout", "load_picks"]

_LAYOUT_REQUIRED = ("aisles", "aisle_length", "aisle_spacing")
_LAYOUT_OPTIONAL = ("blocks", "depot_x")
_PICK_KEYS = ("id", "aisle", "y")


def _read_json(path: Path, what: str) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"cannot read {what} file {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ValueError(f"{what} file {path} is not UTF-8 text") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{what} file {path} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc


def _is_number(value: object) -> bool:
    # JSON allows NaN and Infinity; neither is a place in a warehouse.
    from app.routing.checks import is_finite_number  # noqa: PLC0415 - keeps `--help` quick

    return is_finite_number(value)


def load_layout(path: Path) -> Layout:
    """Read and validate LAYOUT.json."""
    from app.routing import Layout

    data = _read_json(path, "layout")
    if not isinstance(data, dict):
        raise ValueError(f"layout file {path}: expected a JSON object, got {type(data).__name__}")
    missing = [k for k in _LAYOUT_REQUIRED if k not in data]
    if missing:
        raise ValueError(f"layout file {path}: missing key(s) {', '.join(missing)}")
    unknown = sorted(set(data) - set(_LAYOUT_REQUIRED) - set(_LAYOUT_OPTIONAL))
    if unknown:
        # A misspelt optional key ("block") would otherwise be silently ignored.
        raise ValueError(f"layout file {path}: unknown key(s) {', '.join(unknown)}")
    for key in ("aisles", "blocks"):
        if key in data and (not isinstance(data[key], int) or isinstance(data[key], bool)):
            raise ValueError(f"layout file {path}: {key} must be an integer, got {data[key]!r}")
    for key in ("aisle_length", "aisle_spacing", "depot_x"):
        if key in data and not _is_number(data[key]):
            raise ValueError(f"layout file {path}: {key} must be a number, got {data[key]!r}")
    try:
        return Layout(**data)
    except ValueError as exc:
        raise ValueError(f"layout file {path}: {exc}") from exc


def load_picks(path: Path, layout: Layout) -> list[Pick]:
    """Read PICKS.json and validate it against ``layout``."""
    from app.routing import Pick, validate_picks

    data = _read_json(path, "picks")
    if not isinstance(data, list):
        raise ValueError(f"picks file {path}: expected a JSON array, got {type(data).__name__}")
    picks = []
    for index, entry in enumerate(data):
        where = f"picks file {path}, entry #{index}"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: expected an object, got {entry!r}")
        missing = [k for k in _PICK_KEYS if k not in entry]
        if missing:
            raise ValueError(f"{where}: missing key(s) {', '.join(missing)}")
        pid, aisle, y = entry["id"], entry["aisle"], entry["y"]
        if not isinstance(pid, str) or not pid:
            raise ValueError(f"{where}: id must be a non-empty string, got {pid!r}")
        if not isinstance(aisle, int) or isinstance(aisle, bool):
            raise ValueError(f"{where} ({pid}): aisle must be an integer, got {aisle!r}")
        if not _is_number(y):
            raise ValueError(f"{where} ({pid}): y must be a number, got {y!r}")
        picks.append(Pick(pid, aisle, y))
    try:
        validate_picks(layout, picks)
    except ValueError as exc:
        raise ValueError(f"picks file {path}: {exc}") from exc
    return picks


def run_route(layout_path: Path, picks_path: Path, method: str) -> dict[str, Any]:
    """Route the picks of PICKS.json on LAYOUT.json with ``method``.

    Returns ``{"method", "sequence", "distance"}``; the route starts and ends
    at the depot.  Raises ``ValueError`` on malformed files or an unknown
    method.
    """
    from app.routing import METHODS, route

    if method not in METHODS:
        raise ValueError(f"unknown routing method {method!r}; choose one of {', '.join(METHODS)}")
    layout = load_layout(layout_path)
    picks = load_picks(picks_path, layout)
    result = route(layout, picks, method)
    return {"method": result.method, "sequence": result.sequence, "distance": result.distance}


def cmd_route(args: argparse.Namespace) -> int:
    with as_cli_error(ValueError, OSError):
        result = run_route(Path(args.layout), Path(args.picks), args.method)
    if args.json:
        print_json(result)
    else:
        print(f"{result['method']}: {result['distance']:.2f} m")
        print(" → ".join(["depot", *result["sequence"], "depot"]))
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
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
