"""Settings: import a roster and a name list; the imported names redact comments."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop_app.panels.settings_panel import SettingsPanel
from surveys.store import departments, open_workspace


def _pick(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def previewed(qtbot, panel):
    """The preview dialog the import button opened, once it has read the file."""
    from desktop_app.hr_file_dialog import HrFileDialog

    def shown():
        return [d for d in panel.findChildren(HrFileDialog) if d.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()))
    dialog = shown()[-1]
    qtbot.waitUntil(lambda: not dialog.reading(), timeout=30000)
    return dialog


def import_previewed(qtbot, panel):
    dialog = previewed(qtbot, panel)
    assert dialog.import_button.isEnabled(), dialog.preview.toPlainText()
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)


def test_import_roster_sets_headcounts(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    panel = open_panel(SettingsPanel)
    roster = tmp_path / "hr.csv"
    roster.write_text(
        "Employee;Team\n" + "".join(f"P{i};Sales\n" for i in range(33)), encoding="utf-8"
    )
    _pick(monkeypatch, roster)
    qtbot.mouseClick(panel.findChild(type(panel.passphrase_button), "importRoster"), Qt.LeftButton)
    assert previewed(qtbot, panel).preview.toPlainText().startswith("Would set 1 headcount")
    import_previewed(qtbot, panel)
    qtbot.waitUntil(lambda: panel.message.text().startswith("Set 1 headcount (counted from one"))
    db = open_workspace(demo_workspace)
    counts = {d.name: d.headcount for d in departments(db)}
    db.close()
    assert counts["Sales"] == 33
    sales_row = next(
        r
        for r in range(panel.departments.rowCount())
        if panel.departments.item(r, 0).text() == "Sales"
    )
    assert panel.departments.item(sales_row, 1).text() == "33"


def test_import_names_then_the_analysis_redacts_them(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    from analysis.privacy_settings import redaction_names

    panel = open_panel(SettingsPanel)
    names = tmp_path / "staff.csv"
    names.write_text(
        "First name,Last name\nJosé,Okonkwo-Reyes\nMarta,Lindqvist\n", encoding="utf-8"
    )
    _pick(monkeypatch, names)
    qtbot.mouseClick(panel.findChild(type(panel.passphrase_button), "importNames"), Qt.LeftButton)
    assert previewed(qtbot, panel).preview.toPlainText().startswith("Would store 2 names")
    with qtbot.waitSignal(panel.context.analysis_finished, timeout=60000):
        import_previewed(qtbot, panel)
    assert panel.message.text().startswith("Stored 2 names for redaction")
    assert panel.imported_names.text() == "2 names imported from a list."
    assert "jose" not in panel.names.toPlainText()  # the typed list is shown apart
    db = open_workspace(demo_workspace)
    try:
        assert {"jose okonkwo-reyes", "marta lindqvist"} <= set(redaction_names(db))
    finally:
        db.close()
    from tests.desktop_app.test_names_words_dialog import _answer

    _answer("Clear 2 names", [])
    qtbot.mouseClick(panel.clear_names_button, Qt.LeftButton)
    assert panel.imported_names.text() == "0 names imported from a list."
    assert not panel.clear_names_button.isEnabled()


def test_a_file_is_read_off_the_window_thread_and_its_problems_are_said(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    import threading

    import surveys.importing as roster_module

    panel = open_panel(SettingsPanel)
    threads = []
    real = roster_module.import_roster

    def watched(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(roster_module, "import_roster", watched)
    roster = tmp_path / "hr.csv"
    roster.write_bytes(b"department,headcount\nSales,12\n" + b"x" * (17 * 1024 * 1024) + b"\n")
    _pick(monkeypatch, roster)
    qtbot.mouseClick(panel.findChild(type(panel.passphrase_button), "importRoster"), Qt.LeftButton)
    dialog = previewed(qtbot, panel)
    assert "longer than 16 MiB" in dialog.preview.toPlainText()
    # Before: read on the window's thread, which a slow file (a sparse workbook of 16,384
    # columns takes minutes) kept frozen, with no way to stop it.
    assert threads and threads[0] is not threading.main_thread()
    assert "Nothing was changed." in dialog.preview.toPlainText()
    assert not dialog.import_button.isEnabled()


def test_a_files_problem_is_said_once_in_the_section_not_in_a_box_too(
    demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    # The message line under the buttons says it; the window's box for failed jobs said it
    # a second time, over the section, since the import became a job.
    from PySide6.QtWidgets import QMessageBox

    from tests.desktop_app.hr_helpers import open_window

    window = open_window(qtbot, demo_workspace)
    boxes = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: boxes.append(args))
    panel = window.panel("settings")
    roster = tmp_path / "hr.csv"
    roster.write_text("Colour,Size\nred,4\n", encoding="utf-8")
    job = panel.run_roster_import(str(roster))
    with qtbot.waitSignal(job.ended, timeout=10_000):
        pass
    qtbot.wait(50)  # the window's box is opened from the event loop
    assert "no department column found" in panel.message.text()
    assert "Rename that column 'Department' in the file" in panel.message.text()
    assert boxes == []
