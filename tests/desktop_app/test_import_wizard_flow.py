"""The import wizard as an analyst meets it: changing one's mind, bad files, where to look.

Driven as a person would (pytest-qt): type paths, press Return, click, read what is shown.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from desktop_app.context import WorkspaceContext
from desktop_app.import_wizard import ImportWizard
from tests.desktop_app.hr_helpers import open_window
from tests.surveys.importing.helpers import fixture, new_workspace


@pytest.fixture
def wizard(tmp_path, qtbot):
    context = WorkspaceContext()
    context.open(new_workspace(tmp_path / "ws"))
    dialog = ImportWizard(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    context.shutdown()


def _type_file(wizard, qtbot, path: Path) -> None:
    field = wizard.file_page.file
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, str(path))
    qtbot.keyClick(field, Qt.Key_Return)


def _idle(wizard, qtbot) -> None:
    qtbot.waitUntil(lambda: not wizard.context.runner.running(), timeout=20000)


def test_a_file_chosen_first_does_not_win_over_the_one_chosen_after(wizard, qtbot, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    _type_file(wizard, qtbot, fixture("google.csv"))  # read on the worker...
    _type_file(wizard, qtbot, empty)  # ...while the analyst picks another file
    qtbot.waitUntil(lambda: "is empty" in wizard.file_page.detected.text(), timeout=20000)
    _idle(wizard, qtbot)
    qtbot.wait(50)  # any late result of the first read would arrive now
    assert "is empty" in wizard.file_page.detected.text()
    assert wizard.prepared is None
    assert not wizard.button(QWizard.NextButton).isEnabled()


def test_a_file_that_cannot_be_read_is_said_once_in_the_wizard(
    qtbot, demo_workspace, tmp_path, monkeypatch
):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: shown.append(args))
    window = open_window(qtbot, demo_workspace)
    broken = tmp_path / "answers.xlsx"
    broken.write_bytes(fixture("surveymonkey.xlsx").read_bytes()[:3000])  # cut short
    wizard = ImportWizard(window.context, window)
    qtbot.addWidget(wizard)
    wizard.show()
    _type_file(wizard, qtbot, broken)
    qtbot.waitUntil(lambda: "cannot be read" in wizard.file_page.detected.text(), timeout=20000)
    _idle(wizard, qtbot)
    qtbot.wait(50)  # the window's message box would open on the next turn of the loop
    assert shown == []
    assert "answers.xlsx" in wizard.file_page.detected.text()
