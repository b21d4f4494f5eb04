"""Joint actions: add one as HR would, see it listed, stored and on the trends."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.action_dialog import ActionDialog
from desktop_app.context import Changes
from desktop_app.panels.actions_panel import ActionsPanel
from surveys.store import open_workspace


def _rows(panel) -> list[list[str]]:
    model = panel.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_add_an_action_and_see_it_listed(open_panel, demo_workspace, qtbot) -> None:
    panel = open_panel(ActionsPanel)
    before = panel.model.rowCount()
    assert before >= 1  # the demo's Sales/Marketing action
    dialog = panel.add()
    qtbot.addWidget(dialog)
    dialog.from_box.setCurrentText("Sales")
    dialog.to_box.setCurrentText("IT")
    qtbot.keyClicks(dialog.title_edit, "Bi-weekly liaison meeting")
    qtbot.keyClicks(dialog.owner_to_edit, "Head of IT")
    dialog.due_check.setChecked(True)
    with qtbot.waitSignal(panel.context.data_changed) as changed:
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert changed.args == [Changes(actions=True), dialog]
    rows = _rows(panel)
    assert len(rows) == before + 1
    row = next(r for r in rows if r[1] == "Bi-weekly liaison meeting")
    assert row[0] == "Sales → IT" and row[2] == "Head of IT (IT)" and row[4] == "planned"
    assert row[5] == "2026-10"  # agreed in the wave being looked at
    db = open_workspace(demo_workspace)
    stored = db.execute("SELECT owner_to, status FROM actions WHERE title = ?", [row[1]]).fetchone()
    db.close()
    assert stored == ("Head of IT", "planned")

    from analysis.pipeline import analyse_workspace

    result = analyse_workspace(demo_workspace)
    assert any(
        a.title == "Bi-weekly liaison meeting" and a.wave == "2026-10" for a in result.actions
    )


def test_an_action_without_a_title_is_not_saved(open_panel, qtbot) -> None:
    panel = open_panel(ActionsPanel)
    before = panel.model.rowCount()
    dialog = ActionDialog(panel.context, "Sales", "Operations", panel)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    # The error names the field as the form labels it ("Action", not "Title"), and the
    # cursor is put there, ready to type.
    assert dialog.isVisible() and dialog.error.text().startswith("Action: describe it")
    assert "Title" not in dialog.error.text()
    assert dialog.focusWidget() is dialog.title_edit
    assert panel.model.rowCount() == before


def test_a_too_long_owner_puts_the_cursor_in_that_owner(open_panel, qtbot) -> None:
    panel = open_panel(ActionsPanel)
    dialog = ActionDialog(panel.context, "Sales", "IT", panel)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.keyClicks(dialog.title_edit, "Intake form")
    dialog.owner_to_edit.setText("x" * 200)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert dialog.error.text().startswith("Owner in IT: shorten it")
    assert dialog.focusWidget() is dialog.owner_to_edit
    assert dialog.owner_to_edit.selectedText() == "x" * 200


def test_edit_changes_the_status(open_panel, qtbot) -> None:
    panel = open_panel(ActionsPanel)
    panel.table.selectRow(0)
    original = panel.selected()
    dialog = panel.edit_selected()
    qtbot.addWidget(dialog)
    assert dialog.title_edit.text() == original.title
    # named as the section ("Joint actions") and the New joint action dialog are; it said
    # "Edit action"
    assert dialog.windowTitle() == "Edit joint action"
    dialog.status_box.setCurrentIndex(dialog.status_box.findData("done"))
    with qtbot.waitSignal(panel.context.data_changed) as changed:
        dialog.accept()
    assert changed.args[0].actions and not changed.args[0].labels
    edited = next(a for a in panel.model.actions if a.id == original.id)
    assert edited.status == "done" and edited.title == original.title


def test_each_owners_example_names_its_own_department(qtbot, demo_workspace) -> None:
    from desktop_app.action_dialog import ActionDialog
    from tests.desktop_app.hr_helpers import open_window

    window = open_window(qtbot, demo_workspace)
    dialog = ActionDialog(window.context, "Sales", "IT", window)
    qtbot.addWidget(dialog)
    assert dialog.owner_from_edit.placeholderText() == "a name or a role, e.g. Head of Sales"
    assert dialog.owner_to_edit.placeholderText() == "a name or a role, e.g. Head of IT"
    dialog.to_box.setCurrentText("Marketing")
    assert dialog.owner_to_edit.placeholderText().endswith("e.g. Head of Marketing")


def test_owners_are_shown_whole_where_the_title_has_room_to_spare(open_panel, qtbot) -> None:
    # Owners were cut to "Sales operations lead …" (their column's cap) beside a title
    # column that was half blank: the room the title does not need goes to the capped columns.
    panel = open_panel(ActionsPanel)
    table, header = panel.table, panel.table.horizontalHeader()
    owners = 2
    assert panel.model.headerData(owners, Qt.Horizontal) == "Owners"
    wanted = table.sizeHintForColumn(owners)
    assert wanted > table.fontMetrics().averageCharWidth() * 26  # longer than the cap
    qtbot.waitUntil(lambda: header.sectionSize(owners) >= wanted)
    title = panel.columns.main
    assert header.sectionSize(title) >= table.sizeHintForColumn(title)  # the title stays whole


def test_a_recorded_suggestion_shows_its_whole_title_when_edited(open_panel, qtbot) -> None:
    from surveys.actions import Action

    panel = open_panel(ActionsPanel)
    title = "Introduce a request intake with agreed response times and a visible queue."
    action = Action("Operations", "Sales", title, status="planned")
    dialog = ActionDialog(panel.context, parent=panel, action=action)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = dialog.title_edit
    assert edit.text() == title
    margins = edit.textMargins().left() + edit.textMargins().right()
    # the whole title in sight (the dialog showed "agreed response times and a visible queue.")
    assert edit.fontMetrics().horizontalAdvance(title) + margins < edit.contentsRect().width()
    assert edit.cursorPosition() == 0


def test_deleting_an_action_asks_with_cancel_as_the_default(qtbot, demo_workspace) -> None:
    """Qt's Yes/No question made Yes the default: Enter deleted the action for good."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from tests.desktop_app.hr_helpers import open_window

    window = open_window(qtbot, demo_workspace)
    qtbot.keyClick(window, Qt.Key_5, Qt.ControlModifier)
    panel = window.panel("actions")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    panel.table.selectRow(0)
    asked = []

    def answer(key_or_button: str) -> None:
        boxes = QApplication.topLevelWidgets()
        box = next((w for w in boxes if isinstance(w, QMessageBox) and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(20, lambda: answer(key_or_button))
            return
        buttons = [b.text() for b in box.buttons()]
        default = box.defaultButton()
        asked.append((default is not None and default.text() == "Cancel", sorted(buttons)))
        if key_or_button == "enter":
            qtbot.keyClick(box, Qt.Key_Return)
        else:
            next(b for b in box.buttons() if b.text() in ("&Delete action", "&Yes")).click()

    QTimer.singleShot(0, lambda: answer("enter"))
    qtbot.mouseClick(panel.delete_button, Qt.LeftButton)
    assert asked == [(True, ["&Delete action", "Cancel"])]
    assert panel.model.rowCount() == 2  # Enter kept it
    QTimer.singleShot(0, lambda: answer("delete"))
    qtbot.mouseClick(panel.delete_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)


def test_escape_on_a_typed_action_asks_before_it_is_lost(open_panel, qtbot) -> None:
    panel = open_panel(ActionsPanel)
    before = panel.model.rowCount()
    untouched = ActionDialog(panel.context, "Sales", "IT", panel)
    qtbot.addWidget(untouched)
    untouched.show()
    qtbot.keyClick(untouched, Qt.Key_Escape)
    assert not untouched.isVisible()  # nothing typed: Escape closes at once
    dialog = ActionDialog(panel.context, "Sales", "IT", panel)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit, "Shared intake form")
    qtbot.keyClicks(dialog.notes_edit, "Agreed with both heads; review in March.")
    qtbot.keyClick(dialog.title_edit, Qt.Key_Escape)
    cancel = dialog.buttons.button(QDialogButtonBox.Cancel)
    assert dialog.isVisible() and dialog.title_edit.text() == "Shared intake form"
    assert dialog.error.text().startswith("This action is not saved.")
    assert cancel.text() == "&Discard"
    qtbot.keyClicks(dialog.title_edit, "s")  # typing on: the next Escape asks again
    assert cancel.text() == "Cancel" and dialog.error.text() == ""
    qtbot.keyClick(dialog.title_edit, Qt.Key_Escape)
    assert dialog.isVisible()
    qtbot.mouseClick(cancel, Qt.LeftButton)  # Discard
    assert not dialog.isVisible()
    assert panel.model.rowCount() == before


def test_another_workspace_opening_slowly_never_lists_the_previous_ones_actions(
    open_panel, qtbot, monkeypatch, tmp_path, gate
) -> None:
    """Its read waits for a slow folder: the previous workspace's actions stayed listed, and
    Delete on one deleted the action with the same id in the workspace just opened."""
    from desktop_app import bounded_read
    from desktop_app.panels import actions_panel
    from surveys.store import create_workspace
    from tests.desktop_app.slow_reads import hanging

    create_workspace(tmp_path / "other").close()
    panel = open_panel(ActionsPanel)
    assert panel.model.rowCount() >= 1
    panel.table.selectRow(0)
    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.0)
    monkeypatch.setattr(actions_panel, "read_actions", hanging(actions_panel.read_actions, gate))
    panel.context.open(tmp_path / "other")
    assert panel.model.rowCount() == 0 and panel.selected() is None
    assert not panel.delete_button.isEnabled() and not panel.edit_button.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: not panel.reads.pending(), timeout=5000)
    assert panel.model.rowCount() == 0


def test_an_action_asked_for_while_the_list_is_read_opens_once_it_comes(
    open_panel, qtbot, monkeypatch, gate
) -> None:
    """Overview's overdue action clicked while the folder was slow: the list was searched
    before the read answered, the action was not in it, and nothing opened."""
    from desktop_app import bounded_read
    from desktop_app.panels import actions_panel
    from tests.desktop_app.slow_reads import hanging

    panel = open_panel(ActionsPanel)
    action = panel.model.actions[0]
    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.0)
    monkeypatch.setattr(actions_panel, "read_actions", hanging(actions_panel.read_actions, gate))
    panel.context.open(panel.context.path)  # opened again: its list is read anew
    assert panel.open_action(action.id) is None  # not read yet
    gate.set()
    qtbot.waitUntil(lambda: bool(panel.findChildren(ActionDialog)), timeout=5000)
    (dialog,) = panel.findChildren(ActionDialog)
    qtbot.addWidget(dialog)
    assert dialog.action.id == action.id and dialog.isVisible()
    assert panel.selected().id == action.id and panel.last_opened is dialog


def test_the_action_added_or_edited_stays_selected(open_panel, qtbot) -> None:
    panel = open_panel(ActionsPanel)
    dialog = panel.add()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title_edit, "Weekly handover call")
    qtbot.keyClicks(dialog.owner_to_edit, "Sales operations lead")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    # the list is read back sorted; the new action was not selected and Edit… was greyed
    assert panel.selected() is not None and panel.selected().title == "Weekly handover call"
    assert panel.edit_button.isEnabled() and panel.delete_button.isEnabled()
    panel.table.selectRow(panel.model.rowCount() - 1)
    edited_id = panel.selected().id
    dialog = panel.edit_selected()
    qtbot.addWidget(dialog)
    dialog.status_box.setCurrentIndex(dialog.status_box.findData("done"))
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert panel.selected() is not None and panel.selected().id == edited_id
    assert panel.selected().status == "done" and panel.edit_button.isEnabled()


def test_the_action_saved_is_selected_once_a_slow_folder_answers(
    open_panel, qtbot, monkeypatch
) -> None:
    import threading

    from desktop_app import bounded_read
    from desktop_app.panels import actions_panel
    from tests.desktop_app.slow_reads import hanging

    panel = open_panel(ActionsPanel)
    dialog = panel.add()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title_edit, "Weekly handover call")
    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.3)
    gate = threading.Event()
    monkeypatch.setattr(actions_panel, "read_actions", hanging(actions_panel.read_actions, gate))
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert panel.reads.pending("actions")  # the list is read again, slowly
    gate.set()
    qtbot.waitUntil(lambda: not panel.reads.pending("actions"))
    assert panel.selected() is not None and panel.selected().title == "Weekly handover call"


def _other_copy(analysed_demo, tmp_path):  # noqa: ANN001, ANN202
    """Another workspace whose actions have the same ids as the demo copy's."""
    import shutil

    return shutil.copytree(analysed_demo, tmp_path / "other")


def test_a_save_answered_after_another_workspace_opened_selects_nothing_there(
    open_panel, qtbot, monkeypatch, gate, analysed_demo, tmp_path
) -> None:
    """The action saved waited to be selected once the slow list came; another workspace
    was opened meanwhile, and its action with the same id was selected there (Delete on)."""
    from desktop_app import bounded_read
    from desktop_app.panels import actions_panel
    from tests.desktop_app.slow_reads import hanging

    panel = open_panel(ActionsPanel)
    panel.table.selectRow(0)
    saved_id = panel.selected().id
    dialog = panel.edit_selected()
    qtbot.addWidget(dialog)
    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.0)
    monkeypatch.setattr(actions_panel, "read_actions", hanging(actions_panel.read_actions, gate))
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert panel.reads.pending("actions")
    panel.context.open(_other_copy(analysed_demo, tmp_path))
    gate.set()
    qtbot.waitUntil(lambda: not panel.reads.pending(), timeout=5000)
    assert any(a.id == saved_id for a in panel.model.actions)  # the same id is listed here
    assert panel.selected() is None and not panel.delete_button.isEnabled()


def test_an_action_asked_for_before_another_workspace_opened_is_not_opened_there(
    open_panel, qtbot, monkeypatch, gate, analysed_demo, tmp_path
) -> None:
    """Overview's overdue action clicked on a slow folder, then another workspace opened:
    the action with that id in the other workspace opened for editing."""
    from desktop_app import bounded_read
    from desktop_app.panels import actions_panel
    from tests.desktop_app.slow_reads import hanging

    panel = open_panel(ActionsPanel)
    action = panel.model.actions[0]
    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.0)
    monkeypatch.setattr(actions_panel, "read_actions", hanging(actions_panel.read_actions, gate))
    assert panel.open_action(action.id) is None  # not read yet
    panel.context.open(_other_copy(analysed_demo, tmp_path))
    gate.set()
    qtbot.waitUntil(lambda: not panel.reads.pending(), timeout=5000)
    assert any(a.id == action.id for a in panel.model.actions)
    assert panel.findChildren(ActionDialog) == [] and panel.last_opened is None
    assert panel.selected() is None
