"""Station settings (站点设置): scanner, scale, printer, labels, language, weight tolerance.

Saved to this machine's ``station.json`` through :mod:`app.services.station.machine_settings`,
after :func:`app.services.station.machine_settings.check` found nothing wrong; the running
station's :class:`StationConfig` is updated in place, so the printer, labels and
tolerance apply to the next parcel. The language applies the moment it is picked;
a new scanner or scale takes effect when the station starts again.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.scan import Scan
from app.services.station import machine_settings as station_settings
from app.services.station.config import LABEL_FORMATS, LABEL_SIZES, StationConfig
from ui.context import StationContext
from ui.i18n.language import LANGUAGES, current_language, pick_language
from ui.i18n.messages import refusal_text
from ui.i18n.noop import QT_TRANSLATE_NOOP
from ui.widgets import theme
from ui.widgets.code_field import code_field
from ui.widgets.feedback import FeedbackBanner

FIELD_LABELS: dict[str, str] = {
    "station": QT_TRANSLATE_NOOP("Settings", "Station"),
    "scanner": QT_TRANSLATE_NOOP("Settings", "Scanner"),
    "scale": QT_TRANSLATE_NOOP("Settings", "Scale"),
    "printer": QT_TRANSLATE_NOOP("Settings", "Printer"),
    "label_format": QT_TRANSLATE_NOOP("Settings", "Label format"),
    "label_size": QT_TRANSLATE_NOOP("Settings", "Label size"),
    "lang": QT_TRANSLATE_NOOP("Settings", "Language"),
    "weight_tolerance_pct": QT_TRANSLATE_NOOP("Settings", "Weight tolerance (%)"),
    "weight_tolerance_g": QT_TRANSLATE_NOOP("Settings", "Weight tolerance, at least (g)"),
    "zpl_cjk": QT_TRANSLATE_NOOP("Settings", "Chinese text on ZPL labels"),
}

SIZE_LABELS: dict[str, str] = {
    "4x6": QT_TRANSLATE_NOOP("Settings", "4 × 6 in"),
    "100x150": QT_TRANSLATE_NOOP("Settings", "100 × 150 mm"),
    "76x130": QT_TRANSLATE_NOOP("Settings", "76 × 130 mm"),
    "100x180": QT_TRANSLATE_NOOP("Settings", "100 × 180 mm"),
}

CJK_LABELS: dict[str, str] = {
    "graphic": QT_TRANSLATE_NOOP("Settings", "as a picture (any printer)"),
    "font": QT_TRANSLATE_NOOP("Settings", "printer font (^CI28)"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("Settings", text)


def problem_text(problem: station_settings.Problem) -> str:
    """``Field: what is wrong`` in the station's language. A device address keeps the
    service's own diagnosis (the catalog has no sentence for its ``bad_*`` code)."""
    label = _t(FIELD_LABELS.get(problem.field, problem.field))
    params = {**problem.params, "field": problem.field}
    return QCoreApplication.translate("Settings", "{field}: {problem}").format(
        field=label, problem=refusal_text(problem.code, params, problem.message)
    )


class SettingsScreen(QWidget):
    """See the module doc; ``path`` overrides where the settings are saved (tests)."""

    saved = Signal(object)  # the StationConfig written

    def __init__(
        self, ctx: StationContext, *, path: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsScreen")
        self._ctx = ctx
        self._path = path
        config = ctx.config

        self.station_value = QLabel(config.station)
        self.scanner_edit = code_field(QLineEdit(config.scanner))
        self.scale_edit = code_field(QLineEdit(config.scale))
        self.printer_edit = code_field(QLineEdit(config.printer))
        self.format_combo = self._combo(LABEL_FORMATS, config.label_format)
        self.size_combo = self._combo(LABEL_SIZES, config.label_size)
        self.lang_combo = QComboBox()
        for code, name in LANGUAGES.items():  # endonyms, never translated
            self.lang_combo.addItem(name, code)
        self.lang_combo.setCurrentIndex(max(0, self.lang_combo.findData(config.lang)))
        self.pct_spin = QDoubleSpinBox()
        self.pct_spin.setRange(0, 100)
        self.pct_spin.setDecimals(1)
        self.pct_spin.setValue(config.weight_tolerance_pct)
        self.grams_spin = QSpinBox()
        self.grams_spin.setRange(0, 100_000)
        self.grams_spin.setSingleStep(10)
        self.grams_spin.setValue(config.weight_tolerance_g)
        self.cjk_combo = self._combo(station_settings.ZPL_CJK_MODES, config.zpl_cjk)

        self.form = QFormLayout()
        self._rows: list[tuple[str, QWidget]] = [
            ("station", self.station_value),
            ("scanner", self.scanner_edit),
            ("scale", self.scale_edit),
            ("printer", self.printer_edit),
            ("label_format", self.format_combo),
            ("label_size", self.size_combo),
            ("zpl_cjk", self.cjk_combo),
            ("lang", self.lang_combo),
            ("weight_tolerance_pct", self.pct_spin),
            ("weight_tolerance_g", self.grams_spin),
        ]
        for _, widget in self._rows:
            self.form.addRow(QLabel(), widget)

        self.problems = QLabel()
        self.problems.setObjectName("settingsProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(theme.ERROR_LINE)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.save_button = QPushButton()
        self.banner = FeedbackBanner(ctx.feedback, point_size=theme.BANNER_DESK)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addWidget(self.problems)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.save_button.clicked.connect(self.save)
        self.lang_combo.currentIndexChanged.connect(self._language_picked)
        self.retranslate()

    @staticmethod
    def _combo(codes: tuple[str, ...], current: str) -> QComboBox:
        combo = QComboBox()
        for code in codes:
            combo.addItem(code, code)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    # -- the station-screen contract --------------------------------------------------

    def title(self) -> str:
        return self.tr("Settings")

    def handle_scan(self, meaning: Scan) -> None:
        self._ctx.feedback.info(self.tr("Settings take no scans: type the values."))

    # -- editing ----------------------------------------------------------------------

    def config_from_form(self) -> StationConfig:
        return dataclasses.replace(
            self._ctx.config,
            scanner=self.scanner_edit.text().strip(),
            scale=self.scale_edit.text().strip(),
            printer=self.printer_edit.text().strip(),
            label_format=self.format_combo.currentData(),
            label_size=self.size_combo.currentData(),
            lang=self.lang_combo.currentData(),
            weight_tolerance_pct=round(self.pct_spin.value(), 1),
            weight_tolerance_g=self.grams_spin.value(),
            zpl_cjk=self.cjk_combo.currentData(),
        )

    def save(self) -> bool:
        """Check, then save; False (with the problems shown) when something is wrong."""
        config = self.config_from_form()
        problems = station_settings.check(config)
        if problems:
            self.problems.setText("\n".join(problem_text(p) for p in problems))
            self._ctx.feedback.bad(self.tr("Not saved: correct the values in red."))
            return False
        try:
            path = station_settings.save(config, self._path)
        except OSError as exc:
            self.problems.setText(
                self.tr("Cannot write the settings file: {detail}").format(detail=exc)
            )
            self._ctx.feedback.bad(self.tr("Not saved: the settings file cannot be written."))
            return False
        self.problems.clear()
        restart = (config.scanner, config.scale) != (
            self._ctx.config.scanner,
            self._ctx.config.scale,
        )
        for field in dataclasses.fields(StationConfig):
            setattr(self._ctx.config, field.name, getattr(config, field.name))
        if restart:
            self._ctx.feedback.warn(
                self.tr("Saved in {path}. The new scanner or scale works after a restart.").format(
                    path=path
                )
            )
        else:
            self._ctx.feedback.good(self.tr("Saved in {path}.").format(path=path))
        self.saved.emit(config)
        return True

    def _language_picked(self, _index: int) -> None:
        pick_language(self.lang_combo.currentData())

    # -- language ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for row, (name, _) in enumerate(self._rows):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setText(_t(FIELD_LABELS[name]))
        for index in range(self.size_combo.count()):
            self.size_combo.setItemText(index, _t(SIZE_LABELS[self.size_combo.itemData(index)]))
        for index in range(self.cjk_combo.count()):
            self.cjk_combo.setItemText(index, _t(CJK_LABELS[self.cjk_combo.itemData(index)]))
        self.lang_combo.blockSignals(True)
        self.lang_combo.setCurrentIndex(max(0, self.lang_combo.findData(current_language())))
        self.lang_combo.blockSignals(False)
        self.scanner_edit.setPlaceholderText(station_settings.SCANNER_FORMS)
        self.scale_edit.setPlaceholderText(station_settings.SCALE_FORMS)
        self.printer_edit.setPlaceholderText(
            "tcp://HOST:9100, serial:///dev/ttyUSB1, dir:///PATH, system:NAME"
        )
        self.save_button.setText(self.tr("Save"))
        self.note.setText(
            self.tr(
                "Printer, labels and tolerance apply to the next parcel; "
                "a new scanner or scale after the station is started again."
            )
        )
