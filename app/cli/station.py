"""``wavedesk station``: a floor station with this machine's devices and settings."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.common import EXIT_OK, EXIT_USAGE, open_db, print_json
from app.db.url import resolve_db_url, safe_url


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
        print_json({**asdict(config), "db": safe_url(resolve_db_url(config.db or None))})
        return EXIT_OK
    with open_db(argparse.Namespace(db=config.db or None)):
        pass  # refused here, in the command's words, when missing or without the schema
    from app.demo import open_station

    return open_station(replace(config, db=resolve_db_url(config.db or None)))


def register(sub: Any, common: argparse.ArgumentParser) -> None:
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
