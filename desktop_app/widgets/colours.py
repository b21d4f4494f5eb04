"""Band colours in the window, from the one palette every export uses too.

:data:`surveys.bands.BAND_PALETTE` (light) and :data:`surveys.bands.BAND_PALETTE_DARK`
are the single source: the deck and the workbook paint strong, moderate and weak cells in
the same colours as the heatmap and the network here. Strong is blue, weak is orange and
moderate a pale neutral; the scale never relies on red against green, and every cell also
prints its value, so colour is never the only cue.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from surveys.bands import band_colour


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` is a dark one (its window colour is dark)."""
    return palette.color(QPalette.Window).lightnessF() < 0.5


def band_colours(band: str | None, palette: QPalette) -> tuple[QColor, QColor]:
    """Background and text colour of a band (``"suppressed"`` or ``None`` allowed)."""
    colour = band_colour(band, dark=is_dark(palette))
    return QColor(colour.fill), QColor(colour.text)


def accent(palette: QPalette) -> QColor:
    """The colour of the organisation's reference marks in charts."""
    return QColor("#f2c14e") if is_dark(palette) else QColor("#5c3d99")
