"""Editing the workspace's themes in a form: names, keywords and phrases, no YAML.

The list on the left holds the themes (Add, Rename, Remove); the form on the right edits
the selected one. Problems are listed as HR types (:func:`analysis.taxonomy_form.check_drafts`)
and Save refuses while there are any. Import and Export read and write taxonomy YAML: an
imported file with a problem is refused with its line numbers and the form stays as it
was. Saving stores the themes (:func:`analysis.taxonomy_setting.save_workspace_taxonomy`);
the Themes section then re-runs the analysis as a job.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from analysis.taxonomy_form import (
    ThemeDraft,
    check_drafts,
    describe,
    drafts_from_yaml,
    drafts_to_yaml,
    next_version,
    split_entries,
)
from desktop_app.widgets.saving_dialog import SavingDialog
from desktop_app.widgets.screen_fit import fit_to_screen
from desktop_app.widgets.start_folder import remember, start_in


class TaxonomyDialog(SavingDialog, QDialog):
    """The themes form; Save stores the themes (the caller re-runs the analysis)."""

    def __init__(self, context, parent: QWidget | None = None, text: str | None = None) -> None:
        """``text``: the workspace's taxonomy as read off the GUI thread
        (:func:`desktop_app.panels.theme_reads.read_taxonomy_text`); without it, read here."""
        super().__init__(parent)
        from desktop_app.panels.theme_reads import read_taxonomy_text

        self.context = context
        self.saved = False
        self.last_message = ""  # the last import refusal, as shown
        self.setWindowTitle(self.tr("Edit the themes"))
        if text is None:
            text = read_taxonomy_text(context.path)
        self.version, self.drafts = drafts_from_yaml(text, "workspace taxonomy")
        self.loaded = [ThemeDraft(**vars(d)) for d in self.drafts]
        self._filling = False
        self.discarding = False  # Cancel was pressed once with unsaved changes
        self._build()
        self.error = self.problems  # where SavingDialog says "Saving…" and why it failed
        self._say = self.problems.setText
        self.start_writes()
        self._fill_list(0)
        h = self.fontMetrics().height()
        fit_to_screen(self, h * 60, h * 40)

    # -- building ----------------------------------------------------------------------
    def _build(self) -> None:
        self.list = QListWidget(objectName="themeList")
        self.list.setAccessibleName(self.tr("Themes"))
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.add_button = QPushButton(self.tr("&Add theme"), objectName="addTheme")
        self.rename_button = QPushButton(self.tr("Re&name"), objectName="renameTheme")
        self.remove_button = QPushButton(self.tr("Re&move"), objectName="removeTheme")
        self.add_button.clicked.connect(self.add_theme)
        self.rename_button.clicked.connect(self.rename_theme)
        self.remove_button.clicked.connect(self.remove_theme)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.remove_button):
            row.addWidget(button)
        left_layout.addLayout(row)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self._form())
        splitter.setStretchFactor(1, 2)
        self.problems = QLabel(objectName="taxonomyProblems", wordWrap=True)
        self.problems.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Save).setText(self.tr("&Save and re-analyse"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.import_button = QPushButton(self.tr("&Import YAML…"), objectName="importTaxonomy")
        self.export_button = QPushButton(self.tr("E&xport YAML…"), objectName="exportTaxonomy")
        self.restore_button = QPushButton(
            self.tr("Use the shipped &themes"), objectName="restoreTaxonomy"
        )
        self.import_button.clicked.connect(lambda: self.import_yaml())
        self.export_button.clicked.connect(lambda: self.export_yaml())
        self.restore_button.clicked.connect(self.restore_shipped)
        for button in (self.import_button, self.export_button, self.restore_button):
            self.buttons.addButton(button, QDialogButtonBox.ResetRole)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

    def _form(self) -> QWidget:
        self.name_edit = QLineEdit(objectName="themeName")
        self.description_edit = QLineEdit(objectName="themeDescription")
        self.keywords_edit = QPlainTextEdit(objectName="themeKeywords")
        self.keywords_edit.setTabChangesFocus(True)  # Tab moves on; it typed a tab character
        self.phrases_edit = QPlainTextEdit(objectName="themePhrases")
        self.phrases_edit.setTabChangesFocus(True)  # Tab moves on; it typed a tab character
        self.keywords_edit.setPlaceholderText(self.tr("e.g. vendor, contract, procurement"))
        self.phrases_edit.setPlaceholderText(self.tr("e.g. purchase order, sign off"))
        for edit in (self.name_edit, self.description_edit):
            edit.textEdited.connect(self._on_form_edited)
        for edit in (self.keywords_edit, self.phrases_edit):
            edit.textChanged.connect(self._on_form_edited)
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Nam&e:"), self.name_edit)
        form.addRow(self.tr("&Description:"), self.description_edit)
        form.addRow(self.tr("&Keywords:"), self.keywords_edit)
        form.addRow(self.tr("&Phrases:"), self.phrases_edit)
        form.addRow(
            "",
            QLabel(
                self.tr(
                    "One per line, or separated by commas. Words are matched in every form "
                    "(“delay” also finds “delays”); a phrase counts twice as much as a "
                    "keyword. In a phrase, * stands for any one word and ... for up to three."
                ),
                wordWrap=True,
            ),
        )
        return box

    # -- showing -----------------------------------------------------------------------
    def _fill_list(self, row: int) -> None:
        self._keep_editing()  # a theme added, removed, imported: Cancel asks again
        self.list.blockSignals(True)
        self.list.clear()
        for draft in self.drafts:
            self.list.addItem(QListWidgetItem(self._list_text(draft)))
        self.list.blockSignals(False)
        if self.drafts:
            self.list.setCurrentRow(max(0, min(row, len(self.drafts) - 1)))
        self._on_list_current_row_changed(self.list.currentRow())

    def _list_text(self, draft: ThemeDraft) -> str:
        return draft.name.strip() or self.tr("(no name)")

    def current(self) -> ThemeDraft | None:
        """The theme being edited."""
        row = self.list.currentRow()
        return self.drafts[row] if 0 <= row < len(self.drafts) else None

    def _on_list_current_row_changed(self, row: int) -> None:
        draft = self.current()
        self._filling = True
        for edit in (self.name_edit, self.description_edit, self.keywords_edit, self.phrases_edit):
            edit.setEnabled(draft is not None)
        self.name_edit.setText(draft.name if draft else "")
        self.description_edit.setText(draft.description if draft else "")
        self.keywords_edit.setPlainText("\n".join(draft.keywords) if draft else "")
        self.phrases_edit.setPlainText("\n".join(draft.phrases) if draft else "")
        self._filling = False
        self.rename_button.setEnabled(draft is not None)
        self.remove_button.setEnabled(draft is not None)
        self.show_problems()

    def _on_form_edited(self, *_args) -> None:
        draft = self.current()
        if self._filling or draft is None:
            return
        draft.name = self.name_edit.text()
        draft.description = self.description_edit.text()
        draft.keywords = split_entries(self.keywords_edit.toPlainText())
        draft.phrases = split_entries(self.phrases_edit.toPlainText())
        self.list.currentItem().setText(self._list_text(draft))
        self._keep_editing()
        self.show_problems()

    def _keep_editing(self) -> None:
        self.discarding = False
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))

    def reject(self) -> None:
        """Cancel, Escape or the title bar: with unsaved changes the first one only says so
        (while the themes are being saved: that the save goes on, SavingDialog)."""
        if self.writes.running():
            SavingDialog.reject(self)
            return
        if self.drafts == self.loaded or self.discarding:
            super().reject()
            return
        self.discarding = True
        self.problems.setText(
            self.tr(
                "Your changes to the themes are not saved. Press Save and re-analyse to keep "
                "them, or Discard changes to close without them."
            )
        )
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Dis&card changes"))

    def show_problems(self) -> list:
        """List what must be fixed before Save (nothing when the themes are fine)."""
        problems = check_drafts(self.drafts)
        if problems:
            count = self.tr("%n problems to fix before saving:", "", len(problems))
            lines = [f"• {describe(p, self.drafts)}" for p in problems[:6]]
            if len(problems) > 6:
                lines.append(self.tr("• and %n more", "", len(problems) - 6))
            self.problems.setText(count + "\n" + "\n".join(lines))
        else:
            self.problems.setText(self.tr("%n themes, ready to save.", "", len(self.drafts)))
        return problems

    # -- editing -----------------------------------------------------------------------
    def add_theme(self) -> None:
        """Add an empty theme at the end and start typing its name."""
        self.drafts.append(ThemeDraft(""))
        self._fill_list(len(self.drafts) - 1)
        self.name_edit.setFocus()

    def rename_theme(self) -> None:
        """Select the name of the current theme for typing a new one."""
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def remove_theme(self) -> None:
        """Remove the current theme (nothing is stored until Save)."""
        row = self.list.currentRow()
        if 0 <= row < len(self.drafts):
            del self.drafts[row]
            self._fill_list(row)

    def restore_shipped(self) -> None:
        """Put Rapport's shipped themes in the form (Save to use them)."""
        from analysis.taxonomy_setting import shipped_taxonomy_text

        self.version, self.drafts = drafts_from_yaml(shipped_taxonomy_text(), "taxonomy.yaml")
        self._fill_list(0)

    def import_yaml(self, path: str | None = None) -> bool:
        """Replace the form's themes with those of a YAML file, or say why not."""
        from analysis.themes import TaxonomyError

        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import themes"), start_in(), self.tr("Taxonomy (*.yaml *.yml)")
            )
            remember(path)
        if not path:
            return False
        try:
            text = Path(path).read_text(encoding="utf-8")
            version, drafts = drafts_from_yaml(text, path)
        except (OSError, UnicodeDecodeError) as exc:
            reason = self.tr("%1 cannot be read (%2).").replace("%1", path)
            self._refuse(reason.replace("%2", str(exc)))
            return False
        except TaxonomyError as exc:
            self._refuse(
                self.tr("Nothing was imported; fix these lines and import again:")
                + "\n"
                + "\n".join(exc.problems)
            )
            return False
        self.version, self.drafts = version, drafts
        self._fill_list(0)
        return True

    def _refuse(self, message: str) -> None:
        self.last_message = message
        QMessageBox.warning(self, self.tr("Import themes"), message)

    def export_yaml(self, path: str | None = None) -> bool:
        """Write the form's themes to a YAML file (only when they can be saved)."""
        if self.show_problems():
            QMessageBox.warning(
                self, self.tr("Export themes"), self.tr("Fix the problems listed first.")
            )
            return False
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export themes"),
                start_in(name="themes.yaml"),
                self.tr("Taxonomy (*.yaml *.yml)"),
            )
            remember(path)
        if not path:
            return False
        try:
            Path(path).write_text(drafts_to_yaml(self.drafts, self.version), encoding="utf-8")
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export themes"), str(exc))
            return False
        return True

    def accept(self) -> None:
        """Check, store in the workspace (off the GUI thread: on a share that hangs the
        buttons wait with "Saving…" above them), close (the caller re-runs the analysis)."""
        from analysis.taxonomy_setting import shipped_taxonomy_text

        if self.writes.running():
            return
        problems = self.show_problems()
        if problems:
            self._go_to(problems[0])
            return
        _, shipped = drafts_from_yaml(shipped_taxonomy_text(), "taxonomy.yaml")
        if self.drafts == shipped:
            text = shipped_taxonomy_text()  # the workspace follows the shipped themes again
        else:
            version = self.version if self.drafts == self.loaded else next_version(self.version)
            text = drafts_to_yaml(self.drafts, version)
        self.save(
            store_taxonomy,
            text,
            controls=[self.buttons.button(QDialogButtonBox.Save)],
            done=self._saved,
        )

    def _saved(self, _none: None) -> None:
        self.saved = True
        self.close_saved()

    def _go_to(self, problem) -> None:
        """Show the theme and field a problem is about."""
        if problem.theme >= 0:
            self.list.setCurrentRow(problem.theme)
        edit = {"name": self.name_edit, "phrases": self.phrases_edit}.get(
            problem.field, self.keywords_edit
        )
        edit.setFocus()


def store_taxonomy(path: Path, text: str) -> None:
    """Check ``text`` and keep it as the taxonomy of the workspace ``path``
    (:func:`analysis.taxonomy_setting.save_workspace_taxonomy`), in one open; runs on any
    thread."""
    from analysis.taxonomy_setting import save_workspace_taxonomy
    from desktop_app.workspace_reads import open_for_section

    db = open_for_section(path)
    try:
        save_workspace_taxonomy(db, text)
    finally:
        db.close()
