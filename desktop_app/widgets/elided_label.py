"""A one-line label for a file path: shortened in the middle to fit, in full as a tooltip."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from desktop_app.widgets.plain_text import plain_tip


class ElidedLabel(QLabel):
    """Shows ``text`` on one line; when it is too long, "…" replaces its middle.

    A path keeps its start (the drive or share) and its end (the folder that matters), and
    never breaks in the middle of a name. The full text is the tooltip and the accessible
    description, and can be selected and copied.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, **kwargs) -> None:
        super().__init__(parent, **kwargs)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        """Show ``text``, shortened in the middle if it does not fit."""
        self._full = text
        self.setToolTip(plain_tip(text))  # a path may hold a tag: shown as written
        self.setAccessibleDescription(text)
        self.updateGeometry()
        self._elide()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self._full) + 4, metrics.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(self.fontMetrics().averageCharWidth() * 12, self.fontMetrics().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width() - 2, 0)
        shown = self.fontMetrics().elidedText(self._full, Qt.ElideMiddle, width)
        if shown != self.text():
            super().setText(shown)
