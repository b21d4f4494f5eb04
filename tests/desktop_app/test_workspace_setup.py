"""Setting up without the command line (issue 19, item 11): File › New workspace and a
survey template loaded from the New wave dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop_app.new_workspace_dialog import NewWorkspaceDialog
from desktop_app.panels.pulses_panel import PulsesPanel
from surveys.store import departments, get_setting, open_workspace
from tests.surveys.test_custom_templates import OURS


def _fill_new_workspace(qtbot, dialog: NewWorkspaceDialog, parent) -> None:
    qtbot.keyClicks(dialog.organisation_edit, "Riverside Clinic")
    dialog.choose_folder(str(parent))
    assert dialog.folder_edit.text() == str(parent / "riverside-clinic")
    table = dialog.table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [
        "Sales", "IT", "Marketing", "Operations",
    ]  # fmt: skip
    table.selectRow(2)
    qtbot.mouseClick(dialog.remove_button, Qt.LeftButton)  # no Marketing here
    row = dialog.add_department("Pharmacy")
    table.item(row, 1).setText("12")
    table.item(0, 1).setText("forty")


def test_new_workspace_from_the_file_menu(qtbot, tmp_path, monkeypatch):
    from desktop_app.main_window import MainWindow

    said: list[str] = []  # a new workspace has no answers: no analysis, and no warning box
    monkeypatch.setattr(
        "desktop_app.main_window.QMessageBox.warning", lambda *args: said.append(args[2])
    )
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.new_action.shortcut().toString() and window.welcome.new_button.isVisible()

    def create() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NewWorkspaceDialog):
            QTimer.singleShot(10, create)
            return
        _fill_new_workspace(qtbot, dialog, tmp_path)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
        shown.append(dialog.error.text())
        dialog.table.item(0, 1).setText("40")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)

    shown: list[str] = []
    QTimer.singleShot(0, create)
    with qtbot.waitSignal(window.context.workspace_opened, timeout=20000):
        window.new_action.trigger()
    assert shown == ["Headcount of Sales: “forty” is not a whole number; write it like 40."]
    folder = tmp_path / "riverside-clinic"
    assert window.context.path == folder
    assert window.windowTitle() == "Riverside Clinic — Rapport"  # the name, not the folder
    db = open_workspace(folder)
    assert [(d.name, d.headcount) for d in departments(db)] == [
        ("Sales", 40), ("IT", None), ("Operations", None), ("Pharmacy", 12),
    ]  # fmt: skip
    assert get_setting(db, "organisation") == "Riverside Clinic"
    db.close()
    # Nothing to analyse yet: the status bar says what to do, no job runs, no box is shown.
    assert window.analysis_job is None
    assert window.analysis_label.text().startswith("No answers yet: publish a wave")
    window.run_action.trigger()  # F5
    assert window.analysis_job is None and said == []


def test_a_workspace_is_never_made_over_another(qtbot, tmp_path, workspace):
    dialog = NewWorkspaceDialog(None, str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(workspace))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert "already holds a Rapport workspace" in dialog.error.text()
    for row in range(1, dialog.table.rowCount()):
        dialog.table.item(row, 0).setText("Sales")
    dialog.folder_edit.setText(str(tmp_path / "other"))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert "Department named twice: Sales" in dialog.error.text()
    assert dialog.created is None and not (tmp_path / "other" / "rapport.db").exists()


def test_load_a_template_in_the_new_wave_dialog(open_panel, tmp_path, qtbot, monkeypatch):
    panel = open_panel(PulsesPanel)
    dialog = panel.new_wave()
    qtbot.addWidget(dialog)
    bad = tmp_path / "bad.yaml"
    bad.write_text(OURS.replace("item: respect", "item: respectt"), encoding="utf-8")
    good = tmp_path / "ours.yaml"
    good.write_text(OURS, encoding="utf-8")
    chosen = [str(bad)]
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *a, **k: (chosen[0], "")
    )
    before = dialog.template_box.count()
    qtbot.mouseClick(dialog.load_button, Qt.LeftButton)
    assert f"{bad}:7: questions[2].item: unknown item 'respectt'" in dialog.error.text()
    assert dialog.template_box.count() == before
    chosen[0] = str(good)
    qtbot.mouseClick(dialog.load_button, Qt.LeftButton)
    assert dialog.template_box.currentText() == "Our pulse — 4 questions (loaded)"
    assert dialog.template_box.currentData() == "our-pulse"
    dialog.name_edit.setText("2026-11")
    with qtbot.waitSignal(panel.context.data_changed):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert next(w for w in panel.waves_model.waves if w.name == "2026-11").survey == "Our pulse"
    # Stored in the workspace: the next dialog and the programme offer it without the file.
    good.unlink()
    again = panel.new_wave()
    qtbot.addWidget(again)
    assert again.template_box.findData("our-pulse") >= 0
    programme = panel.programme_box.edit()
    qtbot.addWidget(programme)
    assert programme.template_box.itemText(programme.template_box.findData("our-pulse")) == (
        "Our pulse — 4 questions (loaded)"
    )


def test_a_new_workspace_opens_on_its_overview_with_nothing_of_the_last_one(
    qtbot, tmp_path, demo_workspace
):
    from tests.desktop_app.hr_helpers import open_window

    window = open_window(qtbot, demo_workspace)
    qtbot.keyClick(window, Qt.Key_3, Qt.ControlModifier)  # the analyst was in Comments
    overview = window.panel("overview")
    assert overview.changes_heading.text() == "What changed since 2026-09"

    def create() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NewWorkspaceDialog):
            QTimer.singleShot(10, create)
            return
        qtbot.keyClicks(dialog.organisation_edit, "Riverside Clinic")
        dialog.choose_folder(str(tmp_path))
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)

    QTimer.singleShot(0, create)
    with qtbot.waitSignal(window.context.workspace_opened, timeout=20000):
        window.new_action.trigger()
    assert window.stack.currentWidget() is overview  # not an empty Comments section
    assert overview.headline.text().startswith("No answers yet.")
    assert overview.changes_heading.text() == "What changed since the last wave"


def test_typing_departments_highlights_only_the_cell_being_typed(qtbot):
    """Tab from a name to its headcount, and on to the next name: the rest of the row was
    painted as selected beside the editor (the headcount cell looked like an error)."""
    dialog = NewWorkspaceDialog(None, None)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    table = dialog.table
    assert table.selectedIndexes() == []  # nothing highlighted when the dialog opens
    table.setFocus(Qt.TabFocusReason)
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key_F2)  # edit Sales
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)  # to its headcount's editor
    qtbot.keyClicks(QApplication.focusWidget(), "40")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)  # on to IT's name
    qtbot.waitUntil(lambda: table.item(0, 1).text() == "40")
    assert (table.currentRow(), table.currentColumn()) == (1, 0)
    assert [(i.row(), i.column()) for i in table.selectedIndexes()] == [(1, 0)]
    table.setCurrentCell(2, 1)  # a headcount reached with the arrows: only that cell
    assert [(i.row(), i.column()) for i in table.selectedIndexes()] == [(2, 1)]
    qtbot.mouseClick(dialog.remove_button, Qt.LeftButton)  # Remove takes its row
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [
        "Sales", "IT", "Operations",
    ]  # fmt: skip


def test_a_headcount_under_the_threshold_is_said_as_it_is_typed(qtbot):
    """Operations of 4 people: its ratings of others can never be shown (threshold 5)."""
    from PySide6.QtWidgets import QLabel

    dialog = NewWorkspaceDialog(None, None)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    note = dialog.findChild(QLabel, "newSmallGroups")
    assert note is not None and note.isHidden()
    table = dialog.table
    table.setFocus(Qt.TabFocusReason)
    table.setCurrentCell(3, 1)  # Operations' headcount
    qtbot.keyClicks(table, "4")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(lambda: table.item(3, 1) is not None and table.item(3, 1).text() == "4")
    assert note.isVisible()
    assert note.text().startswith(
        "Operations has a headcount of 4, fewer than the smallest group for scores (5): how "
        "Operations rates other departments can never be shown."
    )
    table.item(3, 1).setText("40")
    assert note.isHidden()


def test_a_workspace_without_answers_says_how_they_come_in_everywhere(qtbot, tmp_path):
    """Themes said "Analysing…" for ever and Relationships "press F5", which does nothing
    before there are answers."""
    from desktop_app.main_window import MainWindow
    from surveys.store import create_workspace

    create_workspace(tmp_path / "fresh").close()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_workspace(str(tmp_path / "fresh"))
    window.show_section("themes")
    status = window.panel("themes").status.text()
    assert status.startswith("No themes yet") and "Import responses" in status
    window.show_section("relationships")
    relationships = window.panel("relationships")
    caption = relationships.caption.text()
    assert caption.startswith("No answers yet: publish a wave") and "F5" not in caption
    # no empty grid, network tab or legend over nothing
    assert not relationships.tabs.isVisible() and relationships.caption.isVisible()
    assert not any(label.isVisible() for _band, label in relationships.legend_labels)
    window.run_action.trigger()  # F5 indeed does nothing yet
    assert window.analysis_job is None


def test_relationships_before_the_first_analysis_ends_says_it_is_coming(qtbot, tmp_path):
    """With answers but no result yet (the first analysis of a large workspace takes a
    while), the caption said "No analysis yet: press F5 to run it" while it was running."""
    from desktop_app.main_window import MainWindow
    from surveys.store import create_workspace

    create_workspace(tmp_path / "fresh").close()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_workspace(str(tmp_path / "fresh"))
    window.context.set_has_responses(True)  # as the window's one read says
    text = window.panel("relationships")._nothing_yet()  # noqa: SLF001
    assert text.startswith("No analysis shown yet: it runs by itself") and "press F5" not in text


def test_escape_on_a_typed_new_workspace_asks_before_it_is_lost(qtbot, tmp_path):
    where = tmp_path / "workspaces"
    where.mkdir()
    untouched = NewWorkspaceDialog(start=str(where))
    qtbot.addWidget(untouched)
    untouched.show()
    qtbot.keyClick(untouched, Qt.Key_Escape)
    assert not untouched.isVisible()  # nothing typed: Escape closes at once
    dialog = NewWorkspaceDialog(start=str(where))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.organisation_edit, "Fabrikam Logistics")
    dialog.table.item(0, 1).setText("120")  # a headcount typed
    qtbot.keyClick(dialog.organisation_edit, Qt.Key_Escape)
    cancel = dialog.buttons.button(QDialogButtonBox.Cancel)
    assert dialog.isVisible() and dialog.organisation_edit.text() == "Fabrikam Logistics"
    assert dialog.error.text().startswith("The workspace is not created yet.")
    assert cancel.text() == "Di&scard"
    qtbot.keyClicks(dialog.organisation_edit, " Ltd")  # typing on: asked again
    assert cancel.text() == "Cancel"
    qtbot.keyClick(dialog.organisation_edit, Qt.Key_Escape)
    assert dialog.isVisible()
    qtbot.mouseClick(cancel, Qt.LeftButton)  # Discard
    assert not dialog.isVisible() and dialog.created is None
    assert not any(where.iterdir())  # nothing was made
