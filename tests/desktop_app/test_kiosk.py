"""Kiosk mode: several people answer in turn on one computer, each sealed, none replacing
another; HR ingests the kiosk's answers with the passphrase and the Pulses section counts
them. Single-machine waves are opened without a share or a key pair."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.cli import build_parser, main
from desktop_app.respondent.kiosk_source import KioskSource
from desktop_app.respondent.kiosk_window import KioskWindow
from surveys.kiosk import kiosk_folder, resolve_kiosk
from tests.desktop_app.conftest import PASSPHRASE


@pytest.fixture
def kiosk(workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:  # noqa: ANN001
    """``rapport publish WORKSPACE --wave 2026-10 --kiosk`` (HR, once)."""
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["publish", str(workspace), "--wave", "2026-10", "--kiosk"]) == 0
    out = capsys.readouterr().out
    assert f"rapport respond --kiosk {workspace}" in out
    return kiosk_folder(workspace)


def click(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.mouseClick(widget, Qt.LeftButton, pos=QPoint(8, widget.height() // 2))


def answer_as(qtbot, window: KioskWindow, department: str, overall: int, comment: str) -> str:  # noqa: ANN001
    """One person's turn: department, Start, rate IT, comment, Submit; returns the receipt."""
    start = window.start_page
    assert start.isVisible() and start.department.currentIndex() == -1
    start.department.setCurrentIndex(start.department.findText(department))
    with qtbot.waitSignal(window.session_started) as started:
        click(qtbot, start.start_button)
    wizard = started.args[0]
    assert wizard.isVisible() and not wizard.isWindow()  # inside the kiosk window
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["IT"])
    click(qtbot, wizard.next_button)
    page = wizard.department_pages["IT"]
    click(qtbot, next(r for r in page.rows if r.question.item == "overall").buttons[overall - 1])
    click(qtbot, page.comment)
    qtbot.keyClicks(page.comment, comment)
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)
    assert wizard.current_page() is wizard.thanks
    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", wizard.thanks.receipt.text()).group()
    with qtbot.waitSignal(window.session_ended):
        click(qtbot, wizard.next_button)  # Finish
    assert window.start_page.isVisible() and window.wizard is None
    qtbot.waitUntil(lambda: window.mixer.idle)  # the inbox is mixed on a worker thread
    return code


def test_people_in_turn_are_sealed_counted_and_never_replace_each_other(
    qtbot, workspace: Path, kiosk: Path, capsys
) -> None:
    window = KioskWindow(KioskSource(resolve_kiosk(workspace)))
    qtbot.addWidget(window)
    window.show()
    assert "the next person at this computer cannot see them" in window.start_page.privacy.text()
    click(qtbot, window.start_page.start_button)  # no department chosen: no start
    assert window.wizard is None and window.start_page.message.isVisible()
    first = answer_as(qtbot, window, "Sales", 2, "Person one waited three weeks.")
    second = answer_as(qtbot, window, "Marketing", 5, "Person two is happy.")
    assert first != second and window.sessions == 2

    sealed = list((kiosk / "inbox").iterdir())
    assert len(sealed) == 2
    assert all(b"Person" not in f.read_bytes() for f in sealed)
    db_files = [p for p in workspace.iterdir() if p.name.startswith("rapport.db")]
    assert all(b"Person one" not in p.read_bytes() for p in db_files)  # nothing in clear

    window.start_page.receipt.setText(first.lower())
    click(qtbot, window.start_page.check_button)
    assert "Not in HR's list" in window.start_page.receipt_result.text()

    assert main(["ingest", str(workspace)]) == 0  # RAPPORT_PASSPHRASE is set
    assert "Ingested 2 files from the kiosk: 2 stored, 0 replaced" in capsys.readouterr().out
    con = sqlite3.connect(workspace / "rapport.db")
    rows = con.execute("SELECT source, token FROM submissions").fetchall()
    assert [r[0] for r in rows] == ["kiosk", "kiosk"] and rows[0][1] != rows[1][1]
    assert con.execute("SELECT COUNT(*) FROM superseded_submissions").fetchone()[0] == 0
    con.close()

    window.start_page.receipt.setText(first)
    click(qtbot, window.start_page.check_button)
    said = window.start_page.receipt_result.text()
    assert said.startswith("Received: this answer reached HR")
    # a held answer's receipt is listed too (twelfth round): received is not counted yet
    assert "wait for HR to review them before they count" in said


def test_a_survey_left_alone_is_cleared_for_the_next_person(
    qtbot, workspace: Path, kiosk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = KioskWindow(KioskSource(resolve_kiosk(workspace)))
    qtbot.addWidget(window)
    window.show()
    window.idle_timer.setInterval(50)
    start = window.start_page
    start.department.setCurrentIndex(start.department.findText("IT"))
    click(qtbot, start.start_button)
    wizard = window.wizard
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["Sales"])
    window.idle_timer.start(50)  # then the person walks away
    qtbot.waitUntil(lambda: window.wizard is None, timeout=10_000)
    assert start.isVisible() and start.department.currentIndex() == -1
    assert list((kiosk / "inbox").iterdir()) == []


def test_close_at_the_kiosk_asks_then_returns_to_the_start(
    qtbot, workspace: Path, kiosk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a: asked.append(a) or QMessageBox.Discard)
    )
    window = KioskWindow(KioskSource(resolve_kiosk(workspace)))
    qtbot.addWidget(window)
    window.show()
    start = window.start_page
    start.department.setCurrentIndex(start.department.findText("IT"))
    click(qtbot, start.start_button)
    wizard = window.wizard
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["Sales"])
    click(qtbot, wizard.next_button)
    wizard.department_pages["Sales"].rows[0].set_value(2)
    with qtbot.waitSignal(window.session_ended):
        click(qtbot, wizard.close_button)
    assert len(asked) == 1  # a kiosk keeps no drafts: discarding is said
    from surveys.paths import user_data_dir

    assert not (user_data_dir() / "drafts").exists()


def test_the_pulses_section_counts_kiosk_answers(
    qtbot, open_panel, demo_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.panels.pulses_panel import PulsesPanel

    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["publish", str(demo_workspace), "--wave", "2026-12", "--kiosk"]) == 0
    source = KioskSource(resolve_kiosk(demo_workspace))
    [survey] = source.unanswered()
    from surveys.submission import Answer, Submission

    for department in ("Sales", "Marketing"):
        sub = Submission(
            "2026-12",
            department,
            "2026-12-02",
            (Answer("IT", "overall", 3),),
            token=source.token(survey),
        )
        assert source.deliver(survey, sub).status == "delivered"
    panel = open_panel(PulsesPanel)
    assert panel.kiosk_label.isVisible()
    assert "2 sealed answers waiting" in panel.kiosk_label.text()
    from tests.desktop_app.test_pulses_panel import _type_passphrase_when_asked

    _type_passphrase_when_asked()
    job = panel.ingest_inbox()
    with qtbot.waitSignal(job.finished, timeout=30000):
        pass
    assert "2 new answers" in panel.status.text(), panel.status.text()
    names = [w.name for w in panel.waves_model.waves]
    panel.waves_table.selectRow(names.index("2026-12"))
    assert "(2 answers at the kiosk)" in panel.participation_heading.text()
    assert "0 sealed answers waiting" in panel.kiosk_label.text()


def test_a_local_wave_opens_without_a_share_or_a_key_pair(qtbot, workspace: Path, capsys) -> None:
    from desktop_app.respondent.local_source import LocalSource

    assert main(["publish", str(workspace), "--wave", "2026-10", "--local"]) == 0
    assert "unsealed" in capsys.readouterr().out
    assert not (workspace / "workspace.key").exists()
    [survey] = LocalSource(workspace).unanswered()
    assert survey.wave == "2026-10" and survey.mode == "local"
    assert main(["publish", str(workspace), "--wave", "x", "--local", "--share", "/s"]) == 2


def test_a_kiosk_on_a_share_with_ticketed_pulses_says_so_and_takes_no_answer(
    qtbot, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """A kiosk pointed at the team share: the pulse asks every person for a participation
    ticket, which the kiosk cannot get, so ingest would set each answer aside. The kiosk
    says so instead of taking answers that would not count."""
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    share = tmp_path / "share"
    args = ["publish", str(workspace), "--wave", "2026-10", "--share", str(share), "--create"]
    assert main(args) == 0
    capsys.readouterr()
    source = KioskSource(share)
    assert source.open_surveys() == []
    window = KioskWindow(source)
    qtbot.addWidget(window)
    window.show()
    assert window.survey is None
    message = window.start_page.intro.text()
    assert "participation ticket" in message and "--kiosk" in message
    assert not window.start_page.start_button.isEnabled()


def test_respond_takes_kiosk_or_share_but_not_both() -> None:
    args = build_parser().parse_args(["respond", "--kiosk", "ws"])
    assert args.kiosk == "ws" and args.share is None
    with pytest.raises(SystemExit):
        build_parser().parse_args(["respond", "--kiosk", "ws", "--share", "s"])


def test_what_a_person_copied_is_not_left_for_the_next_one(
    qtbot, workspace: Path, kiosk: Path
) -> None:
    from PySide6.QtGui import QClipboard
    from PySide6.QtWidgets import QApplication

    window = KioskWindow(KioskSource(resolve_kiosk(workspace)))
    qtbot.addWidget(window)
    window.show()
    start = window.start_page
    start.department.setCurrentIndex(start.department.findText("Sales"))
    click(qtbot, start.start_button)
    wizard = window.wizard
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["IT"])
    click(qtbot, wizard.next_button)
    comment = wizard.department_pages["IT"].comment
    click(qtbot, comment)
    qtbot.keyClicks(comment, "Priya in IT shouted at me again")
    qtbot.keyClick(comment, Qt.Key_A, Qt.ControlModifier)  # select it all, then copy it
    qtbot.keyClick(comment, Qt.Key_C, Qt.ControlModifier)
    clipboard = QApplication.clipboard()
    assert clipboard.text() == "Priya in IT shouted at me again"
    with qtbot.waitSignal(window.session_ended):
        window.end_session()  # Close, Finish or the idle timer: the person has gone
    # The next person's Ctrl+V (or a middle click on X11) must not paste it.
    assert clipboard.text() == ""
    if clipboard.supportsSelection():
        assert clipboard.text(QClipboard.Selection) == ""


def test_the_kiosks_inbox_never_tells_who_came_when(
    qtbot, workspace: Path, kiosk: Path, capsys
) -> None:
    import os
    import time

    window = KioskWindow(KioskSource(resolve_kiosk(workspace)))
    qtbot.addWidget(window)
    window.show()
    inbox = kiosk / "inbox"
    answer_as(qtbot, window, "Sales", 2, "Person one waited three weeks.")
    (first,) = inbox.iterdir()
    answer_as(qtbot, window, "Marketing", 5, "Person two is happy.")
    time.sleep(0.05)
    before_last = time.time_ns()
    answer_as(qtbot, window, "Sales", 3, "Person three.")
    sealed = list(inbox.iterdir())
    assert len(sealed) == 3
    # Every file was written again when the last person finished: the first person's file
    # is no longer the one written at their Finish (before: it kept its name, inode and
    # change time, so ingesting the files one at a time gave each answer its time). Its
    # inode *number* may come back for a copy (file systems reuse freed numbers), so the
    # test looks at names and change times; the shuffled order decides which copy gets it.
    assert first not in sealed
    assert all(os.stat(f).st_ctime_ns >= before_last for f in sealed)
    assert all(f.stat().st_mode & 0o777 == 0o644 for f in sealed)
    assert main(["ingest", str(workspace)]) == 0
    assert "Ingested 3 files from the kiosk: 3 stored" in capsys.readouterr().out


def test_answers_that_waited_for_the_kiosk_folder_arrive_mixed(
    workspace: Path, kiosk: Path
) -> None:
    import shutil

    from surveys.outbox import deliver, outbox_dir
    from surveys.published import list_open_surveys
    from tests.surveys.transport_helpers import submission

    published = list_open_surveys(kiosk)[0]
    inbox = kiosk / "inbox"
    shutil.rmtree(inbox)  # the folder cannot be reached: both answers wait in the outbox
    for rating in (2, 4):
        sub = submission({"IT": {"overall": rating}}, wave=published.wave)
        assert deliver(sub, published, kiosk).status == "queued"
    waited = {path.name for path in outbox_dir().iterdir()}
    inbox.mkdir()
    assert KioskSource(kiosk).retry() == 2
    arrived = {path.name for path in inbox.iterdir()}
    assert len(arrived) == 2 and not arrived & waited  # new names, inodes and times


def test_a_checked_receipt_is_not_left_on_the_start_screen(
    qtbot, workspace: Path, kiosk: Path
) -> None:
    window = KioskWindow(KioskSource(resolve_kiosk(workspace)))
    qtbot.addWidget(window)
    window.show()
    start = window.start_page
    start.receipt.setText("7KQ2-M9XD-4F8R")
    window.receipt_timer.setInterval(50)  # 1 minute at a real kiosk
    click(qtbot, start.check_button)
    assert "Not in HR's list" in start.receipt_result.text()
    # Before: the code and its result stayed until the next person started a survey.
    qtbot.waitUntil(lambda: start.receipt.text() == "" and start.receipt_result.text() == "")


def test_the_start_screen_reads_the_published_pulses_once_per_refresh(
    qtbot, kiosk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each refresh (every minute, and after every person) listed and checked the
    published pulses twice: once to find a problem, once for the pulse to show."""
    import surveys.published

    listed = []
    real = surveys.published.list_delivering_surveys

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        listed.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(surveys.published, "list_delivering_surveys", counted)
    window = KioskWindow(KioskSource(kiosk))
    qtbot.addWidget(window)
    window.show()
    assert window.survey is not None and window.start_page.start_button.isEnabled()
    assert len(listed) == 1
    window.refresh()
    assert len(listed) == 2
    answer_as(qtbot, window, "Sales", 4, "Fine.")  # the next person's start screen: once more
    assert len(listed) == 3


def test_a_full_disk_at_submit_keeps_the_answers_and_says_what_to_do(
    qtbot, workspace: Path, kiosk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sealing into the local outbox fails (the disk is full when the file is renamed into
    place). Before: "Your answers could not be saved: [Errno 28] No space left on device:
    '/…/.x.rapport.1a2b.tmp' Nothing was lost…"."""
    import errno
    import os

    window = KioskWindow(KioskSource(resolve_kiosk(workspace)))
    qtbot.addWidget(window)
    window.show()
    start = window.start_page
    start.department.setCurrentIndex(start.department.findText("Sales"))
    click(qtbot, start.start_button)
    wizard = window.wizard
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["IT"])
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.department_pages["IT"].rows[0].buttons[1])
    click(qtbot, wizard.next_button)

    def full(src, dst, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(src))

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", full)
        click(qtbot, wizard.next_button)  # Submit
    message = wizard.review.message.text()
    assert wizard.current_page() is wizard.review and wizard.next_button.isEnabled()
    assert "The disk is full: free some space there" in message and "Nothing was lost" in message
    assert "Errno" not in message
    assert ".tmp" not in message and str(kiosk) not in message  # no path: nothing to act on
    assert list((kiosk / "inbox").iterdir()) == []

    click(qtbot, wizard.next_button)  # Submit again, with space
    assert wizard.current_page() is wizard.thanks
    qtbot.waitUntil(lambda: window.mixer.idle)
    assert len(list((kiosk / "inbox").iterdir())) == 1
