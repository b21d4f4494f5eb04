"""Two parts of the survey wizard kept apart: scrolling that follows the keyboard focus
(and announcing a new page to a screen reader), and changing one's department from the
intro page (mixins of
:class:`desktop_app.respondent.wizard.SurveyWizard`).

Long pages follow the keyboard focus, but never while a mouse button is down (a click on a
partly visible row must land where it was aimed: scrolling between press and release
would move the control away from under the pointer) and never to the middle of a control
taller than the page (the review opens at its top). The privacy warning under a comment is
scrolled into view as it appears.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.widgets.announce import announce


class FocusScrolling:
    """Keep what matters in view on long pages (mixed into the wizard)."""

    _following_focus = False

    def follow_focus(self, on: bool) -> None:
        """Listen to the application's focus changes while the window is shown."""
        if on == self._following_focus:
            return
        signal = QApplication.instance().focusChanged
        try:
            if on:
                signal.connect(self._on_app_focus_changed)
            else:
                signal.disconnect(self._on_app_focus_changed)
        except (RuntimeError, TypeError):
            return  # the C++ object is gone already: nothing is connected any more
        self._following_focus = on

    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Keep the control that has the keyboard focus in view on long pages.

        Not while a mouse button is down: the focus then comes from a click, and scrolling
        between press and release would move the control away from under the pointer (the
        click would be lost). Not for a control taller than the page (Qt would scroll to its
        middle).
        """
        scroll = self.stack.currentWidget()
        if new is None or scroll is None or not scroll.widget().isAncestorOf(new):
            return
        if QApplication.mouseButtons().value or new.height() > scroll.viewport().height():
            return
        scroll.ensureWidgetVisible(new, 20, 40)

    def _on_page_warning_shown(self, warning: QWidget) -> None:
        """Scroll the privacy warning into view as it appears (after the layout settles),
        and have a screen reader say it: the person is typing in the box above it."""
        QTimer.singleShot(0, self, lambda: self._keep_in_view(warning))
        announce(warning, warning.text())

    def _keep_in_view(self, warning: QWidget) -> None:
        scroll = self.stack.currentWidget()
        if scroll is not None and warning.isVisible() and scroll.widget().isAncestorOf(warning):
            scroll.ensureWidgetVisible(warning, 10, 10)


class DepartmentChange:
    """The intro page's "Change…" next to the department (mixed into the wizard)."""

    def _on_intro_department_change_requested(self) -> None:
        from desktop_app.respondent.department_dialog import DepartmentDialog

        dialog = DepartmentDialog(list(self.survey.departments), self.department, parent=self)
        dialog.accepted.connect(lambda: self.set_department(dialog.department))
        dialog.open()
        self.department_dialog = dialog

    def set_department(self, department: str) -> None:
        """Answer as someone in ``department``: the departments page is offered anew."""
        if department == self.department:
            return
        self.department = department
        self.intro.set_department(department)
        old = self._departments_page
        if old is not None:
            kept = [n for n in old.chosen() if n.casefold() != department.casefold()]
            self._departments_page = None
            scroll = self.scrolls.pop(old)
            scroll.hide()
            scroll.deleteLater()  # owned by the stack, which drops it when it is deleted
            self.departments_page.set_chosen(kept)
        self._update_step()
        self.department_changed.emit(department)
