"""The import wizard's Scales tab shows each answer as the file spells it (formats8): it
showed the mapping's compared form, "strongly agree" for "Strongly agree" and "3.75" for
a European file's "3,75", so HR could not find the file's answer in it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget

from tests.desktop_app.import_wizard_fixture import shown_wizard  # noqa: F401 - "wizard"
from tests.desktop_app.test_import_wizard import _cell, _choose_file, _import, _next
from tests.surveys.importing.helpers import content, fixture


def _scales(wizard, qtbot) -> dict[str, str]:
    page = wizard.mapping_page
    tabs = page.findChild(QTabWidget, "importTabs")
    qtbot.mouseClick(tabs.tabBar(), Qt.LeftButton, pos=tabs.tabBar().tabRect(2).center())
    view = page.scales_view
    return {_cell(view, r, 1): _cell(view, r, 2) for r in range(view.model().rowCount())}


def test_a_european_slider_shows_its_decimal_commas_and_imports(wizard, qtbot):
    _choose_file(wizard, qtbot, fixture("variants") / "qualtrics_sliders_eu.csv")
    assert "1 line of the suggested mapping to check" in wizard.file_page.detected.text()
    _next(wizard, qtbot)
    shown = _scales(wizard, qtbot)
    assert shown["3,75"] == "3" and shown["8,75"] == "5" and shown["7,5"] == "4"
    assert shown["7"] == "4"  # a whole number of the range the file does not hold
    assert "3.75" not in shown
    _next(wizard, qtbot)
    result = _import(wizard, qtbot)
    assert result["ok"] and result["new"] == 12
    assert len(content(wizard.context.path)) == 12


def test_word_answers_are_shown_as_written(wizard, qtbot):
    _choose_file(wizard, qtbot, fixture("surveymonkey.xlsx"))
    _next(wizard, qtbot)
    shown = _scales(wizard, qtbot)
    assert shown["Strongly agree"] == "5" and shown["N/A"] == "skip"
    assert "strongly agree" not in shown
