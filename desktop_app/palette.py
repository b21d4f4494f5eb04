"""Rapport's dark palette and the Fusion style that shows every control on it.

Fusion draws bevels and separators from the palette's shade roles (Light, Midlight, Mid, Dark,
Shadow): a dark palette sets them all, or the light defaults give white lines across a dark
window. Fusion draws the outline of a check box or radio button from ``Window.darker(140)``,
which on a dark window is almost the box's own Base fill: an unchecked box disappears. The
style hands Fusion a lighter Window for those indicators on a dark palette, so their outline is
a calm mid grey (:func:`indicator_outline`) that reads against Base and Window alike; and it
fills a tab page from Window rather than Button, or a light grey sheet would lie under the
network's grey arrows. A menu's border and separators, shades of its Base that vanished on a
dark one, are drawn in the Light shade. On any palette, it draws table headers in one weight.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionMenuItem,
    QWidget,
)

from desktop_app.widgets.colours import is_dark

#: Colours for every group (Active, Inactive, Disabled) unless :data:`_DISABLED` says otherwise.
_COLOURS = {
    QPalette.Window: "#2a2d31",
    QPalette.WindowText: "#e8eaed",
    QPalette.Base: "#17191b",
    QPalette.AlternateBase: "#202326",
    QPalette.ToolTipBase: "#2b2f33",
    QPalette.ToolTipText: "#e8eaed",
    QPalette.PlaceholderText: "#9aa0a6",
    QPalette.Text: "#e8eaed",
    QPalette.Button: "#363a40",
    QPalette.ButtonText: "#e8eaed",
    QPalette.BrightText: "#ffffff",
    # Shades, lightest first, around Button: bevels, sunken frames, separators.
    QPalette.Light: "#4b5057",
    QPalette.Midlight: "#40444a",
    QPalette.Mid: "#2c2f33",
    QPalette.Dark: "#1d1f22",
    QPalette.Shadow: "#0c0d0e",
    QPalette.Highlight: "#5b9bd8",
    QPalette.HighlightedText: "#0d1620",
    QPalette.Accent: "#5b9bd8",
    QPalette.Link: "#8ab4f8",
    QPalette.LinkVisited: "#c3a6f0",
}

#: Disabled controls: dimmed text, a flatter button and a muted selection.
_DISABLED = {
    QPalette.WindowText: "#7b8084",
    QPalette.Text: "#7b8084",
    QPalette.ButtonText: "#7b8084",
    QPalette.PlaceholderText: "#5f6368",
    QPalette.Base: "#1f2124",
    QPalette.Button: "#2f3237",
    QPalette.Highlight: "#3b4f63",
    QPalette.HighlightedText: "#9aa0a6",
    QPalette.Accent: "#3b4f63",
    QPalette.Link: "#6d7f9c",
    QPalette.BrightText: "#9aa0a6",
}


def dark_palette() -> QPalette:
    """A calm dark palette for the Fusion style, every role and group set."""
    palette = QPalette()
    for role, colour in _COLOURS.items():
        palette.setColor(role, QColor(colour))  # every group
    for role, colour in _DISABLED.items():
        palette.setColor(QPalette.Disabled, role, QColor(colour))
    return palette


def indicator_outline(palette: QPalette) -> QColor:
    """The outline of a check box or radio button: 45 % of the way from Window to WindowText.

    In the palette's current group, so a disabled box has a dimmer outline.
    """
    window, text = palette.color(QPalette.Window), palette.color(QPalette.WindowText)
    return QColor(
        *(
            round(0.55 * w + 0.45 * t)
            for w, t in zip(window.getRgb()[:3], text.getRgb()[:3], strict=True)
        )
    )


def _lift_window(palette: QPalette, factor: int) -> QPalette:
    """A Window whose Fusion outline is :func:`indicator_outline`, given Fusion's ``factor``."""
    lifted = QPalette(palette)
    lifted.setColor(QPalette.Window, indicator_outline(palette).lighter(factor))
    return lifted


def _light_menu_border(palette: QPalette) -> QPalette:
    """A Window whose Fusion menu border (Window.darker(160)) is the palette's Light shade."""
    lifted = QPalette(palette)
    lifted.setColor(QPalette.Window, palette.color(QPalette.Light).lighter(160))
    return lifted


def _window_button(palette: QPalette) -> QPalette:
    """Fusion fills a tab page and its tab from a lightened Button: start from Window."""
    calmer = QPalette(palette)
    calmer.setColor(QPalette.Button, palette.color(QPalette.Window))
    return calmer


_PRIMITIVES = {
    # Fusion's outline: Window.darker(140), for a check box then lighter(110); a radio button's
    # antialiased ring spreads over two pixels, so it starts a little lighter to look the same.
    QStyle.PE_IndicatorCheckBox: lambda palette: _lift_window(palette, 127),
    QStyle.PE_IndicatorRadioButton: lambda palette: _lift_window(palette, 165),
    QStyle.PE_FrameTabWidget: _window_button,
    QStyle.PE_PanelMenu: _light_menu_border,
}
_CONTROLS = {QStyle.CE_TabBarTabShape: _window_button}


#: The light palette's selection colour (white text on it: 4.7:1).
LIGHT_HIGHLIGHT = "#2b78b4"
#: The light palette's placeholder text in an empty field (on white: 5.7:1).
LIGHT_PLACEHOLDER = "#666666"

#: The ring around a push button that has the keyboard focus (:class:`RapportStyle` with
#: ``focus_ring``), light and dark: at least 3:1 against the window and the button.
FOCUS_RING = {"light": "#1a5fb4", "dark": "#8ab4f8"}


def focus_ring(palette: QPalette) -> QColor:
    """The focus ring's colour for ``palette``."""
    return QColor(FOCUS_RING["dark" if is_dark(palette) else "light"])


class RapportStyle(QProxyStyle):
    """Fusion, with visible check box and radio outlines and a calm tab page on a dark palette.

    With ``focus_ring``, a push button that has the keyboard focus gets a ring inside its
    outline: Fusion outlines the focused button and the default button alike, so on a page
    with both the keyboard focus could not be told apart (the respondent's windows).
    """

    def __init__(self, focus_ring: bool = False) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.focus_ring = focus_ring

    def name(self) -> str:
        """The base style's name ("fusion"), as the system report shows it."""
        return self.baseStyle().name()

    def standardPalette(self) -> QPalette:  # noqa: N802 (Qt's name)
        """Fusion's light palette with a deeper selection colour and placeholder text: white
        on Fusion's own ``#308cc6`` is 3.7:1 and its half-transparent placeholder 4.0:1, below
        the 4.5:1 text needs; ``#2b78b4`` is 4.7:1, ``#666666`` on white 5.7:1."""
        palette = self.baseStyle().standardPalette()
        for group in (QPalette.Active, QPalette.Inactive):
            palette.setColor(group, QPalette.Highlight, QColor(LIGHT_HIGHLIGHT))
            palette.setColor(group, QPalette.PlaceholderText, QColor(LIGHT_PLACEHOLDER))
        return palette

    def drawPrimitive(  # noqa: N802 (Qt's name)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Fusion's drawing, with the palette :data:`_PRIMITIVES` gives on a dark palette."""
        with _adjusted(option, _PRIMITIVES.get(element)):
            super().drawPrimitive(element, option, painter, widget)
        if (
            self.focus_ring
            and element == QStyle.PE_PanelButtonCommand
            and option.state & QStyle.State_HasFocus
        ):
            _draw_focus_ring(painter, option)

    def drawControl(  # noqa: N802 (Qt's name)
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Fusion's drawing, with the palette :data:`_CONTROLS` gives on a dark palette.

        A header label is never bold: Qt bolds the labels of the selected row's columns,
        which in a table that selects whole rows made every header bold or not depending
        on whether a row was selected.
        """
        if element == QStyle.CE_HeaderLabel and option.state & QStyle.State_On:
            option.state &= ~QStyle.State_On
        with _adjusted(option, _CONTROLS.get(element)):
            super().drawControl(element, option, painter, widget)
        if element == QStyle.CE_MenuItem and _is_separator(option) and is_dark(option.palette):
            # Fusion's separator is a shade of the menu's Base: on a dark one it vanished.
            y = option.rect.center().y()
            painter.save()
            painter.setPen(option.palette.color(QPalette.Light))
            painter.drawLine(option.rect.left() + 4, y, option.rect.right() - 4, y)
            painter.restore()


def _draw_focus_ring(painter: QPainter, option: QStyleOption) -> None:
    """A 2-pixel ring just inside a button's outline."""
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setPen(QPen(focus_ring(option.palette), 2))
    painter.setBrush(QBrush())  # no fill (Qt.NoBrush would build Qt's enums at start-up)
    painter.drawRoundedRect(QRectF(option.rect).adjusted(2, 2, -2, -2), 2, 2)
    painter.restore()


def _is_separator(option: QStyleOption) -> bool:
    """Whether ``option`` draws a menu's separator line."""
    return getattr(option, "menuItemType", None) == QStyleOptionMenuItem.Separator


@contextmanager
def _adjusted(
    option: QStyleOption | None, adjust: Callable[[QPalette], QPalette] | None
) -> Iterator[None]:
    """``option`` with ``adjust``'s palette while Fusion draws, if the palette is dark."""
    if adjust is None or option is None or not is_dark(option.palette):
        yield
        return
    saved = QPalette(option.palette)
    option.palette = adjust(saved)
    try:
        yield
    finally:
        option.palette = saved


def outline_fusion(app: QApplication) -> None:
    """Draw with :class:`RapportStyle` where ``app`` draws with plain Fusion.

    The respondent's app keeps the desktop's own style; where that is Fusion (Linux without
    a desktop style), a dark desktop palette hid its radio buttons as it hid HR's, and its
    focused and default buttons looked the same (hence the focus ring).
    """
    style = app.style()
    if not isinstance(style, RapportStyle) and style.name().lower() == "fusion":
        app.setStyle(RapportStyle(focus_ring=True))
