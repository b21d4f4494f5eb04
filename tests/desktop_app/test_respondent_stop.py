"""A respondent whose pulse HR stops (to close it early) while the survey window is open.

The answer already given keeps its random wait and is delivered and counted; Submit after
the stop is refused in plain words, and nothing on this computer is lost or half-written.
A real outbox, a real shared folder and the real wizard; the clocks are injected."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QLabel

from desktop_app.respondent.source import TeamSource
from desktop_app.respondent.wizard import SurveyWizard
from surveys.ingest import ingest
from surveys.outbox import outbox_dir
from surveys.outbox_hold import Hold, due_times
from surveys.paths import user_data_dir
from surveys.receipts import local_answers
from surveys.store import open_workspace
from surveys.submission import Answer, Submission
from surveys.ticket_wait import waiting_names
from surveys.wave_stop import stop_answers
from tests.desktop_app.conftest import PASSPHRASE
from tests.desktop_app.test_respondent_hold import T0, Clock, controller_for
from tests.desktop_app.test_respondent_wizard import click, rate


def _this_computer() -> dict:
    """Everything Rapport keeps on this computer about answers, to compare before/after."""
    folder = user_data_dir()

    def text(name: str) -> str | None:
        path = folder / name
        return path.read_text(encoding="utf-8") if path.exists() else None

    return {
        "outbox": sorted(p.name for p in outbox_dir().iterdir()),
        "due": due_times(),
        "counters": text("counters.json"),
        "answered": text("answered.json"),
        "waiting": waiting_names(),
        "log": local_answers(),
    }


def test_submit_after_hr_stopped_the_pulse_is_refused_and_nothing_is_lost(
    qtbot, share: Path, workspace: Path
) -> None:
    clock = Clock()
    source = TeamSource(share, "Sales", hold=Hold(clock, lambda: 600.0))
    [survey] = source.open_surveys()
    # A colleague on this computer answered a minute ago: the answer waits in the outbox.
    earlier = Submission("2026-10", "Sales", "2026-10-02", (Answer("IT", "overall", 2),))
    assert source.deliver(survey, earlier).status == "held"
    wizard = SurveyWizard(survey, "Sales", lambda s: source.deliver(survey, s), token=None)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["IT"])
    click(qtbot, wizard.next_button)
    rate(qtbot, wizard, "IT", {"overall": 5})
    click(qtbot, wizard.next_button)
    before = _this_computer()

    db = open_workspace(workspace)  # HR closes early: the answers stop now
    stop_answers(db, share, "2026-10", T0 + 30)
    db.close()
    click(qtbot, wizard.next_button)  # Submit
    status = wizard.thanks.status.text()
    stopped_at = datetime.fromtimestamp(T0 + 30).strftime("%H:%M")
    assert f"HR stopped taking answers for this pulse at {stopped_at}" in status
    assert "Answers given before then are still counted" in status
    assert not wizard.thanks.receipt.isVisible()
    assert wizard.thanks.findChild(QLabel, "pageHeading").text() == "Your answers were not sent"
    assert _this_computer() == before  # nothing sealed, kept, numbered or logged
    assert not [p for p in outbox_dir().iterdir() if p.name.startswith(".")]

    # The tray no longer offers the pulse, and still delivers the earlier answer when due.
    controller = controller_for(qtbot, source, share)
    controller.check()
    assert controller.pending is None and source.unanswered() == []
    assert controller.delivery_timer.isActive()
    clock.now = T0 + 600
    controller.delivery_timer.timeout.emit()
    assert len(list((share / "inbox").iterdir())) == 1
    report = ingest(workspace, share, PASSPHRASE)
    assert (report.stored, report.late) == (1, 0)


def test_submit_after_the_pulse_closed_is_refused_too(qtbot, share: Path, workspace: Path) -> None:
    from surveys.publish import close_wave

    source = TeamSource(share, "Sales", hold=False)
    [survey] = source.open_surveys()
    close_wave(workspace, share, "2026-10")  # closed while the window was open
    sub = Submission("2026-10", "Sales", "2026-10-02", (Answer("IT", "overall", 2),))
    before = _this_computer()
    outcome = source.deliver(survey, sub)
    assert (outcome.status, outcome.detail) == ("stopped", "")
    assert _this_computer() == before
    assert list((share / "inbox").iterdir()) == []


def test_answer_now_after_the_stop_opens_nothing_and_says_why(
    qtbot, share: Path, workspace: Path
) -> None:
    from tests.desktop_app.test_respondent_tray import Notices

    source = TeamSource(share, "Sales", hold=Hold(Clock(), lambda: 600.0))
    controller = controller_for(qtbot, source, share)
    notices = Notices(controller)
    controller.check()
    assert controller.pending is not None  # offered: "Answer now" in the tray menu
    db = open_workspace(workspace)
    stop_answers(db, share, "2026-10", T0)
    db.close()
    controller.answer_now()  # clicked before the tray's next look
    assert controller.wizard is None and controller.pending is None
    title, text = notices.shown[-1]
    assert title == "The Rapport pulse takes no more answers"
    stopped_at = datetime.fromtimestamp(T0).strftime("%H:%M")
    assert f"HR stopped taking answers for {controller_survey_title(source)} at {stopped_at}" in (
        text
    )
    controller.check()
    assert controller.pending is None  # and it is offered no more


def controller_survey_title(source: TeamSource) -> str:
    """The pulse's title, as the published file (stopped now) still gives it."""
    from surveys.published import list_delivering_surveys

    [published] = list_delivering_surveys(source.share)
    return published.survey.title


def test_submit_after_the_stopped_pulse_was_replaced_by_its_first_file_keeps_the_answers(
    qtbot, share: Path, workspace: Path
) -> None:
    """A colleague kept the file HR first published and puts it back after HR's stop: the
    person who opened the survey before the stop is told, and the answers stay in the
    window (nothing sealed, sent or logged) rather than going to the stopped pulse."""
    source = TeamSource(share, "Sales", hold=False)
    [survey] = source.open_surveys()
    path = share / "published" / "2026-10.json"
    kept = path.read_bytes()
    wizard = SurveyWizard(survey, "Sales", lambda s: source.deliver(survey, s), token=None)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["IT"])
    click(qtbot, wizard.next_button)
    rate(qtbot, wizard, "IT", {"overall": 5})
    click(qtbot, wizard.next_button)
    db = open_workspace(workspace)
    stop_answers(db, share, "2026-10", T0 + 30)
    db.close()
    assert source.open_surveys() == []  # the tray's look: the stop is read
    path.write_bytes(kept)
    before = _this_computer()
    click(qtbot, wizard.next_button)  # Submit
    message = wizard.review.message.text()
    assert "Your answers could not be saved" in message and "earlier version" in message
    assert "tell HR" in message and "Nothing was lost" in message
    assert wizard.current_page() is wizard.review and wizard.next_button.isEnabled()
    assert _this_computer() == before
    assert not (share / "inbox").exists() or list((share / "inbox").iterdir()) == []
