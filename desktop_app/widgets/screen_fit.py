"""Windows that fit the screen they open on.

A size chosen from the font (``h * 52`` lines) is comfortable on a large monitor but taller
than a 1366×768 laptop screen at 150 % scaling, where Qt works with 911×512 logical pixels:
the window manager then places the window's bottom, and its Next, Save or Close button, off
the screen. Every window that chooses its own size goes through :func:`fit_to_screen`, which
keeps the wished size where it fits and shrinks it (and the minimum size) where it does not;
the window's contents scroll or wrap instead.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def available_size(widget: QWidget) -> QSize:
    """The room a window of ``widget`` has: its screen's area without panels and docks."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:  # no screen at all (e.g. a headless test): no limit
        return QSize(1 << 16, 1 << 16)
    return screen.availableGeometry().size()


def frame_allowance(widget: QWidget) -> QSize:
    """What the window manager adds around a window: borders and the title bar."""
    h = widget.fontMetrics().height()
    return QSize(h, h * 2 + h // 2)


def room_for(widget: QWidget) -> QSize:
    """The largest size ``widget``'s window may take and still show its title bar and edges."""
    room = available_size(widget) - frame_allowance(widget)
    return QSize(max(room.width(), 1), max(room.height(), 1))


def fit_to_screen(widget: QWidget, width: int, height: int) -> QSize:
    """Resize ``widget`` to ``width`` × ``height``, or less where the screen is smaller.

    A minimum size larger than the screen is lowered to it as well, so the window manager
    never has to place the window's buttons off screen. Returns the size given.
    """
    room = room_for(widget)
    minimum = widget.minimumSize()
    if minimum.width() > room.width() or minimum.height() > room.height():
        widget.setMinimumSize(
            min(minimum.width(), room.width()), min(minimum.height(), room.height())
        )
    size = QSize(min(width, room.width()), min(height, room.height()))
    widget.resize(size)
    return size
