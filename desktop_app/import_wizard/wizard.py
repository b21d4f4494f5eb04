"""File › Import responses…: a wizard to bring in another tool's export.

1. **File**: pick the export (CSV, TSV, XLSX) and, optionally, a saved mapping; the file is
   read on the worker thread and the detected layout is shown.
2. **Mapping** (:mod:`.mapping_page`): check and edit the mapping against a live preview.
3. **Import**: the import runs as a job in the worker process, with a progress bar and
   Cancel; problems (row and column) are listed and nothing is imported until they are
   fixed; on success the summary is shown and the window's panels are told.

A tidy response CSV skips the mapping (it needs none).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app.context import Changes
from desktop_app.import_wizard.mapping_page import MappingPage
from desktop_app.import_wizard.read_choices import ReadChoices
from desktop_app.widgets.problem_list import problem_list
from desktop_app.widgets.screen_fit import fit_to_screen
from desktop_app.widgets.start_folder import remember, start_in

FILE_PAGE, MAPPING_PAGE, IMPORT_PAGE = range(3)
#: Milliseconds after the last key in a path field before a path naming a file is read.
READ_AFTER_MS = 600
_EXPORTS = "Survey exports (*.csv *.tsv *.txt *.xlsx *.zip);;All files (*)"


def _browse_row(edit: QLineEdit, button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row


class FilePage(QWizardPage):
    """Pick the file (and a saved mapping); see what it is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Choose the file"))
        self._read: tuple[str, str | None] | None = None
        self.setSubTitle(
            self.tr(
                "An export of Qualtrics, SurveyMonkey, Microsoft Forms, Google "
                "Forms, LimeSurvey, any table with one row per respondent, a comment "
                "export (Culture Amp, Peakon, Viva Glint, Qualtrics EX, Lattice), "
                "or Rapport's response CSV."
            )
        )
        self.job = None
        self.file = QLineEdit(objectName="importFile")
        self.file.setAccessibleName(self.tr("File"))
        browse = QPushButton(self.tr("&Browse…"), objectName="importBrowse")
        browse.clicked.connect(self._on_browse_clicked)
        self.suggest = QRadioButton(
            self.tr("&Suggest a mapping from the file"), objectName="importSuggest", checked=True
        )
        self.saved = QRadioButton(self.tr("Use a sa&ved mapping:"), objectName="importUseSaved")
        group = QButtonGroup(self)
        group.addButton(self.suggest)
        group.addButton(self.saved)
        self.mapping_file = QLineEdit(objectName="importMappingFile")
        self.mapping_file.setAccessibleName(self.tr("Saved mapping"))
        browse_map = QPushButton(self.tr("B&rowse…"), objectName="importBrowseMapping")
        browse_map.clicked.connect(self._on_browse_mapping_clicked)
        self.detected = QLabel(objectName="importDetected", wordWrap=True)
        self.detected.setTextInteractionFlags(Qt.TextSelectableByMouse)
        for edit in (self.file, self.mapping_file):
            edit.editingFinished.connect(self.read_file)
            edit.textEdited.connect(lambda _text: self.pause.start())
        # A path pasted or typed is read once typing pauses and it names a file: Next stayed
        # greyed out, with nothing said, until Enter or Tab.
        self.pause = QTimer(self, singleShot=True, interval=READ_AFTER_MS)
        self.pause.timeout.connect(self._on_pause_timeout)
        self.suggest.toggled.connect(lambda _on: self.read_file())
        # The field is there to be typed in: typing a mapping's path chooses it, as
        # picking one with its Browse… button does (it sat enabled and did nothing).
        self.mapping_file.textEdited.connect(self._on_mapping_file_text_edited)
        form = QFormLayout(self)
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.file)
        form.addRow(file_label, _browse_row(self.file, browse))
        form.addRow(self.tr("Mapping:"), self.suggest)
        form.addRow("", self.saved)
        form.addRow("", _browse_row(self.mapping_file, browse_map))
        form.addRow(self.detected)
        self.read_choices = ReadChoices(form, self)
        self.read_choices.changed.connect(self.read_file)

    def _on_pause_timeout(self) -> None:
        # Only whole paths: a half-typed one would be said to be missing while typing.
        paths = [self.file] + ([self.mapping_file] if self.saved.isChecked() else [])
        if all(Path(edit.text().strip()).is_file() for edit in paths):
            self.read_file()

    def _on_mapping_file_text_edited(self, text: str) -> None:
        if text.strip():
            self.saved.setChecked(True)

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import responses from"), start_in(self.file.text()), self.tr(_EXPORTS)
        )
        remember(path)
        if path:
            self.file.setText(path)
            self.read_file()

    def _on_browse_mapping_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Saved mapping"),
            start_in(self.mapping_file.text()),
            self.tr("Import mapping (*.yaml *.yml)"),
        )
        if path:
            self.mapping_file.setText(path)
            self.saved.setChecked(True)
            self.read_file()

    def read_file(self):
        """Read the file (and mapping) on the worker thread; show what was found."""
        from desktop_app.import_work import prepare

        text = self.file.text().strip()
        mapping = self.mapping_file.text().strip() if self.saved.isChecked() else None
        if self._read is None or text != self._read[0]:
            self.read_choices.forget()  # another file: Rapport's guess again
        read = self.read_choices.options()
        if (text, mapping, read) == self._read:
            return self.job  # unchanged (a field lost focus): keep what was read
        self._read = (text, mapping, read)
        wizard = self.wizard()
        wizard.prepared = None
        self.completeChanged.emit()
        if not text or (self.saved.isChecked() and not mapping):
            self._show("")
            return None
        self.detected.setText(self.tr("Reading %1…").replace("%1", Path(text).name))
        job = wizard.context.submit(
            self.tr("Reading the file"),
            lambda workspace, progress: prepare(workspace, text, mapping, progress, read),
        )
        job.shows_failure = True  # said on this page; the window need not say it again
        self.job = job
        # Only the latest choice counts: a file chosen before it may still be read after.
        job.succeeded.connect(lambda prepared: self._on_job_succeeded(job, prepared))
        job.failed.connect(lambda error: self._on_job_failed(job, error))
        return job

    def _on_job_succeeded(self, job, prepared) -> None:
        if job is not self.job:
            return  # another file (or mapping) was chosen while this one was read
        self.wizard().prepared = prepared
        self.read_choices.show_for(prepared)
        note = ""
        if prepared.suggestion is None:
            note = " " + self.tr("It needs no mapping.")
        elif prepared.suggestion.to_check():
            note = " " + self.tr(
                "%n lines of the suggested mapping to check.",
                "",
                len(prepared.suggestion.to_check()),
            )
        self._show(self.tr("Detected: %1.").replace("%1", prepared.description) + note)
        self.completeChanged.emit()

    def _on_job_failed(self, job, error) -> None:
        if job is not self.job:
            return
        self._show(error.message)
        # no encoding reads an archive, or makes group results or a condensed export answers
        if getattr(error, "kind", "") not in ("ZippedFileError", "LayoutError"):
            self.read_choices.offer_encodings(self.file.text().strip())

    def _show(self, text: str) -> None:
        self.job = None
        self.detected.setText(text)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.wizard() is not None and self.wizard().prepared is not None

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        prepared = self.wizard().prepared
        return IMPORT_PAGE if prepared is not None and prepared.suggestion is None else MAPPING_PAGE


class ImportPage(QWizardPage):
    """Import as a job: progress, Cancel, the summary or every problem."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Import"))
        self.setSubTitle(
            self.tr(
                "Everything is checked first: if anything is wrong, nothing is "
                "imported and every problem is listed."
            )
        )
        self.job = None
        self.done = False
        self.summary = QLabel(objectName="importSummary", wordWrap=True)
        self.start_button = QPushButton(self.tr("&Import"), objectName="importStart")
        self.cancel_button = QPushButton(self.tr("&Cancel import"), objectName="importCancel")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(objectName="importProgress")
        self.progress.setRange(0, 1000)
        self.message = QLabel(objectName="importMessage", wordWrap=True)
        self.problems = problem_list("importRunProblems", self.tr("Problems"))
        self.problems.hide()
        self.wave_form = QFormLayout()
        self.wave = _wave_field(self, self.wave_form)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(self.wave_form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.problems, 1)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        wizard = self.wizard()
        self.done = False
        self.summary.setText(
            self.tr(
                "Import %1 into the workspace %2. Identity columns are "
                "never imported; responses imported before are skipped."
            )
            .replace("%1", wizard.prepared.path.name)
            .replace("%2", wizard.context.path.name)
        )
        self.progress.setValue(0)
        self.message.setText("")
        self.problems.clear()
        self.problems.hide()
        # a comment export's wave: the month of each date, unless HR names one (as --wave)
        self.wave_form.setRowVisible(self.wave, wizard.prepared.layout.name == "comments")

    def start(self):
        """Run the import in the worker process."""
        wizard = self.wizard()
        prepared = wizard.prepared
        mapping = prepared.suggestion.mapping if prepared.suggestion else None
        comments = prepared.layout.name == "comments"
        self.job = wizard.context.submit_process(
            self.tr("Import"),
            "desktop_app.import_work:import_responses",
            str(prepared.path),
            mapping,
            wave=(self.wave.text().strip() or None) if comments else None,
            read=prepared.read,
        )
        self.job.shows_failure = True  # in this page's message line
        self.job.progressed.connect(self._on_job_progressed)
        self.job.succeeded.connect(self._on_job_succeeded)
        self.job.failed.connect(lambda error: self._finish(error.message))
        self.job.cancelled.connect(
            lambda: self._finish(self.tr("Import cancelled; nothing was imported."))
        )
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.problems.hide()
        self.message.setText(self.tr("Importing…"))
        return self.job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.message.setText(self.tr("Cancelling…"))

    def _on_job_progressed(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.message.setText(message)

    def _on_job_succeeded(self, result: dict) -> None:
        if not result["ok"]:
            self._finish(
                self.tr(
                    "Nothing was imported. Fix these problems in the file or the "
                    "mapping, then import again:"
                )
            )
            self.problems.addItems(result["problems"][:-1])
            self.problems.show()
            if any("--wave " in problem for problem in result["problems"]):
                self.message.setText(self.message.text() + " " + self._wave_hint())
            return
        self.done = True
        self.progress.setValue(1000)
        self._finish(result["summary"])
        self.start_button.setEnabled(False)
        wizard = self.wizard()
        wizard.context.data_changed.emit(Changes(responses=True, waves=True), wizard)
        wizard.imported.emit(result)
        self.completeChanged.emit()

    def _wave_hint(self) -> str:
        """Where the wizard takes the wave a problem names with ``--wave`` (an option of
        `rapport import`, the command line)."""
        if self.wave_form.isRowVisible(self.wave):
            return self.tr(
                "Where a problem says --wave, write that wave's name in Wave above and "
                "import again."
            )
        return self.tr(
            "Where a problem says --wave, go Back to Check the mapping, choose Wave: One "
            "wave named, write that wave's name and import again."
        )

    def _finish(self, message: str) -> None:
        self.job = None
        self.message.setText(message)
        self.start_button.setEnabled(not self.done)
        self.cancel_button.setEnabled(False)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.done


class ImportWizard(QWizard):
    """File › Import responses…"""

    imported = Signal(object)  # the import job's result (plain data)

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.prepared = None
        self.setWindowTitle(self.tr("Import responses"))
        self.setObjectName("importWizard")
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.import_page = ImportPage(self)
        self.setPage(FILE_PAGE, self.file_page)
        self.setPage(MAPPING_PAGE, self.mapping_page)
        self.setPage(IMPORT_PAGE, self.import_page)
        self.setOption(QWizard.NoBackButtonOnLastPage, False)
        char, h = self.fontMetrics().averageCharWidth(), self.fontMetrics().height()
        self.setMinimumSize(char * 110, h * 40)
        fit_to_screen(self, char * 150, h * 52)  # on a small screen its pages scroll

    def reject(self) -> None:
        """Cancel stops a running import first; a second Cancel closes the wizard."""
        if self.import_page.job is not None:
            self.import_page.cancel()
            return
        super().reject()


def _wave_field(page: QWizardPage, form: QFormLayout) -> QLineEdit:
    """A comment export's "Wave" (what ``--wave`` gives `rapport import`): empty, each
    comment goes to the wave of its date's month; a name puts every comment in it (the
    way out when the dates cannot be read with certainty, or their wave was released)."""
    wave = QLineEdit(objectName="importWave")
    wave.setPlaceholderText(page.tr("the month of each comment's date"))
    wave.setAccessibleName(page.tr("Wave"))
    wave.setToolTip(
        page.tr(
            "Leave empty to put each comment in the wave of its date's month, or name one "
            "wave for every comment (2025-11, 2025-11-b). Where a problem says --wave, "
            "write the wave here."
        )
    )
    label = QLabel(page.tr("&Wave:"))
    label.setBuddy(wave)
    form.addRow(label, wave)
    form.setRowVisible(wave, False)
    return wave
