"""The trend of a pair across waves, with the joint actions HR recorded as markers.

Everything printed on the chart is placed so that nothing covers anything else: each
point's value goes above it, below it or to one side, whichever place is clear of the
action markers (the dashed line and its ▼), of the other points and of the other values;
a value that finds no clear place is left to the tooltip rather than drawn over a marker.
The actions' titles are listed under the chart, one line per wave ("▼ 2026-10: …"), so
two actions in neighbouring waves never print over each other, and the wave names along
the bottom skip every other wave when the chart is too narrow for all of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop_app.widgets.colours import accent, band_colours
from desktop_app.widgets.plain_text import plain_tip
from surveys.bands import format_index

#: Radius of a point, in pixels.
DOT = 4
#: Half the width of a marker's ▼ and its height, in pixels.
HEAD = 6
#: Air kept between a value and the point it belongs to, or anything else.
GAP = 3


@dataclass
class TrendSeries:
    """Points of one line (``None`` = not shown that wave) and markers by wave."""

    waves: list[str]
    values: list[float | None]
    markers: dict[str, list[str]] = field(default_factory=dict)  # wave -> action titles


@dataclass
class TrendLayout:
    """Where each part of the chart is drawn, in the widget's coordinates."""

    plot: QRectF
    points: dict[int, QPointF] = field(default_factory=dict)  # wave index -> centre
    labels: dict[int, QRectF] = field(default_factory=dict)  # wave index -> its value's box
    markers: dict[int, list[QRectF]] = field(default_factory=dict)  # wave -> ▼ and line
    waves: dict[int, QRectF] = field(default_factory=dict)  # wave names along the bottom
    wave_names: dict[int, str] = field(default_factory=dict)  # as shown (perhaps cut)
    legend: list[tuple[QRectF, str, str]] = field(default_factory=list)  # box, shown, whole


def _clear(box: QRectF, obstacles: list[QRectF]) -> bool:
    return not any(box.intersects(other) for other in obstacles)


def _crosses(box: QRectF, segments: list[tuple[QPointF, QPointF]]) -> bool:
    """Whether the line between the points passes through ``box``."""
    return any(_segment_meets(box, a, b) for a, b in segments)


def _segment_meets(box: QRectF, a: QPointF, b: QPointF) -> bool:
    """Whether the segment from ``a`` to ``b`` touches ``box`` (Liang–Barsky clipping).

    It walked the segment in 3-pixel steps, in Python: placing a trend's values took
    most of the 17 ms of each paint of a pair's page's trend (cProfile, 200,000 answers).
    """
    ax, ay = a.x(), a.y()
    dx, dy = b.x() - ax, b.y() - ay
    low, high = 0.0, 1.0
    for step, room in (
        (-dx, ax - box.left()),
        (dx, box.right() - ax),
        (-dy, ay - box.top()),
        (dy, box.bottom() - ay),
    ):
        if step == 0:
            if room < 0:
                return False  # parallel to this edge and outside it
            continue
        t = room / step
        if step < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


class LineChart(QWidget):
    """A trend across waves on the 1–5 scale, with action markers and their titles."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: TrendSeries | None = None
        self.minimum, self.maximum = 1.0, 5.0
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setMouseTracking(True)

    def set_series(self, series: TrendSeries | None) -> None:
        """Show ``series`` (``None``: an empty chart)."""
        self.series = series
        if series is not None:
            parts = [
                f"{w}: {format_index(v)}" for w, v in zip(series.waves, series.values, strict=True)
            ]
            parts += [f"{w}: {', '.join(t)}" for w, t in series.markers.items()]
            self.setAccessibleDescription("; ".join(parts))
        self.updateGeometry()
        self.update()

    # -- size --------------------------------------------------------------------------
    def _marked_waves(self) -> list[int]:
        if not self.series:
            return []
        return [i for i, w in enumerate(self.series.waves) if self.series.markers.get(w)]

    def _legend_line(self) -> int:
        return round(self.fontMetrics().height() * 1.3)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        h = self.fontMetrics().height()
        legend = self._legend_line() * len(self._marked_waves())
        return QSize(self.fontMetrics().averageCharWidth() * 60, h * 12 + legend)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(self.fontMetrics().averageCharWidth() * 40, self.sizeHint().height())

    # -- layout ------------------------------------------------------------------------
    def _axis_width(self) -> float:
        return self.fontMetrics().horizontalAdvance("5") + 4

    def _plot_rect(self) -> QRectF:
        metrics = self.fontMetrics()
        h = metrics.height()
        half_wave = metrics.horizontalAdvance("2026-10") / 2 + 4
        left = self._axis_width() + 8 + half_wave
        legend = self._legend_line() * len(self._marked_waves())
        top = h + HEAD + 2 * GAP  # room for a value above a point at 5, clear of a ▼
        bottom = self.height() - legend - h * 1.9
        return QRectF(left, top, self.width() - left - half_wave, bottom - top)

    def _x(self, i: int, plot: QRectF) -> float:
        count = len(self.series.waves)
        return plot.left() + (plot.width() * i / (count - 1) if count > 1 else plot.width() / 2)

    def _y(self, value: float, plot: QRectF) -> float:
        share = (value - self.minimum) / (self.maximum - self.minimum)
        return plot.bottom() - share * plot.height()

    def trend_layout(self) -> TrendLayout:
        """Where the points, their values, the markers and the titles go at this size."""
        plot = self._plot_rect()
        layout = TrendLayout(plot)
        if not self.series or not self.series.waves:
            return layout
        for i, value in enumerate(self.series.values):
            if value is not None:
                layout.points[i] = QPointF(self._x(i, plot), self._y(value, plot))
        for i in self._marked_waves():
            x = self._x(i, plot)
            layout.markers[i] = [
                QRectF(x - HEAD, plot.top() - HEAD - 2, 2 * HEAD, HEAD + 2),
                QRectF(x - 2, plot.top(), 4, plot.height()),
            ]
        self._place_wave_names(layout)
        self._place_values(layout)
        self._place_legend(layout)
        return layout

    def _place_wave_names(self, layout: TrendLayout) -> None:
        """Each wave's name under its point, within half the distance to the next point on
        either side (and the chart's edges): cut with "…" where longer, whole in the
        tooltip. When points are closer than a month's name, every n-th wave is named,
        always the last."""
        metrics, plot = self.fontMetrics(), layout.plot
        waves = self.series.waves
        spacing = plot.width() / (len(waves) - 1) if len(waves) > 1 else plot.width()
        short = metrics.horizontalAdvance("2026-10…") + 3 * GAP  # a month and "…", spaced
        step = max(1, math.ceil(short / max(spacing, 1)))
        half = (spacing * step - GAP) / 2  # each name keeps to its own share of the axis
        for i in range(len(waves) - 1, -1, -step):
            x = self._x(i, plot)
            low, high = max(x - half, 0.0), min(x + half, float(self.width()))
            text = metrics.elidedText(waves[i], Qt.ElideRight, int(high - low - 2 * GAP))
            if len(text.removesuffix("…")) < min(len(waves[i]), 7):
                continue  # no room for the wave's month: the tooltip has its name
            width = metrics.horizontalAdvance(text) + 2 * GAP
            left = min(max(x - width / 2, low), high - width)
            layout.waves[i] = QRectF(left, plot.bottom() + 4, width, metrics.height())
            layout.wave_names[i] = text

    def _value_boxes(self, point: QPointF, text: str) -> list[QRectF]:
        """Places for a value next to its point, in order of preference."""
        metrics = self.fontMetrics()
        w, h = metrics.horizontalAdvance(text) + 2 * GAP, metrics.height()
        x, y = point.x(), point.y()
        near, side = DOT + GAP, DOT + 2 * GAP
        return [
            QRectF(x - w / 2, y - near - h, w, h),  # above
            QRectF(x - w / 2, y + near, w, h),  # below
            QRectF(x + side, y - near - h, w, h),  # above right
            QRectF(x - side - w, y - near - h, w, h),  # above left
            QRectF(x + side, y + near, w, h),  # below right
            QRectF(x - side - w, y + near, w, h),  # below left
            QRectF(x + side, y - h / 2, w, h),  # right
            QRectF(x - side - w, y - h / 2, w, h),  # left
        ]

    def _place_values(self, layout: TrendLayout) -> None:
        """Each point's value where it covers no marker, point or other value."""
        plot = layout.plot
        left = self._axis_width() + GAP
        area = QRectF(left, 0, self.width() - left, plot.bottom() + 2)
        obstacles = [box for boxes in layout.markers.values() for box in boxes]
        obstacles += [
            QRectF(p.x() - DOT - 1, p.y() - DOT - 1, 2 * DOT + 2, 2 * DOT + 2)
            for p in layout.points.values()
        ]
        ordered = sorted(layout.points)
        segments = [
            (layout.points[a], layout.points[b])
            for a, b in zip(ordered, ordered[1:], strict=False)
            if b == a + 1
        ]
        for i in ordered:
            text = format_index(self.series.values[i])
            fitting = [
                box
                for box in self._value_boxes(layout.points[i], text)
                if area.contains(box) and _clear(box, obstacles)
            ]
            if not fitting:
                continue  # left to the tooltip: never drawn over a marker or a value
            box = next((b for b in fitting if not _crosses(b, segments)), fitting[0])
            layout.labels[i] = box
            obstacles.append(box)

    def _place_legend(self, layout: TrendLayout) -> None:
        metrics = self.fontMetrics()
        line = self._legend_line()
        top = self.height() - line * len(self._marked_waves())
        for row, i in enumerate(self._marked_waves()):
            wave = self.series.waves[i]
            whole = f"▼ {wave}: " + "; ".join(self.series.markers[wave])
            box = QRectF(0, top + row * line, self.width(), line)
            shown = metrics.elidedText(whole, Qt.ElideRight, int(box.width()))
            layout.legend.append((box, shown, whole))

    # -- painting ----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        layout = self.trend_layout()
        self._paint_grid(painter, layout.plot)
        if self.series and self.series.waves:
            self._paint_markers(painter, layout)
            self._paint_line(painter, layout)
            painter.setPen(self.palette().windowText().color())
            for i, box in layout.waves.items():
                painter.drawText(box, Qt.AlignHCenter | Qt.AlignTop, layout.wave_names[i])
        painter.end()

    def _paint_grid(self, painter: QPainter, plot: QRectF) -> None:
        palette = self.palette()
        grid = QColor(palette.windowText().color())
        grid.setAlphaF(0.18)
        h = self.fontMetrics().height()
        for level in range(int(self.minimum), int(self.maximum) + 1):
            y = self._y(level, plot)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(palette.windowText().color())
            painter.drawText(
                QRectF(0, y - h / 2, self._axis_width(), h),
                Qt.AlignRight | Qt.AlignVCenter,
                str(level),
            )

    def _paint_markers(self, painter: QPainter, layout: TrendLayout) -> None:
        colour = accent(self.palette())
        plot = layout.plot
        for head, line in layout.markers.values():
            x = line.center().x()
            painter.setPen(QPen(colour, 2, Qt.DashLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(Qt.NoPen)
            painter.setBrush(colour)
            painter.drawPolygon(
                QPolygonF(
                    [head.topLeft(), head.topRight(), QPointF(head.center().x(), head.bottom())]
                )
            )
        painter.setPen(colour)
        for box, shown, _whole in layout.legend:
            painter.drawText(box, Qt.AlignLeft | Qt.AlignVCenter, shown)

    def _paint_line(self, painter: QPainter, layout: TrendLayout) -> None:
        palette = self.palette()
        line_colour, _ = band_colours("strong", palette)
        path = QPainterPath()
        for i, point in sorted(layout.points.items()):
            if i - 1 in layout.points:
                path.lineTo(point)
            else:
                path.moveTo(point)
        painter.setPen(QPen(line_colour, 2.5))
        painter.setBrush(Qt.NoBrush)
        painter.drawPath(path)
        painter.setPen(Qt.NoPen)
        painter.setBrush(line_colour)
        for point in layout.points.values():
            painter.drawEllipse(point, DOT, DOT)
        painter.setPen(palette.windowText().color())
        for i, box in layout.labels.items():
            painter.drawText(box, Qt.AlignCenter, format_index(self.series.values[i]))

    # -- tooltip -----------------------------------------------------------------------
    def tooltip_at(self, pos: QPointF) -> str:
        """The wave under ``pos``: its value and the actions recorded in it, in words."""
        if not self.series or not self.series.waves:
            return ""
        layout = self.trend_layout()
        for box, _shown, whole in layout.legend:
            if box.contains(pos):
                return whole
        nearest = min(
            range(len(self.series.waves)), key=lambda i: abs(self._x(i, layout.plot) - pos.x())
        )
        wave = self.series.waves[nearest]
        lines = [f"{wave}: {format_index(self.series.values[nearest])}"]
        lines += [f"▼ {title}" for title in self.series.markers.get(wave, [])]
        return "\n".join(lines)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.ToolTip:
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), plain_tip(text), self)  # titles: data
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
