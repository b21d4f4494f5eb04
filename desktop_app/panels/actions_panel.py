"""Actions: the joint actions agreed per pair, added and edited in
:class:`desktop_app.action_dialog.ActionDialog`.

Each change emits ``context.data_changed`` with ``Changes(actions=True)``: trends draw the
actions as markers, so the next pulse shows whether they helped. The pair page opens the
dialog too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.action_dialog import ActionDialog, open_action_dialog
from desktop_app.action_writes import remove_action
from desktop_app.context import Changes
from desktop_app.models.actions_model import PAIR_ROLE, ActionsModel
from desktop_app.panels.base import Panel, heading
from desktop_app.section_reads import SectionReads, waiting_text
from desktop_app.widgets.caption_delegate import CaptionDelegate
from desktop_app.widgets.fitted_columns import FittedColumns
from desktop_app.workspace_reads import read_actions
from desktop_app.workspace_write import (
    WorkspaceWrite,
    not_deleted_text,
    saving_text,
)
from surveys.actions import Action

#: The share of the table's width an action's title keeps at least: below it, the pair and
#: the wave move from their columns to a line under the title.
TITLE_SHARE = 0.35


class ActionsPanel(Panel):
    """Every joint action, with add, edit and delete."""

    section = "actions"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = ActionsModel(self, context.clock.today)
        context.clock.changed.connect(self.model.day_changed)
        self._asked: int | None = None  # the action to open once the list is read
        self.last_opened: ActionDialog | None = None  # the dialog open_action opened
        self._said_before = ""  # under the list before a read said that it waits
        self._keep: int | None = None  # the action to select once the list is read again
        self.reads = SectionReads(context, self)
        self.reads.waiting.connect(self._on_reads_waiting)
        self.writes = WorkspaceWrite(context, self)
        self.writes.saving.connect(lambda saving: saving and self._say(saving_text()))
        self.table = QTableView(objectName="actionsTable")
        self.table.setAccessibleName(self.tr("Joint actions"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        # A click on a title sorts by it (due day, status, pair…); until then the order read.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.table.setSortingEnabled(True)
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
        """Read the actions again (off the GUI thread: a share that hangs is said under the
        list, not shown as "no actions")."""
        if self.context.path is None:
            self.model.set_actions([])
            return
        self.reads.read("actions", read_actions, self.context.path, apply=self._show_actions)

    def _show_actions(self, actions: list[Action]) -> None:
        chosen = self.selected()
        keep = self._keep if self._keep is not None else (chosen.id if chosen else None)
        self._keep = None
        self.model.set_actions(actions)
        self.table.resizeRowsToContents()
        self._select_id(keep)
        self.empty.setText(self._empty_text())
        self._update_buttons()
        if self._asked is not None:
            asked, self._asked = self._asked, None
            self._open_listed(asked)  # last_opened: now, or once the dialog's read answers

    def _empty_text(self) -> str:
        if self.model.actions:
            return ""
        return self.tr(
            "No actions yet. Add one here, or on a pair's page (click a cell in Relationships)."
        )

    def _on_reads_waiting(self, text: str) -> None:
        """Say under the list that a read waits for the folder; once every read answered,
        what it said before comes back (the dialog's read changes nothing else there)."""
        if text:
            self._said_before = self.empty.text()
            self.empty.setText(text)
        elif self.empty.text() == waiting_text():  # nothing was said since
            self.empty.setText(self._said_before)

    def selected(self) -> Action | None:
        """The action of the selected row."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.actions[rows[0].row()] if rows else None

    def add(self) -> ActionDialog | None:
        """Open the dialog for a new action (pre-filled with the first hotspot's pair)."""
        result = self.context.result
        pair = (
            (result.hotspots[0].from_dept, result.hotspots[0].to_dept)
            if (result is not None and result.hotspots)
            else (None, None)
        )
        return self._open_dialog(*pair)

    def edit_selected(self) -> ActionDialog | None:
        """Open the dialog on the selected action; not while a delete is being written (a
        double-click on the row being deleted opened it, and its Save was lost)."""
        action = self.selected()
        if action is None or self.writes.running():
            return None
        return self._open_dialog(action.from_dept, action.to_dept, action)

    def _open_dialog(
        self, from_dept: str | None, to_dept: str | None, action: Action | None = None
    ) -> ActionDialog | None:
        """The dialog once what it offers is read (on a share that hangs the section says
        so under the list): now, or ``None`` here and :attr:`last_opened` then."""
        return open_action_dialog(
            self.reads, from_dept, to_dept, self, action, opened=self._on_dialog_opened
        )

    def _on_dialog_opened(self, dialog: ActionDialog) -> None:
        self.last_opened = dialog
        dialog.saved.connect(self._on_dialog_saved)

    def _on_dialog_saved(self, action: Action) -> None:
        """The action just added or edited stays selected once the list is read back
        (sorted): the selection was lost, and Edit… and Delete greyed out, after each Save.
        On a working disk the list was read again before this (when the save said the
        data changed); on a slow folder it is selected once the read answers."""
        if self.reads.pending("actions"):
            self._keep = action.id
        else:
            self._select_id(action.id)

    def _select_id(self, action_id: int | None) -> None:
        for row, action in enumerate(self.model.actions):
            if action_id is not None and action.id == action_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return

    def open_action(self, action_id: int) -> ActionDialog | None:
        """Select the action with ``action_id`` and open it for editing (e.g. from Overview),
        once the list is read again: the dialog now (a working disk) or, on a slow folder,
        when the list comes (``None`` here; :attr:`last_opened` then)."""
        self._asked, self.last_opened = action_id, None
        self.reload()
        return self.last_opened

    def _open_listed(self, action_id: int) -> ActionDialog | None:
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
        delete = box.addButton(self.tr("&Delete action"), QMessageBox.DestructiveRole)
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
        # Off the GUI thread: on a share that hangs "Saving…" is said under the list.
        self.writes.run(
            remove_action,
            self.context.path,
            action.id,
            controls=[self.add_button, self.edit_button, self.delete_button],
            done=lambda _none: self.context.data_changed.emit(Changes(actions=True), self),
            failed=lambda exc: self._say(not_deleted_text(exc, self.context.path, action.title)),
        )

    def _say(self, text: str) -> None:
        self.empty.setText(text)

    def _update_buttons(self, *_args) -> None:
        is_open = self.context.path is not None and not self.writes.running()
        self.add_button.setEnabled(is_open)
        has = self.selected() is not None and is_open
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _on_context_workspace_opened(self, path) -> None:
        # Nothing of the previous workspace stays listed while this one's read waits: Edit
        # or Delete on it would act on the action with its id here. Nor is an action of it
        # still waiting to be selected (saved) or opened (from Overview): the one with its id
        # here was.
        self._keep = self._asked = None
        self.model.set_actions([])
        self._update_buttons()
        self.reload()

    def _on_context_data_changed(self, changes: Changes, initiator: object) -> None:
        if changes.touches(Changes(actions=True, departments=True)):
            self.reload()  # also after its own edits: the list is read back sorted

    def _on_context_analysis_finished(self, result) -> None:
        self.reload()
