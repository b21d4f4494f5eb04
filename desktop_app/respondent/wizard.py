"""The survey wizard: intro → departments → one page per department → review → thanks.

A QDialog with its own navigation (a QStackedWidget) rather than QWizard, because the
department pages are created from the respondent's choice and must keep their answers when
the choice changes; Next is the default button, so Enter moves on, and Alt+N / Alt+B work
everywhere.

Start-up: only the frame and the intro page are built before the window is shown, without
touching PySide6's ``Qt`` namespace (see :mod:`desktop_app.respondent.intro_page`). The
other pages, and the modules they need, are built :data:`WARM_UP_AFTER_MS` after the first
paint, while the person reads the intro, or at once when something needs them first (the
``departments_page``, ``review`` and ``thanks`` properties). A kept draft is restored then
too (:mod:`desktop_app.respondent.wizard_drafts`).

Scrolling and the department's "Change…" live in :mod:`desktop_app.respondent.wizard_view`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.respondent.intro_page import (
    NO_FOCUS,
    PLAIN_TEXT,
    IntroPage,
    Page,
    set_qt_property,
)
from desktop_app.respondent.source import KIOSK, LOCAL, OpenSurvey, Outcome
from desktop_app.respondent.step_label import StepLabel
from desktop_app.respondent.style import style_sheet
from desktop_app.respondent.wizard_drafts import DraftKeeper
from desktop_app.respondent.wizard_view import DepartmentChange, FocusScrolling
from desktop_app.widgets.announce import announce, show_message
from desktop_app.widgets.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from PySide6.QtGui import QHideEvent, QPaintEvent, QShowEvent

    from desktop_app.respondent.pages import (
        DepartmentPage,
        DepartmentsPage,
        ReviewPage,
        ThanksPage,
    )
    from surveys.submission import Submission

#: The pages after the intro are built this long after the window's first paint, while the
#: person reads the intro (Next builds any that are still missing at once).
WARM_UP_AFTER_MS = 200

#: The survey's stages, as the step counter names them: the intro, choosing departments,
#: rating them (one page each), review.
STAGES = 4

#: Called with the finished submission; returns what happened to it.
Deliver = Callable[["Submission"], Outcome]


class SurveyWizard(DraftKeeper, FocusScrolling, DepartmentChange, QDialog):
    """The survey for one open wave, answered about the departments the person chooses.

    ``deliver`` sends the finished submission; ``token`` is the participation token, or a
    function that makes it when the answers are sent. A kiosk's wizard keeps no draft.
    """

    submitted = Signal(object, object)  # (Submission, Outcome)
    shown = Signal()
    #: The person chose another department (from the intro page's "Change…").
    department_changed = Signal(str)

    def __init__(
        self,
        survey: OpenSurvey,
        department: str,
        deliver: Deliver,
        token: str | Callable[[], str | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.survey, self.department, self.deliver, self.token = survey, department, deliver, token
        self.keep_drafts = survey.mode != KIOSK
        self.submission: Submission | None = None
        self.setWindowTitle(self.tr("Rapport pulse: {0}").format(survey.title))
        self.setObjectName("surveyWizard")
        self.setStyleSheet(style_sheet())
        self.intro = IntroPage(survey, department)
        self.intro.department_change_requested.connect(self._on_intro_department_change_requested)
        self.intro.start_over_requested.connect(self.start_over)
        self._departments_page: DepartmentsPage | None = None
        self._review: ReviewPage | None = None
        self._thanks: ThanksPage | None = None
        self._warm_up_queued = False
        self.department_pages: dict[str, DepartmentPage] = {}
        self.stack = QStackedWidget()
        self.scrolls: dict[QWidget, QScrollArea] = {}
        self._build_layout()
        self._go(self.intro)
        fit_to_screen(self, 760, 640)  # the pages scroll on a small screen

    # -- layout -------------------------------------------------------------------------
    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        header = QHBoxLayout()
        self.step_label = StepLabel()
        self.step_label.setObjectName("stepLabel")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.setMinimumWidth(160)  # a long step line is shortened, not the bar
        self.progress.setAccessibleName(self.tr("Progress through the survey"))
        header.addWidget(self.step_label)
        header.addWidget(self.progress, 1)
        layout.addLayout(header)
        self.notice = QLabel()
        set_qt_property(self.notice, "textFormat", PLAIN_TEXT)  # it may name the survey
        self.notice.setObjectName("deliveryNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        line = QFrame()  # a flat rule from the style sheet: a sunken line glares when dark
        line.setObjectName("pageRule")
        line.setFixedHeight(1)
        layout.addWidget(line)
        buttons = QHBoxLayout()
        self.back_button = QPushButton(self.tr("< &Back"))
        self.next_button = QPushButton(self.tr("&Next >"))
        self.close_button = QPushButton(self.tr("&Close"))
        self.back_button.setAccessibleName(self.tr("Back"))
        self.next_button.setAccessibleName(self.tr("Next"))
        self.close_button.setAccessibleName(self.tr("Close"))
        if self.keep_drafts:
            self.close_button.setToolTip(
                self.tr("Close the survey; your answers so far are kept for next time")
            )
        else:
            self.close_button.setAccessibleDescription(
                self.tr("Close the survey without sending anything; your answers are cleared")
            )
        self.back_button.setAccessibleDescription(
            self.tr("Go back to the previous page; your answers stay as they are")
        )
        self.next_button.setDefault(True)
        self.back_button.setAutoDefault(False)
        self.close_button.setAutoDefault(False)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self._add(self.intro)

    def _add(self, page: Page) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        set_qt_property(scroll, "focusPolicy", NO_FOCUS)
        scroll.setWidget(page)
        self.scrolls[page] = scroll
        self.stack.addWidget(scroll)

    # -- pages built on first use --------------------------------------------------------
    @property
    def departments_page(self) -> DepartmentsPage:
        """Which departments the person worked with (built when first needed)."""
        if self._departments_page is None:
            from desktop_app.respondent.pages import DepartmentsPage

            own = self.department.casefold()
            page = DepartmentsPage([d for d in self.survey.departments if d.casefold() != own])
            page.selection_changed.connect(self._on_departments_selection_changed)
            self._departments_page = page
            self._add(page)
            self.restore_draft()
        return self._departments_page

    @property
    def review(self) -> ReviewPage:
        """The summary before submitting (built when first needed)."""
        if self._review is None:
            from desktop_app.respondent.pages import ReviewPage

            self._review = ReviewPage()
            self._add(self._review)
        return self._review

    @property
    def thanks(self) -> ThanksPage:
        """The page after submitting (built when first needed)."""
        if self._thanks is None:
            from desktop_app.respondent.pages import ThanksPage

            self._thanks = ThanksPage()
            self._add(self._thanks)
        return self._thanks

    def _chosen(self) -> list[str]:
        """The departments ticked so far (none before the departments page exists)."""
        page = self._departments_page
        return page.chosen() if page is not None else []

    def _sequence(self) -> list[Page]:
        """The pages from intro to review, in order (builds the ones not built yet)."""
        chosen = self.departments_page.chosen()
        return [
            self.intro,
            self.departments_page,
            *(self.department_pages[name] for name in chosen),
            self.review,
        ]

    # -- navigation ---------------------------------------------------------------------
    def current_page(self) -> Page:
        return self.stack.currentWidget().widget()

    def _on_departments_selection_changed(self) -> None:
        from desktop_app.respondent.pages import DepartmentPage

        chosen = self.departments_page.chosen()
        for name in chosen:
            if name not in self.department_pages:
                page = DepartmentPage(self.survey, name)
                page.warning_shown.connect(self._on_page_warning_shown)
                self.department_pages[name] = page
                self._add(page)
        if chosen:
            self.departments_page.message.hide()
        self._update_step()

    def _go(self, page: Page) -> None:
        self.stack.setCurrentWidget(self.scrolls[page])
        self._update_step()
        target = page.first_focus() or self.next_button
        if self.isVisible():
            from PySide6.QtCore import Qt

            target.setFocus(Qt.TabFocusReason)  # as Tab would: the focus frame shows
            self._announce(page)
        else:
            target.setFocus()  # a focus reason has no effect before the window is shown
        if page is self._review or page is self._thanks:
            self.scrolls[page].verticalScrollBar().setValue(0)  # read from the top
        if page is not self.intro and page is not self._thanks:
            self.save_draft()

    def _update_step(self) -> None:
        page = self.current_page()
        if page is self._thanks:
            self.step_label.set_step(self.tr("Done"))
            self.progress.setRange(0, 1)
            self.progress.setValue(1)
            self.back_button.hide()
            self.close_button.hide()
            self.next_button.setText(self.tr("&Finish"))
            self.next_button.setAccessibleName(self.tr("Finish"))
            self.next_button.setAccessibleDescription(self.tr("Close this window"))
            return
        stage, text, done = self._stage(page)
        self.step_label.set_step(self.tr("Step {0} of {1}: {2}").format(stage, STAGES, text))
        self.progress.setRange(0, STAGES * 100)
        self.progress.setValue(round(done * 100))
        self.back_button.setEnabled(page is not self.intro)
        last = page is self._review
        self.next_button.setText(self.tr("&Submit") if last else self.tr("&Next >"))
        self.next_button.setAccessibleName(self.tr("Submit") if last else self.tr("Next"))
        self.next_button.setAccessibleDescription(
            self.tr("Send your answers to HR; nothing is sent before you press it")
            if last
            else self.tr("Go to the next page; nothing is sent yet")
        )

    def _announce(self, page: Page) -> None:
        """Have a screen reader say where the person is: "Step 3 of 4: IT (department 1 of
        2). Working with IT" (the focus moves to the page's first control, which alone
        would not say that the page changed)."""
        announce(page, f"{self.step_label.full_text()}. {page.heading}")

    def _stage(self, page: Page) -> tuple[int, str, float]:
        """``(stage, what it is, progress in stages)`` of ``page``.

        The count stays at :data:`STAGES` whatever the person ticks: the department pages
        are one stage, each saying which of how many it is (counted per page, "Step 3 of
        5" became "Step 3 of 6" when one more department was ticked).
        """
        if page is self.intro:
            return 1, self.tr("about this pulse"), 1.0
        if page is self._departments_page:
            return 2, self.tr("who you worked with"), 2.0
        if page is self._review:
            return STAGES, self.tr("check and send"), float(STAGES)
        chosen = self._chosen()
        number = chosen.index(page.target) + 1
        text = self.tr("{0} (department {1} of {2})").format(page.target, number, len(chosen))
        return 3, text, 2.0 + number / len(chosen)

    def _on_back_button_clicked(self) -> None:
        page, sequence = self.current_page(), self._sequence()
        if page in sequence and page is not sequence[0]:
            self._go(sequence[sequence.index(page) - 1])

    def _on_next_button_clicked(self) -> None:
        page = self.current_page()
        if page is self._thanks:
            self.accept()
        elif page is self._review:
            self._submit()
        elif page is self.departments_page and not self.departments_page.chosen():
            show_message(
                self.departments_page.message,
                self.tr(
                    "Tick at least one department, or close the survey if you worked "
                    "with none of them."
                ),
            )
            self.departments_page.first_focus().setFocus()
        elif page in self.department_pages.values() and page.comment_too_long():
            announce(page.count, page.count.text())
            page.comment.setFocus()
        else:
            sequence = self._sequence()
            following = sequence[sequence.index(page) + 1]
            if following is self.review:
                self.review.show_pages(self._chosen_pages())
            self._go(following)

    def _chosen_pages(self) -> list[DepartmentPage]:
        return [
            self.department_pages[name] for name in self._chosen() if name in self.department_pages
        ]

    # -- submitting ---------------------------------------------------------------------
    def build_submission(self) -> Submission:
        """The answers on the chosen department pages, as a :class:`Submission`."""
        from surveys.submission import Answer, Comment, Submission

        answers, comments = [], []
        for page in self._chosen_pages():
            answers += [Answer(page.target, item, v) for item, v in page.answers().items()]
            if page.comment_text():
                comments.append(Comment(page.target, page.comment_text()))
        return Submission(
            wave=self.survey.wave,
            department=self.department,
            day=_dt.date.today().isoformat(),
            answers=tuple(answers),
            comments=tuple(comments),
            token=self.token() if callable(self.token) else self.token,
        )

    def _submit(self) -> None:
        from surveys.errors import RapportError

        submission = self.build_submission()
        if not submission.answers and not submission.comments:
            show_message(
                self.review.message,
                self.tr(
                    "There is nothing to send yet: every question is \u201cDon't know\u201d or "
                    "not answered, and there is no comment. Go back to answer, or close the "
                    "survey."
                ),
            )
            return
        self.next_button.setEnabled(False)
        try:
            outcome = self.deliver(submission)
        except (RapportError, OSError) as exc:
            show_message(
                self.review.message,
                self.tr(
                    "Your answers could not be saved: {0} Nothing was lost; press Submit "
                    "to try again."
                ).format(_failure_words(exc)),
            )
            self.next_button.setEnabled(True)
            return
        self.submission = submission
        self.next_button.setEnabled(True)
        self.discard_draft_after_submit()
        self._show_thanks(outcome)
        self.submitted.emit(submission, outcome)

    def _show_thanks(self, outcome: Outcome) -> None:
        from desktop_app.respondent.thanks_text import receipt_html, status_text

        self.thanks.set_sent(outcome.status not in ("refused", "closed", "stopped"))
        self.thanks.status.setText(status_text(self, outcome, self.survey.mode))
        self.thanks.receipt.setText(receipt_html(self, outcome.receipt, self.survey.mode))
        self.thanks.receipt.setVisible(bool(outcome.receipt))
        self.thanks.offer_copy(outcome.receipt if self.survey.mode != KIOSK else "")
        from desktop_app.respondent.results_note import changes_html  # only after submitting

        html = (
            "" if self.survey.mode == LOCAL else changes_html(self.survey.results, self.department)
        )
        self.thanks.changes.setText(html)
        self.thanks.changes.setVisible(bool(html))
        self._go(self.thanks)

    def show_notice(self, title: str, text: str) -> None:
        """A notice above the page (where there is no tray to show it)."""
        self.notice.setText(f"{title}: {text}")
        self.notice.show()

    # -- window events ------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.follow_focus(True)
        if not self.isWindow():  # inside the kiosk: no window title says what opened
            page = self.current_page()
            self._announce(page)
        self.shown.emit()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        self.follow_focus(False)
        super().hideEvent(event)

    def __del__(self) -> None:
        # A window destroyed while shown announces a focus change from its destructor:
        # by then this Python object is being freed, so it must no longer be connected.
        self.follow_focus(False)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if not self._warm_up_queued:
            self._warm_up_queued = True
            QTimer.singleShot(WARM_UP_AFTER_MS, self, self._warm_up)

    def _warm_up(self) -> None:
        """Build the pages after the intro, so that the first Next is as quick as the rest."""
        _ = self.departments_page, self.review, self.thanks

    def has_unsent_answers(self) -> bool:
        if self.submission is not None:
            return False
        return any(p.choices() or p.comment_text() for p in self._chosen_pages())

    def _confirm_discard(self) -> bool:
        if not self.has_unsent_answers():
            return True
        choice = QMessageBox.question(
            self,
            self.tr("Close the survey?"),
            self.tr("Your answers have not been submitted yet. Close and discard them?"),
            QMessageBox.Discard | QMessageBox.Cancel,
            QMessageBox.Cancel,
        )
        return choice == QMessageBox.Discard

    def reject(self) -> None:
        """Escape, the Close button and the window's close box.

        The answers so far are kept as a draft for next time; a kiosk (no drafts) asks
        before discarding them.
        """
        if self.keep_drafts:
            self.save_draft()
            super().reject()
        elif self._confirm_discard():
            super().reject()


def _failure_words(exc: Exception) -> str:
    """A delivery failure in words: an OSError's number, repr and the path of a temporary
    file mean nothing to the person answering."""
    if isinstance(exc, OSError):
        from surveys.errors import os_error_advice

        reason = exc.strerror or "the answers could not be written"
        return f"{reason}. {os_error_advice(exc)}"
    return str(exc)
