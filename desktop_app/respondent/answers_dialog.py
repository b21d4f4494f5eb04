""" "Your answers": what became of each answer sent from this computer, with its receipt.

Read from the respondent's own log and HR's published receipt lists
(:func:`surveys.receipts.answer_states`): waiting on this computer (and for what), delivered
to the shared folder, received by HR, or not sent (and why). Checking happens here, on this
computer: HR never learns who looked or which code they hold.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.respondent.style import style_sheet


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
        if state.waiting_for == "share":
            return widget.tr("Waiting on this computer until the shared folder can be reached")
        if state.waiting_for == "ticket":
            return widget.tr("Waiting on this computer for your participation ticket from HR's app")
        return widget.tr("Waiting on this computer ({0})").format(state.waiting_for)
    if state.state == RECEIVED:
        return widget.tr("Received by HR ✓")
    return widget.tr("Delivered to the shared folder; HR has not taken it in yet")


class AnswersDialog(QDialog):
    """A table: wave, day, receipt code, state."""

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
                "cannot tell whose answer is whose."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(len(states), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Pulse"), self.tr("Day"), self.tr("Receipt"), self.tr("What happened")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        for row, state in enumerate(reversed(states)):
            answer = state.answer
            cells = (answer.wave, answer.day, answer.receipt, state_text(self, state))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        for column in range(3):  # the last column takes the rest and wraps its words
            self.table.resizeColumnToContents(column)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.setAccessibleName(self.tr("Your answers"))
        layout.addWidget(self.table, 1)
        if not states:
            layout.addWidget(QLabel(self.tr("No answers have been sent from this computer yet.")))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 320)

    def row_texts(self) -> list[list[str]]:
        """The table's cells as shown, newest first."""
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]
