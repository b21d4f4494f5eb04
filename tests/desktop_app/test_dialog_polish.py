"""The dialogs an analyst meets after the sections (polish6): read in order, fit their
titles, and say what their buttons do."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from desktop_app.passphrase_dialog import PassphraseDialog


def _label_with(dialog, words: str) -> QLabel:
    return next(label for label in dialog.findChildren(QLabel) if words in label.text())


def test_a_first_publish_shows_the_folder_under_its_purpose_then_the_note(qtbot):
    dialog = PassphraseDialog(
        "Publishing wave 2026-12 to the shared folder:", new=True, path="/srv/share"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    purpose = _label_with(dialog, "to the shared folder:")
    note = _label_with(dialog, "This is the first wave published")
    path = dialog.path_label
    # "… to the shared folder:" then the folder, then what the passphrase is for: the path
    # used to come after the note, a line that named a folder with no sentence before it.
    assert purpose is not note
    assert purpose.geometry().bottom() < path.geometry().top()
    assert path.geometry().bottom() < note.geometry().top()
    # and no blank band between them: the dialog was as tall as its text wrapped narrower
    line = dialog.fontMetrics().height()
    assert path.geometry().top() - purpose.geometry().bottom() < line
    assert note.geometry().top() - path.geometry().bottom() < line
    assert note.width() >= dialog.fontMetrics().averageCharWidth() * 70  # not a column


def test_add_department_is_as_wide_as_its_title_bar_needs(qtbot, open_panel):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    from desktop_app.panels.settings_panel import SettingsPanel
    from desktop_app.widgets.dialog_width import title_width

    panel = open_panel(SettingsPanel)
    seen = {}

    def answer() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QInputDialog) and w.isVisible()
        )
        seen["width"], seen["needs"] = dialog.width(), title_width(dialog)
        seen["label"] = dialog.labelText()
        seen["button"] = dialog.okButtonText()
        dialog.setTextValue("Finance")
        dialog.accept()

    QTimer.singleShot(0, answer)
    assert panel.add_department()
    # QInputDialog.getText was 202 pixels wide: the title bar showed "Add d… apport".
    assert seen["width"] >= seen["needs"]
    assert seen["label"] == "Name of the new department:"
    assert seen["button"] == "&Add"  # it said "OK" (polish17)
    assert "Finance" in panel.message.text()


def test_a_wrong_passphrase_is_said_in_full_under_the_field(qtbot):
    from surveys.keys import WrongPassphraseError

    def check(_text: str) -> None:
        raise WrongPassphraseError("wrong")

    dialog = PassphraseDialog(
        "Opening the sealed answers in the shared inbox:", path="/srv/share/inbox", check=check
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.passphrase_edit.setText("not the passphrase")
    dialog.accept()
    error = dialog.error
    assert error.text().startswith("Wrong passphrase")
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()))
    assert error.geometry().bottom() < dialog.buttons.geometry().top()


def test_a_template_s_problems_grow_the_new_wave_dialog_not_squeeze_its_list(
    open_panel, tmp_path, qtbot
):
    from desktop_app.panels.pulses_panel import PulsesPanel

    panel = open_panel(PulsesPanel)
    dialog = panel.new_wave()
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    listed = dialog.targets.height()
    height = dialog.height()
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "key: mine\ntitle: Mine\nquestions:\n  - id: timely\n    text: How timely\n"
        "    scale: wrong\n  - id: x\n",
        encoding="utf-8",
    )
    assert not dialog.load_template(str(bad))
    assert dialog.error.text().count("\n") >= 3  # a problem a line
    # what to do in the dialog's words: there is no "validate" here, only Load template…
    assert "fix them and try again:" in dialog.error.text()
    assert "validate" not in dialog.error.text()
    qtbot.waitUntil(lambda: dialog.height() > height)
    # The four departments stay in view: the list was squeezed to two rows and a scroll bar.
    assert dialog.targets.height() >= listed
    error = dialog.error
    assert error.height() >= error.heightForWidth(error.width())


def test_setting_up_a_shared_folder_is_asked_with_set_it_up_and_cancel(open_panel, tmp_path, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop_app.panels.pulses_panel import PulsesPanel

    panel = open_panel(PulsesPanel)
    seen = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen["buttons"] = sorted(b.text() for b in box.buttons())
        seen["default"] = box.defaultButton().text()
        box.defaultButton().click()

    QTimer.singleShot(0, answer)
    assert panel.confirm_share(tmp_path / "not-mounted") is None
    # It offered "Set it up" and "No"; every other question names its action and Cancel.
    assert seen == {"buttons": ["&Set it up", "Cancel"], "default": "Cancel"}
    assert not (tmp_path / "not-mounted").exists()
