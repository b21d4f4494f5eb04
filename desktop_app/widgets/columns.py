"""Two columns side by side that stack into one when the window is narrow."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

#: Below this width, in average character widths, the columns are stacked.
ONE_COLUMN_BELOW_CHARS = 130


class Columns(QWidget):
    """A left and a right column; :attr:`left` and :attr:`right` are their layouts.

    At normal widths the columns sit side by side (the left one a little wider); when the
    widget is narrower than :data:`ONE_COLUMN_BELOW_CHARS` characters, the right column
    moves under the left one, so nothing is squeezed below its readable width.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._box = QBoxLayout(QBoxLayout.LeftToRight, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(self.fontMetrics().height() * 2)
        self.left_widget, self.right_widget = QWidget(), QWidget()
        self.left = QVBoxLayout(self.left_widget)
        self.right = QVBoxLayout(self.right_widget)
        for layout in (self.left, self.right):
            layout.setContentsMargins(0, 0, 0, 0)
        self._box.addWidget(self.left_widget, 11)
        self._box.addWidget(self.right_widget, 10)

    def one_column(self) -> bool:
        """Whether the columns are stacked (the widget is narrow)."""
        return self._box.direction() == QBoxLayout.TopToBottom

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        narrow = (
            event.size().width() < self.fontMetrics().averageCharWidth() * ONE_COLUMN_BELOW_CHARS
        )
        direction = QBoxLayout.TopToBottom if narrow else QBoxLayout.LeftToRight
        if self._box.direction() != direction:
            self._box.setDirection(direction)
        super().resizeEvent(event)
