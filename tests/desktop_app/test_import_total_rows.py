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
