"""The actions part of the pair page: suggestions recorded in one click, recorded actions.

"Record as action" saves the suggestion at once as a planned action of the pair in the wave
shown (``Changes(actions=True)``), and :class:`ActionNotice` offers to edit it or undo it.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from analysis.action_effects import action_change
from desktop_app.action_writes import remove_action, store_action
from desktop_app.context import Changes
from desktop_app.section_reads import SectionReads, waiting_text
from desktop_app.widgets.hanging_list import set_hanging_items, set_plain_text
from desktop_app.widgets.pair_cards import SuggestionRow
from desktop_app.workspace_write import (
    WorkspaceWrite,
    failed_text,
    not_deleted_text,
    saving_text,
)
from surveys.actions import (
    Action,
    ActionError,
    ActionRecord,
    days_overdue,
    owners_text,
    short_day,
)


class PairActions(QWidget):
    """Suggested actions (each with "Record as action") and the pair's recorded actions."""

    recorded = Signal(object)  # the saved Action
    failed = Signal(str)  # why it could not be saved

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.from_dept = self.to_dept = ""
        self.rows: list[SuggestionRow] = []
        self.writes = WorkspaceWrite(context, self)
        self.writes.saving.connect(self._on_writes_saving)
        self._actions: list[ActionRecord] = []  # the pair's recorded actions, as shown
        context.clock.changed.connect(self._on_clock_changed)  # "N days overdue" moves on
        self._held: list[QPushButton] = []  # buttons shown while a write ran, to put back
        self.reads = SectionReads(context, self, wait_hidden=True)  # the dialog's choices
        self.waiting = QLabel(objectName="pairActionsWaiting", wordWrap=True)
        self.waiting.hide()
        self.reads.waiting.connect(self._on_reads_waiting)
        self.suggested_note = QLabel(objectName="pairSuggested", wordWrap=True)
        self.suggestions = QVBoxLayout()
        self.recorded_list = QLabel(objectName="pairRecorded", wordWrap=True)
        self.add_action = QPushButton(self.tr("Add another action…"), objectName="addAction")
        self.add_action.clicked.connect(self._on_add_action_clicked)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_section(self.tr("Suggested actions")))
        layout.addWidget(self.suggested_note)
        layout.addLayout(self.suggestions)
        layout.addWidget(_section(self.tr("Recorded actions")))
        layout.addWidget(self.recorded_list)
        row = QHBoxLayout()
        row.addWidget(self.add_action)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.waiting)

    def place_notice(self, notice: QWidget) -> None:
        """Put ``notice`` (what was recorded, Edit…, Undo) right under the suggestions, by
        the button HR pressed: above the page's figures it sat at the other edge of the
        page, out of view when the page was scrolled, and pushed the page down."""
        self._layout.insertWidget(self._layout.indexOf(self.suggested_note) + 2, notice)

    def show_actions(self, from_dept: str, to_dept: str, hotspot, actions: list[ActionRecord]):
        """Show the hotspot's suggestions (if any) and the pair's recorded ``actions``."""
        if (from_dept, to_dept) != (self.from_dept, self.to_dept):
            self.reads.forget()  # a dialog asked on the previous pair does not open over this
        self.from_dept, self.to_dept = from_dept, to_dept
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        titles = {a.title.strip().casefold() for a in actions}
        suggestions = hotspot.actions if hotspot is not None else []
        self.rows = [SuggestionRow(s, s.strip().casefold() in titles) for s in suggestions]
        for row in self.rows:
            row.record_clicked.connect(self.record)
            self.suggestions.addWidget(row)
        if self.writes.running():  # one write at a time: these wait for it too
            self._held = [row.button for row in self.rows if row.button.isEnabled()]
            for button in self._held:
                button.setEnabled(False)
        # Tab as read: the suggestions (made after it) before "Add another action…" below.
        buttons = [*(row.button for row in self.rows), self.add_action]
        for first, second in zip(buttons, buttons[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.suggested_note.setText(
            self.tr("From the playbook for this kind of hotspot and its themes:")
            if suggestions
            else self.tr("This pair is not a hotspot; nothing is suggested.")
        )
        self._actions = list(actions)
        if actions:
            set_hanging_items(self.recorded_list, [self._describe(a) for a in actions])
        else:
            set_plain_text(self.recorded_list, self.tr("No action recorded for this pair yet."))

    def _on_clock_changed(self, _day) -> None:
        if self._actions:
            set_hanging_items(self.recorded_list, [self._describe(a) for a in self._actions])

    def _describe(self, action: ActionRecord) -> tuple[str, str | None]:
        """The action's line (status, both owners, due day, wave) and, once a wave has
        closed after it, what changed since (:func:`analysis.action_effects.action_change`)."""
        owners = owners_text(
            self.from_dept, self.to_dept, action.owner_from or "", action.owner_to or ""
        )
        parts = [action.status, owners or self.tr("no owner yet")]
        if action.due:
            due = short_day(action.due) or action.due
            parts.append(self.tr("due %1").replace("%1", due))
        late = days_overdue(action.due, action.status, self.context.clock.today())
        if late:  # as the Overview and Actions say it (this line said only "due 30 Nov")
            parts.append(self.tr("%n days overdue", "", late))
        text = f"• {action.title} — {', '.join(parts)}"
        if action.wave:
            text += " " + self.tr("(wave %1)").replace("%1", action.wave)
        result = self.context.result
        change = None
        if result is not None:
            change = action_change(
                result, self.from_dept, self.to_dept, action.title, action.wave, action.recorded
            )
        return text, change

    def record(self, title: str) -> None:
        """Save ``title`` as a planned action of the pair in the wave shown (off the GUI
        thread: on a share that hangs the buttons wait and the notice says "Saving…")."""
        result = self.context.result
        action = Action(
            self.from_dept, self.to_dept, title, wave=result.wave if result is not None else None
        )
        self.writes.run(
            store_action,
            self.context.path,
            action,
            controls=[*(row.button for row in self.rows), self.add_action],
            done=lambda action_id: self._recorded(action, action_id),
            failed=self._on_record_failed,
        )

    def _on_writes_saving(self, saving: bool) -> None:
        if saving:
            return
        for button in self._held:
            if isValid(button):  # not shown again meanwhile
                button.setEnabled(True)
        self._held = []

    def _recorded(self, action: Action, action_id: int) -> None:
        action.id = action_id
        self.recorded.emit(action)
        self.context.data_changed.emit(Changes(actions=True), self)

    def _on_record_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ActionError):
            self.failed.emit(str(exc))
        else:
            self.failed.emit(failed_text(exc, self.context.path))

    def _on_add_action_clicked(self) -> None:
        from desktop_app.action_dialog import open_action_dialog

        # The dialog announces the new action; the refresh follows from it.
        open_action_dialog(self.reads, self.from_dept, self.to_dept, self)

    def _on_reads_waiting(self, text: str) -> None:
        """Say under "Add another action…" that the dialog waits for the folder."""
        self.waiting.setText(text)
        self.waiting.setVisible(bool(text))


class ActionNotice(QFrame):
    """ "Recorded … [Edit…] [Undo]" after a suggestion was recorded (hidden otherwise)."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.action: Action | None = None
        self.writes = WorkspaceWrite(context, self)
        self.writes.saving.connect(self.show_saving)
        self.reads = SectionReads(context, self, wait_hidden=True)  # the dialog's choices
        self.reads.waiting.connect(self._on_reads_waiting)
        self._said_before = ""
        self.setObjectName("actionNotice")
        self.setFrameShape(QFrame.StyledPanel)
        self.message = QLabel(objectName="actionNoticeText", wordWrap=True)
        self.edit_button = QPushButton(self.tr("&Edit…"), objectName="editRecorded")
        self.undo_button = QPushButton(self.tr("&Undo"), objectName="undoRecorded")
        self.edit_button.clicked.connect(self.edit)
        self.undo_button.clicked.connect(self.undo)
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.edit_button)
        layout.addWidget(self.undo_button)
        self.hide()

    def show_recorded(self, action: Action) -> None:
        self.action = action
        self.message.setText(
            self.tr("Recorded “%1” as a planned action of %2 → %3 in wave %4.")
            .replace("%1", action.title)
            .replace("%2", action.from_dept)
            .replace("%3", action.to_dept)
            .replace("%4", action.wave or "–")
        )
        self._buttons(True)

    def show_error(self, message: str) -> None:
        self.action = None
        self.message.setText(message)
        self._buttons(False)

    def _buttons(self, visible: bool) -> None:
        self.edit_button.setVisible(visible)
        self.undo_button.setVisible(visible)
        self.show()
        QTimer.singleShot(0, self, self._into_view)  # once the page has laid it out

    def _into_view(self) -> None:
        """Scroll the page so that the notice is in view (an edit saved from its dialog
        while HR had scrolled on to the comments)."""
        from PySide6.QtWidgets import QScrollArea

        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None and self.isVisible():
            parent.ensureWidgetVisible(self)

    def edit(self) -> None:
        """Open the recorded action in the action dialog (owner, due day, notes...), once
        what it offers is read (on a share that hangs the notice says so meanwhile)."""
        from desktop_app.action_dialog import open_action_dialog

        if self.action is None:
            return
        action = self.action
        open_action_dialog(
            self.reads, action.from_dept, action.to_dept, self, action, opened=self._on_opened
        )

    def _on_opened(self, dialog) -> None:  # noqa: ANN001 - an ActionDialog
        # Saved, also once the dialog was closed while it saved: the notice names it as now.
        dialog.saved.connect(self.show_recorded)

    def _on_reads_waiting(self, text: str) -> None:
        """Say in the notice that the dialog waits for the folder; then what it said."""
        if text:
            self._said_before = self.message.text()
            self.message.setText(text)
        elif self.message.text() == waiting_text():  # nothing was said since
            self.message.setText(self._said_before)

    def undo(self) -> None:
        """Delete the action just recorded (off the GUI thread, as it was recorded)."""
        if self.action is None or self.action.id is None:
            return
        action = self.action
        self.writes.run(
            remove_action,
            self.context.path,
            action.id,
            controls=[self.edit_button, self.undo_button],
            done=lambda _none: self._removed(action),
            failed=lambda exc: self._on_undo_failed(exc, action),
        )

    def _on_undo_failed(self, exc: BaseException, action: Action) -> None:
        self.message.setText(not_deleted_text(exc, self.context.path, action.title))
        self._buttons(True)  # Undo again once the folder answers

    def _removed(self, action: Action) -> None:
        self.action = None
        self.message.setText(self.tr("Removed “%1”.").replace("%1", action.title))
        self._buttons(False)
        self.context.data_changed.emit(Changes(actions=True), self)

    def show_saving(self, saving: bool) -> None:
        """Say "Saving…" while a write of the pair's actions waits for a slow folder."""
        if saving:
            self.message.setText(saving_text())
            self._buttons(False)


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 12pt; font-weight: 600; margin: 10px 0 0 0;")
    label.setIndent(0)
    return label
