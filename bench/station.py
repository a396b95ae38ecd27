"""The station at work: scan-to-feedback and scan-to-committed latency, GUI stalls,
label render times.

    python bench/station.py [--scans 1000] [--pg URL | --no-pg]

For SQLite (a temporary file) and PostgreSQL (a temporary database on the server),
seeds the demo catalog and orders, waves Hangzhou, and runs the REAL picking screen
and view-model (offscreen Qt, background worker, feedback) with a simulated picker
who scans what the screen asks for, back to back, one wrong location in ten. Each
scan enters through the scanner hub (classification included) and is timed to:

* committed: the service call returned on the worker thread (its transaction is done);
* feedback: the station's feedback line changed on the GUI thread (colour and sound).

Baseline in the same run: the same kind of scans through the service directly, no Qt,
so "ui/direct" is what the station adds. The GUI thread is watched by a 2 ms ticker
(ui.shell.block_monitor) for the whole run. Goals (issue 4): scan-to-feedback p95 ≤ 50 ms,
GUI never blocked > 16 ms, ZPL ≤ 5 ms and PDF ≤ 50 ms per label.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, QTimer  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.db.engine import Database  # noqa: E402
from app.db.migrate import upgrade  # noqa: E402
from app.db.models import Product, Tote, User  # noqa: E402
from app.demo import (  # noqa: E402
    Barcodes,
    next_pick_scan,
    seed_demo,  # noqa: E402
)
from app.domain import scan as sc  # noqa: E402
from app.services.access.auth import sign_in
from app.services.audit import Actor  # noqa: E402
from app.services.picking import claim as picking  # noqa: E402
from app.services.station.config import StationConfig
from app.services.station.registry import ensure_station
from app.services.warehouse import add_totes  # noqa: E402
from bench.scratch_db import scratch_database  # noqa: E402
from ui.bridges.background import Background
from ui.bridges.scanner import ScanHub
from ui.context import StationContext
from ui.main import application
from ui.screens.picking import PickScreen  # noqa: E402
from ui.shell.block_monitor import BUDGET_MS, BlockMonitor
from ui.viewmodels.picking import PickModel  # noqa: E402
from ui.widgets.feedback import Feedback, SoundPlayer  # noqa: E402

GOAL_FEEDBACK_P95_MS = 50.0
WRONG_EVERY = 10


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(values: list[float]) -> str:
    return f"p50 {pct(values, 50):6.1f}  p95 {pct(values, 95):6.1f}  p99 {pct(values, 99):6.1f}  max {max(values):6.1f}"


class TimedBackground(Background):
    """The station's background worker, noting when each job's function returned
    (its transaction committed) on the worker thread."""

    def __init__(self) -> None:
        super().__init__()
        self.last_commit: float = 0.0

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        def timed() -> Any:
            try:
                return fn()
            finally:
                self.last_commit = time.perf_counter()

        super().submit(timed, on_done, on_error, owner=owner)


def seeded(url: str) -> Database:
    upgrade(url)
    db = Database(url)
    seed_demo(db, orders=1200, work_floor=False)
    add_totes(db, "HZ1", 400)
    return db


class Picker(QObject):
    """Scans what the screen shows, the moment the previous answer is on screen."""

    def __init__(
        self, db: Database, ctx: StationContext, model: PickModel, hub: ScanHub, scans: int
    ) -> None:
        super().__init__()
        self.db, self.ctx, self.model, self.hub, self.scans = db, ctx, model, hub, scans
        self.barcodes = Barcodes(db)
        # What the picker "knows" is read before the clock starts: the bench's own
        # lookups must not run on the GUI thread it is measuring.
        with db.read() as s:
            any_sku = s.scalar(select(Product.sku).limit(1))
            self.totes = list(
                s.scalars(select(Tote.code).where(Tote.status == "free").order_by(Tote.id.desc()))
            )
        if any_sku is not None:
            self.barcodes.unit(any_sku)  # the first lookup reads every unit barcode at once
        self.feedback_ms: list[float] = []
        self.commit_ms: list[float] = []
        self.done = False
        self._t0: float | None = None
        self._count = 0
        self._claimed_nothing = False
        ctx.feedback.changed.connect(self._on_feedback)
        model.view_changed.connect(self._on_view)

    def _on_view(self, view: picking.TaskView | None) -> None:
        if self._t0 is None and not self.done:
            QTimer.singleShot(0, self._next)

    def _on_feedback(self, _level: str, _text: str) -> None:
        if self._t0 is None:
            return
        now = time.perf_counter()
        self.feedback_ms.append((now - self._t0) * 1000)
        self.commit_ms.append((self.ctx.background.last_commit - self._t0) * 1000)  # type: ignore[attr-defined]
        self._t0 = None
        QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        if self._t0 is not None or self.model.busy:
            return
        if self._count >= self.scans:
            self.done = True
            return
        view = self.model.view
        if view is None and self._claimed_nothing:
            print(f"  ran out of pick tasks after {self._count} scans", file=sys.stderr)
            self.done = True
            return
        if view is None or view.step == "done":
            self._claimed_nothing = view is None
            self.model.next_task()  # a claim, not a scan: not timed
            return
        self._claimed_nothing = False
        line = view.line
        assert line is not None
        if view.step == "tote":
            raw, qty = (line.tote_code or self.totes.pop()), 1
        else:
            meaning, qty = next_pick_scan(
                self.db, view, self.barcodes, self.ctx.station.warehouse_id or 0
            )
            raw = _raw(meaning)
        if view.step == "location" and self._count % WRONG_EVERY == WRONG_EVERY - 1:
            raw = "HZ1-Z99-99-9"  # a wrong bin: refused, red, nothing counted
        elif view.step == "item" and qty > 1 and self.model.quantity != qty:
            self.model.enter_quantity(qty)  # typed on the screen, not a scan: not timed
            QTimer.singleShot(0, self._next)
            return
        self._count += 1
        self._t0 = time.perf_counter()
        self.hub.feed(raw)


def _raw(meaning: sc.Scan) -> str:
    if isinstance(meaning, sc.Location):
        return meaning.code
    if isinstance(meaning, sc.Product):
        return meaning.barcode
    if isinstance(meaning, sc.Tote):
        return meaning.code
    raise ValueError(meaning)


def run_station(db: Database, scans: int) -> tuple[Picker, BlockMonitor, float]:
    app = application()
    station = ensure_station(db, "HZ1-PICK-01")
    with db.read() as s:
        badge = s.scalar(select(User.badge).where(User.role == "picker").order_by(User.id))
    assert badge is not None
    user = sign_in(db, badge, station=station)
    background = TimedBackground()
    ctx = StationContext(
        db=db,
        background=background,
        station=station,
        config=StationConfig(),
        feedback=Feedback(SoundPlayer(muted=True)),
        user=user,
    )
    model = PickModel(ctx)
    screen = PickScreen(model, ctx.feedback)
    hub = ScanHub()
    hub.scanned.connect(screen.handle_scan)
    picker = Picker(db, ctx, model, hub, scans)
    monitor = BlockMonitor()
    screen.resize(1280, 800)
    screen.show()  # the screen claims a task when first shown
    monitor.start()
    start = time.perf_counter()
    while not picker.done:
        app.processEvents()
        time.sleep(0.0005)
    elapsed = time.perf_counter() - start
    monitor.stop()
    screen.close()
    background.shutdown()
    return picker, monitor, elapsed


def direct(db: Database, scans: int) -> list[float]:
    """Baseline: the same picker, calling the service straight, no Qt."""
    station = ensure_station(db, "HZ1-PICK-02")
    with db.read() as s:
        uid = s.scalars(select(User.id).where(User.role == "picker").order_by(User.id)).all()[1]
    actor = Actor(uid, station.id)
    barcodes = Barcodes(db)
    times: list[float] = []
    view = picking.claim_next_task(db, actor, station.warehouse_id)
    while len(times) < scans and view is not None:
        if view.step == "done":
            view = picking.claim_next_task(db, actor, station.warehouse_id)
            continue
        meaning, qty = next_pick_scan(db, view, barcodes, station.warehouse_id or 0)
        t0 = time.perf_counter()
        out = picking.scan(
            db, actor, view.task_id, sc.classify(_raw(meaning)), str(uuid.uuid4()), qty
        )
        times.append((time.perf_counter() - t0) * 1000)
        view = out.view
    return times


def labels_line() -> str:
    from bench.labels import labels  # noqa: PLC0415
    from printing.label import LabelSize  # noqa: PLC0415
    from printing.pdf import render_pdf  # noqa: PLC0415
    from printing.zpl import render_zpl  # noqa: PLC0415

    batch = labels(200, seed=8)
    size = LabelSize.by_name("100x150")
    render_pdf(batch[0], size)  # font parsed once per process
    out = []
    for name, fn in (
        ("ZPL", lambda lb: render_zpl(lb, size)),
        ("PDF", lambda lb: render_pdf(lb, size)),
    ):
        ms = []
        for lb in batch:
            t0 = time.perf_counter()
            fn(lb)
            ms.append((time.perf_counter() - t0) * 1000)
        out.append(f"{name} p50 {statistics.median(ms):.2f} ms, p95 {pct(ms, 95):.2f} ms")
    return "labels 100x150: " + "; ".join(out) + "  (goals ZPL ≤ 5, PDF ≤ 50 ms)"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scans", type=int, default=1000)
    ap.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    ap.add_argument("--no-pg", action="store_true")
    args = ap.parse_args()

    targets: list[tuple[str, str, Callable[[], None]]] = []
    tmp = tempfile.mkdtemp(prefix="wavedesk-bench-")
    targets.append(("SQLite", f"sqlite:///{tmp}/station.sqlite3", lambda: None))
    if not args.no_pg:
        scratch = ExitStack()
        try:
            targets.append(
                ("PostgreSQL", scratch.enter_context(scratch_database(args.pg)), scratch.close)
            )
        except Exception as exc:  # noqa: BLE001 - no server: the SQLite figures still stand
            print(f"PostgreSQL skipped: {str(exc).splitlines()[0]}")

    print(f"{args.scans} scans per database by the real picking screen; ms")
    for name, url, cleanup in targets:
        try:
            t = time.perf_counter()
            db = seeded(url)
            print(f"\n{name}: seeded in {time.perf_counter() - t:.1f} s")
            picker, monitor, elapsed = run_station(db, args.scans)
            base = direct(db, args.scans)
            fb, cm = picker.feedback_ms, picker.commit_ms
            print(f"  scan-to-committed  {summary(cm)}")
            print(
                f"  scan-to-feedback   {summary(fb)}   goal p95 ≤ {GOAL_FEEDBACK_P95_MS:.0f}: "
                f"{'yes' if pct(fb, 95) <= GOAL_FEEDBACK_P95_MS else 'NO'}"
            )
            print(f"  direct service     {summary(base)}   (baseline, no Qt)")
            print(
                f"  ui/direct p50 ratio {pct(fb, 50) / pct(base, 50):.2f}, "
                f"{len(fb) / elapsed:.0f} scans/s through the station"
            )
            print(
                f"  GUI thread blocked at most {monitor.max_blocked_ms:.1f} ms "
                f"({monitor.stalls_over_budget} stalls over {BUDGET_MS:.0f} ms in {monitor.ticks} ticks)"
            )
            db.dispose()
        finally:
            cleanup()
    print()
    print(labels_line())


if __name__ == "__main__":
    main()
