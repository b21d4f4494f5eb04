"""Reports of results summed up per group, as engagement tools show them (formats9).

Viva Glint, Peakon, Officevibe and Lattice show HR a score per team and driver with the
number of people behind it; that report is often the file HR has. Read as a wide table,
each team was one "respondent" whose answers were the team's means, after a mapping of
five lines to check; it is refused at its header instead, with what to export. The
wizard said so too, but offered "Choose the file's encoding…", which no encoding answers
(SurveyMonkey's condensed export had the same offer).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.desktop_app.import_variant_helpers import run, variant
from tests.desktop_app.import_wizard_fixture import shown_wizard  # noqa: F401 - "wizard"
from tests.desktop_app.test_import_wizard import _choose_file, _next
from tests.desktop_app.test_import_wizard_read_choices import _rows_shown
from tests.surveys.importing.helpers import content, new_workspace

SCORES = (  # made-up teams and results
    "Segment,Driver,Score,Participation,Respondents\n"
    "Sales,Recognition,7.4,82%,23\nSales,Peer relationships,8.1,82%,23\n"
    "IT,Recognition,6.9,75%,15\nIT,Peer relationships,7.7,75%,15\n"
)
FAVOURABLE = (
    "Team,Question,% Favorable,% Neutral,% Unfavorable,Responses\n"
    "Sales,I know what is expected of me,78,15,7,23\nIT,I know what is expected of me,64,20,16,15\n"
)


@pytest.mark.parametrize(("text", "named"), [(SCORES, '"Score"'), (FAVOURABLE, '"% Favorable"')])
def test_a_report_of_group_results_is_refused_with_what_to_export(tmp_path, capsys, text, named):
    path = tmp_path / "engagement.csv"
    path.write_text(text, encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    for args in ((workspace, path), ("--suggest-mapping", path)):
        code, out, err = run(capsys, *args)
        assert code == 2 and out == ""
        said = "engagement.csv:1: this file holds results already summed up per group"
        assert f"{said} (columns {named}" in err
        assert "Export the individual responses from the tool" in err
        assert "Nothing was imported." in err
    assert content(workspace) == []


def test_a_respondents_sheet_with_a_score_column_is_read(tmp_path, capsys):
    """A score alone (a quiz's, a hand-made "Score" rating) is no group result."""
    path = tmp_path / "sheet.csv"
    path.write_text("Team,Score,How timely is IT?\nSales,4,Good\nIT,3,Fair\n", encoding="utf-8")
    code, suggested, err = run(capsys, "--suggest-mapping", path)
    assert code == 0, err
    assert "column: Team" in suggested


@pytest.mark.parametrize("kind", ["scores", "condensed"])
def test_the_wizard_offers_no_encoding_for_a_layout_it_cannot_import(wizard, qtbot, tmp_path, kind):
    if kind == "scores":
        path = tmp_path / "engagement.csv"
        path.write_text(SCORES, encoding="utf-8")
        said = "this file holds results already summed up per group"
    else:
        path, said = variant("surveymonkey_condensed.csv"), "SurveyMonkey's condensed export"
    page = wizard.file_page
    page.file.setFocus()
    qtbot.keyClicks(page.file, str(path))
    qtbot.keyClick(page.file, Qt.Key_Return)
    qtbot.waitUntil(lambda: said in page.detected.text(), timeout=20000)
    qtbot.wait(200)
    assert _rows_shown(wizard) == (False, False)
    assert wizard.prepared is None


@pytest.mark.parametrize(
    "text",
    [  # review60: a hand-made sheet's row numbers, or respondents' ids, count no one
        "N,Department,Score,Comment\n1,Sales,4,IT is quick\n2,IT,2,\n3,Marketing,5,\n",
        "Respondents,Department,Score\nR-101,Sales,4\nR-102,IT,3\n",
    ],
)
def test_a_sheet_of_answers_with_a_score_and_a_row_number_is_read(tmp_path, capsys, text):
    path = tmp_path / "pulse.csv"
    path.write_text(text, encoding="utf-8")
    code, suggested, err = run(capsys, "--suggest-mapping", path)
    assert code == 0 and "summed up per group" not in err
    assert "layout: wide" in suggested and "Score" in suggested


def test_a_report_hiding_its_small_groups_is_refused_too(tmp_path, capsys):
    """The count of a group too small to show is "<5": the other counts still count."""
    path = tmp_path / "engagement.csv"
    path.write_text(
        "Team,Score,Respondents\nSales,7.4,23\nLegal,,<5\nIT,6.9,15\nFacilities,,n/a\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--suggest-mapping", path)
    assert code == 2 and "results already summed up per group" in err


def test_the_wizard_says_when_no_column_is_imported_yet(wizard, qtbot, tmp_path):
    """review60: a sheet whose questions name no department had "No problems in the first
    0 responses." under an empty preview; it says what to do."""
    path = tmp_path / "pulse.csv"
    path.write_text("N,Department,Score\n1,Sales,4\n2,IT,2\n3,Marketing,5\n", encoding="utf-8")
    _choose_file(wizard, qtbot, path)
    _next(wizard, qtbot)
    status = wizard.mapping_page.status
    qtbot.waitUntil(lambda: "Columns" in status.text(), timeout=20000)
    assert status.text().startswith("No answers are imported yet: give a column a Target")
    assert "first 0" not in status.text()


def test_a_column_dropped_for_now_that_may_hold_answers_is_yellow(wizard, qtbot, tmp_path):
    """review60: "CHECK: no department named in the question; map it under columns if it
    holds answers" was grey as a dropped column, though counted among the lines to check
    "(yellow)"; a column of real answers could be left out unseen."""
    from desktop_app.models.import_models import _CHECK, _brush

    path = tmp_path / "pulse.csv"
    path.write_text(
        "Department,Score,How well does IT work with you?\nSales,4,3\nIT,2,4\n", encoding="utf-8"
    )
    _choose_file(wizard, qtbot, path)
    _next(wizard, qtbot)
    model = wizard.mapping_page.columns_view.model()
    rows = {model.index(r, 1).data(): model.index(r, 1).data(Qt.BackgroundRole) for r in range(3)}
    assert model.index(1, 5).data().startswith("CHECK: no department named")
    assert rows["Score"].color() == _brush(_CHECK).color()
