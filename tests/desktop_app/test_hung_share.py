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
from desktop_app.main_window import MainWindow
from surveys import host_lock
from tests.desktop_app.slow_reads import HANG, Ticks, hanging


@pytest.fixture(autouse=True)
def product_waits(monkeypatch, patient_reads):
    """The wait the product ships (conftest's patient_reads lengthens it)."""
    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.3)
    monkeypatch.setattr(bounded_read, "LIST_WAIT_SECONDS", 0.05)


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


def _window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def test_opening_a_workspace_whose_share_hangs_keeps_the_window_working(
    qtbot, workspace, monkeypatch, gate
):
    monkeypatch.setattr(window_analysis, "glance", hanging(window_analysis.glance, gate))
    monkeypatch.setattr(window_analysis, "STILL_SILENT_MS", 400)
    window = _window(qtbot)
    ticks = Ticks()
    started = time.monotonic()
    assert window.open_workspace(str(workspace))
    assert time.monotonic() - started < 2.0  # it waited a moment, not for the share
    before = ticks.count
    qtbot.wait(200)
    assert ticks.count > before  # the window still processes events
    said = window.share_label  # a wrapping line: the words fit a small window
    assert said.isVisible() and "slow to answer" in said.text()
    qtbot.waitUntil(lambda: "has not answered for" in said.text(), timeout=3000)
    assert "network drive may be disconnected" in said.text()
    gate.set()  # the share answers: what it says is shown
    overview = window.panel("overview")
    qtbot.waitUntil(lambda: overview.headline.text().startswith("No answers yet."), timeout=3000)
    assert window.context.has_responses is False
    assert window.analysis_label.text().startswith("No answers yet")
    assert not said.isVisible()


def test_a_late_answer_for_a_closed_workspace_is_dropped(qtbot, workspace, monkeypatch, gate):
    monkeypatch.setattr(window_analysis, "glance", hanging(window_analysis.glance, gate))
    window = _window(qtbot)
    assert window.open_workspace(str(workspace))
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
    window = _window(qtbot)
    assert window.open_workspace(str(workspace))
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
    window = _window(qtbot)
    assert window.open_workspace(str(workspace))
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
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=3000)
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
    window = _window(qtbot)
    assert window.open_workspace(str(workspace))
    assert len(opened) == 1
    assert window.context.has_responses is False
    assert window.panel("overview").headline.text().startswith("No answers yet.")
    assert window.panel("themes").status.text().startswith("No themes yet")
    assert window.panel("relationships").caption.text().startswith("No answers yet")


def test_opening_from_a_share_that_hangs_says_so_and_opens_once_it_answers(
    qtbot, workspace, monkeypatch, gate
):
    monkeypatch.setattr(host_lock, "claim", hanging(host_lock.claim, gate))
    window = _window(qtbot)
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
    qtbot.waitUntil(lambda: window.context.path == workspace, timeout=3000)
    assert window.stack.currentWidget() is not window.welcome
    assert not window.share_label.isVisible()
    assert window.context.has_responses is False


def test_an_open_given_up_for_another_lets_its_claim_go(
    qtbot, workspace, tmp_path, monkeypatch, gate
):
    from surveys.host_lock import LOCK_NAME

    other = _other_workspace(tmp_path)
    _claim_hangs_for(workspace, monkeypatch, gate)
    window = _window(qtbot)
    assert window.open_workspace(str(workspace)) is False  # its share hangs
    assert window.open_workspace(str(other))  # HR opens another meanwhile
    gate.set()  # the first share answers: its claim is not kept
    qtbot.waitUntil(lambda: not (workspace / LOCK_NAME).exists(), timeout=3000)
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
    window = _window(qtbot)
    assert window.open_workspace(str(workspace))
    assert window.open_workspace(str(other)) is False  # nothing typed yet: no question
    window.show_section("settings")
    panel = window.panel("settings")
    panel.names.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(panel.names, "Karin Olsen")
    window.show_section("overview")
    seen: list[str] = []
    _answer_box(qtbot, "Go back", seen)
    gate.set()  # the other share answers
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    qtbot.waitUntil(lambda: not (other / LOCK_NAME).exists(), timeout=3000)  # claim let go
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
    window = _window(qtbot)
    assert window.open_workspace(str(workspace))
    window.context.heartbeat.timeout.emit()  # its share hangs
    window.context.heartbeat.timeout.emit()  # and is said to
    assert window.share_label.isVisible()
    window.close_workspace()
    assert not window.share_label.isVisible()  # it no longer waits for that folder
    assert window.open_workspace(str(other))
    window.context.heartbeat.timeout.emit()  # the other's first beat
    qtbot.wait(100)
    assert beaten == [str(workspace), str(other)]
    assert not window.share_label.isVisible()


def test_a_section_whose_read_hangs_says_so_in_its_place_and_the_status_bar(
    qtbot, workspace, monkeypatch, gate
):
    """The Comments section read the workspace on the GUI thread: choosing it on a share
    that hangs froze the window; an empty list would have read as "no comments"."""
    from desktop_app.panels import comments_panel

    window = _window(qtbot)
    assert window.open_workspace(str(workspace))
    monkeypatch.setattr(comments_panel, "read_section", hanging(comments_panel.read_section, gate))
    ticks = Ticks()
    started = time.monotonic()
    window.show_section("comments")
    assert time.monotonic() - started < 2.0
    before = ticks.count
    panel = window.panel("comments")
    qtbot.waitUntil(lambda: "slow to answer" in panel.message.text(), timeout=3000)
    assert ticks.count > before
    assert window.share_label.isVisible() and "slow to answer" in window.share_label.text()
    gate.set()
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=3000)
    assert panel.message.text().startswith("No comments yet")


def test_the_programme_check_on_a_share_that_hangs_does_not_freeze_the_window(
    qtbot, workspace, monkeypatch, gate
):
    """The pulse programme's timer read what is due on the GUI thread every few minutes:
    on a share that hangs, the window froze by itself, with nobody touching it."""
    from analysis.export import schedule

    window = _window(qtbot)
    assert window.open_workspace(str(workspace))
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
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=3000)
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
    window = _window(qtbot)
    assert window.open_workspace(str(workspace))
    window.show_section(section)
    monkeypatch.setattr(panels, read, hanging(getattr(panels, read), gate))
    ticks = Ticks()
    started = time.monotonic()
    window.panel(section).reload()  # as after a change of the workspace's data
    assert time.monotonic() - started < 2.0
    before = ticks.count
    label = getattr(window.panel(section), place)
    qtbot.waitUntil(lambda: "slow to answer" in label.text(), timeout=3000)
    assert ticks.count > before and label.isVisible()
    assert window.share_label.isVisible() and "slow to answer" in window.share_label.text()
    gate.set()
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=3000)
    assert "slow" not in label.text()


def test_a_wave_chosen_on_a_share_that_hangs_shows_its_participation_once_it_answers(
    qtbot, demo_workspace, monkeypatch, gate
):
    """Choosing a wave in Pulses read its participation on the GUI thread."""
    from desktop_app.panels import pulses_panel

    window = _window(qtbot)
    assert window.open_workspace(str(demo_workspace))
    window.show_section("pulses")
    panel = window.panel("pulses")
    qtbot.waitUntil(lambda: panel.participation_model.rowCount() > 0, timeout=10000)
    real = pulses_panel.read_participation
    monkeypatch.setattr(pulses_panel, "read_participation", hanging(real, gate))
    ticks = Ticks()
    started = time.monotonic()
    panel.waves_table.selectRow(1)  # another wave
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.waitUntil(lambda: window.share_label.isVisible(), timeout=3000)
    assert ticks.count > before
    gate.set()
    wave = panel.selected_wave().name
    qtbot.waitUntil(lambda: wave in panel.participation_heading.text(), timeout=5000)
    assert not window.share_label.isVisible()


def test_the_programme_box_on_a_share_that_hangs_says_so_in_its_summary(
    qtbot, workspace, monkeypatch, gate
):
    from desktop_app.panels import pulses_programme

    window = _window(qtbot)
    assert window.open_workspace(str(workspace))
    window.show_section("pulses")
    box = window.panel("pulses").programme_box
    real = pulses_programme.read_programme
    monkeypatch.setattr(pulses_programme, "read_programme", hanging(real, gate))
    started = time.monotonic()
    box.reload()
    assert time.monotonic() - started < 2.0
    qtbot.waitUntil(lambda: "slow to answer" in box.summary.text(), timeout=3000)
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

    window = _window(qtbot)
    assert window.open_workspace(str(workspace))
    runner = window.panel("pulses").programme_box.runner
    real = schedule.plan_schedule
    monkeypatch.setattr(schedule, "plan_schedule", hanging(real, gate))
    assert runner.check() is None
    assert window.share_label.isVisible() and "slow to answer" in window.share_label.text()
    monkeypatch.setattr(schedule, "plan_schedule", real)  # the folder answers again
    assert runner.check() is None and runner.status == ""  # answered within the wait
    gate.set()  # the first check's answer comes now, superseded
    qtbot.wait(300)
    assert not window.share_label.isVisible()


def test_a_read_that_answers_while_the_app_quits_prints_no_traceback(qtbot, monkeypatch, gate):
    """At quit PySide deletes the objects left; a read still blocked on its share that
    answered then emitted into a deleted relay and printed "Exception in thread
    rapport-read-…: RuntimeError: Signal source has been deleted"."""
    import shiboken6

    raised = []
    monkeypatch.setattr(threading, "excepthook", raised.append)
    reads = bounded_read.BoundedRead()
    before = set(threading.enumerate())
    assert reads.read("quit", lambda: gate.wait(HANG), wait=0.0) == (False, None)
    (thread,) = set(threading.enumerate()) - before
    shiboken6.delete(reads._relay)  # what the interpreter's exit does to it
    gate.set()
    thread.join(HANG)
    assert not thread.is_alive() and raised == []


def _analysed(qtbot, demo_workspace) -> MainWindow:
    window = _window(qtbot)
    assert window.open_workspace(str(demo_workspace))
    qtbot.waitUntil(lambda: window.context.result is not None, timeout=30000)
    return window


def test_a_pair_page_on_a_share_that_hangs_says_so_and_fills_in_once_it_answers(
    qtbot, demo_workspace, monkeypatch, gate
):
    """The pair page read its actions, comments and bands on the GUI thread: clicking a
    heatmap cell on a share that hangs froze the window."""
    from desktop_app.panels import pair_page

    window = _analysed(qtbot, demo_workspace)
    window.context.request_pair("Sales", "IT")
    page = window.pair_page
    assert page.comment_cards  # read at once on a working share
    monkeypatch.setattr(pair_page, "read_pair", hanging(pair_page.read_pair, gate))
    ticks = Ticks()
    started = time.monotonic()
    window.context.request_pair("IT", "Sales")
    assert time.monotonic() - started < 2.0
    before = ticks.count
    assert page.heading.text() == "IT → Sales"
    assert not page.columns.isVisible()  # Sales → IT's comments are not shown under it
    qtbot.waitUntil(lambda: "slow to answer" in page.waiting.text(), timeout=3000)
    assert ticks.count > before and page.waiting.isVisible()
    assert window.share_label.isVisible() and "slow to answer" in window.share_label.text()
    gate.set()
    qtbot.waitUntil(lambda: page.columns.isVisible(), timeout=5000)
    assert not page.waiting.isVisible() and not window.share_label.isVisible()
    assert page.summary.text().startswith("How IT rates Sales")
    assert page.actions.from_dept == "IT"


def test_the_heatmap_bands_on_a_share_that_hangs_come_once_it_answers(
    qtbot, demo_workspace, monkeypatch, gate
):
    """Relationships read the bands on the GUI thread when a setting was saved."""
    from desktop_app.context import Changes
    from desktop_app.panels import relationships_panel
    from surveys.model import Bands

    window = _analysed(qtbot, demo_workspace)
    window.show_section("relationships")
    panel = window.panel("relationships")
    monkeypatch.setattr(
        relationships_panel, "read_workspace_bands", hanging(lambda p: Bands(3.0, 4.5), gate)
    )
    ticks = Ticks()
    started = time.monotonic()
    window.context.data_changed.emit(Changes(settings=True), None)
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.waitUntil(lambda: "slow to answer" in panel.caption.text(), timeout=3000)
    assert ticks.count > before
    assert window.share_label.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: panel.model.bands == Bands(3.0, 4.5), timeout=5000)
    assert "slow" not in panel.caption.text() and not window.share_label.isVisible()
    assert "4.5" in panel.legend_labels[0][1].text()


def test_the_status_bar_participation_on_a_share_that_hangs_keeps_its_line(
    qtbot, demo_workspace, monkeypatch, gate
):
    """The status bar's "N of M answered" was read on the GUI thread after every ingest."""
    from desktop_app.context import Changes
    from desktop_app.widgets import participation_status

    window = _analysed(qtbot, demo_workspace)
    label = window.participation_label
    qtbot.waitUntil(lambda: "answered" in label.text(), timeout=5000)
    shown = label.text()
    real = participation_status.read_wave_participation
    monkeypatch.setattr(participation_status, "read_wave_participation", hanging(real, gate))
    ticks = Ticks()
    started = time.monotonic()
    window.context.data_changed.emit(Changes(responses=True), None)  # as after an ingest
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.waitUntil(lambda: window.share_label.isVisible(), timeout=3000)
    assert ticks.count > before and label.text() == shown  # not emptied meanwhile
    assert "slow to answer" in window.share_label.text()
    gate.set()
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=5000)
    assert label.text() == shown


def test_the_kiosk_count_on_a_share_that_hangs_does_not_freeze_the_window(
    qtbot, workspace, monkeypatch, gate
):
    """Pulses counted the kiosk's sealed answers on the GUI thread after its read."""
    from surveys import kiosk

    window = _window(qtbot)
    assert window.open_workspace(str(workspace))
    window.show_section("pulses")
    panel = window.panel("pulses")
    monkeypatch.setattr(kiosk, "has_kiosk", lambda path: True)
    monkeypatch.setattr(kiosk, "waiting_count", hanging(lambda folder: 3, gate))
    ticks = Ticks()
    started = time.monotonic()
    panel.reload()
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.waitUntil(lambda: "slow to answer" in panel.waiting.text(), timeout=3000)
    assert ticks.count > before
    gate.set()
    qtbot.waitUntil(lambda: panel.kiosk_label.isVisible(), timeout=5000)
    assert "3 sealed answers waiting" in panel.kiosk_label.text()


@pytest.mark.parametrize(
    ("module", "read", "opener", "place", "kind"),
    [
        ("panels.pulses_panel", "read_wave_dialog", "new_wave", "waiting", "WaveDialog"),
        ("programme_dialog", "read_programme_dialog", "edit", "summary", "ProgrammeDialog"),
    ],
)
def test_a_dialog_whose_read_hangs_opens_once_the_share_answers(
    qtbot, workspace, monkeypatch, gate, module, read, opener, place, kind
):
    """The New wave and Pulse programme dialogs read the workspace on the GUI thread as
    they opened: on a share that hangs, the click froze the window."""
    import importlib

    from PySide6.QtWidgets import QDialog

    window = _window(qtbot)
    assert window.open_workspace(str(workspace))
    window.show_section("pulses")
    panel = window.panel("pulses")
    owner = panel if opener == "new_wave" else panel.programme_box
    reads = importlib.import_module(f"desktop_app.{module}")
    monkeypatch.setattr(reads, read, hanging(getattr(reads, read), gate))
    ticks = Ticks()
    started = time.monotonic()
    assert getattr(owner, opener)() is None  # not yet
    assert time.monotonic() - started < 2.0
    before = ticks.count
    label = getattr(owner, place)
    qtbot.waitUntil(lambda: "slow to answer" in label.text(), timeout=3000)
    assert ticks.count > before
    gate.set()
    qtbot.waitUntil(lambda: "slow" not in label.text(), timeout=5000)
    dialog = next(d for d in owner.findChildren(QDialog) if type(d).__name__ == kind)
    assert dialog.isVisible()
    dialog.reject()


def test_the_overdue_actions_on_a_share_that_hangs_come_once_it_answers(
    qtbot, demo_workspace, monkeypatch, gate
):
    """The Overview's overdue actions were read on the GUI thread at each change of the
    actions: on a share that hangs, the window froze."""
    from desktop_app.context import Changes
    from desktop_app.widgets import overdue_actions
    from tests.desktop_app.test_action_tracking import _late_action

    window = _window(qtbot)
    assert window.open_workspace(str(demo_workspace))
    box = window.panel("overview").overdue
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=10000)
    _late_action(demo_workspace, 12)
    real = overdue_actions.overdue_actions
    monkeypatch.setattr(overdue_actions, "overdue_actions", hanging(real, gate))
    ticks = Ticks()
    started = time.monotonic()
    window.context.data_changed.emit(Changes(actions=True), None)
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.waitUntil(lambda: window.share_label.isVisible(), timeout=3000)
    assert ticks.count > before
    gate.set()
    qtbot.waitUntil(
        lambda: any("Tool requests" in row.accessibleName() for row in box.rows), timeout=5000
    )
    assert box.isVisible() and not window.share_label.isVisible()


def _open_pair(window):
    window.show_section("relationships")
    window.open_pair("Sales", "IT")
    return window.pair_page


@pytest.mark.parametrize(
    ("where", "click", "place"),
    [
        ("actions", lambda w: w.panel("actions").add_button, lambda w: w.panel("actions").empty),
        ("pair", lambda w: w.pair_page.actions.add_action, lambda w: w.pair_page.actions.waiting),
    ],
    ids=["actions section", "pair page"],
)
def test_the_action_dialog_whose_read_hangs_opens_once_the_share_answers(
    qtbot, demo_workspace, monkeypatch, gate, where, click, place
):
    """The action dialog read the departments and waves on the GUI thread as it opened: on
    a share that hangs, "Add…" froze the window."""
    from PySide6.QtCore import Qt

    from desktop_app.action_dialog import ActionDialog
    from surveys import waves

    window = _window(qtbot)
    assert window.open_workspace(str(demo_workspace))
    if where == "actions":
        window.show_section("actions")
    else:
        _open_pair(window)
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=10000)
    label = place(window)
    said = label.text()
    monkeypatch.setattr(waves, "wave_names", hanging(waves.wave_names, gate))
    ticks = Ticks()
    started = time.monotonic()
    qtbot.mouseClick(click(window), Qt.LeftButton)
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.waitUntil(lambda: "slow to answer" in label.text(), timeout=3000)
    assert ticks.count > before and window.share_label.isVisible()
    gate.set()
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in window.findChildren(ActionDialog)), timeout=5000
    )
    assert label.text() == said
    dialog = next(d for d in window.findChildren(ActionDialog) if d.isVisible())
    assert dialog.from_box.count() > 1 and dialog.wave_box.count() > 1
    dialog.reject()


def test_a_theme_chosen_on_a_share_that_hangs_shows_its_detail_once_it_answers(
    qtbot, open_panel, monkeypatch, gate
):
    """Choosing a theme read the workspace three times on the GUI thread (keys, size per
    pair, keywords): on a share that hangs, each row chosen froze the window."""
    from desktop_app.panels.themes_panel import ThemesPanel
    from surveys import store

    panel = open_panel(ThemesPanel)
    panel.show_result(panel.context.result)
    assert panel.themes.rowCount() > 1 and panel.pairs.rowCount() > 0
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    ticks = Ticks()
    started = time.monotonic()
    panel.themes.selectRow(1)
    assert time.monotonic() - started < 2.0
    before = ticks.count
    said = panel.status.text()
    qtbot.waitUntil(lambda: "slow to answer" in panel.status.text(), timeout=3000)
    assert ticks.count > before and panel.pairs.rowCount() == 0  # not the other theme's
    gate.set()
    qtbot.waitUntil(lambda: panel.pairs.rowCount() > 0, timeout=5000)
    assert panel.status.text() == said


def test_the_themes_editor_whose_read_hangs_opens_once_the_share_answers(
    qtbot, open_panel, monkeypatch, gate
):
    """The themes editor read the taxonomy on the GUI thread as it opened."""
    from desktop_app.panels.themes_panel import ThemesPanel
    from desktop_app.taxonomy_dialog import TaxonomyDialog
    from surveys import store

    panel = open_panel(ThemesPanel)
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    ticks = Ticks()
    started = time.monotonic()
    assert panel.edit_taxonomy() is None  # not yet
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.waitUntil(lambda: "slow to answer" in panel.status.text(), timeout=3000)
    assert ticks.count > before
    gate.set()
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in panel.findChildren(TaxonomyDialog)), timeout=5000
    )
    dialog = next(d for d in panel.findChildren(TaxonomyDialog) if d.isVisible())
    assert dialog.list.count() > 0
    dialog.reject()


def test_the_action_dialog_whose_read_answers_after_a_workspace_switch_does_not_open(
    qtbot, demo_workspace, tmp_path, monkeypatch, gate
):
    """Edit… on a share that hangs, then another workspace opened: the dialog opened
    late over the new workspace with the previous one's action (its id, its pair), and
    Save overwrote the action with that id in the new workspace."""
    import shutil

    from PySide6.QtCore import Qt

    from desktop_app import action_dialog
    from desktop_app.action_dialog import ActionDialog

    other = tmp_path / "other"
    shutil.copytree(demo_workspace, other)
    window = _window(qtbot)
    assert window.open_workspace(str(demo_workspace))
    window.show_section("actions")
    panel = window.panel("actions")
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10000)
    real = action_dialog.read_action_choices
    monkeypatch.setattr(action_dialog, "read_action_choices", hanging(real, gate))
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.edit_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "slow to answer" in panel.empty.text(), timeout=3000)
    assert window.open_workspace(str(other))
    gate.set()
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10000)
    qtbot.wait(500)  # the late answer has come by now
    assert not any(d.isVisible() for d in window.findChildren(ActionDialog))
    assert "slow to answer" not in panel.empty.text()


def test_the_pair_pages_action_dialog_asked_on_another_pair_does_not_open_late(
    qtbot, demo_workspace, monkeypatch, gate
):
    """Add another action… on a share that hangs, then another pair opened: the dialog
    opened late over the new pair's page, pre-filled with the previous pair."""
    from PySide6.QtCore import Qt

    from desktop_app import action_dialog
    from desktop_app.action_dialog import ActionDialog

    window = _window(qtbot)
    assert window.open_workspace(str(demo_workspace))
    page = _open_pair(window)
    qtbot.waitUntil(lambda: page.actions.from_dept == "Sales", timeout=10000)
    real = action_dialog.read_action_choices
    monkeypatch.setattr(action_dialog, "read_action_choices", hanging(real, gate))
    qtbot.mouseClick(page.actions.add_action, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.actions.waiting.isVisible(), timeout=3000)
    window.open_pair("Marketing", "Operations")
    qtbot.waitUntil(lambda: page.actions.from_dept == "Marketing", timeout=10000)
    assert not page.actions.waiting.isVisible()
    gate.set()
    qtbot.wait(500)  # the late answer has come by now
    assert not any(d.isVisible() for d in window.findChildren(ActionDialog))
