"""A workspace on a share that hangs (the file server gone: calls block for tens of seconds
instead of failing): the HR window keeps processing events and says what it waits for.

The hang is a real file-system read made to wait on an Event (at most :data:`HANG`
seconds, so that without the fix the test fails instead of hanging for good).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from desktop_app import bounded_read, window_analysis
from surveys import host_lock
from tests.desktop_app.slow_reads import (  # noqa: F401 (product_waits: autouse fixture)
    HANG,
    Ticks,
    hanging,
    open_now_or_late,
    open_patiently,
    patiently,
    product_waits,
    shown_window,
)


def _other_workspace(tmp_path) -> Path:
    from surveys.store import create_workspace

    other = tmp_path / "other"
    create_workspace(other).close()
    return other


def _claim_hangs_for(folder, monkeypatch, gate: threading.Event) -> None:
    """Claiming ``folder`` blocks until ``gate`` is set; any other folder claims at once."""
    real = host_lock.claim
    hung = hanging(real, gate)
    monkeypatch.setattr(
        host_lock,
        "claim",
        lambda path, **kw: (hung if str(path) == str(folder) else real)(path, **kw),
    )


def test_opening_a_workspace_whose_share_hangs_keeps_the_window_working(
    qtbot, workspace, monkeypatch, gate
):
    monkeypatch.setattr(window_analysis, "glance", hanging(window_analysis.glance, gate))
    window = shown_window(qtbot)
    ticks = Ticks()
    started = time.monotonic()
    opened = window.open_workspace(str(workspace))
    assert time.monotonic() - started < 2.0  # it waited a moment, not for the share
    if not opened:  # a loaded machine: the claim itself answered after the wait
        qtbot.waitUntil(lambda: window.context.path == workspace, timeout=10_000)
    before = ticks.count
    qtbot.wait(200)
    assert ticks.count > before  # the window still processes events
    said = window.share_label  # a wrapping line: the words fit a small window
    assert said.isVisible() and "slow to answer" in said.text()
    # Its timer says more once the share stays silent; fired here rather than shortened:
    # a short one (0.4 s) fired before the words above on a loaded machine.
    assert window.silent_timer.isActive()
    window.silent_timer.stop()
    window.silent_timer.timeout.emit()
    seconds = window_analysis.STILL_SILENT_MS // 1000
    assert f"has not answered for {seconds} seconds" in said.text()
    assert "network drive may be disconnected" in said.text()
    gate.set()  # the share answers: what it says is shown
    overview = window.panel("overview")
    qtbot.waitUntil(lambda: overview.headline.text().startswith("No answers yet."), timeout=10_000)
    assert window.context.has_responses is False
    assert window.analysis_label.text().startswith("No answers yet")
    assert not said.isVisible()


def test_a_late_answer_for_a_closed_workspace_is_dropped(qtbot, workspace, monkeypatch, gate):
    monkeypatch.setattr(window_analysis, "glance", hanging(window_analysis.glance, gate))
    window = shown_window(qtbot)
    open_now_or_late(qtbot, window, workspace)
    window.close_workspace()
    gate.set()
    qtbot.wait(300)
    assert window.context.path is None and window.analysis_label.text() == ""
    assert not window.share_label.isVisible()
    assert window.context.has_responses is None


def test_a_late_answer_after_the_window_closed_is_dropped(qtbot, workspace, monkeypatch, gate):
    """Closing the window forgot the open's claim but not the quick read: its late answer
    still told the sections and could start an analysis after the runner had shut down."""
    monkeypatch.setattr(window_analysis, "glance", hanging(window_analysis.glance, gate))
    window = shown_window(qtbot)
    open_now_or_late(qtbot, window, workspace)
    started: list[object] = []
    monkeypatch.setattr(window.context, "run_analysis", started.append)
    window.close()
    gate.set()
    qtbot.wait(300)
    assert window.context.has_responses is None and started == []
    assert window.analysis_label.text() == "Not analysed yet"
    assert not window.silent_timer.isActive()


def test_a_heartbeat_that_hangs_does_not_freeze_the_window_and_is_said(
    qtbot, workspace, monkeypatch, gate
):
    window = shown_window(qtbot)
    open_patiently(window, workspace)
    monkeypatch.setattr(host_lock.HostLock, "refresh", hanging(host_lock.HostLock.refresh, gate))
    ticks = Ticks()
    started = time.monotonic()
    window.context.heartbeat.timeout.emit()  # the minute's beat, on a share that hangs
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.wait(200)
    assert ticks.count > before
    window.context.heartbeat.timeout.emit()  # a minute later it still has not come back
    assert window.share_label.isVisible()
    text = window.share_label.text()
    assert "has not answered for a minute" in text and str(workspace) in text
    gate.set()
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=10_000)
    assert window.context.path == workspace  # nothing was taken over: it stays open


def test_the_sections_share_one_read_of_whether_there_are_answers(qtbot, workspace, monkeypatch):
    """Overview, Relationships and Themes each opened the workspace to ask, besides the
    window's own reads: five opens of the database on the GUI thread for a new workspace."""
    from desktop_app import workspace_reads

    opened = []
    real = workspace_reads.open_workspace
    monkeypatch.setattr(
        workspace_reads, "open_workspace", lambda path: opened.append(path) or real(path)
    )
    window = shown_window(qtbot)
    open_patiently(window, workspace)
    assert len(opened) == 1
    assert window.context.has_responses is False
    assert window.panel("overview").headline.text().startswith("No answers yet.")
    assert window.panel("themes").status.text().startswith("No themes yet")
    assert window.panel("relationships").caption.text().startswith("No answers yet")


def test_opening_from_a_share_that_hangs_says_so_and_opens_once_it_answers(
    qtbot, workspace, monkeypatch, gate
):
    monkeypatch.setattr(host_lock, "claim", hanging(host_lock.claim, gate))
    window = shown_window(qtbot)
    ticks = Ticks()
    started = time.monotonic()
    assert window.open_workspace(str(workspace)) is False  # not yet
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.wait(200)
    assert ticks.count > before
    assert window.context.path is None and window.stack.currentWidget() is window.welcome
    text = window.share_label.text()
    assert text.startswith(f"Opening {workspace}… its folder is slow to answer")
    gate.set()
    # opened, and its first read (whether it has answers) answered: on a loaded machine
    # after the product's wait
    qtbot.waitUntil(lambda: window.context.has_responses is not None, timeout=10_000)
    assert window.context.path == workspace
    assert window.stack.currentWidget() is not window.welcome
    assert window.context.has_responses is False
    # "Opening… slow" goes; the sections' first reads, late on a loaded machine, may be
    # said slow a moment longer
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=10_000)


def test_an_open_given_up_for_another_lets_its_claim_go(
    qtbot, workspace, tmp_path, monkeypatch, gate
):
    from surveys.host_lock import LOCK_NAME

    other = _other_workspace(tmp_path)
    _claim_hangs_for(workspace, monkeypatch, gate)
    window = shown_window(qtbot)
    assert window.open_workspace(str(workspace)) is False  # its share hangs
    open_patiently(window, other)  # HR opens another meanwhile
    gate.set()  # the first share answers: its claim is not kept
    qtbot.waitUntil(lambda: not (workspace / LOCK_NAME).exists(), timeout=10_000)
    assert window.context.path == other


def test_settings_typed_while_another_workspace_opens_slowly_are_asked_about(
    qtbot, workspace, tmp_path, monkeypatch, gate
):
    """The discard question is asked when the open was started; what HR types in Settings
    while the other workspace's share is slow to answer is asked about again when it does
    (it replaced the open workspace without a word), and "Go back" keeps it open."""
    from PySide6.QtGui import QTextCursor

    from surveys.host_lock import LOCK_NAME
    from tests.desktop_app.test_settings_panel import _answer_box

    other = _other_workspace(tmp_path)
    _claim_hangs_for(other, monkeypatch, gate)
    window = shown_window(qtbot)
    open_patiently(window, workspace)
    assert window.open_workspace(str(other)) is False  # nothing typed yet: no question
    window.show_section("settings")
    panel = window.panel("settings")
    panel.names.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(panel.names, "Karin Olsen")
    window.show_section("overview")
    seen: list[str] = []
    _answer_box(qtbot, "Go back", seen)
    gate.set()  # the other share answers
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    qtbot.waitUntil(lambda: not (other / LOCK_NAME).exists(), timeout=10_000)  # claim let go
    assert window.context.path == workspace
    assert window.stack.currentWidget() is panel
    assert panel.names.toPlainText().endswith("Karin Olsen")
    assert window.picker.currentData() == str(workspace)
    panel.reload()  # nothing typed left: the window's close asks nothing


def test_a_beat_blocked_on_a_closed_workspace_does_not_stop_the_next_ones(
    qtbot, workspace, tmp_path, monkeypatch, gate
):
    """A workspace closed while its lock's beat hung on its share: the next workspace's
    beats were skipped as "still blocked" (its claim never confirmed, so it went stale and
    another computer could take it over) and the status bar said its folder was silent."""
    other = _other_workspace(tmp_path)
    real = host_lock.HostLock.refresh
    hung = hanging(real, gate)
    beaten: list[str] = []

    def refresh(lock):
        beaten.append(str(lock.folder))
        return (hung if str(lock.folder) == str(workspace) else real)(lock)

    monkeypatch.setattr(host_lock.HostLock, "refresh", refresh)
    window = shown_window(qtbot)
    open_patiently(window, workspace)
    window.context.heartbeat.timeout.emit()  # its share hangs
    window.context.heartbeat.timeout.emit()  # and is said to
    assert window.share_label.isVisible()
    window.close_workspace()
    assert not window.share_label.isVisible()  # it no longer waits for that folder
    open_patiently(window, other)
    window.context.heartbeat.timeout.emit()  # the other's first beat
    qtbot.waitUntil(lambda: len(beaten) == 2, timeout=10_000)
    assert beaten == [str(workspace), str(other)]
    # on a loaded machine the other's first reads may be said slow for a moment; the
    # hung beat's silence is never said for it, and the line goes once the reads answer
    assert "for a minute" not in window.share_label.text()
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=10_000)


def test_a_section_whose_read_hangs_says_so_in_its_place_and_the_status_bar(
    qtbot, workspace, monkeypatch, gate
):
    """The Comments section read the workspace on the GUI thread: choosing it on a share
    that hangs froze the window; an empty list would have read as "no comments"."""
    from desktop_app.panels import comments_panel

    window = shown_window(qtbot)
    open_patiently(window, workspace)
    monkeypatch.setattr(comments_panel, "read_section", hanging(comments_panel.read_section, gate))
    ticks = Ticks()
    started = time.monotonic()
    window.show_section("comments")
    assert time.monotonic() - started < 2.0
    before = ticks.count
    panel = window.panel("comments")
    qtbot.waitUntil(lambda: "slow to answer" in panel.message.text(), timeout=10_000)
    assert ticks.count > before
    assert window.share_label.isVisible() and "slow to answer" in window.share_label.text()
    gate.set()
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=10_000)
    # the list's own read comes after the section's (at once on an idle machine)
    qtbot.waitUntil(lambda: panel.message.text().startswith("No comments yet"), timeout=10_000)


def test_the_programme_check_on_a_share_that_hangs_does_not_freeze_the_window(
    qtbot, workspace, monkeypatch, gate
):
    """The pulse programme's timer read what is due on the GUI thread every few minutes:
    on a share that hangs, the window froze by itself, with nobody touching it."""
    from analysis.export import schedule

    window = shown_window(qtbot)
    open_patiently(window, workspace)
    runner = window.panel("pulses").programme_box.runner
    monkeypatch.setattr(schedule, "plan_schedule", hanging(schedule.plan_schedule, gate))
    ticks = Ticks()
    started = time.monotonic()
    assert runner.check() is None  # the timer's call
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.wait(200)
    assert ticks.count > before
    assert "slow to answer" in runner.status
    assert window.share_label.isVisible() and "slow to answer" in window.share_label.text()
    gate.set()
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=10_000)
    assert runner.status == ""  # nothing is due in a new workspace


@pytest.mark.parametrize(
    ("section", "module", "read", "place"),
    [
        ("actions", "actions_panel", "read_actions", "empty"),
        ("settings", "settings_panel", "read_settings", "message"),
        ("pulses", "pulses_panel", "read_pulses", "waiting"),
    ],
)
def test_sections_whose_read_hangs_say_so_in_their_place(
    qtbot, workspace, monkeypatch, gate, section, module, read, place
):
    """Actions, Settings and Pulses read the workspace on the GUI thread when shown."""
    import importlib

    panels = importlib.import_module(f"desktop_app.panels.{module}")
    window = shown_window(qtbot)
    open_patiently(window, workspace)
    with patiently():
        window.show_section(section)
    monkeypatch.setattr(panels, read, hanging(getattr(panels, read), gate))
    ticks = Ticks()
    started = time.monotonic()
    window.panel(section).reload()  # as after a change of the workspace's data
    assert time.monotonic() - started < 2.0
    before = ticks.count
    label = getattr(window.panel(section), place)
    qtbot.waitUntil(lambda: "slow to answer" in label.text(), timeout=10_000)
    assert ticks.count > before and label.isVisible()
    assert window.share_label.isVisible() and "slow to answer" in window.share_label.text()
    gate.set()
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=10_000)
    assert "slow" not in label.text()


def test_a_wave_chosen_on_a_share_that_hangs_shows_its_participation_once_it_answers(
    qtbot, demo_workspace, monkeypatch, gate
):
    """Choosing a wave in Pulses read its participation on the GUI thread."""
    from desktop_app.panels import pulses_panel

    window = shown_window(qtbot)
    open_patiently(window, demo_workspace)
    window.show_section("pulses")
    panel = window.panel("pulses")
    qtbot.waitUntil(lambda: panel.participation_model.rowCount() > 0, timeout=10000)
    # the other sections' first reads answered (late on a loaded machine): the status bar
    # says nothing before the read that hangs
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=10_000)
    real = pulses_panel.read_participation
    monkeypatch.setattr(pulses_panel, "read_participation", hanging(real, gate))
    ticks = Ticks()
    started = time.monotonic()
    panel.waves_table.selectRow(1)  # another wave
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.waitUntil(lambda: window.share_label.isVisible(), timeout=10_000)
    assert ticks.count > before
    gate.set()
    wave = panel.selected_wave().name
    qtbot.waitUntil(lambda: wave in panel.participation_heading.text(), timeout=5000)
    assert not window.share_label.isVisible()


def test_the_programme_box_on_a_share_that_hangs_says_so_in_its_summary(
    qtbot, workspace, monkeypatch, gate
):
    from desktop_app.panels import pulses_programme

    window = shown_window(qtbot)
    open_patiently(window, workspace)
    window.show_section("pulses")
    box = window.panel("pulses").programme_box
    real = pulses_programme.read_programme
    monkeypatch.setattr(pulses_programme, "read_programme", hanging(real, gate))
    started = time.monotonic()
    box.reload()
    assert time.monotonic() - started < 2.0
    qtbot.waitUntil(lambda: "slow to answer" in box.summary.text(), timeout=10_000)
    gate.set()
    qtbot.waitUntil(lambda: box.summary.text().startswith("No programme"), timeout=5000)


def test_a_programme_check_answered_in_time_after_a_slow_one_clears_the_status_bar(
    qtbot, workspace, monkeypatch, gate
):
    """A slow check said in the status bar that the folder was slow; the next check (the
    timer's, or "Publish due wave now…") answered in time, the slow one's late answer was
    dropped as superseded, and the status bar said the folder was slow until another
    workspace was opened."""
    from analysis.export import schedule

    window = shown_window(qtbot)
    open_patiently(window, workspace)
    runner = window.panel("pulses").programme_box.runner
    real = schedule.plan_schedule
    monkeypatch.setattr(schedule, "plan_schedule", hanging(real, gate))
    assert runner.check() is None
    assert window.share_label.isVisible() and "slow to answer" in window.share_label.text()
    monkeypatch.setattr(schedule, "plan_schedule", real)  # the folder answers again
    with patiently():  # answered within the wait, even on a loaded machine
        assert runner.check() is None and runner.status == ""
    gate.set()  # the first check's answer comes now, superseded
    qtbot.wait(300)
    assert not window.share_label.isVisible()


def test_a_read_that_answers_while_the_app_quits_prints_no_traceback(qtbot, monkeypatch, gate):
    """At quit PySide deletes the objects left; a read still blocked on its share that
    answered then emitted into a deleted relay and printed "Exception in thread
    rapport-read-…: RuntimeError: Signal source has been deleted"."""
    import shiboken6

    from desktop_app import read_threads

    raised, finished = [], threading.Event()
    monkeypatch.setattr(threading, "excepthook", raised.append)
    submit = read_threads.submit  # the read runs on a reader thread: know when it ends
    monkeypatch.setattr(
        read_threads, "submit", lambda job, what="": submit(lambda: (job(), finished.set()), what)
    )
    reads = bounded_read.BoundedRead()
    assert reads.read("quit", lambda: gate.wait(HANG), wait=0.0) == (False, None)
    shiboken6.delete(reads._relay)  # what the interpreter's exit does to it
    gate.set()
    assert finished.wait(HANG) and raised == []
