"""A table header whose names wrap onto up to three lines instead of being cut.

A plain header centres a name wider than its column and cuts both ends ("mer Success &
Renewals (" for "Customer Success & Renewals (EMEA)"), and a row header as wide as the
longest name takes a third of a laptop screen. :class:`WrappingHeader` breaks names at
spaces, grows the column header to the lines it needs, keeps row headers to
:data:`ROW_HEADER_CHARS` characters, and shortens with "…" only a name that does not fit
even then; the model's tooltip still has it whole.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

#: Lines a name may take in a header before it is shortened.
MAX_LINES = 3
#: Width of a row header, in average character widths, at most.
ROW_HEADER_CHARS = 20
#: Space left between a header's text and its edges.
PADDING = 6


def wrap_lines(metrics: QFontMetrics, text: str, width: int, max_lines: int = MAX_LINES):
    """``text`` broken at spaces into lines of at most ``width`` pixels.

    At most ``max_lines`` lines; the last one (or a single word wider than ``width``) ends
    in "…" when the text does not fit.
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and metrics.horizontalAdvance(trial) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return [metrics.elidedText(line, Qt.ElideRight, max(width, 1)) for line in lines]


class WrappingHeader(QHeaderView):
    """A header (of either orientation) that wraps its section names."""

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._relayout = QTimer(self, singleShot=True, interval=0)
        self._relayout.timeout.connect(self._on_relayout_timeout)
        self.sectionResized.connect(lambda *_: self._relayout.start())

    def section_text(self, section: int) -> str:
        """The whole name of ``section``, as the model gives it."""
        model = self.model()
        if model is None:
            return ""
        value = model.headerData(section, self.orientation(), Qt.DisplayRole)
        return "" if value is None else str(value)

    def section_lines(self, section: int) -> list[str]:
        """The lines ``section``'s name is drawn in."""
        return wrap_lines(self.fontMetrics(), self.section_text(section), self._text_width(section))

    def _text_width(self, section: int) -> int:
        if self.orientation() == Qt.Horizontal:
            return self.sectionSize(section) - 2 * PADDING
        return self._row_header_width() - 2 * PADDING

    def _row_header_width(self) -> int:
        metrics = self.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(self.section_text(i)) for i in range(self.count())),
            default=0,
        )
        return min(widest, metrics.averageCharWidth() * ROW_HEADER_CHARS) + 2 * PADDING + 2

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().sizeHint()
        if self.orientation() == Qt.Vertical:
            hint.setWidth(self._row_header_width())
            return hint
        lines = max((len(self.section_lines(i)) for i in range(self.count())), default=1)
        hint.setHeight(max(lines, 1) * self.fontMetrics().height() + 2 * PADDING)
        return hint

    def paintSection(self, painter: QPainter, rect: QRect, section: int) -> None:  # noqa: N802
        """The style's section background, then the name in lines."""
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = section
        option.text = ""
        painter.save()
        self.style().drawControl(QStyle.CE_HeaderSection, option, painter, self)
        painter.setPen(self.palette().buttonText().color())
        lines = self.section_lines(section)
        align = Qt.AlignHCenter if self.orientation() == Qt.Horizontal else Qt.AlignLeft
        painter.drawText(
            rect.adjusted(PADDING, 2, -PADDING, -2), align | Qt.AlignVCenter, "\n".join(lines)
        )
        painter.restore()

    def _on_relayout_timeout(self) -> None:
        """New column widths may need another number of lines: let the view re-measure."""
        view = self.parentWidget()
        if view is not None and hasattr(view, "updateGeometries"):
            view.updateGeometries()
