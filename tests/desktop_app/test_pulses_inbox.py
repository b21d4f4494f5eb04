"""HR sees what is waiting and what failed: inbox count, last ingest, quarantine, badge.

Before, the Pulses section showed the quarantine only right after an ingest in that
window, never what was waiting, and nothing anywhere said that answers sat in quarantine.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.panels.pulses_panel import PulsesPanel
from surveys.key_pins import key_code
from surveys.keys import public_key
from surveys.outbox import deliver
from surveys.publish import publish_wave, read_published
from surveys.submission import Answer, Submission
from tests.desktop_app.hr_helpers import open_window
from tests.desktop_app.test_pulses_panel import PASSPHRASE, _type_passphrase_when_asked

WAVE = "2026-11"


def _share_with_mail(workspace: Path, share: Path, good: int = 2) -> None:
    """A published wave, ``good`` sealed answers and one stray file in the inbox."""
    path = publish_wave(
        workspace, share, WAVE, "short-pulse", "2020-01-01", "2099-12-31",
        passphrase=PASSPHRASE, create=True, tickets=False,  # the ticket box has its own test
    )  # fmt: skip
    survey = read_published(path)
    for number in range(good):
        answers = (Answer("IT", "timely", 2 + number),)
        sub = Submission(WAVE, "Sales", "2026-11-03", answers, token=f"{number + 1:064x}")
        assert deliver(sub, survey, share).status == "delivered"
    (share / "inbox" / "notes.txt").write_text("not an answer")


def _use(workspace: Path, share: Path) -> None:
    from surveys.store import open_workspace, set_setting

    db = open_workspace(workspace)
    set_setting(db, "share", str(share))
    db.close()


def _click_when_asked(name: str, button: QMessageBox.StandardButton) -> list[str]:
    """Click ``button`` of the question ``name`` once it shows; the list gets its text."""
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != name:
            QTimer.singleShot(10, answer)
            return
        asked.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, answer)
    return asked


def _ingest(panel, qtbot) -> None:
    _type_passphrase_when_asked()
    job = panel.ingest_inbox()
    with qtbot.waitSignal(job.finished, timeout=30000):
        pass


def test_pulses_shows_waiting_answers_last_ingest_and_quarantine(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    share = tmp_path / "share"
    _share_with_mail(demo_workspace, share)
    _use(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    summary = panel.inbox.summary
    qtbot.waitUntil(lambda: "3 answers waiting in the inbox" in summary.text())
    assert "No ingest yet." in summary.text()
    # The code respondents compare when their app says the survey key changed.
    assert f"Survey key code: {key_code(public_key(demo_workspace))}." in summary.text()
    assert not panel.inbox.quarantine.isVisible()

    _ingest(panel, qtbot)

    qtbot.waitUntil(lambda: "0 answers waiting" in summary.text())
    assert "3 files, 2 stored, 1 quarantined." in summary.text()
    table = panel.inbox.table
    qtbot.waitUntil(lambda: table.rowCount() == 1)
    assert panel.inbox.quarantine.title() == "Quarantine: 1 file could not be stored"
    assert (table.item(0, 0).text(), table.item(0, 1).text()) == (
        "notes.txt",
        "it is not a Rapport sealed file (its first bytes are wrong)",
    )


def test_retry_moves_a_file_back_and_delete_asks_first(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    share = tmp_path / "share"
    _share_with_mail(demo_workspace, share, good=0)
    _use(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    _ingest(panel, qtbot)
    box, table = panel.inbox, panel.inbox.table
    qtbot.waitUntil(lambda: table.rowCount() == 1)
    assert not box.retry_button.isEnabled()

    table.selectRow(0)
    qtbot.mouseClick(box.retry_button, Qt.LeftButton)
    assert (share / "inbox" / "notes.txt").exists()
    assert not (share / "quarantine" / "notes.txt.reason.txt").exists()
    assert "is back in the inbox" in panel.status.text()
    qtbot.waitUntil(lambda: table.rowCount() == 0 and not box.quarantine.isVisible())
    qtbot.waitUntil(lambda: "1 answer waiting" in box.summary.text())

    _ingest(panel, qtbot)
    qtbot.waitUntil(lambda: table.rowCount() == 1)
    table.selectRow(0)
    _click_when_asked("deleteQuarantinedQuestion", QMessageBox.Cancel)
    qtbot.mouseClick(box.delete_button, Qt.LeftButton)
    assert (share / "quarantine" / "notes.txt").exists()  # cancelled: kept
    _click_when_asked("deleteQuarantinedQuestion", QMessageBox.Yes)
    qtbot.mouseClick(box.delete_button, Qt.LeftButton)
    assert sorted(p.name for p in (share / "quarantine").iterdir()) == []
    qtbot.waitUntil(lambda: table.rowCount() == 0)


def test_the_status_bar_badge_says_when_something_is_quarantined(
    demo_workspace, tmp_path, qtbot
) -> None:
    share = tmp_path / "share"
    _share_with_mail(demo_workspace, share)
    (share / "quarantine" / "old.rapport").write_bytes(b"left by an earlier ingest")
    _use(demo_workspace, share)
    window = open_window(qtbot, demo_workspace)
    badge = window.quarantine_badge
    qtbot.waitUntil(badge.isVisible)
    assert badge.text() == "⚠ 1 file in quarantine"

    qtbot.mouseClick(badge, Qt.LeftButton)
    assert window.stack.currentWidget() is window.panel("pulses")

    panel = window.panel("pulses")
    panel.inbox.table.selectRow(0)
    _click_when_asked("deleteQuarantinedQuestion", QMessageBox.Yes)
    qtbot.mouseClick(panel.inbox.delete_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not badge.isVisible())


def test_publishing_to_a_folder_that_is_not_set_up_asks_first(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    from tests.desktop_app.test_pulses_panel import _create_wave

    share = tmp_path / "not-mounted"
    _use(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, WAVE)
    _click_when_asked("newShareQuestion", QMessageBox.Cancel)
    assert panel.publish_selected() is None
    assert not share.exists()
    assert "Nothing was published" in panel.status.text()

    _click_when_asked("newShareQuestion", QMessageBox.Yes)
    _type_passphrase_when_asked()
    job = panel.publish_selected()
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert (share / "published" / f"{WAVE}.json").exists()
    assert (share / "inbox").is_dir()


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_pulses_warns_when_colleagues_could_delete_each_others_answers(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    share = tmp_path / "share"
    _share_with_mail(demo_workspace, share, good=0)
    _use(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    summary = panel.inbox.summary
    qtbot.waitUntil(lambda: "waiting in the inbox" in summary.text())
    assert "⚠" not in summary.text()  # a share Rapport set up is safe

    os.chmod(share / "inbox", 0o777)
    panel.inbox.refresh()
    qtbot.waitUntil(lambda: "⚠" in summary.text())
    expected = (
        "⚠ Anyone who can write to inbox/ can also delete or replace other people's files "
        f"there. On the file server, run: chmod 1733 {share / 'inbox'}"
    )
    assert expected in summary.text()


def test_a_flooded_quarantine_lists_its_first_files_and_counts_them_all(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    """A colleague can fill the inbox with junk; the table must not grow with it."""
    from desktop_app.panels.pulses_inbox import MAX_LISTED
    from surveys.inbox import REASON_SUFFIX

    share = tmp_path / "share"
    _share_with_mail(demo_workspace, share, good=0)
    _use(demo_workspace, share)
    for number in range(MAX_LISTED + 100):
        name = f"j{number:04d}.rapport"
        (share / "quarantine" / name).write_bytes(b"x")
        (share / "quarantine" / (name + REASON_SUFFIX)).write_text(
            f"{name} could not be stored: it is not a Rapport sealed file.\n"
        )
    panel = open_panel(PulsesPanel)
    table = panel.inbox.table
    qtbot.waitUntil(lambda: table.rowCount() == MAX_LISTED)
    assert panel.inbox.quarantine.title() == (
        f"Quarantine: {MAX_LISTED + 100} files could not be stored "
        f"(the first {MAX_LISTED} are listed)"
    )
    assert table.item(0, 0).text() == "j0000.rapport"


def test_reading_a_slow_share_never_piles_up_reads(workspace, tmp_path, qtbot, monkeypatch):
    """A share flooded with junk files can take longer to read than the 30 seconds between
    refreshes: reads used to pile up in the thread pool without end. One runs at a time,
    and the refreshes asked for meanwhile make one more read."""
    import threading

    import surveys.inbox
    from desktop_app.panels.pulses_inbox import InboxBox

    share = tmp_path / "share"
    _share_with_mail(workspace, share, good=0)
    real, started, release = surveys.inbox.share_status, [], threading.Event()

    def slow_share_status(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        started.append(args)
        assert release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(surveys.inbox, "share_status", slow_share_status)
    box = InboxBox()
    qtbot.addWidget(box)
    views = []
    box.status_read.connect(views.append)
    try:
        box.watch(share, workspace)
        qtbot.waitUntil(lambda: len(started) == 1)
        for _ in range(5):  # the timer's refreshes, an ingest, a retry...
            box.refresh()
    finally:
        release.set()
    qtbot.waitUntil(lambda: len(views) == 2)
    assert len(started) == 2
    assert views[-1].status.waiting == 1  # notes.txt


def test_only_the_listed_quarantined_files_reasons_are_read(tmp_path, monkeypatch) -> None:
    import surveys.inbox

    share = tmp_path / "share"
    for folder in ("inbox", "quarantine"):
        (share / folder).mkdir(parents=True)
    for number in range(10):
        name = f"j{number}.rapport"
        (share / "quarantine" / name).write_bytes(b"x")
        (share / "quarantine" / (name + ".reason.txt")).write_text(
            f"{name} could not be stored: it is junk.\n"
        )
    read = []
    real = surveys.inbox._read_reason
    monkeypatch.setattr(surveys.inbox, "_read_reason", lambda path: read.append(path) or real(path))
    status = surveys.inbox.share_status(share, 3)
    assert [q.name for q in status.quarantined] == ["j0.rapport", "j1.rapport", "j2.rapport"]
    assert status.quarantined[0].reason == "it is junk"
    assert (status.quarantined_total, len(read)) == (10, 3)


def test_pulses_says_when_someone_else_rewrote_a_published_survey(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    """Fifth hostile round: a colleague keeps HR's key and rewords a question."""
    share = tmp_path / "share"
    _share_with_mail(demo_workspace, share, good=0)
    _use(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    summary = panel.inbox.summary
    qtbot.waitUntil(lambda: "waiting in the inbox" in summary.text())
    assert "is not the file HR published" not in summary.text()

    path = share / "published" / f"{WAVE}.json"
    _reword(path, panel, qtbot)
    assert f"⚠ published/{WAVE}.json is not the file HR published" in summary.text()
    _ingest_writes_hr_copy_back(path, panel, qtbot)


def test_pulses_says_when_someone_else_rewrote_a_kiosk_survey(
    open_panel, demo_workspace, qtbot
) -> None:
    """Seventh hostile round: the kiosk refuses a reworded survey; HR was told nothing."""
    from surveys.kiosk import kiosk_folder

    kiosk = kiosk_folder(demo_workspace)
    path = publish_wave(
        demo_workspace, kiosk, WAVE, "short-pulse", "2020-01-01", "2099-12-31",
        passphrase=PASSPHRASE, create=True, tickets=False,
    )  # fmt: skip
    panel = open_panel(PulsesPanel)
    summary = panel.inbox.summary
    qtbot.waitUntil(lambda: "No shared folder yet" in summary.text())
    assert "⚠" not in summary.text()
    _reword(path, panel, qtbot)
    assert f"⚠ The kiosk's published/{WAVE}.json is not the file HR published" in summary.text()
    _ingest_writes_hr_copy_back(path, panel, qtbot)


def _reword(path: Path, panel, qtbot) -> None:
    """Someone who may write to ``published/`` rewords a question; the inbox warns."""
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    data["questions"][0]["text"] = "They never answer in time."
    path.write_text(json.dumps(data), encoding="utf-8")
    panel.inbox.refresh()
    qtbot.waitUntil(lambda: "⚠" in panel.inbox.summary.text())


def _ingest_writes_hr_copy_back(path: Path, panel, qtbot) -> None:
    _ingest(panel, qtbot)  # the window's ingest writes HR's copy back and says so
    assert "HR's copy was written back" in panel.status.text()
    assert "They never answer in time." not in path.read_text(encoding="utf-8")


def test_pulses_says_when_a_closed_waves_file_is_back_and_ingest_removes_it(
    open_panel, demo_workspace, qtbot
) -> None:
    """Ninth hostile round: a closed wave's file put back in the kiosk folder (it was the
    kiosk's, kept by someone who may write there) had the kiosk offer the closed pulse."""
    from surveys.kiosk import kiosk_folder
    from surveys.publish import close_wave

    kiosk = kiosk_folder(demo_workspace)
    path = publish_wave(
        demo_workspace, kiosk, WAVE, "short-pulse", "2020-01-01", "2099-12-31",
        passphrase=PASSPHRASE, create=True, tickets=False,
    )  # fmt: skip
    kept = path.read_bytes()
    close_wave(demo_workspace, None, WAVE)
    assert not path.exists()
    path.write_bytes(kept)
    panel = open_panel(PulsesPanel)
    summary = panel.inbox.summary
    qtbot.waitUntil(lambda: "⚠" in summary.text())
    assert f"published/{WAVE}.json is there although wave {WAVE} is closed" in summary.text()
    _ingest(panel, qtbot)
    assert "It was removed." in panel.status.text() and not path.exists()


def test_a_share_read_answering_after_the_section_closed_raises_nothing(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The share's read ends on a pool thread after the section (and its relay) is gone:
    it used to raise "Signal source has been deleted" in the thread (seen in CI when a
    workspace closed while a beat's read waited)."""
    import shiboken6

    from desktop_app.panels import pulses_inbox

    relay = pulses_inbox._Relay()
    answered: list[object] = []
    relay.read.connect(answered.append)
    job = pulses_inbox._ReadShare(None, tmp_path, relay)
    monkeypatch.setattr(job, "_read", lambda: None)
    job.run()  # the relay is alive: answered
    assert answered == [None]
    shiboken6.delete(relay)
    job.run()  # the section is gone: nothing to answer, and no error
    assert answered == [None]


def test_a_hidden_pulses_section_reads_only_the_share_until_shown(
    demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    """Opening a big workspace froze the window 0.17 s while the hidden Pulses section
    filled its tables, twice (the workspace opened, its analysis shown). Hidden, it reads
    only the shared folder for the status bar's badge, and the rest once shown."""
    from desktop_app.panels import pulses_panel

    share = tmp_path / "share"
    _share_with_mail(demo_workspace, share)
    (share / "quarantine" / "old.rapport").write_bytes(b"left by an earlier ingest")
    _use(demo_workspace, share)
    reads = []
    original = pulses_panel.read_pulses
    monkeypatch.setattr(pulses_panel, "read_pulses", lambda *a: reads.append(a) or original(*a))
    window = open_window(qtbot, demo_workspace)
    panel = window.panel("pulses")
    qtbot.waitUntil(window.quarantine_badge.isVisible)
    assert window.quarantine_badge.text() == "⚠ 1 file in quarantine"
    assert not panel.isVisible() and reads == [] and panel.waves_model.rowCount() == 0
    window.show_section("pulses")
    qtbot.waitUntil(lambda: panel.waves_model.rowCount() > 0, timeout=5000)
    assert len(reads) == 1  # once, though the workspace opened and was analysed meanwhile
    assert WAVE in [w.name for w in panel.waves_model.waves]


def test_a_folder_that_is_there_but_not_set_up_is_not_called_unreachable(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    """An empty folder chosen for the share read "cannot be reached (is the network drive
    connected?)" while it was plainly there; a missing one still reads so."""
    there, missing = tmp_path / "empty", tmp_path / "not-mounted"
    there.mkdir()
    _use(demo_workspace, there)
    panel = open_panel(PulsesPanel)
    summary = panel.inbox.summary
    qtbot.waitUntil(lambda: str(there) in summary.text(), timeout=10_000)
    assert summary.text().startswith(
        f"Shared folder {there} is not set up for Rapport yet (it has no inbox folder): "
        "Publish… offers to set it up."
    )
    assert "cannot be reached" not in summary.text()
    _use(demo_workspace, missing)
    panel.reload()
    qtbot.waitUntil(lambda: str(missing) in summary.text(), timeout=10_000)
    assert "cannot be reached (is the network drive connected?)" in summary.text()
