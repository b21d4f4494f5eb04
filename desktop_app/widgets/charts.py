"""Small charts painted with QPainter: horizontal bars and a trend line.

Both print their values (colour is never the only cue), follow the palette and scale
with the font, so they stay readable at 150 % and in dark mode.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.widgets.colours import accent, band_colours
from surveys.bands import format_index


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


@dataclass
class TrendSeries:
    """Points of one line (``None`` = not shown that wave) and markers by wave."""

    waves: list[str]
    values: list[float | None]
    markers: dict[str, list[str]] = field(default_factory=dict)  # wave -> action titles


class LineChart(QWidget):
    """A trend across waves on the 1–5 scale, with labelled action markers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: TrendSeries | None = None
        self.minimum, self.maximum = 1.0, 5.0
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def set_series(self, series: TrendSeries | None) -> None:
        self.series = series
        if series is not None:
            parts = [
                f"{w}: {format_index(v)}" for w, v in zip(series.waves, series.values, strict=True)
            ]
            parts += [f"{w}: {', '.join(t)}" for w, t in series.markers.items()]
            self.setAccessibleDescription("; ".join(parts))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(self.fontMetrics().averageCharWidth() * 60, self.fontMetrics().height() * 13)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(self.fontMetrics().averageCharWidth() * 40, self.sizeHint().height())

    def _plot_rect(self) -> QRectF:
        h = self.fontMetrics().height()
        half_label = self.fontMetrics().horizontalAdvance("2026-10") / 2 + 4
        left = self.fontMetrics().horizontalAdvance("5") + 12 + half_label
        return QRectF(left, h * 2.4, self.width() - left - half_label, self.height() - h * 4.2)

    def _point(self, i: int, value: float, plot: QRectF) -> QPointF:
        count = max(len(self.series.waves) - 1, 1)
        x = plot.left() + plot.width() * (i / count if len(self.series.waves) > 1 else 0.5)
        share = (value - self.minimum) / (self.maximum - self.minimum)
        return QPointF(x, plot.bottom() - share * plot.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        plot = self._plot_rect()
        self._paint_axes(painter, plot)
        if self.series and self.series.waves:
            self._paint_markers(painter, plot)
            self._paint_line(painter, plot)
        painter.end()

    def _paint_axes(self, painter: QPainter, plot: QRectF) -> None:
        palette = self.palette()
        grid = QColor(palette.windowText().color())
        grid.setAlphaF(0.18)
        for level in range(int(self.minimum), int(self.maximum) + 1):
            y = (
                plot.bottom()
                - (level - self.minimum) / (self.maximum - self.minimum) * plot.height()
            )
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(palette.windowText().color())
            painter.drawText(
                QRectF(0, y - 10, self.fontMetrics().horizontalAdvance("5") + 4, 20),
                Qt.AlignRight | Qt.AlignVCenter,
                str(level),
            )
        if not self.series:
            return
        h = self.fontMetrics().height()
        for i, wave in enumerate(self.series.waves):
            x = self._point(i, self.minimum, plot).x()
            painter.drawText(QRectF(x - 50, plot.bottom() + 4, 100, h + 4), Qt.AlignHCenter, wave)

    def _paint_markers(self, painter: QPainter, plot: QRectF) -> None:
        colour = accent(self.palette())
        h = self.fontMetrics().height()
        for i, wave in enumerate(self.series.waves):
            titles = self.series.markers.get(wave)
            if not titles:
                continue
            x = self._point(i, self.minimum, plot).x()
            painter.setPen(QPen(colour, 2, Qt.DashLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(Qt.NoPen)
            painter.setBrush(colour)
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(x - 6, plot.top() - 8),
                        QPointF(x + 6, plot.top() - 8),
                        QPointF(x, plot.top()),
                    ]
                )
            )
            painter.setPen(colour)
            text = "; ".join(titles)
            align = Qt.AlignRight if x > self.width() / 2 else Qt.AlignLeft
            box = (
                QRectF(x - 400, 0, 392, h * 1.3)
                if align == Qt.AlignRight
                else QRectF(x + 8, 0, self.width() - x - 8, h * 1.3)
            )
            elided = self.fontMetrics().elidedText(text, Qt.ElideRight, int(box.width()))
            painter.drawText(box, align | Qt.AlignVCenter, elided)

    def _paint_line(self, painter: QPainter, plot: QRectF) -> None:
        palette = self.palette()
        line_colour, _ = band_colours("strong", palette)
        path, started = QPainterPath(), False
        points = []
        for i, value in enumerate(self.series.values):
            if value is None:
                started = False
                continue
            point = self._point(i, value, plot)
            points.append((point, value))
            if started:
                path.lineTo(point)
            else:
                path.moveTo(point)
                started = True
        painter.setPen(QPen(line_colour, 2.5))
        painter.setBrush(Qt.NoBrush)
        painter.drawPath(path)
        painter.setBrush(line_colour)
        for point, value in points:
            painter.setPen(Qt.NoPen)
            painter.drawEllipse(point, 4, 4)
            painter.setPen(palette.windowText().color())
            painter.drawText(
                QRectF(point.x() - 30, point.y() - 24, 60, 18), Qt.AlignCenter, format_index(value)
            )
