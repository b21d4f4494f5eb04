"""Settings: the organisation's name and logo, departments and headcounts, anonymity
thresholds, redaction names, shared folder and the key passphrase. Everything is stored in
the workspace, not in QSettings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.context import Changes
from desktop_app.hr_file_work import ROSTER
from desktop_app.models import settings_data as data
from desktop_app.panels.base import Panel, heading, natural_width
from desktop_app.panels.organisation_box import OrganisationBox
from desktop_app.panels.settings_anonymity import AnonymitySettings
from desktop_app.section_reads import SectionReads, waiting_text
from desktop_app.widgets.cell_retry import edit_again
from desktop_app.widgets.dialog_width import fit_to_title
from desktop_app.widgets.figures import (
    grouped,
    grouped_count,
    headcount_refused,
    typed_count,
    whole_number,
)
from desktop_app.widgets.kept_edits import KeptEdits
from desktop_app.widgets.small_groups import SmallGroupsNote
from desktop_app.widgets.start_folder import remember, start_in
from desktop_app.widgets.status_line import StatusLine
from desktop_app.widgets.table_height import fit_to_rows
from desktop_app.workspace_reads import read_settings
from desktop_app.workspace_write import WorkspaceWrite, failed_text, saving_text, write_setting
from surveys import departments as stored
from surveys.errors import RapportError
from surveys.read_options import ReadOptions

if TYPE_CHECKING:
    from desktop_app.jobs.runner import Job

#: Headcounts line up on their last digit, as numbers do in every table of the window.
NUMBER_ALIGNMENT = Qt.AlignRight | Qt.AlignVCenter
#: The departments table shows this many before it scrolls.
DEPARTMENT_ROWS = 12
#: The widest the settings form grows, in average characters (as the Overview's chart).
MAX_FORM_CHARS = 200


class SettingsPanel(AnonymitySettings, Panel):
    """The workspace's settings."""

    section = "settings"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._loading = False
        self._said_before = ""  # the message line's text while it says the read waits
        self.reads = SectionReads(context, self)
        self.reads.waiting.connect(self._on_reads_waiting)
        self.writes = WorkspaceWrite(context, self)
        self.writes.saving.connect(self._on_writes_saving)
        self._saved = False  # the last write's outcome, when it ended within the wait
        self.stored: data.WorkspaceSettings | None = None
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(heading(self.tr("Settings")))
        self.organisation = OrganisationBox(self.context)
        self.organisation.reported.connect(self._on_organisation_reported)
        #: The groups of the form, disabled while a newly opened workspace is read.
        self.groups = [
            self.organisation,
            self._departments_box(),
            self._privacy_box(),
            self._team_box(),
        ]
        for group in self.groups:
            layout.addWidget(group)
        self.min_group.valueChanged.connect(self._show_small_groups)  # as it is typed
        layout.addStretch(1)
        # On a wide screen the form ran the whole width: headcounts 2,000 pixels from their
        # departments, "Choose logo…" far from the logo. A form reads best narrower.
        body.setMaximumWidth(MAX_FORM_CHARS * body.fontMetrics().averageCharWidth())
        self.set_scrolling_body(body)
        # Under the form, not at its end: there, below the Team mode box, a refused headcount
        # or name was said off the bottom of a maximised window while its cell opened again.
        self.message = StatusLine(objectName="settingsMessage", wordWrap=True)
        self.message.setStyleSheet("font-weight: 600;")
        side = layout.contentsMargins().left()
        self.message.setContentsMargins(side, side // 2, side, side // 2)
        self.layout().addWidget(self.message)
        self.kept = self._kept_edits()

    def _kept_edits(self) -> KeptEdits:
        """The fields saved by their own button: typed and not saved, they outlive a
        reload after another group's save (the names to redact were put back)."""
        name = self.organisation.name
        return KeptEdits(
            {
                "organisation": (name.text, name.setText),
                "min_group": (self.min_group.value, self.min_group.setValue),
                "min_comment_group": (
                    self.min_comment_group.value,
                    self.min_comment_group.setValue,
                ),
                "names": (self.names.toPlainText, self.names.setPlainText),
                "share": (self.share.text, self.share.setText),
            }
        )

    def title(self) -> str:
        return self.tr("Settings")

    def unsaved(self) -> list[str]:
        """What is typed and not saved yet, in words ("the names to redact")."""
        words = {
            "organisation": self.tr("the organisation's name"),
            "min_group": self.tr("the anonymity thresholds"),
            "min_comment_group": self.tr("the anonymity thresholds"),
            "names": self.tr("the names to redact"),
            "share": self.tr("the shared folder"),
        }
        return list(dict.fromkeys(words[name] for name in self.kept.typed()))

    # -- building ----------------------------------------------------------------------
    def _departments_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Departments and headcounts"))
        self.departments = QTableWidget(0, 2, objectName="departmentsTable")
        self.departments.setAccessibleName(self.tr("Departments and headcounts"))
        self.departments.setHorizontalHeaderLabels([self.tr("Department"), self.tr("Headcount")])
        self.departments.verticalHeader().hide()
        self.departments.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.departments.horizontalHeaderItem(1).setTextAlignment(NUMBER_ALIGNMENT)
        fit_to_rows(self.departments, DEPARTMENT_ROWS, min_rows=2)
        self.departments.itemChanged.connect(self._on_departments_item_changed)
        add = QPushButton(self.tr("Add d&epartment…"), objectName="addDepartment")
        remove = QPushButton(self.tr("&Remove department"), objectName="removeDepartment")
        roster = QPushButton(self.tr("Import ros&ter…"), objectName="importRoster")
        roster.setToolTip(self.tr("Departments and headcounts from an HR export (CSV or Excel)"))
        add.clicked.connect(lambda: self.add_department())
        remove.clicked.connect(self.remove_selected)
        roster.clicked.connect(lambda: self.import_roster())
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addWidget(roster)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Double-click a name to rename it or a headcount to change it. Headcounts are "
                    "what participation is measured against."
                ),
                wordWrap=True,
            )
        )
        layout.addWidget(self.departments)
        self.small_groups = SmallGroupsNote(object_name="settingsSmallGroups")
        layout.addWidget(self.small_groups)
        layout.addLayout(buttons)
        return box

    def _team_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Team mode"))
        self.share = QLineEdit(objectName="shareFolder")
        self.share.setPlaceholderText(
            self.tr("Not set: the folder on a file server that respondents' apps use")
        )
        browse = QPushButton(self.tr("&Browse…"), objectName="browseShare")
        browse.clicked.connect(self._on_browse_clicked)
        save = QPushButton(self.tr("Save folder"), objectName="saveShare")
        save.clicked.connect(self.save_share)
        row = QHBoxLayout()
        row.addWidget(self.share, 1)
        row.addWidget(browse)
        row.addWidget(save)
        self.passphrase_button = QPushButton(
            self.tr("Change key &passphrase…"), objectName="changePassphrase"
        )
        self.passphrase_button.clicked.connect(self.change_passphrase)
        form = QFormLayout(box)
        label = QLabel(self.tr("Shared f&older:"))
        label.setBuddy(self.share)
        form.addRow(label, row)
        form.addRow(self.tr("Survey key:"), natural_width(self.passphrase_button))
        return box

    # -- loading -----------------------------------------------------------------------
    def reload(self, *, keep_typed: bool = False) -> None:
        """Show the workspace's current settings (read off the GUI thread: on a share that
        hangs the section says so above the form and shows them once it answers).

        ``keep_typed``: what was typed and not saved stays where its stored value did not
        change (:class:`KeptEdits`), judged when the read answers, which may be long after
        this returns."""
        if self.context.path is None:
            return
        show = self._show_keeping_typed if keep_typed else self._show
        self.reads.read("settings", read_settings, self.context.path, apply=show)

    def _show_keeping_typed(self, read: tuple) -> None:
        self.kept.reload(lambda: self._show(read))

    def _on_reads_waiting(self, text: str) -> None:
        """Say that the read waits for the folder; once it answers, what the line said
        before comes back ("Headcount of Operations saved.")."""
        if text:
            self._said_before = self.message.text()
            self.message.setText(text)
        elif self.message.text() == waiting_text():  # nothing was said since
            self.message.setText(self._said_before)

    def _show(self, read: tuple) -> None:
        values, depts, organisation, has_key = read
        for group in self.groups:
            group.setEnabled(True)
        self._loading = True
        self.departments.setRowCount(len(depts))
        for row, dept in enumerate(depts):
            self.departments.setItem(row, 0, QTableWidgetItem(dept.name))
            count = QTableWidgetItem("" if dept.headcount is None else grouped(dept.headcount))
            count.setTextAlignment(NUMBER_ALIGNMENT)
            self.departments.setItem(row, 1, count)
        self._loading = False
        # As tall as the departments (a blank band sat under four of them).
        fit_to_rows(self.departments, DEPARTMENT_ROWS, min_rows=2)
        self._names = [d.name for d in depts]
        self._counts = ["" if d.headcount is None else grouped(d.headcount) for d in depts]
        self.stored = values
        self.min_group.setValue(values.min_group)
        self.min_comment_group.setValue(values.min_comment_group)
        self._show_small_groups()
        self.names.setPlainText("\n".join(values.redaction_names))
        count = values.imported_names
        self.imported_names.setText(
            grouped_count(self.tr("%n names imported from a list.", "", count), count)
        )
        self.clear_names_button.setEnabled(values.imported_names > 0)
        self.share.setText(values.share)
        self.organisation.show_read(*organisation)
        self.passphrase_button.setEnabled(has_key)
        self.passphrase_button.setToolTip(
            "" if has_key else self.tr("The key pair is created when the first wave is published.")
        )
        self.kept.loaded()

    def _show_small_groups(self, *_args) -> None:
        names, counts = getattr(self, "_names", []), getattr(self, "_counts", [])
        rows = [(name, typed_count(c)) for name, c in zip(names, counts, strict=True)]
        self.small_groups.show_for(rows, self.min_group.value())

    # -- editing -----------------------------------------------------------------------
    def _apply(
        self, change, success: str, changes: Changes, analyse: bool = False, undo=None
    ) -> bool:
        """Run ``change(db)`` off the GUI thread with the section's buttons disabled; its
        outcome is said in the message line (on a share that hangs, "Saving…" until it
        ends). ``True`` when it was saved at once; ``undo()`` runs after a refusal or a
        failure. ``change`` runs on another thread: it reads no widget."""
        self._saved = False
        controls = [*self.findChildren(QAbstractButton), self.departments]
        ended = self.writes.run(
            write_setting,
            self.context.path,
            change,
            controls=controls,
            done=lambda _none: self._on_setting_saved(success, changes, analyse),
            failed=lambda exc: self._on_setting_failed(exc, undo),
        )
        return ended and self._saved

    def _on_setting_saved(self, success: str, changes: Changes, analyse: bool) -> None:
        self._saved = True
        self.message.setText(success)
        self.context.data_changed.emit(changes, self)
        if analyse:
            self.context.analyse_again()

    def _on_setting_failed(self, exc: BaseException, undo) -> None:
        if isinstance(exc, RapportError):
            self.message.setText(str(exc))
        else:
            self.message.setText(failed_text(exc, self.context.path))
        if undo is not None:
            undo()

    def _on_writes_saving(self, saving: bool) -> None:
        if saving:
            self.message.setText(saving_text())

    def _on_departments_item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        row, column = item.row(), item.column()
        old, typed = self._names[row], item.text()
        text = typed.strip()

        def again() -> None:  # refused or not saved: the typed text back in the editor
            stored_text = old if column == 0 else self._counts[row]
            edit_again(self.departments, row, column, stored_text, typed)

        if column == 0:
            self._apply(
                lambda db: stored.rename_department(db, old, text),
                self.tr("Renamed %1 to %2.").replace("%1", old).replace("%2", text),
                Changes(departments=True),
                undo=again,
            )
            return
        refused = headcount_refused(old, text)
        if refused:
            self.message.setText(refused)
            again()
            return
        value = whole_number(text) if text else None
        self._apply(
            lambda db: stored.set_headcount(db, old, value),
            self.tr("Headcount of %1 saved.").replace("%1", old),
            Changes(departments=True),
            undo=again,
        )

    def add_department(self, name: str | None = None, headcount: int | None = None) -> bool:
        """Add a department (asks for the name when none is given)."""
        if name is None:
            name = self._ask_department_name()
            if name is None:
                return False
        return self._apply(
            lambda db: stored.add_department(db, name, headcount),
            self.tr("Added %1.").replace("%1", name.strip()),
            Changes(departments=True),
        )

    def _ask_department_name(self) -> str | None:
        """The new department's name, or ``None`` when HR cancels.

        Qt's ``QInputDialog.getText`` sizes the dialog for its one line of text, so the
        window manager cut the title to "Add d… apport".
        """
        dialog = QInputDialog(self, objectName="addDepartmentDialog")
        dialog.setWindowTitle(self.tr("Add department"))
        dialog.setLabelText(self.tr("Name of the new department:"))
        dialog.setOkButtonText(self.tr("&Add"))
        # The dialog's layout fixes its size to its contents (a minimum width on the dialog
        # is ignored): widen the field instead, by the layout's margins less.
        fit_to_title(dialog, chars=40)
        dialog.minimumSizeHint()  # lays the dialog out (Qt builds its field on demand)
        margins = dialog.layout().contentsMargins()
        dialog.findChild(QLineEdit).setMinimumWidth(
            dialog.minimumWidth() - margins.left() - margins.right()
        )
        return dialog.textValue() if dialog.exec() == QInputDialog.Accepted else None

    def remove_selected(self) -> bool:
        """Remove the selected department (refused when answers refer to it)."""
        row = self.departments.currentRow()
        if row < 0:
            self.message.setText(self.tr("Select a department to remove."))
            return False
        name = self._names[row]
        return self._apply(
            lambda db: stored.remove_department(db, name),
            self.tr("Removed %1.").replace("%1", name),
            Changes(departments=True),
        )

    def _choose_file(self, title: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self, title, start_in(), self.tr("Tables (*.csv *.tsv *.txt *.xlsx);;All files (*)")
        )
        remember(path)
        return path or None

    def import_roster(self, path: str | None = None) -> QDialog | None:
        """Ask for a roster file (when not given) and show what importing it would do,
        with its Worksheet and Encoding choices; Import there runs :meth:`run_roster_import`."""
        path = path or self._choose_file(self.tr("Import roster"))
        if not path:
            return None
        return self._preview_file(path, ROSTER, self.run_roster_import)

    def run_roster_import(
        self, path: str, read: ReadOptions | None = None, department_column: str | None = None
    ) -> Job:
        """Set departments and headcounts from a roster file, read as ``read`` says (and
        from ``department_column`` when given).

        The file is read on the worker thread: one built to take minutes (or HR's largest
        export) never freezes the window.
        """
        from desktop_app.hr_file_work import import_hr_file

        read = read or ReadOptions()
        return self._import_file(
            self.tr("Import roster"),
            lambda folder, _progress: import_hr_file(folder, path, ROSTER, read, department_column),
            Changes(departments=True),
        )

    def _preview_file(self, path: str, kind: str, run) -> QDialog:
        from desktop_app.hr_file_dialog import HrFileDialog

        dialog = HrFileDialog(self.context, path, kind, self)
        dialog.accepted.connect(
            lambda: run(path, dialog.options(), **_column_of(dialog, kind == ROSTER))
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _import_file(self, label: str, work, changes: Changes, analyse: bool = False) -> Job:
        self.message.setText(self.tr("Reading the file…"))
        job = self.context.submit(label, work)
        job.shows_failure = True  # in the message line; the window need not say it again
        job.succeeded.connect(lambda report: self._on_import_succeeded(report, changes, analyse))
        job.failed.connect(lambda error: self.message.setText(error.message))
        return job

    def _on_import_succeeded(self, report, changes: Changes, analyse: bool) -> None:
        self.message.setText(report.summary())
        self.context.data_changed.emit(changes, self)
        if analyse:
            self.context.analyse_again()

    def save_share(self) -> bool:
        share = self.share.text()
        return self._apply(
            lambda db: data.save_share(db, share),
            self.tr("Shared folder saved."),
            Changes(settings=True),
        )

    def _on_browse_clicked(self) -> None:
        folder = remember(
            QFileDialog.getExistingDirectory(
                self, self.tr("Choose the shared folder"), start_in(self.share.text())
            )
        )
        if folder:
            self.share.setText(folder)
            self.save_share()

    def change_passphrase(self) -> None:
        from desktop_app.passphrase_dialog import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(self.context.path, self)
        if dialog.exec() == ChangePassphraseDialog.Accepted:
            self.message.setText(self.tr("The key passphrase was changed."))

    def _on_organisation_reported(self, message: str) -> None:
        self.message.setText(message)

    # -- context -----------------------------------------------------------------------
    def _on_context_workspace_opened(self, path) -> None:
        self.message.clear()
        self._said_before = ""
        # The form shows the previous workspace's settings until this one's read answers
        # (at once on a working disk): saved meanwhile, they would be stored here.
        for group in self.groups:
            group.setEnabled(False)
        self.reload()

    def _on_context_data_changed(self, changes: Changes, initiator: object) -> None:
        if changes.touches(Changes(settings=True, departments=True)):
            message = self.message.text()
            # Also after its own edits (names are read back cleaned); what is typed in
            # another group and not saved yet stays.
            self.reload(keep_typed=True)
            self.message.setText(message)


def _column_of(dialog, roster: bool) -> dict:
    """The roster dialog's department column, as :meth:`run_roster_import` takes it; the
    name-list dialog's entries to leave out, as ``run_names_import`` takes them."""
    if roster:
        return {"department_column": dialog.department_column()}
    return {"leave_out": dialog.left_out()}
