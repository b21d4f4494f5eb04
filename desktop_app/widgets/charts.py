"""Horizontal bar charts painted with QPainter (the trend line is in :mod:`.trend_chart`).

They print their values (colour is never the only cue), follow the palette and scale
with the font, so they stay readable at 150 % and in dark mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.widgets.colours import accent, band_colours


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

    def _row_height(self) -> int:
        return int(self.fontMetrics().height() * 1.9)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        legend = self.fontMetrics().height() * 2 if self.reference_label else 0
        return QSize(
            self.fontMetrics().averageCharWidth() * 60,
            self._row_height() * len(self.rows) + legend + 4,
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(self.fontMetrics().averageCharWidth() * 40, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        metrics = self.fontMetrics()
        label_w = max((metrics.horizontalAdvance(r.label) for r in self.rows), default=0) + 12
        text_w = max((metrics.horizontalAdvance(r.text) for r in self.rows), default=0) + 12
        left, right = label_w, max(label_w + 40, self.width() - text_w)
        row_h = self._row_height()
        for i, row in enumerate(self.rows):
            self._paint_row(painter, row, i * row_h, row_h, left, right)
        if self.reference_label:
            self._paint_legend(painter, len(self.rows) * row_h + 4)
        painter.end()

    def _x(self, value: float, left: float, right: float) -> float:
        span = (self.maximum - self.minimum) or 1.0
        share = min(max((value - self.minimum) / span, 0.0), 1.0)
        return left + share * (right - left)

    def _paint_row(self, painter: QPainter, row: BarRow, top, row_h, left, right) -> None:
        palette = self.palette()
        painter.setPen(palette.windowText().color())
        painter.drawText(
            QRectF(0, top, left - 8, row_h), Qt.AlignRight | Qt.AlignVCenter, row.label
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
