"""Writes to a workspace on a share that hangs (the file server gone: calls block for tens
of seconds) or fails: the HR window keeps processing events, the control that wrote waits
with "Saving…" beside it, and a write that fails is said in words with nothing lost.

The hang is the real write made to wait on an Event (see test_hung_share.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app import bounded_read
from desktop_app.context import Changes
from desktop_app.panels.comments_panel import CommentsPanel
from surveys import store
from tests.desktop_app.slow_reads import (
    failing_open,
    hanging,
    responsive,
)
from tests.desktop_app.test_comments_panel import COLUMNS


def _label(panel, row: int) -> str:
    return panel.model.index(row, COLUMNS.index("label")).data()


def _first_comment(open_panel):
    panel = open_panel(CommentsPanel)
    panel.table.selectRow(0)
    row = panel.model.row_at(0)
    return panel, row, ("neutral" if row.label != "neutral" else "positive")


def test_a_label_correction_on_a_share_that_hangs_waits_with_saving(
    qtbot, open_panel, monkeypatch, gate, product_wait
):
    """Correcting a label wrote on the GUI thread: on a share that hangs, the window froze."""
    panel, row, target = _first_comment(open_panel)
    product_wait()
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    button = panel.label_buttons[target]
    responsive(qtbot, lambda: qtbot.mouseClick(button, Qt.LeftButton))
    assert not button.isEnabled() and not panel.undo_button.isEnabled()
    assert panel.write_status.isVisible()
    assert panel.write_status.text().startswith("Saving… the workspace's folder is slow")
    assert _label(panel, 0) == row.label  # not said to be saved before it is
    with qtbot.waitSignal(panel.context.data_changed) as changed:
        gate.set()
    assert changed.args == [Changes(labels=True), panel]
    assert _label(panel, 0) == f"{target} (corrected)"
    assert not panel.write_status.isVisible() and button.isEnabled()


def test_a_label_correction_that_fails_says_why_and_changes_nothing(qtbot, open_panel, monkeypatch):
    """A failed write raised into the window's error box; the buttons now say it in place."""
    panel, row, target = _first_comment(open_panel)
    monkeypatch.setattr(store, "open_workspace", failing_open)
    changed: list[object] = []
    panel.context.data_changed.connect(lambda *args: changed.append(args))
    qtbot.mouseClick(panel.label_buttons[target], Qt.LeftButton)
    text = panel.write_status.text()
    assert panel.write_status.isVisible() and text.startswith("Not saved: ")
    assert f"Reading or writing the workspace {panel.context.path} failed" in text
    assert text.endswith("What you chose or typed is kept for another try.")
    assert "Traceback" not in text
    assert _label(panel, 0) == row.label and changed == []
    assert panel.label_buttons[target].isEnabled()  # for another try


def _actions(folder) -> list:
    from surveys.actions import list_actions

    db = store.open_workspace(folder)
    try:
        return list_actions(db)
    finally:
        db.close()


def _action_dialog(open_panel, qtbot):
    from desktop_app.action_dialog import ActionDialog
    from desktop_app.panels.actions_panel import ActionsPanel

    panel = open_panel(ActionsPanel)
    dialog = ActionDialog(panel.context, "Sales", "IT", panel)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit, "Weekly handover call")
    return panel, dialog


def test_an_action_saved_on_a_share_that_hangs_waits_with_saving(
    qtbot, open_panel, demo_workspace, monkeypatch, gate, product_wait
):
    """Saving an action wrote on the GUI thread: on a share that hangs, the window froze."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    _panel, dialog = _action_dialog(open_panel, qtbot)
    product_wait()
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    save = dialog.buttons.button(QDialogButtonBox.Save)
    responsive(qtbot, lambda: qtbot.mouseClick(save, Qt.LeftButton))
    assert dialog.isVisible() and not save.isEnabled()
    assert dialog.error.text().startswith("Saving…")
    dialog.reject()  # Escape while it saves: says that the save goes on
    assert dialog.isVisible() and dialog.error.text().startswith("Still saving…")
    gate.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.action.id is not None
    assert "Weekly handover call" in [a.title for a in _actions(demo_workspace)]
    assert dialog.buttons.button(QDialogButtonBox.Cancel).text() == "Cancel"


def _save_then_close(qtbot, dialog, gate) -> None:
    """Save on a share that hangs, then Cancel twice: the dialog closes at once."""
    from PySide6.QtWidgets import QDialogButtonBox

    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    cancel = dialog.buttons.button(QDialogButtonBox.Cancel)
    assert cancel.isEnabled()  # a way out while the share does not answer
    qtbot.mouseClick(cancel, Qt.LeftButton)
    assert dialog.isVisible() and cancel.text() == "&Close"
    assert "Press Close to close this window" in dialog.error.text()
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert not dialog.isVisible()


def test_an_action_dialog_closed_while_it_saves_still_saves_the_action(
    qtbot, open_panel, demo_workspace, monkeypatch, gate, product_wait
):
    """Cancel and Escape were ignored while a save ran: on a share that never answered,
    the dialog could not be closed."""
    _panel, dialog = _action_dialog(open_panel, qtbot)
    product_wait()
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    _save_then_close(qtbot, dialog, gate)
    with qtbot.waitSignal(dialog.context.data_changed, timeout=5000):
        gate.set()
    assert not dialog.isVisible()
    assert "Weekly handover call" in [a.title for a in _actions(demo_workspace)]


def test_an_action_dialog_closed_while_its_save_fails_opens_again_with_the_text(
    qtbot, open_panel, demo_workspace, monkeypatch, gate, product_wait
):
    _panel, dialog = _action_dialog(open_panel, qtbot)
    before = len(_actions(demo_workspace))
    product_wait()
    monkeypatch.setattr(store, "open_workspace", hanging(failing_open, gate))
    _save_then_close(qtbot, dialog, gate)
    gate.set()
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.title_edit.text() == "Weekly handover call"
    assert dialog.error.text().startswith("Not saved: Reading or writing the workspace")
    monkeypatch.undo()
    assert len(_actions(demo_workspace)) == before


def test_an_action_that_cannot_be_saved_says_why_and_keeps_what_was_typed(
    qtbot, open_panel, demo_workspace, monkeypatch
):
    from PySide6.QtWidgets import QDialogButtonBox

    _panel, dialog = _action_dialog(open_panel, qtbot)
    before = len(_actions(demo_workspace))
    monkeypatch.setattr(store, "open_workspace", failing_open)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert dialog.isVisible() and dialog.buttons.isEnabled()
    assert dialog.error.text().startswith("Not saved: Reading or writing the workspace")
    assert dialog.title_edit.text() == "Weekly handover call"
    monkeypatch.undo()
    assert len(_actions(demo_workspace)) == before


def test_an_action_deleted_on_a_share_that_hangs_waits_with_saving(
    qtbot, open_panel, demo_workspace, monkeypatch, gate, product_wait
):
    from desktop_app.panels.actions_panel import ActionsPanel

    panel = open_panel(ActionsPanel)
    panel.table.selectRow(0)
    doomed = panel.selected()
    monkeypatch.setattr(panel, "_confirm_delete", lambda _action: True)
    product_wait()
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    responsive(qtbot, lambda: qtbot.mouseClick(panel.delete_button, Qt.LeftButton))
    assert not panel.delete_button.isEnabled() and not panel.add_button.isEnabled()
    assert panel.empty.text().startswith("Saving…")
    gate.set()
    qtbot.waitUntil(lambda: doomed.id not in [a.id for a in panel.model.actions], timeout=5000)
    assert panel.add_button.isEnabled() and "Saving" not in panel.empty.text()
    assert doomed.id not in [a.id for a in _actions(demo_workspace)]


def test_a_suggestion_recorded_on_a_share_that_hangs_waits_with_saving(
    qtbot, demo_workspace, monkeypatch, gate
):
    """ "Record as action" on the pair page wrote on the GUI thread."""
    from tests.desktop_app.hr_helpers import open_pair, open_window

    window = open_window(qtbot, demo_workspace)
    page = open_pair(qtbot, window, "Sales", "IT")
    row = page.actions.rows[0]
    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.3)
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    responsive(qtbot, lambda: qtbot.mouseClick(row.button, Qt.LeftButton))
    assert not row.button.isEnabled() and not page.actions.add_action.isEnabled()
    assert page.notice.isVisible() and page.notice.message.text().startswith("Saving…")
    assert window.share_label.isVisible()  # saying what it waits for: a write, not a read
    assert window.share_label.text().startswith("Saving to the workspace… its folder is slow")
    gate.set()
    qtbot.waitUntil(lambda: page.notice.message.text().startswith("Recorded"), timeout=5000)
    assert row.text in [a.title for a in _actions(demo_workspace)]
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=5000)


def test_a_setting_saved_on_a_share_that_hangs_waits_with_saving(
    qtbot, open_panel, demo_workspace, monkeypatch, gate, product_wait
):
    """Saving a setting wrote on the GUI thread: on a share that hangs, the window froze."""
    from PySide6.QtWidgets import QPushButton

    from desktop_app.panels.settings_panel import SettingsPanel

    panel = open_panel(SettingsPanel)
    panel.share.setText("/mnt/S-drive/rapport")
    product_wait()
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    saved: list[bool] = []
    responsive(qtbot, lambda: saved.append(panel.save_share()))
    assert saved == [False]  # not yet
    browse = panel.findChild(QPushButton, "browseShare")
    assert not browse.isEnabled() and not panel.departments.isEnabled()
    assert panel.message.text().startswith("Saving…")
    assert panel.share.text() == "/mnt/S-drive/rapport"
    gate.set()
    qtbot.waitUntil(lambda: panel.message.text() == "Shared folder saved.", timeout=5000)
    assert browse.isEnabled() and panel.departments.isEnabled()
    db = store.open_workspace(demo_workspace)
    try:
        assert store.get_setting(db, "share") == "/mnt/S-drive/rapport"
    finally:
        db.close()


def test_an_organisation_name_that_cannot_be_saved_says_why_and_stays_typed(
    qtbot, open_panel, monkeypatch
):
    from desktop_app.panels.settings_panel import SettingsPanel

    panel = open_panel(SettingsPanel)
    panel.organisation.name.setText("Northwind Logistics AB")
    monkeypatch.setattr(store, "open_workspace", failing_open)
    assert panel.organisation.save_name() is False
    assert panel.message.text().startswith("Not saved: Reading or writing the workspace")
    assert panel.organisation.name.text() == "Northwind Logistics AB"
    assert panel.organisation.isEnabled()


def test_a_button_in_a_group_disabled_while_it_reads_is_enabled_with_it_after_a_write(
    qtbot, workspace
):
    """A write put back each control's isEnabled(): a button of a group disabled while the
    section read (Settings) was put back disabled for good."""
    from PySide6.QtWidgets import QPushButton, QWidget

    from desktop_app.context import WorkspaceContext
    from desktop_app.workspace_write import WorkspaceWrite

    context = WorkspaceContext()
    context.path = workspace
    group = QWidget()
    qtbot.addWidget(group)
    button = QPushButton("Save", group)
    group.setEnabled(False)  # the section's read waits
    writes = WorkspaceWrite(context)
    assert writes.run(lambda: None, controls=[button], done=lambda _v: None, failed=print)
    group.setEnabled(True)  # the read answered
    assert button.isEnabled()


def test_another_comment_selected_while_a_correction_saves_keeps_the_buttons_waiting(
    qtbot, open_panel, monkeypatch, gate, product_wait
):
    """Selecting another comment while a correction waited for the folder enabled the
    label buttons again, and a label chosen then was refused without a word (one write at
    a time): the buttons now wait until the write has ended."""
    panel, _row, target = _first_comment(open_panel)
    product_wait()
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    qtbot.mouseClick(panel.label_buttons[target], Qt.LeftButton)
    assert panel.write_status.text().startswith("Saving…")
    panel.table.selectRow(1)
    assert not any(b.isEnabled() for b in panel.label_buttons.values())
    assert not any(a.isEnabled() for a in panel.relabel_actions.values())
    assert not panel.undo_button.isEnabled()
    with qtbot.waitSignal(panel.context.data_changed):
        gate.set()
    assert all(b.isEnabled() for b in panel.label_buttons.values())  # for the second comment


def test_the_buttons_follow_the_selection_after_a_correction_saved_into_another_workspace(
    qtbot, open_panel, workspace, monkeypatch, gate, product_wait
):
    """A correction that ended after another workspace was opened put the label buttons
    back enabled, with no comment of the new workspace selected."""
    panel, _row, target = _first_comment(open_panel)
    product_wait()
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    qtbot.mouseClick(panel.label_buttons[target], Qt.LeftButton)
    monkeypatch.undo()  # the new workspace's folder answers
    panel.context.open(workspace)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: not panel.writes.running(), timeout=5000)
    assert not any(b.isEnabled() for b in panel.label_buttons.values())
    assert not panel.write_status.isVisible()
