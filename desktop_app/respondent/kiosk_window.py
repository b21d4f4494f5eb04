"""The kiosk: several people answer in turn on one computer (`rapport respond --kiosk`).

A start screen (:class:`KioskStartPage`) shows the open pulse, what happens to the answers,
a list of departments with none chosen, and "Check a receipt". Start opens the survey
wizard inside the same window; Finish (or Close, or :data:`IDLE_MINUTES` without a key
press or click) clears it and returns to the start screen for the next person. Each person
gets a fresh token and a fresh receipt; the kiosk keeps no draft and no log.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QClipboard, QCloseEvent, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.respondent.department_dialog import (
    chosen_department,
    department_box,
    fill_departments,
)
from desktop_app.respondent.intro_page import label, privacy_text
from desktop_app.respondent.kiosk_mixer import InboxMixer
from desktop_app.respondent.kiosk_source import KioskSource
from desktop_app.respondent.source import OpenSurvey
from desktop_app.respondent.style import style_sheet
from desktop_app.respondent.wizard import SurveyWizard
from desktop_app.widgets.announce import show_message
from desktop_app.widgets.screen_fit import fit_to_screen
from surveys.errors import RapportError

#: A survey left alone this long is cleared and the start screen shown again.
IDLE_MINUTES = 3
#: The thank-you page returns to the start screen after this long without input.
THANKS_IDLE_S = 60
#: A department chosen or a receipt code typed on the start screen is cleared after this
#: long without input (the person walked away before starting; a checked code also goes
#: this long after Check, ``receipt_timer``).
START_IDLE_S = 60
#: The start screen looks for a pulse (or the folder) again this often.
RECHECK_S = 60


class KioskStartPage(QWidget):
    """The screen between people: the pulse, the privacy note, the department, Start."""

    start_requested = Signal(str)  # the department chosen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        self.heading = label(self.tr("Rapport pulse"), "pageHeading")
        layout.addWidget(self.heading)
        self.intro = label("")
        layout.addWidget(self.intro)
        self.privacy = label("", "privacyNote", rich=True)
        layout.addWidget(self.privacy)
        self.department = department_box()
        department_label = QLabel(self.tr("Your &department:"))
        department_label.setBuddy(self.department)
        row = QHBoxLayout()
        row.addWidget(department_label)
        row.addWidget(self.department, 1)
        self.start_button = QPushButton(self.tr("&Start the survey"))
        self.start_button.setDefault(True)
        self.start_button.setAccessibleDescription(
            self.tr("Open the survey for the department you chose")
        )
        row.addWidget(self.start_button)
        layout.addLayout(row)
        self.message = label("", "inlineError")
        self.message.hide()
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(label(self.tr("Check a receipt"), "questionText"))
        check_row = QHBoxLayout()
        self.receipt = QLineEdit()
        self.receipt.setPlaceholderText(self.tr("e.g. 7KQ2-M9XD-4F8R"))
        self.receipt.setAccessibleName(self.tr("Receipt code to check"))
        self.receipt.setAccessibleDescription(
            self.tr("The code the thank-you page showed, to see whether HR received the answers")
        )
        self.check_button = QPushButton(self.tr("C&heck"))
        self.check_button.setAccessibleDescription(
            self.tr("Look for the receipt code in HR's list of received answers")
        )
        self.check_button.setAutoDefault(False)
        check_row.addWidget(self.receipt, 1)
        check_row.addWidget(self.check_button)
        layout.addLayout(check_row)
        self.receipt_result = label("", "receiptResult")
        layout.addWidget(self.receipt_result)
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.receipt.returnPressed.connect(self.check_button.click)

    def show_survey(self, survey: OpenSurvey | None, problem: str | None) -> None:
        """Show the open pulse, or say why there is none to answer."""
        self.message.hide()
        if survey is None:
            self.heading.setText(self.tr("No pulse is open at this computer"))
            self.intro.setText(
                problem
                or self.tr("There is nothing to answer right now. Thank you for stopping by.")
            )
            self.privacy.hide()
            fill_departments(self.department, [])
            self.start_button.setEnabled(False)
            return
        self.heading.setText(survey.title)
        self.intro.setText(
            self.tr("{0} Choose your department, then press “Start the survey”.")
            .format(survey.intro)
            .strip()
        )
        self.privacy.setText(privacy_text(self, survey))
        self.privacy.show()
        fill_departments(self.department, list(survey.departments))
        self.start_button.setEnabled(True)

    def reset(self) -> None:
        """Ready for the next person: nothing chosen, nothing typed, nothing to undo."""
        self.department.setCurrentIndex(-1)
        self.receipt.setText("")  # clear() could be undone: Ctrl+Z would bring the code back
        self.receipt_result.clear()
        self.message.hide()

    def _on_start_button_clicked(self) -> None:
        department = chosen_department(self.department)
        if not department:
            show_message(self.message, self.tr("Choose your department from the list to start."))
            self.department.setFocus()
            return
        self.start_requested.emit(department)


class KioskWindow(QWidget):
    """Start screen ⇄ survey, for one person after another."""

    session_started = Signal(object)  # the SurveyWizard
    session_ended = Signal()

    def __init__(self, source: KioskSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        #: Writes the inbox's answers again after each delivery, off the window's thread.
        self.mixer = InboxMixer(source.folder, self, known=source.waiting)
        source.mix = self.mixer.request
        self.survey: OpenSurvey | None = None
        self.wizard: SurveyWizard | None = None
        self._retired: SurveyWizard | None = None
        self.sessions = 0
        self.setWindowTitle(self.tr("Rapport pulse"))
        self.setStyleSheet(style_sheet())
        self.stack = QStackedWidget()
        self.start_page = KioskStartPage()
        self.stack.addWidget(self.start_page)
        QVBoxLayout(self).addWidget(self.stack)
        self.start_page.start_requested.connect(self.start_session)
        self.start_page.check_button.clicked.connect(self._on_check_button_clicked)
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(IDLE_MINUTES * 60 * 1000)
        self.idle_timer.timeout.connect(self._on_idle_timer_timeout)
        self.receipt_timer = QTimer(self)  # a checked code is not left for the next person
        self.receipt_timer.setSingleShot(True)
        self.receipt_timer.setInterval(THANKS_IDLE_S * 1000)
        self.receipt_timer.timeout.connect(self.start_page.reset)
        self.recheck_timer = QTimer(self)
        self.recheck_timer.setInterval(RECHECK_S * 1000)
        self.recheck_timer.timeout.connect(self.refresh)
        self.recheck_timer.start()
        fit_to_screen(self, 860, 680)
        self.refresh()

    def refresh(self) -> None:
        """Look for the open pulse again (between people only)."""
        if self.wizard is not None:
            return
        try:
            problem, surveys = self.source.look()
            self.source.retry()
        except (RapportError, OSError) as exc:
            problem, surveys = str(exc), []
        self.survey = surveys[0] if surveys else None
        self.start_page.show_survey(self.survey, problem)

    def start_session(self, department: str) -> SurveyWizard | None:
        """Open the survey for one person of ``department``."""
        if self.survey is None or self.wizard is not None:
            return None
        survey = self.survey
        wizard = SurveyWizard(
            survey,
            department,
            lambda submission: self.source.deliver(survey, submission),
            token=lambda: self.source.token(survey),
        )
        wizard.setWindowFlags(Qt.Widget)  # inside this window, not a window of its own
        wizard.finished.connect(self._on_wizard_finished)
        wizard.submitted.connect(self._on_wizard_submitted)
        self.wizard = wizard
        self.stack.addWidget(wizard)
        self.stack.setCurrentWidget(wizard)
        wizard.show()
        self.idle_timer.start(IDLE_MINUTES * 60 * 1000)
        self.sessions += 1
        self.session_started.emit(wizard)
        return wizard

    def end_session(self) -> None:
        """Clear the survey (answers and all) and show the start screen."""
        wizard, self.wizard = self.wizard, None
        self.idle_timer.stop()
        self.start_page.reset()
        forget_copied_text()
        self.stack.setCurrentWidget(self.start_page)
        if wizard is not None:
            # A question or the department list this person left open goes too (it would
            # stay on screen for the next person, with this person's department chosen).
            for dialog in wizard.findChildren(QDialog):
                if dialog.isVisible():
                    dialog.reject()
            wizard.hide()
            wizard.start_over()  # nothing of this person stays, not even in memory
            self.stack.removeWidget(wizard)
            wizard.setParent(None)
            # Freed when the next person finishes (not now: this may run inside one of its
            # own signals); it is hidden and holds nothing that was not sealed or discarded.
            self._retired = wizard
        self.refresh()
        self.session_ended.emit()

    def _on_wizard_finished(self, _result: int) -> None:
        self.end_session()

    def _on_wizard_submitted(self, _submission: object, _outcome: object) -> None:
        self.idle_timer.start(THANKS_IDLE_S * 1000)  # the thank-you page waits less

    def _on_idle_timer_timeout(self) -> None:
        # Left alone: the next person must not find these answers, nor a department chosen
        # or a receipt code typed on the start screen.
        if self.wizard is not None:
            self.end_session()
        else:
            self.start_page.reset()
            forget_copied_text()

    def _on_check_button_clicked(self) -> None:
        from surveys.receipts import normalise_code

        page = self.start_page
        self.receipt_timer.start()
        code = page.receipt.text()
        if not normalise_code(code):
            show_message(
                page.receipt_result,
                self.tr(
                    "That is not a receipt code: it has 12 letters and digits, like 7KQ2-M9XD-4F8R."
                ),
            )
            return
        wave = self.source.check_receipt(code)
        show_message(  # said too: the focus stays on the code or the button
            page.receipt_result,
            self.tr(
                "Received: this answer reached HR (pulse {0}). Answers that look like copies "
                "of one another wait for HR to review them before they count."
            ).format(wave)
            if wave
            else self.tr(
                "Not in HR's list of received answers yet. HR takes in the kiosk's answers "
                "from time to time; try again later."
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """The kiosk closes: the inbox is mixed after the last delivery before it goes, and
        a closed kiosk no longer looks at its folder (its timers would go on until it is
        freed, writing key pins for a folder nobody answers at)."""
        for timer in (self.recheck_timer, self.idle_timer, self.receipt_timer):
            timer.stop()
        self.mixer.finish()
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Watch the whole application's keys and clicks while the kiosk is on screen."""
        QApplication.instance().installEventFilter(self)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        """Stop watching when hidden or closed, so no event reaches a kiosk being freed."""
        QApplication.instance().removeEventFilter(self)
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Any key press or click restarts the idle countdown (on the start screen too).

        Python may already have cleared a kiosk that is being freed while Qt still sends it
        the application's events, hence ``getattr``.
        """
        if event.type() not in (QEvent.KeyPress, QEvent.MouseButtonPress):
            return False
        timer = getattr(self, "idle_timer", None)
        if getattr(self, "wizard", None) is not None:
            timer.start()  # the same interval again
        elif timer is not None:
            timer.start(int(START_IDLE_S * 1000))
        return False


def forget_copied_text() -> None:
    """Empty the clipboard (and X11's selection, pasted with a middle click).

    A person may copy or select their comment while answering; the next person at the
    kiosk would paste it with Ctrl+V. The kiosk's account runs nothing else that copies.
    """
    clipboard = QApplication.clipboard()
    clipboard.clear(QClipboard.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Selection)


def run_kiosk(path: str) -> int:
    """The `rapport respond --kiosk WORKSPACE` main loop."""
    from surveys.kiosk import resolve_kiosk

    app = QApplication.instance()
    window = KioskWindow(KioskSource(resolve_kiosk(path)))
    window.show()
    code = app.exec() if app is not None else 1
    window.mixer.finish()  # also when the session ends without closing the window
    return code
