"""Actions: the joint actions agreed per pair, with an add/edit dialog.

Each change emits ``context.data_changed`` with ``Changes(actions=True)``: trends draw the
actions as markers, so the next pulse shows whether they helped. The pair page opens
:class:`ActionDialog` too.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.context import Changes
from desktop_app.models.actions_model import PAIR_ROLE, ActionsModel
from desktop_app.panels.base import Panel, heading
from desktop_app.widgets.caption_delegate import CaptionDelegate
from desktop_app.widgets.fitted_columns import FittedColumns
from desktop_app.widgets.plain_text import no_mnemonic
from surveys.actions import STATUSES, Action, ActionError, delete_action, list_actions, save_action

#: The share of the table's width an action's title keeps at least: below it, the pair and
#: the wave move from their columns to a line under the title.
TITLE_SHARE = 0.35


class ActionDialog(QDialog):
    """Add (or, given ``action``, edit) a joint action for a pair."""

    def __init__(
        self,
        context,
        from_dept: str | None = None,
        to_dept: str | None = None,
        parent: QWidget | None = None,
        action: Action | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.action = action
        self.setWindowTitle(self.tr("Edit action") if action else self.tr("New joint action"))
        departments, waves = self._choices()
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
        self._layout()
        self._fill(action, from_dept, to_dept, waves)
        self._fit_title()

    def _choices(self) -> tuple[list[str], list[str]]:
        from surveys.store import departments
        from surveys.waves import wave_names

        db = self.context.connect()
        try:
            return [d.name for d in departments(db)], wave_names(db)
        finally:
            db.close()

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

    def accept(self) -> None:
        """Save, tell the other sections, close; or say what to fix and stay open."""
        action = self.current_action()
        db = self.context.connect()
        try:
            action.id = save_action(db, action)
        except ActionError as exc:
            self.error.setText(str(exc))
            self._focus_field(exc.field)
            return
        finally:
            db.close()
        self.action = action
        self.context.data_changed.emit(Changes(actions=True), self)
        super().accept()

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


class ActionsPanel(Panel):
    """Every joint action, with add, edit and delete."""

    section = "actions"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = ActionsModel(self)
        self.table = QTableView(objectName="actionsTable")
        self.table.setAccessibleName(self.tr("Joint actions"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        # Pair, owners, wave and notes within a cap: the action's title gets the room. Where
        # it would still get less than TITLE_SHARE of the width (150 %, long names), the
        # pair and the wave move to a line under the title.
        self.title_delegate = CaptionDelegate(PAIR_ROLE, self.table)
        self.table.setItemDelegateForColumn(1, self.title_delegate)
        self.columns = FittedColumns(
            self.table,
            1,
            {0: 30, 2: 26, 5: 16, 6: 18},
            main_chars=24,
            fold_below=TITLE_SHARE,
            fold=(0, 5),
        )
        self.columns.folded_changed.connect(self._on_columns_folded_changed)
        # Owners and an overdue status take two lines; long notes are cut to one (their
        # tooltip has them whole), so rows stay two lines high at most.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.ElideRight)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.add_button = QPushButton(self.tr("Add a&ction…"), objectName="addAction")
        self.edit_button = QPushButton(self.tr("&Edit…"), objectName="editAction")
        self.delete_button = QPushButton(self.tr("&Delete"), objectName="deleteAction")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty = QLabel(objectName="actionsEmpty", wordWrap=True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Joint actions")))
        layout.addWidget(
            QLabel(
                self.tr(
                    "Actions two departments agreed to improve how they work together. They appear "
                    "as markers on the pair's trend, so the next pulse shows whether they helped."
                ),
                wordWrap=True,
            )
        )
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self._update_buttons()

    def _on_columns_folded_changed(self, folded: bool) -> None:
        self.title_delegate.show_pair = folded
        self.table.resizeRowsToContents()
        self.table.viewport().update()

    def title(self) -> str:
        return self.tr("Actions")

    def reload(self) -> None:
        """Read the actions again."""
        if self.context.path is None:
            self.model.set_actions([])
            return
        db = self.context.connect()
        try:
            self.model.set_actions(list_actions(db))
        finally:
            db.close()
        self.table.resizeRowsToContents()
        self.empty.setText(
            ""
            if self.model.actions
            else self.tr(
                "No actions yet. Add one here, or on a pair's page (click a cell in Relationships)."
            )
        )
        self._update_buttons()

    def selected(self) -> Action | None:
        """The action of the selected row."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.actions[rows[0].row()] if rows else None

    def add(self) -> ActionDialog:
        """Open the dialog for a new action (pre-filled with the first hotspot's pair)."""
        result = self.context.result
        pair = (
            (result.hotspots[0].from_dept, result.hotspots[0].to_dept)
            if (result is not None and result.hotspots)
            else (None, None)
        )
        dialog = ActionDialog(self.context, *pair, parent=self)
        dialog.open()
        return dialog

    def edit_selected(self) -> ActionDialog | None:
        """Open the dialog on the selected action."""
        action = self.selected()
        if action is None:
            return None
        dialog = ActionDialog(
            self.context, action.from_dept, action.to_dept, parent=self, action=action
        )
        dialog.open()
        return dialog

    def open_action(self, action_id: int) -> ActionDialog | None:
        """Select the action with ``action_id`` and open it for editing (e.g. from Overview)."""
        self.reload()
        for row, action in enumerate(self.model.actions):
            if action.id == action_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return self.edit_selected()
        return None

    def _confirm_delete(self, action) -> bool:  # noqa: ANN001 - a surveys.actions.Action
        """Ask before deleting; Cancel is the default (Enter deleted it: Qt's Yes was)."""
        box = QMessageBox(
            QMessageBox.Warning,
            self.tr("Delete action"),
            self.tr("Delete “%1” (%2 → %3)? Its marker disappears from the trends.")
            .replace("%1", action.title)
            .replace("%2", action.from_dept)
            .replace("%3", action.to_dept),
            QMessageBox.Cancel,
            self,
        )
        box.setObjectName("deleteActionQuestion")
        delete = box.addButton(self.tr("Delete action"), QMessageBox.DestructiveRole)
        box.setDefaultButton(QMessageBox.Cancel)
        box.exec()
        return box.clickedButton() is delete

    def delete_selected(self) -> None:
        """Delete the selected action after asking."""
        action = self.selected()
        if action is None:
            return
        if not self._confirm_delete(action):
            return
        db = self.context.connect()
        try:
            delete_action(db, action.id)
        finally:
            db.close()
        self.context.data_changed.emit(Changes(actions=True), self)

    def _update_buttons(self, *_args) -> None:
        is_open = self.context.path is not None
        self.add_button.setEnabled(is_open)
        has = self.selected() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _on_context_workspace_opened(self, path) -> None:
        self.reload()

    def _on_context_data_changed(self, changes: Changes, initiator: object) -> None:
        if changes.touches(Changes(actions=True, departments=True)):
            self.reload()  # also after its own edits: the list is read back sorted

    def _on_context_analysis_finished(self, result) -> None:
        self.reload()
