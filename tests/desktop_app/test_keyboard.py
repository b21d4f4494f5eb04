"""Keyboard only: Tab reaches every control of every section, and each has a name that a
screen reader can say (its text, its label or an accessible name)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QTabBar,
    QWidget,
)

from tests.desktop_app.hr_helpers import open_window

SECTIONS = ["overview", "relationships", "comments", "themes", "actions", "pulses", "settings"]


def _takes_tab(widget: QWidget, window) -> bool:  # noqa: ANN001
    return (
        widget.isVisibleTo(window)
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.TabFocus)
        and not isinstance(widget.parent(), QComboBox | QAbstractSpinBox)  # their line edit
        and not isinstance(widget, QTabBar)  # the tab widget's own bar
    )


def _tab_chain(window, start: QWidget) -> list[QWidget]:  # noqa: ANN001
    """The widgets Tab visits, in order, from ``start`` until it comes back."""
    chain, widget = [], start
    for _ in range(500):
        widget = widget.nextInFocusChain()
        while not _takes_tab(widget, window) and widget is not start:
            widget = widget.nextInFocusChain()
        if widget is start:
            return chain
        chain.append(widget)
    raise AssertionError("the focus chain does not come back")


def _name(widget: QWidget, window) -> str:  # noqa: ANN001
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.text()
    labels = [label for label in window.findChildren(QLabel) if label.buddy() is widget]
    return labels[0].text() if labels else ""


@pytest.mark.parametrize("section", [*SECTIONS, "pair"])
def test_tab_reaches_every_control_and_each_has_a_name(qtbot, demo_workspace, section) -> None:
    window = open_window(qtbot, demo_workspace)
    if section == "pair":
        window.panel("relationships").open_pair("Sales", "IT")
        page = window.pair_page
    else:
        window.show_section(section)
        page = window.panel(section)
    qtbot.wait(20)
    controls = [w for w in page.findChildren(QWidget) if _takes_tab(w, window)]
    reached = _tab_chain(window, window.sidebar)
    assert controls and [w for w in controls if w not in reached] == []
    nameless = [
        f"{type(w).__name__} {w.objectName()}".strip()
        for w in controls
        if not _name(w, window) and not isinstance(w, QLabel)
    ]
    assert nameless == [], section


def test_tab_follows_the_page_on_the_overview_and_a_pair_page(qtbot, demo_workspace) -> None:
    window = open_window(qtbot, demo_workspace)
    overview = window.panel("overview")
    # the overdue rows are read off the GUI thread, after the cards: wait for them
    qtbot.waitUntil(lambda: bool(overview.overdue.rows), timeout=10_000)
    qtbot.wait(20)
    chain = _tab_chain(window, overview.wave_picker)
    names = [w.accessibleName() for w in chain]
    overdue = next(i for i, name in enumerate(names) if name.startswith("Sales → IT: Request"))
    opens = [i for i, w in enumerate(chain) if w.objectName().startswith("openHotspot")]
    # the overdue action stands above the hotspots: Tab reached it after their four buttons
    assert overdue < min(opens)
    assert [chain[i].objectName() for i in opens] == [f"openHotspot{r}" for r in (1, 2, 3, 4)]
    window.panel("relationships").open_pair("Sales", "IT")
    page = window.pair_page
    qtbot.wait(20)
    chain = _tab_chain(window, page.findChild(QWidget, "pairBack"))
    names = [w.objectName() for w in chain if w.isVisibleTo(page) and page.isAncestorOf(w)]
    # the suggestions' buttons come before "Add another action…", which stands below them
    assert names.index("addAction") > max(
        i for i, name in enumerate(names) if name == "recordSuggestion"
    )


def _press_tab(qtbot, window) -> QWidget:  # noqa: ANN001
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    return QApplication.focusWidget()


def test_tab_leaves_a_table_instead_of_going_round_its_cells(qtbot, demo_workspace) -> None:
    window = open_window(qtbot, demo_workspace)
    window.show_section("settings")
    table = window.panel("settings").findChild(QWidget, "departmentsTable")
    qtbot.wait(20)
    table.setFocus()
    assert QApplication.focusWidget() is table
    # Tab went from cell to cell and from the last back to the first, never out
    assert _press_tab(qtbot, window) is not table
    window.show_section("comments")
    comments = window.panel("comments").findChild(QWidget, "commentsTable")
    qtbot.wait(20)
    comments.setFocus()
    assert _press_tab(qtbot, window) is not comments


def test_the_new_workspace_table_takes_tab_while_typing_and_lets_it_go_after(qtbot) -> None:
    from desktop_app.new_workspace_dialog import NewWorkspaceDialog

    dialog = NewWorkspaceDialog(None, None)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    qtbot.mouseClick(dialog.add_button, Qt.LeftButton)  # a new row, its name being edited
    qtbot.keyClicks(QApplication.focusWidget(), "Finance")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)  # to its headcount's editor
    qtbot.keyClicks(QApplication.focusWidget(), "12")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)  # committed on the next turn
    row = dialog.table.rowCount() - 1
    qtbot.waitUntil(lambda: dialog.table.item(row, 1).text() == "12")
    assert dialog.table.item(row, 0).text() == "Finance"
    assert QApplication.focusWidget() is dialog.table
    assert _press_tab(qtbot, dialog) is dialog.add_button  # out to the buttons under it


def test_tab_from_the_sections_lands_on_a_control_not_the_page(qtbot, demo_workspace) -> None:
    """The scrolling page of Overview, Pulses and Settings was a Tab stop of its own, one
    press that seemed to do nothing."""
    from PySide6.QtWidgets import QScrollArea

    window = open_window(qtbot, demo_workspace)
    for section in ("overview", "pulses", "settings"):
        window.show_section(section)
        qtbot.wait(20)
        window.sidebar.setFocus()
        reached = _press_tab(qtbot, window)
        assert not isinstance(reached, QScrollArea), section
        assert window.panel(section).isAncestorOf(reached), section


def test_tab_leaves_a_text_box_instead_of_typing_a_tab(qtbot, demo_workspace) -> None:
    """Names to redact, an action's notes and a theme's keywords and phrases took Tab as a
    character: a keyboard user was stuck in the box, and the names got a tab in them."""
    from PySide6.QtWidgets import QPlainTextEdit

    window = open_window(qtbot, demo_workspace)
    window.show_section("settings")
    names = window.panel("settings").names
    before = names.toPlainText()
    names.setFocus()
    assert _press_tab(qtbot, window) is not names
    assert names.toPlainText() == before and "\t" not in names.toPlainText()
    action = window.panel("actions").add()
    themes = window.panel("themes").edit_taxonomy()
    boxes = action.findChildren(QPlainTextEdit) + themes.findChildren(QPlainTextEdit)
    assert len(boxes) == 3 and all(box.tabChangesFocus() for box in boxes)
    action.reject()
    themes.reject()
