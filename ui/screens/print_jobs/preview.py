"""The label preview pane of the print jobs screen: a caption, the label's picture
scaled to the pane, and the button that goes back to following the newest label."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.widgets import theme


class LabelPreview(QFrame):
    """Shows one picture (:meth:`show_image`) or one sentence (:meth:`show_text`); the
    screen says what the caption and the button read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self.caption = QLabel()
        self.caption.setObjectName("previewCaption")
        self.caption.setWordWrap(True)
        self.caption.setFont(theme.sized_font(self, theme.BENCH_BODY, bold=True))
        self.image = QLabel()
        self.image.setObjectName("previewImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setMinimumSize(220, 300)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image.setWordWrap(True)
        self.follow_button = QPushButton()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.follow_button)

    @property
    def image_size(self) -> tuple[int, int]:
        """Size of the label picture shown (before scaling to the pane)."""
        return self._image.width(), self._image.height()

    def has_image(self) -> bool:
        return not self._image.isNull()

    def pixmap(self) -> QPixmap:
        return self.image.pixmap()

    def show_image(self, image: QImage) -> None:
        self._image = image
        self._fit()

    def show_text(self, text: str) -> None:
        self._image = QImage()
        self.image.clear()
        self.image.setText(text)

    def _fit(self) -> None:
        if self._image.isNull():
            return
        box = self.image.contentsRect().size()
        pixmap = QPixmap.fromImage(self._image)
        if box.width() > 10 and box.height() > 10:
            pixmap = pixmap.scaled(
                box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        self.image.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._fit()
