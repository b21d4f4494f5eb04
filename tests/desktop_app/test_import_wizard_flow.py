"""The import wizard as an analyst meets it: changing one's mind, bad files, where to look.

Driven as a person would (pytest-qt): type paths, press Return, click, read what is shown.
"""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QTabWidget, QWizard

from desktop_app.import_wizard import ImportWizard
from tests.desktop_app.hr_helpers import open_window
from tests.desktop_app.import_wizard_fixture import shown_wizard  # noqa: F401 - "wizard"
from tests.surveys.importing.helpers import fixture


def _type_file(wizard, qtbot, path: Path) -> None:
    field = wizard.file_page.file
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, str(path))
    qtbot.keyClick(field, Qt.Key_Return)


def _idle(wizard, qtbot) -> None:
    qtbot.waitUntil(lambda: not wizard.context.runner.running(), timeout=20000)


def test_a_file_chosen_first_does_not_win_over_the_one_chosen_after(wizard, qtbot, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    _type_file(wizard, qtbot, fixture("google.csv"))  # read on the worker...
    _type_file(wizard, qtbot, empty)  # ...while the analyst picks another file
    qtbot.waitUntil(lambda: "is empty" in wizard.file_page.detected.text(), timeout=20000)
    _idle(wizard, qtbot)
    qtbot.wait(50)  # any late result of the first read would arrive now
    assert "is empty" in wizard.file_page.detected.text()
    assert wizard.prepared is None
    assert not wizard.button(QWizard.NextButton).isEnabled()


def test_a_file_that_cannot_be_read_is_said_once_in_the_wizard(
    qtbot, demo_workspace, tmp_path, monkeypatch
):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: shown.append(args))
    window = open_window(qtbot, demo_workspace)
    broken = tmp_path / "answers.xlsx"
    broken.write_bytes(fixture("surveymonkey.xlsx").read_bytes()[:3000])  # cut short
    wizard = ImportWizard(window.context, window)
    qtbot.addWidget(wizard)
    wizard.show()
    _type_file(wizard, qtbot, broken)
    qtbot.waitUntil(lambda: "cannot be read" in wizard.file_page.detected.text(), timeout=20000)
    _idle(wizard, qtbot)
    qtbot.wait(50)  # the window's message box would open on the next turn of the loop
    assert shown == []
    assert "answers.xlsx" in wizard.file_page.detected.text()


def _to_mapping_page(wizard, qtbot, path: Path) -> None:
    _type_file(wizard, qtbot, path)
    qtbot.waitUntil(lambda: wizard.prepared is not None, timeout=20000)
    qtbot.mouseClick(wizard.button(QWizard.NextButton), Qt.LeftButton)


def test_the_wave_the_dates_give_is_shown_not_an_example(wizard, qtbot):
    # SurveyMonkey's answers are from November 2025 (the example said 2025-10 for any file).
    _to_mapping_page(wizard, qtbot, fixture("surveymonkey.xlsx"))
    page = wizard.mapping_page
    seen = page.findChild(QLabel, "importWavesSeen")
    assert page.wave.currentText() == "By month of the date"
    assert seen.isVisible() and seen.text() == "the dates give wave 2025-11"
    assert not page.wave_name.isVisible()  # no name to type: nothing shows "2025-10"
    page.wave.setFocus()
    qtbot.keyClick(page.wave, Qt.Key_Down)  # by quarter
    qtbot.waitUntil(lambda: seen.text() == "the dates give wave 2025-Q4", timeout=5000)
    qtbot.keyClick(page.wave, Qt.Key_Down)  # one wave named:
    assert page.wave_name.isVisible() and not seen.isVisible()
    assert page.wave_name.text() == ""


def test_a_department_column_the_file_lacks_is_not_shown_as_its_first_column(
    wizard, qtbot, tmp_path
):
    with fixture("google.csv").open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source))
    gone = [name.strip() for name in rows[0]].index("Your department")
    trimmed = tmp_path / "google_without_department.csv"
    with trimmed.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(row[:gone] + row[gone + 1 :] for row in rows)
    page = wizard.file_page
    qtbot.mouseClick(page.saved, Qt.LeftButton, pos=QPoint(8, page.saved.height() // 2))
    assert page.saved.isChecked()
    page.mapping_file.setFocus()
    qtbot.keyClicks(page.mapping_file, str(fixture("google.map.yaml")))
    _to_mapping_page(wizard, qtbot, trimmed)
    box = wizard.mapping_page.department
    assert box.currentIndex() == -1
    assert box.currentText() == ""
    assert box.placeholderText() == "Choose the column that names it"
    problems = wizard.mapping_page.problems
    assert "'Your department' is not in google_without_department.csv" in problems.item(0).text()


def test_the_lines_to_check_say_where_they_are(wizard, qtbot):
    _to_mapping_page(wizard, qtbot, fixture("qualtrics.csv"))  # its 1-7 scale is to check
    page = wizard.mapping_page
    tabs = page.findChild(QTabWidget, "importTabs")
    assert [tabs.tabText(i) for i in range(3)] == ["&Columns", "De&partments", "Sca&les (check)"]
    assert page.status.text().endswith("to check (yellow). Where: the Scales tab.")
    assert tabs.currentIndex() == 0  # the analyst is on the Columns tab...
    qtbot.mouseClick(tabs.tabBar(), Qt.LeftButton, pos=tabs.tabBar().tabRect(2).center())
    scales = page.scales_view
    tip = scales.model().index(0, 3).data(Qt.ToolTipRole)  # ...the note is cut in its cell
    assert tip.startswith("CHECK: numbers read as a 1-7 scale") and "correct this table" in tip
    row = next(r for r in range(scales.model().rowCount()) if _cell(scales, r, 1) == "4")
    scales.edit(scales.model().index(row, 2))  # confirm 4 → 3 by choosing it
    combo = next(c for c in scales.findChildren(QComboBox, "cellChoice") if c.isVisible())
    qtbot.keyClicks(combo, "3")
    qtbot.keyClick(combo, Qt.Key_Return)
    qtbot.waitUntil(lambda: tabs.tabText(2) == "Sca&les", timeout=5000)
    assert "to check" not in page.status.text()


def test_a_cut_column_status_is_whole_in_its_tooltip(wizard, qtbot):
    _to_mapping_page(wizard, qtbot, fixture("qualtrics.csv"))
    model = wizard.mapping_page.columns_view.model()
    row = next(
        r for r in range(model.rowCount()) if _cell(wizard.mapping_page.columns_view, r, 0) == "D"
    )
    assert model.index(row, 5).data(Qt.ToolTipRole) == model.index(row, 5).data()
    assert model.index(row, 5).data().startswith("identity")


def _cell(view, row: int, column: int) -> str:
    return view.model().index(row, column).data()


def test_a_long_problem_wraps_so_what_to_do_is_in_sight(wizard, qtbot, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_bytes(  # UTF-8 with a line pasted in from a Windows-1252 file
        "Team,How timely is IT?\nOpérations,Good\n".encode("cp1252") + "Opérations,Poor\n".encode()
    )
    page = wizard.file_page
    qtbot.mouseClick(page.saved, Qt.LeftButton, pos=QPoint(8, page.saved.height() // 2))
    page.mapping_file.setFocus()
    qtbot.keyClicks(page.mapping_file, str(fixture("generic.map.yaml")))
    _to_mapping_page(wizard, qtbot, path)
    problems = wizard.mapping_page.problems
    qtbot.waitUntil(lambda: problems.count() > 0)
    first = problems.item(0)
    assert "not UTF-8 text" in first.text()  # the cause first, then what it caused
    qtbot.waitUntil(lambda: problems.visualItemRect(first).height() > 0)
    line = problems.fontMetrics().height()
    assert problems.visualItemRect(first).height() >= 2 * line  # wrapped...
    assert problems.horizontalScrollBar().maximum() == 0  # ...not scrolled sideways
    assert problems.visualItemRect(first).right() <= problems.viewport().width()


def test_the_item_column_shows_the_whole_item(wizard, qtbot):
    """ "problem_solving" was cut to "problem_solv…" in the Item column, with no tooltip; the
    item is now shown as HR reads it, "Problem solving", not as the mapping file's key."""
    _to_mapping_page(wizard, qtbot, fixture("qualtrics.csv"))
    page = wizard.mapping_page
    for view, column in ((page.columns_view, 3), (page.preview_view, 4)):
        model = view.model()
        row = next(
            r for r in range(model.rowCount()) if _cell(view, r, column) == "Problem solving"
        )
        index = model.index(row, column)
        assert model.headerData(column, Qt.Horizontal) == "Item"
        assert index.data(Qt.ToolTipRole) == "Problem solving"
        needed = view.fontMetrics().horizontalAdvance("Communication frequency")
        assert view.columnWidth(column) > needed + view.fontMetrics().height()
    target = page.columns_view.model().index(row, 2)
    assert target.data(Qt.ToolTipRole) == target.data()  # a long department name: whole too


def test_a_pasted_path_is_read_without_pressing_enter(wizard, qtbot, tmp_path):
    """Next stayed greyed out, with nothing said, until Enter or Tab left the field."""
    field = wizard.file_page.file
    field.setFocus()
    qtbot.keyClicks(field, str(tmp_path / "not-yet"))  # half a path: nothing is read
    qtbot.wait(800)
    assert wizard.file_page.detected.text() == "" and wizard.file_page.job is None
    field.clear()
    qtbot.keyClicks(field, str(fixture("google.csv")))  # no Return, no Tab
    qtbot.waitUntil(lambda: wizard.prepared is not None, timeout=20000)
    assert wizard.file_page.detected.text().startswith("Detected:")
    assert wizard.button(QWizard.NextButton).isEnabled()
    assert field.hasFocus()  # still in the field: it was read while the analyst looked


def test_surveymonkeys_condensed_export_says_which_option_to_choose(wizard, qtbot):
    path = fixture("variants") / "surveymonkey_condensed.csv"
    _type_file(wizard, qtbot, path)
    detected = wizard.file_page.detected
    qtbot.waitUntil(lambda: "condensed export" in detected.text(), timeout=20000)
    assert detected.text().startswith(f"{path}:2: this is SurveyMonkey's condensed export")
    assert "choose Columns: Expanded and Cells: Actual answer text" in detected.text()
    assert wizard.prepared is None
    assert not wizard.button(QWizard.NextButton).isEnabled()


def test_a_department_to_check_says_why_and_marks_its_answers(wizard, qtbot, tmp_path):
    """Qualtrics EX's "Parent Unit" ("Sales (Ines Duarte)": the unit or its manager) as the
    only department column: the line to check said "the respondent's department (above)"
    and nothing said why, nor marked the Departments tab where the names are."""
    rows = list(csv.reader(fixture("variants/qualtrics_ex.csv").open(encoding="utf-8-sig")))
    q1 = rows[0].index("Q1")
    path = tmp_path / "ex.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([row[:q1] + row[q1 + 1 :] for row in rows])
    _to_mapping_page(wizard, qtbot, path)
    page = wizard.mapping_page
    tabs = page.findChild(QTabWidget, "importTabs")
    assert tabs.tabText(1) == "De&partments (check)"
    assert "hold more than a department, in brackets" in page.department.toolTip()
    assert "Where: the respondent's department (above), the Departments tab" in page.status.text()
