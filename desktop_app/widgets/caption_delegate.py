"""The main cell of a narrow table: its text, then a caption of the folded columns.

When a table is too narrow for its wave and department columns beside a readable comment
or action title (long department names, a laptop at 150 %), those columns are folded away
and each row carries them on a line of its own under the main text, in a quieter colour:
"Sales → IT · 2026-10". The main text keeps the width; nothing is lost, and the tooltip
still has everything whole. Where the caption is cut, the department names are shortened
and the wave stays whole (:func:`fit_caption`): cut at the end, long names hid which wave
each row belongs to.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
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

#: What joins the pair to its wave, and the two departments, in a caption.
WAVE_SEPARATOR, ARROW = " · ", " → "


def fit_caption(metrics: QFontMetrics, caption: str, width: int) -> str:
    """``caption`` ("From → About · wave") as it fits in ``width`` pixels.

    Too long, the two department names share what the arrow and the wave leave, each cut
    with "…", so the wave (the short part that tells rows apart) is not the part lost; a
    long wave name is cut to a third of the width. Only a cell too narrow even for that is
    cut at the end.
    """
    if metrics.horizontalAdvance(caption) <= width:
        return caption
    pair, separator, wave = caption.rpartition(WAVE_SEPARATOR)
    if not separator:
        pair, wave = caption, ""
    from_dept, arrow, to_dept = pair.partition(ARROW)
    tail = separator + wave  # a long wave name gets a third of the line at most
    tail = metrics.elidedText(tail, Qt.ElideRight, max(width // 3, 1)) if wave else tail
    room = width - metrics.horizontalAdvance(arrow + tail)
    if not arrow or room < 2 * metrics.horizontalAdvance("M…"):
        return metrics.elidedText(caption, Qt.ElideRight, width)
    halves = sorted((from_dept, to_dept), key=metrics.horizontalAdvance)
    short_room = min(metrics.horizontalAdvance(halves[0]), room // 2)
    fitted = {halves[0]: metrics.elidedText(halves[0], Qt.ElideRight, short_room)}
    fitted[halves[1]] = metrics.elidedText(
        halves[1], Qt.ElideRight, room - metrics.horizontalAdvance(fitted[halves[0]])
    )
    return fitted[from_dept] + arrow + fitted[to_dept] + tail


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

    def shown_caption(self, option: QStyleOptionViewItem, index: QModelIndex) -> str:
        """The caption as drawn under the text of ``index``: :func:`fit_caption` to the cell."""
        _, pair = self.text_rects(option, str(index.data(Qt.DisplayRole) or ""))
        return fit_caption(option.fontMetrics, str(index.data(self.pair_role) or ""), pair.width())

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
        painter.drawText(pair, Qt.AlignLeft | Qt.AlignVCenter, self.shown_caption(item, index))
        painter.restore()
