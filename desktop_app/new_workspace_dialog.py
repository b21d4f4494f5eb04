"""File › New workspace…: a folder, the organisation's name, departments and headcounts.

Creating calls :func:`surveys.store.create_workspace`, the function `rapport init` calls,
so both check the same things (two departments at least, no name twice, whole-number
headcounts) and build the workspace the same way. The window then opens it.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.widgets.discard_guard import DiscardGuard
from desktop_app.widgets.screen_fit import fit_to_screen
from desktop_app.widgets.small_groups import SmallGroupsNote
from desktop_app.widgets.tab_out import leave_after_last_cell
from surveys.model import DEFAULT_DEPARTMENTS
from surveys.publish_checks import DEFAULT_MIN_GROUP


def folder_name_for(organisation: str) -> str:
    """A folder name for an organisation ("Northwind Diagnostics" → "northwind-diagnostics")."""
    words = re.findall(r"[a-z0-9]+", organisation.lower())
    return "-".join(words) or "rapport-workspace"


class NewWorkspaceDialog(DiscardGuard, QDialog):
    """Ask for the new workspace's folder, organisation and departments; create it."""

    def __init__(self, parent: QWidget | None = None, start: str | None = None) -> None:
        super().__init__(parent)
        self.created: Path | None = None
        self.setWindowTitle(self.tr("New workspace"))
        self.parent_folder = Path(start) if start else Path.home() / "Documents"
        self.organisation_edit = QLineEdit(objectName="newOrganisation")
        self.organisation_edit.setPlaceholderText(self.tr("e.g. Northwind Diagnostics"))
        self.folder_edit = QLineEdit(objectName="newFolder")
        self._folder_touched = False
        self.folder_edit.textEdited.connect(self._on_folder_edit_text_edited)
        self.organisation_edit.textChanged.connect(self._on_organisation_edit_text_changed)
        self.browse_button = QPushButton(self.tr("&Choose…"), objectName="newFolderBrowse")
        self.browse_button.clicked.connect(lambda: self.choose_folder())
        self.table = QTableWidget(0, 2, objectName="newDepartments")
        self.table.setAccessibleName(self.tr("Departments and headcounts"))
        leave_after_last_cell(self.table)  # on to Add department and Create
        self.table.setHorizontalHeaderLabels([self.tr("Department"), self.tr("Headcount")])
        self.table.verticalHeader().hide()
        # One cell at a time, as in a spreadsheet: with whole rows, the headcount beside a
        # name being typed was painted as selected, which read as an error.
        self.table.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        for name in DEFAULT_DEPARTMENTS:
            self.add_department(name)
        self.add_button = QPushButton(self.tr("&Add department"), objectName="newAddDepartment")
        self.remove_button = QPushButton(self.tr("&Remove"), objectName="newRemoveDepartment")
        self.add_button.clicked.connect(lambda: self.add_department(edit=True))
        self.remove_button.clicked.connect(self.remove_department)
        self.error = QLabel(objectName="newWorkspaceError", wordWrap=True)
        self.error.setStyleSheet("font-weight: 600;")
        self._layout()
        self._on_organisation_edit_text_changed("")
        self.opened = self._typed()  # what Cancel compares with
        self.discarding = False  # Cancel was pressed once with typed changes
        self.organisation_edit.textEdited.connect(self._keep_editing)
        self.table.itemChanged.connect(self._keep_editing)
        self.table.itemChanged.connect(self._show_small_groups)

    def _layout(self) -> None:
        folder = QHBoxLayout()
        folder.addWidget(self.folder_edit, 1)
        folder.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("&Organisation:"), self.organisation_edit)
        folder_label = QLabel(self.tr("&Folder:"))
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, folder)
        rows = QHBoxLayout()
        rows.addWidget(self.add_button)
        rows.addWidget(self.remove_button)
        rows.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Cr&eate"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        heading = QLabel(self.tr("&Departments and headcounts"))
        heading.setBuddy(self.table)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        self.small_groups = SmallGroupsNote(object_name="newSmallGroups")
        layout.addWidget(self.small_groups)
        layout.addLayout(rows)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Headcounts let Rapport show participation against the number of people in "
                    "each department; leave one empty if you do not know it. You can change all "
                    "of this later in Settings."
                ),
                wordWrap=True,
            )
        )
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        h = self.fontMetrics().height()
        # Room for six departments with the note on small ones under them, within the screen.
        fit_to_screen(self, h * 40, h * 34)

    def _show_small_groups(self, *_args) -> None:
        """Departments smaller than the (new workspace's) threshold, said as typed."""
        rows = []
        for row in range(self.table.rowCount()):
            name, count = (self.table.item(row, c) for c in (0, 1))
            digits = count.text().strip() if count is not None else ""
            if name is not None and name.text().strip() and digits.isdigit():
                rows.append((name.text().strip(), int(digits)))
        self.small_groups.show_for(rows, DEFAULT_MIN_GROUP)

    # -- editing -----------------------------------------------------------------------
    def add_department(self, name: str = "", headcount: str = "", edit: bool = False) -> int:
        """Add a row (and start typing its name with ``edit``); returns the row."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        count = QTableWidgetItem(headcount)
        count.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.table.setItem(row, 1, count)
        if edit:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))
        return row

    def remove_department(self) -> None:
        """Remove the rows of the selected cells (a name or a headcount picks its row)."""
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def choose_folder(self, parent: str | None = None) -> None:
        """Choose the folder the workspace goes in (its own folder is made inside)."""
        if parent is None:
            parent = QFileDialog.getExistingDirectory(
                self, self.tr("Where to keep the workspace"), str(self.parent_folder)
            )
        if parent:
            self.parent_folder = Path(parent)
            self._folder_touched = False
            self._on_organisation_edit_text_changed(self.organisation_edit.text())

    def _on_organisation_edit_text_changed(self, text: str) -> None:
        if not self._folder_touched:
            self.folder_edit.setText(str(self.parent_folder / folder_name_for(text)))

    def _on_folder_edit_text_edited(self, _text: str) -> None:
        self._folder_touched = True

    # -- creating ----------------------------------------------------------------------
    def departments(self) -> tuple[list[str], dict[str, int]]:
        """The names and headcounts in the table (rows without a name are left out).

        Raises
        ------
        ValueError
            With the message to show when a headcount is not a whole number.
        """
        names: list[str] = []
        headcounts: dict[str, int] = {}
        for row in range(self.table.rowCount()):
            name = (self.table.item(row, 0) or QTableWidgetItem()).text().strip()
            count = (self.table.item(row, 1) or QTableWidgetItem()).text().strip()
            if not name:
                if count:
                    message = self.tr("Row %1 has a headcount but no name; type the name.")
                    raise ValueError(message.replace("%1", str(row + 1)))
                continue
            names.append(name)
            if count:
                if not count.isdigit():
                    raise ValueError(
                        self.tr("Headcount of %1: “%2” is not a whole number; write it like 40.")
                        .replace("%1", name)
                        .replace("%2", count)
                    )
                headcounts[name] = int(count)
        return names, headcounts

    def _typed(self) -> tuple:
        cells = [
            (self.table.item(r, c) or QTableWidgetItem()).text()
            for r in range(self.table.rowCount())
            for c in (0, 1)
        ]
        return self.organisation_edit.text(), self.folder_edit.text(), cells

    def reject(self) -> None:
        """Cancel, Escape or the title bar: with an organisation or departments typed, the
        first one only says so (they were lost without a word); a second one closes."""
        warning = self.tr(
            "The workspace is not created yet. Press Create to create it, or Discard to "
            "close without it."
        )
        if self.may_close(self._typed() == self.opened, warning, self.tr("Di&scard")):
            super().reject()

    def accept(self) -> None:
        """Create the workspace, or say what to fix and stay open."""
        from surveys.errors import RapportError
        from surveys.store import create_workspace

        folder = self.folder_edit.text().strip()
        if not folder:
            self.error.setText(self.tr("Folder: choose where the workspace goes."))
            return
        path = Path(folder).expanduser()
        try:
            names, headcounts = self.departments()
            db = create_workspace(path, names, headcounts, self.organisation_edit.text())
        except (ValueError, RapportError) as exc:
            self.error.setText(str(exc))
            return
        db.close()
        self.created = path.resolve()
        super().accept()
