"""An HR system's employee report picked in the response import (formats9).

HR keeps the Workday or Personio report beside the survey exports and may pick it in
`rapport import` or File > Import responses... where Settings' Import roster was meant. It
was read as a wide table whose salary and status columns were lines to check ("no
department named in the question"); it is refused at its header, naming the roster import.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.desktop_app.import_variant_helpers import run
from tests.desktop_app.import_wizard_fixture import shown_wizard  # noqa: F401 - "wizard"
from tests.desktop_app.test_import_wizard_read_choices import _rows_shown
from tests.surveys.importing.helpers import content, new_workspace
from tests.surveys.importing.test_hris_languages import FRENCH, GERMAN, SECRETS

WORKDAY = (
    "Employee ID,Worker,Email - Primary Work,Cost Center - Name,Worker Status,Annual Salary\n"
    "E1,Claire Martin,claire.martin@example.test,Sales,Active,41000\n"
    "E2,Hugo Bernard,hugo.bernard@example.test,IT,Terminated,39000\n"
)


@pytest.mark.parametrize(
    ("text", "encoding", "columns"),
    [
        (WORKDAY, "utf-8", '"Employee ID", "Cost Center - Name", "Worker Status"'),
        (FRENCH, "cp1252", '"Matricule", "Service", "Statut"'),
        (GERMAN, "utf-8-sig", '"ID", "Abteilung", "Beschäftigungsstatus"'),
    ],
)
def test_an_employee_report_is_refused_naming_the_roster_import(
    tmp_path, capsys, text, encoding, columns
):
    path = tmp_path / "report.csv"
    path.write_bytes(text.encode(encoding))
    workspace = new_workspace(tmp_path / "ws")
    for args in ((workspace, path), ("--suggest-mapping", path)):
        code, out, err = run(capsys, *args)
        assert code == 2 and out == ""
        assert (
            f"report.csv:1: this looks like an employee report of an HR system (columns {columns})"
            in err
        )
        assert "import it as a roster: rapport roster import WORKSPACE FILE" in err
        assert [s for s in SECRETS if s in err] == [] and "Claire" not in err
    assert content(workspace) == []


def test_a_survey_sheet_with_names_and_a_team_is_read(tmp_path, capsys):
    """A hand-made sheet naming who answered, with their team, is still responses: no
    employment status or pay column."""
    path = tmp_path / "sheet.csv"
    path.write_text(
        "Employee ID,Team,How timely is IT?\nE1,Sales,Good\nE2,Marketing,Fair\n", encoding="utf-8"
    )
    code, suggested, err = run(capsys, "--suggest-mapping", path)
    assert code == 0, err
    assert "column: Team" in suggested


def test_the_wizard_says_so_without_an_encoding_choice(wizard, qtbot, tmp_path):
    path = tmp_path / "workday.csv"
    path.write_text(WORKDAY, encoding="utf-8")
    page = wizard.file_page
    page.file.setFocus()
    qtbot.keyClicks(page.file, str(path))
    qtbot.keyClick(page.file, Qt.Key_Return)
    qtbot.waitUntil(lambda: "employee report" in page.detected.text(), timeout=20000)
    qtbot.wait(200)
    assert "Settings, Import roster" in page.detected.text()
    assert _rows_shown(wizard) == (False, False) and wizard.prepared is None


def test_a_survey_sheet_with_a_response_status_is_read(tmp_path, capsys):
    """review60: a hand-made survey sheet with the respondent's id, department and the
    response's status (``Complete``) beside short ratings was refused as an employee
    report; its status holds no employment status."""
    path = tmp_path / "pulse.csv"
    path.write_text(
        "Employee ID,Department,Status,IT support,Sales handoffs\n"
        "E1001,Sales,Complete,4,3\nE1002,Marketing,Complete,2,4\nE1003,IT,Partial,3,\n",
        encoding="utf-8",
    )
    code, suggested, err = run(capsys, "--suggest-mapping", path)
    assert code == 0 and "employee report" not in err
    assert "Employee ID: identity (personal id)" in suggested
    assert "IT support" in suggested and "Sales handoffs" in suggested


def test_ratings_under_a_status_heading_are_no_employment_status(tmp_path, capsys):
    """A department named "Statut" rated 1 to 5 beside the respondent's e-mail: "1" is a
    status word (yes), "4" is not, so the column holds answers."""
    path = tmp_path / "pulse.csv"
    path.write_text(
        "Email,Department,Statut,IT\nana@example.test,Sales,1,4\nben@example.test,IT,4,2\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--suggest-mapping", path)
    assert code == 0 and "employee report" not in err
