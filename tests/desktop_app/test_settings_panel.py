"""Settings: thresholds never below 3, departments edited with validation, names stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QPushButton

from analysis.privacy_settings import save_thresholds
from desktop_app.panels.settings_panel import SettingsPanel
from surveys.errors import SettingsError
from surveys.store import departments, get_setting, open_workspace


def _setting(folder, key):
    db = open_workspace(folder)
    try:
        return get_setting(db, key)
    finally:
        db.close()


def test_a_threshold_below_three_is_refused(open_panel, demo_workspace, qtbot) -> None:
    panel = open_panel(SettingsPanel)
    spin = panel.min_group
    assert spin.minimum() == 3
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "2")
    spin.interpretText()
    qtbot.keyClick(spin, Qt.Key_Return)
    assert spin.value() == 5  # "2" is not accepted: the stored 5 stays
    for _ in range(4):
        qtbot.keyClick(spin, Qt.Key_Down)
    assert spin.value() == 3  # stepping down stops at 3
    assert "minimum is 3" in panel.findChild(QLabel, "thresholdNote").text()
    db = open_workspace(demo_workspace)
    with pytest.raises(SettingsError, match="below 3"):
        save_thresholds(db, 2, 5)
    db.close()
    assert _setting(demo_workspace, "min_group") is None  # nothing was stored


def test_saving_thresholds_and_names_stores_them_and_reanalyses(
    open_panel, demo_workspace, qtbot
) -> None:
    panel = open_panel(SettingsPanel)
    panel.min_group.setValue(7)
    panel.min_comment_group.setValue(6)
    panel.names.setPlainText("Ana Duarte\n\n  Zoe Quill \nAna Duarte")
    with qtbot.waitSignal(panel.context.analysis_finished, timeout=30000) as blocker:
        qtbot.mouseClick(panel.findChild(QPushButton, "savePrivacy"), Qt.LeftButton)
    assert _setting(demo_workspace, "min_group") == 7
    assert _setting(demo_workspace, "min_comment_group") == 6
    assert _setting(demo_workspace, "redaction_names") == ["Ana Duarte", "Zoe Quill"]
    assert blocker.args[0].min_group == 7


def test_departments_add_rename_and_refused_removal(open_panel, demo_workspace) -> None:
    panel = open_panel(SettingsPanel)
    assert panel.add_department("Finance", 12)
    assert not panel.add_department("sales")  # the same name in other letters
    assert "already exists" in panel.message.text()
    names = [panel.departments.item(r, 0).text() for r in range(panel.departments.rowCount())]
    assert names[-1] == "Finance"
    panel.departments.item(len(names) - 1, 0).setText("Finance & Legal")
    panel.departments.item(len(names) - 1, 1).setText("many")
    assert "whole number" in panel.message.text()
    assert panel.departments.item(len(names) - 1, 1).text() == "12"  # put back
    panel.departments.setCurrentCell(0, 0)  # Sales: has answers
    assert not panel.remove_selected()
    assert "cannot be removed" in panel.message.text()
    panel.departments.setCurrentCell(len(names) - 1, 0)
    assert panel.remove_selected()
    db = open_workspace(demo_workspace)
    final = [d.name for d in departments(db)]
    db.close()
    assert final == ["Sales", "IT", "Marketing", "Operations"]


def _png(path, size=(300, 100)):
    from PIL import Image

    Image.new("RGB", size, "#2f6fad").save(path)
    return path


def test_organisation_name_is_saved_and_an_empty_one_refused(
    open_panel, demo_workspace, qtbot
) -> None:
    panel = open_panel(SettingsPanel)
    box = panel.organisation
    assert box.name.text() == "Northwind Diagnostics"
    box.name.clear()
    qtbot.mouseClick(panel.findChild(QPushButton, "saveOrganisation"), Qt.LeftButton)
    assert "name is empty" in panel.message.text()
    assert _setting(demo_workspace, "organisation") == "Northwind Diagnostics"
    qtbot.keyClicks(box.name, "  Contoso   Health ")
    with qtbot.waitSignal(panel.context.analysis_finished, timeout=30000) as blocker:
        qtbot.keyClick(box.name, Qt.Key_Return)
    assert _setting(demo_workspace, "organisation") == "Contoso Health"
    assert panel.message.text() == "Organisation name saved."
    assert blocker.args[0].organisation == "Contoso Health"


def test_the_logo_limit_never_wraps_between_number_and_unit(open_panel, qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    panel = open_panel(SettingsPanel)
    [hint] = [w for w in panel.organisation.findChildren(QLabel) if "at most 2" in w.text()]
    assert "2\u00a0MB" in hint.text()  # "2" ended one line and "MB" began the next


def test_a_logo_is_chosen_checked_and_stored_in_the_workspace(
    open_panel, demo_workspace, qtbot, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    panel = open_panel(SettingsPanel)
    box = panel.organisation
    remove = panel.findChild(QPushButton, "removeLogo")
    assert box.preview.text() == "No logo" and not remove.isEnabled()
    chosen = [tmp_path / "fake.png"]
    chosen[0].write_text("not a picture")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(chosen[0]), "")
    )
    qtbot.mouseClick(panel.findChild(QPushButton, "chooseLogo"), Qt.LeftButton)
    assert "not a readable image" in panel.message.text()
    assert not (demo_workspace / "logo.png").exists()
    chosen[0] = _png(tmp_path / "brand.png")
    qtbot.mouseClick(panel.findChild(QPushButton, "chooseLogo"), Qt.LeftButton)
    assert (demo_workspace / "logo.png").read_bytes() == chosen[0].read_bytes()
    assert "Logo saved" in panel.message.text()
    assert not box.preview.pixmap().isNull() and box.preview.pixmap().width() <= 240
    assert remove.isEnabled()
    qtbot.mouseClick(remove, Qt.LeftButton)
    assert not (demo_workspace / "logo.png").exists() and box.preview.text() == "No logo"


def test_buttons_keep_their_natural_width_under_the_fields(open_panel, qtbot) -> None:
    panel = open_panel(SettingsPanel)
    panel.resize(1300, 900)
    qtbot.waitUntil(lambda: panel.width() == 1300)
    save = panel.findChild(QPushButton, "savePrivacy")
    passphrase = panel.passphrase_button
    for button, field in ((save, panel.names), (passphrase, panel.share)):
        qtbot.waitUntil(button.isVisible)
        assert button.width() <= button.sizeHint().width() + 2, button.objectName()
        assert field.width() > 3 * button.width()  # the field beside it did stretch
        left = button.mapTo(panel, button.rect().topLeft()).x()
        assert left == field.mapTo(panel, field.rect().topLeft()).x()  # in the fields' column


def test_headcounts_are_right_aligned(open_panel) -> None:
    panel = open_panel(SettingsPanel)
    table = panel.departments
    assert table.rowCount() == 4
    for row in range(table.rowCount()):
        alignment = Qt.Alignment(table.item(row, 1).textAlignment())
        assert alignment & Qt.AlignRight, table.item(row, 1).text()
        assert not Qt.Alignment(table.item(row, 0).textAlignment()) & Qt.AlignRight
    assert Qt.Alignment(table.horizontalHeaderItem(1).textAlignment()) & Qt.AlignRight


def test_the_departments_table_is_as_tall_as_its_departments(open_panel, qtbot) -> None:
    """Nine lines at least left a blank band under the demo's four departments."""
    from PySide6.QtWidgets import QApplication

    panel = open_panel(SettingsPanel)
    table = panel.departments

    def blank() -> int:
        QApplication.processEvents()
        last = table.rowCount() - 1
        return table.viewport().height() - table.rowViewportPosition(last) - table.rowHeight(last)

    assert table.rowCount() == 4 and 0 <= blank() <= 2
    assert panel.add_department("Finance", 12)  # one more: the table grows with it
    assert table.rowCount() == 5 and 0 <= blank() <= 2


def test_thresholds_say_people_and_an_empty_shared_folder_says_what_goes_there(
    qtbot, demo_workspace
) -> None:
    """A bare "5" beside "Smallest group for scores" did not say five of what, and the empty
    shared-folder field gave no hint of what it wants."""
    from tests.desktop_app.hr_helpers import open_window

    window = open_window(qtbot, demo_workspace)
    qtbot.keyClick(window, Qt.Key_7, Qt.ControlModifier)
    panel = window.panel("settings")
    qtbot.waitUntil(lambda: panel.min_group.value() == 5)
    assert panel.min_group.text() == "5 people"
    assert panel.min_comment_group.text() == "5 people"
    assert panel.min_group.width() >= panel.min_group.sizeHint().width()  # not cut
    assert panel.share.text() == "" and "file server" in panel.share.placeholderText()


def test_saving_one_group_keeps_what_is_typed_in_the_others(
    open_panel, demo_workspace, qtbot
) -> None:
    panel = open_panel(SettingsPanel)
    panel.names.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(panel.names, Qt.Key_Return)
    qtbot.keyClicks(panel.names, "Karin Olsen")  # typed, not saved yet
    panel.min_comment_group.setValue(6)
    qtbot.keyClicks(panel.share, "/srv/rapport-share")
    box = panel.organisation
    box.name.selectAll()
    qtbot.keyClicks(box.name, "  Contoso   Health ")
    with qtbot.waitSignal(panel.context.analysis_finished, timeout=30000):
        qtbot.mouseClick(panel.findChild(QPushButton, "saveOrganisation"), Qt.LeftButton)
    assert box.name.text() == "Contoso Health"  # the saved field shows what was stored
    # The other groups still show what was typed (saving the name put the stored ones back).
    assert panel.names.toPlainText().endswith("Tom Becker\nKarin Olsen")
    assert panel.min_comment_group.value() == 6
    assert panel.share.text() == "/srv/rapport-share"
    assert "Karin Olsen" not in _setting(demo_workspace, "redaction_names")
    qtbot.keyClicks(box.name, " Group")
    panel.departments.item(3, 1).setText("61")  # a headcount is saved on its own
    assert panel.message.text() == "Headcount of Operations saved."
    assert box.name.text() == "Contoso Health Group"
    assert panel.names.toPlainText().endswith("Karin Olsen")
    with qtbot.waitSignal(panel.context.analysis_finished, timeout=30000):
        qtbot.mouseClick(panel.findChild(QPushButton, "savePrivacy"), Qt.LeftButton)
    assert "Karin Olsen" in _setting(demo_workspace, "redaction_names")
    assert _setting(demo_workspace, "min_comment_group") == 6


def _answer_box(qtbot, button_text: str, seen: list[str]) -> None:
    """Press ``button_text`` in the question that is about to be asked."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def press() -> None:
        box = QApplication.activeModalWidget()
        if box is None or box.objectName() != "discardTypedBox":
            QTimer.singleShot(20, press)
            return
        seen.append(box.text())
        button = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
        assert box.defaultButton().text() == "&Go back"
        button.click()

    QTimer.singleShot(0, press)


def test_closing_with_typed_settings_asks_first(qtbot, demo_workspace) -> None:
    from tests.desktop_app.hr_helpers import open_window

    window = open_window(qtbot, demo_workspace)
    window.show_section("settings")
    panel = window.panel("settings")
    panel.names.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(panel.names, Qt.Key_Return)
    qtbot.keyClicks(panel.names, "Karin Olsen")
    window.show_section("overview")
    seen: list[str] = []
    _answer_box(qtbot, "Go back", seen)
    window.close()  # the window's close button
    assert window.isVisible() and window.stack.currentWidget() is panel
    assert seen == ["Changes you typed in Settings are not saved: the names to redact."]
    assert panel.names.toPlainText().endswith("Karin Olsen")
    _answer_box(qtbot, "Go back", seen)
    window.close_workspace()  # File › Close workspace
    assert window.context.path is not None
    _answer_box(qtbot, "Discard changes", seen)
    window.close_workspace()
    assert window.context.path is None and len(seen) == 3
    assert "Karin Olsen" not in _setting(demo_workspace, "redaction_names")
    assert window.open_workspace(str(demo_workspace))  # nothing typed: no question
    window.close()
    assert not window.isVisible() and len(seen) == 3


def test_the_workspace_picker_asks_about_typed_settings_only_to_leave(
    qtbot, demo_workspace, workspace, monkeypatch
) -> None:
    """Choosing another workspace in the picker asks before typed settings are lost; the
    open one chosen again (a click on the picker's first row) asks nothing and loses
    nothing."""
    from desktop_app import main_window
    from desktop_app.settings import load_settings
    from tests.desktop_app.hr_helpers import ANALYSIS_TIMEOUT_MS, open_window

    asked: list[list[str]] = []
    monkeypatch.setattr(main_window, "discard_typed", lambda _p, _w, typed: asked.append(typed))
    window = open_window(qtbot, demo_workspace)
    with qtbot.waitSignal(window.context.analysis_finished, timeout=ANALYSIS_TIMEOUT_MS):
        assert window.open_workspace(str(workspace))  # made a recent workspace
        assert window.open_workspace(str(demo_workspace))
    panel = window.panel("settings")
    qtbot.waitUntil(lambda: not panel.reads.pending(), timeout=5000)  # hidden: not waited for
    panel.names.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(panel.names, "Karin Olsen")
    picker = window.picker
    assert picker.itemData(0) == str(demo_workspace)
    picker.activated.emit(0)  # the open workspace, chosen again
    assert asked == [] and window.context.path == demo_workspace
    assert panel.names.toPlainText().endswith("Karin Olsen")
    row = picker.findData(str(workspace))
    assert row > 0 and str(workspace) in load_settings().recent_workspaces
    picker.activated.emit(row)  # another one: asked, and "Go back" (None) keeps it open
    assert asked == [["the names to redact"]] and window.context.path == demo_workspace
    assert picker.itemData(picker.currentIndex()) == str(demo_workspace)
    assert panel.names.toPlainText().endswith("Karin Olsen")
    panel.reload()  # nothing typed left: the window's close asks nothing


def test_new_workspace_asks_about_typed_settings_before_it_makes_one(
    qtbot, demo_workspace, monkeypatch
) -> None:
    """File › New workspace… (and Open the demo organisation) ask first: asked only after
    the new workspace was made, "Go back" left a new folder opened nowhere and listed
    nowhere."""
    from desktop_app import main_window
    from desktop_app.new_workspace_dialog import NewWorkspaceDialog
    from tests.desktop_app.hr_helpers import open_window

    asked: list[list[str]] = []
    shown: list[NewWorkspaceDialog] = []
    monkeypatch.setattr(main_window, "discard_typed", lambda _p, _w, typed: asked.append(typed))
    monkeypatch.setattr(NewWorkspaceDialog, "exec", lambda self: shown.append(self) or 0)
    window = open_window(qtbot, demo_workspace)
    panel = window.panel("settings")
    qtbot.waitUntil(lambda: not panel.reads.pending(), timeout=5000)  # hidden: not waited for
    panel.names.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(panel.names, "Karin Olsen")
    assert window.new_workspace() is None  # "Go back": no dialog, nothing made
    assert asked == [["the names to redact"]] and shown == []
    assert window.stack.currentWidget() is panel
    built: list[str] = []
    monkeypatch.setattr(window, "open_workspace", built.append)
    monkeypatch.setattr(window.context.runner, "submit_process", lambda *a: built.append(a))
    assert window.open_demo() is None  # the same for File › Open the demo organisation
    assert len(asked) == 2 and built == []
    assert panel.names.toPlainText().endswith("Karin Olsen")
    panel.reload()  # nothing typed left: the window's close asks nothing


def test_the_form_stays_readable_on_a_wide_screen(qtbot, demo_workspace) -> None:
    """At 2560 pixels the form ran the whole width: each headcount some 2,000 pixels from
    its department. On a laptop window it still uses the whole page."""
    from desktop_app.panels.settings_panel import MAX_FORM_CHARS
    from tests.desktop_app.hr_helpers import open_window

    window = open_window(qtbot, demo_workspace)
    window.show_section("settings")
    panel = window.panel("settings")
    body = panel.organisation.parentWidget()
    window.resize(1360, 840)
    qtbot.waitUntil(lambda: body.width() >= body.parentWidget().width() - 2)  # all of it
    window.resize(2560, 1400)
    limit = MAX_FORM_CHARS * body.fontMetrics().averageCharWidth()
    qtbot.waitUntil(lambda: body.parentWidget().width() > limit + 500)
    assert body.width() == limit


def test_the_stored_logo_is_shown_from_the_bytes_read_off_the_gui_thread(
    open_panel, demo_workspace, tmp_path, monkeypatch
) -> None:
    """The Settings section's read brings the logo's bytes with the settings, so showing it
    does not read the workspace's folder on the GUI thread."""
    from PySide6.QtGui import QColor, QImage

    from analysis.export.branding import save_logo

    image = QImage(40, 20, QImage.Format_RGB32)
    image.fill(QColor("teal"))
    source = tmp_path / "logo.png"
    assert image.save(str(source))
    save_logo(demo_workspace, source)
    opened = []
    from PySide6 import QtGui

    real = QtGui.QPixmap
    monkeypatch.setattr(
        "desktop_app.panels.organisation_box.QPixmap",
        lambda *args: opened.append(args) or real(*args),
    )
    panel = open_panel(SettingsPanel)
    box = panel.organisation
    assert not box.preview.pixmap().isNull() and box.remove.isEnabled()
    assert all(not args for args in opened)  # never QPixmap(path): the bytes were used


def test_what_is_typed_survives_a_reload_whose_read_answers_late(
    open_panel, demo_workspace, qtbot, monkeypatch, gate
) -> None:
    """Another section saved a setting while the folder was slow: the Settings read came
    after the form had put back what was typed, and the stored values overwrote it."""
    from desktop_app import bounded_read
    from desktop_app.context import Changes
    from desktop_app.panels import settings_panel
    from tests.desktop_app.slow_reads import hanging

    panel = open_panel(SettingsPanel)
    qtbot.keyClicks(panel.share, "/srv/typed-not-saved")
    panel.min_comment_group.setValue(7)
    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.0)
    monkeypatch.setattr(
        settings_panel, "read_settings", hanging(settings_panel.read_settings, gate)
    )
    panel.context.data_changed.emit(Changes(settings=True), object())  # not its own edit
    assert panel.reads.pending("settings")
    gate.set()
    qtbot.waitUntil(lambda: not panel.reads.pending(), timeout=5000)
    assert panel.share.text().endswith("/srv/typed-not-saved")
    assert panel.min_comment_group.value() == 7
    assert sorted(panel.unsaved())  # leaving the workspace still asks about them


def test_another_workspace_opening_slowly_cannot_be_saved_with_the_previous_ones_form(
    open_panel, qtbot, monkeypatch, tmp_path, gate
) -> None:
    """Its read waits for a slow folder: the form still showed the previous workspace's
    settings, and a Save wrote them (names to redact, thresholds, departments) into the
    workspace just opened."""
    from desktop_app import bounded_read
    from desktop_app.panels import settings_panel
    from surveys.store import create_workspace
    from tests.desktop_app.slow_reads import hanging

    create_workspace(tmp_path / "other").close()
    panel = open_panel(SettingsPanel)
    save = panel.findChild(QPushButton, "savePrivacy")
    assert save.isEnabled() and panel.names.toPlainText()
    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.0)
    monkeypatch.setattr(
        settings_panel, "read_settings", hanging(settings_panel.read_settings, gate)
    )
    panel.context.open(tmp_path / "other")
    assert not save.isEnabled() and not panel.departments.isEnabled()
    assert not panel.organisation.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: not panel.reads.pending(), timeout=5000)
    assert save.isEnabled() and panel.names.toPlainText() == ""


def test_what_a_save_said_stays_once_a_slow_read_has_answered(
    open_panel, qtbot, monkeypatch, gate
) -> None:
    """On a slow folder the message line said that the section waits, and once the read
    answered it was emptied: "Headcount of Operations saved." was gone."""
    from desktop_app import bounded_read
    from desktop_app.panels import settings_panel
    from desktop_app.section_reads import waiting_text
    from tests.desktop_app.slow_reads import hanging

    panel = open_panel(SettingsPanel)
    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.0)
    slow = hanging(settings_panel.read_settings, gate)
    monkeypatch.setattr(settings_panel, "read_settings", slow)
    # What the line says, in turn (polled, its first words were missed on a loaded machine).
    said: list[str] = []
    set_text = QLabel.setText
    monkeypatch.setattr(
        QLabel, "setText", lambda w, t: (w is panel.message and said.append(t), set_text(w, t))
    )
    panel.departments.item(3, 1).setText("61")  # saved on its own, then read back
    # No wait at all: the write too ends after this returns (off the GUI thread).
    saved = "Headcount of Operations saved."
    reading = waiting_text()  # "… its folder is slow to answer …"
    qtbot.waitUntil(lambda: reading in said, timeout=10_000)
    assert saved in said[: said.index(reading)]  # said before the read back waited
    gate.set()
    qtbot.waitUntil(lambda: not panel.reads.pending(), timeout=5000)
    qtbot.wait(50)
    assert panel.message.text() == "Headcount of Operations saved."


def test_a_department_smaller_than_the_threshold_is_said(open_panel, qtbot) -> None:
    """A department of fewer people than the smallest group for scores can never have its
    ratings of others shown; nothing said so."""
    panel = open_panel(SettingsPanel)
    note = panel.findChild(QLabel, "settingsSmallGroups")
    assert note is not None and note.isHidden()  # the demo's departments have 15 or more
    panel.min_group.setValue(20)  # as typed, before it is saved
    assert note.isVisible()
    assert note.text() == (
        "Marketing has a headcount of 15, fewer than the smallest group for scores (20): how "
        "Marketing rates other departments can never be shown. How the others rate Marketing "
        "still can."
    )
    panel.min_group.setValue(5)
    assert note.isHidden()
    table = panel.departments
    row = [table.item(r, 0).text() for r in range(table.rowCount())].index("IT")
    table.item(row, 1).setText("4")  # as typed in the cell: saved, then read again
    qtbot.waitUntil(lambda: note.isVisible(), timeout=10_000)
    assert note.text().startswith("IT has a headcount of 4, fewer than the smallest group")
    panel.min_group.setValue(30)
    assert note.text().startswith(
        "IT (4) and Marketing (15) have fewer people than the smallest group for scores (30)"
    )
