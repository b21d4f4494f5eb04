"""Where the network view puts things, and what it leaves out, for a large organisation.

With four to eight departments every pair is drawn, those whose figures are hidden as
thin dashed "<5" edges. With 20–40 departments most pairs are hidden (every directed pair
is listed, whether fewer than k people rated it or nobody did: ``docs/privacy.md``), and
1,500 dashed edges with their labels buried the few shown ones; the departments' circles,
sized for their names, covered each other. So beyond :data:`DRAWN_HIDDEN_UP_TO`
departments only shown pairs are drawn, and the view says how many are not (a count
that depends on nothing but the shown pairs and the departments); and when the circles
would overlap, each department is a small dot with its name outside the ring, turned
along the radius (:func:`compact_radius`).
"""

from __future__ import annotations

import math
from typing import Any

from surveys.model import MATRIX_UP_TO

#: Up to this many departments, pairs whose figures are hidden are drawn too (dashed), and
#: the heatmap writes their words in their cells: the one limit of the window and the deck.
DRAWN_HIDDEN_UP_TO = MATRIX_UP_TO

#: The longest a department's name is written beside its dot, in average characters
#: (a longer one is elided; its edges' tooltips and the heatmap give it whole).
COMPACT_NAME_CHARS = 18


def drawn_pairs(result: Any) -> list[Any]:
    """The pairs the network draws, in the result's order."""
    if result is None:
        return []
    if len(result.departments) <= DRAWN_HIDDEN_UP_TO:
        return list(result.pairs)
    return [p for p in result.pairs if not p.suppressed]


def left_out(result: Any) -> int:
    """How many pairs of the wave are not drawn (all of them hidden ones)."""
    return 0 if result is None else len(result.pairs) - len(drawn_pairs(result))


def ring_gap(rx: float, ry: float, count: int) -> float:
    """About how far apart ``count`` points spread evenly on an ellipse are."""
    if count < 2:
        return math.inf
    h = ((rx - ry) / (rx + ry)) ** 2 if rx + ry else 0.0
    perimeter = math.pi * (rx + ry) * (1 + 3 * h / (10 + math.sqrt(4 - 3 * h)))  # Ramanujan
    return perimeter / count


def compact_radius(full: float, gap: float, line: float) -> float | None:
    """The radius of a department's dot when circles of radius ``full`` would overlap on a
    ring whose neighbours are ``gap`` apart (``None``: they do not, draw the circles)."""
    if 2 * full <= gap * 0.95:
        return None
    return max(4.0, min(gap * 0.3, line * 0.55))


def name_angle(x: float, y: float, cx: float, cy: float) -> tuple[float, bool]:
    """The angle (degrees) a name beside the dot at (x, y) is turned by, so that it reads
    outwards along the radius, and whether it is flipped to read left to right (the left
    half of the ring, where it would be upside down)."""
    degrees = math.degrees(math.atan2(y - cy, x - cx))
    flipped = degrees > 90 or degrees < -90
    return (degrees + 180 if flipped else degrees), flipped


def name_squares(
    x: float, y: float, cx: float, cy: float, start: float, length: float, size: float
) -> list[tuple[float, float, float, float]]:
    """Squares (left, top, side, side) that cover a name written outwards along the radius
    from the dot at (x, y), ``start`` to ``start + length`` from it, ``size`` high: where an
    edge's label is not put (it covered "Sustainability" or "Research" on a crowded ring)."""
    distance = math.hypot(x - cx, y - cy) or 1.0
    ux, uy = (x - cx) / distance, (y - cy) / distance
    squares, along = [], start + size / 2
    while along - size / 2 < start + length:
        px, py = x + ux * along, y + uy * along
        squares.append((px - size / 2, py - size / 2, size, size))
        along += size
    return squares


def bend_towards_centre(
    mid: tuple[float, float], normal: tuple[float, float], centre: tuple[float, float], near: float
) -> float:
    """How much of its bend an edge between near neighbours on a ring of dots keeps on its
    right side (``normal``): one whose right side is outside the ring is bent inside it
    instead, less (-0.5), so that it and its names stay clear and the pair's two directions
    still sit apart. An edge whose chord's middle is within ``near`` of the centre (across
    the ring) keeps its bend (1.0)."""
    to_centre = (centre[0] - mid[0], centre[1] - mid[1])
    if math.hypot(*to_centre) < near:
        return 1.0
    return 1.0 if normal[0] * to_centre[0] + normal[1] * to_centre[1] >= 0 else -0.5
