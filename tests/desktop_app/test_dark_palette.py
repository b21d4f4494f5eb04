"""The dark palette and Rapport's style: every control is drawn visibly on a dark desktop.

Each test renders real widgets with the palette and style the HR window uses and reads the
pixels back, so what is measured is what a person sees.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QRegion
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QLabel,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QTabWidget,
    QWidget,
)

from desktop_app.palette import RapportStyle, dark_palette
from tests.desktop_app.hr_helpers import open_window

GROUPS = (QPalette.Active, QPalette.Inactive, QPalette.Disabled)
SHADES = (QPalette.Light, QPalette.Midlight, QPalette.Mid, QPalette.Dark, QPalette.Shadow)


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio (1 to 21); 3 is the minimum for the outline of a control."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def style(qapp):  # noqa: ANN001, ANN201
    style = RapportStyle()
    yield style
    style.deleteLater()


def shown(qtbot, widget: QWidget, style: RapportStyle, enabled: bool = True) -> QImage:  # noqa: ANN001
    """``widget`` drawn with the dark palette and Rapport's style."""
    qtbot.addWidget(widget)
    widget.setStyle(style)
    widget.setPalette(dark_palette())
    widget.setEnabled(enabled)
    widget.show()
    qtbot.waitExposed(widget)
    return widget.grab().toImage()


def test_every_shade_is_dark_and_in_order_in_every_group() -> None:
    palette = dark_palette()
    for group in GROUPS:
        shades = [palette.color(group, role).lightness() for role in SHADES]
        assert shades == sorted(shades, reverse=True)  # Light ... Shadow
        assert max(shades) < 100  # none of the light defaults (white, #cacaca, ...)
        assert palette.color(group, QPalette.Button).lightness() < 80


def test_disabled_text_is_dimmer_but_readable() -> None:
    palette = dark_palette()
    window = palette.color(QPalette.Window)
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        active = palette.color(QPalette.Active, role)
        disabled = palette.color(QPalette.Disabled, role)
        assert contrast(disabled, window) < contrast(active, window) / 2
        assert contrast(disabled, window) >= 3
    assert palette.color(QPalette.Inactive, QPalette.Highlight) == palette.color(
        QPalette.Active, QPalette.Highlight
    )


def indicator_contrast(image: QImage, widget: QWidget, style: RapportStyle, element) -> float:  # noqa: ANN001
    """The contrast of the indicator's left outline against the box's inside and the window."""
    option = QStyleOptionButton()
    option.initFrom(widget)
    rect = style.subElementRect(element, option, widget)
    y = rect.center().y()
    inside = image.pixelColor(rect.center())
    window = dark_palette().color(QPalette.Window)
    edge = [image.pixelColor(x, y) for x in range(rect.left(), rect.left() + 3)]
    return max(min(contrast(pixel, inside), contrast(pixel, window)) for pixel in edge)


@pytest.mark.parametrize(
    ("kind", "element"),
    [(QCheckBox, QStyle.SE_CheckBoxIndicator), (QRadioButton, QStyle.SE_RadioButtonIndicator)],
)
def test_an_unchecked_box_has_an_outline_seen_on_a_dark_desktop(
    qtbot, style: RapportStyle, kind, element
) -> None:  # noqa: ANN001
    widget = kind("Sign ticket requests every minute")
    widget.resize(widget.sizeHint())
    image = shown(qtbot, widget, style)
    assert indicator_contrast(image, widget, style, element) >= 3


def test_a_disabled_box_is_dimmer_but_still_drawn(qtbot, style: RapportStyle) -> None:  # noqa: ANN001
    enabled, disabled = QCheckBox("On"), QCheckBox("Off")
    enabled.resize(enabled.sizeHint())
    disabled.resize(disabled.sizeHint())
    seen = indicator_contrast(
        shown(qtbot, enabled, style), enabled, style, QStyle.SE_CheckBoxIndicator
    )
    dim = indicator_contrast(
        shown(qtbot, disabled, style, enabled=False), disabled, style, QStyle.SE_CheckBoxIndicator
    )
    assert 1.3 < dim < seen


def test_a_separator_is_a_quiet_line_not_a_white_stripe(qtbot, style: RapportStyle) -> None:  # noqa: ANN001
    line = QFrame(frameShape=QFrame.HLine, frameShadow=QFrame.Sunken)
    line.setFixedSize(120, 6)
    image = shown(qtbot, line, style)
    lightness = [image.pixelColor(60, y).lightness() for y in range(image.height())]
    window = dark_palette().color(QPalette.Window).lightness()
    assert max(lightness) < 110
    assert max(abs(value - window) for value in lightness) > 15


def test_a_tab_page_is_close_to_the_window_not_a_grey_sheet(qtbot, style: RapportStyle) -> None:  # noqa: ANN001
    tabs = QTabWidget()
    tabs.addTab(QLabel(), "Heatmap")
    tabs.addTab(QLabel(), "Network")
    tabs.resize(300, 200)
    image = shown(qtbot, tabs, style)
    page = image.pixelColor(150, 150)
    window = dark_palette().color(QPalette.Window)
    assert contrast(page, window) < 1.25


def test_the_dashed_edge_of_a_hidden_pair_is_seen_on_a_dark_desktop(qtbot, demo_workspace) -> None:  # noqa: ANN001
    window = open_window(qtbot, demo_workspace)
    window.setPalette(dark_palette())
    panel = window.panel("relationships")
    window.show_section("relationships")
    panel.tabs.setCurrentWidget(panel.network)
    network = panel.network
    [hidden] = [pair for pair in network.result.pairs if pair.suppressed]
    nodes = network.node_positions()
    start, control, end = network._curve(nodes[hidden.from_dept], nodes[hidden.to_dept])
    page = dark_palette().color(QPalette.Window)
    image = QImage(network.size(), QImage.Format_RGB32)
    image.fill(page)
    painter = QPainter(image)
    network.render(painter, QPoint(), QRegion(), QWidget.DrawChildren)
    painter.end()
    seen = []
    for step in range(15, 35):  # the first third of the curve, clear of its "<5" label
        t = step / 100
        a, b, c = (1 - t) ** 2, 2 * t * (1 - t), t**2
        x = a * start.x() + b * control.x() + c * end.x()
        y = a * start.y() + b * control.y() + c * end.y()
        seen.append(contrast(image.pixelColor(round(x), round(y)), page))
    assert max(seen) >= 1.8


def test_the_style_keeps_fusions_name_for_the_system_report(style: RapportStyle) -> None:
    # help_dialogs.system_report prints app.style().name(): "fusion", not an empty name.
    assert style.name() == "fusion"


def test_a_header_stays_regular_when_a_row_is_selected(qtbot, style: RapportStyle) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

    def header_ink(select: bool) -> int:
        table = QTableWidget(2, 1)
        table.setHorizontalHeaderLabels(["Theme or topic"])
        table.setItem(0, 0, QTableWidgetItem("Responsiveness"))
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        if select:
            table.selectRow(0)
        header = table.horizontalHeader()
        header.setStyle(style)  # a widget's style is not its children's
        image = shown(qtbot, table, style)
        top = header.mapTo(table, header.rect().topLeft())
        return sum(  # light text on the dark header
            image.pixelColor(x, y).lightness() > 128
            for x in range(top.x(), top.x() + header.width())
            for y in range(top.y() + 2, top.y() + header.height() - 2)
        )

    # bold text puts more ink in the header: the same with and without a selected row
    assert header_ink(select=True) == header_ink(select=False)


class _App:
    """What outline_fusion reads and sets of an application: its style."""

    def __init__(self, style) -> None:  # noqa: ANN001
        self._style = style

    def style(self):  # noqa: ANN201
        return self._style

    def setStyle(self, style) -> None:  # noqa: ANN001, N802 (Qt's name)
        self._style = style


def test_the_respondents_fusion_gets_the_outlines_and_another_style_is_kept(qapp) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QCommonStyle, QStyleFactory

    from desktop_app.palette import outline_fusion

    fusion = _App(QStyleFactory.create("Fusion"))
    outline_fusion(fusion)
    assert isinstance(fusion.style(), RapportStyle)
    ours = fusion.style()
    outline_fusion(fusion)
    assert fusion.style() is ours  # not wrapped twice
    other = _App(QCommonStyle())  # a desktop's own style (Breeze, Windows) stays
    before = other.style()
    outline_fusion(other)
    assert other.style() is before


def test_a_menu_has_a_border_and_separators_on_a_dark_desktop(qtbot, style: RapportStyle) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMenu

    menu = QMenu()
    menu.addAction("New workspace…")
    menu.addSeparator()
    menu.addAction("Quit")
    menu.setStyle(style)
    menu.setPalette(dark_palette())
    qtbot.addWidget(menu)
    menu.popup(QPoint(40, 40))
    qtbot.waitUntil(menu.isVisible)
    image = menu.grab().toImage()
    x = image.width() - 8  # right of the actions' text, within the separator
    inside = image.pixelColor(x, image.height() // 4)
    column = [image.pixelColor(x, y) for y in range(image.height())]
    lines = [y for y, pixel in enumerate(column) if contrast(pixel, inside) >= 1.8]
    # the top and bottom border and the separator between the two actions
    assert lines[0] == 0 and lines[-1] == image.height() - 1
    middle = [y for y in lines if 0 < y < image.height() - 1]
    assert middle and all(image.height() / 4 < y < image.height() * 3 / 4 for y in middle)
    # and the menu's left edge is a border too
    assert contrast(image.pixelColor(0, image.height() // 4), inside) >= 1.8
