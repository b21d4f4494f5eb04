"""Text that warns: bold and orange, with contrast on a light or a dark palette.

Used by the status bar's quarantine badge and by the lines that take a panel's usual text
when something is wrong (the Comments count line's refusals, Pulses waiting for a slow
share), so a warning does not look like an ordinary count.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

#: Orange on a light window (contrast 7.3:1 on white) and on a dark one (10.3:1 on #1e1e1e).
LIGHT_COLOUR = "#9a3412"
DARK_COLOUR = "#fdba74"


def warning_colour(widget: QWidget) -> str:
    """The warning colour that reads on ``widget``'s palette."""
    dark = widget.palette().color(QPalette.Window).lightness() < 128
    return DARK_COLOUR if dark else LIGHT_COLOUR


def mark_warning(widget: QWidget, warning: bool) -> None:
    """Style ``widget``'s text as a warning, or as ordinary text again."""
    widget.setProperty("warning", warning)
    style = f"color: {warning_colour(widget)}; font-weight: 600;"
    widget.setStyleSheet(style if warning else "")
