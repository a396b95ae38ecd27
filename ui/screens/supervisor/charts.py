"""The throughput charts of the supervisor's screen (QtCharts): units per hour per
worker as bars, and units picked and orders packed per time bucket as lines."""

from __future__ import annotations

import math
from datetime import tzinfo

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from app.domain.local_time import LOCAL
from app.services.supervision import Throughput
from ui.widgets import theme

MAX_BARS = 30  # beyond this the names are unreadable; the table has everyone


def _nice_max(value: float) -> float:
    """A round axis maximum (1, 2 or 5 times a power of ten) with some room above ``value``."""
    if value <= 0:
        return 1.0
    target = value * 1.1
    magnitude = 10 ** math.floor(math.log10(target))
    return float(next(m * magnitude for m in (1, 2, 5, 10) if target <= m * magnitude))


def _count_axis(largest: float) -> QValueAxis:
    """0 … a round maximum in five equal steps, so every tick is a round number."""
    top = _nice_max(largest)
    axis = QValueAxis()
    axis.setRange(0, top)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(top / 5)
    axis.setLabelFormat("%g")
    return axis


class ThroughputCharts(QWidget):
    """Two charts side by side; :meth:`show_throughput` redraws both."""

    def __init__(self, parent: QWidget | None = None, tz: tzinfo = LOCAL) -> None:
        super().__init__(parent)
        self._tz = tz
        self._data: Throughput | None = None
        self._bars: dict[str, float] = {}
        self._points: list[tuple[str, float, float]] = []
        self.bar_chart = QChart()
        self.line_chart = QChart()
        for chart in (self.bar_chart, self.line_chart):
            chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
            chart.setMargins(QMargins(4, 4, 4, 4))
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
            chart.legend().setFont(theme.sized_font(self, theme.CHART_TEXT))
            chart.setTitleFont(theme.sized_font(self, theme.CHART_TITLE, bold=True))
        self.bar_view = QChartView(self.bar_chart)
        self.line_view = QChartView(self.line_chart)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for view in (self.bar_view, self.line_view):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(240)
            view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            layout.addWidget(view, 1)
        self.retranslate()

    # -- for tests and the screen ------------------------------------------------------

    def bar_values(self) -> dict[str, float]:
        """Units/hour per worker as drawn."""
        return dict(self._bars)

    def line_points(self) -> list[tuple[str, float, float]]:
        """(bucket label, units, orders packed) as drawn."""
        return list(self._points)

    # -- drawing ------------------------------------------------------------------------

    def show_throughput(self, data: Throughput) -> None:
        self._data = data
        self._draw()

    def _draw(self) -> None:
        data = self._data
        for chart in (self.bar_chart, self.line_chart):
            chart.removeAllSeries()
            for axis in chart.axes():
                chart.removeAxis(axis)
        if data is None:
            self._bars, self._points = {}, []
            return
        pickers = [w for w in data.workers if w.units_picked][:MAX_BARS]
        self._bars = {w.label or "?": round(w.units_per_hour, 2) for w in pickers}
        bar_set = QBarSet(self.tr("Units/hour"))
        bar_set.setColor(QColor(theme.CHART_BARS))
        for value in self._bars.values():
            bar_set.append(value)
        bars = QBarSeries()
        bars.append(bar_set)
        bars.setLabelsVisible(True)
        bars.setLabelsPosition(QBarSeries.LabelsPosition.LabelsInsideEnd)
        self.bar_chart.addSeries(bars)
        names = QBarCategoryAxis()
        names.append(list(self._bars) or [""])
        values = _count_axis(max(self._bars.values(), default=0))
        for axis in (names, values):
            axis.setLabelsFont(theme.sized_font(self, theme.CHART_TEXT))
        self.bar_chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
        self.bar_chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(names)
        bars.attachAxis(values)

        self._points = [
            (
                b.start.astimezone(self._tz).strftime("%H:%M") if b.start else str(b.ref_id),
                float(b.units_picked),
                float(b.orders_packed),
            )
            for b in data.buckets
        ]
        units = QLineSeries()
        units.setName(self.tr("Units picked"))
        units.setPen(QPen(QColor(theme.CHART_UNITS), 3))
        packed = QLineSeries()
        packed.setName(self.tr("Orders packed"))
        packed.setPen(QPen(QColor(theme.CHART_PACKED), 3))
        for i, (_, u, p) in enumerate(self._points):
            units.append(i, u)
            packed.append(i, p)
        for series in (units, packed):
            series.setPointsVisible(True)
            self.line_chart.addSeries(series)
        hours = QBarCategoryAxis()
        hours.append([label for label, _, _ in self._points] or [""])
        count = _count_axis(max((max(u, p) for _, u, p in self._points), default=0))
        for axis in (hours, count):
            axis.setLabelsFont(theme.sized_font(self, theme.CHART_TEXT))
        self.line_chart.addAxis(hours, Qt.AlignmentFlag.AlignBottom)
        self.line_chart.addAxis(count, Qt.AlignmentFlag.AlignLeft)
        for series in (units, packed):
            series.attachAxis(hours)
            series.attachAxis(count)

    # -- language ----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.bar_chart.setTitle(self.tr("Units per hour, by worker"))
        self.line_chart.setTitle(self.tr("Per hour"))
        self._draw()
