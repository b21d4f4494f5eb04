"""File pickers open beside the path in their field, the last folder chosen or Documents;
never in the folder Rapport was started from."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from desktop_app.panels.settings_panel import SettingsPanel
from desktop_app.widgets import start_folder
from desktop_app.widgets.start_folder import documents_folder


@pytest.fixture
def pickers(monkeypatch, tmp_path):
    """Every picker's starting path, each answering with the next of ``answers``."""
    monkeypatch.setattr(start_folder, "_last", None)  # no folder chosen yet this session
    started_from = tmp_path / "install folder"
    started_from.mkdir()
    monkeypatch.chdir(started_from)
    opened: list[str] = []
    answers: list[str] = []

    def file_picker(_parent, _title, folder="", _filter="", *args, **kwargs):
        opened.append(folder)
        return (answers.pop(0) if answers else "", "")

    def folder_picker(_parent, _title, folder="", *args, **kwargs):
        opened.append(folder)
        return answers.pop(0) if answers else ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", file_picker)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder_picker)
    return opened, answers, started_from


def test_pickers_start_in_documents_then_where_the_last_file_was(
    open_panel, qtbot, pickers, tmp_path
) -> None:
    opened, answers, started_from = pickers
    panel = open_panel(SettingsPanel)
    exports = tmp_path / "HR exports"
    exports.mkdir()
    (exports / "logo.txt").write_text("not an image", encoding="utf-8")
    answers.append(str(exports / "logo.txt"))
    qtbot.mouseClick(panel.findChild(QPushButton, "chooseLogo"), Qt.LeftButton)
    assert opened[0] == str(documents_folder())
    assert str(started_from) not in opened[0]
    qtbot.mouseClick(panel.findChild(QPushButton, "importRoster"), Qt.LeftButton)
    assert opened[1] == str(exports)  # the roster is likely beside the last file picked
    qtbot.mouseClick(panel.findChild(QPushButton, "browseShare"), Qt.LeftButton)
    assert opened[2] == str(exports)
    panel.share.setText(str(tmp_path))
    qtbot.mouseClick(panel.findChild(QPushButton, "browseShare"), Qt.LeftButton)
    assert opened[3] == str(tmp_path)  # the folder already in the field


def test_a_relative_or_missing_path_in_the_field_is_not_where_a_picker_opens(
    pickers, tmp_path
) -> None:
    assert start_folder.start_in("share") == str(documents_folder())
    assert start_folder.start_in("/no/such/folder/at/all") == str(documents_folder())
    assert start_folder.start_in(name="themes.yaml") == str(documents_folder() / "themes.yaml")
    start_folder.remember("")  # a cancelled picker changes nothing
    assert start_folder.start_in() == str(documents_folder())
    start_folder.remember(str(tmp_path / "deck.pptx"))
    assert start_folder.start_in(name="themes.yaml") == str(tmp_path / "themes.yaml")
