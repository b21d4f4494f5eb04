"""Horizontal bar charts painted with QPainter (the trend line is in :mod:`.trend_chart`).

They print their values (colour is never the only cue), follow the palette and scale
with the font, so they stay readable at 150 % and in dark mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.widgets.colours import accent, band_colours
from desktop_app.widgets.wrapping_header import wrap_lines

#: The labels take at most this share of a bar chart's width; longer ones wrap onto up to
#: three lines ("Customer Success & Renewals (EMEA) → Information Technology & Digital
#: Workplace" left the bars 70 pixels of a 630-pixel chart).
LABEL_SHARE = 0.4


@dataclass
class BarRow:
    """One bar: its label, value, the text printed after it and an optional reference."""

    label: str
    value: float | None
    text: str
    reference: float | None = None
    band: str | None = None


class BarChart(QWidget):
    """Horizontal bars from ``minimum`` to ``maximum`` with optional reference ticks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[BarRow] = []
        self.minimum, self.maximum = 0.0, 1.0
        self.reference_label = ""
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def set_rows(
        self, rows: list[BarRow], minimum: float, maximum: float, reference_label: str = ""
    ) -> None:
        """Show ``rows`` on a scale from ``minimum`` to ``maximum``."""
        self.rows, self.minimum, self.maximum = list(rows), minimum, maximum
        self.reference_label = reference_label
        self.setAccessibleDescription("; ".join(f"{r.label}: {r.text}" for r in self.rows))
        self.updateGeometry()
        self.update()

    def label_width(self) -> int:
        """The width of the labels' column: the widest label, or :data:`LABEL_SHARE` of
        the chart when that is less (longer labels wrap)."""
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(r.label) for r in self.rows), default=0) + 12
        if self.width() <= 0:
            return widest
        return min(widest, max(int(self.width() * LABEL_SHARE), metrics.averageCharWidth() * 12))

    def label_lines(self, row: BarRow) -> list[str]:
        """``row``'s label as drawn: at most three lines, the last cut with "…"."""
        return wrap_lines(self.fontMetrics(), row.label, self.label_width() - 8, 3)

    def row_heights(self) -> list[int]:
        """Each row's height: room for its bar, or for its label's lines."""
        h = self.fontMetrics().height()
        base = int(h * 1.9)
        return [max(base, len(self.label_lines(r)) * h + int(h * 0.6)) for r in self.rows]

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        legend = self.fontMetrics().height() * 2 if self.reference_label else 0
        return QSize(
            self.fontMetrics().averageCharWidth() * 60, sum(self.row_heights()) + legend + 4
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        """A new width may wrap the labels onto more or fewer lines: ask for that height."""
        super().resizeEvent(event)
        if self.sizeHint().height() != self.height():
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(self.fontMetrics().averageCharWidth() * 40, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        left, right = self.bar_span()
        top = 0
        for row, row_h in zip(self.rows, self.row_heights(), strict=True):
            self._paint_row(painter, row, top, row_h, left, right)
            top += row_h
        if self.reference_label:
            self._paint_legend(painter, top + 4)
        painter.end()

    def bar_span(self) -> tuple[float, float]:
        """Where the bars start and end, between the labels and the printed values."""
        metrics = self.fontMetrics()
        label_w = self.label_width()
        text_w = max((metrics.horizontalAdvance(r.text) for r in self.rows), default=0) + 12
        return label_w, max(label_w + 40, self.width() - text_w)

    def _x(self, value: float, left: float, right: float) -> float:
        span = (self.maximum - self.minimum) or 1.0
        share = min(max((value - self.minimum) / span, 0.0), 1.0)
        return left + share * (right - left)

    def _paint_row(self, painter: QPainter, row: BarRow, top, row_h, left, right) -> None:
        palette = self.palette()
        painter.setPen(palette.windowText().color())
        painter.drawText(
            QRectF(0, top, left - 8, row_h),
            Qt.AlignRight | Qt.AlignVCenter,
            "\n".join(self.label_lines(row)),
        )
        bar = QRectF(left, top + row_h * 0.2, right - left, row_h * 0.6)
        painter.setPen(Qt.NoPen)
        painter.setBrush(palette.alternateBase())
        painter.drawRoundedRect(bar, 3, 3)
        if row.value is not None:
            colour, _ = band_colours(row.band or "strong", palette)
            filled = QRectF(
                bar.left(), bar.top(), self._x(row.value, left, right) - left, bar.height()
            )
            painter.setBrush(colour)
            painter.drawRoundedRect(filled, 3, 3)
        if row.reference is not None:
            x = self._x(row.reference, left, right)
            painter.setPen(QPen(accent(palette), 3))
            painter.drawLine(QPointF(x, top + row_h * 0.08), QPointF(x, top + row_h * 0.92))
        painter.setPen(palette.windowText().color())
        painter.drawText(
            QRectF(right + 8, top, self.width() - right - 8, row_h), Qt.AlignVCenter, row.text
        )

    def _paint_legend(self, painter: QPainter, top: float) -> None:
        palette = self.palette()
        h = self.fontMetrics().height()
        painter.setPen(QPen(accent(palette), 3))
        painter.drawLine(QPointF(8, top + 2), QPointF(8, top + h))
        painter.setPen(palette.windowText().color())
        painter.drawText(
            QRectF(18, top, self.width() - 18, h + 4), Qt.AlignVCenter, self.reference_label
        )
