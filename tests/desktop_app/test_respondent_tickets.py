"""The respondent is told, in plain words, when an answer can never be sent: the ticket was
refused, or the pulse closed before the ticket came. Nothing waits silently for ever."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.respondent.answers_dialog import AnswersDialog
from desktop_app.respondent.source import TeamSource
from surveys.publish import close_wave, publish_wave, read_published
from surveys.ticket_wait import waiting_names
from tests.desktop_app.conftest import PASSPHRASE
from tests.desktop_app.test_respondent_tray import Notices, tray_controller
from tests.desktop_app.test_respondent_wizard import click, no_modal_questions, open_wizard, rate

__all__ = ["no_modal_questions"]  # the autouse fixture, used here too


@pytest.fixture
def unsigned_share(tmp_path: Path, workspace: Path) -> Path:
    """Wave 2026-10 with tickets; this computer's request is on the share, not signed yet."""
    from surveys.ticket_client import request_ticket

    folder = tmp_path / "share"
    path = publish_wave(
        workspace, folder, "2026-10", "full-pulse", passphrase=PASSPHRASE, create=True
    )
    assert request_ticket(read_published(path), folder, "Sales") is not None
    return folder


def _answer(qtbot, wizard) -> None:  # noqa: ANN001
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["IT"])
    click(qtbot, wizard.next_button)
    rate(qtbot, wizard, "IT", {"overall": 2})
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)  # Submit
    qtbot.waitUntil(lambda: wizard.current_page() is wizard.thanks)


def _refuse_all(workspace: Path, share: Path) -> None:
    """HR's app refuses the waiting requests: the file server does not say who wrote them."""
    from surveys.tickets import sign_pending

    report = sign_pending(workspace, share, PASSPHRASE, owner_of=lambda p, info=None: None)
    assert report.refused == {"owner": 1}


def test_a_ticket_refused_while_answering_is_said_on_the_thank_you_page(
    qtbot, unsigned_share: Path, workspace: Path
) -> None:
    source = TeamSource(unsigned_share, "Sales")
    wizard = open_wizard(qtbot, source)
    _refuse_all(workspace, unsigned_share)  # while the person answers
    _answer(qtbot, wizard)
    status = wizard.thanks.status.text()
    assert "not sent" in status and "refused" in status
    assert "does not say which account wrote it" in status  # HR's reason, word for word
    assert not wizard.thanks.receipt.isVisible()  # no receipt for an answer never sent
    assert waiting_names() == set() and list((unsigned_share / "inbox").iterdir()) == []
    [state] = source.answer_states()
    dialog = AnswersDialog([state])
    qtbot.addWidget(dialog)
    assert dialog.row_texts()[0][3].startswith("Not sent: HR's app refused")


def test_a_refused_ticket_is_told_once_and_the_pulse_no_longer_offered(
    qtbot, unsigned_share: Path, workspace: Path
) -> None:
    _refuse_all(workspace, unsigned_share)
    controller = tray_controller(qtbot, unsigned_share, department="Sales")
    notices = Notices(controller)
    controller.check()  # picks up the refusal
    title = "You cannot answer “Full relationship pulse” from this computer"
    assert title in notices.titles(), notices.shown
    assert "does not say which account wrote it" in dict(notices.shown)[title]
    assert controller.pending is None
    controller.check()
    assert notices.titles().count(title) == 1
    assert "A Rapport pulse is open" not in notices.titles()


def test_an_answer_waiting_when_the_pulse_closes_is_dropped_with_a_notice(
    qtbot, unsigned_share: Path, workspace: Path
) -> None:
    source = TeamSource(unsigned_share, "Sales")
    wizard = open_wizard(qtbot, source)
    _answer(qtbot, wizard)
    assert "wait for your participation ticket" in wizard.thanks.status.text()
    assert len(waiting_names()) == 1
    close_wave(workspace, unsigned_share, "2026-10")  # HR closes before signing
    controller = tray_controller(qtbot, unsigned_share, department="Sales")
    notices = Notices(controller)
    controller.check()
    assert "Your answers were not sent" in notices.titles()
    text = dict(notices.shown)["Your answers were not sent"]
    assert "2026-10" in text and "closed before your participation ticket" in text
    assert waiting_names() == set()
    controller.check()
    assert notices.titles().count("Your answers were not sent") == 1  # said once
    [state] = source.answer_states()
    dialog = AnswersDialog([state])
    qtbot.addWidget(dialog)
    row = dialog.row_texts()[0]
    assert (
        row[2] == "" and row[3] == "Not sent: the pulse closed before the participation ticket came"
    )


def test_without_a_tray_the_window_shows_the_notice_whole(
    qtbot, unsigned_share: Path, workspace: Path
) -> None:
    """No system tray: the status window opens first, so it shows the notice, and grows to
    show every line of it."""
    from desktop_app.respondent.tray import RespondentController
    from desktop_app.settings import Settings

    source = TeamSource(unsigned_share, "Sales")
    wizard = open_wizard(qtbot, source)
    _answer(qtbot, wizard)
    close_wave(workspace, unsigned_share, "2026-10")
    settings = Settings(department="Sales", share_folder=str(unsigned_share))
    controller = RespondentController(settings, source, use_tray=False)
    controller.check()
    window = controller.status_window
    qtbot.addWidget(window)
    assert window.notices.isVisible()
    assert "were not sent" in window.notices.text()
    from desktop_app.respondent.notices import refused_notice

    window.add_notice(*refused_notice("2026-11", "Full relationship pulse", "a reason " * 20))
    layout = window.layout()
    assert window.height() >= layout.totalHeightForWidth(window.width())
