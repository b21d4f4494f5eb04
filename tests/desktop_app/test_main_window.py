"""The HR window frame: sections, menus, status bar, recent workspaces, jobs and errors."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.desktop_app.hr_helpers import ANALYSIS_TIMEOUT_MS, make_large_workspace, open_window


@pytest.fixture
def slow_workspace(tmp_path):
    """A workspace whose first analysis takes seconds (thousands of new comments)."""
    folder = tmp_path / "slow"
    make_large_workspace(folder, waves=3, per_wave=1500, comments=4000)
    return folder


@pytest.fixture
def warnings_shown(monkeypatch):
    shown = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text)
    )
    return shown


def test_window_shows_sections_and_status(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles[:2] == ["Overview", "Relationships"]
    assert window.stack.currentWidget() is window.panel("overview")
    assert "wave 2026-10" in window.analysis_label.text()
    assert window.participation_label.text() == "80 of 140 answered (57 %)"
    assert window.windowTitle() == "Northwind Diagnostics — Rapport"
    # keyboard: Ctrl+2 goes to the second section
    qtbot.keyClick(window, Qt.Key_2, Qt.ControlModifier)
    assert window.stack.currentWidget() is window.panel("relationships")


def test_recent_workspaces_are_remembered_and_reopened(qtbot, demo_workspace):
    from desktop_app.settings import load_settings, recent_workspaces

    window = open_window(qtbot, demo_workspace)
    window.show_section("relationships")
    window.close()
    settings = load_settings()
    assert recent_workspaces(settings) == [str(demo_workspace)]
    assert settings.last_section == "relationships"
    again = open_window(qtbot, demo_workspace)
    assert again.stack.currentWidget() is again.panel("relationships")
    assert [a.text() for a in again.recent_menu.actions()] == [str(demo_workspace)]
    assert again.picker.itemData(0) == str(demo_workspace)


def test_a_folder_without_workspace_is_explained(qtbot, tmp_path, warnings_shown):
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_workspace(str(tmp_path)) is False
    assert len(warnings_shown) == 1 and "No Rapport workspace" in warnings_shown[0]
    assert window.stack.currentWidget() is window.welcome
    assert not window.run_action.isEnabled()


def test_a_workspace_on_a_share_that_is_gone_stays_recent_and_comes_back(
    qtbot, demo_workspace, tmp_path, warnings_shown
):
    """A share not connected (or a read-only folder) was dropped from the recent workspaces
    at the first failed open, so HR had to find the folder again once it was back."""
    from desktop_app.main_window import MainWindow
    from desktop_app.settings import load_settings, recent_workspaces

    window = open_window(qtbot, demo_workspace)
    window.close_workspace()
    aside = tmp_path / "unmounted"
    demo_workspace.rename(aside)  # the share is not connected
    try:
        assert window.open_workspace(str(demo_workspace)) is False
        assert f"The workspace folder {demo_workspace} does not exist" in warnings_shown[0]
        assert recent_workspaces(load_settings()) == [str(demo_workspace)]
        [kept] = [a.text() for a in window.recent_menu.actions()]
        assert kept.startswith(str(demo_workspace))  # still offered
        item = window.welcome.recent.item(0)
        qtbot.waitUntil(lambda: "unavailable: not found" in item.text())
        # File › Open recent says so too
        menu = [a.text() for a in window.recent_menu.actions()]
        assert menu == [f"{demo_workspace}  (unavailable: not found)"]
    finally:
        aside.rename(demo_workspace)  # it is back
    window.welcome.check_recent()
    qtbot.waitUntil(lambda: window.welcome.recent.item(0).text() == str(demo_workspace))
    with qtbot.waitSignal(window.context.workspace_opened):
        window.welcome.recent_chosen.emit(str(demo_workspace))
    window.close_workspace()
    window.welcome.recent.setCurrentRow(0)
    qtbot.mouseClick(window.welcome.remove_button, Qt.LeftButton)
    assert recent_workspaces(load_settings()) == []
    assert window.picker.count() == 3  # "No workspace open", a separator, "Open other…"
    assert isinstance(window, MainWindow)


def test_analysis_shows_progress_cancels_and_runs_again(qtbot, slow_workspace):
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.open_workspace(str(slow_workspace))  # starts the analysis
    job = window.analysis_job
    qtbot.waitUntil(
        lambda: window.job_status.job is job and window.job_status.bar.value() > 0,
        timeout=20_000,
    )
    assert window.job_status.isVisible()
    assert window.job_status.message.text().startswith("Analysis: ")
    qtbot.mouseClick(window.job_status.cancel_button, Qt.LeftButton)
    assert "cancelling" in window.job_status.message.text()
    qtbot.waitUntil(lambda: not window.job_status.isVisible(), timeout=ANALYSIS_TIMEOUT_MS)
    assert job.future.done() and job.future.exception() is None
    assert window.analysis_job is None
    assert window.context.result is None  # nothing half-done was shown
    with qtbot.waitSignal(window.context.analysis_finished, timeout=ANALYSIS_TIMEOUT_MS) as done:
        qtbot.keyClick(window, Qt.Key_F5)
    assert done.args[0].wave == "2025-03"
    assert window.panel("relationships").model.rowCount() == 4
    assert "wave 2025-03" in window.analysis_label.text()


def test_choosing_a_wave_analyses_that_wave(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    combo = window.panel("overview").wave_picker.combo
    row = combo.findText("2026-08")
    with qtbot.waitSignal(window.context.analysis_finished, timeout=ANALYSIS_TIMEOUT_MS) as done:
        combo.activated.emit(row)
    assert done.args[0].wave == "2026-08"
    assert window.panel("relationships").wave_picker.combo.currentText() == "2026-08"
    assert "wave 2026-08" in window.analysis_label.text()


def test_closing_the_window_cancels_a_running_job(qtbot, slow_workspace):
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.open_workspace(str(slow_workspace))
    job = window.analysis_job
    seen = []
    job.cancelled.connect(lambda: seen.append("cancelled"))  # list.append: thread-safe
    job.succeeded.connect(lambda _r: seen.append("succeeded"))
    qtbot.waitUntil(
        lambda: window.job_status.job is job and window.job_status.bar.value() > 0,
        timeout=20_000,
    )
    window.close()
    assert job.future.done() and job.future.exception() is None
    qtbot.waitUntil(lambda: seen == ["cancelled"], timeout=5_000)


def test_job_errors_are_shown_in_plain_words(qtbot, demo_workspace, warnings_shown):
    from surveys.errors import RapportError

    window = open_window(qtbot, demo_workspace)

    def broken(path, progress):
        raise RapportError("Setting 'bands' is wrong; fix it in Settings.")

    window.context.submit("Analysis", broken)
    qtbot.waitUntil(lambda: bool(warnings_shown), timeout=10_000)
    assert warnings_shown == ["Setting 'bands' is wrong; fix it in Settings."]


def test_bare_rapport_follows_the_chosen_role(monkeypatch):
    from desktop_app import cli
    from desktop_app.settings import ROLE_RESPONDENT, load_settings, save_settings

    calls = []
    monkeypatch.setattr("desktop_app.app.run_hr", lambda path=None: calls.append(("hr", path)) or 0)
    monkeypatch.setattr(
        "desktop_app.respondent.app.run_respondent", lambda share=None: calls.append("resp") or 0
    )
    assert cli.main([]) == 0
    settings = load_settings()
    settings.role = ROLE_RESPONDENT
    save_settings(settings)
    assert cli.main([]) == 0
    assert calls == [("hr", None), "resp"]


def test_rapport_open_refuses_a_missing_workspace(tmp_path, capsys, monkeypatch):
    from desktop_app import cli

    monkeypatch.setattr("desktop_app.commands.open.has_terminal", lambda: True)
    assert cli.main(["open", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert "does not exist or cannot be reached" in err and "Traceback" not in err


def test_the_status_bar_sets_the_participation_apart(qtbot, demo_workspace):
    """ "Analysed 18:51 · wave 2026-10" and "80 of 140 answered" do not run together."""
    window = open_window(qtbot, demo_workspace)
    bar, before, after = window.statusBar(), window.analysis_label, window.participation_label
    qtbot.waitUntil(lambda: after.isVisible() and bool(after.text()))
    bar.layout().activate()  # as the next paint would
    qtbot.waitUntil(lambda: after.x() > before.geometry().right() > 100)
    metrics = before.fontMetrics()
    text_end = before.mapTo(bar, before.contentsRect().topLeft()).x()
    text_end += metrics.horizontalAdvance(before.text())
    text_start = after.mapTo(bar, after.contentsRect().topLeft()).x()
    char = metrics.averageCharWidth()
    assert text_start - text_end >= 2 * char  # room on either side of the rule
    # the rule itself: a column of pixels between the two texts unlike the background
    image = bar.grab().toImage()
    background = image.pixelColor(text_end + 1, 1)
    x = after.mapTo(bar, after.rect().topLeft()).x() + after.separator_x()
    middle = after.mapTo(bar, after.rect().center()).y()
    assert text_end < x < text_start
    assert image.pixelColor(x, middle) != background


def test_the_sections_list_gives_each_name_room(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    sidebar = window.sidebar
    height = sidebar.fontMetrics().height()
    rows = [sidebar.visualItemRect(sidebar.item(i)) for i in range(sidebar.count())]
    # each row a little taller than its text (they touched), the names kept in full
    assert all(rect.height() >= height + 6 for rect in rows)
    widest = max(sidebar.fontMetrics().horizontalAdvance(sidebar.item(i).text()) for i in range(7))
    assert sidebar.viewport().width() >= widest + 12


def test_closing_the_workspace_cancels_its_analysis(qtbot, slow_workspace):
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.open_workspace(str(slow_workspace))
    job = window.analysis_job
    shown, ended = [], []
    window.context.analysis_finished.connect(shown.append)
    job.cancelled.connect(lambda: ended.append("cancelled"))  # list.append: thread-safe
    job.succeeded.connect(lambda _r: ended.append("succeeded"))
    qtbot.waitUntil(lambda: window.job_status.bar.value() > 0, timeout=20_000)
    qtbot.keyClick(window, Qt.Key_W, Qt.ControlModifier)
    assert window.stack.currentWidget() is window.welcome
    qtbot.waitUntil(lambda: ended == ["cancelled"], timeout=20_000)
    qtbot.wait(50)  # a result queued for the GUI thread would arrive now
    assert shown == [] and window.context.result is None


@contextlib.contextmanager
def _read_only(folder):
    """``folder`` read-only for this process: by its mode, or for root (who writes
    anywhere) by a read-only bind mount of it; skips the test when neither is possible."""
    for name in ("rapport.db-wal", "rapport.db-shm"):  # as a closed workspace is copied
        (folder / name).unlink(missing_ok=True)
    if os.geteuid() != 0:
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
        try:
            yield
        finally:
            folder.chmod(stat.S_IRWXU)
        return
    mount = ["mount", "--bind", str(folder), str(folder)]
    if subprocess.run(mount, capture_output=True).returncode != 0:
        pytest.skip("root, and no read-only bind mount allowed here")
    try:
        remount = ["mount", "-o", "remount,bind,ro", str(folder)]
        if subprocess.run(remount, capture_output=True).returncode != 0:
            pytest.skip("root, and no read-only bind mount allowed here")
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_workspace_is_explained_not_called_damaged(
    qtbot, demo_workspace, warnings_shown
):
    """SQLite only says "unable to open database file" when it cannot write its journal
    beside the database; the window said to restore rapport.db from a backup."""
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    with _read_only(demo_workspace):
        assert not os.access(demo_workspace, os.W_OK)
        assert window.open_workspace(str(demo_workspace)) is False
    [said] = warnings_shown
    assert f"Rapport cannot write in the workspace {demo_workspace}" in said
    assert "the folder is read-only" in said and "copy the whole folder" in said
    assert "backup" not in said and "damaged" not in said
    assert window.stack.currentWidget() is window.welcome


def test_cancel_running_job_is_offered_only_while_a_job_runs(qtbot, demo_workspace):
    import threading

    window = open_window(qtbot, demo_workspace)
    cancel = window.cancel_action
    qtbot.waitUntil(lambda: not window.context.runner.running(), timeout=ANALYSIS_TIMEOUT_MS)
    assert not cancel.isEnabled()  # Analysis › Cancel (Esc) with nothing to cancel
    started = threading.Event()

    def work(_path, progress):
        started.set()
        while True:  # until Cancel: progress raises Cancelled then
            progress(0.5, "waiting")
            threading.Event().wait(0.01)

    job = window.context.submit("Waiting", work)
    qtbot.waitUntil(started.is_set, timeout=5_000)
    assert cancel.isEnabled()
    window.activateWindow()
    with qtbot.waitSignal(job.ended, timeout=5_000):
        qtbot.keyClick(window, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not cancel.isEnabled(), timeout=5_000)
