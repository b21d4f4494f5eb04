"""The import wizard asks how the dates are written when the file cannot tell (formats8).

Every date of the file has a day of 12 or less: ``03/10/2026`` is 3 October or 10 March.
The suggestion assumes day first and marks it to check, but the mapping page had no way to
say otherwise and its Next button was enabled: a month-first file was imported into the
wrong months, so the wrong waves, on a guess nobody had seen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.desktop_app.import_variant_helpers import tip
from tests.desktop_app.import_wizard_fixture import shown_wizard  # noqa: F401 - "wizard"
from tests.desktop_app.test_import_wizard import _choose_file, _import, _next
from tests.surveys.importing.helpers import content

#: A Google Forms sheet from a US account: month first, no day above 12.
AMBIGUOUS = (
    "Timestamp,Your department,How timely is Sales?,How timely is IT?\r\n"
    "3/10/2026 9:14:02,Sales,,Good\r\n"
    "5/10/2026 11:02:40,IT,Excellent,\r\n"
    "6/11/2026 16:45:09,Marketing,Fair,Good\r\n"
    "7/11/2026 8:30:55,Operations,Good,Fair\r\n"
)


def _write(tmp_path, text: str):
    path = tmp_path / "responses.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _waves(workspace) -> set[str]:
    return {wave for (wave, _), _ in content(workspace)}


def test_ambiguous_dates_are_asked_and_month_first_is_imported_so(wizard, qtbot, tmp_path):
    _choose_file(wizard, qtbot, _write(tmp_path, AMBIGUOUS))
    _next(wizard, qtbot)
    page = wizard.mapping_page
    dates = page.date_format
    assert dates.isVisible() and dates.currentIndex() == -1
    assert tip(dates) == (
        "every date seen has a day of 12 or less, so day and month cannot be told apart. "
        "Choose how the survey tool writes them (its language or region)"
    )  # not "M/D/YYYY assumed" beside a box that shows none (review53)
    assert not wizard.button(QWizard.NextButton).isEnabled()
    assert page.waves_seen.text() == ""  # no wave from a guess
    assert page.status.text().startswith(
        "To go on, choose whether the dates are day or month first (Dates). No problems"
    )
    assert "the dates (above): day or month first" in page.status.text()
    dates.setFocus()
    qtbot.keyClick(dates, Qt.Key_Down)  # Day first
    qtbot.keyClick(dates, Qt.Key_Down)  # Month first
    assert dates.currentData() == "M/D/YYYY"
    qtbot.waitUntil(lambda: wizard.button(QWizard.NextButton).isEnabled())
    qtbot.waitUntil(lambda: "2026-03, 2026-05, 2026-06, 2026-07" in page.waves_seen.text())
    _next(wizard, qtbot)
    result = _import(wizard, qtbot)
    assert result["ok"] and result["new"] == 4
    assert _waves(wizard.context.path) == {"2026-03", "2026-05", "2026-06", "2026-07"}


def test_dates_a_day_above_12_settles_are_shown_not_asked(wizard, qtbot, tmp_path):
    text = AMBIGUOUS.replace("7/11/2026", "7/28/2026")  # 28 July: month first
    _choose_file(wizard, qtbot, _write(tmp_path, text))
    _next(wizard, qtbot)
    dates = wizard.mapping_page.date_format
    assert dates.currentData() == "M/D/YYYY" and dates.currentText() == "Month first: 10/31/2026"
    assert wizard.button(QWizard.NextButton).isEnabled()


def test_a_file_without_dates_shows_no_dates_choice(wizard, qtbot, tmp_path):
    text = "Team,How timely is IT?\r\nSales,Good\r\nMarketing,Poor\r\n"
    _choose_file(wizard, qtbot, _write(tmp_path, text))
    _next(wizard, qtbot)
    assert not wizard.mapping_page.date_format.isVisible()


def test_day_first_chosen_gives_its_own_waves_and_is_kept_back_and_saved(wizard, qtbot, tmp_path):
    """The wave was suggested from the guess (month first: March to July, by month) and
    stayed so once day first was chosen, its tooltip naming months no date was in
    (review53). Back and Next keep the choice; a saved mapping holds it, not to check."""
    _choose_file(wizard, qtbot, _write(tmp_path, AMBIGUOUS))
    _next(wizard, qtbot)
    page = wizard.mapping_page
    dates = page.date_format
    assert page.wave.currentIndex() == 0 and "2026-03" in tip(page.wave)  # the guess
    dates.setFocus()
    qtbot.keyClick(dates, Qt.Key_Down)  # Day first: October and November
    assert dates.currentData() == "D/M/YYYY"
    qtbot.waitUntil(lambda: page.waves_seen.text() == "the dates give wave 2026-Q4")
    assert page.wave.currentIndex() == 1  # by quarter, as for any file of one quarter's dates
    assert "2026-10, 2026-11" in tip(page.wave) and "2026-03" not in tip(page.wave)
    assert "choose 'By month of the date' for monthly pulses" in tip(page.wave)
    assert "by: month" not in tip(page.wave)  # the mapping file's words
    qtbot.mouseClick(wizard.button(QWizard.BackButton), Qt.LeftButton)
    _next(wizard, qtbot)
    assert dates.currentData() == "D/M/YYYY" and not dates.asking()
    saved = tmp_path / "mapping.yaml"
    page.save_mapping(saved)
    text = saved.read_text(encoding="utf-8")
    assert "  format: D/M/YYYY" in text and "date:  # CHECK" not in text
    qtbot.waitUntil(lambda: wizard.button(QWizard.NextButton).isEnabled())
    _next(wizard, qtbot)
    assert _import(wizard, qtbot)["ok"]
    assert _waves(wizard.context.path) == {"2026-Q4"}
