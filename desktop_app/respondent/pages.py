"""The pages a person reaches after the intro: departments, one per department, review, thanks.

The wizard imports this module when the person first leaves the intro page (see
:mod:`desktop_app.respondent.intro_page` for why the first page lives apart).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPlainTextEdit, QPushButton, QWidget

from desktop_app.respondent.comment_limit import CommentCount
from desktop_app.respondent.intro_page import Page
from desktop_app.respondent.intro_page import label as _label
from desktop_app.respondent.privacy_hint import sensitive_kinds
from desktop_app.respondent.rating_row import RatingRow
from desktop_app.respondent.source import OpenSurvey
from desktop_app.widgets.plain_text import no_mnemonic
from surveys.validation import clean_comment


class DepartmentsPage(Page):
    """Which departments did you work with in this period?"""

    selection_changed = Signal()

    def __init__(self, departments: list[str], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Which departments did you work with in this period?"), parent)
        self.body.addWidget(
            _label(self.tr("Tick every department you worked with. You rate each one next."))
        )
        self.boxes: dict[str, QCheckBox] = {}
        for name in departments:
            box = QCheckBox(no_mnemonic(name))
            box.setAccessibleName(self.tr("I worked with {0}").format(name))
            box.setAccessibleDescription(self.tr("Ticked, {0} gets a page of its own").format(name))
            box.toggled.connect(self.selection_changed)
            self.boxes[name] = box
            self.body.addWidget(box)
        self.message = _label("", "inlineError")
        self.message.hide()
        self.body.addWidget(self.message)
        self.body.addStretch(1)

    def chosen(self) -> list[str]:
        return [name for name, box in self.boxes.items() if box.isChecked()]

    def set_chosen(self, names: list[str]) -> None:
        """Tick ``names`` (those this page offers) and untick the rest."""
        for name, box in self.boxes.items():
            box.setChecked(name in names)

    def first_focus(self) -> QWidget | None:
        return next(iter(self.boxes.values()), None)


class DepartmentPage(Page):
    """The rating rows and the comment box for one target department."""

    #: The privacy warning under the comment box appeared or changed (the wizard scrolls it
    #: into view and a screen reader says it).
    warning_shown = Signal(object)

    def __init__(self, survey: OpenSurvey, target: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Working with {0}").format(target), parent)
        self.target = target
        self.names = survey.redaction_names
        self.departments = survey.departments
        self.body.addWidget(
            _label(self.tr("“They” and “them” below mean {0}.").format(target), "pageHint")
        )
        self.rows: list[RatingRow] = []
        self.comment: QPlainTextEdit | None = None
        for question in survey.questions:
            if question.item == "comment":
                self._add_comment(question.text, question.help)
            else:
                row = RatingRow(question, target)
                self.rows.append(row)
                self.body.addWidget(row)
        self.body.addStretch(1)

    def _add_comment(self, text: str, help_text: str) -> None:
        label = _label(text, "questionText")
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setAccessibleName(f"{text} ({self.target})")
        self.comment.setPlaceholderText(self.tr("Optional. A sentence or two is plenty."))
        # The placeholder and the help line are not read with the box: the description is.
        self.comment.setAccessibleDescription(
            self.tr("Optional. {0}").format(
                help_text
                or self.tr(
                    "HR reads comments without names, e-mail addresses or phone numbers, "
                    "and never learns who wrote them."
                )
            )
        )
        self.comment.setMinimumHeight(80)
        self.comment.setMaximumHeight(140)
        label.setBuddy(self.comment)
        self.body.addWidget(label)
        if help_text:
            self.body.addWidget(_label(help_text, "questionHelp"))
        self.body.addWidget(self.comment)
        self.count = CommentCount()
        self.body.addWidget(self.count)
        # No accessible name: a screen reader says a label's name instead of its text, and
        # the text is the warning.
        self.warning = _label("", "privacyWarning")
        self.warning.hide()
        self._warned: tuple[str, ...] = ()
        self.body.addWidget(self.warning)
        self.comment.textChanged.connect(self._on_comment_text_changed)

    def _on_comment_text_changed(self) -> None:
        if self.count.update_for(self.comment_text()):
            self.warning_shown.emit(self.count)  # said and scrolled into view, as a warning
        kinds = sensitive_kinds(self.comment_text(), self.names, self.departments)
        if kinds:
            text = (
                self.tr(
                    "Heads-up: your comment seems to contain {0}. It will be removed before "
                    "HR reads the comment, so your point may be clearer without it."
                )
                if len(kinds) == 1
                else self.tr(
                    "Heads-up: your comment seems to contain {0}. They will be removed before "
                    "HR reads the comment, so your point may be clearer without them."
                )
            )
            listed = _listed([_with_article(self, kind) for kind in kinds], self.tr(" and "))
            self.warning.setText(text.format(listed))
        # Said (and scrolled into view) when it appears or names something new, not on
        # every key press.
        changed = bool(kinds) and (self.warning.isHidden() or tuple(kinds) != self._warned)
        self._warned = tuple(kinds)
        self.warning.setVisible(bool(kinds))
        if changed:
            self.warning_shown.emit(self.warning)

    def comment_text(self) -> str:
        """The comment as it is sent (without control characters a paste may bring)."""
        return clean_comment(self.comment.toPlainText()) if self.comment else ""

    def comment_too_long(self) -> bool:
        """The comment is longer than a comment can be; the line under the box says so."""
        return self.comment is not None and self.count.is_over()

    def answers(self) -> dict[str, int]:
        """``{item: value}`` for every answered row ("Don't know" is no answer)."""
        return {r.question.item: r.value() for r in self.rows if r.value() is not None}

    def choices(self) -> dict[str, int]:
        """``{item: choice}`` for every row with a choice, "Don't know" as 0 (for drafts)."""
        return {r.question.item: r.choice() for r in self.rows if r.choice() is not None}

    def restore(self, choices: dict, comment: str) -> None:
        """Put back the choices and comment of a draft (unknown items are ignored)."""
        for row in self.rows:
            value = choices.get(row.question.item)
            if isinstance(value, int) and 0 <= value <= len(row.buttons):
                row.set_value(value)
        if self.comment is not None and isinstance(comment, str):
            self.comment.setPlainText(comment)

    def first_focus(self) -> QWidget | None:
        if self.rows:
            return self.rows[0].group.checkedButton() or self.rows[0].buttons[0]
        return self.comment


class ReviewPage(Page):
    """Everything the respondent is about to send, in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Check your answers"), parent)
        self.body.addWidget(
            _label(self.tr("Go back to change anything. Nothing is sent until you press Submit."))
        )
        self.summary = _label("", "reviewSummary")
        self.summary.setTextFormat(Qt.RichText)
        self.summary.setFocusPolicy(Qt.StrongFocus)
        self.summary.setAccessibleName(self.tr("Summary of your answers"))
        self.body.addWidget(self.summary)
        self.message = _label("", "inlineError")
        self.message.hide()
        self.body.addWidget(self.message)
        self.body.addStretch(1)

    def show_pages(self, pages: list[DepartmentPage]) -> None:
        from html import escape

        self.message.hide()  # a message about the answers as they were
        # Qt's rich text ignores <col>, and a width on one column only is not kept: both
        # cells carry theirs, or a long comment widens the answers and the questions wrap.
        cell = "style='padding:3px 16px 3px 0'"
        question, answer = f"width='62%' {cell}", f"width='38%' {cell}"
        rows = []
        for page in pages:
            rows.append(
                f"<tr><td colspan=2 style='padding:12px 0 4px 0'><b style='font-size:large'>"
                f"{escape(page.target)}</b></td></tr>"
            )
            rows += [
                f"<tr><td {question}>{escape(r.question.text)}</td>"
                f"<td {answer}><b>{escape(r.label_of(r.choice()))}</b></td></tr>"
                for r in page.rows
            ]
            if page.comment_text():
                rows.append(
                    f"<tr><td {question}>{escape(self.tr('Comment'))}</td>"
                    f"<td {answer}><i>{escape(page.comment_text())}</i></td></tr>"
                )
        self.summary.setText("<table width='100%' cellspacing=0>" + "".join(rows) + "</table>")
        # The name says what this is; the description is what a screen reader reads out.
        self.summary.setAccessibleDescription(_plain_summary(self, pages))

    def first_focus(self) -> QWidget | None:
        return self.summary

    def forget(self) -> None:
        """Drop the summary of the answers (they are being discarded)."""
        self.summary.clear()
        self.summary.setAccessibleDescription("")
        self.message.hide()


class ThanksPage(Page):
    """After submitting: how the answer travels, its receipt, and what changed lately."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Thank you"), parent)
        self.status = _label("", "deliveryStatus")
        self.status.setFocusPolicy(Qt.StrongFocus)
        self.body.addWidget(self.status)
        self.receipt = _label("", "receiptCode")  # its text, code included, is its name
        self.receipt.setTextFormat(Qt.RichText)
        self.receipt.hide()
        self.body.addWidget(self.receipt)
        # The code can be selected with the mouse; this copies it with the keyboard too.
        self.copy_receipt = QPushButton(self.tr("Co&py the receipt code"))
        self.copy_receipt.setAutoDefault(False)
        self.copy_receipt.setAccessibleDescription(
            self.tr("Keep the code to check later that HR received your answers")
        )
        self.copy_receipt.hide()
        self.copy_receipt.clicked.connect(self._on_copy_receipt_clicked)
        self.code = ""
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_receipt)
        copy_row.addStretch(1)
        self.body.addLayout(copy_row)
        self.changes = _label("", "resultChanges")
        self.changes.setTextFormat(Qt.RichText)
        self.changes.hide()
        self.body.addWidget(self.changes)

    def set_sent(self, sent: bool) -> None:
        """Head the page "Thank you", or "Not sent" when the answers could not be sent."""
        from PySide6.QtWidgets import QLabel

        self.heading = self.tr("Thank you") if sent else self.tr("Your answers were not sent")
        self.findChild(QLabel, "pageHeading").setText(self.heading)
        self.setAccessibleName(self.heading)
        self.body.addStretch(1)

    def first_focus(self) -> QWidget | None:
        return self.status

    def offer_copy(self, code: str) -> None:
        """Offer to copy ``code`` (``""``: no receipt, or a kiosk, where nothing is kept)."""
        self.code = code
        self.copy_receipt.setText(self.tr("Co&py the receipt code"))
        self.copy_receipt.setVisible(bool(code))

    def _on_copy_receipt_clicked(self) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.clipboard().setText(self.code)
        self.copy_receipt.setText(self.tr("Co&pied to the clipboard"))

    def forget(self) -> None:
        """Drop what the page said about the answers and their receipt."""
        for shown in (self.status, self.receipt, self.changes):
            shown.clear()
        self.offer_copy("")


def _plain_summary(widget: QWidget, pages: list[DepartmentPage]) -> str:
    """The review in plain sentences: "IT. Question: answer. … Comment: …"."""
    parts = []
    for page in pages:
        parts.append(f"{page.target}.")
        parts += [f"{r.question.text.rstrip(' .')}: {r.label_of(r.choice())}." for r in page.rows]
        if page.comment_text():
            parts.append(widget.tr("Comment: {0}").format(page.comment_text()))
    return " ".join(parts)


def _with_article(widget: QWidget, kind: str) -> str:
    """``"an e-mail address"``, ``"a phone number"``... for the privacy warning."""
    return {
        "e-mail address": widget.tr("an e-mail address"),
        "phone number": widget.tr("a phone number"),
        "web or network address": widget.tr("a web or network address"),
        "name": widget.tr("a name"),
    }.get(kind, kind)


def _listed(parts: list[str], last: str) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + last + parts[-1]
