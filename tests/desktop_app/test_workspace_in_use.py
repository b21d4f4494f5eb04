"""The HR window and a workspace another computer's Rapport has open (surveys/host_lock.py):
who has it and since when, "Open anyway" only for a stale claim, the heartbeat, and what
happens when another computer takes the workspace over."""

from __future__ import annotations

import json
import socket

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.main_window import MainWindow
from surveys.host_lock import LOCK_NAME, STALE_SECONDS, read_holder
from tests.surveys.test_host_lock import plant


@pytest.fixture(autouse=True)
def this_computer(monkeypatch):
    monkeypatch.setattr(socket, "gethostname", lambda: "HR-DESK")


def _answer_dialog(qtbot, seen: list, button: str) -> None:
    """When the modal dialog shows, note what it says and press ``button``."""

    def press() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, press)
            return
        seen.append(dialog)
        names = [b.text() for b in dialog.buttons()]
        seen.append(names)
        seen.append(dialog.text())
        target = next(b for b in dialog.buttons() if b.text().replace("&", "") == button)
        qtbot.mouseClick(target, Qt.LeftButton)

    QTimer.singleShot(0, press)


def _window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    return window


def test_a_fresh_claim_elsewhere_is_explained_and_cannot_be_overridden(qtbot, workspace):
    lock = plant(workspace, "<b>HR-LAPTOP</b>")
    before = lock.read_bytes()
    window = _window(qtbot)
    seen: list = []
    _answer_dialog(qtbot, seen, "OK")
    assert window.open_workspace(str(workspace)) is False
    dialog, buttons, text = seen
    assert dialog.textFormat() == Qt.PlainText  # the name is shown, never rendered
    assert "“<b>HR-LAPTOP</b>”" in text and "since" in text and "Close Rapport" in text
    assert all("Open anyway" not in name for name in buttons)
    assert window.context.path is None and window.stack.currentWidget() is window.welcome
    assert lock.read_bytes() == before


def test_open_anyway_takes_a_stale_claim_over(qtbot, workspace):
    plant(workspace, "HR-LAPTOP", age=STALE_SECONDS + 60)
    window = _window(qtbot)
    seen: list = []
    _answer_dialog(qtbot, seen, "Open anyway")
    assert window.open_workspace(str(workspace)) is True
    assert "choose Open anyway" in seen[2]
    assert window.context.path == workspace
    assert read_holder(workspace).host == "HR-DESK"
    window.close_workspace()
    assert not (workspace / LOCK_NAME).exists()


def test_cancel_leaves_a_stale_claim_alone(qtbot, workspace):
    lock = plant(workspace, "HR-LAPTOP", age=STALE_SECONDS + 60)
    before = lock.read_bytes()
    window = _window(qtbot)
    seen: list = []
    _answer_dialog(qtbot, seen, "Cancel")
    assert window.open_workspace(str(workspace)) is False
    assert lock.read_bytes() == before and window.context.path is None


def test_the_window_beats_every_minute_and_lets_go_when_closed(qtbot, workspace):
    window = _window(qtbot)
    assert window.open_workspace(str(workspace)) is True
    assert window.context.heartbeat.isActive()
    assert window.context.heartbeat.interval() == 60_000
    path = workspace / LOCK_NAME
    record = json.loads(path.read_text())
    record["heartbeat"] -= STALE_SECONDS + 60
    path.write_text(json.dumps(record))
    window.context.heartbeat.timeout.emit()
    assert not read_holder(workspace).stale
    window.close()
    assert not path.exists()


def test_a_workspace_taken_over_elsewhere_is_closed_here(qtbot, workspace, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box.text()))
    window = _window(qtbot)
    assert window.open_workspace(str(workspace)) is True
    plant(workspace, "HR-LAPTOP")  # this computer slept; the laptop took it over
    window.context.heartbeat.timeout.emit()
    assert window.context.path is None and window.stack.currentWidget() is window.welcome
    [text] = shown
    assert "closed the workspace on this computer" in text and "“HR-LAPTOP”" in text
    assert read_holder(workspace).host == "HR-LAPTOP"


def test_this_computer_mode_of_the_respondent_app_names_the_other_computer(workspace):
    """The respondent's app set to "this computer" writes into the workspace itself."""
    from desktop_app.respondent.local_source import LocalSource

    assert LocalSource(workspace).problem() is None
    plant(workspace, "HR-LAPTOP")
    assert "“HR-LAPTOP”" in LocalSource(workspace).problem()
