"""Pulses' "Delete all like it…": a flood of quarantined files named to list first does
not hide the answers held beside it, and the bulk delete asks with its count, stops when
asked, and deletes nothing through a quarantine folder that is a link.

Split from ``test_pulses_inbox.py``, whose helpers it uses.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.panels.pulses_panel import PulsesPanel
from surveys.outbox import deliver
from surveys.publish import read_published
from surveys.submission import Answer, Comment, Submission
from tests.desktop_app.test_pulses_inbox import (
    WAVE,
    _click_when_asked,
    _ingest,
    _share_with_mail,
    _use,
)


def test_a_flood_named_to_list_first_is_deleted_at_once_and_the_held_answer_shows(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    """Twelfth hostile round: junk named to sort first hid an answer held for review.

    The table lists the first 500 quarantined files by name; a colleague names a flood
    ``0000….rapport`` and the answers held beside it are not listed, so Retry cannot reach
    them, and Delete takes one file and one question at a time. *Delete all like it…*
    deletes every file quarantined for the selected reason, listed or not.
    """
    from desktop_app.panels.pulses_inbox import MAX_LISTED

    share = tmp_path / "share"
    _share_with_mail(demo_workspace, share, good=0)
    (share / "inbox" / "notes.txt").unlink()
    survey = read_published(share / "published" / f"{WAVE}.json")
    said = (Comment("IT", "Tickets sit for a week."),)
    for token in ("a" * 64, "b" * 64):  # held for review: the same, in one batch
        twin = Submission(WAVE, "Sales", "2026-11-03", (Answer("IT", "timely", 2),), said, token)
        deliver(twin, survey, share)
    for number in range(MAX_LISTED + 20):
        (share / "inbox" / f"{number:032x}.rapport").write_bytes(b"junk")
    _use(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    _ingest(panel, qtbot)
    box, table = panel.inbox, panel.inbox.table
    qtbot.waitUntil(lambda: table.rowCount() == MAX_LISTED, timeout=30000)
    reasons = {table.item(row, 1).text() for row in range(table.rowCount())}
    assert reasons == {"it is not a Rapport sealed file (its first bytes are wrong)"}

    table.selectRow(0)
    asked = _click_when_asked("deleteQuarantinedLikeQuestion", QMessageBox.Cancel)
    qtbot.mouseClick(box.delete_like_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(asked) and not box._delete_like.running, timeout=30000)
    assert f"the {MAX_LISTED + 20} files in this quarantine" in asked[0]  # not only the 500
    assert len(list((share / "quarantine").iterdir())) == 2 * (MAX_LISTED + 22)  # kept
    _click_when_asked("deleteQuarantinedLikeQuestion", QMessageBox.Yes)
    qtbot.mouseClick(box.delete_like_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=30000)
    assert f"Deleted {MAX_LISTED + 20} quarantined files." in panel.status.text()
    assert all(table.item(row, 1).text().startswith("held for review") for row in (0, 1))
    assert box.quarantine.title() == "Quarantine: 2 files could not be stored"


def test_delete_all_like_it_stops_and_keeps_a_file_quarantined_meanwhile(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    """Review of the twelfth round: the question names how many files go, only those go
    (a file an ingest quarantines while HR reads the question is kept), the button stops a
    long deletion, and what was deleted and what was left are said."""
    import time

    import surveys.inbox as inbox

    share = tmp_path / "share"
    _share_with_mail(demo_workspace, share, good=0)
    (share / "inbox" / "notes.txt").unlink()
    for number in range(40):
        (share / "inbox" / f"{number:032x}.rapport").write_bytes(b"junk")
    _use(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    _ingest(panel, qtbot)
    box, table = panel.inbox, panel.inbox.table
    qtbot.waitUntil(lambda: table.rowCount() == 40, timeout=30000)
    reason = table.item(0, 1).text()
    real_delete, gate = inbox.delete_quarantined, []

    def slow_delete(folder, name) -> None:  # a slow network share, one file at a time
        gate.append(name)
        time.sleep(0.05)
        real_delete(folder, name)

    monkeypatch.setattr(inbox, "delete_quarantined", slow_delete)
    table.selectRow(0)

    asked: list[str] = []

    def answer() -> None:  # an ingest on another computer quarantines a file while HR reads
        question = QApplication.activeModalWidget()
        if not isinstance(question, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        asked.append(question.text())
        asked.append(box.delete_like_button.text())  # while the files are found and asked
        late = share / "quarantine" / "late.rapport"
        late.with_name("late.rapport.reason.txt").write_text(
            f"late.rapport could not be stored: {reason}.\n"
        )
        late.write_bytes(b"junk")
        question.button(QMessageBox.Yes).click()

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(box.delete_like_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: len(gate) >= 3, timeout=10000)
    assert box.delete_like_button.text() == "Stop dele&ting"
    assert box.delete_like_button.isEnabled()
    qtbot.mouseClick(box.delete_like_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not box._delete_like.running, timeout=10000)

    assert "the 40 files in this quarantine" in asked[0]
    assert asked[1] == "Finding the files…"
    deleted = len(gate)
    assert deleted < 40
    said = panel.status.text()
    stopped = f"Deleted {deleted} quarantined files. Stopped: {40 - deleted} like them are left."
    assert stopped in said
    assert (share / "quarantine" / "late.rapport").exists()
    assert box.delete_like_button.text() == "Delete all like i&t…"


def test_delete_all_like_it_says_why_it_deletes_nothing_through_a_linked_quarantine(
    qtbot, tmp_path
) -> None:
    from PySide6.QtWidgets import QWidget

    from desktop_app.panels.quarantine_bulk import DeleteLike

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "answers.db").write_bytes(b"x")
    (tmp_path / "share").mkdir()
    (tmp_path / "share" / "quarantine").symlink_to(elsewhere)
    parent = QWidget()
    qtbot.addWidget(parent)
    deleting = DeleteLike(parent)
    with qtbot.waitSignal(deleting.said, timeout=10000) as said:
        deleting.begin(tmp_path / "share", "no reason was recorded")
    [text] = said.args
    assert text.startswith("The quarantine could not be read: ")
    assert "symbolic link, and Rapport deletes nothing through one; make it a folder" in text
    assert (elsewhere / "answers.db").exists() and not deleting.running


def test_delete_all_like_a_held_junk_pair_keeps_an_honest_held_pair(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    """Thirteenth hostile round: every pair of copies held read "2 submissions … arrived
    together", so *Delete all like it…* on a colleague's held junk pair deleted an honest
    held pair too. Each held set now has a mark of its own."""
    share = tmp_path / "share"
    _share_with_mail(demo_workspace, share, good=0)
    (share / "inbox" / "notes.txt").unlink()
    survey = read_published(share / "published" / f"{WAVE}.json")

    def pair(text: str, value: int) -> None:
        for _ in range(2):
            said = (Comment("IT", text),)
            sub = Submission(WAVE, "Sales", "2026-11-03", (Answer("IT", "timely", value),), said)
            deliver(sub, survey, share)

    pair("Tickets sit for a week.", 2)  # someone's answer and a copy: held together
    _use(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    _ingest(panel, qtbot)
    honest = {p.name for p in (share / "quarantine").iterdir()}
    for number in range(10):
        pair(f"junk {number}", 1)
    _ingest(panel, qtbot)
    box, table = panel.inbox, panel.inbox.table
    qtbot.waitUntil(lambda: table.rowCount() == 22, timeout=30000)
    junk = next(r for r in range(22) if table.item(r, 0).text() + ".reason.txt" not in honest)

    table.selectRow(junk)
    asked = _click_when_asked("deleteQuarantinedLikeQuestion", QMessageBox.Yes)
    qtbot.mouseClick(box.delete_like_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: table.rowCount() == 20, timeout=30000)
    assert "the 2 files in this quarantine" in asked[0]
    assert honest <= {p.name for p in (share / "quarantine").iterdir()}


def test_delete_all_like_an_answer_held_before_the_marks_deletes_nothing(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    """Review of the thirteenth round: answers held by a Rapport before the set marks read
    "2 submissions … arrived together" word for word, so *Delete all like it…* on a junk
    pair still found an honest held pair with it (22 files here). It now says so and
    deletes nothing; Delete… takes one file at a time."""
    import re

    share = tmp_path / "share"
    _share_with_mail(demo_workspace, share, good=0)
    (share / "inbox" / "notes.txt").unlink()
    survey = read_published(share / "published" / f"{WAVE}.json")
    for number in range(11):  # someone's pair, and ten of a colleague's
        for _ in range(2):
            said = (Comment("IT", f"Tickets sit for {number + 2} days."),)
            sub = Submission(WAVE, "Sales", "2026-11-03", (Answer("IT", "timely", 2),), said)
            deliver(sub, survey, share)
    _use(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    _ingest(panel, qtbot)
    for reason in (share / "quarantine").glob("*.reason.txt"):  # as an earlier Rapport wrote
        reason.write_text(re.sub(r" \(set [0-9a-f]{8}\)", "", reason.read_text()))
    box, table = panel.inbox, panel.inbox.table
    box.refresh()
    qtbot.waitUntil(lambda: table.rowCount() == 22, timeout=30000)
    qtbot.waitUntil(lambda: "(set " not in table.item(0, 1).text(), timeout=30000)

    table.selectRow(0)
    asked = _click_when_asked("deleteQuarantinedLikeQuestion", QMessageBox.Yes)
    qtbot.mouseClick(box.delete_like_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "earlier version of Rapport" in panel.status.text(), timeout=30000)
    assert not asked and not box._delete_like.running
    assert len(list((share / "quarantine").glob("*.reason.txt"))) == 22
