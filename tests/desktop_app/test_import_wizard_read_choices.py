"""The import wizard's Worksheet and Encoding choices: shown only when they matter, and
the preview and the import read the file as chosen (pytest-qt, real files)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from desktop_app.import_wizard.wizard import IMPORT_PAGE
from tests.desktop_app import test_import_wizard as base
from tests.desktop_app.test_import_comment_exports import comments
from tests.desktop_app.test_import_read_options import HUNGARIAN, TIDY, _workbook
from tests.desktop_app.test_import_wizard import _choose_file, _import

wizard = base.wizard  # the same fixture: a wizard on a new workspace


def _rows_shown(wizard) -> tuple[bool, bool]:
    choices = wizard.file_page.read_choices
    return (
        choices.form.isRowVisible(choices.sheet),
        choices.form.isRowVisible(choices.encoding),
    )


def _choose(qtbot, box, text: str) -> None:
    """Pick ``text`` as a person does: open the list, move to it, press Enter."""
    box.setFocus()
    box.showPopup()
    view = box.view()
    index = box.findText(text)
    view.setCurrentIndex(box.model().index(index, 0))
    qtbot.keyClick(view, Qt.Key_Return)


def test_a_utf8_csv_offers_no_choice(wizard, qtbot, tmp_path):
    path = tmp_path / "tidy.csv"
    path.write_text(TIDY, encoding="utf-8")
    _choose_file(wizard, qtbot, path)
    assert _rows_shown(wizard) == (False, False)


def test_the_encoding_choice_reads_a_latin_2_file_again(wizard, qtbot, tmp_path):
    path = tmp_path / "latin2.csv"
    path.write_bytes(TIDY.encode("iso-8859-2"))
    _choose_file(wizard, qtbot, path)
    assert _rows_shown(wizard) == (False, True)
    box = wizard.file_page.read_choices.encoding
    assert box.itemText(0) == "Windows-1252 (as recognised)"
    sample = wizard.file_page.read_choices.sample
    assert sample.isVisible() and HUNGARIAN.replace("Ő", "Õ")[:40] in sample.text()
    wizard.prepared = None
    _choose(qtbot, box, "ISO-8859-2 (Latin-2: Hungarian, Croatian, Slovene...)")
    qtbot.waitUntil(lambda: wizard.prepared is not None, timeout=20000)
    assert "iso8859-2 (as chosen)" in wizard.file_page.detected.text()
    assert HUNGARIAN in wizard.file_page.read_choices.sample.text()
    qtbot.mouseClick(wizard.button(QWizard.NextButton), Qt.LeftButton)
    assert wizard.currentId() == IMPORT_PAGE
    assert _import(wizard, qtbot)["ok"]
    assert comments(wizard.context.path)[0][3] == HUNGARIAN


def test_the_worksheet_choice_reads_the_third_sheet(wizard, qtbot, tmp_path):
    path = _workbook(tmp_path / "export.xlsx")
    _choose_file(wizard, qtbot, path)
    assert _rows_shown(wizard) == (True, False)
    box = wizard.file_page.read_choices.sheet
    assert [box.itemText(i) for i in range(box.count())] == ["Actions", "Raw comments"]
    assert box.currentText() == "Actions"
    wizard.prepared = None
    _choose(qtbot, box, "Raw comments")
    qtbot.waitUntil(lambda: wizard.prepared is not None, timeout=20000)
    text = wizard.file_page.detected.text()
    assert "comment export" in text and "'Raw comments', 3 of 3 (as chosen)" in text
    qtbot.mouseClick(wizard.button(QWizard.NextButton), Qt.LeftButton)
    assert _import(wizard, qtbot)["ok"]
    assert comments(wizard.context.path)[0][1:] == ("Sales", "IT", "Fewer forms.")


def test_a_comment_export_whose_dates_are_uncertain_takes_the_wave_given(wizard, qtbot, tmp_path):
    """Dates that could be day or month first: the import asks for the wave (--wave on the
    command line), which the import page's Wave field gives."""
    from tests.desktop_app.test_import_comment_exports import write_csv

    rows = [
        ["Question", "Comment", "Department", "Date"],
        ["How could IT help you more?", "Loaner laptops.", "Sales", "03/11/2025"],
        ["How could IT help you more?", "A named contact.", "Marketing", "05/11/2025"],
    ]
    _choose_file(wizard, qtbot, write_csv(tmp_path / "comments.csv", rows))
    qtbot.mouseClick(wizard.button(QWizard.NextButton), Qt.LeftButton)
    page = wizard.import_page
    assert page.wave_form.isRowVisible(page.wave)
    qtbot.mouseClick(page.start_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.problems.count() > 0, timeout=60000)
    problems = [page.problems.item(i).text() for i in range(page.problems.count())]
    assert any("cannot be read with certainty" in p for p in problems)
    page.wave.setFocus()
    qtbot.keyClicks(page.wave, "2025-11")
    assert _import(wizard, qtbot)["ok"]
    assert [row[:3] for row in comments(wizard.context.path)] == [
        ("2025-11", "Marketing", "IT"),
        ("2025-11", "Sales", "IT"),
    ]


def test_the_wave_field_is_shown_for_comment_exports_only(wizard, qtbot, tmp_path):
    path = tmp_path / "tidy.csv"
    path.write_text(TIDY, encoding="utf-8")
    _choose_file(wizard, qtbot, path)
    qtbot.mouseClick(wizard.button(QWizard.NextButton), Qt.LeftButton)
    assert wizard.currentId() == IMPORT_PAGE
    assert not wizard.import_page.wave_form.isRowVisible(wizard.import_page.wave)


def test_a_utf16_file_without_a_mark_is_read_by_choosing_its_encoding(wizard, qtbot, tmp_path):
    """Refused as binary data (its NUL bytes), the file showed no Encoding choice: the
    wizard could not read it at all."""
    path = tmp_path / "tidy.csv"
    path.write_bytes(TIDY.encode("utf-16-le"))
    page = wizard.file_page
    page.file.setFocus()
    qtbot.keyClicks(page.file, str(path))
    qtbot.keyClick(page.file, Qt.Key_Return)
    qtbot.waitUntil(lambda: "not a text table" in page.detected.text(), timeout=20000)
    assert _rows_shown(wizard) == (False, True)
    box = page.read_choices.encoding
    assert box.itemText(0) == "Choose the file's encoding…"
    _choose(qtbot, box, "UTF-16 little-endian, without a byte-order mark")
    qtbot.waitUntil(lambda: wizard.prepared is not None, timeout=20000)
    assert "utf-16-le (as chosen)" in page.detected.text()
    qtbot.mouseClick(wizard.button(QWizard.NextButton), Qt.LeftButton)
    assert _import(wizard, qtbot)["ok"]
    assert comments(wizard.context.path)[0][3] == HUNGARIAN
