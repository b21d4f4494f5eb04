"""The Pulses section's own reads and writes on a share that hangs (the file server gone:
calls block for tens of seconds) or fails: a wave closed, opened on this computer only,
"Show respondents what changed" ticked, the shared folder read before publishing. The
window keeps processing events, the section says in its status line that it saves (under
the waves that it reads), its buttons wait, and a write that fails is said in words.

The hang is the real workspace made to wait on an Event (see test_hung_share.py); the New
wave dialog's writes: test_hung_pulses_writes.py.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from surveys import store
from tests.desktop_app.slow_reads import (
    failing_open,
    hanging,
    open_patiently,
    responsive,
    shown_window,
)

WAVE = "2031-01"


def _with_draft(folder: Path) -> None:
    from surveys.pulses import create_draft_wave
    from surveys.templates import builtin_templates

    db = store.open_workspace(folder)
    try:
        template = builtin_templates()["short-pulse"]
        create_draft_wave(db, WAVE, template, "2031-01-01", "2031-01-14", None)
    finally:
        db.close()


def _setting(folder: Path, name: str):  # noqa: ANN202
    db = store.open_workspace(folder)
    try:
        return store.get_setting(db, name)
    finally:
        db.close()


def _status_of(folder: Path) -> str:
    from surveys.waves import get_wave

    db = store.open_workspace(folder)
    try:
        return get_wave(db, WAVE).status
    finally:
        db.close()


def _pulses(qtbot, folder: Path, product_wait):
    """The Pulses section of a window on ``folder`` (a draft wave selected)."""
    _with_draft(folder)
    window = shown_window(qtbot)
    assert window.open_workspace(str(folder))
    window.show_section("pulses")
    panel = window.panel("pulses")
    panel.programme_box.runner.first_check.stop()  # its own read: not here
    qtbot.waitUntil(lambda: bool(panel.waves_model.waves), timeout=15000)
    panel.waves_table.selectRow(0)
    product_wait()
    return window, panel


def _answer_when_asked(box_name: str, button_name: str, then=None) -> None:  # noqa: ANN001
    """Press ``button_name`` of the message box ``box_name`` when it shows; ``then()``
    first (the share made to hang for what follows)."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != box_name:
            QTimer.singleShot(10, press)
            return
        if then is not None:
            then()
        box.findChild(QPushButton, button_name).click()

    QTimer.singleShot(0, press)


def test_closing_a_wave_on_a_share_that_hangs_reads_and_saves_off_the_gui_thread(
    qtbot, workspace, monkeypatch, gate, product_wait
):
    """Close wave read the shared folder and closed the wave on the GUI thread."""
    window, panel = _pulses(qtbot, workspace, product_wait)
    real_open = store.open_workspace
    monkeypatch.setattr(store, "open_workspace", hanging(real_open, gate))
    saving = threading.Event()  # the close itself hangs too

    def hang_the_close() -> None:
        monkeypatch.setattr(store, "open_workspace", hanging(real_open, saving))

    _answer_when_asked("closeWaveQuestion", "closeWaveButton", hang_the_close)
    responsive(qtbot, panel.close_button.click)
    qtbot.waitUntil(lambda: "slow to answer" in panel.waiting.text(), timeout=10_000)
    gate.set()  # the folder is read; HR confirms; the close waits
    qtbot.waitUntil(lambda: panel.status.text().startswith("Saving…"), timeout=15000)
    assert not panel.close_button.isEnabled() and not panel.new_button.isEnabled()
    assert not panel.share_results_box.isEnabled()
    with qtbot.waitSignal(window.context.data_changed, timeout=15000):
        saving.set()
    assert panel.status.text().startswith(f"Wave {WAVE} is closed")
    monkeypatch.setattr(store, "open_workspace", real_open)
    assert _status_of(workspace) == "closed"
    assert panel.new_button.isEnabled()
    saving.set()


def test_a_close_that_fails_says_why_in_the_section(qtbot, workspace, monkeypatch, product_wait):
    window, panel = _pulses(qtbot, workspace, product_wait)
    real_open = store.open_workspace

    def fail_from_now() -> None:
        monkeypatch.setattr(store, "open_workspace", failing_open)

    _answer_when_asked("closeWaveQuestion", "closeWaveButton", fail_from_now)
    panel.close_button.click()
    qtbot.waitUntil(lambda: panel.status.text().startswith("Not saved: "), timeout=15000)
    assert f"Reading or writing the workspace {workspace} failed" in panel.status.text()
    monkeypatch.setattr(store, "open_workspace", real_open)
    assert _status_of(workspace) == "draft" and panel.close_button.isEnabled()


def test_a_wave_opened_here_on_a_share_that_hangs_waits_with_saving(
    qtbot, workspace, monkeypatch, gate, product_wait
):
    from desktop_app.panels.pulses_publish import LOCAL

    window, panel = _pulses(qtbot, workspace, product_wait)
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    responsive(qtbot, lambda: panel.publish_selected(LOCAL))
    assert panel.status.text().startswith("Saving… the workspace's folder is slow")
    assert not panel.publish_button.isEnabled()
    with qtbot.waitSignal(window.context.data_changed, timeout=15000):
        gate.set()
    assert panel.status.text().startswith(f"Opened {WAVE} for answering on this computer")
    monkeypatch.undo()
    assert _status_of(workspace) == "open"


def test_the_results_box_on_a_share_that_hangs_waits_with_saving(
    qtbot, workspace, monkeypatch, gate, product_wait
):
    """Ticking "Show respondents what changed" wrote the setting on the GUI thread."""
    window, panel = _pulses(qtbot, workspace, product_wait)
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    responsive(qtbot, lambda: panel.share_results_box.setChecked(True))
    assert panel.status.text().startswith("Saving… the workspace's folder is slow")
    assert not panel.share_results_box.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: panel.share_results_box.isEnabled(), timeout=15000)
    assert panel.status.text() == "" and panel.share_results_box.isChecked()
    monkeypatch.undo()
    assert _setting(workspace, "share_results") is True


def test_a_results_box_that_cannot_be_saved_is_unticked_again_with_why(
    qtbot, workspace, monkeypatch, product_wait
):
    window, panel = _pulses(qtbot, workspace, product_wait)
    monkeypatch.setattr(store, "open_workspace", failing_open)
    panel.share_results_box.setChecked(True)
    qtbot.waitUntil(lambda: panel.share_results_box.isEnabled(), timeout=15000)
    assert panel.status.text().startswith("Not saved: ")
    assert not panel.share_results_box.isChecked()
    monkeypatch.undo()
    assert not _setting(workspace, "share_results")


def test_a_results_box_ticked_before_another_workspace_opens_is_saved_in_its_own(
    qtbot, workspace, tmp_path, monkeypatch, gate, product_wait
):
    other = tmp_path / "other"
    window, panel = _pulses(qtbot, workspace, product_wait)
    shutil.copytree(workspace, other, ignore=shutil.ignore_patterns("rapport.lock"))
    real_open = store.open_workspace
    monkeypatch.setattr(store, "open_workspace", hanging(real_open, gate))
    panel.share_results_box.setChecked(True)
    monkeypatch.setattr(store, "open_workspace", real_open)
    open_patiently(window, other)  # its claim answered, even on a loaded machine
    qtbot.waitUntil(lambda: window.context.path == other, timeout=15000)
    gate.set()
    qtbot.waitUntil(lambda: not panel.writes.running(), timeout=15000)
    assert _setting(workspace, "share_results") is True
    assert not _setting(other, "share_results")
    assert not panel.share_results_box.isChecked()  # the other workspace's choice


def test_publishing_on_a_share_that_hangs_reads_its_folder_off_the_gui_thread(
    qtbot, workspace, monkeypatch, gate, product_wait
):
    """Publish… read the shared folder on the GUI thread before asking anything."""
    window, panel = _pulses(qtbot, workspace, product_wait)
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    asked: list[bool] = []
    monkeypatch.setattr(panel, "ask_share", lambda: asked.append(True))  # HR cancels
    responsive(qtbot, lambda: panel.publish_selected())
    qtbot.waitUntil(lambda: "slow to answer" in panel.waiting.text(), timeout=10_000)
    assert asked == []
    gate.set()
    qtbot.waitUntil(lambda: asked == [True], timeout=15000)
    assert not panel.waiting.isVisible()


def test_the_actions_wait_while_the_shared_folder_is_read(
    qtbot, workspace, monkeypatch, gate, product_wait
):
    """Publish…, Close wave and Ingest stayed enabled while the shared folder was read:
    a second of them superseded the first's read, which was dropped without a word."""
    window, panel = _pulses(qtbot, workspace, product_wait)
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    asked: list[bool] = []
    monkeypatch.setattr(panel, "ask_share", lambda: asked.append(True))  # HR cancels
    panel.publish_button.click()
    for button in (panel.publish_button, panel.close_button, panel.ingest_button):
        assert not button.isEnabled(), button.objectName()
    gate.set()
    qtbot.waitUntil(lambda: asked == [True], timeout=15000)
    assert panel.publish_button.isEnabled() and panel.ingest_button.isEnabled()


def test_the_actions_come_back_when_the_shared_folder_answers_for_a_closed_workspace(
    qtbot, workspace, tmp_path, monkeypatch, gate, product_wait
):
    import shutil

    window, panel = _pulses(qtbot, workspace, product_wait)
    other = tmp_path / "other"  # with the draft wave too
    shutil.copytree(workspace, other, ignore=shutil.ignore_patterns("rapport.lock"))
    real_open = store.open_workspace
    monkeypatch.setattr(store, "open_workspace", hanging(real_open, gate))
    panel.publish_button.click()
    monkeypatch.setattr(store, "open_workspace", real_open)  # the next one answers
    open_patiently(window, other)  # its claim answered, even on a loaded machine
    qtbot.waitUntil(lambda: bool(panel.waves_model.waves), timeout=15000)
    gate.set()
    qtbot.waitUntil(lambda: not panel.reads.pending("share"), timeout=15000)
    qtbot.waitUntil(panel.new_button.isEnabled, timeout=5000)
    assert panel.ingest_button.isEnabled()


def test_publish_goes_to_the_folder_settings_saved_while_its_read_waited(
    qtbot, workspace, tmp_path, monkeypatch, gate, product_wait
):
    """Publish… read the shared folder on a share that hung; Settings saved another one
    meanwhile, and the read's late answer (the folder before) was where Publish went."""
    from desktop_app.panels import pulses_writes
    from tests.desktop_app.slow_reads import HANG

    old, new = tmp_path / "old-share", tmp_path / "new-share"
    old.mkdir()
    new.mkdir()
    db = store.open_workspace(workspace)
    store.set_setting(db, "share", str(old))
    db.close()
    window, panel = _pulses(qtbot, workspace, product_wait)
    real_read, read = pulses_writes.read_share, threading.Event()

    def read_then_hang(path: Path) -> Path | None:
        value = real_read(path)  # read before Settings saves
        read.set()
        gate.wait(HANG)
        return value

    monkeypatch.setattr(pulses_writes, "read_share", read_then_hang)
    went: list = []
    monkeypatch.setattr(panel, "_publish_to", lambda _wave, _to, share: went.append(share))
    panel.publish_selected()
    qtbot.waitUntil(read.is_set, timeout=10_000)  # the read has read the folder before
    settings = window.panel("settings")
    settings.share.setText(str(new))
    settings.save_share()
    qtbot.waitUntil(lambda: _setting(workspace, "share") == str(new), timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: bool(went), timeout=15000)
    qtbot.wait(300)  # the first read's answer, dropped
    assert went == [new]
