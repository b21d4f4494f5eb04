"""Closing a wave early from the Pulses section: HR chooses to stop the answers, and the
window takes in the last held answers and closes the wave by itself at the time it said,
while it is open or when the workspace next opens.

A real workspace, a real shared folder, a real respondent outbox with its random hold and
the real worker process; the clocks (the window's and the respondent's) are injected."""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton

from desktop_app.panels.pulses_panel import PulsesPanel
from desktop_app.programme_runner import CLOSE_SLACK_MS
from surveys.ingest import ingest
from surveys.outbox import deliver, flush_outbox
from surveys.outbox_hold import Hold
from surveys.publish import publish_wave, read_published
from surveys.pulses import list_waves
from surveys.store import open_workspace, set_setting
from surveys.submission import Answer, Submission
from surveys.wave_stop import clock_text, close_time, stop_answers, stop_moment
from surveys.waves import get_wave
from tests.desktop_app.test_pulse_programme import _answer_passphrase, _calendar
from tests.desktop_app.test_pulses_panel import PASSPHRASE

WAVE = "2031-01"
#: "Now" of each test (set when the test starts: a suite that runs across midnight would
#: otherwise compare this moment's day with the next one's).
T0 = float(int(time.time()))


@pytest.fixture(autouse=True)
def _now_of_this_test() -> None:
    global T0
    T0 = float(int(time.time()))


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _published(workspace: Path, share: Path):  # noqa: ANN202 - a PublishedSurvey
    path = publish_wave(
        workspace, share, WAVE, "short-pulse", "2020-01-01", "2099-12-31",
        passphrase=PASSPHRASE, create=True, tickets=False,
    )  # fmt: skip
    db = open_workspace(workspace)
    set_setting(db, "share", str(share))
    db.close()
    return read_published(path)


def _answer(survey, share: Path, hold: Hold | None = None):  # noqa: ANN001, ANN202
    sub = Submission(WAVE, "Sales", date.today().isoformat(), (Answer("IT", "timely", 2),))
    return deliver(sub, survey, share, hold)


def _click_when_asked(box_name: str, button_name: str, seen: list) -> None:
    """Press the button ``button_name`` of the message box ``box_name`` when it shows."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != box_name:
            QTimer.singleShot(10, press)
            return
        seen.append((box.text(), box.informativeText()))
        box.findChild(QPushButton, button_name).click()

    QTimer.singleShot(0, press)


def _select(panel, name: str) -> None:
    names = [w.name for w in panel.waves_model.waves]
    panel.waves_table.selectRow(names.index(name))


def _cell(panel, name: str, column: int, role: int = Qt.DisplayRole) -> str:
    row = [w.name for w in panel.waves_model.waves].index(name)
    return panel.waves_model.index(row, column).data(role)


def _status_cell(panel, name: str) -> str:
    row = [w.name for w in panel.waves_model.waves].index(name)
    return panel.waves_model.index(row, 4).data()


def _wave(workspace: Path):  # noqa: ANN202 - a surveys.model.Wave
    db = open_workspace(workspace)
    try:
        return get_wave(db, WAVE)
    finally:
        db.close()


def test_stop_answers_then_the_window_closes_the_wave_at_the_time_it_said(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    share = tmp_path / "share"
    survey = _published(demo_workspace, share)
    # Answered a minute before HR presses Close: the answer waits 15 minutes in the outbox.
    assert _answer(survey, share, Hold(Clock(T0 - 60), lambda: 900.0)).status == "held"
    panel = open_panel(PulsesPanel)
    runner = panel.programme_box.runner
    runner.first_check.stop()  # the test checks by itself
    runner.clock = hr = Clock(T0)
    _select(panel, WAVE)
    closes = close_time(stop_moment(T0))
    seen: list = []
    _click_when_asked("closeWaveQuestion", "stopAnswersButton", seen)
    asked: list = []
    _answer_passphrase(asked)
    qtbot.mouseClick(panel.close_button, Qt.LeftButton)
    [(question, explained)] = seen
    assert question == f"Close {WAVE} before its last day is over?"
    assert "up to 20 minutes" in explained
    assert f"closes the wave at {clock_text(closes, T0)}" in explained
    assert "Close now: the figures are released at once" in explained
    assert len(asked) == 1 and runner.unlocked  # asked once, now, for the close later
    assert asked[0].buttons.button(QDialogButtonBox.Ok).text() == "Close &automatically"

    assert read_published(share / "published" / f"{WAVE}.json").stopped == stop_moment(T0)
    assert _wave(demo_workspace).status == "open"
    assert _status_cell(panel, WAVE) == f"answers stopped; closes at {clock_text(closes, T0)}"
    assert f"takes no more answers from {clock_text(T0, T0)}" in panel.status.text()
    assert [r[3] for r in _calendar(panel.programme_box) if r[0] == WAVE] == ["answers stopped"]
    assert runner.close_timer.isActive()
    assert runner.close_timer.interval() == int((closes - T0) * 1000) + CLOSE_SLACK_MS

    assert flush_outbox(share, now=T0 + 840) == 1  # the held answer arrives when due
    hr.now = closes  # the timer fires at the close time
    with qtbot.waitSignal(runner.ran, timeout=60000) as ran:
        runner.close_timer.timeout.emit()
    report = ran.args[0]
    assert report.closed == [WAVE] and report.ingested.stored == 1
    assert report.ingested.late == 0
    wave = _wave(demo_workspace)
    assert wave.status == "closed" and wave.released is not None
    assert _status_cell(panel, WAVE) == "closed"
    db = open_workspace(demo_workspace)
    [info] = [w for w in list_waves(db) if w.name == WAVE]
    db.close()
    assert info.submissions == 1
    assert not (share / "published" / f"{WAVE}.json").exists()


def test_a_waiting_close_completes_when_the_workspace_next_opens(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    share = tmp_path / "share"
    survey = _published(demo_workspace, share)
    assert _answer(survey, share).status == "delivered"
    db = open_workspace(demo_workspace)
    stop_answers(db, share, WAVE, time.time() - 30 * 60)  # HR quit the app meanwhile
    db.close()
    asked: list = []
    _answer_passphrase(asked)
    panel = open_panel(PulsesPanel)  # its first check runs a moment after opening
    runner = panel.programme_box.runner
    with qtbot.waitSignal(runner.ran, timeout=60000) as ran:
        pass
    assert ran.args[0].closed == [WAVE] and ran.args[0].ingested.stored == 1
    assert len(asked) == 1 and _wave(demo_workspace).status == "closed"


def test_a_share_away_at_the_close_time_is_said_and_nothing_closes(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    share = tmp_path / "share"
    _published(demo_workspace, share)
    db = open_workspace(demo_workspace)
    stop_answers(db, share, WAVE, time.time() - 30 * 60)
    db.close()
    shutil.move(share, tmp_path / "unmounted")
    panel = open_panel(PulsesPanel)
    runner = panel.programme_box.runner
    runner.first_check.stop()
    job = runner.check()
    with qtbot.waitSignal(job.finished, timeout=60000):
        pass
    said = panel.programme_box.runner_status.text()
    assert f"The shared folder {share} cannot be reached" in said
    assert "Nothing was closed or published" in said and "Traceback" not in said
    assert _wave(demo_workspace).status == "open"


def test_close_now_on_a_stopped_wave_closes_it_at_once(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    share = tmp_path / "share"
    survey = _published(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    runner = panel.programme_box.runner
    runner.first_check.stop()
    runner.clock = Clock(T0)
    db = open_workspace(demo_workspace)
    stop_answers(db, share, WAVE, T0)
    db.close()
    panel.reload()
    _select(panel, WAVE)
    seen: list = []
    _click_when_asked("closeStoppedQuestion", "keepWaitingButton", seen)
    panel.close_selected()
    assert _wave(demo_workspace).status == "open"  # "Keep waiting" changed nothing
    at, closes = clock_text(T0, T0), clock_text(close_time(stop_moment(T0)), T0)
    assert seen[0][0] == (
        f"Wave {WAVE} stopped taking answers at {at} and closes by itself at {closes}."
    )
    _click_when_asked("closeStoppedQuestion", "closeNowButton", seen)
    panel.close_selected()
    assert _wave(demo_workspace).status == "closed"
    assert "closed and its figures are released" in panel.status.text()
    # the Closes column says the day it closed, and that it was early (it kept 2099-12-31)
    today = date.fromtimestamp(T0).isoformat()
    qtbot.waitUntil(lambda: _cell(panel, WAVE, 3) == f"{today} (early)")
    tip = _cell(panel, WAVE, 3, Qt.ToolTipRole)
    assert tip == f"Closed early on {today}; it was planned to close on 2099-12-31."
    # and so does the programme's calendar under it (it kept 2099-12-31 too)
    calendar = panel.programme_box.calendar

    def calendar_closes() -> str | None:
        rows = range(calendar.rowCount())
        row = next((r for r in rows if calendar.item(r, 0).text() == WAVE), None)
        return None if row is None else calendar.item(row, 2).text()

    qtbot.waitUntil(lambda: calendar_closes() == f"{today} (early)")
    # What was still on its way counts as late: HR chose so.
    _answer(survey, share)
    assert ingest(demo_workspace, share, PASSPHRASE).late == 1


def test_a_share_away_when_closing_stops_nothing_and_offers_close_now(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    share = tmp_path / "share"
    _published(demo_workspace, share)
    shutil.move(share, tmp_path / "unmounted")
    panel = open_panel(PulsesPanel)
    panel.programme_box.runner.first_check.stop()
    _select(panel, WAVE)
    seen: list = []

    def cancel() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, cancel)
            return
        seen.append((box.text(), box.informativeText()))
        assert box.defaultButton() is box.button(QMessageBox.Cancel)
        box.button(QMessageBox.Cancel).click()

    QTimer.singleShot(0, cancel)
    panel.close_selected()
    assert _wave(demo_workspace).status == "open"
    [(problem, advice)] = seen
    assert f"The shared folder {share} cannot be reached" in problem
    assert "Nothing was changed" in problem and "Or close it now" in advice
    _click_when_asked("closeUnreachableQuestion", "closeNowButton", seen)
    panel.close_selected()
    assert _wave(demo_workspace).status == "closed"


def test_closing_a_draft_says_it_was_never_published(open_panel, qtbot) -> None:
    from tests.desktop_app.test_pulses_panel import _create_wave

    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, "2026-11")
    _select(panel, "2026-11")
    seen: list = []
    _click_when_asked("closeWaveQuestion", "closeWaveButton", seen)
    panel.close_selected()
    # it said "Respondents stop seeing it … so ingest the inbox first" of a wave no one saw
    [(text, _info)] = seen
    assert text.startswith("Close 2026-11? It is a draft that was never published")
    assert "ingest" not in text and "Respondents stop seeing it" not in text
    qtbot.waitUntil(lambda: _status_cell(panel, "2026-11") == "closed")


def test_a_slow_close_closes_the_wave_clicked_whatever_is_selected_meanwhile(
    open_panel, qtbot, monkeypatch
) -> None:
    """Round ten's "read, not run", run (docs/qa.md, eleventh round): the off-thread write
    takes the wave's name at the click, so a slow share and another selection while it
    runs cannot close another wave."""
    import surveys.publish
    from tests.desktop_app.test_pulses_panel import _create_wave

    real = surveys.publish.close_wave

    calls: list = []

    def slow(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(args[2])
        time.sleep(1.0)  # beyond the GUI's wait: the write goes on off its thread
        return real(*args, **kwargs)

    monkeypatch.setattr(surveys.publish, "close_wave", slow)
    panel = open_panel(PulsesPanel)
    panel.programme_box.runner.first_check.stop()
    _create_wave(panel, qtbot, "2026-11")
    _create_wave(panel, qtbot, "2026-12")
    _select(panel, "2026-11")
    _click_when_asked("closeWaveQuestion", "closeWaveButton", [])
    panel.close_selected()
    _select(panel, "2026-12")  # HR moves on while the share is slow
    qtbot.waitUntil(lambda: _status_cell(panel, "2026-11") == "closed", timeout=10000)
    assert _status_cell(panel, "2026-12") == "draft (not published)"
    assert calls == ["2026-11"]
