"""Tracked actions (issue 19, item 12): an owner on each side, overdue actions on the
Overview, and the pair page saying what changed since an action was agreed."""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.action_dialog import ActionDialog
from desktop_app.panels.actions_panel import ActionsPanel
from desktop_app.widgets.hanging_list import shown_text
from surveys.actions import Action, list_actions, save_action, short_day
from surveys.store import open_workspace
from tests.desktop_app.hr_helpers import open_window


def test_the_owner_fields_are_named_after_the_two_departments(open_panel, demo_workspace, qtbot):
    panel = open_panel(ActionsPanel)
    dialog = panel.add()
    qtbot.addWidget(dialog)
    dialog.from_box.setCurrentText("Operations")
    dialog.to_box.setCurrentText("Sales")
    assert dialog.owner_from_label.text() == "Owner in Operations:"
    assert dialog.owner_to_label.text() == "Owner in Sales:"
    qtbot.keyClicks(dialog.title_edit, "Shared outcome goal per quarter")
    qtbot.keyClicks(dialog.owner_from_edit, "Head of Operations")
    qtbot.keyClicks(dialog.owner_to_edit, "Sales director")
    qtbot.mouseClick(dialog.due_check, Qt.LeftButton)
    dialog.status_box.setCurrentIndex(dialog.status_box.findText("in progress"))
    with qtbot.waitSignal(panel.context.data_changed):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    row = next(
        r
        for r in range(panel.model.rowCount())
        if panel.model.index(r, 1).data() == "Shared outcome goal per quarter"
    )
    owners = panel.model.index(row, 2).data()
    assert owners == "Head of Operations (Operations)\nSales director (Sales)"
    assert panel.model.index(row, 4).data() == "in progress"
    db = open_workspace(demo_workspace)
    stored = next(a for a in list_actions(db) if a.title == "Shared outcome goal per quarter")
    db.close()
    assert (stored.owner_from, stored.owner_to, stored.status) == (
        "Head of Operations",
        "Sales director",
        "in progress",
    )
    assert stored.due == (date.today() + timedelta(days=30)).isoformat()


def _late_action(folder, days: int) -> int:
    db = open_workspace(folder)
    due = (date.today() - timedelta(days=days)).isoformat()
    action = Action("Marketing", "IT", "Tool requests through one queue", "Dana", "Lee", due)
    action_id = save_action(db, action)
    db.close()
    return action_id


def test_overdue_actions_are_listed_on_the_overview_and_open_on_click(qtbot, demo_workspace):
    action_id = _late_action(demo_workspace, 12)
    window = open_window(qtbot, demo_workspace)
    box = window.panel("overview").overdue
    assert box.isVisible()
    lines = [row.accessibleName() for row in box.rows]
    mine = next(line for line in lines if "Tool requests through one queue" in line)
    assert mine.startswith("Marketing → IT: Tool requests through one queue")
    assert "Dana (Marketing), Lee (IT)" in mine and "12 days overdue" in mine
    shown = box.rows[lines.index(mine)].label.text()
    assert "<b>12 days overdue</b>" in shown
    # the due day as the pair's page writes "agreed on 3 Aug", not "2026-11-30"
    due = date.today() - timedelta(days=12)
    assert f"(due {short_day(due.isoformat())})" in mine and due.isoformat() not in mine
    # The demo's open action of Sales and IT may be overdue too (it depends on today);
    # the most overdue comes first.
    assert [a.days_overdue for a in box.actions] == sorted(
        (a.days_overdue for a in box.actions), reverse=True
    )
    row = box.rows[[a.id for a in box.actions].index(action_id)]
    opened = []
    box.action_requested.connect(opened.append)
    qtbot.mouseClick(row, Qt.LeftButton)
    assert opened == [action_id]
    actions = window.panel("actions")
    assert window.stack.currentWidget() is actions
    assert actions.selected().id == action_id
    editor = [d for d in actions.findChildren(ActionDialog) if d.isVisible() and d.action]
    assert editor and editor[-1].title_edit.text() == "Tool requests through one queue"
    listed = actions.model.index(actions.table.currentIndex().row(), 4).data()
    # worded as the Overview and the pair page word it (it read "overdue by 12 days")
    assert listed == "planned\n12 days overdue"
    # Marking it done takes it off the Overview.
    editor[-1].status_box.setCurrentIndex(editor[-1].status_box.findData("done"))
    with qtbot.waitSignal(window.context.data_changed):
        qtbot.mouseClick(editor[-1].buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    window.show_section("overview")  # a hidden section reads again when it is shown
    qtbot.waitUntil(lambda: action_id not in [a.id for a in box.actions], timeout=5000)


def test_enter_on_a_row_opens_it_too(qtbot, demo_workspace):
    action_id = _late_action(demo_workspace, 3)
    window = open_window(qtbot, demo_workspace)
    box = window.panel("overview").overdue
    row = box.rows[[a.id for a in box.actions].index(action_id)]
    row.setFocus()
    with qtbot.waitSignal(box.action_requested) as requested:
        qtbot.keyClick(row, Qt.Key_Return)
    assert requested.args == [action_id]
    assert window.panel("actions").selected().id == action_id


def test_nothing_overdue_hides_the_box(qtbot, demo_workspace):
    db = open_workspace(demo_workspace)
    db.execute("UPDATE actions SET status = 'done'")
    db.close()
    window = open_window(qtbot, demo_workspace)
    assert not window.panel("overview").overdue.isVisible()


def test_the_pair_page_says_what_changed_since_the_action(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    window.show_section("relationships")
    window.panel("relationships").open_pair("Sales", "Marketing")
    page = window.pair_page
    assert window.stack.currentWidget() is page
    text = shown_text(page.actions.recorded_list)
    assert "Joint campaign planning before launches — done" in text
    assert "Head of Sales (Sales), Head of Marketing (Marketing)" in text
    trend = window.context.result.trends["Sales→Marketing"]
    agreed = next(p for p in trend if p.wave == "2026-07")
    sentence = (
        "Since “Joint campaign planning before launches” was agreed on 17 Jul, Sales → "
        f"Marketing rose from {agreed.index:.1f} to {trend[-1].index:.1f} (3 waves)."
    )
    assert sentence in text
    window.open_pair("Sales", "IT")
    text = shown_text(page.actions.recorded_list)
    assert "the next pulse will show whether Sales → IT moved" in text
    # its due day is written as the agreed day is ("due 30 Nov"), not "due 2026-11-30"
    assert re.search(r"due \d{1,2} [A-Z][a-z]{2}\b", text) and "due 20" not in text


def test_a_recorded_action_and_its_change_wrap_under_their_text(qtbot, demo_workspace):
    """At 1024 × 768 the action's second line ("(Sales), Head of Marketing …") and the
    sentence of what changed since it went on at the left edge, under the bullet."""
    from PySide6.QtGui import QTextDocument

    window = open_window(qtbot, demo_workspace)
    window.resize(1024, 768)
    window.show_section("relationships")
    window.open_pair("Sales", "Marketing")
    label = window.pair_page.actions.recorded_list
    qtbot.waitUntil(lambda: "Since “Joint campaign" in shown_text(label))
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setHtml(label.text())
    document.setDocumentMargin(0)
    document.setTextWidth(label.width())
    document.size()  # lays the text out
    action, change = document.firstBlock(), document.firstBlock().next()
    assert action.text().startswith("• Joint campaign planning before launches — done")
    assert change.text().startswith("Since “Joint campaign planning before launches”")
    bullet = label.fontMetrics().horizontalAdvance("• ")
    lines = [action.layout().lineAt(i) for i in range(action.layout().lineCount())]
    lines += [change.layout().lineAt(i) for i in range(change.layout().lineCount())]
    assert len(lines) >= 4, "both wrap at this width"
    assert lines[0].x() < 1  # the bullet at the edge
    assert all(line.x() >= bullet - 1 for line in lines[1:]), [line.x() for line in lines]


def test_the_pair_page_says_an_action_is_overdue_as_the_overview_does(qtbot, demo_workspace):
    _late_action(demo_workspace, 12)
    window = open_window(qtbot, demo_workspace)
    overview = [row.accessibleName() for row in window.panel("overview").overdue.rows]
    assert any(
        "Tool requests through one queue" in line and "12 days overdue" in line for line in overview
    )
    window.show_section("relationships")
    window.open_pair("Marketing", "IT")
    text = shown_text(window.pair_page.actions.recorded_list)
    line = next(line for line in text.splitlines() if "Tool requests through one queue" in line)
    # it said "planned, Dana (Marketing), Lee (IT), due 25 Nov" with no word of the delay
    assert "due " in line and line.endswith("12 days overdue")
    # one day is said in the singular; done or dropped actions are not overdue
    db = open_workspace(demo_workspace)
    db.execute(
        "UPDATE actions SET due = ? WHERE title = ?",
        [(date.today() - timedelta(days=1)).isoformat(), "Tool requests through one queue"],
    )
    db.close()
    window.pair_page.show_pair("Marketing", "IT")
    qtbot.waitUntil(lambda: "1 day overdue" in shown_text(window.pair_page.actions.recorded_list))
