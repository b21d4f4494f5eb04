"""The import wizard's "Worksheet" and "Encoding" choices, shown only when they matter.

Rapport picks a workbook's sheet of answers and recognises a CSV's encoding; when it is
wrong, HR chooses here, as ``--sheet`` and ``--encoding`` do for `rapport import`
(:mod:`surveys.read_options`). The file is then read again with the choice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from surveys.read_options import ReadOptions

#: Encodings offered when the one recognised may be wrong: (label, Python codec).
ENCODINGS = (
    ("UTF-8", "utf-8"),
    ("Windows-1252 (Western European)", "cp1252"),
    ("Windows-1250 (Central European)", "cp1250"),
    ("Windows-1251 (Cyrillic)", "cp1251"),
    ("ISO-8859-2 (Latin-2: Hungarian, Croatian, Slovene...)", "iso8859-2"),
    ("ISO-8859-15 (Latin-9, Western European)", "iso8859-15"),
    ("MS-DOS code page 850", "cp850"),
    ("Mac Roman", "mac-roman"),
    ("UTF-16 little-endian, without a byte-order mark", "utf-16-le"),
    ("UTF-16 big-endian, without a byte-order mark", "utf-16-be"),
    ("UTF-32 little-endian, without a byte-order mark", "utf-32-le"),
    ("UTF-32 big-endian, without a byte-order mark", "utf-32-be"),
)


class ReadChoices(QObject):
    """The file page's "Worksheet" and "Encoding" choices, shown only when they matter:
    a workbook of two or more visible worksheets; a CSV read in a code page that its words
    suggested (they may mislead), or with a byte that could not be read."""

    changed = Signal()

    def __init__(self, form: QFormLayout, page: QWidget) -> None:
        super().__init__(page)
        self.form = form
        self.sheet = QComboBox(objectName="importSheet")
        self.sheet.setAccessibleName(page.tr("Worksheet"))
        self.encoding = QComboBox(objectName="importEncoding")
        self.encoding.setAccessibleName(page.tr("Encoding"))
        sheet_label = QLabel(page.tr("&Worksheet:"))
        sheet_label.setBuddy(self.sheet)
        encoding_label = QLabel(page.tr("&Encoding:"))
        encoding_label.setBuddy(self.encoding)
        self.sample = QLabel(objectName="importEncodingSample", wordWrap=True)
        self.sample.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.sample.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        form.addRow(sheet_label, self.sheet)
        form.addRow(encoding_label, self.encoding)
        form.addRow("", self.sample)
        self._chosen_sheet: str | None = None
        self._chosen_encoding: str | None = None
        self.sheet.activated.connect(self._on_sheet_activated)
        self.encoding.activated.connect(self._on_encoding_activated)
        self._show_rows(False, False)

    def options(self) -> ReadOptions:
        return ReadOptions(self._chosen_encoding, self._chosen_sheet)

    def forget(self) -> None:
        """Another file: no choice made for it yet."""
        self._chosen_sheet = self._chosen_encoding = None
        self._show_rows(False, False)

    def show_for(self, prepared) -> None:
        """Offer the choices that matter for the file just read."""
        sheets = len(prepared.sheets) > 1
        if sheets:
            self.sheet.clear()
            self.sheet.addItems(prepared.sheets)
            self.sheet.setCurrentText(prepared.sheet)
        encodings = prepared.encoding_matters or bool(self._chosen_encoding)
        if encodings:
            self.encoding.clear()
            if not self._chosen_encoding:
                recognised = self.parent().tr("%1 (as recognised)").replace("%1", prepared.encoding)
                self.encoding.addItem(recognised, None)
            for label, codec in ENCODINGS:
                self.encoding.addItem(label, codec)
            if self._chosen_encoding:
                self.encoding.setCurrentIndex(self.encoding.findData(self._chosen_encoding))
            self.sample.setText(
                self.parent().tr("Read as: “%1” (check its letters)").replace("%1", prepared.sample)
                if prepared.sample
                else ""
            )
        self._show_rows(sheets, encodings)

    def offer_encodings(self, path: str) -> None:
        """The file could not be read at all (UTF-16 without a byte-order mark looks like
        binary data): for a CSV or TSV file, offer the encodings, the way to read it."""
        if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
            return
        self.encoding.clear()
        if not self._chosen_encoding:
            self.encoding.addItem(self.parent().tr("Choose the file's encoding…"), None)
        for label, codec in ENCODINGS:
            self.encoding.addItem(label, codec)
        if self._chosen_encoding:
            self.encoding.setCurrentIndex(self.encoding.findData(self._chosen_encoding))
        self.sample.clear()
        self._show_rows(False, True)

    def _show_rows(self, sheets: bool, encodings: bool) -> None:
        self.form.setRowVisible(self.sheet, sheets)
        self.form.setRowVisible(self.encoding, encodings)
        self.form.setRowVisible(self.sample, encodings and bool(self.sample.text()))

    def _on_sheet_activated(self, _index: int) -> None:
        self._chosen_sheet = self.sheet.currentText()
        self.changed.emit()

    def _on_encoding_activated(self, _index: int) -> None:
        self._chosen_encoding = self.encoding.currentData()
        self.changed.emit()
