"""Hand-made sheets with a question merged across the departments it rates, the
departments in the row below (two header rows), as a workbook and as Excel's CSV of it."""

from __future__ import annotations

import csv

import openpyxl

from tests.desktop_app.import_variant_helpers import run
from tests.surveys.csv_helpers import rows
from tests.surveys.importing.helpers import content, new_workspace

COMMENT = "What one thing would make working with IT better?"
_LONG = "Tickets take weeks to close, and nobody tells us why or who is working on them."
HEADER = ["Team", "Submitted", "They reply in time", "", "", "", COMMENT]
DEPARTMENTS = ["", "", "Sales", "IT", "Marketing", "Operations", ""]
ANSWERS = [
    ["Sales", "2025-12-01", "", "Agree", "Disagree", "Agree", _LONG],
    ["IT", "2025-12-02", "Strongly agree", "", "Agree", "Disagree", ""],
    ["Marketing", "2025-12-03", "Agree", "Agree", "", "Neither agree nor disagree", ""],
]


def _workbook(path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (HEADER, DEPARTMENTS, *ANSWERS):
        sheet.append([cell or None for cell in row])
    sheet.merge_cells("C1:F1")
    book.save(path)
    return path


def _csv(path, rows_):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows_)
    return path


def test_a_question_merged_over_its_departments_imports_each_department(tmp_path, capsys):
    path = _workbook(tmp_path / "pulse.xlsx")
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path)  # the suggestion is certain
    assert code == 0, err
    assert "two header rows: each question over the columns it spans" in err
    assert "3 new responses" in out
    ratings = rows(
        workspace,
        "SELECT f.name, t.name, a.value FROM answers a JOIN departments f ON f.id = a.from_id "
        "JOIN departments t ON t.id = a.to_id ORDER BY 1, 2",
    )
    assert ratings == [
        ("IT", "Marketing", 4),
        ("IT", "Operations", 2),
        ("IT", "Sales", 5),
        ("Marketing", "IT", 4),
        ("Marketing", "Operations", 3),
        ("Marketing", "Sales", 4),
        ("Sales", "IT", 4),
        ("Sales", "Marketing", 2),
        ("Sales", "Operations", 4),
    ]
    twin = new_workspace(tmp_path / "twin")  # Excel's CSV of the sheet: blanks after C1
    code, _, err = run(capsys, twin, _csv(tmp_path / "pulse.csv", [HEADER, DEPARTMENTS, *ANSWERS]))
    assert code == 0, err
    assert content(twin) == content(workspace)


def test_problems_keep_the_sheets_row_numbers(tmp_path, capsys):
    good = _csv(tmp_path / "good.csv", [HEADER, DEPARTMENTS, *ANSWERS])
    code, suggestion, _ = run(capsys, "--suggest-mapping", good)
    mapping = tmp_path / "map.yaml"
    mapping.write_text(suggestion, encoding="utf-8")
    bad = [list(row) for row in ANSWERS]
    bad[1][4] = "Sometimes"
    path = _csv(tmp_path / "pulse.csv", [HEADER, DEPARTMENTS, *bad])
    code, _, err = run(capsys, new_workspace(tmp_path / "ws"), path, "--mapping", mapping)
    assert code == 2
    assert (
        "pulse.csv:4: column E \"They reply in time - Marketing\": unknown answer 'Sometimes'"
        in err
    )


def test_a_blank_header_cell_over_a_response_keeps_one_header_row(tmp_path, capsys):
    # a column without a header, and a response in row 2 (its first cell is filled)
    header = ["Team", "Submitted", "How timely is IT?", "", "How timely is Sales?"]
    answers = [["Sales", "2025-12-01", "Good", "", ""], ["IT", "2025-12-02", "", "", "Poor"]]
    path = _csv(tmp_path / "sheet.csv", [header, *answers])
    code, out, err = run(capsys, new_workspace(tmp_path / "ws"), path)
    assert code == 0, err
    assert "one header row" in err and "2 new responses" in out
