"""The import wizard on real export variants (pytest-qt, driven as a person would)."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from desktop_app.import_wizard.wizard import MAPPING_PAGE
from surveys.csv_import import import_csv
from tests.desktop_app.import_wizard_fixture import shown_wizard  # noqa: F401 - "wizard"
from tests.desktop_app.test_import_wizard import _choose_file, _import, _next
from tests.surveys.importing.helpers import content, every_cell, fixture, new_workspace


def _problems(wizard) -> list[str]:
    problems = wizard.mapping_page.problems
    return [problems.item(i).text() for i in range(problems.count())]


def test_qualtrics_previews_and_spam_are_left_out_and_said(wizard, qtbot, tmp_path):
    path = fixture("variants") / "qualtrics_previews.csv"
    _choose_file(wizard, qtbot, path, fixture("qualtrics.map.yaml"))
    _next(wizard, qtbot)
    assert wizard.currentId() == MAPPING_PAGE
    assert _problems(wizard) == []
    _next(wizard, qtbot)
    result = _import(wizard, qtbot)
    assert result["ok"] and result["new"] == 11
    assert "Skipped: 2 survey previews or tests, 1 response marked as spam" in (
        wizard.import_page.message.text()
    )
    twin = new_workspace(tmp_path / "twin")
    import_csv(twin, fixture("qualtrics.tidy.csv"))
    assert content(wizard.context.path) == content(twin)


def test_a_sheets_workbook_says_which_worksheet_was_read(wizard, qtbot):
    _choose_file(wizard, qtbot, fixture("variants") / "google_sheets.xlsx")
    assert "read as Excel workbook (worksheet 'Form Responses 1', 2 of 2)" in (
        wizard.file_page.detected.text()
    )


def test_formulas_without_saved_results_block_the_import_on_the_mapping_page(wizard, qtbot):
    variants = fixture("variants")
    _choose_file(
        wizard, qtbot, variants / "excel_unsaved_formulas.xlsx", variants / "excel_quirks.map.yaml"
    )
    _next(wizard, qtbot)
    qtbot.waitUntil(lambda: bool(_problems(wizard)), timeout=20000)
    first = _problems(wizard)[0]
    assert "cell D2: formulas whose result was never saved (D2, D4)" in first
    assert "open it in Excel or LibreOffice, save it, and import it again" in first
    assert not wizard.button(QWizard.NextButton).isEnabled()


def test_the_other_department_column_is_shown_as_read_with_the_department(wizard, qtbot):
    _choose_file(wizard, qtbot, fixture("variants") / "surveymonkey_other.csv")
    _next(wizard, qtbot)
    columns = wizard.mapping_page.columns_view
    model = columns.model()
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert model.index(rows["J"], 5).data() == "respondent's department"
    assert model.index(rows["K"], 5).data() == ("respondent's department, when typed under 'Other'")
    qtbot.waitUntil(lambda: wizard.mapping_page.preview_view.model().rowCount() > 0)
    assert _problems(wizard) == []


def test_a_polish_excel_csv_imports_as_written_and_says_its_code_page(wizard, qtbot, tmp_path):
    comment = "Łukasz z działu IT odpowiada zbyt późno; źle się współpracuje"
    path = tmp_path / "pulse.csv"
    text = (
        "Zespół,Submitted,IT replies in time,What one thing would make working with IT better?\r\n"
        f'Sales,2025-12-01,Agree,"{comment}"\r\n'
        "Operations,2025-12-02,Strongly disagree,\r\n"
    )
    path.write_bytes(text.encode("cp1250"))
    _choose_file(wizard, qtbot, path)
    assert "read as CSV, comma-separated, Windows-1250" in wizard.file_page.detected.text()
    _next(wizard, qtbot)
    assert wizard.currentId() == MAPPING_PAGE
    _next(wizard, qtbot)
    result = _import(wizard, qtbot)
    assert result["ok"] and result["new"] == 2
    texts = [value for _, value in every_cell(wizard.context.path)]
    assert comment in texts


def test_a_forms_quiz_shows_its_grading_as_not_imported(wizard, qtbot, tmp_path):
    """formats9: the wizard's Columns tab says why each grading column is left out, the
    preview holds no points, and the quiz imports as the form does; who answered is in no
    table of the workspace."""
    from tests.surveys.importing.quiz_writers import QUIZ_IDENTITIES

    _choose_file(wizard, qtbot, fixture("variants") / "forms_quiz.xlsx")
    _next(wizard, qtbot)
    page = wizard.mapping_page
    model = page.columns_view.model()
    status = {model.index(r, 1).data(): model.index(r, 5).data() for r in range(model.rowCount())}
    grading = [q for q, s in status.items() if s == "quiz grading (a Microsoft Forms quiz)"]
    assert len(grading) == 33 and "Total points" in grading
    assert status["Email"] == status["Name"] == "identity: never imported"
    qtbot.waitUntil(lambda: page.preview_view.model().rowCount() > 0, timeout=20000)
    preview = page.preview_view.model()
    letters = {preview.index(r, 1).data() for r in range(preview.rowCount())}
    points = {
        model.index(r, 0).data()
        for r in range(model.rowCount())
        if str(model.index(r, 1).data()).startswith("Points - ")
    }
    assert points and not letters & points
    _next(wizard, qtbot)
    result = _import(wizard, qtbot)
    assert result["ok"] and result["new"] == 12
    twin = new_workspace(tmp_path / "twin")
    import_csv(twin, fixture("forms.tidy.csv"))
    assert content(wizard.context.path) == content(twin)
    texts = " ".join(value for _, value in every_cell(wizard.context.path))
    assert [v for v in QUIZ_IDENTITIES if v in texts] == []
