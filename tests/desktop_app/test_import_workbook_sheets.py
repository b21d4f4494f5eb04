"""Workbooks whose answers are not on the first sheet: a "Read me" or a summary in front,
sheets named for their data; the import says which worksheet it read."""

from __future__ import annotations

import openpyxl
import pytest

from tests.desktop_app.import_variant_helpers import run
from tests.surveys.csv_helpers import rows
from tests.surveys.importing.helpers import new_workspace

_ANSWERS = (
    ("Team", "Submitted", "How timely is IT?", "How timely is Sales?"),
    ("Sales", "2025-12-01", "Good", None),
    ("Operations", "2025-12-02", "Poor", "Excellent"),
    ("Marketing", "2025-12-03", "Fair", "Good"),
)


def _workbook(path, first: str, fill_first, second: str, hidden: str | None = None):
    book = openpyxl.Workbook()
    front = book.active
    front.title = first
    fill_first(front)
    answers = book.create_sheet(second)
    for row in _ANSWERS:
        answers.append(row)
    if hidden:
        planted = book.create_sheet(hidden)
        planted.sheet_state = "hidden"
        for row in (*_ANSWERS, ("IT", "2025-12-04", "Poor", "Poor")):
            planted.append(row)
    book.save(path)
    return path


def _read_me(sheet) -> None:
    sheet["A1"] = "Staff pulse - December 2025"
    sheet["A3"] = "The answers are on the next sheet. Please do not edit them."


def _summary(sheet) -> None:
    for row in (("Department", "Responses", "Average"), ("Sales", 1, 4), ("IT", 0, None)):
        sheet.append(row)


@pytest.mark.parametrize(
    ("first", "fill", "second"),
    [
        ("Read me", _read_me, "Sheet2"),  # notes of one column: not the answers
        ("Summary", _summary, "Raw data"),  # a table, but named as one put in front
        ("Pivot table", _summary, "Sheet1"),
    ],
)
def test_the_answers_are_read_from_the_sheet_that_holds_them(
    tmp_path, capsys, first, fill, second
) -> None:
    path = _workbook(tmp_path / "pulse.xlsx", first, fill, second)
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path)  # the suggestion is certain
    assert code == 0, err
    assert f"read from worksheet '{second}', 2 of 2" in err
    assert "3 new responses" in out
    assert rows(workspace, "SELECT COUNT(*) FROM answers") == [(5,)]


def test_two_sheets_of_answers_read_the_first_and_say_so(tmp_path, capsys) -> None:
    def other_wave(sheet) -> None:
        for row in _ANSWERS:
            sheet.append(row)

    path = _workbook(tmp_path / "pulse.xlsx", "Wave 1", other_wave, "Wave 2")
    code, out, err = run(capsys, new_workspace(tmp_path / "ws"), path)
    assert code == 0, err
    assert "read from worksheet 'Wave 1', 1 of 2" in err


def test_a_hidden_sheet_of_answers_is_never_chosen(tmp_path, capsys) -> None:
    path = _workbook(tmp_path / "pulse.xlsx", "Read me", _read_me, "Sheet2", hidden="Data")
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path)
    assert code == 0, err
    assert "worksheet 'Sheet2', 2 of 3; hidden sheets are not read" in err
    assert "3 new responses" in out


def test_a_roster_in_front_of_another_table_is_still_the_one_read(tmp_path, capsys) -> None:
    # only sheets named as front matter, or holding no table, are passed over
    def roster(sheet) -> None:
        for row in _ANSWERS:
            sheet.append(row)

    path = _workbook(tmp_path / "pulse.xlsx", "Roster", roster, "Data")
    code, _, err = run(capsys, new_workspace(tmp_path / "ws"), path)
    assert code == 0, err
    assert "read from worksheet 'Roster', 1 of 2" in err
