"""A layout that places widgets left to right and wraps them onto the next line.

For a row of buttons (the Relationships section's "Show:" measures, a survey question's
answer options) that must not make the window wider than a small or 150 %-scaled screen:
when the row does not fit, it continues on a second line instead. The layout's contents
margins are kept around the items.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Left-to-right, wrapping; its height follows its width."""

    def __init__(
        self,
        parent: QWidget | None = None,
        spacing: int = 6,
        line_spacing: int | None = None,
        balanced: bool = False,
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        #: Spread the items evenly over the lines they need (3 + 3, not 5 + 1).
        self.balanced = balanced
        self.setSpacing(spacing)
        #: The gap between wrapped lines (the items' ``spacing`` unless given).
        self.line_spacing = spacing if line_spacing is None else line_spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt API)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt API)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt API)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt API)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        margins = self.contentsMargins()
        inner = QRect(0, 0, width - margins.left() - margins.right(), 0)
        return self._place(inner, move=False) + margins.top() + margins.bottom()

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt API)
        super().setGeometry(rect)
        self._place(rect.marginsRemoved(self.contentsMargins()), move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        width = sum(i.sizeHint().width() for i in self._items)
        width += self.spacing() * max(len(self._items) - 1, 0)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt API)
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in ``rect`` (or only measure); returns the height used."""
        per_line = self._per_line(rect) if self.balanced else len(self._items)
        x, y, line, count = rect.x(), rect.y(), 0, 0
        for item in self._items:
            hint = item.sizeHint()
            if (x + hint.width() > rect.right() + 1 or count == per_line) and line:
                count = 0
                x, y = rect.x(), y + line + self.line_spacing
                line = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.spacing()
            line = max(line, hint.height())
            count += 1
        return y + line - rect.y()

    def _per_line(self, rect: QRect) -> int:
        """How many items a line holds when the lines the items need share them evenly."""
        lines, x = 1, rect.x()
        for index, item in enumerate(self._items):
            width = item.sizeHint().width()
            if x + width > rect.right() + 1 and index:
                lines, x = lines + 1, rect.x()
            x += width + self.spacing()
        return max(1, -(-len(self._items) // lines))


def wrapping_row(widgets: list[QWidget], spacing: int = 6, balanced: bool = False) -> QWidget:
    """A widget showing ``widgets`` left to right, wrapping where the width runs out
    (``balanced``: as many on each line, 3 + 3 rather than 5 + 1)."""
    from PySide6.QtWidgets import QSizePolicy

    row = QWidget()
    policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
    policy.setHeightForWidth(True)
    row.setSizePolicy(policy)
    flow = FlowLayout(row, spacing=spacing, balanced=balanced)
    for widget in widgets:
        flow.addWidget(widget)
    return row


class MinimumHeightItem(QWidgetItem):
    """A layout item that asks for its widget's minimum height only (its width as usual).

    For a table in a section that scrolls when the window is too short (with
    :meth:`desktop_app.panels.base.Panel.set_scrolling_body`): the section's height is
    the sum of what its parts ask for, so a table asking for its usual 200-odd pixels made
    the section scroll on a window that had room for all but that; with a stretch, the
    table still takes every pixel the window leaves.
    """

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().sizeHint()
        return QSize(hint.width(), self.minimumSize().height())
