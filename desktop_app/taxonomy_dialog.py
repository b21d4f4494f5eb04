"""Editing the workspace's theme taxonomy: add a theme with keywords, or edit the YAML.

The text is validated before it is stored (:mod:`analysis.taxonomy_setting`); problems are
shown in words with the line and field.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def theme_id_for(label: str) -> str:
    """A theme id made from a label: ``"Vendor contracts"`` → ``"vendor_contracts"``."""
    words = re.findall(r"[a-z0-9]+", label.lower())
    theme_id = "_".join(words)
    return theme_id if theme_id[:1].isalpha() else f"theme_{theme_id}"


def theme_yaml(label: str, keywords: list[str], description: str = "") -> str:
    """The YAML lines of one theme, indented as in the shipped taxonomy."""

    def quoted(word: str) -> str:
        return '"' + word.replace('"', "'") + '"'

    lines = [f"  - id: {theme_id_for(label)}", f"    label: {quoted(label.strip())}"]
    if description.strip():
        lines.append(f"    description: {quoted(description.strip())}")
    lines.append("    keywords: [" + ", ".join(quoted(k) for k in keywords) + "]")
    return "\n".join(lines) + "\n"


class TaxonomyDialog(QDialog):
    """Add themes and edit the taxonomy; Save stores it and asks for a re-analysis."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.saved = False
        self.setWindowTitle(self.tr("Edit the themes"))
        from analysis.taxonomy_setting import workspace_taxonomy_text

        db = context.connect()
        try:
            text = workspace_taxonomy_text(db)
        finally:
            db.close()
        self.editor = QPlainTextEdit(text, objectName="taxonomyText")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.editor.setAccessibleName(self.tr("Taxonomy (YAML)"))
        self.error = QLabel(objectName="taxonomyError", wordWrap=True)
        self.error.setStyleSheet("font-weight: 600;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Save).setText(self.tr("Save and re-analyse"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        restore = QPushButton(self.tr("Use the shipped themes"), objectName="restoreTaxonomy")
        restore.clicked.connect(self.restore_shipped)
        self.buttons.addButton(restore, QDialogButtonBox.ResetRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self._add_box())
        layout.addWidget(
            QLabel(
                self.tr(
                    "Or edit the whole list. Each theme has an id, a label, and keywords or "
                    "phrases; "
                    'words are matched in every form ("delay" also finds "delays").'
                ),
                wordWrap=True,
            )
        )
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        h = self.fontMetrics().height()
        self.resize(h * 48, h * 40)

    def _add_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Add a theme"))
        self.label_edit = QLineEdit(objectName="newThemeLabel")
        self.label_edit.setPlaceholderText(self.tr("e.g. Vendor contracts"))
        self.keywords_edit = QLineEdit(objectName="newThemeKeywords")
        self.keywords_edit.setPlaceholderText(self.tr("e.g. vendor, contract, procurement"))
        add = QPushButton(self.tr("&Add"), objectName="addTheme")
        add.clicked.connect(self.add_theme)
        row = QHBoxLayout()
        row.addWidget(self.keywords_edit, 1)
        row.addWidget(add)
        form = QFormLayout(box)
        form.addRow(self.tr("&Label:"), self.label_edit)
        keywords = QLabel(self.tr("&Keywords:"))
        keywords.setBuddy(self.keywords_edit)
        form.addRow(keywords, row)
        return box

    def add_theme(self) -> bool:
        """Append the theme of the two fields to the text (checked before it is added)."""
        from analysis.themes import TaxonomyError, taxonomy_from_yaml_text

        label = self.label_edit.text().strip()
        keywords = [k.strip() for k in self.keywords_edit.text().split(",") if k.strip()]
        if not label or not keywords:
            self.error.setText(self.tr("Give the new theme a label and at least one keyword."))
            return False
        text = self.editor.toPlainText().rstrip("\n") + "\n\n" + theme_yaml(label, keywords)
        try:
            taxonomy_from_yaml_text(text, "taxonomy")
        except TaxonomyError as exc:
            self.error.setText(str(exc))
            return False
        self.editor.setPlainText(text)
        self.label_edit.clear()
        self.keywords_edit.clear()
        self.error.setText(self.tr("Added “%1”. Save to use it.").replace("%1", label))
        return True

    def restore_shipped(self) -> None:
        from analysis.taxonomy_setting import shipped_taxonomy_text

        self.editor.setPlainText(shipped_taxonomy_text())
        self.error.setText(self.tr("The shipped themes are back in the editor. Save to use them."))

    def accept(self) -> None:
        """Validate, store in the workspace, close (the caller re-runs the analysis)."""
        from analysis.taxonomy_setting import save_workspace_taxonomy
        from analysis.themes import TaxonomyError

        db = self.context.connect()
        try:
            save_workspace_taxonomy(db, self.editor.toPlainText())
        except TaxonomyError as exc:
            self.error.setText(str(exc))
            return
        finally:
            db.close()
        self.saved = True
        super().accept()
