"""Settings' "Import roster" and "Import name list": what the file would do, before it does.

The file is read on the worker thread as the import would read it (a roster's dry run;
a name list's count of names), and the dialog shows the result: the headcounts it would
set, what it leaves out (leavers, totals, people listed twice, title rows), or every
problem with its row and column. As in the import wizard, a **Worksheet** choice shows
for a workbook of two or more visible sheets and an **Encoding** choice for a CSV or TSV
file, and for a roster with more than one column that could hold departments (BambooHR's
Department and Division, Workday's Cost Center and Supervisory Organization) a
**Department column** choice; a choice reads the file again. *Import* is enabled only
once the file reads without a problem, and nothing is changed before it is pressed.

A name list's entries that are ordinary words or a department's name ("Never Helpful",
"Sales": :mod:`surveys.importing.name_words`) are listed under the preview, each with a
tick box: a ticked entry is left out of the import (and out of the list, if an earlier
import stored it). None is ticked at first: the list is HR's, and a name left out is a
name comments show.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.hr_file_work import ROSTER, HrFilePreview, preview_hr_file
from desktop_app.import_wizard.read_choices import ReadChoices
from surveys.importing.name_words import Pair
from surveys.read_options import ReadOptions

#: After this long still reading, the dialog says why it may take long (a large file; a
#: share slow to answer), and that Cancel changes nothing.
SLOW_MS = 3000


class HrFileDialog(QDialog):
    """Preview a roster or name list, choose how to read it, then import (or cancel)."""

    def __init__(self, context, path: str, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="hrFileDialog")
        self.context = context
        self.path = path
        self.kind = kind
        self._serial = 0
        #: The reading not answered yet (its serial), if any.
        self._pending: int | None = None
        roster = kind == ROSTER
        self.setWindowTitle(self.tr("Import roster") if roster else self.tr("Import name list"))
        intro = QLabel(self._intro(roster), objectName="hrFileIntro", wordWrap=True)
        form = QFormLayout()
        form.addRow(self.tr("File:"), QLabel(Path(path).name, objectName="hrFileName"))
        self.read_choices = ReadChoices(form, self)
        self.read_choices.changed.connect(self._on_read_choice)
        self.form = form
        self.department = QComboBox(objectName="hrFileDepartment")
        self.department.setAccessibleName(self.tr("Department column"))
        department_label = QLabel(self.tr("&Department column:"))
        department_label.setBuddy(self.department)
        form.addRow(department_label, self.department)
        form.setRowVisible(self.department, False)
        self._department: str | None = None
        self.department.activated.connect(self._on_department_activated)
        self.preview = QPlainTextEdit(objectName="hrFilePreview", readOnly=True)
        self.preview.setAccessibleName(self.tr("What the import would do"))
        self.words_label = QLabel(
            self.tr(
                "These entries are ordinary words or a department's name. Tick those that "
                "are not people to leave them out:"
            ),
            objectName="hrFileWordsLabel",
            wordWrap=True,
        )
        self.words = QListWidget(objectName="hrFileWords")
        self.words.setAccessibleName(self.tr("Entries to leave out"))
        self.words_label.setBuddy(self.words)
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.import_button = buttons.addButton(self.tr("&Import"), QDialogButtonBox.AcceptRole)
        self.import_button.setObjectName("hrFileImport")
        self.import_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview, 2)
        layout.addWidget(self.words_label)
        layout.addWidget(self.words, 1)
        layout.addWidget(buttons)
        self._show_words(())
        self.resize(640, 460)
        self.read_file()

    def _intro(self, roster: bool) -> str:
        if roster:
            return self.tr(
                "Only departments and headcounts are kept (and, with a login column, each "
                "login's department). Names, e-mails, ids and pay are not read into the "
                "workspace. Check what the import would do, then choose Import."
            )
        return self.tr(
            "Only each person's given and family name is kept, normalised, to redact "
            "comments; no other column is read and the file is not kept. Check what the "
            "import would do, then choose Import."
        )

    def done(self, result: int) -> None:
        """Closed: a reading still on its way is not shown (the dialog may be gone)."""
        self._serial += 1
        super().done(result)

    def options(self) -> ReadOptions:
        """How the file is to be read (the Worksheet and Encoding choices)."""
        return self.read_choices.options()

    def left_out(self) -> list[Pair]:
        """The word entries ticked to be left out of the import."""
        items = (self.words.item(row) for row in range(self.words.count()))
        return [item.data(Qt.UserRole) for item in items if item.checkState() == Qt.Checked]

    def _show_words(self, entries, stored: Collection[Pair] = ()) -> None:
        """List the name list's word entries, none ticked; hidden when there are none.
        Those in ``stored`` (an earlier import stored them) are marked "imported before",
        and the label says that a tick takes them out of the list, so comments show them
        again."""
        self.words.clear()
        before = self.tr("imported before")
        again = self.tr("Ticked, it is taken out of the list: comments show it again.")
        for entry in entries:
            known = entry.pair in stored
            text = f"{entry.line()} — {before}" if known else entry.line()
            item = QListWidgetItem(text, self.words)
            item.setToolTip(again if known else "")
            item.setData(Qt.UserRole, entry.pair)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
        label = self.tr(
            "These entries are ordinary words or a department's name. Tick those that are "
            "not people to leave them out:"
        )
        if any(entry.pair in stored for entry in entries):
            label = self.tr(
                "These entries are ordinary words or a department's name. Tick those that "
                "are not people to leave them out; a tick on one imported before takes it "
                "out of the list, and comments show it again:"
            )
        self.words_label.setText(label)
        self.words_label.setVisible(bool(entries))
        self.words.setVisible(bool(entries))

    def department_column(self) -> str | None:
        """The department column chosen, or ``None`` for Rapport's pick."""
        return self._department

    def _offer_departments(self, preview: HrFilePreview) -> None:
        """The columns that could hold departments; with none found, every heading."""
        self.department.clear()
        if not preview.department:
            self.department.addItem(self.tr("Choose the department column…"), None)
        for name in preview.department_choices:
            self.department.addItem(name, name)
        if preview.department:
            self.department.setCurrentIndex(self.department.findData(preview.department))
        self.form.setRowVisible(self.department, True)

    def _on_read_choice(self) -> None:
        """Another worksheet or encoding: its own headings, so Rapport's pick of the
        department column again (one chosen before may not be there)."""
        self._department = None
        self.read_file()

    def _on_department_activated(self, _index: int) -> None:
        chosen = self.department.currentData()
        if chosen:
            self._department = chosen
            self.read_file()

    def read_file(self) -> None:
        """Read the file again, as chosen; only the latest reading is shown."""
        self._serial += 1
        serial, read, path, kind = self._serial, self.options(), self.path, self.kind
        self._pending = serial
        column = self._department
        self.import_button.setEnabled(False)
        self.preview.setPlainText(self.tr("Reading the file…"))
        QTimer.singleShot(SLOW_MS, self, lambda: self._on_slow(serial))
        job = self.context.submit(
            self.windowTitle(),
            lambda folder, _progress: preview_hr_file(folder, path, kind, read, column),
        )
        job.shows_failure = True  # said in the dialog
        job.succeeded.connect(lambda result: self._on_read(serial, result))
        job.failed.connect(lambda error: self._on_failed(serial, error))

    def reading(self) -> bool:
        """Whether a reading of the file has not answered yet."""
        return self._pending is not None and self._pending == self._serial

    def _on_slow(self, serial: int) -> None:
        if serial == self._pending == self._serial:  # that reading has not answered yet
            self.preview.setPlainText(
                self.tr(
                    "Still reading the file… A large file takes a while; on a network drive, "
                    "the file's or the workspace's folder may be slow to answer. What the "
                    "import would do shows here once it is read; Cancel changes nothing."
                )
            )

    def _on_read(self, serial: int, preview: HrFilePreview) -> None:
        if serial != self._serial:
            return  # a choice made since: its reading counts
        self._pending = None
        self.read_choices.show_for(preview)
        if len(preview.department_choices) > 1:
            self._offer_departments(preview)
        elif self._department is None:  # one column, or none to offer: no stale headings
            self.form.setRowVisible(self.department, False)
        self._show_words(() if preview.problems else preview.word_entries, preview.stored_words)
        if preview.problems:
            self.preview.setPlainText("\n".join(preview.problems))
        else:
            self.preview.setPlainText(preview.summary)
        self.import_button.setEnabled(not preview.problems)

    def _on_failed(self, serial: int, error) -> None:
        if serial == self._serial:
            self._pending = None
            self.preview.setPlainText(getattr(error, "message", str(error)))
