"""Pictures of the station at work, for the README and for review.

    python -m ui.screenshot DB_URL OUT_DIR [--lang zh_CN]

Point it at a demo database (``wavedesk demo --no-window`` makes one). It opens the
station offscreen at 1400×900 and, through the scanner hub as a scanner would:

* ``packing.png``: a packer at HZ1-PACK-01 scans the tote of a multi-item order
  waiting at packing and verifies all but its last unit, then scans a wrong item (refused, red);
* ``picking.png``: a picker at HZ1-PICK-04 claims the next cart and scans its
  first location.

It changes the database like a real shift would (scans, a claim): use a copy.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

WIDTH, HEIGHT = 1400, 900


def _wait(condition: Callable[[], bool], timeout_ms: int = 30_000) -> bool:
    from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QThread  # noqa: PLC0415

    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        if deadline.hasExpired():
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QThread.msleep(10)
    return True


def _settle(ms: int = 300) -> None:
    _wait(lambda: False, ms)


def _station(db_url: str, name: str, role: str) -> tuple[object, object, object]:
    from app.demo.staging import first_badge  # noqa: PLC0415
    from app.devices.scale import FakeScale  # noqa: PLC0415
    from app.services.access.auth import sign_in
    from app.services.station.config import StationConfig
    from ui.bridges.scanner import ScanHub  # noqa: PLC0415
    from ui.shell.assembly import build_station_window  # noqa: PLC0415
    from ui.widgets.feedback import Feedback, SoundPlayer  # noqa: PLC0415

    config = StationConfig(
        db=db_url, station=name, scale="fake", printer="dir:///tmp/wavedesk-screenshot-spool"
    )
    hub = ScanHub()
    window, ctx = build_station_window(
        config,
        scale=FakeScale(),
        scan_hub=hub,
        live=False,
        spooler=False,
        feedback=Feedback(SoundPlayer(muted=True)),
        heartbeat_ms=None,
    )
    window.resize(WIDTH, HEIGHT)
    window.show()
    window.start()
    if not _wait(lambda: window.ready):
        raise TimeoutError(f"station {name} did not register on {db_url}")
    window.sign_in_as(sign_in(ctx.db, first_badge(ctx.db, role), station=ctx.station))
    return window, ctx, hub


def _grab(window: object, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    _settle()
    if not window.grab().save(str(path), "PNG"):  # type: ignore[attr-defined]
        raise OSError(f"could not write {path}")


def grab_packing(db_url: str, path: Path) -> None:
    from app.demo.staging import pack_scene  # noqa: PLC0415
    from ui.shell.assembly import close_station  # noqa: PLC0415

    window, ctx, hub = _station(db_url, "HZ1-PACK-01", "packer")
    try:
        scene = pack_scene(ctx.db)  # type: ignore[attr-defined]
        window.show_screen("pack")  # type: ignore[attr-defined]
        screen = window.current_screen()  # type: ignore[attr-defined]
        model = screen.model
        # All but the last unit verified, then a wrong item: the red refusal on screen.
        scans = [scene.tote, *scene.units[:-1], *([scene.stranger] if scene.stranger else [])]
        for code in scans:
            hub.feed(code)  # type: ignore[attr-defined]
            _wait(lambda: not model.busy)
        _grab(window, path)
    finally:
        close_station(window, ctx)  # type: ignore[arg-type]


def grab_picking(db_url: str, path: Path) -> None:
    from ui.shell.assembly import close_station  # noqa: PLC0415

    window, ctx, hub = _station(db_url, "HZ1-PICK-04", "picker")
    try:
        window.show_screen("pick")  # type: ignore[attr-defined]
        model = window.current_screen().model  # type: ignore[attr-defined]
        _wait(lambda: model.view is not None and not model.busy)
        if model.view.line is not None:
            hub.feed(model.view.line.location)  # type: ignore[attr-defined]
            _wait(lambda: not model.busy)
        _grab(window, path)
    finally:
        close_station(window, ctx)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db_url")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.i18n.language import install_translator  # noqa: PLC0415
    from ui.main import application  # noqa: PLC0415

    app = application()
    install_translator(app, args.lang)
    grab_packing(args.db_url, args.out_dir / "packing.png")
    grab_picking(args.db_url, args.out_dir / "picking.png")
    print(args.out_dir / "packing.png", args.out_dir / "picking.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
