"""Settings' roster and name-list imports show what the file would do first, with the
import wizard's Worksheet and Encoding choices; Import applies it as chosen, Cancel changes
nothing. (Before, the file was imported as soon as it was picked, read from the sheet and
in the encoding Rapport guessed, with no way to choose.)"""

from __future__ import annotations

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from desktop_app.panels.settings_panel import SettingsPanel
from surveys.importing.roster import import_roster
from surveys.store import departments, open_workspace
from tests.desktop_app.test_settings_import import previewed
from tests.surveys.importing import hris_writers as hris
from tests.surveys.importing.test_roster_moves import department_of, roster_of_logins


def _pick(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def _headcounts(folder) -> dict[str, int | None]:
    db = open_workspace(folder)
    try:
        return {d.name: d.headcount for d in departments(db)}
    finally:
        db.close()


def _open(qtbot, panel, monkeypatch, path, button="importRoster"):
    _pick(monkeypatch, path)
    qtbot.mouseClick(panel.findChild(QPushButton, button), Qt.LeftButton)
    return previewed(qtbot, panel)


def _import(qtbot, dialog, panel, says: str) -> None:
    """Press Import and wait for Settings to say what the import did."""
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: panel.message.text().startswith(says))


def _reread(qtbot, dialog, combo, index) -> None:
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    qtbot.waitUntil(lambda: not dialog.reading(), timeout=30000)


def test_the_worksheet_choice_reads_another_sheet_and_import_uses_it(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Leavers"
    book.active.append(["Department", "Headcount"])
    book.active.append(["Sales", 3])
    current = book.create_sheet("Current staff")
    current.append(["Department", "Headcount"])
    current.append(["Sales", 41])
    path = tmp_path / "report.xlsx"
    book.save(path)
    panel = open_panel(SettingsPanel)
    dialog = _open(qtbot, panel, monkeypatch, path)
    sheet = dialog.read_choices.sheet
    assert sheet.isVisibleTo(dialog) and not dialog.read_choices.encoding.isVisibleTo(dialog)
    assert "Sales: 3" in dialog.preview.toPlainText()
    _reread(qtbot, dialog, sheet, sheet.findText("Current staff"))
    assert "Sales: 41" in dialog.preview.toPlainText()
    assert _headcounts(demo_workspace)["Sales"] != 41  # a preview changes nothing
    _import(qtbot, dialog, panel, "Set 1 headcount")
    assert _headcounts(demo_workspace)["Sales"] == 41


def test_the_encoding_choice_reads_the_letters_right_and_import_uses_it(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes("Department,Headcount\nŐrzés,8\n".encode("iso-8859-2"))
    panel = open_panel(SettingsPanel)
    dialog = _open(qtbot, panel, monkeypatch, path)
    encoding = dialog.read_choices.encoding
    assert encoding.isVisibleTo(dialog) and not dialog.read_choices.sheet.isVisibleTo(dialog)
    assert "Õrzés: 8" in dialog.preview.toPlainText()  # read as Windows-1252
    _reread(qtbot, dialog, encoding, encoding.findData("iso8859-2"))
    assert "Őrzés: 8 (new department)" in dialog.preview.toPlainText()
    _import(qtbot, dialog, panel, "Set 1 headcount")
    assert _headcounts(demo_workspace)["Őrzés"] == 8


def test_a_file_with_problems_cannot_be_imported_and_cancel_changes_nothing(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    path = tmp_path / "two.csv"
    path.write_text("Employee ID,Department\nE1,Sales\nE1,Marketing\n", encoding="utf-8")
    before = _headcounts(demo_workspace)
    panel = open_panel(SettingsPanel)
    dialog = _open(qtbot, panel, monkeypatch, path)
    assert "the same person as on line 2" in dialog.preview.toPlainText()
    assert not dialog.import_button.isEnabled()
    dialog.reject()
    qtbot.wait(100)
    assert _headcounts(demo_workspace) == before


def test_an_hris_export_is_previewed_with_what_it_leaves_out(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    panel = open_panel(SettingsPanel)
    dialog = _open(qtbot, panel, monkeypatch, hris.workday(tmp_path))
    text = dialog.preview.toPlainText()
    assert "Not counted: 1 row of people who left" in text
    assert "Counted once: 1 person listed again" in text
    assert "Okafor" not in text and "87500" not in text
    dialog.reject()
    names = _open(qtbot, panel, monkeypatch, hris.adp(tmp_path), "importNames")
    assert names.windowTitle() == "Import name list"
    assert names.preview.toPlainText().startswith("Would store 5 names for redaction")
    assert "Okafor" not in names.preview.toPlainText()
    assert names.read_choices.encoding.isVisibleTo(names)


def test_the_department_column_choice_reads_another_column_and_import_uses_it(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    panel = open_panel(SettingsPanel)
    dialog = _open(qtbot, panel, monkeypatch, hris.bamboohr(tmp_path))  # Department, Division
    column = dialog.department
    assert column.isVisibleTo(dialog) and column.currentText() == "Department"
    _reread(qtbot, dialog, column, column.findText("Division"))
    assert "Commercial: 3 (new department)" in dialog.preview.toPlainText()
    _import(qtbot, dialog, panel, "Set 2 headcounts")
    assert _headcounts(demo_workspace)["Commercial"] == 3


def test_a_dialog_closed_while_its_file_is_read_is_left_alone(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    import threading

    import desktop_app.hr_file_dialog as dialog_module

    release = threading.Event()
    real = dialog_module.preview_hr_file

    def slow(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(dialog_module, "preview_hr_file", slow)
    path = tmp_path / "roster.csv"
    path.write_text("Department,Headcount\nSales,4\n", encoding="utf-8")
    panel = open_panel(SettingsPanel)
    dialog = panel.import_roster(str(path))
    job = panel.context.runner.running()[0]
    dialog.reject()
    qtbot.wait(50)  # deleteLater runs
    release.set()
    qtbot.waitUntil(lambda: not panel.context.runner.running(), timeout=10000)
    qtbot.wait(50)
    assert job.label == "Import roster"
    assert _headcounts(demo_workspace)["Sales"] != 4


def test_a_utf16_file_without_a_mark_is_read_by_choosing_its_encoding(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    """Refused as binary (NUL bytes), the file showed no Encoding choice: no way on."""
    path = tmp_path / "roster.csv"
    path.write_bytes("Department,Headcount\nSales,44\n".encode("utf-16-le"))
    panel = open_panel(SettingsPanel)
    dialog = _open(qtbot, panel, monkeypatch, path)
    assert "not a text table" in dialog.preview.toPlainText()
    assert "or the Encoding choice in the app" in dialog.preview.toPlainText()
    encoding = dialog.read_choices.encoding
    assert encoding.isVisibleTo(dialog)
    _reread(qtbot, dialog, encoding, encoding.findData("utf-16-le"))
    assert "Sales: 44" in dialog.preview.toPlainText()
    _import(qtbot, dialog, panel, "Set 1 headcount")
    assert _headcounts(demo_workspace)["Sales"] == 44


def test_a_roster_whose_department_column_is_not_recognised_offers_every_heading(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    """'no department column found ... name it with --department-column on the command
    line': the app had no such way, only renaming the column in the file."""
    path = tmp_path / "bereiche.csv"
    path.write_text("Personalnummer,Bereich,Eintritt\nP1,Vertrieb,2020\nP2,Vertrieb,2021\n")
    panel = open_panel(SettingsPanel)
    dialog = _open(qtbot, panel, monkeypatch, path)
    assert "no department column found" in dialog.preview.toPlainText()
    column = dialog.department
    assert column.isVisibleTo(dialog)
    assert [column.itemText(i) for i in range(column.count())] == [
        "Choose the department column…",
        "Personalnummer",
        "Bereich",
        "Eintritt",
    ]
    _reread(qtbot, dialog, column, column.findText("Bereich"))
    assert "Vertrieb: 2 (new department)" in dialog.preview.toPlainText()
    _import(qtbot, dialog, panel, "Set 1 headcount")
    assert _headcounts(demo_workspace)["Vertrieb"] == 2


def test_choosing_a_column_of_people_as_departments_is_refused_in_the_preview(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    """Every heading is offered; chosen, 'Name' made each person a department of one
    named after them, and Import was enabled."""
    path = tmp_path / "bereiche.csv"
    path.write_text("Personalnummer,Name,Bereich\nP1,Amara Okafor,Vertrieb\nP2,Ravi Menon,IT\n")
    panel = open_panel(SettingsPanel)
    dialog = _open(qtbot, panel, monkeypatch, path)
    column = dialog.department
    _reread(qtbot, dialog, column, column.findText("Name"))
    shown = dialog.preview.toPlainText()
    assert 'column B "Name": this column holds people' in shown and "Amara" not in shown
    assert not dialog.import_button.isEnabled()
    _reread(qtbot, dialog, column, column.findText("Bereich"))
    assert "Vertrieb: 1 (new department)" in dialog.preview.toPlainText()
    assert dialog.import_button.isEnabled()


def test_a_reading_that_does_not_answer_says_why_and_cancel_changes_nothing(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    """On a share that hangs the dialog said "Reading the file…" for good, with no word
    of why or of what Cancel does; an answer that comes in the end is still shown."""
    import threading

    from desktop_app import hr_file_dialog, hr_file_work

    answer = threading.Event()
    real = hr_file_work.preview_hr_file

    def hanging(*args):
        answer.wait(30)
        return real(*args)

    monkeypatch.setattr(hr_file_dialog, "preview_hr_file", hanging)
    monkeypatch.setattr(hr_file_dialog, "SLOW_MS", 50)
    panel = open_panel(SettingsPanel)
    _pick(monkeypatch, hris.bamboohr(tmp_path))
    qtbot.mouseClick(panel.findChild(QPushButton, "importRoster"), Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(panel.findChildren(hr_file_dialog.HrFileDialog)))
    dialog = panel.findChildren(hr_file_dialog.HrFileDialog)[-1]
    qtbot.waitUntil(lambda: dialog.preview.toPlainText().startswith("Still reading the file…"))
    assert "Cancel changes nothing" in dialog.preview.toPlainText()
    assert dialog.reading() and not dialog.import_button.isEnabled()
    answer.set()
    qtbot.waitUntil(lambda: not dialog.reading(), timeout=30000)
    assert "Would set 3 headcounts" in dialog.preview.toPlainText()
    qtbot.wait(200)  # the notice of an answered reading never comes back over it
    assert "Would set 3 headcounts" in dialog.preview.toPlainText()
    assert dialog.import_button.isEnabled()


def test_another_worksheet_is_read_by_its_own_department_column(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    """A department column chosen on one sheet was kept for the next: 'no column named
    "Bereich"', with only the first sheet's headings to choose from (no way on but Cancel)."""
    book = openpyxl.Workbook()
    book.active.title = "Alt"
    book.active.append(["Personalnummer", "Bereich"])
    book.active.append(["P1", "Vertrieb"])
    current = book.create_sheet("Current")
    current.append(["Employee ID", "Department"])
    current.append(["E1", "Sales"])
    current.append(["E2", "IT"])
    path = tmp_path / "staff.xlsx"
    book.save(path)
    panel = open_panel(SettingsPanel)
    dialog = _open(qtbot, panel, monkeypatch, path)
    _reread(qtbot, dialog, dialog.department, dialog.department.findText("Bereich"))
    assert "Vertrieb: 1 (new department)" in dialog.preview.toPlainText()
    sheet = dialog.read_choices.sheet
    _reread(qtbot, dialog, sheet, sheet.findText("Current"))
    assert "Sales: 1" in dialog.preview.toPlainText(), dialog.preview.toPlainText()
    assert dialog.import_button.isEnabled()
    assert not dialog.department.isVisibleTo(dialog)  # the first sheet's headings are gone
    _import(qtbot, dialog, panel, "Set 2 headcounts")
    assert "Vertrieb" not in _headcounts(demo_workspace)


def test_a_roster_with_a_title_block_offers_the_headings_of_its_header(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    """No department column recognised under a report's title block: the headings offered
    were the title block's ('Prepared by', 'HR'), so the department column could not be
    chosen."""
    path = tmp_path / "bereiche.csv"
    path.write_text(
        "Prepared by,HR,\n,,\nPersonalnummer,Bereich,Eintritt\nP1,Vertrieb,2020\nP2,IT,2021\n"
    )
    panel = open_panel(SettingsPanel)
    dialog = _open(qtbot, panel, monkeypatch, path)
    column = dialog.department
    assert [column.itemText(i) for i in range(column.count())] == [
        "Choose the department column…",
        "Personalnummer",
        "Bereich",
        "Eintritt",
    ]
    _reread(qtbot, dialog, column, column.findText("Bereich"))
    assert "Vertrieb: 1 (new department)" in dialog.preview.toPlainText()
    assert dialog.import_button.isEnabled()


def test_the_preview_names_an_account_the_roster_moves_and_the_headcounts_before(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    """A colleague's "Workday export" that puts their own account in Sales (a small group,
    their answer would make it shown) was previewed as 'Kept the department of 46
    account(s)' and 'Sales: 15', with nothing about the one row that changed."""
    import_roster(demo_workspace, roster_of_logins(tmp_path, "hr.csv"))
    export = roster_of_logins(tmp_path, "workday_export.csv", {"user30": "Sales"})
    panel = open_panel(SettingsPanel)
    dialog = _open(qtbot, panel, monkeypatch, export)
    text = dialog.preview.toPlainText()
    assert "user30: Marketing \u2192 Sales" in text and "Sales: 15 (was 14)" in text
    dialog.reject()
    assert department_of(demo_workspace, "user30") == "Marketing"


def test_the_names_preview_says_the_names_imported_before_are_kept(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    """A name list that lacks a name imported before said 'replacing the 2 imported before',
    and importing it showed that name in every comment redacted of it."""
    from surveys.importing.names import import_names, stored_names

    first, second = tmp_path / "staff.csv", tmp_path / "staff_now.csv"
    first.write_text("Name\nPriya Raman\nTomasz Nowak\n", encoding="utf-8")
    second.write_text("Name\nTomasz Nowak\nMaria Sales\n", encoding="utf-8")
    import_names(demo_workspace, first)
    panel = open_panel(SettingsPanel)
    dialog = _open(qtbot, panel, monkeypatch, second, "importNames")
    text = dialog.preview.toPlainText()
    assert text.startswith("Would store 2 names for redaction")
    assert "1 new. 1 name imported before and not in this file is kept" in text
    assert "Maria Sales (a department: Sales)" in text  # said with the file's word entries
    dialog.reject()
    db = open_workspace(demo_workspace)
    try:
        assert "priya raman" in stored_names(db)
    finally:
        db.close()
