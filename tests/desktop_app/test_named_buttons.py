"""Small things a polished window gets right (polish17): buttons that name their action,
About with the workspace's own threshold, the organisation in the title bar, counts
grouped by thousands."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from desktop_app.panels.pulses_panel import PulsesPanel
from desktop_app.passphrase_dialog import PassphraseDialog
from tests.desktop_app.hr_helpers import open_window
from tests.desktop_app.test_pulses_panel import _create_wave, _use_share


def _button_when_asked(said: list[str]) -> None:
    """Cancel the passphrase dialog once it shows; ``said`` gets its button's text."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(10, answer)
            return
        said.append(dialog.buttons.button(QDialogButtonBox.Ok).text())
        dialog.buttons.button(QDialogButtonBox.Cancel).click()

    QTimer.singleShot(0, answer)


def test_the_passphrase_dialogs_button_names_what_it_does(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    """It said "OK" to publishing, ingesting and signing alike."""
    _use_share(demo_workspace, tmp_path / "share")
    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, "2026-11")
    said: list[str] = []
    _button_when_asked(said)
    assert panel.publish_selected() is None  # cancelled
    _button_when_asked(said)
    assert panel.ingest_inbox() is None
    _button_when_asked(said)
    panel._on_tickets_passphrase_needed()
    assert said == ["Pu&blish", "&Ingest", "&Sign tickets"]
    assert not panel.tickets.signing


def test_changing_the_passphrase_says_so_on_its_button(qtbot, demo_workspace) -> None:
    from desktop_app.passphrase_dialog import ChangePassphraseDialog

    dialog = ChangePassphraseDialog(demo_workspace)
    qtbot.addWidget(dialog)
    assert dialog.buttons.button(QDialogButtonBox.Ok).text() == "C&hange passphrase"


def test_about_says_the_open_workspaces_threshold(qtbot, demo_workspace) -> None:
    from surveys.store import open_workspace, set_setting

    db = open_workspace(demo_workspace)
    set_setting(db, "min_group", 8)
    db.close()
    window = open_window(qtbot, demo_workspace)
    window.about()
    about = window.findChild(QMessageBox, "aboutBox")
    qtbot.waitExposed(about)
    assert "in this workspace, at least 8 people" in about.text()  # was "5 people unless…"
    about.close()
    window.close_workspace()
    window.about()
    [*_, about] = window.findChildren(QMessageBox, "aboutBox")
    assert "5 people unless changed in a workspace's Settings" in about.text()
    about.close()


def test_the_title_bar_names_the_organisation_and_the_picker_the_folder(
    qtbot, demo_workspace
) -> None:
    window = open_window(qtbot, demo_workspace)
    assert window.windowTitle() == "Northwind Diagnostics — Rapport"  # was "northwind — …"
    assert window.picker.toolTip() == str(demo_workspace)
    window.close_workspace()
    assert window.windowTitle() == "Rapport"
    assert window.picker.toolTip() == ""


def test_delete_all_like_it_groups_its_counts(open_panel, qtbot) -> None:
    """The question and the end message said "20000" where the window says "20,000"."""
    bulk = open_panel(PulsesPanel).inbox._delete_like
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        asked.append(box.text())
        box.button(QMessageBox.Cancel).click()

    QTimer.singleShot(0, answer)
    assert not bulk.ask("it is not a Rapport sealed file", 20000)
    assert "the 20,000 files in this quarantine" in asked[0]
    said: list[str] = []
    bulk.said.connect(said.append)
    bulk._names = ["x"] * 21500
    bulk._stop.set()
    bulk._done(20000, "")
    assert said == ["Deleted 20,000 quarantined files. Stopped: 1,500 like them are left."]
