"""File › Export…: write the deck, the workbook or the CSV files of a wave as a job.

For the deck, HR chooses how many of the top hotspots get a slide of their own.

The export re-applies every anonymity rule (:mod:`analysis.export`), runs off the GUI
thread with progress and Cancel, records the file in the workspace's export log, and says
where it wrote with a button to open the folder.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from analysis.export import DEFAULT_HOTSPOT_SLIDES, MAX_HOTSPOT_SLIDES
from desktop_app.widgets.start_folder import remember, start_in

#: format id -> (file suffix or "" for a folder)
FORMATS = {"pptx": ".pptx", "xlsx": ".xlsx", "csv": ""}


class ExportDialog(QDialog):
    """Choose a format and a destination, then export as a job."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.job = None
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Export"))
        self.wave = context.wave or (context.result.wave if context.result else None)
        self.radios = {
            "pptx": QRadioButton(self.tr("&PowerPoint deck (editable charts and tables)")),
            "xlsx": QRadioButton(
                self.tr(
                    "E&xcel workbook (matrix, hotspots, themes, participation, trends, comments)"
                )
            ),
            "csv": QRadioButton(self.tr("&CSV files (one per table, into a folder)")),
        }
        self.group = QButtonGroup(self)
        for key, radio in self.radios.items():
            radio.setObjectName(f"format_{key}")
            self.group.addButton(radio)
            radio.toggled.connect(lambda on, k=key: on and self._on_format_chosen(k))
        self.hotspots = QSpinBox(objectName="exportHotspots")
        self.hotspots.setRange(0, MAX_HOTSPOT_SLIDES)
        self.hotspots.setValue(DEFAULT_HOTSPOT_SLIDES)
        self.hotspots.setMaximumWidth(self.fontMetrics().averageCharWidth() * 10)
        self.hotspots.setAccessibleName(self.tr("Hotspot slides"))
        self.hotspots.setToolTip(
            self.tr(
                "How many of the top hotspots get a slide of their own (0 to %1; the "
                "Overview shows the top %2)."
            )
            .replace("%1", str(MAX_HOTSPOT_SLIDES))
            .replace("%2", str(DEFAULT_HOTSPOT_SLIDES))
        )
        self.destination = QLineEdit(objectName="exportDestination")
        self.destination.setAccessibleName(self.tr("Destination"))
        #: A file that exists and that the analyst agreed to replace (asked once per name).
        self.replace_ok: Path | None = None
        self.destination.textChanged.connect(self._on_destination_changed)
        browse = QPushButton(self.tr("&Browse…"), objectName="exportBrowse")
        browse.clicked.connect(self._on_browse_clicked)
        self.progress = QProgressBar(objectName="exportProgress")
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.message = QLabel(objectName="exportMessage", wordWrap=True)
        self.export_button = QPushButton(self.tr("&Export"), objectName="exportStart")
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), objectName="exportCancel")
        self.open_button = QPushButton(self.tr("&Open folder"), objectName="exportOpenFolder")
        self.open_button.hide()
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.open_button.clicked.connect(self.open_folder)
        self._layout(browse)
        self.radios["pptx"].setChecked(True)

    def _layout(self, browse: QPushButton) -> None:
        formats = QVBoxLayout()
        for radio in self.radios.values():
            formats.addWidget(radio)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Wave:"), QLabel(self.wave or self.tr("the latest")))
        form.addRow(self.tr("Format:"), formats)
        self.hotspots_label = QLabel(self.tr("&Hotspot slides:"))
        self.hotspots_label.setBuddy(self.hotspots)
        form.addRow(self.hotspots_label, self.hotspots)
        save_to = QLabel(self.tr("&Save to:"))
        save_to.setBuddy(self.destination)
        form.addRow(save_to, where)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Exports follow the anonymity rules: small groups are left out, comments are "
                    "redacted and quotes shuffled."
                ),
                wordWrap=True,
            )
        )
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.sizeHint().height())

    def chosen_format(self) -> str:
        return next(key for key, radio in self.radios.items() if radio.isChecked())

    def _default_path(self, key: str) -> Path:
        base = Path.home() / "Documents"
        base = base if base.is_dir() else Path.home()
        wave, organisation = self.wave or "latest", self._organisation()
        stem = f"{organisation} {wave}" if organisation else f"rapport-{wave}"
        return base / (stem + FORMATS[key] if FORMATS[key] else stem + "-csv")

    def _organisation(self) -> str:
        """The organisation's name as a file name may hold it (leaders receive the deck as
        "Acme Health 2026-12.pptx", not "rapport-2026-12.pptx")."""
        result = getattr(self.context, "result", None)
        name = getattr(result, "organisation", "") or ""
        return " ".join(re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", name).split()).strip(".")

    def _on_format_chosen(self, key: str) -> None:
        for widget in (self.hotspots, self.hotspots_label):
            widget.setEnabled(key == "pptx")  # only the deck has hotspot slides
        current = self.destination.text().strip()
        if not current:
            self.destination.setText(str(self._default_path(key)))
            return
        path = Path(current)
        stem = path.stem if path.suffix in (".pptx", ".xlsx") else path.name.removesuffix("-csv")
        name = stem + FORMATS[key] if FORMATS[key] else stem + "-csv"
        self.destination.setText(str(path.with_name(name)))

    def _on_browse_clicked(self) -> None:
        key = self.chosen_format()
        if key == "csv":
            folder = remember(
                QFileDialog.getExistingDirectory(
                    self, self.tr("Folder for the CSV files"), start_in(self.destination.text())
                )
            )
            if folder:
                self.destination.setText(folder)
            return
        pattern = self.tr("PowerPoint (*.pptx)") if key == "pptx" else self.tr("Excel (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to"), start_in(self.destination.text()), pattern
        )
        remember(path)
        if path:
            self.destination.setText(path if path.endswith(FORMATS[key]) else path + FORMATS[key])
            self.replace_ok = Path(self.destination.text())  # the file dialog asked already

    def _on_destination_changed(self, _text: str) -> None:
        self.replace_ok = None
        self.export_button.setText(self.tr("&Export"))
        self._make_default(self.export_button)  # a new name is for a new export

    def _asks_to_replace(self, target: Path) -> bool:
        """Whether ``target`` is a file the analyst has not yet agreed to replace (said)."""
        if not target.is_file() or target == self.replace_ok:
            return False
        self.replace_ok = target
        written = datetime.fromtimestamp(target.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        self.message.setText(
            self.tr(
                "%1 already exists (written %2), perhaps with your own changes. Press Replace "
                "to write over it, or choose another name."
            )
            .replace("%1", target.name)
            .replace("%2", written)
        )
        self.export_button.setText(self.tr("&Replace"))
        return True

    def start(self):
        """Check the destination, then export on the worker thread."""
        from analysis.export import check_outputs
        from analysis.export.files import make_folder
        from surveys.errors import RapportError

        key = self.chosen_format()
        text = self.destination.text().strip()
        if not text:
            self.message.setText(self.tr("Choose where to save the export."))
            return None
        target = Path(text).expanduser()
        if FORMATS[key] and target.suffix.lower() != FORMATS[key]:
            target = target.with_name(target.name + FORMATS[key])
        try:
            check_outputs(**{key: target})
            if FORMATS[key] and self._asks_to_replace(target):
                return None
            if key == "csv":  # its reason said (a share gone since the check): no traceback
                make_folder(target)
        except RapportError as exc:
            self.message.setText(str(exc))
            return None
        wave = self.context.wave

        # In the worker process: the deck's analysis never stalls this window.
        options = {"hotspots": self.hotspots.value()} if key == "pptx" else {}
        self.job = self.context.submit_process(
            self.tr("Export"),
            "analysis.export:export_workspace",
            wave=wave,
            **{key: target},
            **options,
        )
        self.job.shows_failure = True  # in the dialog's message line
        self.job.progressed.connect(self._on_job_progressed)
        self.job.succeeded.connect(lambda records: self._on_job_succeeded(target))
        self.job.failed.connect(lambda error: self._finish(error.message))
        self.job.cancelled.connect(
            lambda: self._finish(self.tr("Export cancelled; no file was written."))
        )
        self.export_button.setEnabled(False)
        self.open_button.hide()
        self.progress.setValue(0)
        self.progress.show()
        self.message.setText(self.tr("Exporting…"))
        return self.job

    def _on_job_progressed(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.message.setText(message)

    def _on_job_succeeded(self, target: Path) -> None:
        self.written = target
        self._finish(self.tr("Wrote %1.").replace("%1", str(target)))
        self.open_button.show()
        self.cancel_button.setText(self.tr("Close"))
        # Enter now closes: with Export still the default it wrote the file again (after
        # asking to replace it), the opposite of what a person pressing Enter meant.
        self._make_default(self.cancel_button)

    def _make_default(self, button: QPushButton) -> None:
        for other in (self.export_button, self.cancel_button):
            other.setDefault(other is button)
            other.setAutoDefault(other is button)

    def _finish(self, message: str) -> None:
        self.job = None
        self.replace_ok = None  # the next export over the same file asks again
        self.export_button.setText(self.tr("&Export"))
        self.progress.hide()
        self.message.setText(message)
        self.export_button.setEnabled(True)

    def _on_cancel_clicked(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.message.setText(self.tr("Cancelling…"))
        else:
            self.reject()

    def open_folder(self) -> None:
        """Show the folder that holds what was written."""
        if self.written is not None:
            folder = self.written if self.written.is_dir() else self.written.parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def reject(self) -> None:
        """Closing while exporting cancels the export."""
        if self.job is not None:
            self.job.cancel()
        super().reject()
