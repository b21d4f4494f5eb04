""" "Your answers": what became of each answer sent from this computer, with its receipt.

Read from the respondent's own log and HR's published receipt lists
(:func:`surveys.receipts.answer_states`): waiting on this computer (and for what), delivered
to the shared folder, received by HR, or not sent (and why). While answers wait for their
random due time, the dialog says why and offers "Deliver now". Checking happens here, on this
computer: HR never learns who looked or which code they hold.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.respondent.style import style_sheet
from desktop_app.widgets.screen_fit import fit_to_screen


def state_text(widget: QWidget, state) -> str:  # noqa: ANN001 - surveys.receipts.AnswerState
    """One answer's state in words."""
    from surveys.receipts import NOT_SENT, RECEIVED, REFUSED, WAITING

    if state.state == NOT_SENT:
        if state.answer.not_sent == REFUSED:
            return widget.tr("Not sent: HR's app refused the participation ticket ({0})").format(
                state.answer.reason
            )
        return widget.tr("Not sent: the pulse closed before the participation ticket came")
    if state.state == WAITING:
        if state.waiting_for == "due" and state.due is not None:
            from datetime import datetime

            return widget.tr(
                "Sealed; waits on this computer until about {0}, then Rapport delivers it"
            ).format(datetime.fromtimestamp(state.due).strftime("%H:%M"))
        if state.waiting_for == "share":
            return widget.tr("Waiting on this computer until the shared folder can be reached")
        if state.waiting_for == "ticket":
            return widget.tr("Waiting on this computer for your participation ticket from HR's app")
        return widget.tr("Waiting on this computer ({0})").format(state.waiting_for)
    if state.state == RECEIVED:
        return widget.tr("Received by HR ✓")
    return widget.tr("Delivered to the shared folder; HR has not taken it in yet")


def holds_any(states: list) -> bool:
    """Whether any answer waits for its random due time (:mod:`surveys.outbox_hold`)."""
    from surveys.receipts import WAITING

    return any(s.state == WAITING and s.waiting_for == "due" for s in states)


class AnswersDialog(QDialog):
    """A table: wave, day, receipt code, state; "Deliver now" while answers are held."""

    #: The person asked to deliver the held answers now, without their random wait.
    delivery_requested = Signal()

    def __init__(self, states: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rapport: your answers"))
        self.setStyleSheet(style_sheet())
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Your answers and receipts"))
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        note = QLabel(
            self.tr(
                "Only this computer knows these receipt codes. HR publishes a scrambled list "
                "of the receipts it has received; Rapport looks for yours in it here, so HR "
                "cannot tell whose answer is whose. Received means your answer reached HR: "
                "answers that look like copies of one another, or more than a department "
                "has people, wait for HR to review them before they count."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Pulse"), self.tr("Day"), self.tr("Receipt"), self.tr("What happened")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.setAccessibleName(self.tr("Your answers"))
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("No answers have been sent from this computer yet."))
        layout.addWidget(self.empty)
        layout.addWidget(self._hold_box())
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.set_states(states)
        fit_to_screen(self, 760, 360)  # at 200 % a laptop screen is 683 pixels wide

    def _hold_box(self) -> QWidget:
        """Why answers wait, and "Deliver now" with what it costs."""
        from desktop_app.respondent.thanks_text import hold_limit

        self.hold_box = QWidget()
        box = QVBoxLayout(self.hold_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.hold_note = QLabel(
            self.tr(
                "Sealed answers wait on this computer for a random few minutes (at most {0}) "
                "before Rapport delivers them from the tray, so that nobody watching the "
                "shared folder can tell when you answered. Delivering now is quicker, but "
                "someone watching the shared folder could then see when you answered."
            ).format(hold_limit(self))
        )
        self.hold_note.setWordWrap(True)
        box.addWidget(self.hold_note)
        self.deliver_button = QPushButton(self.tr("&Deliver now"))
        self.deliver_button.setAccessibleDescription(self.hold_note.text())
        self.deliver_button.clicked.connect(self.delivery_requested)
        row = QHBoxLayout()
        row.addWidget(self.deliver_button)
        row.addStretch(1)
        box.addLayout(row)
        return self.hold_box

    def set_states(self, states: list) -> None:
        """Show ``states`` (newest first); offer "Deliver now" only while answers are held."""
        self.table.setRowCount(len(states))
        for row, state in enumerate(reversed(states)):
            answer = state.answer
            cells = (answer.wave, answer.day, answer.receipt, state_text(self, state))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        for column in range(3):  # the last column takes the rest and wraps its words
            self.table.resizeColumnToContents(column)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty.setVisible(not states)
        self.hold_box.setVisible(holds_any(states))

    def row_texts(self) -> list[list[str]]:
        """The table's cells as shown, newest first."""
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]
