"""The Anonymity group of the Settings section (a mixin of
:class:`desktop_app.panels.settings_panel.SettingsPanel`): the two thresholds, asked about
before one is lowered below the default, and the names to redact, typed or imported from
a list. Saving any of them re-runs the analysis."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
)

from analysis.privacy import DEFAULT_MIN_GROUP, FLOOR
from analysis.privacy_settings import save_redaction_names, save_thresholds
from desktop_app.context import Changes
from desktop_app.hr_file_work import NAMES
from desktop_app.panels.base import natural_width
from desktop_app.widgets.dialog_width import widen_message_box
from surveys.read_options import ReadOptions

if TYPE_CHECKING:
    from collections.abc import Collection

    from desktop_app.jobs.runner import Job
    from surveys.importing.name_words import Pair


class AnonymitySettings:
    """Thresholds and redaction names; needs the panel's ``_apply``, ``_import_file``,
    ``_preview_file``, ``_choose_file``, ``message`` and ``stored``."""

    def _spin(self, name: str) -> QSpinBox:
        spin = QSpinBox(objectName=name)
        spin.setRange(FLOOR, 100)  # never below 3, whatever is typed
        spin.setSuffix(self.tr(" people"))  # a bare "5" did not say five of what
        spin.setMaximumWidth(self.fontMetrics().averageCharWidth() * 16)
        spin.setAccessibleDescription(self.tr("At least %1").replace("%1", str(FLOOR)))
        return spin

    def _privacy_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Anonymity"))
        self.min_group = self._spin("minGroup")
        self.min_comment_group = self._spin("minCommentGroup")
        self.names = QPlainTextEdit(objectName="redactionNames")
        self.names.setTabChangesFocus(True)  # Tab moves on; it typed a tab character
        self.names.setPlaceholderText(self.tr("One name per line, e.g. Dana Whitfield"))
        self.names.setMaximumHeight(self.fontMetrics().height() * 7)
        note = QLabel(
            self.tr(
                "Scores and comments are shown only for groups of at least this many people. "
                "The minimum is %1: with fewer, colleagues could often tell who answered what, "
                "and people stop answering honestly."
            ).replace("%1", str(FLOOR)),
            objectName="thresholdNote",
            wordWrap=True,
        )
        save = QPushButton(self.tr("Save and re-anal&yse"), objectName="savePrivacy")
        save.clicked.connect(self.save_privacy)
        self.imported_names = QLabel(objectName="importedNames")
        load = QPushButton(self.tr("&Import name list…"), objectName="importNames")
        load.setToolTip(
            self.tr(
                "Employees' names from a CSV or Excel file; only the "
                "normalised names are kept, not the file"
            )
        )
        self.clear_names_button = QPushButton(
            self.tr("Clear imported names"), objectName="clearImportedNames"
        )
        load.clicked.connect(lambda: self.import_names())
        self.clear_names_button.clicked.connect(self.clear_imported_names)
        imported = QHBoxLayout()
        imported.addWidget(self.imported_names, 1)
        imported.addWidget(load)
        imported.addWidget(self.clear_names_button)
        form = QFormLayout(box)
        form.addRow(self.tr("Smallest group for &scores:"), self.min_group)
        form.addRow(self.tr("Smallest group for &comments:"), self.min_comment_group)
        form.addRow(note)
        form.addRow(self.tr("Names to re&dact:"), self.names)
        form.addRow("", imported)
        form.addRow(
            QLabel(
                self.tr(
                    "These names (and their first or last name alone) are replaced by [name] "
                    "in every "
                    "comment shown or exported; e-mails, phone numbers and links always are."
                ),
                wordWrap=True,
            )
        )
        form.addRow("", natural_width(save))  # under the fields, as wide as its words
        return box

    def lowered_thresholds(self) -> list[tuple[str, int, int]]:
        """``(what, stored, new)`` of each threshold the form lowers below the default."""
        if self.stored is None:
            return []
        lowered = []
        for what, spin, before in (
            (self.tr("scores"), self.min_group, self.stored.min_group),
            (self.tr("comments"), self.min_comment_group, self.stored.min_comment_group),
        ):
            if spin.value() < before and spin.value() < DEFAULT_MIN_GROUP:
                lowered.append((what, before, spin.value()))
        return lowered

    def confirm_lowering(self, lowered: list[tuple[str, int, int]]) -> bool:
        """Explain what a smaller group costs and ask before it is saved."""
        changes = "\n".join(
            self.tr("Smallest group for %1: from %2 to %3.")
            .replace("%1", what)
            .replace("%2", str(old))
            .replace("%3", str(new))
            for what, old, new in lowered
        )
        smallest = min(new for _what, _old, new in lowered)
        box = QMessageBox(
            QMessageBox.Warning, self.tr("Lower the threshold?"), changes, parent=self
        )
        box.setObjectName("lowerThresholdBox")
        box.setInformativeText(
            self.tr(
                "Smaller groups show more pairs, but each figure then rests on fewer people: "
                "it is less reliable, and colleagues can more easily tell who answered what. "
                "In a group of %1, two people who compare their answers know the last one's. "
                "People who suspect this stop answering honestly. Lower it only for small "
                "departments, and tell the respondents."
            ).replace("%1", str(smallest))
        )
        lower = box.addButton(
            self.tr("&Lower to %1").replace("%1", str(smallest)), QMessageBox.AcceptRole
        )
        keep = box.addButton(self.tr("&Keep the current thresholds"), QMessageBox.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        widen_message_box(box, chars=70)
        box.exec()
        return box.clickedButton() is lower

    def confirm_clearing(self) -> bool:
        """Say what clearing the imported names undoes, and ask before it is done."""
        count = self.stored.imported_names if self.stored is not None else 0
        box = QMessageBox(
            QMessageBox.Warning,
            self.tr("Clear imported names?"),
            self.tr("Remove the %n imported names?", "", count),
            parent=self,
        )
        box.setObjectName("clearNamesBox")
        box.setInformativeText(
            self.tr(
                "Comments will show these names again after the next analysis, which starts "
                "now, in every wave, released ones included. Names typed above stay redacted. "
                "To redact them again, import the list again."
            )
        )
        clear = box.addButton(self.tr("&Clear %n names", "", count), QMessageBox.DestructiveRole)
        keep = box.addButton(self.tr("&Keep the names"), QMessageBox.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        widen_message_box(box, chars=70)
        box.exec()
        return box.clickedButton() is clear

    def save_privacy(self) -> bool:
        """Store thresholds and names (asking first if a threshold is lowered), then
        re-run the analysis with them."""
        lowered = self.lowered_thresholds()
        if lowered and not self.confirm_lowering(lowered):
            self.min_group.setValue(self.stored.min_group)
            self.min_comment_group.setValue(self.stored.min_comment_group)
            self.message.setText(self.tr("Nothing was saved: the thresholds stay as they were."))
            return False
        names = self.names.toPlainText().splitlines()
        groups = self.min_group.value(), self.min_comment_group.value()

        def change(db) -> None:  # runs off the GUI thread: it reads no widget
            save_thresholds(db, *groups)
            save_redaction_names(db, names)

        return self._apply(
            change,
            self.tr("Saved. The analysis runs again with the new thresholds and names."),
            Changes(settings=True),
            analyse=True,
        )

    def import_names(self, path: str | None = None) -> QDialog | None:
        """Ask for a name list (when not given) and show what importing it would do;
        Import there runs :meth:`run_names_import`."""
        path = path or self._choose_file(self.tr("Import name list"))
        if not path:
            return None
        return self._preview_file(path, NAMES, self.run_names_import)

    def run_names_import(
        self, path: str, read: ReadOptions | None = None, leave_out: Collection[Pair] = ()
    ) -> Job:
        """Add the names of a file to the imported redaction names (less the word entries
        of ``leave_out``: :mod:`surveys.importing.name_words`), then re-analyse."""
        from desktop_app.hr_file_work import import_hr_file

        read = read or ReadOptions()
        left = tuple(leave_out)
        return self._import_file(
            self.tr("Import name list"),
            lambda folder, _progress: import_hr_file(folder, path, NAMES, read, None, left),
            Changes(settings=True),
            analyse=True,
        )

    def clear_imported_names(self) -> bool:
        """Ask, then forget the imported names (the typed ones stay) and re-analyse."""
        from surveys.importing.names import clear_names

        if not self.confirm_clearing():
            self.message.setText(self.tr("Nothing was changed: the imported names stay."))
            return False
        return self._apply(
            clear_names,
            self.tr("The imported names were removed; the analysis runs again."),
            Changes(settings=True),
            analyse=True,
        )
