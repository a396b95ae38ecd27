"""The throughput tab of the supervisor's screen: which waves will miss their cut-off,
the charts, and the rates per worker and per station (mis-scans amber past 5 %, red
past 10 %)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTableWidget, QVBoxLayout, QWidget

from app.services.supervision import Throughput, ThroughputRow, WaveRow
from ui.screens.supervisor.cells import item, local_day, local_time, read_only_table, tint
from ui.screens.supervisor.charts import ThroughputCharts
from ui.viewmodels.supervisor import SupervisorModel
from ui.widgets import theme

MISSCAN_WARN, MISSCAN_BAD = 0.05, 0.10
RATE_COLUMNS = (
    "name",
    "lines",
    "units",
    "lines_h",
    "units_h",
    "scans",
    "refused",
    "misscan",
    "shorts",
    "packed",
    "hours",
)


class ThroughputTab(QWidget):
    """See the module doc; redraws from the model's ``throughput_changed`` and, for the
    cut-off warning, ``waves_changed``."""

    def __init__(self, model: SupervisorModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._throughput: Throughput | None = None
        self._waves: list[WaveRow] = []
        self.risk_label = QLabel()
        self.risk_label.setObjectName("riskLabel")
        self.risk_label.setWordWrap(True)
        self.risk_label.hide()
        self.window_label = QLabel()
        self.window_label.setObjectName("sectionHint")
        self.charts = ThroughputCharts()
        self.workers_table = read_only_table(len(RATE_COLUMNS))
        self.stations_table = read_only_table(len(RATE_COLUMNS))
        tables = QSplitter(Qt.Orientation.Horizontal)
        tables.addWidget(self.workers_table)
        tables.addWidget(self.stations_table)
        tables.setStretchFactor(0, 3)
        tables.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.charts)
        split.addWidget(tables)
        layout = QVBoxLayout(self)
        layout.addWidget(self.risk_label)
        layout.addWidget(self.window_label)
        layout.addWidget(split, 1)
        self._wire()
        self.retranslate()

    def _wire(self) -> None:
        """Every connection of the tab, in one place."""
        self.model.throughput_changed.connect(self._on_throughput)
        self.model.waves_changed.connect(self._on_waves)

    def _on_throughput(self, data: Throughput) -> None:
        self._throughput = data
        self.charts.show_throughput(data)
        self._fill_rates(self.workers_table, data.workers)
        self._fill_rates(self.stations_table, data.stations)
        self.window_label.setText(
            self.tr("From {start} to {end}, in {minutes}-minute steps").format(
                start=local_day(data.start), end=local_day(data.end), minutes=data.bucket_minutes
            )
        )

    def _fill_rates(self, table: QTableWidget, rows: tuple[ThroughputRow, ...]) -> None:
        table.setRowCount(len(rows))
        for row, r in enumerate(rows):
            values = (
                r.label or "—",
                str(r.lines_picked),
                str(r.units_picked),
                f"{r.lines_per_hour:.1f}",
                f"{r.units_per_hour:.1f}",
                str(r.scans),
                str(r.refused),
                f"{r.misscan_rate * 100:.1f}%",
                str(r.shorts),
                str(r.orders_packed),
                f"{r.hours:.1f}",
            )
            for col, value in enumerate(values):
                cell = item(value, right=col > 0, ref=r.ref_id if col == 0 else None)
                if col == RATE_COLUMNS.index("misscan") and r.scans:
                    if r.misscan_rate >= MISSCAN_BAD:
                        tint(cell, theme.ROW_BAD)
                    elif r.misscan_rate >= MISSCAN_WARN:
                        tint(cell, theme.ROW_WARN)
                table.setItem(row, col, cell)

    def _on_waves(self, waves: list[WaveRow]) -> None:
        self._waves = list(waves)
        self._update_risk()

    def _update_risk(self) -> None:
        late = [w for w in self._waves if w.at_risk]
        self.risk_label.setVisible(bool(late))
        parts = []
        for w in late:
            if w.risk == "late":
                parts.append(
                    self.tr("{wave} finishes about {finish}, after its {cutoff} cut-off").format(
                        wave=w.code,
                        finish=local_time(w.estimated_finish),
                        cutoff=local_time(w.cutoff),
                    )
                )
            else:
                parts.append(
                    self.tr("{wave}: no pick rate and the cut-off is at {cutoff}").format(
                        wave=w.code, cutoff=local_time(w.cutoff)
                    )
                )
        self.risk_label.setText(
            self.tr("Cut-off at risk: {waves}").format(waves="; ".join(parts)) if parts else ""
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        rate_headers = [
            self.tr("Lines"),
            self.tr("Units"),
            self.tr("Lines/h"),
            self.tr("Units/h"),
            self.tr("Scans"),
            self.tr("Refused"),
            self.tr("Mis-scan"),
            self.tr("Shorts"),
            self.tr("Packed"),
            self.tr("Hours"),
        ]
        self.workers_table.setHorizontalHeaderLabels([self.tr("Worker"), *rate_headers])
        self.stations_table.setHorizontalHeaderLabels([self.tr("Station"), *rate_headers])
        # The warning and the window line carry translated words: redraw them.
        self._update_risk()
        if self._throughput is not None:
            self._on_throughput(self._throughput)
