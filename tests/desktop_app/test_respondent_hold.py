"""The random wait before delivery, as a respondent meets it: the thank-you page, "Your
answers" with "Deliver now", the tray's delivery timer, a restart, quitting, and a share
that is no longer trusted. A real outbox and a real shared folder; the clock and the delays
are injected, so no test waits for time to pass."""

from __future__ import annotations

import re
import time
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app.respondent.answers_dialog import AnswersDialog
from desktop_app.respondent.local_source import LocalSource
from desktop_app.respondent.source import TeamSource
from desktop_app.respondent.tray import DUE_SLACK_MS, RespondentController
from desktop_app.settings import Settings
from surveys.outbox import outbox_dir, pending_count
from surveys.outbox_hold import Hold
from surveys.submission import Answer, Submission
from tests.desktop_app.test_respondent_tray import Notices
from tests.desktop_app.test_respondent_wizard import click, open_wizard, rate

#: Now, to the second: the shared folder's pulse closes in two weeks, so a due time after
#: its last day would be cut short (which tests/surveys/test_outbox_hold.py checks).
T0 = float(int(time.time()))


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


def held_source(share: Path, clock: Clock, *delays: float) -> TeamSource:
    left = list(delays)
    return TeamSource(share, "Sales", hold=Hold(clock, lambda: left.pop(0)))


def controller_for(qtbot, source: TeamSource, share: Path) -> RespondentController:  # noqa: ANN001
    settings = Settings(department="Sales", share_folder=str(share))
    controller = RespondentController(settings, source, use_tray=True)
    qtbot.addWidget(controller._menu)
    return controller


def answer(source: TeamSource, overall: int = 4):  # noqa: ANN201 - Outcome
    [survey] = source.open_surveys()
    sub = Submission("2026-10", "Sales", "2026-10-02", (Answer("IT", "overall", overall),))
    return source.deliver(survey, sub)


def inbox(share: Path) -> list[str]:
    return sorted(p.name for p in (share / "inbox").iterdir())


def test_the_thank_you_page_and_your_answers_say_the_answer_waits_and_why(
    qtbot, share: Path
) -> None:
    clock = Clock()
    source = held_source(share, clock, 420)
    wizard = open_wizard(qtbot, source)
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["IT"])
    click(qtbot, wizard.next_button)
    rate(qtbot, wizard, "IT", {"overall": 4})
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)
    status = wizard.thanks.status.text()
    assert "sealed and wait on this computer for a few minutes (at most 20 minutes)" in status
    assert "nobody watching the shared folder can tell when you answered" in status
    assert "delivered when it next starts" in status
    assert inbox(share) == [] and pending_count() == 1
    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", wizard.thanks.receipt.text()).group()

    dialog = AnswersDialog(source.answer_states())
    qtbot.addWidget(dialog)
    dialog.show()
    due = datetime.fromtimestamp(T0 + 420).strftime("%H:%M")
    assert dialog.row_texts()[0][2:] == [
        code,
        f"Sealed; waits on this computer until about {due}, then Rapport delivers it",
    ]
    assert dialog.hold_box.isVisible() and dialog.deliver_button.isEnabled()
    assert "could then see when you answered" in dialog.hold_note.text()


def test_the_tray_delivers_when_the_answer_is_due_and_says_so(qtbot, share: Path) -> None:
    clock = Clock()
    source = held_source(share, clock, 300, 900)
    controller = controller_for(qtbot, source, share)
    notices = Notices(controller)
    controller.check()
    assert not controller.delivery_timer.isActive()  # nothing waits yet
    first = answer(source)
    controller._on_wizard_delivered(first)  # what the wizard's Send does
    assert first.status == "held"
    assert controller.delivery_timer.isActive()
    assert controller.delivery_timer.interval() == 300 * 1000 + DUE_SLACK_MS
    controller._update_tray()
    assert "A sealed answer waits on this computer to be delivered" in controller.tray.toolTip()
    clock.now = T0 + 60
    second = answer(source, 2)  # a second answer draws its own, later due time
    controller._on_wizard_delivered(second)
    assert controller.delivery_timer.interval() == 240 * 1000 + DUE_SLACK_MS

    clock.now = T0 + 299  # the timer fired a little early: nothing goes, it is set again
    controller.delivery_timer.timeout.emit()
    assert inbox(share) == [] and controller.delivery_timer.interval() == 1000 + DUE_SLACK_MS
    clock.now = T0 + 300
    controller.delivery_timer.timeout.emit()
    assert len(inbox(share)) == 1 and pending_count() == 1
    assert notices.titles()[-1] == "Your answers were delivered"
    assert first.receipt in notices.shown[-1][1]
    assert controller.delivery_timer.interval() == 660 * 1000 + DUE_SLACK_MS
    clock.now = T0 + 960
    controller.delivery_timer.timeout.emit()
    assert len(inbox(share)) == 2 and pending_count() == 0
    assert not controller.delivery_timer.isActive()
    assert "waits on this computer" not in controller.tray.toolTip()


def test_an_app_started_after_the_due_time_delivers_at_once(qtbot, share: Path) -> None:
    clock = Clock()
    answer(held_source(share, clock, 600))
    assert inbox(share) == []
    clock.now = T0 + 3600  # quit, and started again an hour later: a new controller
    later = controller_for(qtbot, held_source(share, clock), share)
    notices = Notices(later)
    later.start()
    assert len(inbox(share)) == 1 and "Your answers were delivered" in notices.titles()


def test_an_app_started_before_the_due_time_waits_for_it(qtbot, share: Path) -> None:
    clock = Clock()
    answer(held_source(share, clock, 600))
    clock.now = T0 + 100
    later = controller_for(qtbot, held_source(share, clock), share)
    later.start()
    assert inbox(share) == []
    assert later.delivery_timer.interval() == 500 * 1000 + DUE_SLACK_MS


def test_deliver_now_in_your_answers_sends_at_once(qtbot, share: Path) -> None:
    clock = Clock()
    source = held_source(share, clock, 900)
    controller = controller_for(qtbot, source, share)
    answer(source)
    dialog = controller.show_answers()
    qtbot.addWidget(dialog)
    assert dialog.hold_box.isVisible()
    click(qtbot, dialog.deliver_button)
    assert len(inbox(share)) == 1 and pending_count() == 0
    assert dialog.row_texts()[0][3] == "Delivered to the shared folder; HR has not taken it in yet"
    assert not dialog.hold_box.isVisible()


@pytest.fixture
def quits(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    called: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: called.append(True)))
    return called


@pytest.mark.parametrize("choice", ["quit_anyway", "deliver_and_quit", "keep"])
def test_quitting_with_waiting_answers_asks_first(qtbot, share: Path, quits, choice: str) -> None:  # noqa: ANN001
    clock = Clock()
    source = held_source(share, clock, 900)
    controller = controller_for(qtbot, source, share)
    answer(source)
    controller._on_quit_action_triggered()
    box = controller.quit_box
    assert box is not None and box.isVisible() and quits == []
    assert "delivered when Rapport next starts" in box.informativeText() + box.text()
    button = {
        "quit_anyway": controller.quit_anyway,
        "deliver_and_quit": controller.deliver_and_quit,
        "keep": box.buttons()[-1],
    }[choice]
    assert button.text().replace("&", "") != ""
    button.click()
    qtbot.waitUntil(lambda: controller.quit_box is None)
    assert quits == ([] if choice == "keep" else [True])
    assert len(inbox(share)) == (1 if choice == "deliver_and_quit" else 0)
    assert pending_count() == (0 if choice == "deliver_and_quit" else 1)


def test_quitting_with_nothing_waiting_just_quits(qtbot, share: Path, quits) -> None:  # noqa: ANN001
    controller = controller_for(qtbot, held_source(share, Clock()), share)
    controller._on_quit_action_triggered()
    assert quits == [True] and getattr(controller, "quit_box", None) is None


def test_a_due_answer_is_not_delivered_to_a_share_whose_survey_key_changed(
    qtbot, share: Path, tmp_path: Path
) -> None:
    from surveys.store import create_workspace
    from tests.surveys.transport_helpers import publish

    clock = Clock()
    source = held_source(share, clock, 120)
    answer(source)
    theirs = tmp_path / "theirs"  # a colleague swaps in a survey sealed to their own key
    create_workspace(theirs).close()
    publish(theirs, share, wave="2026-11")
    clock.now = T0 + 600
    controller = controller_for(qtbot, source, share)
    controller.check()
    assert "sealed to a different key" in (controller.problem or "")
    assert inbox(share) == [] and pending_count() == 1  # kept on this computer
    (share / "published" / "2026-11.json").unlink()  # HR removes the impostor
    controller.check()
    assert len(inbox(share)) == 1 and pending_count() == 0


def test_without_a_tray_answers_go_at_once(qtbot, share: Path) -> None:
    source = held_source(share, Clock(), 900)
    settings = Settings(department="Sales", share_folder=str(share))
    RespondentController(settings, source, use_tray=False)
    assert source.hold is None  # nothing would stay running to deliver it later
    assert answer(source).status == "delivered" and len(inbox(share)) == 1
    assert outbox_dir().exists() and pending_count() == 0


def test_single_machine_mode_holds_nothing(workspace: Path) -> None:
    source = LocalSource(workspace)
    assert source.next_due_in() is None and source.held_count() == 0


def test_a_due_answer_that_cannot_go_is_left_to_the_polls_not_retried_in_a_loop(
    qtbot, share: Path, tmp_path: Path
) -> None:
    clock = Clock()
    source = held_source(share, clock, 300)
    controller = controller_for(qtbot, source, share)
    controller._on_wizard_delivered(answer(source))
    assert controller.delivery_timer.isActive()
    (share / "inbox").rename(tmp_path / "inbox-away")  # the inbox is gone at the due time
    clock.now = T0 + 400
    controller.delivery_timer.timeout.emit()
    assert pending_count() == 1 and not controller.delivery_timer.isActive()
    (tmp_path / "inbox-away").rename(share / "inbox")
    controller.check()  # the next poll
    assert len(inbox(share)) == 1 and pending_count() == 0
