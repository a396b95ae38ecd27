"""The shift report (班次报表): throughput per worker, per station and per hour, the
waves of the shift and the exceptions still open, as CSV (for spreadsheets) and PDF
(for people; Chinese names in the embedded CJK font).

The CSV is one file of sections. Each section starts with a header row whose first
cell is ``section`` and every row of the section starts with the section's name
(``shift``, ``worker``, ``station``, ``hour``, ``wave``, ``exception``), so a script
can split it with one ``csv.reader`` and a spreadsheet shows it as it is. It is
written with a UTF-8 byte-order mark (``save_shift_csv``) because Excel needs one to
read Chinese. Times are local wall time (app.domain.local_time unless told otherwise);
exceptions are as they stand when the report is made.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from app.db.engine import Database
from app.db.models import utcnow
from app.domain.local_time import LOCAL
from app.services.supervision.dashboard import ExceptionRow, WaveRow, exceptions, wave_progress
from app.services.supervision.throughput import Throughput, ThroughputRow, throughput

RATE_COLUMNS: tuple[str, ...] = (
    "lines_picked",
    "units_picked",
    "shorts",
    "scans",
    "refused",
    "misscan_rate",
    "orders_packed",
    "active_hours",
    "lines_per_hour",
    "units_per_hour",
)
WAVE_COLUMNS: tuple[str, ...] = (
    "wave",
    "warehouse",
    "carrier",
    "kind",
    "status",
    "cutoff",
    "orders",
    "orders_packed",
    "lines_picked",
    "lines_total",
    "units_picked",
    "units_total",
    "estimated_finish",
    "at_risk",
)
EXCEPTION_COLUMNS: tuple[str, ...] = (
    "kind",
    "since",
    "order_no",
    "code",
    "detail",
    "who",
    "station",
    "wave",
)
SECTIONS: dict[str, tuple[str, ...]] = {
    "shift": ("start", "end", "generated_at"),
    "worker": ("worker", *RATE_COLUMNS),
    "station": ("station", *RATE_COLUMNS),
    "hour": ("hour", *RATE_COLUMNS),
    "wave": WAVE_COLUMNS,
    "exception": EXCEPTION_COLUMNS,
}

# English headings of the PDF; the UI passes translated ones through ``labels``.
HEADINGS: dict[str, str] = {
    "title": "Shift report",
    "period": "Period",
    "generated_at": "Generated",
    "worker": "Worker",
    "station": "Station",
    "hour": "Hour",
    "wave": "Wave",
    "exception": "Exceptions",
    "workers": "Per worker",
    "stations": "Per station",
    "hours": "Per hour",
    "waves": "Waves",
    "lines_picked": "Lines",
    "units_picked": "Units",
    "shorts": "Shorts",
    "scans": "Scans",
    "refused": "Refused",
    "misscan_rate": "Mis-scan",
    "orders_packed": "Packed",
    "active_hours": "Hours",
    "lines_per_hour": "Lines/h",
    "units_per_hour": "Units/h",
    "warehouse": "Warehouse",
    "carrier": "Carrier",
    "kind": "Kind",
    "status": "Status",
    "cutoff": "Cut-off",
    "orders": "Orders",
    "lines_total": "Lines total",
    "units_total": "Units total",
    "estimated_finish": "Est. finish",
    "at_risk": "At risk",
    "since": "Since",
    "order_no": "Order",
    "code": "Code",
    "detail": "Detail",
    "who": "Who",
    "start": "Start",
    "end": "End",
    "none": "None",
    "total": "Total",
    "kind.interception": "Interception",
    "kind.weight_mismatch": "Weight mismatch",
    "kind.short_pick": "Short pick",
    "kind.stale_task": "Stale task",
    "kind.print_failed": "Print failed",
    "kind.hold": "On hold",
    "risk.late": "Late",
    "risk.tight": "Tight",
}


@dataclass(frozen=True, slots=True)
class ShiftData:
    start: datetime
    end: datetime
    generated_at: datetime
    throughput: Throughput
    waves: tuple[WaveRow, ...]
    exceptions: tuple[ExceptionRow, ...]


def collect(
    db: Database,
    start: datetime,
    end: datetime,
    *,
    bucket_minutes: int = 60,
    now: datetime | None = None,
) -> ShiftData:
    """Everything the report shows. Waves: those created in the shift, started in it,
    or still open."""
    now = now or utcnow()
    t = throughput(db, start, end, bucket_minutes)
    waves = tuple(
        w
        for w in wave_progress(db, now=min(now, end), include_closed=True)
        if w.created_at < end
        and (
            w.created_at >= start
            or not w.closed
            or (w.started is not None and start <= w.started < end)
        )
    )
    return ShiftData(start, end, now, t, waves, tuple(exceptions(db, now=now)))


# --------------------------------------------------------------------------- formatting


def local_time(when: datetime | None, tz: tzinfo = LOCAL) -> str:
    return when.astimezone(tz).strftime("%Y-%m-%d %H:%M") if when is not None else ""


def _rates(r: ThroughputRow) -> list[str]:
    return [
        str(r.lines_picked),
        str(r.units_picked),
        str(r.shorts),
        str(r.scans),
        str(r.refused),
        f"{r.misscan_rate:.4f}",
        str(r.orders_packed),
        f"{r.hours:.2f}",
        f"{r.lines_per_hour:.2f}",
        f"{r.units_per_hour:.2f}",
    ]


def _wave(w: WaveRow, tz: tzinfo) -> list[str]:
    return [
        w.code,
        w.warehouse,
        w.carrier or "",
        w.kind,
        w.status,
        local_time(w.cutoff, tz),
        str(w.orders),
        str(w.orders_packed),
        str(w.lines_picked),
        str(w.lines_total),
        str(w.units_picked),
        str(w.units_total),
        local_time(w.estimated_finish, tz),
        w.risk,
    ]


def _exception(e: ExceptionRow, tz: tzinfo) -> list[str]:
    return [
        e.kind,
        local_time(e.at, tz),
        e.order_no or "",
        e.code,
        e.detail,
        e.user_name or "",
        e.station_name or "",
        e.wave_code or "",
    ]


def _who(r: ThroughputRow, unknown: str) -> str:
    return r.label or unknown


def _sections(data: ShiftData, tz: tzinfo, unknown: str = "?") -> dict[str, list[list[str]]]:
    t = data.throughput
    return {
        "shift": [
            [
                local_time(data.start, tz),
                local_time(data.end, tz),
                local_time(data.generated_at, tz),
            ]
        ],
        "worker": [[_who(r, unknown), *_rates(r)] for r in t.workers],
        "station": [[_who(r, unknown), *_rates(r)] for r in t.stations],
        "hour": [[local_time(r.start, tz), *_rates(r)] for r in t.buckets],
        "wave": [_wave(w, tz) for w in data.waves],
        "exception": [_exception(e, tz) for e in data.exceptions],
    }


# --------------------------------------------------------------------------- CSV


def shift_csv(
    db: Database,
    start: datetime,
    end: datetime,
    *,
    tz: tzinfo = LOCAL,
    bucket_minutes: int = 60,
    now: datetime | None = None,
) -> str:
    """The report as CSV text (see the module note for its shape)."""
    data = collect(db, start, end, bucket_minutes=bucket_minutes, now=now)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for name, rows in _sections(data, tz).items():
        writer.writerow(["section", *SECTIONS[name]])
        for row in rows:
            writer.writerow([name, *row])
        if name == "worker":
            writer.writerow(["total", "", *_rates(data.throughput.total)])
    return out.getvalue()


# --------------------------------------------------------------------------- PDF


def shift_pdf(
    db: Database,
    start: datetime,
    end: datetime,
    *,
    tz: tzinfo = LOCAL,
    bucket_minutes: int = 60,
    labels: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> bytes:
    """The report as an A4 landscape PDF with the CJK font embedded. ``labels``
    overrides the English headings (keys of ``HEADINGS``)."""
    data = collect(db, start, end, bucket_minutes=bucket_minutes, now=now)
    return render_pdf(data, tz=tz, labels=labels)


def render_pdf(
    data: ShiftData, *, tz: tzinfo = LOCAL, labels: Mapping[str, str] | None = None
) -> bytes:
    from reportlab.lib import colors  # noqa: PLC0415 - reportlab loads slowly; only the PDF needs it
    from reportlab.lib.pagesizes import A4, landscape  # noqa: PLC0415
    from reportlab.lib.styles import ParagraphStyle  # noqa: PLC0415
    from reportlab.lib.units import mm  # noqa: PLC0415
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: PLC0415

    from printing.fonts import FONT_LOCK, register_pdf_font  # noqa: PLC0415

    h = {**HEADINGS, **(labels or {})}
    with FONT_LOCK:  # reportlab's font registry and subsetting state are shared
        font = register_pdf_font()
        title = ParagraphStyle("title", fontName=font, fontSize=16, leading=20, spaceAfter=4)
        heading = ParagraphStyle(
            "heading", fontName=font, fontSize=11, leading=14, spaceBefore=8, spaceAfter=3
        )
        small = ParagraphStyle("small", fontName=font, fontSize=7.5, leading=9)
        grid = TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTSIZE", (0, 0), (-1, -1), 7.5),
                ("LEADING", (0, 0), (-1, -1), 9),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e9f2")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9aa5b1")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ]
        )
        sections = _sections(data, tz, unknown="—")
        for row in sections["exception"]:
            row[0] = h.get(f"kind.{row[0]}", row[0])
        for row in sections["wave"]:
            row[-1] = h.get(f"risk.{row[-1]}", row[-1]) if row[-1] else ""

        def table(
            name: str, rows: list[list[str]], first: str, wrap: set[int] | None = None
        ) -> list[object]:
            columns = SECTIONS[name]
            head = [h.get(c, c) for c in (first, *columns[1:])]
            body = [
                [
                    Paragraph(_escape(v), small) if wrap and i in wrap else _pct(columns[i], v)
                    for i, v in enumerate(row)
                ]
                for row in rows
            ]
            if not body:
                return [Paragraph(h["none"], small)]
            t = Table([head, *body], repeatRows=1, hAlign="LEFT")
            t.setStyle(grid)
            if name == "exception" or name == "wave":
                t.setStyle(TableStyle([("ALIGN", (0, 1), (-1, -1), "LEFT")]))
            return [t]

        story: list[object] = [
            Paragraph(_escape(h["title"]), title),
            Paragraph(
                _escape(
                    f"{h['period']}: {local_time(data.start, tz)} – {local_time(data.end, tz)}  ·  "
                    f"{h['generated_at']}: {local_time(data.generated_at, tz)}"
                ),
                small,
            ),
        ]
        total = data.throughput.total
        workers = [*sections["worker"], [h["total"], *_rates(total)]] if sections["worker"] else []
        for key, name, rows, first, wrap in (
            ("workers", "worker", workers, "worker", None),
            ("stations", "station", sections["station"], "station", None),
            ("hours", "hour", sections["hour"], "hour", None),
            ("waves", "wave", sections["wave"], "wave", None),
            ("exception", "exception", sections["exception"], "kind", {4}),
        ):
            story += [
                Paragraph(_escape(h[key]), heading),
                *table(name, rows, first, wrap),
                Spacer(1, 2 * mm),
            ]
        buf = io.BytesIO()
        doc = SimpleDocTemplate(
            buf,
            pagesize=landscape(A4),
            leftMargin=12 * mm,
            rightMargin=12 * mm,
            topMargin=12 * mm,
            bottomMargin=12 * mm,
            title=f"{HEADINGS['title']} {local_time(data.start, tz)}",
            creator="wavedesk",
        )
        doc.build(story)
        return buf.getvalue()


def _pct(column: str, value: str) -> str:
    if column == "misscan_rate" and value:
        return f"{float(value) * 100:.1f}%"
    return value


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------- files


def _write_atomic(path: Path, data: bytes) -> Path:
    """Write next to the target and rename: a half-written report never replaces a good one."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def save_shift_csv(
    db: Database, start: datetime, end: datetime, path: str | Path, **kw: object
) -> Path:
    """Write the CSV (UTF-8 with a byte-order mark, for Excel) to ``path``."""
    return _write_atomic(Path(path), shift_csv(db, start, end, **kw).encode("utf-8-sig"))  # type: ignore[arg-type]


def save_shift_pdf(
    db: Database, start: datetime, end: datetime, path: str | Path, **kw: object
) -> Path:
    return _write_atomic(Path(path), shift_pdf(db, start, end, **kw))  # type: ignore[arg-type]
