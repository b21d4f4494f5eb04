"""The tray icon's menu and tooltip (a mixin of the respondent's controller).

The menu's first line says what Rapport knows (a pulse is open until..., no pulse, the
folder cannot be reached); then "Answer now", "Remind me in 2 hours" (the time it will ask
again is said when chosen), "Your answers…" (receipts, and "Deliver now" while sealed
answers wait for their random due time), "Change my department…" and "Quit Rapport"
(which, while answers still wait on this computer, says they are delivered at the next
start and offers to deliver them now). While the shared folder's survey is sealed to a key
this computer does not know, "Trust the new survey key…" is offered too (see
:mod:`surveys.key_pins`).
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
        self.trust_action = menu.addAction(
            self.tr("&Trust the new survey key…"), self.trust_new_key
        )
        self.trust_action.setVisible(False)
        menu.addSeparator()
        menu.addAction(self.tr("&Quit Rapport"), self._on_quit_action_triggered)
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

        from desktop_app.respondent.notices import for_the_desktop, status_line, when_text

        reminder = ""
        if self.pending is not None:
            until = self._snooze_state(self.pending)[0]
            if until is not None:
                reminder = self.tr("Reminder {0}.").format(when_text(until, datetime.now()))
        line = status_line(self.problem, self.pending, reminder, self._held_count())
        self.tray.setToolTip(for_the_desktop(line))
        state = line.removeprefix(self.tr("Rapport: "))
        self.state_action.setText(state[:1].upper() + state[1:])
        self.answer_action.setEnabled(self.pending is not None)
        self.later_action.setEnabled(self.pending is not None)
        self.later_action.setText(self._later_label())
        new_key = getattr(self.source, "new_key", None)
        self.trust_action.setVisible(new_key is not None)
        untrusted = getattr(self.source, "key_changed", False)
        if untrusted and self._told_untrusted != (new_key, self.problem):
            # Said once per new key or changed survey, not at every check.
            self._told_untrusted = (new_key, self.problem)
            self._notify(self.tr("Rapport does not trust this survey"), self.problem or "")

    #: The new key and refusal the respondent was last told about (``None``: none yet).
    _told_untrusted: tuple[bytes | None, str | None] | None = None

    def trust_new_key(self) -> None:
        """Trust the new survey key once the respondent confirms its code came from HR."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        from surveys.key_pins import key_code

        key = getattr(self.source, "new_key", None)
        if key is None:
            return
        box = QMessageBox(QMessageBox.Warning, self.tr("Trust the new survey key?"), "")
        box.setObjectName("trustKeyBox")
        box.setTextFormat(Qt.RichText)  # the code in bold; it is hexadecimal, never data
        box.setText(self.tr("The new survey key's code is <b>{0}</b>.").format(key_code(key)))
        box.setInformativeText(
            self.tr(
                "Trust it only if HR has told you they started a new workspace and gave you "
                "this same code. If the codes differ, or nobody told you, choose Cancel and "
                "tell HR: someone may be trying to read the answers."
            )
        )
        trust = box.addButton(self.tr("&Trust this key"), QMessageBox.AcceptRole)
        box.addButton(QMessageBox.Cancel)
        box.setDefaultButton(QMessageBox.Cancel)
        box.exec()
        if box.clickedButton() is not trust:
            return
        try:
            self.source.trust_new_key()
        except OSError as exc:
            where = exc.filename or self.tr("your settings folder")
            self._notify(
                self.tr("Rapport could not remember the key"),
                self.tr(
                    "It could not write {0} ({1}). Check that you may write there, then "
                    "choose Trust the new key again."
                ).format(where, exc.strerror or exc),
            )
            return
        self.check()

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
        dialog.delivery_requested.connect(self._on_answers_dialog_delivery_requested)
        dialog.show()
        self.answers_dialog = dialog
        return dialog

    def _on_answers_dialog_delivery_requested(self) -> None:
        """ "Deliver now": send the held answers without waiting; show what became of them."""
        self.retry_outbox(at_once=True)
        try:
            states = self.source.answer_states()
        except OSError:
            return
        self.answers_dialog.set_states(states)
        if self.tray is not None:
            self._update_tray()

    def _held_count(self) -> int:
        try:
            return self.source.held_count()
        except OSError:
            return 0

    def _on_quit_action_triggered(self) -> None:
        """Quit; with answers still waiting on this computer, first say that they are
        delivered at the next start, and offer to deliver them now."""
        held = self._held_count()
        if not held:
            QApplication.quit()
            return
        from PySide6.QtWidgets import QMessageBox

        from desktop_app.respondent.notices import quit_question

        title, text = quit_question(held)
        box = QMessageBox(QMessageBox.Question, self.tr("Rapport"), title)
        box.setInformativeText(text)
        self.deliver_and_quit = box.addButton(
            self.tr("&Deliver now and quit"), QMessageBox.ButtonRole.AcceptRole
        )
        self.quit_anyway = box.addButton(
            self.tr("&Quit, deliver at next start"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(self.tr("Keep Rapport &running"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.quit_anyway)
        box.finished.connect(lambda _r: self._on_quit_box_finished(box))
        self.quit_box = box
        box.open()

    def _on_quit_box_finished(self, box) -> None:  # noqa: ANN001 - QMessageBox
        self.quit_box = None
        box.deleteLater()
        chosen = box.clickedButton()
        if chosen is self.deliver_and_quit:
            self.retry_outbox(at_once=True)
        if chosen in (self.deliver_and_quit, self.quit_anyway):
            QApplication.quit()

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
