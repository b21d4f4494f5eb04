"""Dates the suggestion did not read (formats8): a date column written both day first and
month first (two people typed them, or two exports were pasted together), and Excel
serial numbers under a hand-made sheet's "Submitted on". The suggestion dropped the first
as "date (not used)", passed the second over, and said "the file has no dates"."""

from __future__ import annotations

import pytest

from desktop_app.context import WorkspaceContext
from desktop_app.import_wizard import ImportWizard
from tests.desktop_app.import_variant_helpers import run, tip
from tests.desktop_app.test_import_wizard import _choose_file, _next
from tests.surveys.csv_helpers import rows
from tests.surveys.importing.helpers import content, new_workspace

MIXED = (
    "Team,Date,How timely is IT?\r\n"
    "Sales,31/10/2026,Good\r\n"
    "Marketing,10/30/2026,Poor\r\n"
    "Operations,11/10/2026,Fair\r\n"
)
WHY = (
    'the dates of column B "Date" cannot be read: the dates mix day-first and month-first. '
    "Write them one way in the file (all day first or all month first) and suggest again, "
    "or give the wave's name here or with --wave"
)


@pytest.fixture
def mixed(tmp_path):
    path = tmp_path / "pulse.csv"
    path.write_text(MIXED, encoding="utf-8")
    return path


def test_the_suggestion_says_the_dates_cannot_be_read_and_why(mixed, tmp_path, capsys):
    code, suggested, _ = run(capsys, "--suggest-mapping", mixed)
    assert code == 0
    assert f"wave:  # CHECK: low 0.00; {WHY}\n" in suggested
    assert "  Date: dates that cannot be read (the dates mix day-first and month-first)\n" in (
        suggested
    )
    assert "the file has no dates" not in suggested
    workspace = new_workspace(tmp_path / "ws")
    code, _, err = run(capsys, workspace, mixed)
    assert code == 2 and f"pulse.csv:1: wave: not certain (0.00): {WHY}" in err
    assert content(workspace) == []


def test_the_wizard_says_why_on_the_wave_box(mixed, tmp_path, qtbot):
    context = WorkspaceContext()
    context.open(new_workspace(tmp_path / "ws"))
    wizard = ImportWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    try:
        _choose_file(wizard, qtbot, mixed)
        _next(wizard, qtbot)
        page = wizard.mapping_page
        qtbot.waitUntil(lambda: "Where: the wave (above)" in page.status.text())
        # in the wizard's words: no --wave, no "suggest again" (review53)
        assert tip(page.wave) == (
            'the dates of column B "Date" cannot be read: the dates mix day-first and '
            "month-first. Write them one way in the file (all day first or all month first) "
            "and go Back to choose it again, or choose 'One wave named:' and type its name"
        )
        assert not page.date_format.isVisible()  # no date column is read
    finally:
        context.shutdown()


def test_excel_serial_numbers_under_a_dated_heading_are_days(tmp_path, capsys):
    """A hand-made sheet whose "Submitted on" cells were formatted General before it was
    saved as CSV: Excel writes the days as serial numbers (46296 is 2026-10-01), and the
    suggestion said "the file has no dates"."""
    path = tmp_path / "pulse.csv"
    path.write_text(
        "Team,Submitted on,How timely is IT?\r\nSales,46296,Good\r\n"
        "Marketing,46297.4375,Poor\r\nOperations,46300,Fair\r\n",
        encoding="utf-8",
    )
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    assert code == 0
    assert "  column: Submitted on\n" in suggested and "the file has no dates" not in suggested
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path)
    assert code == 0, err
    assert {wave for (wave, _), _ in content(workspace)} == {"2026-10"}
    days = rows(workspace, "SELECT day FROM submissions ORDER BY day")
    assert days == [("2026-10-01",), ("2026-10-02",), ("2026-10-05",)]
