"""Nothing stale (issue 19.9): the status bar follows an ingest at once, a failed job leaves
no "starting…" behind, and the passphrase dialog fits its title and its path."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desktop_app.passphrase_dialog import PassphraseDialog
from surveys.store import open_workspace, set_setting
from tests.desktop_app.conftest import PASSPHRASE
from tests.desktop_app.hr_helpers import open_window


def _deliver(share: Path, department: str, token: str, workspace: Path) -> None:
    """One more person answers on their own computer, with their own participation ticket."""
    from surveys.publish import read_published
    from surveys.submission import Answer, Submission
    from surveys.ticket_client import pick_up, request_ticket
    from surveys.ticket_wait import deliver_ticketed
    from surveys.tickets import sign_pending

    os.environ["RAPPORT_HOME"] = str(workspace.parent / f"home-{department}")
    published = read_published(share / "published" / "2026-10.json")
    request_ticket(published, share, department)
    assert sign_pending(workspace, share, PASSPHRASE).signed == 1
    assert pick_up(published, share).signature
    answers = tuple(Answer("IT", q.item, 3) for q in published.questions if q.item != "comment")
    sub = Submission("2026-10", department, "2026-10-03", answers, (), token)
    assert deliver_ticketed(sub, published, share, department).status == "delivered"


def test_the_status_bar_follows_an_ingest_without_f5(qtbot, workspace, share, monkeypatch):
    from surveys.ingest import ingest

    db = open_workspace(workspace)
    set_setting(db, "share", str(share))
    db.close()
    monkeypatch.setenv("RAPPORT_HOME", os.environ["RAPPORT_HOME"])  # restored afterwards
    _deliver(share, "Sales", "ab" * 32, workspace)
    ingest(workspace, share, PASSPHRASE)
    window = open_window(qtbot, workspace)
    assert window.participation_label.text() == "1 of 140 answered (1 %)"
    _deliver(share, "Marketing", "cd" * 32, workspace)
    analyses = []
    window.context.analysis_finished.connect(analyses.append)
    qtbot.keyClick(window, Qt.Key_6, Qt.ControlModifier)
    panel = window.panel("pulses")
    asked = []

    def type_passphrase() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(10, type_passphrase)
            return
        asked.append(window.job_status.isVisible())
        qtbot.keyClicks(dialog.passphrase_edit, PASSPHRASE)
        qtbot.keyClick(dialog.passphrase_edit, Qt.Key_Return)

    QTimer.singleShot(0, type_passphrase)
    qtbot.mouseClick(panel.findChild(QPushButton, "ingestInbox"), Qt.LeftButton)
    qtbot.waitUntil(lambda: panel.status.text().startswith("Took 1 file:"), timeout=20_000)
    assert asked == [False]  # nothing showed as running while the passphrase was asked
    shown = sum(r.submitted for r in panel.participation_model.rows)
    assert shown == 2
    assert window.participation_label.text() == "2 of 140 answered (1 %)"
    assert analyses == []  # no analysis was needed for that
    qtbot.waitUntil(lambda: not window.job_status.isVisible())


def test_a_failed_job_is_no_longer_shown_running_when_its_error_is_said(
    qtbot, demo_workspace, monkeypatch
):
    from surveys.errors import RapportError

    window = open_window(qtbot, demo_workspace)
    seen = []
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        lambda parent, title, text, *a, **k: seen.append(
            (text, window.job_status.isVisible(), window.job_status.message.text())
        ),
    )

    def broken(path, progress):
        raise RapportError("Wrong passphrase for the key.")

    window.context.submit("Ingesting the inbox", broken)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    text, running, _message = seen[0]
    assert text == "Wrong passphrase for the key." and not running


def test_the_passphrase_dialog_fits_its_title_and_shortens_the_path_in_the_middle(qtbot):
    path = Path("/srv/shares/Human Resources/Rapport pulse surveys 2026/northwind/inbox")
    dialog = PassphraseDialog(
        "Opening the sealed answers in the shared inbox:", path=path / "x" / ".." / "inbox"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    metrics = dialog.fontMetrics()
    assert dialog.width() >= metrics.horizontalAdvance("Workspace passphrase — Rapport") * 1.3
    assert str(path) not in dialog.intro.text()  # the path has a line of its own
    label = dialog.path_label
    assert label.toolTip() == str(path / "x" / ".." / "inbox")
    dialog.resize(metrics.averageCharWidth() * 40, dialog.height())
    qtbot.waitUntil(lambda: "…" in label.text())
    assert label.text().startswith("/srv/sh") and label.text().endswith("/inbox")
    assert metrics.horizontalAdvance(label.text()) <= label.width()
