"""Colours of relationship bands that colour-blind people can tell apart.

Strong is blue, weak is orange and moderate is a pale neutral: the scale never relies on
red against green, and every cell also prints its value, so colour is never the only cue.
Each colour comes in a light and a dark variant that follow the window's palette.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

# (background, text) per band, for light and dark palettes.
_LIGHT = {
    "strong": ("#2f6fad", "#ffffff"),
    "moderate": ("#c3d3e3", "#1d232a"),
    "weak": ("#f0a048", "#1d232a"),
    "suppressed": ("#e0e0e0", "#3a3a3a"),
    None: ("#f7f7f7", "#6b6b6b"),
}
_DARK = {
    "strong": ("#5b9bd8", "#0d1620"),
    "moderate": ("#5d6b7a", "#f2f4f6"),
    "weak": ("#e38b2e", "#14100b"),
    "suppressed": ("#44474a", "#e2e2e2"),
    None: ("#2a2d31", "#a9a9a9"),
}


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` is a dark one (its window colour is dark)."""
    return palette.color(QPalette.Window).lightnessF() < 0.5


def band_colours(band: str | None, palette: QPalette) -> tuple[QColor, QColor]:
    """Background and text colour of a band (``"suppressed"`` or ``None`` allowed)."""
    table = _DARK if is_dark(palette) else _LIGHT
    background, text = table.get(band, table[None])
    return QColor(background), QColor(text)


def accent(palette: QPalette) -> QColor:
    """The colour of the organisation's reference marks in charts."""
    return QColor("#f2c14e") if is_dark(palette) else QColor("#5c3d99")
