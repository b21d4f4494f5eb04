"""A totals row under the answers (formats8): Excel's table "Total Row", or a line of
averages someone added before sending the sheet. Read as a response, "Total" was a
department answer to map (CHECK), its counts made the date column hold no dates and the
scales hold numbers, so the file could not be imported without editing it."""

from __future__ import annotations

import pytest

from tests.desktop_app.import_variant_helpers import run
from tests.desktop_app.import_wizard_fixture import shown_wizard  # noqa: F401 - "wizard"
from tests.desktop_app.test_import_wizard import _choose_file, _import, _next
from tests.surveys.importing.fixture_people import write_csv, write_xlsx
from tests.surveys.importing.helpers import content, new_workspace

HEADER = ["Team", "Submitted on", "How timely is Sales?", "How timely is IT?", "", ""]
ANSWERS = [
    ["Sales ", "21.10.2026", "", "Good", "", ""],
    ["sales", "22.10.2026", "", "Poor", "", ""],
    ["IT", "22.10.2026", "Excellent", "", "", ""],
    ["Marketing ", "23.10.2026", "Fair", "Good", "", ""],
    ["OPERATIONS", "26.10.2026", "Good", "Fair", "", ""],
]
EXPECTED = [
    (("2026-10", "IT"), (("Sales", "timely", "5"),)),
    (("2026-10", "Marketing"), (("IT", "timely", "4"), ("Sales", "timely", "3"))),
    (("2026-10", "Operations"), (("IT", "timely", "3"), ("Sales", "timely", "4"))),
    (("2026-10", "Sales"), (("IT", "timely", "2"),)),
    (("2026-10", "Sales"), (("IT", "timely", "4"),)),
]


def _sheet(tmp_path, total: list[str], kind: str):
    rows = [HEADER, *ANSWERS, ["", "", "", "", "", ""], total]
    path = tmp_path / f"pulse.{kind}"
    if kind == "csv":
        write_csv(path, rows, sep=";")
    else:
        write_xlsx(path, [[cell or None for cell in row] for row in rows])
    return path


@pytest.mark.parametrize(
    ("total", "kind"),
    [
        (["Total", "5", "3", "4", "", ""], "xlsx"),
        (["Average:", "", "3,67", "3,25", "", ""], "csv"),
        (["Summe", "5", "3", "4"], "csv"),
    ],
)
def test_a_totals_row_is_no_response(tmp_path, capsys, total, kind):
    path = _sheet(tmp_path, total, kind)
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    assert code == 0
    assert "total" not in suggested.lower().replace("totals", "")
    assert "column: Submitted on" in suggested and "format: D.M.YYYY" in suggested
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path)
    assert code == 0, err
    assert "5 new responses" in out and "Skipped: 1 totals row (line 8)." in out
    assert content(workspace) == EXPECTED


def test_only_a_total_label_beside_numbers_is_a_totals_row():
    """A department's row of ratings is not a total: "Media" (Italian and Spanish for
    mean) is a department's name, "Total Rewards" another; a row with a date is a
    response."""
    from surveys.importing.row_status import is_total_row

    assert is_total_row(["Grand Total", "", "17", "4.5"])
    assert is_total_row(["", "Total:", "1 234", "87%"])
    assert not is_total_row(["Media", "4", "5"])
    assert not is_total_row(["Total Rewards", "21.10.2026", "4"])
    assert not is_total_row(["Total", "21.10.2026", "Good"])
    # a German date is all digits and dots, but no number (review53)
    assert not is_total_row(["Total", "21.10.2026", "4"])
    assert not is_total_row(["Sum", "21.10.2026 15:52", "4"])
    assert is_total_row(["Summe", "1.234.567", "4,5"])


def test_the_wizard_previews_no_totals_row_and_imports(wizard, qtbot, tmp_path):
    path = _sheet(tmp_path, ["Total", "5", "3", "4", "", ""], "xlsx")
    _choose_file(wizard, qtbot, path)
    _next(wizard, qtbot)
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: page.preview_view.model().rowCount() > 0, timeout=20000)
    model = page.preview_view.model()
    rows = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert rows == {"2", "3", "4", "5", "6"}  # not line 8, the totals row
    assert page.problems.count() == 0
    _next(wizard, qtbot)
    result = _import(wizard, qtbot)
    assert result["ok"] and result["new"] == 5
    assert "Skipped: 1 totals row (line 8)." in wizard.import_page.message.text()
    assert content(wizard.context.path) == EXPECTED


ONE_TEAM = [
    ["How is working with Sales overall?", "IT replies in time (1-5)", "Comments"],
    ["Good", "4", "Quick replies from the helpdesk."],
    ["Average", "2", ""],  # a respondent's answers, shaped as a line of averages
    ["Poor", "3", ""],
    ["Average", "5", ""],  # the last respondent's too: "Average" is an answer of column A
    ["", "", ""],
    ["Average", "3.5", ""],  # a line of means: 3.5 is none of column B's answers
]
ONE_TEAM_MAPPING = """format: rapport-import-1
layout: wide
department: {fixed: Marketing}
wave: {fixed: 2026-10}
scales:
  quality: {very poor: 1, poor: 2, fair: 3, average: 3, good: 4, excellent: 5}
  numbers_1_5: {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
columns:
  "How is working with Sales overall?": {target: Sales, item: overall, scale: quality}
  "IT replies in time (1-5)": {target: IT, item: timely, scale: numbers_1_5}
  Comments: {target: IT, item: comment}
"""


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_respondent_whose_first_answer_is_average_is_imported(tmp_path, capsys, kind):
    """A team's own sheet (one department, no dates): "Average" in column A beside ratings
    written as numbers is an answer, not a line of averages (formats9: both rows were
    skipped as totals rows and two people's answers lost); the line of means under them,
    "Average" beside 3.5, is one."""
    path = tmp_path / f"marketing.{kind}"
    if kind == "csv":
        write_csv(path, ONE_TEAM)
    else:
        write_xlsx(path, [[cell or None for cell in row] for row in ONE_TEAM])
    mapping = tmp_path / "marketing.yaml"
    mapping.write_text(ONE_TEAM_MAPPING, encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 0, err
    assert "4 new responses" in out and "Skipped: 1 totals row (line 7)." in out
    ratings = sorted(r for _, answers in content(workspace) for r in answers)
    assert ("Sales", "overall", "3") in ratings and ratings.count(("Sales", "overall", "3")) == 2
    assert ("IT", "timely", "5") in ratings


def test_only_rows_at_the_end_are_totals():
    from surveys.importing.row_status import MAX_TOTALS_ROWS, with_totals

    rows = [(2, ["Sales", "4"]), (3, ["Count", "4"]), (4, ["IT", "5"]), (5, []), (6, ["Sum", "9"])]
    assert [(line, total) for line, _, total in with_totals(rows)] == [
        (2, False),
        (3, False),
        (4, False),
        (5, False),
        (6, True),
    ]
    # empty rows between the totals are passed over; a run longer than totals are is answers
    ends = [(2, ["Sum", "1"]), (3, []), (4, ["Mean", "1"])]
    assert [line for line, _, total in with_totals(ends) if total] == [2, 4]
    long = [(n, ["Average", "3"]) for n in range(2, MAX_TOTALS_ROWS + 4)]
    assert not any(total for _, _, total in with_totals(long))


def test_a_note_under_the_totals_row_leaves_it_a_totals_row(tmp_path, capsys):
    """review60: a line someone typed under the totals ("Source: ...") made the totals row
    an answer (only totals rows were to follow it): its sums made the scales 0-100
    sliders and its label a department to map."""
    from surveys.importing.row_status import with_totals

    rows = [(2, ["Sales", "4"]), (3, ["Total", "9"]), (4, ["", "Source: pulse"]), (5, [])]
    assert [(line, total) for line, _, total in with_totals(rows)] == [
        (2, False),
        (3, True),
        (4, False),
    ]
    # a run of one-cell rows (a team's comments) after a row of that shape: all answers
    comments = [(2, ["Average", "4"])] + [(n, ["", "", "Slow replies"]) for n in range(3, 40)]
    assert not any(total for _, _, total in with_totals(comments))
    note = ["", "", "", "", "Source: staff pulse, October", ""]
    rows = [HEADER, *ANSWERS, ["Total", "5", "13", "17", "", ""], note]
    path = tmp_path / "pulse.csv"
    write_csv(path, rows, sep=";")
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    assert code == 0 and "slider" not in suggested and "total" not in suggested.lower()
    mapping = tmp_path / "pulse.yaml"
    mapping.write_text(suggested, encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 0, err
    assert "5 new responses" in out and "Skipped: 1 totals row (line 7), 1 empty" in out
    assert content(workspace) == EXPECTED
