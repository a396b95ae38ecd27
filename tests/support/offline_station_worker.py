"""A whole picking station in a child process, headless, for the outage test with
several station processes: the real window, pick screen, view-model, live updates
and offline link (``build_station_window`` as ``wavedesk station`` builds it), its
database reached through the parent's TCP proxy.

The child signs in by badge, is given its task by the pick screen's own claim, and
then obeys the parent's commands on ``commands``, answering each on ``out``:

* ``("scan", n)``: make up to ``n`` right scans (location, then the item), each one
  through ``window.handle_scan`` as the scanner would hand it over, waiting for the
  screen's answer before the next;
* ``("settle", None)``: wait until the link is online with nothing left to replay;
* ``("stop", None)``: close the station and end.

Every answer is a dict with the link's state, the scans waiting in the journal, the
journal's entries (id and status) and what the screen shows. A child never raises
into the void: a failure is ``{"error": traceback}`` on ``out``.
"""

from __future__ import annotations

import os
import queue
import time
import traceback
from pathlib import Path
from typing import Any

from app.domain.scan import classify

WAIT_S = 60.0


def _wait(app: Any, done: Any, what: str) -> None:
    end = time.monotonic() + WAIT_S
    while not done():
        if time.monotonic() > end:
            raise TimeoutError(f"station gave up waiting for {what}")
        app.processEvents()
        time.sleep(0.005)


def pick_station_offline(
    url: str,
    station: str,
    badge: str,
    unit_codes: dict[str, str],
    journal: str,
    commands: Any,
    out: Any,
) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        _serve(url, station, badge, unit_codes, Path(journal), commands, out)
    except BaseException:  # noqa: BLE001 - the parent reports it with the child's traceback
        out.put({"error": traceback.format_exc()})


def _serve(
    url: str,
    station: str,
    badge: str,
    unit_codes: dict[str, str],
    journal: Path,
    commands: Any,
    out: Any,
) -> None:
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 - Qt only in the child

    from app.services.station.config import StationConfig  # noqa: PLC0415
    from ui.bridges.offline import OFFLINE  # noqa: PLC0415
    from ui.shell.assembly import (
        build_station_window,
        close_station,
        default_screens,  # noqa: PLC0415
    )
    from ui.shell.window import LIVE  # noqa: PLC0415
    from ui.widgets.feedback import Feedback, SoundPlayer  # noqa: PLC0415

    app = QApplication.instance() or QApplication([])
    config = StationConfig(db=url, station=station, lang="en")
    screens = [s for s in default_screens() if s.key == "pick"]
    window, ctx = build_station_window(
        config,
        screens=screens,
        feedback=Feedback(SoundPlayer(muted=True)),
        heartbeat_ms=None,
        spooler=False,
        journal=journal,
    )
    link, live = ctx.extras[OFFLINE], ctx.extras[LIVE]
    live.start()
    window.show()
    window.start()
    _wait(app, lambda: link.online and window.ready, "the station to register")
    window.handle_scan(classify(badge))
    _wait(
        app,
        lambda: window.user is not None and hasattr(window.current_screen(), "model"),
        "the sign-in",
    )
    model = window.current_screen().model  # type: ignore[union-attr]
    _wait(
        app, lambda: model.view is not None and not model.busy and model.plan is not None, "a task"
    )

    def state() -> dict[str, Any]:
        view = model.view
        return {
            "task_id": view.task_id if view else None,
            "step": view.step if view else None,
            "online": link.online,
            "pending": link.pending,
            "feedback": ctx.feedback.level,
            "text": ctx.feedback.text,
            "banner": window.banner_text(),
            "journal": [(e.id, e.status) for e in link.journal.all()],
        }

    out.put({"ready": True, **state()})
    while True:
        while True:  # keep the event loop turning while the parent decides
            try:
                cmd, arg = commands.get(timeout=0.02)
                break
            except queue.Empty:
                app.processEvents()
        if cmd == "stop":
            close_station(window, ctx)
            out.put({"stopped": True})
            return
        if cmd == "settle":
            _wait(app, lambda: link.online and link.pending == 0 and not model.busy, "the replay")
            out.put(state())
            continue
        refused: list[str] = []
        made = 0
        while made < arg and model.view.step != "done":
            line = model.view.line
            code = line.location if model.view.step == "location" else unit_codes[line.sku]
            window.handle_scan(classify(code))
            _wait(app, lambda: not model.busy, "the scan's answer")
            if ctx.feedback.level not in ("good", "done"):
                refused.append(ctx.feedback.text)
            made += 1
        out.put({"made": made, "refused": refused, **state()})
