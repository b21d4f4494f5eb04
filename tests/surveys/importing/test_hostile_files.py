"""Files built to hurt the importers: zip bombs, XML entities, endless lines, bad names.

Each is a file HR may be handed (an export from another tool, a list from a colleague).
Every one must end in one message that says what and where, change nothing, and never
hold gigabytes in memory (third hostile round, docs/qa.md).
"""

from __future__ import annotations

import tracemalloc
import zipfile
from pathlib import Path

import pytest

from surveys.importing import ImportProblems, import_names, import_roster, limits
from surveys.importing.names import SETTING
from surveys.importing.table import TableError, open_table
from surveys.store import WorkspaceError, create_workspace, get_setting, open_workspace
from tests.surveys.importing.helpers import new_workspace

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml'
        '.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<workbook {_NS} xmlns:r="{_REL}"><sheets>'
        '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    ),
}


def _workbook(
    path: Path, sheet_cells: str, shared: bytes | str | None = None, prolog: str = ""
) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f"{prolog}<worksheet {_NS}><sheetData>{sheet_cells}</sheetData></worksheet>",
        )
        empty = f'<sst {_NS} count="0" uniqueCount="0"/>'
        archive.writestr("xl/sharedStrings.xml", empty if shared is None else shared)
    return path


def _bomb(path: Path, megabytes: int) -> Path:
    """A workbook of a few KB whose one shared string unpacks to ``megabytes`` MB."""
    shared = (
        f'<sst {_NS} count="1" uniqueCount="1"><si><t>'.encode()
        + b"a" * (megabytes * 1024 * 1024)
        + b"</t></si></sst>"
    )
    header = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    return _workbook(path, header, shared)


def _roster(tmp_path: Path) -> tuple[Path, dict]:
    workspace = new_workspace(tmp_path / "ws")
    db = open_workspace(workspace)
    try:
        before = {row[0]: row[1] for row in db.execute("SELECT name, headcount FROM departments")}
    finally:
        db.close()
    return workspace, before


def test_a_zip_bomb_workbook_is_refused_before_it_is_unpacked(tmp_path):
    path = _bomb(tmp_path / "bomb.xlsx", 40)
    assert path.stat().st_size < 200_000
    with pytest.raises(TableError, match=r"bomb\.xlsx cannot be read .*would unpack to"):
        open_table(path)


def test_a_workbook_that_unpacks_past_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNPACKED", 4096)
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 400))
    path = _workbook(tmp_path / "big.xlsx", rows)
    with pytest.raises(TableError, match="more than the 4,096 Rapport reads"):
        open_table(path)


@pytest.mark.parametrize("part", ["sheet", "shared"])
def test_xml_entities_in_a_workbook_are_named_in_one_line(tmp_path, part):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )
    cell = '<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>'
    if part == "sheet":
        path = _workbook(tmp_path / "lol.xlsx", cell, prolog=laughs)
    else:
        shared = f'{laughs}<sst {_NS} count="1" uniqueCount="1"><si><t>&b;</t></si></sst>'
        path = _workbook(tmp_path / "lol.xlsx", "", shared)
    with pytest.raises(TableError) as caught:
        open_table(path)
    message = str(caught.value)
    assert "declares entities or a DTD" in message
    assert "\n" not in message and "Please see the exception" not in message


def test_an_endless_line_is_a_problem_and_never_held_whole(tmp_path):
    workspace, before = _roster(tmp_path)
    path = tmp_path / "roster.csv"
    with path.open("wb") as handle:
        handle.write(b"department,headcount\nSales,12\n")
        handle.write(b"x" * (6 * limits.MAX_LINE))
        handle.write(b"\nIT,5\n")
    tracemalloc.start()
    try:
        with pytest.raises(ImportProblems) as caught:
            import_roster(workspace, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * limits.MAX_LINE  # the old reader held the whole 96 MiB line, twice
    assert "roster.csv:3: row: the line is longer than 16 MiB" in str(caught.value)
    assert _roster_now(workspace) == before


def _roster_now(workspace: Path) -> dict:
    db = open_workspace(workspace)
    try:
        return {row[0]: row[1] for row in db.execute("SELECT name, headcount FROM departments")}
    finally:
        db.close()


def test_a_name_list_saved_by_excel_on_windows_is_read_as_written(tmp_path):
    # Windows-1252 (or Latin-1): "Müller" used to be refused; read as written it is redacted
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "names.csv"
    path.write_bytes("name\r\nAlice Smith\r\nJürgen Müller\r\n".encode("cp1252"))
    import_names(workspace, path)
    db = open_workspace(workspace)
    try:
        people = get_setting(db, SETTING, None)["people"]
    finally:
        db.close()
    assert sorted(people) == [["alice", "smith"], ["jurgen", "muller"]]


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (  # UTF-8 and Latin-1 in one file: no reading of it is right
            "name\nAlice Sm\u00eeth\n".encode() + "Jürgen Müller\n".encode("latin-1"),
            ":3: encoding",
        ),
        (  # past the first 8 KiB, which are looked at for binary data
            b"name\n" + b"Alice Smith\n" * 1000 + b"Bob\x00Jones\n",
            ":1002: column A: the name contains a control",
        ),
    ],
)
def test_a_name_that_cannot_be_read_as_written_stores_no_names(tmp_path, content, where):
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "names.csv"
    path.write_bytes(content)
    with pytest.raises(ImportProblems) as caught:
        import_names(workspace, path)
    assert where in str(caught.value)
    assert "Nothing was changed." in str(caught.value)
    db = open_workspace(workspace)
    try:  # before: "j\ufffdrgen m\ufffdller" stored, so Müller was never redacted
        assert get_setting(db, SETTING, None) is None
    finally:
        db.close()


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("Research and Development " * 5, "longer than 100 characters"),
        ("\u202eSales", "contains a direction control"),
        # Sixth hostile round: a second "Sales" (a zero-width space, a soft hyphen, a
        # variation selector inside) was a department of its own that looked like the
        # first on every screen, list and slide; a Hangul filler was one that showed as
        # nothing.
        ("Sa\u200bles", "contains an invisible character"),
        ("Sa\u00adles", "contains an invisible character"),
        ("Sales\ufe0f", "contains an invisible character"),
        ("\u3164", "contains an invisible character"),
    ],
)
def test_a_department_whose_answers_would_all_be_set_aside_is_not_made(tmp_path, name, problem):
    # Before: a roster (or `rapport init`) took a 124-character department; it was
    # published, and ingest then quarantined every answer from it or about it for good
    # ("the department is longer than 100 characters").
    workspace, before = _roster(tmp_path)
    path = tmp_path / "roster.csv"
    path.write_text(f'department,headcount\nSales,5\n"{name.strip()}",9\n', encoding="utf-8")
    with pytest.raises(ImportProblems, match=rf"roster\.csv:3: column A .*{problem}"):
        import_roster(workspace, path)
    assert _roster_now(workspace) == before
    with pytest.raises(WorkspaceError, match=problem):
        create_workspace(tmp_path / "other", ["Sales", name.strip()])
    assert not (tmp_path / "other" / "rapport.db").exists()


def test_hr_cannot_type_a_department_that_shows_reversed(tmp_path):
    from surveys.departments import add_department, rename_department
    from surveys.errors import SettingsError

    db = open_workspace(new_workspace(tmp_path / "ws"))
    try:
        with pytest.raises(SettingsError, match="direction control"):
            add_department(db, "\u202eHR")
        with pytest.raises(SettingsError, match="direction control"):
            rename_department(db, "Sales", "Sa\u2067les")
    finally:
        db.close()


def test_hr_cannot_type_a_department_that_looks_like_another_or_breaks_a_line(tmp_path):
    from surveys.departments import add_department, rename_department
    from surveys.errors import SettingsError

    db = open_workspace(new_workspace(tmp_path / "ws"))
    try:
        with pytest.raises(SettingsError, match="invisible character"):
            add_department(db, "I\u2060T")
        with pytest.raises(SettingsError, match="invisible character"):
            rename_department(db, "Sales", "Sa\u200cles")
        with pytest.raises(SettingsError, match="line break"):
            add_department(db, "IT\u2028Finance")
        # Joiners that shape a script are part of its words: Persian, Devanagari.
        add_department(
            db, "\u0645\u0646\u0627\u0628\u0639\u200c\u0627\u0646\u0633\u0627\u0646\u06cc"
        )
        add_department(db, "\u0915\u094d\u200d\u0937")
    finally:
        db.close()


def test_a_file_of_thousands_of_columns_is_described_in_one_short_line(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"Q{i}" for i in range(20_000)) + "\n" + "3," * 19_999 + "3\n")
    for load in (import_roster, import_names):
        with pytest.raises(ImportProblems) as caught:
            load(workspace, path)
        message = str(caught.value)
        assert "Q0, Q1, Q2" in message and "Q19 and 19,980 more" in message
        assert len(message) < 1000  # before: 137 KB naming every column


def test_a_workbook_of_charts_only_is_one_message(tmp_path):
    import openpyxl
    from openpyxl.chart import BarChart

    book = openpyxl.Workbook()
    book.create_chartsheet().add_chart(BarChart())
    book.remove(book.active)
    book.save(tmp_path / "charts.xlsx")
    with pytest.raises(TableError, match="it has no worksheet, only charts"):  # was IndexError
        open_table(tmp_path / "charts.xlsx")


def test_a_hidden_worksheet_is_never_read(tmp_path):
    import openpyxl

    # Excel opens on the visible sheet; rows planted in a hidden first sheet (made-up
    # answers beside a real one, to subtract it out of a pair's mean) were imported unseen.
    book = openpyxl.Workbook()
    planted = book.active
    planted.title = "data"
    planted.append(["department", "headcount"])
    planted.append(["Sales", 99])
    shown = book.create_sheet("Roster")
    shown.append(["department", "headcount"])
    shown.append(["Sales", 12])
    planted.sheet_state = "hidden"
    book.active = 1
    book.save(tmp_path / "two.xlsx")
    with open_table(tmp_path / "two.xlsx") as table:
        assert [cells for _, cells in table.rows()][1] == ["Sales", "12"]
        assert table.describe() == (
            "Excel workbook (worksheet 'Roster', 2 of 2; hidden sheets are not read)"
        )
    with (
        zipfile.ZipFile(tmp_path / "two.xlsx") as source,
        zipfile.ZipFile(tmp_path / "none.xlsx", "w") as target,
    ):  # Excel itself refuses to hide the last sheet; a file can still say so
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/workbook.xml":
                data = data.replace(
                    b'state="visible" r:id="rId2"', b'state="veryHidden" r:id="rId2"'
                )
            target.writestr(item, data)
    assert b"veryHidden" in zipfile.ZipFile(tmp_path / "none.xlsx").read("xl/workbook.xml")
    with pytest.raises(TableError, match="every worksheet in it is hidden"):
        open_table(tmp_path / "none.xlsx")


def test_openpyxl_parses_workbooks_with_defusedxml():
    import openpyxl

    # The entity test above depends on it; a bundle without it would expand entities.
    assert openpyxl.DEFUSEDXML


def test_hidden_rows_are_refused_not_imported_unseen(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Answers"
    sheet.append(["department", "headcount"])
    for number in range(1, 18):
        sheet.append([f"Team {number}", number])
    for row in (3, *range(6, 19)):  # made-up rows, hidden by Hide or a filter
        sheet.row_dimensions[row].hidden = True
    sheet.row_dimensions[4].height = 1  # or squeezed to nothing
    book.save(tmp_path / "hidden.xlsx")
    with pytest.raises(TableError) as caught:  # before: all 17 rows were read
        open_table(tmp_path / "hidden.xlsx")
    message = str(caught.value)
    assert "rows 3, 4, 6, 7, 8, 9, 10, 11, 12, 13 and 5 more of worksheet 'Answers'" in message
    assert "are hidden in Excel" in message and "Unhide every row" in message
    for row in range(1, 19):
        sheet.row_dimensions[row].hidden = False
        sheet.row_dimensions[row].height = None
    book.save(tmp_path / "shown.xlsx")
    with open_table(tmp_path / "shown.xlsx") as table:
        assert len(list(table.rows())) == 18


def test_hidden_columns_are_refused_not_imported_unseen(tmp_path):
    """Sixth hostile round: a column hidden by Hide (or squeezed to no width) was read,
    so a response export checked in Excel brought in answers nobody saw there."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Answers"
    sheet.append(["department", "headcount", "planted", "spacer", "squeezed"])
    sheet.append(["Sales", 12, 99, None, 5])
    sheet.append(["IT", 7, 98, None, None])
    sheet.column_dimensions["C"].hidden = True
    sheet.column_dimensions["D"].hidden = True  # hidden, but its cells below are empty...
    sheet.column_dimensions["E"].width = 0.1
    book.save(tmp_path / "columns.xlsx")
    with pytest.raises(TableError) as caught:  # before: every column was read
        open_table(tmp_path / "columns.xlsx")
    message = str(caught.value)
    # ...yet its header is a value: a hidden column is refused whatever it holds.
    assert "columns C, D, E of worksheet 'Answers' are hidden in Excel" in message
    assert "Unhide every column" in message
    for letter in "CDE":
        sheet.column_dimensions[letter].hidden = False
        sheet.column_dimensions[letter].width = 12
    book.save(tmp_path / "shown.xlsx")
    with open_table(tmp_path / "shown.xlsx") as table:
        assert [cells for _, cells in table.rows()][1] == ["Sales", "12", "99", "", "5"]


def test_a_hidden_empty_column_is_no_reason_to_refuse(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["department", "headcount"])
    sheet.append(["Sales", 12])
    for letter in ("C", "D", "XFD"):  # tidied away, nothing in them
        sheet.column_dimensions[letter].hidden = True
    book.save(tmp_path / "tidy.xlsx")
    with open_table(tmp_path / "tidy.xlsx") as table:
        assert [cells for _, cells in table.rows()] == [
            ["department", "headcount"],
            ["Sales", "12"],
        ]


def test_hidden_rows_without_a_value_are_no_reason_to_refuse(tmp_path):
    # A spacer row, or the unused rows below the data hidden to tidy the sheet: they hold
    # no answer (before: "rows 3, 20, 21... are hidden", and the file was refused).
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["department", "headcount"])
    sheet.append(["Sales", 12])
    sheet.append([])
    sheet.append(["IT", 7])
    for row in (3, *range(20, 40)):
        sheet.row_dimensions[row].hidden = True
    book.save(tmp_path / "tidy.xlsx")
    with open_table(tmp_path / "tidy.xlsx") as table:
        assert [cells for _, cells in table.rows()] == [
            ["department", "headcount"],
            ["Sales", "12"],
            ["IT", "7"],
        ]
