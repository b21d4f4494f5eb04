"""The tray icon: notices an open pulse, offers "Answer now" / "Remind me later", retries.

Without a system tray (some Linux desktops, kiosks) the survey window opens directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desktop_app.respondent.source import OpenSurvey, SurveySource
from desktop_app.respondent.wizard import SurveyWizard
from desktop_app.settings import Settings
from surveys.errors import RapportError

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QSystemTrayIcon

#: How often the tray looks for a new pulse and retries the outbox.
POLL_MINUTES = 15
#: When the survey window opens at once, the outbox is retried this long afterwards, so
#: that the retry never delays the window.
RETRY_AFTER_OPEN_MS = 1500


def app_icon() -> QIcon:
    """Rapport's icon, drawn as SVG in desktop_app/resources."""
    from pathlib import Path

    from PySide6.QtGui import QIcon

    path = Path(__file__).resolve().parents[1] / "resources" / "rapport.svg"
    return QIcon(str(path))


class RespondentController(QObject):
    """Keeps watch for open pulses and opens the wizard when the person is ready."""

    wizard_opened = Signal(object)
    notified = Signal(object)

    def __init__(
        self, settings: Settings, source: SurveySource, use_tray: bool | None = None
    ) -> None:
        super().__init__()
        self.settings, self.source = settings, source
        self.wizard: SurveyWizard | None = None
        self.pending: OpenSurvey | None = None
        if use_tray is None:
            from PySide6.QtWidgets import QSystemTrayIcon

            use_tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray = self._make_tray() if use_tray else None
        self.snooze_timer = QTimer(self)
        self.snooze_timer.setSingleShot(True)
        self.snooze_timer.timeout.connect(self.check)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MINUTES * 60 * 1000)
        self.poll_timer.timeout.connect(self.check)

    def _make_tray(self) -> QSystemTrayIcon:
        # The tray's classes are loaded only when there is a tray (start-up time).
        from PySide6.QtWidgets import QMenu, QSystemTrayIcon

        tray = QSystemTrayIcon(app_icon(), self)
        tray.setToolTip(self.tr("Rapport"))
        menu = QMenu()
        self.answer_action = menu.addAction(self.tr("&Answer now"), self.answer_now)
        self.later_action = menu.addAction(self.tr("&Remind me later"), self.remind_later)
        menu.addSeparator()
        menu.addAction(self.tr("&Quit Rapport"), QApplication.quit)
        self._menu = menu
        tray.setContextMenu(menu)
        tray.messageClicked.connect(self.answer_now)
        tray.activated.connect(self._on_tray_activated)
        tray.show()
        return tray

    def start(self) -> None:
        self.poll_timer.start()
        self.check()

    def check(self) -> None:
        """Notice a pulse that has not been answered yet, and retry the outbox."""
        if self.snooze_timer.isActive() or self.wizard is not None:
            return
        try:
            open_surveys = self.source.unanswered()
        except (RapportError, OSError):
            return  # the share is unreachable: try again at the next poll
        self.pending = open_surveys[0] if open_surveys else None
        if self.tray is not None:
            self.answer_action.setEnabled(self.pending is not None)
            self.later_action.setEnabled(self.pending is not None)
        if self.pending is not None and self.tray is None:
            self.answer_now()
            QTimer.singleShot(RETRY_AFTER_OPEN_MS, self, self.retry_outbox)
            return
        self.retry_outbox()
        if self.pending is not None:
            self.tray.showMessage(
                self.tr("A Rapport pulse is open"),
                self.tr("{0}: about two minutes. Click to answer now.").format(self.pending.title),
                app_icon(),
            )
            self.notified.emit(self.pending)

    def retry_outbox(self) -> int:
        """Send what waits in the local outbox; returns how many went (0 if unreachable)."""
        try:
            return self.source.retry()
        except (RapportError, OSError):
            return 0  # still unreachable: the next poll tries again

    def answer_now(self) -> None:
        """Open the wizard for the pending pulse (or raise the open one)."""
        if self.wizard is not None:
            self.wizard.raise_()
            self.wizard.activateWindow()
            return
        if self.pending is None:
            return
        self.snooze_timer.stop()
        survey = self.pending
        self.wizard = SurveyWizard(
            survey,
            self.settings.department,
            lambda submission: self.source.deliver(survey, submission),
            # Made when the answers are sent: the HMAC loads OpenSSL, which showing the
            # window does not need.
            token=lambda: self.source.token(survey),
        )
        self.wizard.finished.connect(self._on_wizard_finished)
        self.wizard.show()
        self.wizard_opened.emit(self.wizard)

    def remind_later(self) -> None:
        """Snooze: no notification until the snooze time has passed."""
        self.snooze_timer.start(self.settings.snooze_minutes * 60 * 1000)

    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        if reason == QSystemTrayIcon.Trigger:
            self.answer_now()

    def _on_wizard_finished(self, _result: int) -> None:
        wizard, self.wizard = self.wizard, None
        if wizard is not None:
            wizard.deleteLater()
        if self.tray is None:
            self.retry_outbox()  # in case the window closed before the timed retry
            QApplication.quit()
