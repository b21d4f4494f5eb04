"""The respondent's controller as a person meets it: tray, notices, reminders, departments,
a folder that cannot be reached, and answers delivered from the outbox."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from desktop_app.respondent.source import TeamSource
from desktop_app.respondent.tray import RespondentController
from desktop_app.settings import Settings, load_settings
from tests.desktop_app.conftest import PASSPHRASE


class Notices:
    """Every notification the controller showed, as ``(title, text)``."""

    def __init__(self, controller: RespondentController) -> None:
        self.shown: list[tuple[str, str]] = []
        controller.notified.connect(lambda title, text: self.shown.append((title, text)))

    def titles(self) -> list[str]:
        return [title for title, _ in self.shown]


def tray_controller(qtbot, share: Path, department: str = "IT", **settings) -> RespondentController:  # noqa: ANN001
    options = Settings(department=department, share_folder=str(share), **settings)
    controller = RespondentController(options, TeamSource(share), use_tray=True)
    qtbot.addWidget(controller._menu)
    return controller


def republish(share: Path, **fields) -> None:  # noqa: ANN003
    """Change fields of the published wave, as a later publish by HR would (signed by the
    workspace that published it, ``share``'s neighbour ``ws``: the ``share`` fixture)."""
    from tests.surveys.transport_helpers import write_as_hr

    path = share / "published" / "2026-10.json"
    data = json.loads(path.read_text())
    data.update(fields)
    write_as_hr(share.parent / "ws", path, data)


def test_a_pulse_is_announced_once_and_remind_later_says_when(qtbot, share: Path) -> None:
    controller = tray_controller(qtbot, share, snooze_minutes=90)
    notices = Notices(controller)
    assert controller.later_action.text().replace("&", "") == "Remind me in 90 minutes"
    controller.check()
    assert notices.titles() == ["A Rapport pulse is open"]
    controller.check()  # the next poll: no nagging
    assert notices.titles() == ["A Rapport pulse is open"]

    controller.remind_later()
    title, text = notices.shown[-1]
    assert title == "Rapport will remind you later"
    moment = re.search(r"ask again ((?:tomorrow )?at \d\d:\d\d)", text)
    assert moment is not None, text
    assert controller.snooze_timer.isActive()
    # Until the next whole minute plus 89 (precise timer, so never minutes off).
    assert 89 * 60_000 - 1_000 < controller.snooze_timer.remainingTime() <= 90 * 60_000
    assert controller.snooze_timer.timerType() == Qt.PreciseTimer
    # Late in the evening the reminder falls tomorrow: notice and tooltip both say so.
    assert f"Reminder {moment.group(1)}" in controller.tray.toolTip()
    controller.check()
    assert len(notices.shown) == 2  # quiet while snoozed


def test_a_snooze_survives_a_restart_and_ends_with_a_reminder(qtbot, share: Path) -> None:
    from datetime import datetime

    from surveys.reminders import mark_shown, snooze

    mark_shown("2026-10", "opened")
    snooze("2026-10", datetime.now() - timedelta(minutes=1))  # ended while Rapport was off
    controller = tray_controller(qtbot, share)
    notices = Notices(controller)
    controller.check()
    assert notices.titles() == ["Reminder: a Rapport pulse is waiting"]


@pytest.mark.parametrize(
    ("opened_days_ago", "closes_in_days", "expected"),
    [
        (1, 13, []),
        (3, 11, ["Reminder: a Rapport pulse is open"]),
        (12, 1, ["The Rapport pulse closes tomorrow"]),
        (13, 0, ["The Rapport pulse closes today"]),
    ],
)
def test_reminders_before_close_come_from_local_knowledge_only(
    qtbot, share: Path, opened_days_ago: int, closes_in_days: int, expected: list[str]
) -> None:
    from surveys.reminders import mark_shown

    today = date.today()
    republish(
        share,
        opens=(today - timedelta(days=opened_days_ago)).isoformat(),
        closes=(today + timedelta(days=closes_in_days)).isoformat(),
    )
    mark_shown("2026-10", "opened")  # announced when it opened
    before = sorted(p.relative_to(share) for p in share.rglob("*"))
    controller = tray_controller(qtbot, share)
    notices = Notices(controller)
    controller.check()
    controller.check()
    assert notices.titles() == expected  # each at most once
    assert sorted(p.relative_to(share) for p in share.rglob("*")) == before  # nothing told


def test_reminders_follow_the_waves_own_plan(qtbot, share: Path) -> None:
    from surveys.reminders import mark_shown

    today = date.today()
    republish(
        share,
        opens=(today - timedelta(days=5)).isoformat(),
        closes=(today + timedelta(days=2)).isoformat(),
        reminders={"after_opening_days": 0, "before_closing_days": 2},
    )
    mark_shown("2026-10", "opened")
    controller = tray_controller(qtbot, share)
    notices = Notices(controller)
    controller.check()
    assert notices.titles() == [
        "The Rapport pulse closes on " + (today + timedelta(days=2)).isoformat()
    ]


def test_an_answered_pulse_is_not_reminded(qtbot, share: Path) -> None:
    from surveys.outbox import mark_answered

    republish(share, opens=(date.today() - timedelta(days=4)).isoformat())
    mark_answered("2026-10")
    controller = tray_controller(qtbot, share)
    notices = Notices(controller)
    controller.check()
    assert notices.shown == []
    assert "no pulse is waiting" in controller.tray.toolTip()


def test_a_missing_share_is_said_in_the_tooltip_and_retried(
    qtbot, tmp_path: Path, workspace: Path
) -> None:
    from surveys.publish import publish_wave

    away = tmp_path / "mapped-drive"
    controller = tray_controller(qtbot, away)
    notices = Notices(controller)
    controller.check()
    tooltip = controller.tray.toolTip()
    assert "cannot be reached" in tooltip and str(away) in tooltip
    assert "No pulse" not in tooltip and "no pulse" not in tooltip
    assert controller.retry_timer.isActive()
    assert not controller.answer_action.isEnabled()
    publish_wave(workspace, away, "2026-10", "full-pulse", passphrase=PASSPHRASE, create=True)
    controller.retry_timer.timeout.emit()  # the next retry
    assert not controller.retry_timer.isActive()
    assert notices.titles() == ["A Rapport pulse is open"]
    assert "is open" in controller.tray.toolTip()


def test_without_a_tray_a_missing_share_window_keeps_trying(
    qtbot, tmp_path: Path, workspace: Path
) -> None:
    from surveys.publish import publish_wave

    away = tmp_path / "mapped-drive"
    settings = Settings(department="IT", share_folder=str(away))
    controller = RespondentController(settings, TeamSource(away), use_tray=False)
    controller.check()
    window = controller.status_window
    qtbot.addWidget(window)
    assert window.isVisible()
    assert "cannot be reached" in window.message.text()
    assert "No pulse" not in window.heading.text()
    assert window.retry_button.isVisible() and controller.retry_timer.isActive()
    publish_wave(workspace, away, "2026-10", "full-pulse", passphrase=PASSPHRASE, create=True)
    with qtbot.waitSignal(controller.wizard_opened) as opened:
        window.retry_button.click()
    qtbot.addWidget(opened.args[0])
    assert not window.isVisible()


def test_a_typed_department_is_replaced_by_one_from_the_list_before_answering(
    qtbot, share: Path
) -> None:
    controller = tray_controller(qtbot, share, department="Finance")  # typed in an older version
    controller.check()
    controller.answer_now()
    dialog = controller.department_dialog
    assert dialog is not None and controller.wizard is None
    assert "Finance" in dialog.note.text()
    offered = [dialog.box.itemText(i) for i in range(dialog.box.count())]
    assert offered == ["Sales", "IT", "Marketing", "Operations"]
    assert dialog.box.currentIndex() == -1
    dialog.box.setCurrentIndex(offered.index("Operations"))
    with qtbot.waitSignal(controller.wizard_opened) as opened:
        dialog.accept()
    wizard = opened.args[0]
    qtbot.addWidget(wizard)
    assert wizard.department == "Operations"
    assert "Operations" not in wizard.departments_page.boxes
    assert load_settings(QSettings()).department == "Operations"


def test_the_department_can_be_changed_from_the_tray_menu(qtbot, share: Path) -> None:
    controller = tray_controller(qtbot, share, department="IT")
    controller.check()
    assert controller.department_action.isEnabled()
    controller.department_action.trigger()
    dialog = controller.department_dialog
    assert dialog.box.currentText() == "IT"
    dialog.box.setCurrentIndex(dialog.box.findText("Marketing"))
    dialog.accept()
    assert controller.settings.department == "Marketing"
    assert load_settings(QSettings()).department == "Marketing"


def test_an_answer_delivered_from_the_outbox_is_confirmed(
    qtbot, share: Path, tmp_path: Path
) -> None:
    from surveys.outbox_hold import Hold
    from surveys.submission import Answer, Submission

    source = TeamSource(share, hold=Hold(delay=lambda: 0.0))  # due at once, but no share
    [survey] = source.unanswered()
    away = tmp_path / "share-away"
    share.rename(away)  # the network drive is gone while the person submits
    outcome = source.deliver(
        survey, Submission("2026-10", "IT", "2026-10-02", (Answer("Sales", "timely", 2),))
    )
    assert outcome.status == "queued" and outcome.receipt
    away.rename(share)
    controller = tray_controller(qtbot, share)
    notices = Notices(controller)
    controller.check()
    title, text = notices.shown[-1]
    assert title == "Your answers were delivered"
    assert "2026-10" in text and outcome.receipt in text
    assert len(list((share / "inbox").iterdir())) == 1
    controller.check()
    assert notices.titles().count("Your answers were delivered") == 1
