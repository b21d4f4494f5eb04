"""Problems name their file, row and column, and nothing is imported until they are fixed."""

from __future__ import annotations

import datetime as dt

import pytest

from surveys.importing import ImportProblems, MappingError, import_file, load_mapping
from surveys.importing.mapping import parse_mapping
from tests.surveys.csv_helpers import snapshot
from tests.surveys.importing.helpers import fixture, new_workspace

GENERIC = """Respondent,Team,Submitted on,How timely is IT?,How timely is Sales?,Comments on Sales
Ann Example,Sales,01.12.2025,Good,,Fine.
Bo Example,IT,02.12.2025,,Sometimes,
Cy Example,Finance,03.12.2025,Poor,Fair,
Di Example,Operations,04.12.2025,Excellent,Very good,
"""
MAPPING = """format: rapport-import-1
layout: wide
department:
  column: Team
date:
  column: Submitted on
  format: D.M.YYYY
wave:
  by: month
scales:
  quality: {poor: 1, fair: 2, good: 3, very good: 4, excellent: 5}
columns:
  How timely is IT?: {target: IT, item: timely, scale: quality}
  How timely is Sales?: {target: Sales, item: timely, scale: quality}
  Comments on Sales: {target: Sales, item: comment}
"""


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(workspace, data, mapping_text, tmp_path) -> list[str]:
    mapping = parse_mapping(mapping_text, "map.yaml")
    before = snapshot(workspace)
    with pytest.raises(ImportProblems) as caught:
        import_file(workspace, data, mapping)
    assert snapshot(workspace) == before  # nothing was written
    lines = caught.value.lines()
    assert lines[-1] == "Nothing was imported."
    return lines[:-1]


def test_bad_cells_are_named_by_row_and_column(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    data = _write(tmp_path, "sheet.csv", GENERIC)
    lines = _problems(workspace, data, MAPPING, tmp_path)
    assert lines == [
        f"{data}:3: column E \"How timely is Sales?\": unknown answer 'Sometimes' for scale "
        "quality (it knows 'poor', 'fair', 'good', 'very good', 'excellent'). Add it to "
        "scales: quality: in the mapping with a value, or with skip",
        f"{data}:4: column B \"Team\": department 'Finance' is not in the workspace (Sales, "
        "IT, Marketing, Operations). Map it under department: values: in the mapping, or add "
        "the department to the workspace",
    ]


def test_unmapped_columns_and_missing_columns_are_reported(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    data = _write(tmp_path, "sheet.csv", GENERIC.replace("Comments on Sales", "Notes"))
    lines = _problems(workspace, data, MAPPING, tmp_path)
    assert (
        f'{data}:1: column F "Notes": is not in the mapping. Map it under columns, or '
        "list it under drop if it holds nothing to import" in lines
    )
    assert any(
        line.startswith(
            "map.yaml:15: columns.Comments on Sales: column 'Comments on Sales' is not in sheet.csv"
        )
        for line in lines
    )


def test_a_target_the_workspace_lacks_points_into_the_mapping(tmp_path):
    workspace = new_workspace(tmp_path / "ws", ["Sales", "Operations"])
    data = _write(tmp_path, "sheet.csv", GENERIC)
    lines = _problems(workspace, data, MAPPING, tmp_path)
    assert lines[0].startswith(
        "map.yaml:13: columns.How timely is IT?.target: department 'IT' is not in the "
        "workspace (Sales, Operations)"
    )


def test_identity_columns_cannot_be_imported_as_answers(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    data = _write(tmp_path, "sheet.csv", GENERIC)
    text = MAPPING + "  Respondent: {target: IT, item: comment}\n"
    lines = _problems(workspace, data, text, tmp_path)
    assert any("column 'Respondent' holds name, which identifies people" in ln for ln in lines)


def test_a_date_in_another_format_is_reported(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    data = _write(tmp_path, "sheet.csv", GENERIC.replace("02.12.2025", "02/12/2025"))
    lines = _problems(workspace, data, MAPPING.replace("Finance", "Sales"), tmp_path)
    assert (
        f"{data}:3: column C \"Submitted on\": the date '02/12/2025' is not a date in the "
        "format D.M.YYYY. Fix the cell, or the date format in the mapping" in lines
    )


def test_an_iso_date_or_excel_serial_is_read_whatever_the_format(tmp_path):
    # Neither can be misread: a workbook's date cells, or a date cell shown as a number.
    from surveys.importing.dates import guess_format, parse_day

    day = dt.date(2025, 12, 2)
    for fmt in ("M/D/YYYY", "D/M/YYYY", "D.M.YYYY", "YYYY-MM-DD"):
        assert parse_day("2025-12-02 09:15:00", fmt) == day
        assert parse_day("45993.385", fmt) == day
        assert parse_day("2025-12-02T09:15:00Z", fmt) == day  # API and XLSX with a zone
        assert parse_day("2025-12-02T23:59:59+01:00", fmt) == day  # the day as written
    assert guess_format(["45993.385", "45994.5"]) == ("YYYY-MM-DD", 1.0, "")
    assert guess_format(["45993", "45994"], serials=False)[0] is None  # plain numbers


def test_a_repeated_response_id_is_reported_with_the_first_line(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    text = fixture("qualtrics.csv").read_text(encoding="utf-8-sig").splitlines()
    data = _write(tmp_path, "twice.csv", "\n".join([*text, text[3]]) + "\n")
    mapping = fixture("qualtrics.map.yaml").read_text(encoding="utf-8")
    problems = _problems(workspace, data, mapping, tmp_path)
    assert problems == [
        f'{data}:16: column I "ResponseId": repeats the response on line 4; remove one of the '
        "two rows"
    ]


def test_identical_responses_without_ids_are_two_responses(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    text = fixture("google.csv").read_text(encoding="utf-8").splitlines()
    data = _write(tmp_path, "twice.csv", "\n".join([*text, text[1]]) + "\n")
    report = import_file(workspace, data, load_mapping(fixture("google.map.yaml")))
    assert report.submissions_new == 14
    again = import_file(workspace, data, load_mapping(fixture("google.map.yaml")))
    assert (again.submissions_new, again.submissions_skipped) == (0, 14)


def test_the_wave_can_be_given_for_the_whole_file(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    data = _write(
        tmp_path, "sheet.csv", GENERIC.replace("Finance", "Sales").replace("Sometimes", "Fair")
    )
    report = import_file(workspace, data, parse_mapping(MAPPING), wave="2025-winter")
    assert report.waves_created == 1
    import sqlite3

    from surveys.store import database_path

    conn = sqlite3.connect(database_path(workspace))
    assert conn.execute("SELECT name FROM waves").fetchall() == [("2025-winter",)]
    conn.close()


def test_a_cancelled_import_leaves_nothing(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)

    class Stop(Exception):
        pass

    calls = []

    def progress(fraction, message):
        calls.append(fraction)
        if len(calls) == 2:
            raise Stop

    with pytest.raises(Stop):
        import_file(
            workspace,
            fixture("qualtrics.csv"),
            load_mapping(fixture("qualtrics.map.yaml")),
            progress=progress,
        )
    assert snapshot(workspace) == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("format: rapport-import-1\ncolumns: {}\n", "map.yaml:1: department: missing"),
        (
            MAPPING.replace(
                "item: timely, scale: quality}\n  How timely is Sales",
                "item: speed, scale: quality}\n  How timely is Sales",
            ),
            "map.yaml:13: columns.How timely is IT?.item: unknown item 'speed'",
        ),
        (MAPPING.replace("by: month", "by: week"), "map.yaml:9: wave.by: use month or quarter"),
        (
            MAPPING.replace("very good: 4", "very good: 9"),
            "map.yaml:13: columns.How timely is IT?: item timely takes 1 to 5, but scale quality "
            "gives 9",
        ),
        (
            MAPPING.replace("good: 3,", 'good: "?",'),
            "map.yaml:11: scales.quality.good: give a whole number from 1 to 5 (or skip)",
        ),
        (
            MAPPING.replace("  column: Team\n", "  column: Team\n  fixed: Sales\n"),
            "map.yaml:3: department: give either column or fixed",
        ),
        ("format: [unclosed\n", "map.yaml:2: YAML:"),
    ],
)
def test_mapping_problems_carry_their_line(text, expected):
    with pytest.raises(MappingError) as caught:
        parse_mapping(text, "map.yaml")
    assert any(str(p).startswith(expected) for p in caught.value.problems), caught.value


def test_a_mapping_file_that_does_not_exist_is_one_clear_message(tmp_path):
    with pytest.raises(MappingError, match="does not exist"):
        load_mapping(tmp_path / "nowhere.yaml")
