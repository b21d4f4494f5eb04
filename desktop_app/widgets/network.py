"""The network view: departments as nodes, directed edges coloured by band.

Each edge's label prints the measure chosen under "Show:" (the index, or one dimension)
and its colour is that value's band, exactly as the heatmap cell of the same pair
(:func:`desktop_app.models.heatmap_model.measure_value` and ``measure_band``). An edge's
thickness follows how often the two departments communicate (the ``frequent`` dimension,
1 never … 5 daily). Suppressed pairs are thin, dashed and grey with no value; beyond eight
departments they are left out and the departments drawn as dots
(:mod:`desktop_app.widgets.network_layout`). Clicking near
an edge's label emits ``pair_activated``, and so does Enter on the label the arrow keys
chose (Tab reaches the view; the chosen label has a ring). Hovering a label shows what it
says in words, with a pointing hand.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop_app.models.heatmap_model import INDEX, measure_band, measure_value
from desktop_app.widgets.colours import band_colours, is_dark
from desktop_app.widgets.figures import grouped
from desktop_app.widgets.network_keys import NetworkKeys
from desktop_app.widgets.network_layout import (
    COMPACT_NAME_CHARS,
    bend_towards_centre,
    compact_radius,
    drawn_pairs,
    name_angle,
    name_squares,
    ring_gap,
)
from desktop_app.widgets.plain_text import plain_tip
from surveys.bands import format_index
from surveys.model import DIMENSION_LABELS, Bands

#: Where along an edge its label sits (0 at the department that rates, 1 at the rated one).
LABEL_AT = 0.38

#: Where else it may sit, nearest first, when another label or a department is in the way
#: (at 150 % or in a low window the labels of crossing edges covered each other).
LABEL_PLACES = (LABEL_AT, 0.3, 0.46, 0.24, 0.54, 0.62, 0.18, 0.7)


def _point_on(curve: tuple[QPointF, QPointF, QPointF], t: float) -> QPointF:
    """The point at ``t`` (0 to 1) of a quadratic curve (start, control, end)."""
    start, control, end = curve
    a, b, c = (1 - t) ** 2, 2 * t * (1 - t), t**2
    return QPointF(
        a * start.x() + b * control.x() + c * end.x(),
        a * start.y() + b * control.y() + c * end.y(),
    )


def _overlap(box: QRectF, others: list[QRectF]) -> float:
    """The area of ``box`` that ``others`` cover (0 when it is clear of them all)."""
    total = 0.0
    for other in others:
        common = box.intersected(other)
        total += max(common.width(), 0.0) * max(common.height(), 0.0)
    return total


def edge_width(frequent: float | None) -> float:
    """Pen width of an edge for a communication frequency on the 1–5 scale."""
    if frequent is None:
        return 1.5
    return 1.5 + (min(max(frequent, 1.0), 5.0) - 1.0) * 2.2


class NetworkView(NetworkKeys, QWidget):
    """Departments in a circle with curved directed edges between them."""

    pair_activated = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("network")
        self.result: Any = None
        self.measure = INDEX
        self.bands = Bands()
        self._labels: dict[tuple[str, str], QPointF] = {}
        self._boxes: dict[tuple[str, str], QRectF] = {}
        #: The pair whose label the arrow keys chose (Enter opens it).
        self.current: tuple[str, str] | None = None
        self._laid_for: tuple | None = None
        self._laid_result: Any = None
        self._ring_for: tuple[object, tuple[float, float, float | None]] = (None, (0, 0, None))
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setAccessibleName(self.tr("Network of departments"))
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMouseTracking(True)  # a pointing hand over a label

    def set_result(self, result: Any, bands: Bands | None = None) -> None:
        """Show ``result`` (or nothing for ``None``), banded with ``bands``."""
        self.result = result
        self.current = None
        if bands is not None:
            self.bands = bands
        self._describe()
        self.update()

    def set_measure(self, measure: str) -> None:
        """Label and colour the edges by ``"index"`` or one dimension id."""
        self.measure = measure
        self._describe()
        self.update()

    def edge_text(self, from_dept: str, to_dept: str) -> str | None:
        """What the edge ``from_dept → to_dept`` prints (``None`` if it is not drawn)."""
        pair = self.result.pair(from_dept, to_dept) if self.result is not None else None
        if pair is None:
            return None
        if pair.suppressed:  # "<5": fewer people than the threshold (the legend says so)
            return f"<{self.result.min_group}"
        return format_index(measure_value(pair, self.measure))

    def _band(self, pair) -> str | None:
        return measure_band(pair, self.measure, self.bands)

    def describe_edge(self, from_dept: str, to_dept: str) -> str:
        """An edge's label in words (its tooltip): "Sales → IT: index 2.6 (weak), from 23
        people. …"."""
        pair = self.result.pair(from_dept, to_dept) if self.result is not None else None
        if pair is None:
            return ""
        if pair.suppressed:
            return (
                self.tr(
                    "%1 → %2: fewer than %n people answered, so nothing is shown.",
                    "",
                    self.result.min_group,
                )
                .replace("%1", from_dept)
                .replace("%2", to_dept)
            )
        what = self.tr("index") if self.measure == INDEX else DIMENSION_LABELS[self.measure]
        band = self._band(pair)
        text = f"{from_dept} → {to_dept}: {what} {self.edge_text(from_dept, to_dept)}"
        return (
            text
            + (f" ({band})" if band else "")
            + self.tr(", from %1 people. ").replace("%1", grouped(pair.n))
            + self.tr("Click, or press Enter, for the pair's page.")
        )

    def _describe(self) -> None:
        if self.result is None:
            self.setAccessibleDescription("")
            return
        what = self.tr("index") if self.measure == INDEX else DIMENSION_LABELS[self.measure]
        described = [
            f"{p.from_dept} → {p.to_dept}: "
            + (
                self.tr("fewer than %n people", "", self.result.min_group)
                if p.suppressed
                else self.edge_text(p.from_dept, p.to_dept)
            )
            for p in drawn_pairs(self.result)
        ]
        self.setAccessibleDescription(f"{what}: " + "; ".join(described))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        h = self.fontMetrics().height()
        return QSize(h * 36, h * 26)

    def _radii(self, margin: float) -> tuple[float, float]:
        # On an ellipse that uses a wide, short area (a big font, a low window): the edges'
        # labels get room to sit apart, up to 1.6 times as wide as high.
        ry = max(self.height() / 2 - margin, margin / 2)
        return min(max(self.width() / 2 - margin, margin / 2), ry * 1.6), ry

    def _ring(self) -> tuple[float, float, float | None]:
        """The ellipse's radii and, when the departments' circles would overlap on it, the
        radius of the dots drawn instead (``None``: circles)."""
        names = tuple(self.result.departments) if self.result is not None else ()
        key = (self.width(), self.height(), names, self.font().key())  # not id(): reused
        if self._ring_for[0] != key:  # asked for every edge: measured once per size
            self._ring_for = (key, self._measure_ring())
        return self._ring_for[1]

    def _measure_ring(self) -> tuple[float, float, float | None]:
        line = self.fontMetrics().height()
        count = len(self.result.departments) if self.result is not None else 0
        rx, ry = self._radii(line * 4)
        dot = compact_radius(self._full_radius(), ring_gap(rx, ry, count), line)
        if dot is None:
            return rx, ry, None
        rx, ry = self._radii(self._name_room() + dot + line)  # the names outside the ring
        return rx, ry, compact_radius(self._full_radius(), ring_gap(rx, ry, count), line)

    def _name_room(self) -> float:
        names = self.result.departments if self.result is not None else []
        widest = max((self.fontMetrics().horizontalAdvance(n) for n in names), default=0)
        longest = self.fontMetrics().averageCharWidth() * COMPACT_NAME_CHARS
        # A low window keeps a ring half its height: the names are elided shorter.
        return min(widest, longest, self.height() * 0.25) + 8

    def node_positions(self) -> dict[str, QPointF]:
        """Where each department's node is drawn (widget coordinates)."""
        if self.result is None or not self.result.departments:
            return {}
        names = self.result.departments
        centre = QPointF(self.width() / 2, self.height() / 2)
        rx, ry, _dot = self._ring()
        out = {}
        for i, name in enumerate(names):
            angle = -math.pi / 2 + 2 * math.pi * i / len(names) - math.pi / 4 * (len(names) == 4)
            out[name] = QPointF(
                centre.x() + rx * math.cos(angle), centre.y() + ry * math.sin(angle)
            )
        return out

    def edge_label_position(self, from_dept: str, to_dept: str) -> QPointF | None:
        """Where an edge's value is printed (its click target)."""
        self._layout_labels()
        return self._labels.get((from_dept, to_dept))

    def _node_radius(self) -> float:
        dot = self._ring()[2]
        return self._full_radius() if dot is None else dot

    def _full_radius(self) -> float:
        """The radius of a circle that holds the longest name."""
        names = self.result.departments if self.result is not None else []
        widest = max((self.fontMetrics().horizontalAdvance(n) for n in names), default=0)
        bold_margin = self.fontMetrics().averageCharWidth() * 3
        return max(self.fontMetrics().height() * 2.6, (widest + bold_margin) / 2)

    def _curve(self, a: QPointF, b: QPointF) -> tuple[QPointF, QPointF, QPointF]:
        """Start, control point and end of the edge a→b, bent to its right side."""
        dx, dy = b.x() - a.x(), b.y() - a.y()
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        nx, ny = -uy, ux
        r = self._node_radius() + 4
        start = QPointF(a.x() + ux * r + nx * 10, a.y() + uy * r + ny * 10)
        end = QPointF(b.x() - ux * (r + 4) + nx * 10, b.y() - uy * (r + 4) + ny * 10)
        # Bent enough that the labels of the two directions sit apart, even on a short edge.
        bend = max(length * 0.12, self.fontMetrics().horizontalAdvance("0.00") * 1.5 + 12)
        bend = min(bend, length * 0.35)  # short chords between neighbours on a crowded ring
        chord = ((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)
        if self._ring()[2] is not None:  # dots: not over the names outside the ring
            centre = (self.width() / 2, self.height() / 2)
            bend *= bend_towards_centre(chord, (nx, ny), centre, self._ring()[1] * 0.8)
        mid = QPointF(chord[0] + nx * bend, chord[1] + ny * bend)
        return start, mid, end

    def edge_label_rect(self, from_dept: str, to_dept: str) -> QRectF | None:
        """The box of an edge's value (its click target), clear of other boxes if it can be."""
        self._layout_labels()
        return self._boxes.get((from_dept, to_dept))

    def _label_box(self, text: str, centre: QPointF) -> QRectF:
        metrics = self.fontMetrics()
        box = QRectF(0, 0, metrics.horizontalAdvance(text) + 12, metrics.height() + 4)
        box.moveCenter(centre)
        return box

    def _layout_labels(self) -> None:
        """Place each edge's value a little before the middle of its edge, towards the
        department that rates (the labels of the diagonals, which cross in the middle, then
        sit apart), or further along it where that spot is taken.

        Placed once per result, measure, size and font: the tooltip and the pointing hand
        ask where the labels are at every move of the mouse."""
        key = (self.measure, self.width(), self.height(), self.font().key())
        if self._laid_for == (id(self.result), key) and self._laid_result is self.result:
            return
        self._laid_for, self._laid_result = (id(self.result), key), self.result
        self._place_labels()

    def _place_labels(self) -> None:
        self._labels, self._boxes = {}, {}
        nodes = self.node_positions()
        r = self._node_radius()
        taken = [QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r) for p in nodes.values()]
        taken += self.name_areas()
        for pair in drawn_pairs(self.result):
            if pair.from_dept not in nodes or pair.to_dept not in nodes:
                continue
            curve = self._curve(nodes[pair.from_dept], nodes[pair.to_dept])
            text = self.edge_text(pair.from_dept, pair.to_dept) or ""
            best: tuple[float, QRectF] | None = None
            for box in self._label_candidates(text, curve):
                clash = _overlap(box.adjusted(-2, -2, 2, 2), taken)
                if best is None or clash < best[0]:
                    best = (clash, box)
                if clash == 0:
                    break
            taken.append(best[1])
            key = (pair.from_dept, pair.to_dept)
            self._labels[key], self._boxes[key] = best[1].center(), best[1]

    def _label_candidates(self, text: str, curve: tuple) -> Iterator[QRectF]:
        """Boxes for an edge's value, best first: on the edge at each of
        :data:`LABEL_PLACES`, then, where each of those is taken (a crowded ring: a name
        beside a dot, another value), the same places nudged half a box aside."""
        boxes = [self._label_box(text, _point_on(curve, t)) for t in LABEL_PLACES]
        yield from boxes
        for box in boxes:
            w, h = box.width() / 2, box.height()
            for dx, dy in ((0, -h), (0, h), (-w, 0), (w, 0)):
                yield box.translated(dx, dy)

    def name_areas(self) -> list[QRectF]:
        """Where the names beside the dots are written (none when circles hold them)."""
        return [box for boxes in self._name_boxes().values() for box in boxes]

    def _name_boxes(self) -> dict[str, list[QRectF]]:
        if self.result is None or self._ring()[2] is None:
            return {}
        nodes, r = self.node_positions(), self._node_radius()
        line, room = self.fontMetrics().height(), self._name_room()
        cx, cy = self.width() / 2, self.height() / 2
        boxes = {}
        for name, p in nodes.items():
            length = min(self.fontMetrics().horizontalAdvance(name), room - 8)
            squares = name_squares(p.x(), p.y(), cx, cy, r + 4, length, line)
            boxes[name] = [QRectF(*square) for square in squares]
        return boxes

    def name_at(self, position: QPointF) -> str | None:
        """The department whose circle, dot or name beside it is at ``position``: its
        tooltip gives the name whole (beside a dot it is cut past 18 characters)."""
        r = self._node_radius() + 2
        for name, p in self.node_positions().items():
            if math.hypot(position.x() - p.x(), position.y() - p.y()) <= r:
                return name
        for name, boxes in self._name_boxes().items():
            if any(box.contains(position) for box in boxes):
                return name
        return None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        if self.result is None:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignCenter, self.tr("No analysis yet."))
            painter.end()
            return
        nodes = self.node_positions()
        self._layout_labels()
        drawn = drawn_pairs(self.result)
        for pair in drawn:
            if pair.from_dept in nodes and pair.to_dept in nodes:
                self._paint_edge(painter, pair, nodes[pair.from_dept], nodes[pair.to_dept])
        compact = self._ring()[2] is not None
        if compact:  # a value with no clear place left is read over a dot, not under it
            for name, point in nodes.items():
                self._paint_dot(painter, name, point)
        for pair in drawn:
            self._paint_edge_label(painter, pair)
        for name, point in nodes.items() if not compact else ():
            self._paint_node(painter, name, point)
        painter.end()

    def _paint_edge(self, painter: QPainter, pair, a: QPointF, b: QPointF) -> None:
        colour, _ = band_colours(self._band(pair), self.palette())
        if pair.suppressed:  # a thin dashed line, a step further from the page than its label
            dashes = colour.lighter(160) if is_dark(self.palette()) else colour.darker(130)
            pen = QPen(dashes, 1.5, Qt.DashLine)
        else:
            pen = QPen(colour, edge_width(pair.dimensions.get("frequent")))
        pen.setCapStyle(Qt.FlatCap)
        start, control, end = self._curve(a, b)
        path = QPainterPath(start)
        path.quadTo(control, end)
        painter.setPen(pen)
        painter.setBrush(Qt.NoBrush)
        painter.drawPath(path)
        self._paint_arrow(painter, control, end, pen.color(), max(pen.widthF(), 2.0))

    def _paint_arrow(
        self, painter: QPainter, control: QPointF, tip: QPointF, colour, width
    ) -> None:
        angle = math.atan2(tip.y() - control.y(), tip.x() - control.x())
        size = 8 + width * 1.2
        left = QPointF(
            tip.x() - size * math.cos(angle - 0.45), tip.y() - size * math.sin(angle - 0.45)
        )
        right = QPointF(
            tip.x() - size * math.cos(angle + 0.45), tip.y() - size * math.sin(angle + 0.45)
        )
        painter.setPen(Qt.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(QPolygonF([tip, left, right]))

    def _paint_edge_label(self, painter: QPainter, pair) -> None:
        point = self._labels.get((pair.from_dept, pair.to_dept))
        if point is None:
            return
        text = self.edge_text(pair.from_dept, pair.to_dept) or ""
        background, foreground = band_colours(self._band(pair), self.palette())
        box = self._boxes[(pair.from_dept, pair.to_dept)]
        painter.setPen(QPen(self.palette().window().color(), 1.5))
        painter.setBrush(background)
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(foreground)
        painter.drawText(box, Qt.AlignCenter, text)
        if self.hasFocus() and self.current == (pair.from_dept, pair.to_dept):
            painter.setPen(QPen(self.palette().highlight().color(), 2))
            painter.setBrush(Qt.NoBrush)
            painter.drawRoundedRect(box.adjusted(-3, -3, 3, 3), 6, 6)

    def _paint_node(self, painter: QPainter, name: str, point: QPointF) -> None:
        palette = self.palette()
        r = self._node_radius()
        painter.setPen(QPen(palette.windowText().color(), 1.5))
        painter.setBrush(palette.base())
        painter.drawEllipse(point, r, r)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(palette.text().color())
        painter.drawText(
            QRectF(point.x() - r, point.y() - r, 2 * r, 2 * r),
            Qt.AlignCenter | Qt.TextWordWrap,
            name,
        )
        font.setBold(False)
        painter.setFont(font)

    def _paint_dot(self, painter: QPainter, name: str, point: QPointF) -> None:
        """A department as a dot, its name beside it outside the ring, along the radius."""
        palette = self.palette()
        r = self._node_radius()
        painter.setPen(QPen(palette.windowText().color(), 1.5))
        painter.setBrush(palette.base())
        painter.drawEllipse(point, r, r)
        room = self._name_room()
        text = self.fontMetrics().elidedText(name, Qt.ElideRight, int(room - 8))
        angle, flipped = name_angle(point.x(), point.y(), self.width() / 2, self.height() / 2)
        painter.save()
        painter.translate(point)
        painter.rotate(angle)
        height = self.fontMetrics().height()
        box = QRectF(-(r + 4 + room) if flipped else r + 4, -height / 2, room, height)
        painter.setPen(palette.text().color())
        painter.drawText(box, Qt.AlignVCenter | (Qt.AlignRight if flipped else Qt.AlignLeft), text)
        painter.restore()

    def label_at(self, position: QPointF) -> tuple[str, str] | None:
        """The pair whose label is at (or within a line of) ``position``."""
        self._layout_labels()
        reach = self.fontMetrics().height() * 1.5
        best, best_distance = None, reach
        for key, point in self._labels.items():
            distance = math.hypot(point.x() - position.x(), point.y() - position.y())
            if distance < best_distance:
                best, best_distance = key, distance
        return best

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        best = self.label_at(event.position())
        if best is not None:
            self.current = best
            self.pair_activated.emit(*best)
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        over = self.label_at(event.position()) is not None
        self.setCursor(Qt.PointingHandCursor if over else Qt.ArrowCursor)
        super().mouseMoveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.ToolTip and isinstance(event, QHelpEvent):
            key = self.label_at(QPointF(event.pos()))
            name = None if key is not None else self.name_at(QPointF(event.pos()))
            if key is not None:
                tip = plain_tip(self.describe_edge(*key))  # it begins with a name from data
                QToolTip.showText(event.globalPos(), tip, self)
            elif name is not None:  # whole, where the name beside its dot is cut
                QToolTip.showText(event.globalPos(), plain_tip(name), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
