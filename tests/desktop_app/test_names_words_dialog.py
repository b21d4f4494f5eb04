"""Settings' name-list preview lists the entries that are ordinary words or department
names, each with a tick to leave it out; Clear imported names asks first and says what it
undoes (twelfth polish round)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from desktop_app.panels.settings_panel import SettingsPanel
from surveys.importing.names import stored_names
from surveys.store import open_workspace
from tests.desktop_app.test_settings_import import previewed


def _names(folder) -> set[str]:
    db = open_workspace(folder)
    try:
        return set(stored_names(db))
    finally:
        db.close()


def _preview(qtbot, panel, monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(panel.findChild(QPushButton, "importNames"), Qt.LeftButton)
    return previewed(qtbot, panel)


def test_the_preview_lists_word_entries_and_a_ticked_one_is_left_out(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    """The entries "Slow Rude" and "Never Helpful" were imported as names without a word, and every
    "slow" of every comment became [name]."""
    path = tmp_path / "staff.csv"
    path.write_text("Name\nSlow Rude\nNever Helpful\nAmara Okafor\n", encoding="utf-8")
    panel = open_panel(SettingsPanel)
    dialog = _preview(qtbot, panel, monkeypatch, path)
    assert dialog.words.isVisible() and dialog.words_label.isVisible()
    rows = [dialog.words.item(row) for row in range(dialog.words.count())]
    assert [item.text() for item in rows] == [
        "Never Helpful (helpful, never: ordinary words)",
        "Slow Rude (rude, slow: ordinary words)",
    ]
    assert all(item.checkState() == Qt.Unchecked for item in rows)  # HR's list: kept at first
    assert "2 entries of the file are an ordinary word" in dialog.preview.toPlainText()
    assert "Tick those that are not people below" in dialog.preview.toPlainText()
    rows[1].setCheckState(Qt.Checked)
    with qtbot.waitSignal(panel.context.analysis_finished, timeout=60000):
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert "Left out: 1; the other 1 is kept as a name" in panel.message.text()
    assert _names(demo_workspace) == {"never helpful", "amara okafor"}


def test_a_list_of_people_shows_no_word_list(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("Name\nAmara Okafor\nGrace Hopper\n", encoding="utf-8")
    dialog = _preview(qtbot, open_panel(SettingsPanel), monkeypatch, path)
    assert not dialog.words.isVisible() and not dialog.words_label.isVisible()
    assert dialog.left_out() == []


def _answer(button_text: str, seen: list[str]) -> None:
    """Press ``button_text`` in the question that is about to be asked."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if box is None or box.objectName() != "clearNamesBox":
            QTimer.singleShot(20, press)
            return
        seen.append(f"{box.text()} {box.informativeText()}")
        assert box.defaultButton().text() == "&Keep the names"
        next(b for b in box.buttons() if b.text().replace("&", "") == button_text).click()

    QTimer.singleShot(0, press)


def test_clear_imported_names_asks_first(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    """Clear imported names removed them without a word: every comment showed them again
    at the next analysis."""
    from surveys.importing.names import import_names

    path = tmp_path / "staff.csv"
    path.write_text("Name\nAmara Okafor\nTomasz Nowak\n", encoding="utf-8")
    import_names(demo_workspace, path)
    panel = open_panel(SettingsPanel)
    qtbot.waitUntil(lambda: panel.clear_names_button.isEnabled())
    seen: list[str] = []
    _answer("Keep the names", seen)
    qtbot.mouseClick(panel.clear_names_button, Qt.LeftButton)
    assert seen[0].startswith("Remove the 2 imported names? Comments will show these names")
    assert panel.message.text() == "Nothing was changed: the imported names stay."
    assert len(_names(demo_workspace)) == 2
    _answer("Clear 2 names", seen)
    qtbot.mouseClick(panel.clear_names_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not _names(demo_workspace))
    qtbot.waitUntil(lambda: panel.imported_names.text() == "0 names imported from a list.")


def test_a_ticked_entry_an_earlier_import_stored_says_it_shows_again(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    """Ticking "Jane Best", stored by an earlier import, took her out of the list with
    only "Left out: 1": every comment redacted of her showed her again (review 48)."""
    from surveys.importing.names import import_names

    path = tmp_path / "staff.csv"
    path.write_text("Given,Family\nJane,Best\nSam,Rich\nAmara,Okafor\n", encoding="utf-8")
    import_names(demo_workspace, tmp_path / "staff.csv")
    path.write_text("Given,Family\nJane,Best\nSam,Rich\nKim,Best\nAmara,Okafor\n", "utf-8")
    dialog = _preview(qtbot, open_panel(SettingsPanel), monkeypatch, path)
    rows = {dialog.words.item(row).text(): dialog.words.item(row) for row in range(3)}
    again = " — imported before"
    assert set(rows) == {
        f"Jane Best (best: an ordinary word){again}",
        "Kim Best (best: an ordinary word)",
        f"Sam Rich (rich: an ordinary word){again}",
    }
    assert dialog.words_label.text().endswith(
        "a tick on one imported before takes it out of the list, and comments show it again:"
    )
    rows[f"Jane Best (best: an ordinary word){again}"].setCheckState(Qt.Checked)
    panel = dialog.parent()
    with qtbot.waitSignal(panel.context.analysis_finished, timeout=60000):
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert (
        "Taken out of the list, where an earlier import had stored it: Jane Best; comments "
        "show this name again after the next analysis."
    ) in panel.message.text()
    assert _names(demo_workspace) == {"sam rich", "kim best", "amara okafor"}
