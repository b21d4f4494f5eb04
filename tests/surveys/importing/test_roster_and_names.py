"""Rosters set departments and headcounts; name lists fill redaction with normalised names."""

from __future__ import annotations

import pytest

from surveys.importing import ImportProblems, import_names, import_roster
from surveys.importing.names import SETTING, split_name, stored_names, stored_people
from surveys.store import departments, open_workspace
from tests.surveys.csv_helpers import snapshot
from tests.surveys.importing.fixture_people import write_xlsx
from tests.surveys.importing.helpers import every_cell, new_workspace


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _headcounts(folder):
    db = open_workspace(folder)
    try:
        return {d.name: d.headcount for d in departments(db)}
    finally:
        db.close()


def test_a_roster_with_headcounts_sets_them_and_adds_new_departments(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    path = _write(tmp_path, "roster.csv", "Department;Headcount\nsales;42\nIT ;19\nFinance;8\n")
    report = import_roster(workspace, path)
    assert _headcounts(workspace) == {
        "Sales": 42,
        "IT": 19,
        "Marketing": None,
        "Operations": None,
        "Finance": 8,
    }
    assert report.added == ("Finance",)
    assert report.not_in_file == ("Marketing", "Operations")
    assert "Finance: 8 (new department)" in report.summary()


def test_a_roster_of_employees_is_counted_and_keeps_no_names(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    rows = [["Employee", "Email", "Team"]]
    rows += [
        [f"Person {i}", f"p{i}@corp.example", team]
        for i, team in enumerate(["Sales"] * 5 + ["Operations"] * 3 + ["IT"] * 2)
    ]
    path = tmp_path / "hr.xlsx"
    write_xlsx(path, rows)
    report = import_roster(workspace, path)
    assert report.shape == "employees"
    assert _headcounts(workspace)["Sales"] == 5
    assert _headcounts(workspace)["Operations"] == 3
    assert not [v for _, v in every_cell(workspace) if "corp.example" in v or "Person " in v]


def test_a_dry_run_changes_nothing(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    path = _write(tmp_path, "roster.csv", "Unit,FTE\nSales,40\nLab,12\n")
    report = import_roster(workspace, path, dry_run=True)
    assert report.headcounts == {"Sales": 40, "Lab": 12}
    assert report.summary().startswith("Would set 2 headcounts")
    assert snapshot(workspace) == before


def test_roster_problems_name_the_row_and_column_and_change_nothing(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    path = _write(tmp_path, "roster.csv", "Team,Headcount\nSales,forty\nIT,3\nIT,4\n,5\n")
    with pytest.raises(ImportProblems) as caught:
        import_roster(workspace, path)
    assert caught.value.lines() == [
        f"{path}:2: column B \"Headcount\": 'forty' is not a headcount; write a whole number "
        "of people",
        f'{path}:4: column A "Team": IT is listed twice; keep one row for it',
        f'{path}:5: column A "Team": the department is empty; fill it in or remove the row',
        "Nothing was changed.",
    ]
    assert snapshot(workspace) == before


def test_a_headcount_beyond_any_department_or_not_a_number_is_refused_not_a_traceback(
    tmp_path,
):
    """A 20-digit headcount stopped the import with an OverflowError (SQLite stores no such
    integer), and "12²" (a digit to ``isdigit``, not to ``int``) with a ValueError."""
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    cells = "Team,Headcount\nSales,99999999999999999999\nIT,12²\nMarketing,10000001\n"
    path = _write(tmp_path, "roster.csv", cells)
    with pytest.raises(ImportProblems) as caught:
        import_roster(workspace, path)
    assert caught.value.lines() == [
        f"{path}:2: column B \"Headcount\": '99999999999999999999' is more than 10,000,000 "
        "people; check the number",
        f"{path}:3: column B \"Headcount\": '12²' is not a headcount; write a whole number "
        "of people",
        f"{path}:4: column B \"Headcount\": '10000001' is more than 10,000,000 people; check "
        "the number",
        "Nothing was changed.",
    ]
    assert snapshot(workspace) == before


def test_a_roster_without_a_department_column_says_what_it_looked_for(tmp_path):
    path = _write(tmp_path, "roster.csv", "Who,How many\nSales,4\n")
    with pytest.raises(ImportProblems, match="no department column found"):
        import_roster(new_workspace(tmp_path / "ws"), path)


@pytest.mark.parametrize(
    ("full", "expected"),
    [
        ("García, José", ("José", "García")),
        ("Dr. Ingrid van der Berg", ("Ingrid", "van der Berg")),
        ("Mary Anne Smith", ("Mary Anne", "Smith")),
        ("Kwame Mensah Jr.", ("Kwame", "Mensah")),
        ("Juan Carlos de la Cruz", ("Juan Carlos", "de la Cruz")),
        ("Cher", ("Cher", "")),
    ],
)
def test_full_names_are_split_into_given_and_family_names(full, expected):
    assert split_name(full) == expected


def test_names_are_stored_only_as_normalised_given_and_family_names(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    path = _write(
        tmp_path,
        "staff.csv",
        "Full name,Email,Employee ID\n"
        "José García,jose.garcia@corp.example,E-1001\n"
        "ＭＡＲＴＩＮ， Chloé,chloe@corp.example,E-1002\n"  # full-width capitals and comma
        "Straße Jürgen,,E-1003\n"
        "Dr. Ingrid van der Berg,ingrid@corp.example,E-1004\n",
    )
    report = import_names(workspace, path)
    db = open_workspace(workspace)
    try:
        people = stored_people(db)
        names = stored_names(db)
    finally:
        db.close()
    assert people == [
        ("chloe", "martin"),
        ("ingrid", "van der berg"),
        ("jose", "garcia"),
        ("strasse", "jurgen"),
    ]
    assert names[0] == "chloe martin"
    assert report.people == 4 and report.rows == 4
    cells = [v for _, v in every_cell(workspace)]
    assert not [v for v in cells if "corp.example" in v or "E-100" in v or "José" in v]


def test_given_and_family_name_columns_are_used_when_the_file_has_them(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    path = _write(tmp_path, "staff.csv", "Last name,First name\nNowak,Tomasz\nO'Brien,Siobhán\n")
    import_names(workspace, path)
    db = open_workspace(workspace)
    try:
        assert stored_people(db) == [("siobhan", "o'brien"), ("tomasz", "nowak")]
    finally:
        db.close()


def test_a_bare_list_of_names_keeps_its_first_line_as_a_person(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    report = import_names(workspace, _write(tmp_path, "list.txt", "Jane Doe\nBo Chan\n"))
    db = open_workspace(workspace)
    try:
        assert stored_names(db) == ["bo chan", "jane doe"]  # Jane Doe is not a header
    finally:
        db.close()
    assert "no header row" in report.summary()
    import_names(workspace, _write(tmp_path, "named.csv", "Full name\nBo Chan\n"))
    db = open_workspace(workspace)
    try:
        assert stored_names(db) == ["bo chan", "jane doe"]  # a header row is still a header
    finally:
        db.close()


def test_importing_names_again_adds_to_the_list(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    import_names(workspace, _write(tmp_path, "a.csv", "Name\nAnn Lee\nBo Chan\n"))
    report = import_names(workspace, _write(tmp_path, "b.csv", "Name\nCy Diaz\nBo Chan\n"))
    assert (report.people, report.added, report.kept) == (2, 1, 1)
    db = open_workspace(workspace)
    try:
        assert stored_names(db) == ["ann lee", "bo chan", "cy diaz"]
        assert db.execute("SELECT count(*) FROM settings WHERE key = ?", [SETTING]).fetchone()[0]
    finally:
        db.close()


def test_a_file_without_names_is_refused(tmp_path):
    path = _write(tmp_path, "x.csv", "Department,Headcount\nSales,4\n")
    with pytest.raises(ImportProblems, match="no column of names found"):
        import_names(new_workspace(tmp_path / "ws"), path)


def test_published_surveys_warn_about_typed_and_imported_names(workspace, tmp_path):
    import json

    from surveys.publish import published_path
    from surveys.store import set_setting
    from tests.surveys.transport_helpers import WAVE, publish

    db = open_workspace(workspace)
    set_setting(db, "redaction_names", ["Dana Whitfield"])
    db.close()
    import_names(workspace, _write(tmp_path, "staff.csv", "Name\nJosé García\nDana Whitfield\n"))
    share = tmp_path / "share"
    publish(workspace, share)
    data = json.loads(published_path(share, WAVE).read_text())
    assert data["redaction_names"] == ["dana whitfield", "jose garcia"]


def test_a_name_list_that_holds_a_departments_name_says_so(workspace, tmp_path):
    """A staff list with "Maria Sales" (a real surname, or a colleague's made-up row) made
    every comment's "Sales" [name] ("[name] never answers my emails."), and the import
    said nothing of it."""
    from surveys.personal_data import find_personal_data

    path = _write(tmp_path, "staff.csv", "Name\nMaria Sales\nAnna Ito\nBo Chan\n")
    report = import_names(workspace, path)
    assert report.departments == ("Sales",)
    assert "Also a name in the list: Sales. Every comment that names this" in report.summary()
    db = open_workspace(workspace)
    try:
        found = find_personal_data("Sales never answers.", stored_names(db))
    finally:
        db.close()
    assert [(f.start, f.end) for f in found] == [(0, 5)]  # what the message warns of
    again = import_names(workspace, _write(tmp_path, "more.csv", "Name\nCy Diaz\n"))
    assert again.departments == ("Sales",) and "Also a name" in again.summary()
    other = new_workspace(tmp_path / "ws2")
    assert (
        "Also a name"
        not in import_names(other, _write(tmp_path, "b.csv", "Name\nBo Chan\n")).summary()
    )
