"""Delete draft in the Pulses section: a wave drafted by mistake goes, after a question
(Cancel the default); a published or closed wave cannot be deleted. A real workspace, the
real panel, the real shared folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desktop_app.panels.pulses_panel import PulsesPanel
from surveys.publish import publish_wave
from surveys.pulses import delete_draft_wave
from surveys.store import open_workspace
from surveys.waves import WaveError, get_wave
from tests.desktop_app.test_pulses_close import _select
from tests.desktop_app.test_pulses_panel import PASSPHRASE, _create_wave


def _answer_question(seen: list, delete: bool) -> None:
    """Press Delete draft (or Cancel) in the question when it shows; note what it said."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "deleteDraftQuestion":
            QTimer.singleShot(10, press)
            return
        seen.append((box.text(), box.defaultButton() is box.button(QMessageBox.Cancel)))
        button = box.findChild(QPushButton, "deleteDraftButton")
        (button if delete else box.button(QMessageBox.Cancel)).click()

    QTimer.singleShot(0, press)


def _has_wave(workspace, name: str) -> bool:  # noqa: ANN001 - a Path
    db = open_workspace(workspace)
    try:
        return get_wave(db, name) is not None
    finally:
        db.close()


def _names(panel) -> list[str]:  # noqa: ANN001
    return [w.name for w in panel.waves_model.waves]


def test_a_draft_is_deleted_after_the_question(open_panel, demo_workspace, qtbot) -> None:
    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, "2026-11")
    _select(panel, "2026-11")
    assert panel.delete_button.isEnabled()
    seen: list = []
    _answer_question(seen, delete=False)
    panel.delete_button.click()
    [(text, cancel_is_default)] = seen
    assert text.startswith("Delete the draft wave 2026-11? It was never published")
    assert cancel_is_default  # Enter does not delete
    assert _has_wave(demo_workspace, "2026-11")  # Cancel kept it
    _answer_question(seen, delete=True)
    panel.delete_button.click()
    qtbot.waitUntil(lambda: "2026-11" not in _names(panel))
    assert not _has_wave(demo_workspace, "2026-11")
    assert panel.status.text() == "The draft wave 2026-11 was deleted."


def test_only_a_draft_can_be_deleted(open_panel, demo_workspace, tmp_path, qtbot) -> None:
    share = tmp_path / "share"
    publish_wave(
        demo_workspace, share, "2031-01", "short-pulse", "2020-01-01", "2099-12-31",
        passphrase=PASSPHRASE, create=True, tickets=False,
    )  # fmt: skip
    panel = open_panel(PulsesPanel)
    for name in ("2031-01", "2026-10"):  # open, closed
        _select(panel, name)
        assert not panel.delete_button.isEnabled(), name
    db = open_workspace(demo_workspace)
    try:
        with pytest.raises(WaveError, match="was published, so it cannot be deleted"):
            delete_draft_wave(db, "2031-01")
    finally:
        db.close()
    assert _has_wave(demo_workspace, "2031-01")


def test_the_pulses_buttons_have_a_key_each(open_panel, demo_workspace, tmp_path, qtbot) -> None:
    from PySide6.QtWidgets import QAbstractButton

    from tests.desktop_app.test_pulses_inbox import _ingest, _share_with_mail, _use
    from tests.desktop_app.test_wording import MNEMONIC

    share = tmp_path / "share"
    _share_with_mail(demo_workspace, share, good=0)
    _use(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    _ingest(panel, qtbot)  # a file in quarantine: its Retry and Delete… show
    qtbot.waitUntil(lambda: panel.inbox.quarantine.isVisible())
    keys = [
        (MNEMONIC.search(b.text()).group()[1].lower(), b.text())
        for b in panel.findChildren(QAbstractButton)
        if b.isVisibleTo(panel) and MNEMONIC.search(b.text())
    ]
    letters = [k for k, _ in keys]
    # "&Delete draft" took the key of the quarantine's "&Delete…"
    assert len(letters) == len(set(letters)), sorted(keys)
    assert ("l", "De&lete draft") in keys  # not Alt+F: the File menu's (test_mnemonics)


def test_a_draft_whose_survey_file_is_on_the_share_is_kept(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    """A workspace restored from a backup taken before the draft was published: the file
    is on the share and people may be answering; the draft is not deleted."""
    from surveys.published import published_path
    from tests.desktop_app.test_pulses_inbox import _use

    share = tmp_path / "share"
    _use(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, "2026-11")
    published_path(share, "2026-11").parent.mkdir(parents=True, exist_ok=True)
    published_path(share, "2026-11").write_text("{}", encoding="utf-8")
    _select(panel, "2026-11")
    _answer_question([], delete=True)
    panel.delete_button.click()
    qtbot.waitUntil(lambda: "cannot be deleted" in panel.status.text())
    assert "its survey file is on the shared folder" in panel.status.text()
    assert _has_wave(demo_workspace, "2026-11")
    assert "2026-11" in _names(panel)


def test_escape_in_the_question_keeps_the_draft(open_panel, demo_workspace, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, "2026-11")
    _select(panel, "2026-11")
    qtbot.waitUntil(panel.delete_button.isEnabled)
    assert panel.delete_button.shortcut() == QKeySequence("Alt+L")  # not the File menu's F
    seen: list[str] = []

    def escape() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, escape)
            return
        seen.append(box.objectName())
        QTest.keyClick(box, Qt.Key_Escape)

    QTimer.singleShot(0, escape)
    panel.delete_button.click()
    assert seen == ["deleteDraftQuestion"]
    assert _has_wave(demo_workspace, "2026-11") and "2026-11" in _names(panel)


def test_a_draft_published_elsewhere_meanwhile_shows_as_published(
    open_panel, demo_workspace, qtbot
) -> None:
    """The table said draft; another HR computer published it since: the delete is refused
    and the table shows the wave as it is now (it kept saying draft, the button enabled)."""
    import sqlite3

    from surveys.store import database_path

    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, "2026-11")
    _select(panel, "2026-11")
    other = sqlite3.connect(database_path(demo_workspace))
    other.execute("UPDATE waves SET status = 'open' WHERE name = '2026-11'")
    other.commit()
    other.close()
    _answer_question([], delete=True)
    panel.delete_button.click()
    qtbot.waitUntil(lambda: "was published" in panel.status.text())
    qtbot.waitUntil(
        lambda: {w.name: w.status for w in panel.waves_model.waves}.get("2026-11") == "open"
    )
    assert not panel.delete_button.isEnabled() and _has_wave(demo_workspace, "2026-11")
    assert "was published" in panel.status.text()  # the reload kept the reason
