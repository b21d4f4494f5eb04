"""The demo organisation from the window (the welcome page and File), no terminal needed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.desktop_app.hr_helpers import ANALYSIS_TIMEOUT_MS


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Documents"
    monkeypatch.setattr("desktop_app.window_menus.documents_folder", lambda: folder)
    return folder


def test_the_welcome_page_builds_and_opens_the_demo(qtbot, documents: Path) -> None:
    from desktop_app.main_window import MainWindow

    mine = documents / "Rapport demo"
    mine.mkdir(parents=True)
    (mine / "notes.txt").write_text("someone's own file")  # never overwritten
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.welcome
    with qtbot.waitSignal(window.context.analysis_finished, timeout=ANALYSIS_TIMEOUT_MS):
        qtbot.mouseClick(window.welcome.demo_button, Qt.LeftButton)
    assert window.context.path == documents / "Rapport demo 2"
    assert window.context.result.organisation == "Northwind Diagnostics"
    assert window.stack.currentWidget() is not window.welcome
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]

    # Opened again, the demo is not built a second time: the workspace is opened at once.
    window.context.path = None
    assert window.open_demo() is None
    assert window.context.path == documents / "Rapport demo 2"
    window.close()
