"""Real organisations' long names: every screen stays within a laptop window and shows them.

The demo's departments are short ("IT"); real ones read "Customer Success & Renewals (EMEA)".
Here the demo organisation is renamed that way (its answers unchanged), with a 59-character
organisation name and long wave names, and the HR window is as large as a 1366×768 screen
allows.
"""

from __future__ import annotations

import shutil
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QKeySequence
from PySide6.QtWidgets import QScrollArea

from surveys.store import open_workspace
from tests.desktop_app.hr_helpers import open_window

LONG_NAMES = {
    "Sales": "Customer Success & Renewals (EMEA)",
    "IT": "Information Technology & Digital Workplace",
    "Marketing": "Marketing Communications and Brand",
    "Operations": "Laboratory Operations & Sample Logistics",
}
ORGANISATION = "Northwind Diagnostics Laboratories & Clinical Services GmbH"
WAVES = {
    "2026-09": "2026-09 Autumn pulse after reorganisation",
    "2026-10": "2026-10 Q4 pulse - Customer journey programme",
}
#: The HR window on a 1366×768 screen, less the title bar and a task bar.
LAPTOP_WINDOW = (1366, 700)


@pytest.fixture(scope="module")
def analysed_long_names(analysed_demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo renamed to long names, analysed once."""
    from analysis.pipeline import analyse_workspace
    from surveys.departments import rename_department
    from surveys.store import open_workspace, set_setting

    folder = tmp_path_factory.mktemp("long-names") / "northwind"
    shutil.copytree(analysed_demo, folder)
    db = open_workspace(folder)
    with db.atomic():
        for old, new in LONG_NAMES.items():
            rename_department(db, old, new)
        set_setting(db, "organisation", ORGANISATION)
        for old, new in WAVES.items():
            db.execute("UPDATE waves SET name = ? WHERE name = ?", [new, old])
    db.close()
    analyse_workspace(folder)
    return folder


@pytest.fixture
def window(qtbot, analysed_long_names: Path, tmp_path: Path):  # noqa: ANN201
    folder = tmp_path / "northwind"
    shutil.copytree(analysed_long_names, folder)
    window = open_window(qtbot, folder)
    window.resize(*LAPTOP_WINDOW)
    qtbot.waitUntil(lambda: window.width() == LAPTOP_WINDOW[0])
    yield window
    window.close()


def _settle(qtbot) -> None:  # noqa: ANN001
    qtbot.wait(50)  # deferred layouts and the column fitting run on the next turns


@pytest.mark.parametrize("section", ["overview", "pulses", "settings", "pair"])
def test_no_page_grows_wider_than_the_window(qtbot, window, section) -> None:
    if section == "pair":
        window.panel("relationships").open_pair(LONG_NAMES["Sales"], LONG_NAMES["IT"])
        page = window.pair_page
    else:
        window.show_section(section)
        page = window.panel(section)
    _settle(qtbot)
    scroll = page.findChild(QScrollArea)
    assert scroll.horizontalScrollBar().maximum() == 0, section
    assert scroll.widget().width() <= scroll.viewport().width()


def test_hotspot_titles_and_the_pair_heading_wrap(qtbot, window) -> None:
    window.show_section("overview")
    _settle(qtbot)
    labels = window.panel("overview").findChildren(type(window.analysis_label))
    [title] = [label for label in labels if label.text().startswith("1. ")]
    assert LONG_NAMES["Sales"] in title.text() and title.wordWrap()
    assert title.height() >= 2 * title.fontMetrics().height()  # two lines, not one wide one


@pytest.mark.parametrize("width", [LAPTOP_WINDOW[0], 853])  # 853: the same laptop at 150 %
@pytest.mark.parametrize("section, main", [("comments", "text"), ("actions", "title")])
def test_the_comment_and_the_action_keep_their_room(qtbot, window, section, main, width) -> None:
    window.resize(width, LAPTOP_WINDOW[1])
    window.show_section(section)
    _settle(qtbot)
    panel = window.panel(section)
    table = panel.table
    column = 3 if main == "text" else 1
    char = table.fontMetrics().averageCharWidth()
    assert table.horizontalScrollBar().maximum() == 0
    assert table.columnWidth(column) >= char * 20
    right = table.columnViewportPosition(column) + table.columnWidth(column)
    assert right <= table.viewport().width()  # on screen, not scrolled out of sight


def test_cut_names_are_whole_in_their_tooltip(qtbot, window) -> None:
    window.show_section("comments")
    _settle(qtbot)
    model = window.panel("comments").model
    for column in (0, 1, 2):
        tip = model.data(model.index(0, column), Qt.ToolTipRole)
        assert tip == model.data(model.index(0, column), Qt.DisplayRole)
    assert model.data(model.index(0, 1), Qt.ToolTipRole) in LONG_NAMES.values()


def test_heatmap_headers_wrap_whole_names(qtbot, window) -> None:
    window.show_section("relationships")
    _settle(qtbot)
    view = window.panel("relationships").heatmap
    top, side = view.horizontalHeader(), view.verticalHeader()
    metrics = top.fontMetrics()
    names = list(window.context.result.departments)
    assert top.height() >= 2 * metrics.height()  # room for two lines
    assert side.width() <= metrics.averageCharWidth() * 24  # a row header is not a third
    for header in (top, side):
        for section, name in enumerate(names):
            lines = header.section_lines(section)
            assert " ".join(lines) == name  # whole: nothing cut or elided
            width = header.sectionSize(section) if header is top else header.width()
            assert all(metrics.horizontalAdvance(line) <= width for line in lines)


def test_the_heatmap_caption_uses_the_organisations_departments(qtbot, window) -> None:
    window.show_section("relationships")
    _settle(qtbot)
    caption = window.panel("relationships").caption.text()
    assert f"the cell in row {LONG_NAMES['Sales']}, column {LONG_NAMES['IT']}" in caption
    assert "row Sales" not in caption


def test_an_ampersand_is_shown_not_taken_for_a_shortcut(qtbot, window) -> None:
    from desktop_app.action_dialog import ActionDialog
    from desktop_app.respondent.pages import DepartmentsPage

    page = DepartmentsPage(list(LONG_NAMES.values()))
    qtbot.addWidget(page)
    for name, box in page.boxes.items():
        assert QKeySequence.mnemonic(box.text()).isEmpty(), box.text()
        assert box.text().replace("&&", "&") == name
    dialog = ActionDialog(window.context, LONG_NAMES["Sales"], LONG_NAMES["IT"], window)
    qtbot.addWidget(dialog)
    label = dialog.owner_from_label.text()
    assert QKeySequence.mnemonic(label).isEmpty(), label
    assert label.replace("&&", "&") == f"Owner in {LONG_NAMES['Sales']}:"


def _cell_option(table, row: int, column: int):  # noqa: ANN202
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.initFrom(table.viewport())
    option.rect = table.visualRect(table.model().index(row, column))
    option.font = table.font()
    option.fontMetrics = table.fontMetrics()
    return option


def _assert_caption_keeps_wave(delegate, option, index, width: int) -> None:  # noqa: ANN001
    """The caption drawn under a row fits, and a cut one shortens the names, not the wave."""
    pair = index.data(delegate.pair_role)
    shown = delegate.shown_caption(option, index)
    assert option.fontMetrics.horizontalAdvance(shown) <= width
    wave = pair.rpartition(" · ")[2]
    shown_wave = shown.rpartition(" · ")[2]
    # the wave whole, or a long wave name cut to a third of the line, never to nothing
    assert shown_wave == wave or (
        shown_wave.endswith("…") and wave.startswith(shown_wave[:-1]) and len(shown_wave) > 4
    ), (shown, pair)
    assert shown == pair or shown.count("…") >= 1


def test_a_cut_caption_keeps_its_wave(qtbot) -> None:
    from PySide6.QtGui import QFont

    from desktop_app.widgets.caption_delegate import fit_caption

    metrics = QFontMetrics(QFont())
    caption = f"{LONG_NAMES['Sales']} → {LONG_NAMES['IT']} · 2026-10"
    assert fit_caption(metrics, caption, metrics.horizontalAdvance(caption)) == caption
    half = metrics.horizontalAdvance(caption) // 2
    shown = fit_caption(metrics, caption, half)
    assert shown.endswith(" · 2026-10") and " → " in shown
    assert shown.startswith("Customer") and metrics.horizontalAdvance(shown) <= half
    from_dept, to_dept = shown.removesuffix(" · 2026-10").split(" → ")
    assert from_dept.endswith("…") and to_dept.endswith("…")
    short = f"IT → {LONG_NAMES['Sales']} · 2026-10"  # a short name stays whole
    assert fit_caption(metrics, short, half).startswith("IT → Customer")
    long_wave = caption + " Q4 pulse - Customer journey programme"
    shown = fit_caption(metrics, long_wave, half)
    assert shown.startswith("Customer") and " · 2026-10 Q4" in shown and shown.endswith("…")
    assert metrics.horizontalAdvance(shown.rpartition(" · ")[2]) <= half // 3
    tiny = metrics.horizontalAdvance("Customer…")  # no room for both names: cut at the end
    assert metrics.horizontalAdvance(fit_caption(metrics, caption, tiny)) <= tiny


@pytest.mark.parametrize("width", [LAPTOP_WINDOW[0], 853])  # 853: the same laptop at 150 %
def test_the_comment_keeps_most_of_the_table(qtbot, window, width) -> None:
    from desktop_app.models.comments_model import PAIR_ROLE, TEXT_COLUMN
    from desktop_app.widgets.fitted_columns import SQUEEZED_CHARS

    window.resize(width, LAPTOP_WINDOW[1])
    window.show_section("comments")
    panel = window.panel("comments")
    table, header = panel.table, panel.table.horizontalHeader()
    qtbot.waitUntil(lambda: table.columnWidth(TEXT_COLUMN) >= table.viewport().width() / 2)
    _settle(qtbot)
    assert table.columnWidth(TEXT_COLUMN) >= table.viewport().width() / 2
    delegate = panel.comment_delegate
    char = table.fontMetrics().averageCharWidth()
    if width == LAPTOP_WINDOW[0] and not panel.columns.folded:  # the names fit, cut
        assert all(table.columnWidth(c) >= char * SQUEEZED_CHARS for c in (0, 1, 2))
        return
    # the names do not fit beside it: they moved under each comment, whole
    assert all(table.isColumnHidden(c) for c in (0, 1, 2))
    assert delegate.show_pair and panel.columns.folded
    metrics = table.fontMetrics()
    assert table.rowHeight(0) >= 3 * metrics.lineSpacing()  # two lines of comment, one pair
    for row in range(5):
        index = table.model().index(row, TEXT_COLUMN)
        pair = index.data(PAIR_ROLE)
        assert pair.startswith(LONG_NAMES["Sales"] + " → ")
        option = _cell_option(table, row, TEXT_COLUMN)
        text = index.data(Qt.DisplayRole)
        lines = delegate.comment_lines(option, text)
        comment_box, pair_box = delegate.text_rects(option, text)
        assert len(lines) == 2 or " ".join(lines) == text  # whole, or two full lines
        assert all(metrics.horizontalAdvance(line) <= comment_box.width() for line in lines)
        assert not comment_box.intersects(pair_box)
        assert option.rect.contains(comment_box) and option.rect.contains(pair_box)
        assert pair in index.data(Qt.ToolTipRole)  # whole where the line is cut
        _assert_caption_keeps_wave(delegate, option, index, pair_box.width())
    # every other column shows its whole title, with no room kept for an arrow it lacks
    for column in range(header.count()):
        if column == TEXT_COLUMN or header.isSectionHidden(column):
            continue
        title = table.model().headerData(column, Qt.Horizontal)
        bold = header.font()
        bold.setBold(True)  # as the header draws the titles of a selected row's columns
        assert QFontMetrics(bold).horizontalAdvance(title) < header.sectionSize(column)
        assert header.sectionSize(column) <= panel.columns.content_width(column)


def test_short_names_keep_their_columns(qtbot, demo_workspace) -> None:
    from desktop_app.models.comments_model import TEXT_COLUMN

    window = open_window(qtbot, demo_workspace)
    window.resize(*LAPTOP_WINDOW)
    window.show_section("comments")
    panel = window.panel("comments")
    table = panel.table
    qtbot.waitUntil(lambda: table.columnWidth(TEXT_COLUMN) >= table.viewport().width() / 2)
    _settle(qtbot)
    assert not panel.columns.folded and not panel.comment_delegate.show_pair
    assert not any(table.isColumnHidden(c) for c in (0, 1, 2))
    assert table.columnWidth(TEXT_COLUMN) >= table.viewport().width() / 2
    metrics = table.fontMetrics()
    for column, name in ((1, "Operations"), (2, "Marketing")):
        assert table.columnWidth(column) > metrics.horizontalAdvance(name)
    # narrowed as at 150 %, the comment keeps its half and the pair moves under it
    window.resize(853, LAPTOP_WINDOW[1])
    qtbot.waitUntil(lambda: panel.columns.folded)
    assert table.columnWidth(TEXT_COLUMN) >= table.viewport().width() / 2
    window.resize(*LAPTOP_WINDOW)  # and back
    qtbot.waitUntil(lambda: not panel.columns.folded)
    assert not table.isColumnHidden(1) and panel.comment_delegate.show_pair is False


@pytest.mark.parametrize("width", [LAPTOP_WINDOW[0], 853])
def test_the_comment_filters_do_not_cover_each_other(qtbot, window, width) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QComboBox, QLabel

    window.resize(width, LAPTOP_WINDOW[1])
    window.show_section("comments")
    panel = window.panel("comments")
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    _settle(qtbot)
    if not panel.filters.isVisible():  # folded away in a short window: open them
        qtbot.mouseClick(panel.filters.toggle, Qt.LeftButton)
        _settle(qtbot)
    parent = panel.filters
    boxes = [w for w in parent.findChildren(QComboBox) if w.isVisible()]
    labels = [w for w in parent.findChildren(QLabel) if w.isVisible() and w.buddy() in boxes]
    assert len(boxes) == 6 and len(labels) == 6
    widgets = [*boxes, *labels, *panel.filters.heading_controls()]

    def place(widget) -> QRect:  # noqa: ANN001
        return QRect(widget.mapTo(panel, widget.rect().topLeft()), widget.size())

    for a, b in combinations(widgets, 2):
        assert not place(a).intersects(place(b)), (a.objectName(), b.objectName())
    assert all(place(w).right() <= panel.width() for w in widgets)


@pytest.mark.parametrize("width, height", [(853, 467), (LAPTOP_WINDOW[0], LAPTOP_WINDOW[1])])
def test_the_comments_table_gets_most_of_the_height(qtbot, window, width, height) -> None:
    """At 1366 × 768 and 150 % (853 × 467 here) the filters took the height: 3 rows shown."""
    window.resize(width, height)
    window.show_section("comments")
    panel = window.panel("comments")
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    _settle(qtbot)
    assert panel.table.height() >= 0.5 * panel.height(), (panel.table.height(), panel.height())
    assert panel.search.isVisible()  # the search stays, in the heading row
    heading_bottom = panel.search.mapTo(panel, panel.search.rect().bottomLeft()).y()
    assert heading_bottom < panel.table.mapTo(panel, panel.table.rect().topLeft()).y()
    filters = panel.filters
    if height < 500:  # short: the boxes fold away, and a filter in force is counted
        assert not filters.isVisible() and not filters.toggle.isChecked()
        filters.from_box.setCurrentIndex(1)
        assert filters.toggle.text().replace("&", "") == "Filters (1)"
        qtbot.mouseClick(filters.toggle, Qt.LeftButton)
        qtbot.waitUntil(filters.isVisible)
        assert filters.toggle.text().replace("&", "") == "Filters"
        window.resize(width, height + 1)  # a person's choice stays when the window changes
        _settle(qtbot)
        assert filters.isVisible()
    else:
        assert filters.isVisible() and filters.toggle.isChecked()


@pytest.mark.parametrize("width", [LAPTOP_WINDOW[0], 853])  # 853: the same laptop at 150 %
def test_the_action_title_keeps_its_share(qtbot, window, width) -> None:
    from desktop_app.models.actions_model import PAIR_ROLE
    from desktop_app.panels.actions_panel import TITLE_SHARE

    window.resize(width, LAPTOP_WINDOW[1])
    window.show_section("actions")
    panel = window.panel("actions")
    table = panel.table
    qtbot.waitUntil(lambda: table.columnWidth(1) >= TITLE_SHARE * table.viewport().width())
    _settle(qtbot)
    assert table.columnWidth(1) >= TITLE_SHARE * table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    if not panel.columns.folded:
        assert width == LAPTOP_WINDOW[0]
        return
    # the pair and the wave moved under the title; owners and notes keep their columns
    assert table.isColumnHidden(0) and table.isColumnHidden(5)
    assert not table.isColumnHidden(2) and not table.isColumnHidden(6)
    assert panel.title_delegate.show_pair
    metrics = table.fontMetrics()
    for row in range(table.model().rowCount()):
        index = table.model().index(row, 1)
        assert index.data(PAIR_ROLE).startswith(LONG_NAMES["Sales"] + " → ")
        assert table.rowHeight(row) >= 2 * metrics.lineSpacing()  # title and its caption
        option = _cell_option(table, row, 1)
        text_box, pair_box = panel.title_delegate.text_rects(option, index.data())
        assert option.rect.contains(text_box) and option.rect.contains(pair_box)
        assert not text_box.intersects(pair_box)
        _assert_caption_keeps_wave(panel.title_delegate, option, index, pair_box.width())


@pytest.mark.parametrize("width", [LAPTOP_WINDOW[0], 853])
def test_the_asymmetry_bars_keep_their_room_beside_long_names(qtbot, window, width) -> None:
    from desktop_app.widgets.charts import LABEL_SHARE

    window.resize(width, LAPTOP_WINDOW[1])
    page = window.open_pair(LONG_NAMES["Sales"], LONG_NAMES["IT"])
    chart = page.asymmetry_bars
    qtbot.waitUntil(lambda: chart.isVisible() and chart.height() == chart.sizeHint().height())
    _settle(qtbot)
    left, right = chart.bar_span()
    assert left <= LABEL_SHARE * chart.width() + 1
    assert right - left >= 0.3 * chart.width()  # the bars were 70 of 630 pixels
    metrics = chart.fontMetrics()
    for row, height in zip(chart.rows, chart.row_heights(), strict=True):
        lines = chart.label_lines(row)
        assert len(lines) <= 3 and " ".join(lines) == row.label  # whole, wrapped
        assert all(metrics.horizontalAdvance(line) <= left - 8 for line in lines)
        assert height >= len(lines) * metrics.height()
    assert chart.height() >= sum(chart.row_heights())  # nothing cut off at the bottom


@pytest.mark.parametrize("width", [LAPTOP_WINDOW[0], 853])  # 853: the same laptop at 150 %
def test_the_wave_picker_shows_the_whole_wave_name(
    qtbot, analysed_long_names, tmp_path, width
) -> None:
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    from desktop_app.main_window import MainWindow

    folder = tmp_path / "northwind"
    shutil.copytree(analysed_long_names, folder)
    db = open_workspace(folder)
    db.execute("DELETE FROM analysis_cache")  # analysed while the window shows the overview
    db.close()
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(width, LAPTOP_WINDOW[1])
    window.show()
    with qtbot.waitSignal(window.context.analysis_finished, timeout=60_000):
        window.open_workspace(str(folder))
    _settle(qtbot)
    combo = window.panel("overview").wave_picker.combo
    assert window.stack.currentWidget() is window.panel("overview")
    assert combo.currentText() == WAVES["2026-10"]
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.CC_ComboBox, option, QStyle.SC_ComboBoxEditField, combo
    )
    # the box was sized for 8 characters while it was empty: "2026-10 Q4"
    assert field.width() >= combo.fontMetrics().horizontalAdvance(WAVES["2026-10"])
    page = window.panel("overview").findChild(QScrollArea)
    assert page.horizontalScrollBar().maximum() == 0  # and the page did not grow for it
    assert combo.toolTip() == WAVES["2026-10"]
    window.close()


def test_a_wave_name_too_long_for_the_box_is_elided_and_whole_in_its_tooltip(qtbot) -> None:
    from desktop_app.widgets.wave_picker import ElidingComboBox

    combo = ElidingComboBox()
    qtbot.addWidget(combo)
    name = "2026-10 Q4 pulse - Customer journey programme, second attempt after the merger"
    combo.addItem(name)
    combo.setToolTip(name)
    combo.setFixedWidth(combo.fontMetrics().averageCharWidth() * 30)
    combo.show()
    shown = combo.shown_text()
    assert shown.endswith("…") and name.startswith(shown[:-1])
    assert combo.fontMetrics().horizontalAdvance(shown) < combo.width()
