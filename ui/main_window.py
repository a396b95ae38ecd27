"""The main window: screens in tabs, a language switch, the database in the status bar
and a red banner when the database cannot be reached."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTime
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.background import Background
from ui.i18n import LANGUAGES, current_language, switch_language
from ui.screens.orders_board import BASE_POINT_SIZE, OrdersBoard
from ui.viewmodels.orders_board import OrdersBoardModel

WINDOW_TITLE = "wavedesk"

STYLE = """
QLabel#errorBanner {
    background: #c62828; color: white; padding: 10px 14px;
    border-bottom: 3px solid #8e0000;
}
QTabBar::tab { padding: 8px 22px; }
QToolButton#languageButton { padding: 4px 12px; }
QToolButton#languageButton:checked { background: #1d4ed8; color: white; border-radius: 4px; }
"""


class MainWindow(QMainWindow):
    def __init__(
        self,
        board_model: OrdersBoardModel,
        background: Background,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._board_model = board_model
        self._background = background
        self._error_detail: str | None = None
        self._last_update: QTime | None = None
        self.setWindowTitle(WINDOW_TITLE)
        font = QFont(self.font())
        font.setPointSizeF(max(BASE_POINT_SIZE, font.pointSizeF()))
        self.setFont(font)
        self.setStyleSheet(STYLE)

        self.banner = QLabel()
        self.banner.setObjectName("errorBanner")
        banner_font = QFont(font)
        banner_font.setPointSizeF(BASE_POINT_SIZE + 2)
        banner_font.setBold(True)
        self.banner.setFont(banner_font)
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setFont(banner_font)
        self.tabs.setCornerWidget(self._language_switch(), Qt.Corner.TopRightCorner)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self._database = QLabel()
        self._updated = QLabel()
        self.statusBar().addPermanentWidget(self._updated)
        self.statusBar().addWidget(self._database, 1)

        self.orders_board = OrdersBoard(board_model)
        self.add_screen(self.orders_board)

        self._wire()
        self.retranslate()

    def _language_switch(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 8, 0)
        self._languages = QButtonGroup(self)
        self._languages.setExclusive(True)
        for code, name in LANGUAGES.items():
            button = QToolButton()
            button.setObjectName("languageButton")
            button.setText(name)
            button.setCheckable(True)
            button.setProperty("lang", code)
            button.setChecked(code == current_language())
            self._languages.addButton(button)
            row.addWidget(button)
        return box

    def _wire(self) -> None:
        m = self._board_model
        m.error.connect(self.show_error)
        m.counts_changed.connect(self._on_refreshed)
        self._languages.buttonClicked.connect(self._on_language)

    # -- screens --------------------------------------------------------------------

    def add_screen(self, screen: QWidget) -> int:
        """Add a screen as a tab; a screen's ``title()`` names its tab."""
        return self.tabs.addTab(screen, self._screen_title(screen))

    @staticmethod
    def _screen_title(screen: QWidget) -> str:
        title = getattr(screen, "title", None)
        return title() if callable(title) else screen.objectName()

    # -- database state -------------------------------------------------------------

    def show_error(self, detail: str) -> None:
        self._error_detail = detail
        self._render_banner()

    def clear_error(self) -> None:
        self._error_detail = None
        self._render_banner()

    def banner_text(self) -> str:
        return self.banner.text() if not self.banner.isHidden() else ""

    def _on_refreshed(self, _counts: dict[str, int]) -> None:
        self._last_update = QTime.currentTime()
        self.clear_error()
        self._render_status()

    def _render_banner(self) -> None:
        if self._error_detail is None:
            self.banner.hide()
            self.banner.clear()
            return
        self.banner.setText(
            self.tr(
                "Cannot read from the database — what you see may be out of date. "
                "Retrying… ({detail})"
            ).format(detail=self._error_detail)
        )
        self.banner.show()

    def _render_status(self) -> None:
        self._database.setText(
            self.tr("Database: {url}").format(url=self._board_model.database_label)
        )
        if self._last_update is None:
            self._updated.setText(self.tr("Loading…"))
        else:
            self._updated.setText(
                self.tr("Updated {time}").format(time=self._last_update.toString("HH:mm:ss"))
            )

    # -- language -------------------------------------------------------------------

    def _on_language(self, button: QAbstractButton) -> None:
        lang = button.property("lang")
        if lang and lang != current_language():
            switch_language(lang)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for i in range(self.tabs.count()):
            self.tabs.setTabText(i, self._screen_title(self.tabs.widget(i)))
        for button in self._languages.buttons():
            button.setChecked(button.property("lang") == current_language())
        self._render_banner()
        self._render_status()

    # -- closing --------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self._board_model.stop()
        self._background.shutdown()
        super().closeEvent(event)
