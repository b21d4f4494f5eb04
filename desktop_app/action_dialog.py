"""The dialog that adds or edits a joint action (from the Actions section or a pair's page).

What it offers (the departments, the waves) is read before it opens, off the GUI thread
(``choices``, :func:`desktop_app.workspace_reads.read_action_choices`): on a share that
hangs the section that opens it says so and the dialog opens once the folder answers.
What cannot be saved is said under the form by the field's own label, with the cursor put
in that field; nothing is stored until it can be.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.action_writes import store_action
from desktop_app.context import Changes
from desktop_app.models.actions_model import ActionsModel
from desktop_app.section_reads import SectionReads
from desktop_app.widgets.discard_guard import DiscardGuard
from desktop_app.widgets.plain_text import no_mnemonic
from desktop_app.workspace_reads import read_action_choices
from desktop_app.workspace_write import WorkspaceWrite, failed_text, saving_text
from surveys.actions import STATUSES, Action, ActionError


class ActionDialog(DiscardGuard, QDialog):
    """Add (or, given ``action``, edit) a joint action for a pair."""

    #: The action was saved (with its id), also when the dialog was closed while it saved.
    saved = Signal(object)

    def __init__(
        self,
        context,
        from_dept: str | None = None,
        to_dept: str | None = None,
        parent: QWidget | None = None,
        action: Action | None = None,
        choices: tuple[list[str], list[str]] | None = None,
    ) -> None:
        """``choices``: the departments and waves read off the GUI thread; without them
        they are read here (a caller that has just read the workspace)."""
        super().__init__(parent)
        self.context = context
        self.action = action
        self.setWindowTitle(self.tr("Edit joint action") if action else self.tr("New joint action"))
        departments, waves = choices or read_action_choices(context.path)
        self.from_box = QComboBox(objectName="actionFrom")
        self.to_box = QComboBox(objectName="actionTo")
        for box in (self.from_box, self.to_box):
            box.addItems(departments)
        self.from_box.setAccessibleName(self.tr("Pair: the department that rates"))
        self.to_box.setAccessibleName(self.tr("Pair: the department it rates"))
        self.title_edit = QLineEdit(objectName="actionTitle")
        self.title_edit.setPlaceholderText(self.tr("e.g. Bi-weekly liaison meeting"))
        self.owner_from_edit = QLineEdit(objectName="actionOwnerFrom")
        self.owner_to_edit = QLineEdit(objectName="actionOwnerTo")
        self.owner_from_label = QLabel(objectName="actionOwnerFromLabel")
        self.owner_to_label = QLabel(objectName="actionOwnerToLabel")
        self.owner_from_label.setBuddy(self.owner_from_edit)
        self.owner_to_label.setBuddy(self.owner_to_edit)
        self.from_box.currentTextChanged.connect(self._name_owner_fields)
        self.to_box.currentTextChanged.connect(self._name_owner_fields)
        self.due_check = QCheckBox(self.tr("Due by"), objectName="actionHasDue")
        self.due_edit = QDateEdit(QDate.currentDate().addDays(30), objectName="actionDue")
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.due_check.toggled.connect(self.due_edit.setEnabled)
        self.status_box = QComboBox(objectName="actionStatus")
        model = ActionsModel(self)
        for status in STATUSES:
            self.status_box.addItem(model.status_text(status), status)
        self.wave_box = QComboBox(objectName="actionWave")
        self.wave_box.addItem(self.tr("(no wave)"), None)
        for wave in waves:
            self.wave_box.addItem(wave, wave)
        self.notes_edit = QPlainTextEdit(objectName="actionNotes")
        self.notes_edit.setTabChangesFocus(True)  # Tab moves on; it typed a tab character
        self.error = QLabel(objectName="actionError", wordWrap=True)
        self.error.setStyleSheet("font-weight: 600;")
        self.writes = WorkspaceWrite(context, self)
        self.writes.saving.connect(self._on_writes_saving)
        self._layout()
        self._fill(action, from_dept, to_dept, waves)
        self._fit_title()
        self.opened = self.current_action()  # what Cancel compares with
        self.discarding = False  # Cancel was pressed once with typed changes
        self.closed_while_saving = False  # closed before its save ended
        for edit in (self.title_edit, self.owner_from_edit, self.owner_to_edit):
            edit.textEdited.connect(self._keep_editing)
        self.notes_edit.textChanged.connect(self._keep_editing)

    def _layout(self) -> None:
        form = QFormLayout()
        pair = QHBoxLayout()
        pair.addWidget(self.from_box)
        pair.addWidget(QLabel("→"))
        pair.addWidget(self.to_box)
        pair.addStretch(1)
        pair_label = QLabel(self.tr("&Pair (from → about):"))
        pair_label.setBuddy(self.from_box)
        form.addRow(pair_label, pair)
        form.addRow(self.tr("&Action:"), self.title_edit)
        form.addRow(self.owner_from_label, self.owner_from_edit)
        form.addRow(self.owner_to_label, self.owner_to_edit)
        due = QHBoxLayout()
        due.addWidget(self.due_check)
        due.addWidget(self.due_edit)
        due.addStretch(1)
        due_label = QLabel(self.tr("Due:"))
        due_label.setBuddy(self.due_check)
        form.addRow(due_label, due)
        form.addRow(self.tr("&Status:"), self.status_box)
        form.addRow(self.tr("Agreed in &wave:"), self.wave_box)
        form.addRow(self.tr("&Notes:"), self.notes_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())

    def _fill(self, action, from_dept, to_dept, waves) -> None:
        action = action or Action(from_dept or "", to_dept or "", "")
        if action.from_dept:
            self.from_box.setCurrentText(action.from_dept)
        if action.to_dept:
            self.to_box.setCurrentText(action.to_dept)
        elif self.to_box.count() > 1 and self.to_box.currentText() == self.from_box.currentText():
            self.to_box.setCurrentIndex(1)
        self.title_edit.setText(action.title)
        self.owner_from_edit.setText(action.owner_from)
        self.owner_to_edit.setText(action.owner_to)
        self._name_owner_fields()
        self.due_check.setChecked(bool(action.due))
        self.due_edit.setEnabled(bool(action.due))
        if action.due:
            self.due_edit.setDate(QDate.fromString(action.due, "yyyy-MM-dd"))
        self.status_box.setCurrentIndex(STATUSES.index(action.status))
        wave = action.wave if self.action else (self.context.wave or (waves[0] if waves else None))
        found = self.wave_box.findData(wave)
        self.wave_box.setCurrentIndex(max(found, 0))
        self.notes_edit.setPlainText(action.notes)

    def _fit_title(self) -> None:
        """Wide enough to show the title whole (a playbook suggestion runs to 120
        characters; the 70-character dialog showed only its end), within the screen."""
        metrics = self.title_edit.fontMetrics()
        needed = metrics.horizontalAdvance(self.title_edit.text()) + metrics.averageCharWidth() * 3
        screen = QGuiApplication.primaryScreen().availableGeometry().width()
        self.title_edit.setMinimumWidth(min(needed, int(screen * 0.6)))
        self.resize(max(self.width(), self.sizeHint().width()), self.height())
        self.title_edit.setCursorPosition(0)  # its start, not its end

    def _name_owner_fields(self, *_args) -> None:
        """Label each owner field with its department ("Owner in &Sales:"), and give an
        example from that department ("e.g. Head of IT" for IT's owner, not of Sales)."""
        sides = (
            (self.owner_from_label, self.owner_from_edit, self.from_box),
            (self.owner_to_label, self.owner_to_edit, self.to_box),
        )
        for label, edit, box in sides:
            label.setText(self.tr("Owner in %1:").replace("%1", no_mnemonic(box.currentText())))
            edit.setAccessibleName(self.tr("Owner in %1").replace("%1", box.currentText()))
            edit.setPlaceholderText(
                self.tr("a name or a role, e.g. Head of %1").replace("%1", box.currentText())
            )

    def current_action(self) -> Action:
        """The action as the form describes it."""
        return Action(
            from_dept=self.from_box.currentText(),
            to_dept=self.to_box.currentText(),
            title=self.title_edit.text(),
            owner_from=self.owner_from_edit.text(),
            owner_to=self.owner_to_edit.text(),
            due=self.due_edit.date().toString("yyyy-MM-dd") if self.due_check.isChecked() else None,
            status=self.status_box.currentData(),
            wave=self.wave_box.currentData(),
            notes=self.notes_edit.toPlainText(),
            id=self.action.id if self.action else None,
            recorded=self.action.recorded if self.action else None,
        )

    def reject(self) -> None:
        """Cancel, Escape or the title bar: with typed changes the first one only says so
        (as the themes editor does); a second one closes without them. While the action is
        being saved (a share that hangs) the first one says that the save goes on and
        turns Cancel into Close; a second one closes, and a save that then fails opens
        the dialog again with what was typed."""
        if self.writes.running():
            if self.may_close(False, self._still_saving_text(), self.tr("&Close")):
                self.closed_while_saving = True
                super().reject()
            return
        warning = (
            self.tr(
                "This action is not saved. Press Save to keep it, or Discard to close without it."
            )
            if self.action is None
            else self.tr(
                "Your changes are not saved. Press Save to keep them, or Discard to close "
                "without them."
            )
        )
        if self.may_close(self.current_action() == self.opened, warning, self.tr("&Discard")):
            super().reject()

    def _still_saving_text(self) -> str:
        return self.tr(
            "Still saving… the workspace's folder has not answered yet. Press Close to close "
            "this window: the action is saved once the folder answers, and if it cannot be, "
            "this window opens again with what you typed."
        )

    def accept(self) -> None:
        """Save, tell the other sections, close; or say what to fix and stay open. The
        write runs off the GUI thread: on a share that hangs the buttons wait with
        "Saving…" above them, and a write that fails is said there, the fields kept."""
        if self.writes.running():
            return
        action = self.current_action()
        self._keep_editing()  # a Discard offered before Save is Cancel again
        self.error.setText("")
        self.closed_while_saving = False
        self.writes.run(
            store_action,
            self.context.path,
            action,
            controls=[self.buttons.button(QDialogButtonBox.Save)],
            done=lambda action_id: self._saved(action, action_id),
            failed=self._on_save_failed,
        )

    def _saved(self, action: Action, action_id: int) -> None:
        action.id = action_id
        self.action = action
        self.context.data_changed.emit(Changes(actions=True), self)
        self.saved.emit(action)
        if not self.closed_while_saving:
            super().accept()

    def _on_save_failed(self, exc: BaseException) -> None:
        self._keep_editing()  # Close is Cancel again
        if self.closed_while_saving:
            self.closed_while_saving = False
            self.show()  # closed while it saved: what was typed comes back with why
            self.raise_()
        if isinstance(exc, ActionError):
            self.error.setText(str(exc))
            self._focus_field(exc.field)
        else:
            self.error.setText(failed_text(exc, self.context.path))

    def _on_writes_saving(self, saving: bool) -> None:
        if saving:
            self.error.setText(saving_text())
        elif self.discarding:
            self._keep_editing()  # the save ended: Close is Cancel again

    def _focus_field(self, field: str) -> None:
        """Put the cursor in the field the error names (it stayed where it was)."""
        widgets = {
            "title": self.title_edit,
            "from_dept": self.from_box,
            "to_dept": self.to_box,
            "owner_from": self.owner_from_edit,
            "owner_to": self.owner_to_edit,
            "status": self.status_box,
            "due": self.due_edit,
        }
        widget = widgets.get(field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(widget, QLineEdit):
                widget.selectAll()


def open_action_dialog(
    reads: SectionReads,
    from_dept: str | None,
    to_dept: str | None,
    parent: QWidget,
    action: Action | None = None,
    opened: Callable[[ActionDialog], None] | None = None,
) -> ActionDialog | None:
    """Open the action dialog (window-modal) once what it offers is read through
    ``reads`` (off the GUI thread: on a share that hangs the caller's section says so and
    the dialog opens when the folder answers); the dialog, or ``None`` until then.
    ``opened(dialog)`` is called as it opens."""
    shown: list[ActionDialog] = []

    def show(choices: tuple[list[str], list[str]]) -> None:
        dialog = ActionDialog(reads.context, from_dept, to_dept, parent, action, choices)
        dialog.open()
        shown.append(dialog)
        if opened is not None:
            opened(dialog)

    reads.read("action dialog", read_action_choices, reads.context.path, apply=show, asked=True)
    return shown[0] if shown else None
