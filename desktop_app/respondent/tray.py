"""The respondent's controller: notices an open pulse, reminds, retries, opens the wizard.

With a system tray it lives in the tray: a notification when a pulse is first seen, the
wave's reminders (decided on this computer only, :mod:`surveys.reminders`), "Answer now",
"Remind me later" (which says when it will ask again), "Your answers" (receipts), "Change
my department…". Without a tray (some Linux desktops) the survey window opens at once, and
otherwise a small status window says what is going on (:mod:`status_window`): it never
claims that Rapport will keep watch.

A folder that cannot be reached is said so (tooltip, status window) and retried every
:data:`RETRY_UNREACHABLE_S` seconds; the department is always one of the pulse's own.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desktop_app.respondent.icon import app_icon
from desktop_app.respondent.source import OpenSurvey, Outcome, SurveySource
from desktop_app.respondent.tray_menu import TrayMenu
from desktop_app.respondent.wizard import SurveyWizard
from desktop_app.settings import Settings
from surveys.errors import RapportError

if TYPE_CHECKING:
    from desktop_app.respondent.status_window import StatusWindow

#: How often the tray looks for a new pulse and retries the outbox.
POLL_MINUTES = 15
#: While the folder cannot be reached, it is tried again this often.
RETRY_UNREACHABLE_S = 60
#: A held answer is delivered this long after its due time (a timer may fire a little
#: early; this makes sure the answer is due when it does).
DUE_SLACK_MS = 500
#: The longest single wait of the delivery timer (a far due time is looked at again).
MAX_TIMER_MS = 60 * 60 * 1000
#: ``Qt.PreciseTimer`` by number: using ``Qt`` here would build its enums at start-up.
PRECISE_TIMER = 0
#: When the survey window opens at once, the outbox is retried this long afterwards, so
#: that the retry never delays the window.
RETRY_AFTER_OPEN_MS = 1500


class RespondentController(TrayMenu, QObject):
    """Keeps watch for open pulses and opens the wizard when the person is ready."""

    wizard_opened = Signal(object)
    #: A notification was shown: ``(title, text)`` (tray message, or the status window).
    notified = Signal(str, str)

    def __init__(
        self, settings: Settings, source: SurveySource, use_tray: bool | None = None
    ) -> None:
        super().__init__()
        self.settings, self.source = settings, source
        self.wizard: SurveyWizard | None = None
        self.pending: OpenSurvey | None = None
        self.problem: str | None = None
        self.status_window: StatusWindow | None = None
        self.department_dialog = None
        if use_tray is None:
            from PySide6.QtWidgets import QSystemTrayIcon

            use_tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray = self._make_tray(app_icon()) if use_tray else None
        self.snooze_timer = self._timer(single=True)
        # A coarse timer may end up to 5 % early: 4 minutes before "ask again at 17:30".
        self.snooze_timer.setProperty("timerType", PRECISE_TIMER)
        self.poll_timer = self._timer(POLL_MINUTES * 60 * 1000)
        self.retry_timer = self._timer(RETRY_UNREACHABLE_S * 1000)
        self.delivery_timer = QTimer(self)
        self.delivery_timer.setSingleShot(True)
        self.delivery_timer.setProperty("timerType", PRECISE_TIMER)
        self.delivery_timer.timeout.connect(self._on_delivery_timer_timeout)
        if self.tray is None and getattr(source, "hold", None) is not None:
            # Nothing would be left running to deliver a held answer: it goes at once.
            source.hold = None

    def _timer(self, interval: int = 0, single: bool = False) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(single)
        if interval:
            timer.setInterval(interval)
        timer.timeout.connect(self.check)
        return timer

    def start(self) -> None:
        self.poll_timer.start()
        self.check()

    # -- looking for pulses ---------------------------------------------------------------
    def check(self) -> None:
        """Notice a pulse that has not been answered yet, remind, and retry the outbox."""
        if self.wizard is not None or self.department_dialog is not None:
            return
        try:
            self.problem = self.source.problem()
            surveys = [] if self.problem else self.source.unanswered()
        except (RapportError, OSError) as exc:
            self.problem, surveys = str(exc), []
        if self.problem:
            self.pending = None
            self.retry_timer.start()
            self._show_state()
            return
        self.retry_timer.stop()
        self.pending = surveys[0] if surveys else None
        if self.tray is None:
            self._check_without_tray()
            return
        self.retry_outbox()
        self._tell_refusals()
        if self.pending is not None:
            self._remind(self.pending)
        self._show_state()

    def _check_without_tray(self) -> None:
        if self.pending is not None and self._snooze_state(self.pending)[0] is None:
            self.answer_now()
            QTimer.singleShot(RETRY_AFTER_OPEN_MS, self, self.retry_outbox)
            if self.pending is not None:
                return
            # The pulse ended that very moment: the status window said so; go on as idle.
        self.show_status_window()  # first, so that it shows the notices that follow
        self.retry_outbox()
        self._tell_refusals()

    def _tell_refusals(self) -> None:
        """Say once, per pulse, that HR's app refused this computer's ticket (the pulse is
        then no longer offered: an answer from here could not be counted)."""
        tell = getattr(self.source, "refusals_to_tell", None)
        try:
            refusals = tell() if tell is not None else []
        except (RapportError, OSError):
            return
        from desktop_app.respondent.notices import refused_notice

        for wave, title, reason in refusals:
            if self.pending is not None and self.pending.wave == wave:
                self.pending = None
            self._notify(*refused_notice(wave, title, reason))

    def _snooze_state(self, survey: OpenSurvey) -> tuple[datetime | None, bool]:
        """``(until, ended)``: when a running snooze ends, or whether one has just ended."""
        from surveys.reminders import clear_snooze, snoozed_until

        until = snoozed_until(survey.wave)
        if until is None:
            return None, False
        if until <= datetime.now():
            clear_snooze(survey.wave)
            return None, True
        return until, False

    def _remind(self, survey: OpenSurvey) -> None:
        """Show the notice that is due for ``survey``, if any (at most once each)."""
        from desktop_app.respondent.notices import reminder_notice
        from surveys.reminders import ReminderPlan, due_notice, mark_shown, shown_notices

        until, snooze_ended = self._snooze_state(survey)
        if until is not None:
            self.snooze_timer.start(_ms_until(until))
            return
        today = date.today()
        plan = survey.reminders or ReminderPlan()
        kind = due_notice(plan, survey.opens, survey.closes, today, shown_notices(survey.wave))
        if kind is not None:
            mark_shown(survey.wave, kind)
        elif snooze_ended:
            kind = "snooze"
        if kind is not None:
            self._notify(*reminder_notice(kind, survey, today))

    def remind_later(self) -> None:
        """Snooze: no notice until the snooze time has passed; say when that is."""
        from desktop_app.respondent.notices import snoozed_notice
        from surveys.reminders import snooze

        survey = self.pending
        if survey is None:
            return
        now = datetime.now().replace(second=0, microsecond=0)
        until = now + timedelta(minutes=self.settings.snooze_minutes)
        try:
            snooze(survey.wave, until)
        except OSError:
            return  # the user's Rapport folder cannot be written: keep reminding as usual
        self.snooze_timer.start(_ms_until(until))
        self._notify(*snoozed_notice(until, now))
        self._show_state()

    def retry_outbox(self, at_once: bool = False) -> int:
        """Send what is due in the local outbox (``at_once``: everything, "Deliver now");
        a notice says what was delivered, and another which answers can never be sent
        (their ticket was refused, or the pulse closed before it came) and were deleted.
        Then the delivery timer is set for the next held answer."""
        try:
            gone = self.source.send_waiting(at_once)
        except (RapportError, OSError):
            gone = []  # still unreachable: the next poll tries again
        self._arm_delivery_timer()
        delivered = [a for a in gone if not getattr(a, "not_sent", "")]
        dropped = [a for a in gone if getattr(a, "not_sent", "")]
        if delivered:
            from desktop_app.respondent.notices import delivered_notice

            self._notify(*delivered_notice(delivered))
        if dropped:
            from desktop_app.respondent.notices import not_sent_notice

            self._notify(*not_sent_notice(dropped))
        return len(delivered)

    def _arm_delivery_timer(self) -> None:
        """Wake up when the earliest held answer is due (:mod:`surveys.outbox_hold`).

        An answer still here after its due time (the folder could not be reached or
        written) is left to the retry and poll timers, which look again every minute or
        quarter of an hour, rather than tried again at once in a loop.
        """
        try:
            wait = self.source.next_due_in()
        except OSError:
            wait = None
        if wait is None or wait <= 0:
            self.delivery_timer.stop()
            return
        self.delivery_timer.start(min(MAX_TIMER_MS, int(wait * 1000) + DUE_SLACK_MS))

    def _on_delivery_timer_timeout(self) -> None:
        self.retry_outbox()
        if self.tray is not None:
            self._update_tray()

    def _on_wizard_delivered(self, outcome: Outcome) -> Outcome:
        """The wizard's answers were handed to the source: wake up when they are due."""
        self._arm_delivery_timer()
        return outcome

    # -- showing what is going on ----------------------------------------------------------
    def _notify(self, title: str, text: str) -> None:
        if self.tray is not None:
            from desktop_app.respondent.notices import for_the_desktop

            self.tray.showMessage(for_the_desktop(title), for_the_desktop(text), app_icon())
        elif self.status_window is not None:
            self.status_window.add_notice(title, text)
        elif self.wizard is not None:
            self.wizard.show_notice(title, text)
        self.notified.emit(title, text)

    def _show_state(self) -> None:
        if self.tray is not None:
            self._update_tray()
        elif self.status_window is not None or (self.problem and self.wizard is None):
            self.show_status_window()

    def show_status_window(self) -> StatusWindow:
        """Without a tray: say that the folder cannot be reached, or that nothing waits."""
        from desktop_app.respondent.status_window import StatusWindow

        if self.status_window is None:
            self.status_window = StatusWindow()
            self.status_window.retry_requested.connect(self.check)
            self.status_window.trust_requested.connect(self.trust_new_key)
            self.status_window.finished.connect(self._on_status_window_finished)
        if self.problem:
            untrusted = getattr(self.source, "key_changed", False)
            trustable = getattr(self.source, "new_key", None) is not None
            self.status_window.show_problem(self.problem, RETRY_UNREACHABLE_S, untrusted, trustable)
        else:
            self.status_window.show_no_pulse()
        self.status_window.show()
        return self.status_window

    def _on_status_window_finished(self, _result: int) -> None:
        self.status_window = None
        if self.wizard is None:
            QApplication.quit()

    # -- the survey window -----------------------------------------------------------------
    def answer_now(self) -> None:
        """Open the wizard for the pending pulse (or raise the open one)."""
        if self.wizard is not None:
            self.wizard.raise_()
            self.wizard.activateWindow()
            return
        if self.pending is None:
            return
        survey = self.pending
        if self._ended(survey):
            return
        if not self._department_fits(survey):
            self.change_department(list(survey.departments), then=self.answer_now)
            return
        self.snooze_timer.stop()
        from surveys.reminders import clear_snooze

        with contextlib.suppress(OSError):
            clear_snooze(survey.wave)
        self.wizard = SurveyWizard(
            survey,
            self.settings.department,
            lambda submission: self._on_wizard_delivered(self.source.deliver(survey, submission)),
            # Made when the answers are sent: the HMAC loads OpenSSL, which showing the
            # window does not need.
            token=lambda: self.source.token(survey),
        )
        self.wizard.finished.connect(self._on_wizard_finished)
        self.wizard.department_changed.connect(self._on_wizard_department_changed)
        if self.status_window is not None:
            self.status_window.hide()
        self.wizard.show()
        self.wizard_opened.emit(self.wizard)

    def _ended(self, survey: OpenSurvey) -> bool:
        """Whether HR stopped or closed ``survey`` since the last look; if so, say so and
        offer it no more (the survey window would only refuse the answers at Submit)."""
        check = getattr(self.source, "no_longer_taken", None)
        from surveys.errors import RapportError

        try:
            ended = check(survey.wave) if check is not None else None
        except (OSError, RapportError):  # unreadable or not to be trusted: the list says why
            return False
        if ended is None:
            return False
        from desktop_app.respondent.notices import ended_notice

        self.pending = None
        if self.tray is None:
            self.show_status_window()  # first, so that it shows the notice
        self._notify(*ended_notice(survey.title, ended.detail))
        self._show_state()
        return True

    def _department_fits(self, survey: OpenSurvey) -> bool:
        own = self.settings.department.casefold()
        return bool(own) and any(d.casefold() == own for d in survey.departments)

    def _on_wizard_department_changed(self, department: str) -> None:
        from desktop_app.settings import save_settings

        self.settings.department = department
        save_settings(self.settings)

    def _on_wizard_finished(self, _result: int) -> None:
        wizard, self.wizard = self.wizard, None
        if wizard is not None:
            wizard.deleteLater()
        if self.tray is None:
            self.retry_outbox()  # in case the window closed before the timed retry
            submitted = wizard is not None and wizard.submission is not None
            if submitted and self._open_next(after=wizard.survey.wave):
                return
            if self.status_window is not None:
                self.status_window.show()
            else:
                QApplication.quit()
        else:
            self.check()

    def _open_next(self, after: str) -> bool:
        """Without a tray, open the next pulse waiting for an answer (two may be open at
        once) after the person submitted wave ``after``; True if its window opened.
        Nothing would keep watch to offer it later."""
        try:
            surveys = [] if self.source.problem() else self.source.unanswered()
        except (RapportError, OSError):
            return False
        waiting = [
            survey
            for survey in surveys
            if survey.wave != after and self._snooze_state(survey)[0] is None
        ]
        if not waiting:
            return False
        self.pending = waiting[0]
        self.answer_now()
        return self.wizard is not None

    def save_draft_on_quit(self) -> None:
        """Keep the open survey's answers as a draft when the app quits."""
        if self.wizard is not None:
            self.wizard.save_draft()


def _ms_until(moment: datetime) -> int:
    return max(1000, int((moment - datetime.now()).total_seconds() * 1000))
