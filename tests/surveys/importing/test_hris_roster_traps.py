"""Roster exports laid out to mislead the header search and the totals detection: a
report's filter block above the header (``Department | All``), and Excel's Subtotal with
its Count function (``Sales Count``, ``Grand Count``). Neither may turn an employee's id or
name into a department (a department of one, named after a person)."""

from __future__ import annotations

from desktop_app.cli import main
from surveys.store import departments, open_workspace
from tests.surveys.importing.helpers import new_workspace


def headcounts(folder) -> dict[str, int | None]:
    db = open_workspace(folder)
    try:
        return {d.name: d.headcount for d in departments(db)}
    finally:
        db.close()


def test_a_filter_block_above_the_header_is_not_taken_for_it(tmp_path, capsys):
    """A report's parameters above the header ('Department', 'All'): that row names a
    department column, but the header is the fuller row under it. Read from the filter
    row, the employee ids of column A became departments of one."""
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "report.csv"
    path.write_text(
        "Headcount report,,,\nDepartment,All,,\nRun by,HR,,\n"
        "Employee ID,Name,Department,Status\nE1,Amara Okafor,Sales,Active\n"
        "E2,Ravi Menon,IT,Active\nE3,Paul Baker,IT,Active\n",
        encoding="utf-8",
    )
    code = main(["roster", "import", str(workspace), str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    counts = headcounts(workspace)
    assert counts["Sales"] == 1 and counts["IT"] == 2
    assert not {"E1", "E2", "E3", "Employee ID", "Run by"} & set(counts)
    assert "Header on line 4: 3 rows above it" in out


def test_a_header_given_by_name_is_still_the_fuller_row(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "report.csv"
    path.write_text(
        "Org Unit,All\nName,Org Unit,Email\nAmara Okafor,Sales,a@example.test\n",
        encoding="utf-8",
    )
    code = main(["roster", "import", str(workspace), str(path), "--department-column", "Org Unit"])
    out, err = capsys.readouterr()
    assert code == 0, err
    counts = headcounts(workspace)
    assert counts["Sales"] == 1 and "Amara Okafor" not in counts


def test_excel_subtotals_by_count_are_not_departments(tmp_path, capsys):
    """Excel's Subtotal on a list of people uses Count: 'Sales Count' and 'Grand Count'
    rows (their number in the id column) were counted as people of departments."""
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "subtotals.csv"
    path.write_text(
        "Employee ID,Name,Department\nE1,Amara Okafor,Sales\nE2,Tomas Lind,Sales\n"
        "2,,Sales Count\nE3,Paul Baker,IT\n1,,IT Count\n3,,Grand Count\n",
        encoding="utf-8",
    )
    code = main(["roster", "import", str(workspace), str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    counts = headcounts(workspace)
    assert counts["Sales"] == 2 and counts["IT"] == 1
    assert not [name for name in counts if "count" in name.casefold()]
    assert "Not read: 3 totals rows (lines 4, 6, 7)" in out


def test_a_column_of_people_named_as_the_department_column_is_refused(tmp_path, capsys):
    """Named as the department column (or chosen in Settings' preview), a column of names,
    ids, e-mails or pay made each person a department of one named after them."""
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "staff.csv"
    path.write_text(
        "Personalnummer,Name,Bereich,Gehalt\nP1,Amara Okafor,Vertrieb,87500\n"
        "P2,Ravi Menon,Vertrieb,70000\n",
        encoding="utf-8",
    )
    before = headcounts(workspace)
    for column in ("Name", "Personalnummer", "Gehalt"):
        code = main(["roster", "import", str(workspace), str(path), "--department-column", column])
        _, err = capsys.readouterr()
        assert code == 2, column
        assert f'"{column}": this column holds people' in err and "Nothing was changed." in err
        assert "Amara" not in err and "87500" not in err
    assert headcounts(workspace) == before


def test_a_headcount_table_whose_departments_are_headed_name_is_read(tmp_path, capsys):
    """'Name, Headcount' with Name named as the department column: the Name heading made
    it a file of people, each 'department' counted once (Sales: 1)."""
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "counts.csv"
    path.write_text("Name,Headcount\nSales,30\nIT,19\n", encoding="utf-8")
    code = main(["roster", "import", str(workspace), str(path), "--department-column", "Name"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert headcounts(workspace)["Sales"] == 30 and "as given" in out


def _two_sheets(path, heading: list[str], leavers: list[list[str]], current: list[list[str]]):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Leavers"
    for row in [heading, *leavers]:
        book.active.append(row)
    sheet = book.create_sheet("Current")
    for row in [heading, *current]:
        sheet.append(row)
    book.save(path)
    return path


def test_a_roster_workbook_of_two_sheets_says_which_was_read(tmp_path, capsys):
    """The first sheet (here the leavers) was read and the summary did not say so: the
    command line has no Worksheet choice to see."""
    workspace = new_workspace(tmp_path / "ws")
    path = _two_sheets(
        tmp_path / "staff.xlsx",
        ["Employee ID", "Department"],
        [["E9", "Sales"]],
        [["E1", "Sales"], ["E2", "IT"]],
    )
    code = main(["roster", "import", str(workspace), str(path), "--dry-run"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Read from worksheet 'Leavers', 1 of 2 (the worksheets are 'Leavers' (1), " in out
    assert "To read another worksheet, add --sheet NAME." in out
    main(["roster", "import", str(workspace), str(path), "--sheet", "Current"])
    out, _ = capsys.readouterr()
    assert "worksheet 'Current', 2 of 2 (as chosen)" in out and "add --sheet" not in out
    assert headcounts(workspace)["IT"] == 1


def test_a_name_list_workbook_of_two_sheets_says_which_was_read(tmp_path, capsys):
    """Names read from the wrong sheet are names never redacted."""
    workspace = new_workspace(tmp_path / "ws")
    path = _two_sheets(
        tmp_path / "names.xlsx",
        ["First name", "Last name"],
        [["Old", "Person"]],
        [["Amara", "Okafor"], ["Ravi", "Menon"]],
    )
    code = main(["names", "import", str(workspace), str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Stored 1 name" in out and "Read from worksheet 'Leavers', 1 of 2" in out
    assert "To read another worksheet, add --sheet NAME." in out


def test_a_headcount_list_without_a_header_is_refused_not_read_from_a_department_row(
    tmp_path, capsys
):
    """Without a header row, the department 'Service' (a department column's name) was
    taken for the header: the row above it was dropped as a title and the rows under it
    counted as one person each (IT: 1, Finance: 1)."""
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "counts.csv"
    path.write_text("Sales,30\nService,12\nIT,19\nFinance,8\n", encoding="utf-8")
    before = headcounts(workspace)
    code = main(["roster", "import", str(workspace), str(path)])
    _, err = capsys.readouterr()
    assert code == 2
    assert "no department column found" in err and "Nothing was changed." in err
    assert "has no header row, add one above it: Department, Headcount" in err
    assert headcounts(workspace) == before


def test_a_pivot_table_with_years_across_still_finds_its_header(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "pivot.csv"
    path.write_text(
        "Count of Employee ID,,\nRow Labels,2026,Grand Total\nSales,30,30\nIT,19,19\n",
        encoding="utf-8",
    )
    code = main(["roster", "import", str(workspace), str(path), "--headcount-column", "2026"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert headcounts(workspace)["Sales"] == 30


def test_headcounts_written_with_a_decimal_comma_are_read_as_written(tmp_path, capsys):
    """A German export (semicolons, decimal commas): '12,5' FTE became 125 and '3,0'
    became 30, silently; '1.000' (one thousand) became 1."""
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "abteilungen.csv"
    path.write_text("Abteilung;FTE\nVertrieb;3,0\nIT;1.000\n", encoding="utf-8")
    code = main(["roster", "import", str(workspace), str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert headcounts(workspace)["Vertrieb"] == 3 and headcounts(workspace)["IT"] == 1000
    path.write_text("Abteilung;FTE\nVertrieb;12,5\n", encoding="utf-8")
    code = main(["roster", "import", str(workspace), str(path)])
    _, err = capsys.readouterr()
    assert code == 2 and "'12,5' is not a headcount; write a whole number of people" in err


def test_a_headcount_that_reads_two_ways_is_refused(tmp_path, capsys):
    """'1,000' in a tab-separated file or a workbook's text cell is one thousand in
    English and one in German: refused, not guessed."""
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "counts.tsv"
    path.write_text("Department\tHeadcount\nSales\t1,000\nIT\t1,250,000\n", encoding="utf-8")
    before = headcounts(workspace)
    code = main(["roster", "import", str(workspace), str(path)])
    _, err = capsys.readouterr()
    assert code == 2
    assert "'1,000' reads as 1,000 or as 1 (a thousands separator or a decimal one)" in err
    assert "IT" not in err  # 1,250,000 reads one way
    assert headcounts(workspace) == before
    path = tmp_path / "counts.csv"
    path.write_text('Department,Headcount\nSales,"1,000"\n', encoding="utf-8")
    code = main(["roster", "import", str(workspace), str(path)])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert headcounts(workspace)["Sales"] == 1000  # a comma-separated file: English


def test_a_headcount_table_with_an_unknown_count_heading_is_not_counted_as_people(tmp_path, capsys):
    """'Team, Employees' (the shape roster import's own documentation names) and a pivot
    table with years across were read as one row per person: every department set to 1."""
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "teams.csv"
    path.write_text("Team,Employees\nSales,30\nIT,19\n", encoding="utf-8")
    code = main(["roster", "import", str(workspace), str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert headcounts(workspace)["Sales"] == 30 and "as given" in out
    path = tmp_path / "pivot.csv"
    path.write_text(
        "Count of Employee ID,Column Labels,,\nRow Labels,2025,2026,Grand Total\n"
        "Sales,28,30,58\nIT,17,19,36\nGrand Total,45,49,94\n",
        encoding="utf-8",
    )
    before = headcounts(workspace)
    code = main(["roster", "import", str(workspace), str(path)])
    _, err = capsys.readouterr()
    assert code == 2
    assert 'column B "2025": this column holds a whole number on every row, and each' in err
    assert "rename it 'Headcount' in the file (or name it with --headcount-column" in err
    assert headcounts(workspace) == before


def test_people_who_share_a_mailbox_are_told_apart_by_their_names(tmp_path, capsys):
    """Staff without an address of their own share a team mailbox: told apart by e-mail
    alone, three warehouse workers counted as one (Operations: 1), and one in another
    department was refused as 'the same person'."""
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "staff.csv"
    path.write_text(
        "Name,Email,Department\nAmara Okafor,warehouse@acme.test,Operations\n"
        "Ravi Menon,warehouse@acme.test,Operations\nPaul Baker,warehouse@acme.test,Sales\n"
        "Amara Okafor,warehouse@acme.test,Operations\n",
        encoding="utf-8",
    )
    code = main(["roster", "import", str(workspace), str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    counts = headcounts(workspace)
    assert counts["Operations"] == 2 and counts["Sales"] == 1
    assert 'Counted once: 1 person listed again (the same "Email")' in out


def test_subtotals_written_total_first_are_not_departments(tmp_path, capsys):
    """'Total Sales' and 'Total for IT' under their rows became departments (of 30 and
    19 people); a department that only starts with the word ('Total Rewards') stays."""
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "counts.csv"
    path.write_text(
        "Department,Headcount\nSales,30\nTotal Sales,30\nIT,19\nTotal for IT,19\nTotal Rewards,4\n",
        encoding="utf-8",
    )
    code = main(["roster", "import", str(workspace), str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    counts = headcounts(workspace)
    assert counts["Total Rewards"] == 4 and counts["Sales"] == 30
    assert "Total Sales" not in counts and "Total for IT" not in counts
    assert "Not read: 2 totals rows (lines 3, 5)" in out


def test_a_headcount_table_with_years_across_keeps_its_header(tmp_path, capsys):
    """'Department, 2025, 2026': one word beside numbers, but a heading only."""
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "years.csv"
    path.write_text("Department,2025,2026\nSales,28,30\nIT,17,19\n", encoding="utf-8")
    code = main(["roster", "import", str(workspace), str(path), "--headcount-column", "2026"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert headcounts(workspace)["Sales"] == 30


def test_cost_centres_holding_the_workspaces_names_are_said(tmp_path, capsys):
    """A report read from its cost centre ("CC1001 Sales") added a second Sales beside the
    workspace's, its people counted apart, with only "(new department)" to show it."""
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "workday.csv"
    path.write_text(
        "Employee ID,Worker,Cost Center,Annual Salary\nE1,Ana Lima,CC1001 Sales,52000\n"
        "E2,Ben Ode,CC1001 Sales,48000\nE3,Cy Park,CC2002 IT,61000\nE4,Di Ray,Audit,50000\n",
        encoding="utf-8",
    )
    code = main(["roster", "import", str(workspace), str(path), "--dry-run"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert (
        "New departments that hold the name of one the workspace has ('CC1001 Sales' holds "
        "'Sales' and 1 more): each would be added beside it" in out
    )
    assert "Ana Lima" not in out and "52000" not in out
    same = tmp_path / "teams.csv"  # Sales is in the file too: "Sales Ops" is another team
    same.write_text("Department,Headcount\nSales,4\nSales Ops,3\nIT,2\n", encoding="utf-8")
    code = main(["roster", "import", str(workspace), str(same), "--dry-run"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "hold the name of one" not in out
