"""Writes on a share that hangs or fails, at their edges: a suggestion recorded while the
page is shown again, a write that fails after another workspace opened, a double click on
an action being deleted, Settings cells that cannot be saved, the logo, an action dialog
closed while it saves (the plain cases: test_hung_writes.py).
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from desktop_app import bounded_read
from desktop_app.context import Changes
from surveys import store
from tests.desktop_app.slow_reads import (
    failing_open,
    hanging,
    responsive,
)


def _record_first(qtbot, folder, monkeypatch):
    """A window on Sales → IT's page, with the product's wait: the window, the page and
    its first suggestion."""
    from tests.desktop_app.hr_helpers import open_pair, open_window

    window = open_window(qtbot, folder)
    # Its own read of the workspace, 3 s after opening: not here (a test that makes the
    # workspace fail outlasted it on a loaded machine, and the check read the failure).
    window.panel("pulses").programme_box.runner.first_check.stop()
    open_pair(qtbot, window, "Sales", "IT")
    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.3)
    return window, window.pair_page, window.pair_page.actions.rows[0]


def test_suggestions_shown_again_while_one_is_recorded_wait_for_the_write(
    qtbot, demo_workspace, monkeypatch, gate
):
    """The pair page read again while a suggestion was being recorded (a label corrected
    in Comments, say) made new "Record as action" buttons, enabled: a click on one was
    refused without a word (one write at a time). They now wait for the write too."""
    from desktop_app.panels import pair_actions

    window, page, first = _record_first(qtbot, demo_workspace, monkeypatch)
    hung = hanging(pair_actions.store_action, gate)
    monkeypatch.setattr(pair_actions, "store_action", hung)
    qtbot.mouseClick(first.button, Qt.LeftButton)
    assert page.notice.message.text().startswith("Saving…")
    window.context.data_changed.emit(Changes(labels=True), None)
    qtbot.waitUntil(lambda: page.actions.rows and page.actions.rows[0] is not first, timeout=5000)
    assert not any(row.button.isEnabled() for row in page.actions.rows)
    gate.set()
    qtbot.waitUntil(lambda: page.notice.message.text().startswith("Recorded"), timeout=5000)
    qtbot.waitUntil(lambda: any(r.button.isEnabled() for r in page.actions.rows), timeout=5000)
    assert [r.button.isEnabled() for r in page.actions.rows][0] is False  # recorded ✓


def test_suggestions_shown_again_while_a_record_fails_are_enabled_after_it(
    qtbot, demo_workspace, monkeypatch, gate
):
    from desktop_app.panels import pair_actions

    window, page, first = _record_first(qtbot, demo_workspace, monkeypatch)
    monkeypatch.setattr(pair_actions, "store_action", hanging(failing_open, gate))
    qtbot.mouseClick(first.button, Qt.LeftButton)
    window.context.data_changed.emit(Changes(labels=True), None)
    qtbot.waitUntil(lambda: page.actions.rows and page.actions.rows[0] is not first, timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: page.notice.message.text().startswith("Not saved"), timeout=5000)
    assert all(row.button.isEnabled() for row in page.actions.rows)  # for another try


def failing_open_after(gate):
    def fail(*_args, **_kwargs):
        gate.wait(10)
        raise sqlite3.OperationalError("disk I/O error")

    return fail


def test_a_correction_that_fails_after_its_workspace_was_closed_is_said_by_the_window(
    qtbot, demo_workspace, monkeypatch, gate
):
    """A write that failed after its workspace was closed (the section rebuilt, or showing
    another workspace) was said by no one: the change looked saved."""
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.panels import comments_panel
    from tests.desktop_app.hr_helpers import open_window

    window = open_window(qtbot, demo_workspace)
    window.show_section("comments")
    panel = window.panel("comments")
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=5000)
    panel.table.selectRow(0)
    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.3)
    monkeypatch.setattr(comments_panel, "store_correction", failing_open_after(gate))
    qtbot.mouseClick(panel.label_buttons["positive"], Qt.LeftButton)
    assert panel.write_status.text().startswith("Saving…")
    window.close_workspace()
    gate.set()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "writeLostBox") is not None)
    text = window.findChild(QMessageBox, "writeLostBox").text()
    assert text.startswith(f"A change to the workspace in {demo_workspace} was not saved")
    assert "disk I/O error" in text or "failed" in text
    assert text.endswith("Open that workspace again and make the change once more.")
    assert "Traceback" not in text and "What you chose" not in text


def test_a_write_that_fails_after_another_workspace_opened_is_said_once(
    qtbot, demo_workspace, workspace, gate, product_wait
):
    from desktop_app.context import WorkspaceContext
    from desktop_app.workspace_write import WorkspaceWrite

    context = WorkspaceContext()
    context.path = demo_workspace
    writes = WorkspaceWrite(context)
    shown: list[object] = []
    lost: list[str] = []
    context.write_lost.connect(lost.append)
    product_wait()
    writes.run(failing_open_after(gate), done=shown.append, failed=shown.append)
    context.path = workspace  # another workspace opened meanwhile
    gate.set()
    qtbot.waitUntil(lambda: not writes.running(), timeout=5000)
    qtbot.waitUntil(lambda: lost != [], timeout=5000)
    assert shown == [] and len(lost) == 1 and str(demo_workspace) in lost[0]
    # A failure its section showed is not said again by the window.
    writes.run(failing_open, done=shown.append, failed=shown.append)
    # within the wait on an idle machine; on a loaded one it ends after it
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=10_000)
    qtbot.wait(100)  # the window's own word on it would be delivered by now
    assert len(shown) == 1 and len(lost) == 1


def test_a_double_click_on_an_action_being_deleted_opens_no_dialog(
    qtbot, open_panel, monkeypatch, gate, product_wait
):
    """Edit… is disabled while a delete waits for the folder, but a double-click on the
    row opened the action anyway; its Save then updated a row deleted meanwhile: lost."""
    from desktop_app.action_dialog import ActionDialog
    from desktop_app.panels.actions_panel import ActionsPanel

    panel = open_panel(ActionsPanel)
    panel.table.selectRow(0)
    monkeypatch.setattr(panel, "_confirm_delete", lambda _action: True)
    product_wait()
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    qtbot.mouseClick(panel.delete_button, Qt.LeftButton)
    assert panel.empty.text().startswith("Saving…")
    panel.table.doubleClicked.emit(panel.table.model().index(0, 0))  # the row double-clicked
    assert panel.findChildren(ActionDialog) == []
    gate.set()
    qtbot.waitUntil(lambda: not panel.writes.running(), timeout=5000)


def test_an_action_that_cannot_be_deleted_says_so_not_that_it_was_not_saved(
    qtbot, open_panel, demo_workspace, monkeypatch
):
    """A failed delete said "Not saved: … What you chose or typed is kept for another
    try.": nothing was typed, and it did not say the action was still there."""
    from desktop_app.panels.actions_panel import ActionsPanel

    panel = open_panel(ActionsPanel)
    panel.table.selectRow(0)
    doomed = panel.selected()
    monkeypatch.setattr(panel, "_confirm_delete", lambda _action: True)
    monkeypatch.setattr(store, "open_workspace", failing_open)
    qtbot.mouseClick(panel.delete_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not panel.writes.running(), timeout=5000)
    text = panel.empty.text()
    assert text.startswith(f"Not deleted: “{doomed.title}” is still recorded. ")
    assert f"Reading or writing the workspace {demo_workspace} failed" in text
    assert "run this again" in text and "typed" not in text
    monkeypatch.undo()
    assert doomed.id in [a.id for a in panel.model.actions] and panel.delete_button.isEnabled()


def test_an_undo_that_fails_on_the_pair_page_says_the_action_is_still_recorded(
    qtbot, demo_workspace, monkeypatch
):
    window, page, row = _record_first(qtbot, demo_workspace, monkeypatch)
    with qtbot.waitSignal(window.context.data_changed, timeout=5000):
        qtbot.mouseClick(row.button, Qt.LeftButton)
    monkeypatch.setattr(store, "open_workspace", failing_open)
    qtbot.mouseClick(page.notice.undo_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not page.notice.writes.running(), timeout=5000)
    text = page.notice.message.text()
    assert text.startswith(f"Not deleted: “{row.text}” is still recorded. ")
    assert page.notice.undo_button.isVisible()  # for another try


def _cell_editor(table):
    from PySide6.QtWidgets import QLineEdit

    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    return editors[-1] if editors else None


def _type_in_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """Edit the cell as HR does: its editor, the text, Enter."""
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    editor = _cell_editor(table)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)


def test_a_department_name_that_cannot_be_saved_stays_typed_for_another_try(
    qtbot, open_panel, demo_workspace, monkeypatch
):
    """A department cell whose save failed was read again from the workspace: the typed
    name was lost, where the section's other fields kept what was typed."""
    from desktop_app.panels.settings_panel import SettingsPanel

    panel = open_panel(SettingsPanel)
    assert panel.add_department("Finance", 12)
    row = panel.departments.rowCount() - 1
    monkeypatch.setattr(store, "open_workspace", failing_open)
    _type_in_cell(qtbot, panel.departments, row, 0, "Finance & Legal")
    qtbot.waitUntil(lambda: panel.message.text().startswith("Not saved: "), timeout=10_000)
    assert "Reading or writing the workspace" in panel.message.text()
    assert panel.departments.item(row, 0).text() == "Finance"  # what is stored
    qtbot.waitUntil(lambda: _cell_editor(panel.departments) is not None, timeout=10_000)
    editor = _cell_editor(panel.departments)
    assert editor.text() == "Finance & Legal"  # what was typed
    monkeypatch.undo()  # the share is back: Enter tries again
    with qtbot.waitSignal(panel.context.data_changed, timeout=5000):
        qtbot.keyClick(editor, Qt.Key_Return)  # committed on the next turn of the loop
    db = store.open_workspace(demo_workspace)
    try:
        assert "Finance & Legal" in [d.name for d in store.departments(db)]
    finally:
        db.close()


def test_a_headcount_that_is_not_a_number_stays_typed_to_correct(qtbot, open_panel):
    from desktop_app.panels.settings_panel import SettingsPanel

    panel = open_panel(SettingsPanel)
    stored = panel.departments.item(0, 1).text()
    _type_in_cell(qtbot, panel.departments, 0, 1, "4O")
    qtbot.waitUntil(lambda: "type a whole number" in panel.message.text(), timeout=10_000)
    assert panel.departments.item(0, 1).text() == stored
    qtbot.waitUntil(lambda: _cell_editor(panel.departments) is not None, timeout=10_000)
    assert _cell_editor(panel.departments).text() == "4O"


def test_a_logo_saved_on_a_share_that_hangs_waits_with_saving(
    qtbot, open_panel, demo_workspace, monkeypatch, gate, product_wait, tmp_path
):
    """Choosing a logo checked and copied it into the workspace's folder on the GUI
    thread: on a share that hangs, the window froze."""
    from analysis.export import branding
    from desktop_app.panels.settings_panel import SettingsPanel
    from tests.desktop_app.test_settings_panel import _png

    panel = open_panel(SettingsPanel)
    box = panel.organisation
    product_wait()
    monkeypatch.setattr(branding, "save_logo", hanging(branding.save_logo, gate))
    saved: list[bool] = []
    responsive(qtbot, lambda: saved.append(box.set_logo(_png(tmp_path / "brand.png"))))
    assert saved == [False] and not box.isEnabled()
    assert panel.message.text().startswith("Saving…")
    gate.set()
    qtbot.waitUntil(lambda: "Logo saved" in panel.message.text(), timeout=5000)
    assert box.isEnabled() and not box.preview.pixmap().isNull()
    assert (demo_workspace / "logo.png").exists()


def test_a_recorded_action_edited_and_closed_while_it_saves_is_named_as_saved(
    qtbot, demo_workspace, monkeypatch, gate
):
    """Edit… on the notice of a recorded suggestion, a new title, Save on a share that
    hangs and Close: the save went through, but the notice still named the old title."""
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop_app import action_dialog
    from desktop_app.action_dialog import ActionDialog

    window, page, first = _record_first(qtbot, demo_workspace, monkeypatch)
    qtbot.mouseClick(first.button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.notice.message.text().startswith("Recorded"), timeout=10_000)
    page.notice.edit()  # opens once its read answered: after the wait on a loaded machine
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in window.findChildren(ActionDialog)), timeout=10_000
    )
    dialog = next(d for d in window.findChildren(ActionDialog) if d.isVisible())
    dialog.title_edit.setText("Weekly handover call")
    monkeypatch.setattr(action_dialog, "store_action", hanging(action_dialog.store_action, gate))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    dialog.reject()
    dialog.reject()  # "Still saving…", then Close
    assert not dialog.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: "Weekly handover call" in page.notice.message.text(), timeout=5000)


def _press_when_asked(button_name: str, asked: list[str], monkeypatch) -> None:  # noqa: ANN001
    """The real question back (conftest's quit_without_asking), answered with
    ``button_name``."""
    from PySide6.QtCore import QTimer

    from desktop_app import workspace_write
    from desktop_app.widgets import quit_while_saving

    monkeypatch.setattr(quit_while_saving, "waiting_writes", workspace_write.waiting_writes)
    from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "quitWhileSavingBox":
            QTimer.singleShot(10, press)
            return
        asked.append(box.text())
        box.findChild(QPushButton, button_name).click()

    QTimer.singleShot(0, press)


def test_quitting_while_a_dialog_closed_meanwhile_still_saves_asks_first(
    qtbot, workspace, monkeypatch, gate
):
    """The dialog promised that what was chosen is saved once the folder answers;
    quitting ended the write with the app without a word."""
    from tests.desktop_app.test_hung_pulses_writes import _wave_dialog, _wave_names

    window, dialog = _wave_dialog(
        qtbot, workspace, lambda: monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.3)
    )
    real_open = store.open_workspace
    monkeypatch.setattr(store, "open_workspace", hanging(real_open, gate))
    dialog.accept()
    dialog.reject()
    dialog.reject()  # "what you chose is saved once the folder answers"
    asked: list[str] = []
    _press_when_asked("waitForSave", asked, monkeypatch)
    assert not window.close() and window.isVisible()
    assert asked == [
        f"A change is still being saved to the workspace in {workspace}, whose folder has "
        "not answered yet."
    ]
    gate.set()
    qtbot.waitUntil(lambda: not dialog.writes.running(), timeout=15000)
    monkeypatch.setattr(store, "open_workspace", real_open)
    assert "slow-share wave" in _wave_names(workspace)
    assert window.close()  # nothing waits: no question


def test_quitting_anyway_while_a_write_waits_closes_the_window(qtbot, workspace, monkeypatch, gate):
    from tests.desktop_app.test_hung_pulses_writes import _wave_dialog

    window, dialog = _wave_dialog(
        qtbot, workspace, lambda: monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.3)
    )
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    dialog.accept()
    asked: list[str] = []
    _press_when_asked("quitAnyway", asked, monkeypatch)
    assert window.close() and len(asked) == 1


def test_after_wait_the_window_closes_by_itself_once_the_last_save_lands(
    qtbot, workspace, monkeypatch, gate
):
    """Wait kept the window open, and once the save ended HR had to close it again (the
    question said so): it now closes by itself when the last write has landed."""
    from tests.desktop_app.test_hung_pulses_writes import _wave_dialog, _wave_names

    window, dialog = _wave_dialog(
        qtbot, workspace, lambda: monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.3)
    )
    real_open = store.open_workspace
    monkeypatch.setattr(store, "open_workspace", hanging(real_open, gate))
    dialog.accept()
    asked: list[str] = []
    _press_when_asked("waitForSave", asked, monkeypatch)
    assert not window.close() and window.isVisible() and len(asked) == 1
    qtbot.wait(300)
    assert window.isVisible()  # still saving: still open
    gate.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=15000)
    monkeypatch.setattr(store, "open_workspace", real_open)
    assert "slow-share wave" in _wave_names(workspace)


def test_after_wait_a_save_that_fails_keeps_the_window_open(qtbot, workspace, monkeypatch, gate):
    """What was typed is kept for another try: the window does not close over it."""
    from tests.desktop_app.test_hung_pulses_writes import _wave_dialog

    window, dialog = _wave_dialog(
        qtbot, workspace, lambda: monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.3)
    )
    monkeypatch.setattr(store, "open_workspace", hanging(failing_open, gate))
    dialog.accept()
    asked: list[str] = []
    _press_when_asked("waitForSave", asked, monkeypatch)
    assert not window.close()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.writes.running(), timeout=15000)
    qtbot.wait(300)
    assert window.isVisible()
