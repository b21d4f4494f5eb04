"""A salesperson in a hurry, and someone on the keyboard, answering a pulse: what they type
or paste reaches HR, and a long department name keeps the window as it was (found walking
the respondent's app, stop 31)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.respondent.source import TeamSource
from desktop_app.respondent.wizard import SurveyWizard
from surveys.validation import MAX_COMMENT
from tests.desktop_app.conftest import PASSPHRASE

LONG = "Customer Success, Renewals & Partner Enablement (Europe, Middle East and Africa)"


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal question would stop the test run: answer "Discard"."""
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Discard))


def click(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.mouseClick(widget, Qt.LeftButton, pos=QPoint(8, widget.height() // 2))


def open_wizard(qtbot, share: Path) -> tuple[SurveyWizard, TeamSource]:  # noqa: ANN001
    source = TeamSource(share, hold=False)
    [survey] = source.unanswered()
    wizard = SurveyWizard(
        survey, "Sales", lambda s: source.deliver(survey, s), token=source.token(survey)
    )
    qtbot.addWidget(wizard)
    wizard.resize(760, 640)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard, source


def to_it_page(qtbot, wizard: SurveyWizard) -> None:  # noqa: ANN001
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["IT"])
    click(qtbot, wizard.next_button)
    assert wizard.current_page().heading == "Working with IT"


def stored_comments(workspace: Path) -> list[str]:
    con = sqlite3.connect(workspace / "rapport.db")
    rows = con.execute("SELECT text FROM comments").fetchall()
    con.close()
    return [text for (text,) in rows]


def test_a_comment_too_long_for_hr_is_said_and_holds_the_page(
    qtbot, share: Path, workspace: Path
) -> None:
    """A comment over 5,000 characters was delivered ("Thank you") and then refused at
    HR's ingest with every rating of the answer."""
    wizard, _ = open_wizard(qtbot, share)
    to_it_page(qtbot, wizard)
    page = wizard.department_pages["IT"]
    page.rows[0].set_value(3)
    page.comment.setPlainText("a" * (MAX_COMMENT - 100))
    assert page.count.isVisible() and page.count.text() == "4,900 of 5,000 characters"
    page.comment.setPlainText("a" * (MAX_COMMENT + 250))
    assert page.count.text().startswith("5,250 characters: 250 more than a comment can hold")
    click(qtbot, wizard.next_button)
    assert wizard.current_page() is page  # not on to the review
    assert wizard.focusWidget() is page.comment
    page.comment.setPlainText("a" * MAX_COMMENT)  # shortened to the limit: fine
    assert page.count.text() == "5,000 of 5,000 characters" and not page.comment_too_long()
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)  # Submit
    assert wizard.current_page() is wizard.thanks

    from surveys.ingest import ingest

    report = ingest(workspace, share, PASSPHRASE)
    assert report.quarantined == [] and report.stored == 1
    assert stored_comments(workspace) == ["a" * MAX_COMMENT]


def test_control_characters_pasted_into_a_comment_do_not_lose_the_answer(
    qtbot, share: Path, workspace: Path
) -> None:
    """A manual line break pasted from a word processor (a vertical tab), a PDF's page break
    or a terminal's colour code made HR's ingest refuse the whole answer."""
    wizard, _ = open_wizard(qtbot, share)
    to_it_page(qtbot, wizard)
    page = wizard.department_pages["IT"]
    page.rows[0].set_value(4)
    page.comment.setPlainText("Reports late.\x0bAsk twice.\x0cThird \x1b[1mtime\x00.")
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)
    assert wizard.current_page() is wizard.thanks

    from surveys.ingest import ingest

    report = ingest(workspace, share, PASSPHRASE)
    assert report.quarantined == [] and report.stored == 1
    assert stored_comments(workspace) == ["Reports late.\nAsk twice.\nThird [1mtime."]


def test_submit_with_nothing_answered_says_so_and_sends_nothing(qtbot, share: Path) -> None:
    """It thanked the person and delivered an answer HR's ingest set aside as empty."""
    wizard, source = open_wizard(qtbot, share)
    to_it_page(qtbot, wizard)
    wizard.department_pages["IT"].rows[0].set_value(0)  # "Don't know" only
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)  # Submit
    assert wizard.current_page() is wizard.review
    assert wizard.review.message.isVisible()
    assert "nothing to send" in wizard.review.message.text()
    assert not (share / "inbox").exists() or not list((share / "inbox").iterdir())
    assert source.unanswered()  # still offered
    click(qtbot, wizard.back_button)
    wizard.department_pages["IT"].rows[0].set_value(2)
    click(qtbot, wizard.next_button)
    assert not wizard.review.message.isVisible()  # about the answers as they were
    click(qtbot, wizard.next_button)
    assert wizard.current_page() is wizard.thanks


@pytest.fixture
def long_share(tmp_path: Path) -> Path:
    from surveys.publish import publish_wave
    from surveys.store import create_workspace

    departments = ["Sales", "IT", "Marketing", "Operations", LONG]
    db = create_workspace(tmp_path / "ws", departments)
    folder = tmp_path / "share"
    publish_wave(db, folder, "2026-10", "full-pulse", passphrase=PASSPHRASE, create=True,
                 tickets=False)  # fmt: skip
    db.close()
    return folder


def test_a_long_department_name_does_not_widen_the_window(qtbot, long_share: Path) -> None:
    """The step line above the pages grew the window by 115 pixels on that page (and it
    stayed so); it is now shortened in the middle, whole for a screen reader."""
    wizard, _ = open_wizard(qtbot, long_share)
    width = wizard.width()
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes[LONG])
    click(qtbot, wizard.next_button)
    qtbot.wait(50)
    assert wizard.current_page().heading == f"Working with {LONG}"
    assert wizard.width() == width
    label = wizard.step_label
    full = f"Step 3 of 4: {LONG} (department 1 of 1)"
    assert label.full_text() == full and "…" in label.text()
    assert label.text().startswith("Step 3 of 4: ") and label.text().endswith("(department 1 of 1)")
    assert label.accessibleName() == full and label.toolTip() == full
    assert label.geometry().right() < wizard.progress.geometry().left()
    assert wizard.progress.width() >= 160
    click(qtbot, wizard.back_button)
    assert label.text() == "Step 2 of 4: who you worked with" and label.accessibleName() == ""


def test_without_a_tray_the_next_open_pulse_follows_the_first(
    qtbot, share: Path, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With two pulses open and no tray, the app quit after the first was answered; nothing
    kept watch, so the second waited until the person happened to start Rapport again."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.respondent.tray import RespondentController
    from desktop_app.settings import Settings
    from surveys.publish import publish_wave

    publish_wave(workspace, share, "2026-11", "full-pulse", passphrase=PASSPHRASE, tickets=False)
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))
    settings = Settings(department="Sales", share_folder=str(share))
    controller = RespondentController(settings, TeamSource(share, hold=False), use_tray=False)
    with qtbot.waitSignal(controller.wizard_opened) as opened:
        controller.check()
    first = opened.args[0]
    to_it_page(qtbot, first)
    first.department_pages["IT"].rows[0].set_value(4)
    click(qtbot, first.next_button)
    click(qtbot, first.next_button)  # Submit
    assert first.current_page() is first.thanks
    with qtbot.waitSignal(controller.wizard_opened) as opened:
        click(qtbot, first.next_button)  # Finish
    second = opened.args[0]
    assert {first.survey.wave, second.survey.wave} == {"2026-10", "2026-11"}
    assert second.isVisible() and quits == []
    second.reject()  # closed without answering: the app ends as before, nothing reopens
    assert controller.wizard is None and quits == [True]
