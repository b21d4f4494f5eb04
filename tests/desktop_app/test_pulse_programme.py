"""The pulse programme in the Pulses section (issue 19, item 13): set it up in the dialog,
the window publishes the due wave as a job after asking for the passphrase once, the
calendar shows past, open and next waves, and Pause stops it."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop_app.panels.pulses_panel import PulsesPanel
from desktop_app.passphrase_dialog import PassphraseDialog
from desktop_app.programme_runner import CHECK_INTERVAL_MS, FIRST_CHECK_MS
from surveys.programme import Programme, save_programme
from surveys.store import open_workspace, set_setting

PASSPHRASE = "correct horse battery staple"


def _answer_passphrase(asked: list, text: str | None = PASSPHRASE) -> None:
    """Type the passphrase (or press Cancel with ``None``) when the dialog opens."""

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(10, fill)
            return
        asked.append(dialog)
        if text is None:
            dialog.buttons.button(QDialogButtonBox.Cancel).click()
            return
        dialog.passphrase_edit.setText(text)
        dialog.confirm_edit.setText(text)
        dialog.buttons.button(QDialogButtonBox.Ok).click()

    QTimer.singleShot(0, fill)


def _calendar(box) -> list[list[str]]:
    table = box.calendar
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _with_share(folder, share) -> None:
    """A shared folder that is set up (as after the first publish), remembered."""
    for part in ("published", "inbox"):
        (share / part).mkdir(parents=True, exist_ok=True)
    db = open_workspace(folder)
    set_setting(db, "share", str(share))
    db.close()


def test_set_up_a_programme_and_the_window_publishes_the_due_wave(
    open_panel, demo_workspace, tmp_path, qtbot
):
    _with_share(demo_workspace, tmp_path / "share")
    panel = open_panel(PulsesPanel)
    panel.programme_box.runner.first_check.stop()  # the test checks by itself
    box = panel.programme_box
    assert box.runner.timer.isActive() and box.runner.timer.interval() == CHECK_INTERVAL_MS
    assert box.runner.first_check.interval() == FIRST_CHECK_MS
    assert "No programme" in box.summary.text()
    dialog = box.edit()
    qtbot.addWidget(dialog)
    dialog.cadence_box.setCurrentIndex(dialog.cadence_box.findData("2-weekly"))
    assert dialog.days_spin.maximum() == 14
    dialog.starts_edit.setDate(QDate.currentDate())
    dialog.days_spin.setValue(7)
    dialog.template_box.setCurrentIndex(dialog.template_box.findData("short-pulse"))
    assert dialog.template_box.currentText() == (
        "Short relationship pulse — 9 questions, 5 per wave (rotating)"
    )
    assert "3 groups" in dialog.rotation_note.text()
    asked: list = []
    _answer_passphrase(asked)
    with qtbot.waitSignal(box.runner.ran, timeout=30000) as ran:
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    today = date.today()
    name = today.isoformat()
    assert ran.args[0].published == name and len(asked) == 1
    assert asked[0].buttons.button(QDialogButtonBox.Ok).text() == "Pu&blish"  # not "OK"
    assert (tmp_path / "share" / "published" / f"{name}.json").exists()
    assert (
        "every 2 weeks" in box.summary.text() and "Short relationship pulse" in box.summary.text()
    )
    rows = _calendar(box)
    states = [row[3] for row in rows]
    assert states[-4:] == ["open", "next", "planned", "planned"]
    opened = rows[-4]
    assert opened[:3] == [name, name, (today + timedelta(days=6)).isoformat()]
    assert opened[4].startswith("group 1 of 3: Communication frequency, Timeliness, Accuracy")
    assert rows[-3][4].startswith("group 2 of 3: Problem solving")
    assert rows[0][4] == "published by hand"  # the demo's last waves, for context
    # The wave is listed in the waves table too, and the next check has nothing to do.
    assert name in [w.name for w in panel.waves_model.waves]
    assert box.runner.check() is None


def test_the_passphrase_is_asked_once_per_session(open_panel, demo_workspace, tmp_path, qtbot):
    _with_share(demo_workspace, tmp_path / "share")
    db = open_workspace(demo_workspace)
    starts = (date.today() - timedelta(days=7)).isoformat()
    save_programme(db, Programme("weekly", 3, "short-pulse", starts))
    db.close()
    panel = open_panel(PulsesPanel)
    panel.programme_box.runner.first_check.stop()  # the test checks by itself
    runner = panel.programme_box.runner
    asked: list = []
    _answer_passphrase(asked)
    job = runner.check()
    with qtbot.waitSignal(job.finished, timeout=30000):
        pass
    assert len(asked) == 1 and runner.unlocked
    # A week later another wave is due: published without asking again.
    db = open_workspace(demo_workspace)
    db.execute(
        "UPDATE pulse_programme SET starts = ?", [(date.today() - timedelta(days=14)).isoformat()]
    )
    db.execute("UPDATE waves SET programme_slot = ?, opens = ? WHERE programme_slot IS NOT NULL",
               [starts] * 2)  # fmt: skip
    db.close()
    job = runner.check()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=30000):
        pass
    assert len(asked) == 1
    # Opening the workspace again forgets it.
    panel.context.open(demo_workspace)
    assert not runner.unlocked


def test_declining_waits_until_asked_and_pause_stops_it(
    open_panel, demo_workspace, tmp_path, qtbot
):
    _with_share(demo_workspace, tmp_path / "share")
    db = open_workspace(demo_workspace)
    save_programme(db, Programme("monthly", 10, "short-pulse", date.today().isoformat()))
    db.close()
    panel = open_panel(PulsesPanel)
    panel.programme_box.runner.first_check.stop()  # the test checks by itself
    box = panel.programme_box
    box.reload()
    asked: list = []
    _answer_passphrase(asked, None)
    assert box.runner.check() is None and len(asked) == 1
    assert "is due" in box.runner_status.text() and box.runner_status.isVisible()
    assert box.runner.check() is None and len(asked) == 1  # the timer does not ask again
    # Pause: the calendar says so and nothing is published, even when asked.
    qtbot.mouseClick(box.pause_button, Qt.LeftButton)
    assert "Paused since" in box.summary.text() and box.pause_button.text() == "Resu&me"
    assert {row[3] for row in _calendar(box) if row[3] not in ("closed",)} == {"paused"}
    assert not box.run_button.isEnabled()
    qtbot.mouseClick(box.pause_button, Qt.LeftButton)  # resume; the timer stays quiet
    assert len(asked) == 1 and box.run_button.isEnabled()
    _answer_passphrase(asked)
    with qtbot.waitSignal(box.runner.ran, timeout=30000):
        qtbot.mouseClick(box.run_button, Qt.LeftButton)  # "Publish due wave now…" asks
    assert len(asked) == 2
    assert "open" in [row[3] for row in _calendar(box)]


def test_an_unreachable_share_is_said_and_publish_now_asks_to_set_it_up(
    open_panel, demo_workspace, tmp_path, qtbot
):
    from PySide6.QtWidgets import QMessageBox

    from tests.desktop_app.test_pulses_inbox import _click_when_asked

    share = tmp_path / "not-mounted"
    db = open_workspace(demo_workspace)
    set_setting(db, "share", str(share))
    save_programme(db, Programme("monthly", 10, "short-pulse", date.today().isoformat()))
    db.close()
    panel = open_panel(PulsesPanel)
    runner = panel.programme_box.runner
    runner.first_check.stop()  # the test checks by itself
    asked: list = []
    _answer_passphrase(asked)
    job = runner.check()  # the timer: never sets a folder up
    with qtbot.waitSignal(job.finished, timeout=30000):
        pass
    assert "cannot be reached or is not set up" in panel.programme_box.runner_status.text()
    assert not share.exists()
    _click_when_asked("newShareQuestion", QMessageBox.Yes)
    with qtbot.waitSignal(runner.ran, timeout=30000):
        runner.check(ask=True)  # "Publish due wave now…"
    name = date.today().isoformat()[:7]
    assert (share / "published" / f"{name}.json").exists()


def test_the_calendar_lists_every_wave_in_whole_rows(open_panel, qtbot):
    panel = open_panel(PulsesPanel)
    box = panel.programme_box
    table = box.calendar
    waves = [w.name for w in panel.waves_model.waves]
    assert len(waves) == 6 and table.rowCount() == len(waves)  # the calendar listed 2 of 6
    assert sorted(row[0] for row in _calendar(box)) == sorted(waves)
    # one word for one idea: the waves table and the calendar both say "Status"
    assert table.horizontalHeaderItem(3).text() == panel.waves_model.headerData(4, Qt.Horizontal)
    assert table.horizontalHeaderItem(3).text() == "Status"
    # a longer history: whole rows, the latest closed waves in view, the first a scroll up
    db = open_workspace(panel.context.path)
    for month in range(1, 5):
        db.execute(
            "INSERT INTO waves (name, status, opens, closes) VALUES (?, 'closed', ?, ?)",
            [f"2025-0{month}", f"2025-0{month}-02", f"2025-0{month}-12"],
        )
    db.close()
    box.reload()
    qtbot.waitUntil(lambda: table.rowCount() == 10)
    qtbot.wait(10)  # the scroll is applied again once the table is laid out
    viewport = table.viewport().rect()
    whole = [r for r in range(10) if viewport.contains(table.visualItemRect(table.item(r, 0)))]
    assert whole == list(range(3, 10))  # seven whole rows, down to the latest wave
    assert (
        table.visualItemRect(table.item(2, 0)).bottom() <= 0
    )  # and no cut one and table.item(9, 0).text() == "2026-10"
    table.verticalScrollBar().setValue(0)
    assert table.item(0, 0).text() == "2025-01"
    assert table.visualItemRect(table.item(0, 0)).intersects(viewport)


def test_a_workspace_gone_is_said_in_the_programme_status_not_raised(
    open_panel, demo_workspace, qtbot
):
    """The programme's timer reads the workspace's share setting: with the workspace folder
    gone (its network drive disconnected) that raised from a timer every five minutes,
    into the apps' error box or, in tests, into whichever test ran next."""
    panel = open_panel(PulsesPanel)
    runner = panel.programme_box.runner
    runner.first_check.stop()  # the test checks by itself
    moved = demo_workspace.with_name("moved")
    demo_workspace.rename(moved)
    try:
        assert runner.check() is None  # the timer's call: nothing raised
    finally:
        moved.rename(demo_workspace)
    assert "does not exist or cannot be reached" in panel.programme_box.runner_status.text()


def test_the_programme_says_answers_that_repeat_stored_ones(open_panel):
    """The window's scheduled close ingests first: answers that repeat, word for word, one
    stored before were closed in without a word (the Ingest button says them)."""
    from analysis.export.schedule import ScheduleReport
    from surveys.ingest import IngestReport

    panel = open_panel(PulsesPanel)
    runner = panel.programme_box.runner
    ingested = IngestReport(stored=2, repeats={"2026-10": 2})
    runner._on_job_succeeded(ScheduleReport(closed=["2026-10"], ingested=ingested))
    text = panel.programme_box.runner_status.text()
    assert "2 answers stored for wave 2026-10 repeat, word for word" in text
    assert "Closed 2026-10." in text


def test_a_share_that_fails_mid_read_is_said_in_the_status_not_raised(
    open_panel, demo_workspace, qtbot, monkeypatch
):
    """The programme's check read the shared folder's setting after opening the workspace;
    an SQLite error there (a share that failed mid-read) reached the event loop as a
    traceback. It is said in words, as a workspace that cannot be opened is."""
    import sqlite3

    panel = open_panel(PulsesPanel)
    runner = panel.programme_box.runner
    runner.first_check.stop()

    def failing_read(_db, _name):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("surveys.store.get_setting", failing_read)
    runner.check()
    qtbot.waitUntil(lambda: "disk" in runner.status.lower(), timeout=10_000)
    assert "Traceback" not in runner.status and str(demo_workspace) in runner.status
