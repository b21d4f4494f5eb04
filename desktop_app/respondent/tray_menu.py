"""The tray icon's menu and tooltip (a mixin of the respondent's controller).

The menu's first line says what Rapport knows (a pulse is open until..., no pulse, the
folder cannot be reached); then "Answer now", "Remind me in 2 hours" (the time it will ask
again is said when chosen), "Your answers…" (receipts), "Change my department…" and
"Quit Rapport".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from surveys.errors import RapportError

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QSystemTrayIcon


class TrayMenu:
    """Builds and updates the tray icon (mixed into ``RespondentController``)."""

    def _make_tray(self, icon: QIcon) -> QSystemTrayIcon:
        # The tray's classes are loaded only when there is a tray (start-up time).
        from PySide6.QtWidgets import QMenu, QSystemTrayIcon

        tray = QSystemTrayIcon(icon, self)
        tray.setToolTip(self.tr("Rapport"))
        menu = QMenu()
        self.state_action = menu.addAction(self.tr("Rapport"))
        self.state_action.setEnabled(False)
        menu.addSeparator()
        self.answer_action = menu.addAction(self.tr("&Answer now"), self.answer_now)
        self.later_action = menu.addAction(self._later_label(), self.remind_later)
        menu.addSeparator()
        self.answers_action = menu.addAction(self.tr("Your a&nswers…"), self.show_answers)
        self.department_action = menu.addAction(
            self.tr("Change my &department…"), self._on_department_action_triggered
        )
        menu.addSeparator()
        menu.addAction(self.tr("&Quit Rapport"), QApplication.quit)
        self._menu = menu
        tray.setContextMenu(menu)
        tray.messageClicked.connect(self.answer_now)
        tray.activated.connect(self._on_tray_activated)
        tray.show()
        return tray

    def _later_label(self) -> str:
        minutes = self.settings.snooze_minutes
        if minutes == 60:
            return self.tr("&Remind me in an hour")
        if minutes % 60 == 0:
            return self.tr("&Remind me in {0} hours").format(minutes // 60)
        return self.tr("&Remind me in {0} minutes").format(minutes)

    def _update_tray(self) -> None:
        """Tooltip, status line and which actions make sense now."""
        from datetime import datetime

        from desktop_app.respondent.notices import status_line, when_text

        reminder = ""
        if self.pending is not None:
            until = self._snooze_state(self.pending)[0]
            if until is not None:
                reminder = self.tr("Reminder {0}.").format(when_text(until, datetime.now()))
        line = status_line(self.problem, self.pending, reminder)
        self.tray.setToolTip(line)
        state = line.removeprefix(self.tr("Rapport: "))
        self.state_action.setText(state[:1].upper() + state[1:])
        self.answer_action.setEnabled(self.pending is not None)
        self.later_action.setEnabled(self.pending is not None)
        self.later_action.setText(self._later_label())

    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        if reason == QSystemTrayIcon.Trigger:
            self.answer_now()

    def show_answers(self):  # noqa: ANN201 - AnswersDialog
        """ "Your answers": each answer sent from here, its receipt and what became of it."""
        from desktop_app.respondent.answers_dialog import AnswersDialog

        try:
            states = self.source.answer_states()
        except OSError:
            states = []
        from PySide6.QtCore import Qt

        dialog = AnswersDialog(states)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.show()
        self.answers_dialog = dialog
        return dialog

    def _on_department_action_triggered(self) -> None:
        try:
            names = [] if self.source.problem() else self.source.departments()
        except (RapportError, OSError):
            names = []
        self.change_department(names)

    def change_department(self, departments: list[str], then: Callable | None = None) -> None:
        """Ask for the department (from ``departments``); save it; then call ``then``."""
        from desktop_app.respondent.department_dialog import DepartmentDialog

        current = self.settings.department
        note = ""
        if then is not None:
            note = (
                self.tr(
                    "Before you answer: which department are you in? Your answers are counted "
                    "for it. The list is the one HR uses for this pulse."
                )
                if not current
                else self.tr(
                    "“{0}” is not one of this pulse's departments. Choose the one HR uses for "
                    "you, so that your answers can be counted."
                ).format(current)
            )
        dialog = DepartmentDialog(departments, current, note)
        self.department_dialog = dialog

        def chosen() -> None:
            from desktop_app.settings import save_settings

            self.settings.department = dialog.department
            save_settings(self.settings)
            if self.wizard is not None:
                self.wizard.set_department(dialog.department)

        def finished(result: int) -> None:
            self.department_dialog = None
            dialog.deleteLater()
            if result and then is not None:
                then()

        dialog.accepted.connect(chosen)
        dialog.finished.connect(finished)
        dialog.show()
