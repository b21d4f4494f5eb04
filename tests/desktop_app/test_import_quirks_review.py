"""Second read of the formats8 quirks (review53): what was still read silently wrong.

- A heading with a date word that says whose or which number its column holds ("Submitted
  by" a staff number, "Ticket number (submitted)") was read as Excel serial days: 45123
  became 16 July 2023, the waves came from staff numbers and the real "Submitted on" was
  dropped as "date (not used)". "Submitted by" is who sent the response: identity, unless
  its answers are departments (a team's sheet).
- A department named inside another's name ("Sales" in "Sales Ops") was passed over
  wherever it was first written inside the longer name, so the answer "Sales Ops and
  Sales" went to Sales Ops alone, where it was a department to fill in by hand.
"""

from __future__ import annotations

from surveys.importing import suggest_mapping
from tests.desktop_app.import_variant_helpers import run
from tests.surveys.csv_helpers import rows
from tests.surveys.importing.helpers import content, new_workspace

#: Staff numbers under "Submitted by", left of the real dates (Excel serials, 1-5 Oct 2026).
STAFF_FIRST = (
    "Submitted by,Submitted on,Team,How timely is IT?\r\n"
    "45123,46296,Sales,Good\r\n"
    "45124,46297.4375,Marketing,Poor\r\n"
    "45125,46300,Operations,Fair\r\n"
)


def test_a_staff_number_under_submitted_by_is_no_date(tmp_path, capsys):
    path = tmp_path / "pulse.csv"
    path.write_text(STAFF_FIRST, encoding="utf-8")
    mapping = suggest_mapping(path, ["Sales", "IT", "Marketing", "Operations"]).mapping
    assert mapping.date_column == "Submitted on"
    assert mapping.drop["Submitted by"] == "identity (who sent it, by its values)"
    workspace = new_workspace(tmp_path / "ws")
    code, _out, err = run(capsys, workspace, path)
    assert code == 0, err
    assert {wave for (wave, _), _ in content(workspace)} == {"2026-10"}
    days = rows(workspace, "SELECT day FROM submissions ORDER BY day")
    assert days == [("2026-10-01",), ("2026-10-02",), ("2026-10-05",)]


def test_a_ticket_number_is_no_date_and_names_under_submitted_by_are_identity(tmp_path):
    path = tmp_path / "pulse.csv"
    path.write_text(
        "Ticket number (submitted),Completed by,Team,How timely is IT?\r\n"
        "45123,Jane Doe,Sales,Good\r\n45124,John Roe,Marketing,Poor\r\n",
        encoding="utf-8",
    )
    suggestion = suggest_mapping(path, ["Sales", "IT", "Marketing", "Operations"])
    assert suggestion.mapping.date_column is None
    assert "the file has no dates" in suggestion.decisions["wave"].note
    assert suggestion.mapping.drop["Completed by"] == "identity (who sent it, by its values)"


def test_a_team_named_under_completed_by_is_the_department(tmp_path):
    """A team's sheet that says who filled it in by department is not identity: the
    column is the respondent's department, as it was."""
    path = tmp_path / "pulse.csv"
    path.write_text(
        "Completed by,Date,How timely is IT?\r\nSales,2026-10-03,Good\r\n"
        "Marketing,2026-10-04,Poor\r\n",
        encoding="utf-8",
    )
    mapping = suggest_mapping(path, ["Sales", "IT", "Marketing", "Operations"]).mapping
    assert mapping.department_column == "Completed by" and "Completed by" not in mapping.drop


def test_an_answer_naming_a_department_and_one_that_holds_its_name_is_asked(tmp_path):
    path = tmp_path / "pulse.csv"
    path.write_text(
        "Date,Your department,How timely is IT?\r\n"
        "2026-10-03,Sales Ops and Sales,Good\r\n"
        "2026-10-04,SALES OPS,Poor\r\n"
        "2026-10-05,Pre-Sales,Fair\r\n",
        encoding="utf-8",
    )
    names = ["Sales", "Sales Ops", "Pre-Sales", "IT"]
    values = suggest_mapping(path, names).mapping.department_values
    assert values.get("sales ops and sales") == "?"  # two departments: HR says which
    assert values.get("sales ops", "Sales Ops") == "Sales Ops"
    assert values.get("pre-sales", "Pre-Sales") == "Pre-Sales"


#: Every day 12 or less: 3 October to 11 November read day first, March to July month first.
AMBIGUOUS = (
    "Timestamp,Your department,How timely is IT?\r\n"
    "3/10/2026 9:14:02,Sales,Good\r\n"
    "7/11/2026 8:30:55,Operations,Fair\r\n"
)


def test_the_dates_order_chosen_suggests_the_wave_again_unless_set_by_hand(tmp_path):
    path = tmp_path / "pulse.csv"
    path.write_text(AMBIGUOUS, encoding="utf-8")
    departments = ["Sales", "IT", "Marketing", "Operations"]
    suggestion = suggest_mapping(path, departments)
    assert suggestion.mapping.wave_by == "month"  # the guess: March and July, two quarters
    suggestion.set_date_format("D/M/YYYY")
    assert suggestion.mapping.wave_by == "quarter"
    assert "2026-10, 2026-11" in suggestion.decisions["wave"].note
    by_hand = suggest_mapping(path, departments)
    by_hand.set_wave(by="month")
    by_hand.set_date_format("D/M/YYYY")
    assert by_hand.mapping.wave_by == "month"  # HR's choice stays
    fixed = suggest_mapping(path, departments, wave="2026-autumn")
    fixed.set_date_format("D/M/YYYY")
    assert (fixed.mapping.wave_fixed, fixed.mapping.wave_by) == ("2026-autumn", None)
