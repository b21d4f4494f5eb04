"""The Actions list sorts by a click on a column's title, as every desktop list does.

Clicking "Due" did nothing: with thirty actions HR could not bring the next ones due to
the top. The selected action stays selected, an action without a due day sorts last either
way, and the order stays when the list is read again (after an edit).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from surveys.actions import Action, list_actions, save_action
from surveys.store import open_workspace
from tests.desktop_app.hr_helpers import open_window

DUE = 3


def _titles(panel) -> list[str]:
    return [panel.model.actions[r].title for r in range(panel.model.rowCount())]


def _dues(panel) -> list[str]:
    return [panel.model.actions[r].due or "" for r in range(panel.model.rowCount())]


def test_clicking_a_title_sorts_the_actions_and_keeps_the_selection(qtbot, demo_workspace):
    db = open_workspace(demo_workspace)
    try:
        save_action(db, Action("IT", "Sales", "Weekly triage call", due="2020-01-15"))
        save_action(db, Action("Marketing", "IT", "Shared calendar"))  # no due day
        read = [a.title for a in list_actions(db)]
    finally:
        db.close()
    window = open_window(qtbot, demo_workspace)
    window.show_section("actions")
    panel = window.panel("actions")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4, timeout=10_000)
    assert _titles(panel) == read  # as read until HR sorts
    panel.table.selectRow(read.index("Weekly triage call"))
    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(DUE) + header.sectionSize(DUE) // 2
    qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=QPoint(x, 5))
    dues = _dues(panel)
    assert dues[-1] == "" and dues[:-1] == sorted(dues[:-1])  # no due day: last
    assert header.sortIndicatorSection() == DUE and header.isSortIndicatorShown()
    assert panel.selected().title == "Weekly triage call"  # still the one selected
    qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=QPoint(x, 5))
    dues = _dues(panel)
    assert dues[-1] == "" and dues[:-1] == sorted(dues[:-1], reverse=True)
    order = _titles(panel)
    panel.reload()  # read again, as after an edit
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4, timeout=10_000)
    qtbot.wait(100)
    assert _titles(panel) == order


def test_actions_that_tie_keep_one_order_when_the_list_is_read_again(qtbot, demo_workspace):
    """Sorted by Status and then by Pair, three actions of one pair kept the Status order;
    read again (after any edit) they jumped back to the order read. Ties now keep the
    order read at every sort, so a re-read moves nothing."""
    db = open_workspace(demo_workspace)
    try:
        for title, status in (("B", "done"), ("A", "planned"), ("C", "in progress")):
            save_action(db, Action("IT", "Sales", title, status=status))
    finally:
        db.close()
    window = open_window(qtbot, demo_workspace)
    window.show_section("actions")
    panel = window.panel("actions")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5, timeout=10_000)
    panel.table.sortByColumn(4, Qt.AscendingOrder)  # Status
    panel.table.sortByColumn(0, Qt.AscendingOrder)  # Pair: IT → Sales first, three ties
    order = _titles(panel)
    assert order[:3] == ["B", "A", "C"]  # as read (saved in that order)
    panel.table.selectRow(1)
    panel.reload()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5, timeout=10_000)
    qtbot.wait(100)
    assert _titles(panel) == order
    assert panel.selected().title == "A"  # and the selection stays on its action
