"""File › Close workspace (Ctrl+W): back to the welcome page, nothing of the workspace kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.app import startup_workspace
from desktop_app.settings import load_settings, recent_workspaces
from tests.desktop_app.hr_helpers import ANALYSIS_TIMEOUT_MS, open_window


def _shown_text(window) -> str:
    """Every text the sections' tables and forms hold (for what must be gone)."""
    from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QPlainTextEdit

    texts = []
    for panel in [*window.panels, window.pair_page]:
        texts += [w.text() for w in panel.findChildren(QLabel)]
        texts += [w.text() for w in panel.findChildren(QLineEdit)]
        texts += [w.toPlainText() for w in panel.findChildren(QPlainTextEdit)]
        for view in panel.findChildren(QAbstractItemView):
            model = view.model()
            if model is None:
                continue
            for row in range(min(model.rowCount(), 50)):
                for column in range(model.columnCount()):
                    texts.append(str(model.index(row, column).data() or ""))
    return "\n".join(texts)


def test_close_workspace_returns_to_the_welcome_page_with_nothing_kept(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    window.show_section("comments")
    assert window.close_action.isEnabled() and window.close_action.shortcut().toString() == "Ctrl+W"
    # the hidden sections are filled when their reads answer (not waited for)
    qtbot.waitUntil(lambda: "Ana Duarte" in _shown_text(window), timeout=5000)
    before = _shown_text(window)
    assert "Northwind Diagnostics" in before and "Ana Duarte" in before  # organisation, a name
    window.show_section("settings")
    pulses = window.panel("pulses")
    pulses.tickets._passphrase = "typed for signing"  # noqa: SLF001
    pulses.programme_box.runner.unlock("typed for the programme")
    old_panels = list(window.panels)
    qtbot.keyClick(window, Qt.Key_W, Qt.ControlModifier)
    assert window.context.path is None and window.context.result is None
    assert window.stack.currentWidget() is window.welcome
    assert QApplication.focusWidget() is window.welcome.new_button
    assert window.windowTitle() == "Rapport"
    assert window.analysis_label.text() == "" and window.participation_label.text() == ""
    assert window.picker.currentText() == "No workspace open"
    for action in (window.close_action, window.run_action, window.export_action):
        assert not action.isEnabled()
    assert not window.sidebar.isEnabled()
    assert all(panel not in window.panels for panel in old_panels)
    after = _shown_text(window)
    assert "Northwind" not in after and "Ana Duarte" not in after and "2026-10" not in after
    assert not pulses.tickets.signing and not pulses.programme_box.runner.unlocked
    # The workspace is still a recent one to pick, but the next start shows the welcome page.
    settings = load_settings()
    assert recent_workspaces(settings) == [str(demo_workspace)]
    assert startup_workspace(None, settings) is None
    assert startup_workspace(str(demo_workspace), settings) == str(demo_workspace)
    qtbot.keyClick(window, Qt.Key_W, Qt.ControlModifier)  # nothing open: nothing happens
    assert window.stack.currentWidget() is window.welcome
    # Go › a section has nothing to show: greyed out, and Ctrl+3 moves no highlight in the
    # greyed-out sections list.
    assert not any(action.isEnabled() for action in window.go_actions)
    row = window.sidebar.currentRow()
    qtbot.keyClick(window, Qt.Key_3, Qt.ControlModifier)
    assert window.sidebar.currentRow() == row and window.stack.currentWidget() is window.welcome
    # Opened again, every section works as before.
    with qtbot.waitSignal(window.context.analysis_finished, timeout=ANALYSIS_TIMEOUT_MS):
        window.welcome.recent_chosen.emit(str(demo_workspace))
    assert window.stack.currentWidget() is window.panel("settings")
    assert window.panel("settings").organisation.name.text() == "Northwind Diagnostics"
    assert startup_workspace(None, load_settings()) == str(demo_workspace)
    assert all(action.isEnabled() for action in window.go_actions)
    qtbot.keyClick(window, Qt.Key_3, Qt.ControlModifier)
    qtbot.waitUntil(lambda: window.panel("comments").model.rowCount() > 0)


def test_a_job_that_ends_after_close_workspace_touches_nothing(qtbot, demo_workspace):
    # A job that cannot stop (reading a file) finishes after File › Close workspace: its
    # slots belonged to sections that are gone, and must neither raise (the C++ object is
    # deleted) nor start an analysis of no workspace.
    import threading

    from desktop_app.context import Changes

    window = open_window(qtbot, demo_workspace)
    settings = window.panel("settings")
    started, release = threading.Event(), threading.Event()
    ran = []

    def work(folder, _progress):
        started.set()
        release.wait(10)
        ran.append(folder)
        return type("Report", (), {"summary": lambda self: "Imported 3 names."})()

    job = settings._import_file("Import name list", work, Changes(settings=True), analyse=True)  # noqa: SLF001
    qtbot.waitUntil(started.is_set)
    failed = []
    job.failed.connect(failed.append)
    window.close_workspace()
    analyses = []
    window.context.runner.job_started.connect(analyses.append)
    with qtbot.waitSignal(job.ended, timeout=10_000):
        release.set()
    qtbot.wait(50)
    assert ran == [demo_workspace]  # the work itself ran on the workspace it was given
    assert analyses == [] and window.context.path is None and failed == []
    assert window.stack.currentWidget() is window.welcome


def test_a_job_of_the_previous_workspace_ends_unseen_in_the_next(
    qtbot, demo_workspace, workspace, monkeypatch
):
    # Opening another workspace (File › Open, or a recent one) while a names import of the
    # first still runs: when it ends, it must not analyse or write into the second.
    import threading

    from PySide6.QtWidgets import QMessageBox

    from desktop_app.context import Changes

    boxes = []  # a message box would wait for a click that never comes
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda *args, **kwargs: boxes.append(args))
    window = open_window(qtbot, demo_workspace)
    settings = window.panel("settings")
    started, release = threading.Event(), threading.Event()

    def work(folder, _progress):
        started.set()
        release.wait(10)
        return type("Report", (), {"summary": lambda self: "Imported 3 names."})()

    job = settings._import_file("Import name list", work, Changes(settings=True), analyse=True)  # noqa: SLF001
    qtbot.waitUntil(started.is_set)
    assert window.open_workspace(str(workspace))
    analyses = []
    window.context.runner.job_started.connect(analyses.append)
    with qtbot.waitSignal(job.ended, timeout=10_000):
        release.set()
    qtbot.wait(50)
    assert window.context.path == workspace
    assert analyses == []  # no analysis of the second workspace was started by the first's job
    assert "Imported 3 names" not in settings.message.text() and boxes == []
