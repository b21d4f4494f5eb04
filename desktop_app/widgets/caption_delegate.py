"""The main cell of a narrow table: its text, then a caption of the folded columns.

When a table is too narrow for its wave and department columns beside a readable comment
or action title (long department names, a laptop at 150 %), those columns are folded away
and each row carries them on a line of its own under the main text, in a quieter colour:
"Sales → IT · 2026-10". The main text keeps the width; nothing is lost, and the tooltip
still has everything whole.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.widgets.wrapping_header import wrap_lines

#: Space between the cell's edges and its text, in pixels.
PADDING = 3


class CaptionDelegate(QStyledItemDelegate):
    """Paints the text and, while :attr:`show_pair` is set, the caption of ``pair_role``."""

    def __init__(self, pair_role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pair_role = pair_role
        self.show_pair = False

    def text_rects(self, option: QStyleOptionViewItem, text: str) -> tuple[QRect, QRect]:
        """Where the text and its caption go: one block, centred in the cell."""
        inner = option.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        metrics = option.fontMetrics
        lines = len(self.comment_lines(option, text))
        block = lines * metrics.lineSpacing() + metrics.height()
        top = inner.top() + max((inner.height() - block) // 2, 0)
        comment = QRect(inner.left(), top, inner.width(), lines * metrics.lineSpacing())
        pair = QRect(inner.left(), comment.bottom() + 1, inner.width(), metrics.height())
        return comment, pair

    def comment_lines(self, option: QStyleOptionViewItem, text: str) -> list[str]:
        """The text as drawn: wrapped to the cell, the last line cut with "…"."""
        inner = option.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        metrics = option.fontMetrics
        room = (inner.height() - metrics.height()) // metrics.lineSpacing()
        return wrap_lines(metrics, text, inner.width(), max(room, 1))

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        """One line more than the text needs while the caption is shown."""
        hint = super().sizeHint(option, index)
        if self.show_pair:
            hint.setHeight(hint.height() + option.fontMetrics.height() + 2 * PADDING)
        return hint

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if not self.show_pair:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text = item.text
        item.text = ""
        style = item.widget.style() if item.widget is not None else QApplication.style()
        style.drawControl(QStyle.CE_ItemViewItem, item, painter, item.widget)
        selected = bool(item.state & QStyle.State_Selected)
        role = QPalette.HighlightedText if selected else QPalette.Text
        colour = item.palette.color(role)
        comment, pair = self.text_rects(item, text)
        painter.save()
        painter.setPen(colour)
        painter.drawText(
            comment, Qt.AlignLeft | Qt.AlignTop, "\n".join(self.comment_lines(item, text))
        )
        quiet = QColor(colour)
        quiet.setAlphaF(0.75)
        painter.setPen(quiet)
        caption = str(index.data(self.pair_role) or "")
        shown = item.fontMetrics.elidedText(caption, Qt.ElideRight, pair.width())
        painter.drawText(pair, Qt.AlignLeft | Qt.AlignVCenter, shown)
        painter.restore()
