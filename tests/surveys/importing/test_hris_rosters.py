"""Rosters and name lists from the employee reports of Workday, BambooHR, HiBob, Personio,
SAP SuccessFactors and ADP, with the quirks real exports have (a title above the header,
merged group headings, a summary sheet in front, a second header row of labels, totals
rows, leavers, one person on two rows), read through the commands as HR runs them.
Nothing but the departments and headcounts (and a file's accounts) may reach the workspace."""

from __future__ import annotations

import pytest

from desktop_app.cli import main
from surveys.store import database_path, departments, open_workspace
from tests.surveys.importing import hris_writers as hris
from tests.surveys.importing.helpers import every_cell, new_workspace


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([*map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def headcounts(folder) -> dict[str, int | None]:
    db = open_workspace(folder)
    try:
        return {d.name: d.headcount for d in departments(db)}
    finally:
        db.close()


def assert_nothing_personal(folder) -> None:
    cells = " ".join(value for _, value in every_cell(folder)).casefold()
    raw = database_path(folder).read_bytes()
    for secret in hris.SECRETS:
        assert secret.casefold() not in cells, secret
        assert secret.encode() not in raw, secret


@pytest.mark.parametrize(
    ("writer", "extra", "expected", "notes"),
    [
        # Cost Center - Name before Supervisory Organization (named after its manager);
        # E1001 twice counted once; the terminated worker and the title rows left out.
        (hris.workday, [], {"Sales": 3, "IT": 2}, ["Header on line 4", "Counted once: 1",
                                                   "Not counted: 1", "Supervisory Organization"]),
        (hris.bamboohr, [], {"Sales": 2, "IT": 1, "Marketing": 1},
         ["Not counted: 1", '"Division"']),
        # The summary sheet in front is passed over; On leave counts.
        (hris.hibob, [], {"Sales": 2, "IT": 1}, ["Not counted: 1"]),
        # onboarding and leave count, inactive does not; Department before Team.
        (hris.personio, [], {"Sales": 3, "IT": 1}, ["Not counted: 1", '"Team"']),
        (hris.successfactors, [], {"Sales": 1, "IT": 1, "Marketing": 1},
         ["Line 2 repeats the header", "Not counted: 1"]),
        # Windows-1252, titles above, Leave counts, the total line is no department.
        (hris.adp, [], {"Sales": 2, "IT": 1, "Café Operations": 1}, ["Header on line 4",
                                                                      "Not counted: 1"]),
    ],
)  # fmt: skip
def test_an_hris_export_imports_right(tmp_path, capsys, writer, extra, expected, notes):
    workspace = new_workspace(tmp_path / "ws")
    path = writer(tmp_path)
    code, out, err = run(capsys, "roster", "import", workspace, path, *extra)
    assert code == 0, err
    counts = headcounts(workspace)
    assert {name: counts[name] for name in expected} == expected
    for note in notes:
        assert note in out, out
    if '"' in notes[-1]:  # another department column was found: the way to choose it
        assert "add --department-column NAME." in out
    assert_nothing_personal(workspace)


def test_excel_subtotals_and_a_grand_total_are_not_departments(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, "roster", "import", workspace, hris.subtotals(tmp_path))
    assert code == 0, err
    counts = headcounts(workspace)
    assert counts["Sales"] == 30 and counts["IT"] == 19
    assert not [name for name in counts if "total" in name.casefold()]
    assert "Not read: 3 totals rows (lines 4, 6, 7)" in out


def test_one_person_in_two_departments_is_refused_and_nothing_changes(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "two.csv"
    path.write_text(
        "Employee ID,Name,Department,Status\nE1,Amara Okafor,Sales,Active\n"
        "E2,Ravi Menon,IT,Active\nE1,Amara Okafor,Marketing,Active\n",
        encoding="utf-8",
    )
    before = headcounts(workspace)
    code, _, err = run(capsys, "roster", "import", workspace, path)
    assert code == 2
    assert 'two.csv:4: column C "Department": the same person as on line 2 (the same ' in err
    assert "another department (Sales, then Marketing)" in err
    assert "Amara" not in err and "E1" not in err.replace("E1,", "")
    assert "Nothing was changed." in err
    assert headcounts(workspace) == before


def test_an_unknown_status_is_refused_with_its_lines(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "status.csv"
    path.write_text(
        "Name,Department,Employment Status\nA B,Sales,Active\nC D,Sales,Secondment\n"
        "E F,IT,\nG H,IT,Secondment\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "roster", "import", workspace, path)
    assert code == 2
    assert (
        "status.csv:3: column C \"Employment Status\": the status 'Secondment' is not "
        "known (lines 3, 5)" in err
    )
    assert 'status.csv:4: column C "Employment Status": the status is empty (line 4)' in err
    assert headcounts(workspace)["Sales"] is None


def test_a_per_employee_fte_column_is_not_read_as_department_headcounts(tmp_path, capsys):
    """Workday and BambooHR reports carry each employee's FTE: such a file is one row per
    person (it was read as one row per department: 'Sales is listed twice')."""
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "fte.csv"
    path.write_text(
        "Employee ID,Department,FTE\nE1,Sales,1.0\nE2,Sales,0.5\nE3,IT,1.0\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "roster", "import", workspace, path)
    assert code == 0, err
    assert headcounts(workspace)["Sales"] == 2
    assert "counted from one row per employee" in out


def test_a_workbook_without_a_department_column_names_its_sheets(tmp_path, capsys):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Export info"
    book.active.append(["Prepared by", "HR"])
    book.active.append(["Date", "2026-11-30"])
    book.create_sheet("Staff").append(["Name", "Department"])
    path = tmp_path / "staff.xlsx"
    book.save(path)
    code, _, err = run(capsys, "roster", "import", new_workspace(tmp_path / "ws"), path)
    assert code == 2
    assert "the worksheets are 'Export info' (1), 'Staff' (2): name another with --sheet" in err


@pytest.mark.parametrize(
    ("writer", "people"),
    [
        (hris.workday, 6),  # E1001 twice: one person
        (hris.bamboohr, 5),
        (hris.hibob, 4),
        (hris.personio, 5),
        (hris.successfactors, 4),  # the label row is no person
        (hris.adp, 5),  # the titles and the total line are no people
    ],
)
def test_a_name_list_from_an_hris_export_holds_its_people_and_nothing_else(
    tmp_path, capsys, writer, people
):
    from surveys.importing.names import stored_names

    workspace = new_workspace(tmp_path / "ws")
    code, _, err = run(capsys, "names", "import", workspace, writer(tmp_path))
    assert code == 0, err
    db = open_workspace(workspace)
    try:
        names = stored_names(db)
    finally:
        db.close()
    assert len(names) == people, names
    assert "amara okafor" in names
    assert not [n for n in names if "name" in n or "total" in n or "roster" in n], names


def test_a_department_merged_down_over_its_people_is_refused_not_undercounted(tmp_path, capsys):
    """A formatted report merges each department's cell over its people's rows: the rows
    under the first were counted in no department, silently (Sales 1 instead of 3)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Department", "Employee", "Email"])
    for name in ("Amara Okafor", "Tomas Lindqvist", "Ngozi Eze"):
        sheet.append(["Sales" if name.startswith("Amara") else None, name, f"{name[:4]}@x.test"])
    sheet.append(["IT", "Ravi Menon", "ravi@x.test"])
    sheet.merge_cells("A2:A4")
    sheet.append([None, "Total: 4"])
    path = tmp_path / "merged.xlsx"
    book.save(path)
    workspace = new_workspace(tmp_path / "ws")
    before = headcounts(workspace)
    code, _, err = run(capsys, "roster", "import", workspace, path)
    assert code == 2
    assert (
        'merged.xlsx:3: column A "Department": the department is empty (lines 3, 4), so '
        "these 2 people would not be counted. A department cell merged down" in err
    )
    assert "Tomas" not in err
    assert headcounts(workspace) == before


def test_leavers_hidden_by_an_excel_filter_are_refused_as_hidden_rows(tmp_path, capsys):
    """HR filters the terminated out in Excel: the hidden rows are refused with their
    numbers, so what is counted is what HR sees (or HR deletes them)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Employee ID", "Department", "Status"])
    sheet.append(["E1", "Sales", "Active"])
    sheet.append(["E2", "Sales", "Terminated"])
    sheet.row_dimensions[3].hidden = True
    path = tmp_path / "filtered.xlsx"
    book.save(path)
    code, _, err = run(capsys, "roster", "import", new_workspace(tmp_path / "ws"), path)
    assert code == 2
    assert "3" in err and "hidden" in err


def test_headcounts_and_accounts_are_written_together_or_not_at_all(tmp_path, monkeypatch):
    """The headcounts were committed before the accounts were written: a failure there
    (a full disk, a share gone) left the new headcounts with the old accounts."""
    from surveys.importing import import_roster
    from surveys.importing import roster as roster_module

    def failing(db, accounts):
        raise OSError("disk I/O error")

    monkeypatch.setattr(roster_module, "_write_accounts", failing)
    workspace = new_workspace(tmp_path / "ws")
    before = headcounts(workspace)
    with pytest.raises(OSError):
        import_roster(workspace, hris.successfactors(tmp_path))
    assert headcounts(workspace) == before


def test_an_excel_pivot_table_of_headcounts_is_read(tmp_path, capsys):
    """HR's headcount is often a pivot table copied out of Excel: 'Row Labels', 'Count of
    Employee ID', a '(blank)' row and 'Grand Total' (it was refused: no department column)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Count of Employee ID", None])
    sheet.append(["Row Labels", "Count of Employee ID"])
    sheet.append(["IT", 19])
    sheet.append(["Sales", 41])
    sheet.append(["Grand Total", 60])
    path = tmp_path / "pivot.xlsx"
    book.save(path)
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, "roster", "import", workspace, path)
    assert code == 0, err
    assert headcounts(workspace)["Sales"] == 41 and "Grand Total" not in headcounts(workspace)
    sheet.append(["(blank)", 2])
    book.save(path)
    code, _, err = run(capsys, "roster", "import", workspace, path)
    assert code == 2
    assert 'pivot.xlsx:6: column A "Row Labels": the department is empty' in err


def test_supervisory_organisations_named_after_managers_are_pointed_out(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    path = hris.workday(tmp_path)
    code, out, err = run(
        capsys, "roster", "import", workspace, path, "--department-column",
        "Supervisory Organization", "--dry-run",
    )  # fmt: skip
    assert code == 0, err
    assert (
        "Most department names end in brackets ('Sales (Ngozi Eze)'): if the brackets "
        "hold a manager's name" in out
    )
    code, out, _ = run(capsys, "roster", "import", workspace, path, "--dry-run")
    assert "end in brackets" not in out  # Cost Center - Name: plain names
