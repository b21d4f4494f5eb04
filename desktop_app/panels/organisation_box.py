"""Settings › Organisation: the name and the logo the deck shows.

The name is a workspace setting (``organisation``; the analysis puts it on every slide).
The logo is checked (PNG or JPEG, at most 2 MB and 4,000 pixels a side) and copied into
the workspace folder (:mod:`analysis.export.branding`); the deck shows it on the title
slide and at the end of every footer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop_app.context import Changes
from desktop_app.models import settings_data as data
from desktop_app.widgets.start_folder import remember, start_in
from desktop_app.workspace_write import WorkspaceWrite, failed_text, saving_text, write_setting
from surveys.errors import RapportError

#: The logo preview's largest size in pixels (width, height).
PREVIEW = (240, 80)


class OrganisationBox(QGroupBox):
    """Edit the organisation's name and logo; says what happened in :attr:`message`."""

    #: A message for people (saved, or what is wrong and what to do).
    reported = Signal(str)
    #: The organisation's name as saved (the window's title follows it at once: the
    #: analysis that follows a rename may have nothing to analyse).
    renamed = Signal(str)

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Organisation"), parent)
        self.context = context
        self.writes = WorkspaceWrite(context, self)
        self.writes.saving.connect(lambda saving: saving and self.reported.emit(saving_text()))
        self._saved = False  # the last write's outcome, when it ended within the wait
        self._saving = ""  # the name being saved
        self.name = QLineEdit(objectName="organisationName")
        self.name.setMaxLength(data.MAX_ORGANISATION)
        self.name.returnPressed.connect(self.save_name)
        save = QPushButton(self.tr("Sa&ve name"), objectName="saveOrganisation")
        save.clicked.connect(self.save_name)
        self.preview = QLabel(objectName="logoPreview")
        self.preview.setFixedSize(PREVIEW[0] + 8, PREVIEW[1] + 8)
        self.preview.setFrameShape(QFrame.StyledPanel)
        self.preview.setAlignment(Qt.AlignCenter)
        choose = QPushButton(self.tr("Choose &logo…"), objectName="chooseLogo")
        choose.clicked.connect(self._on_choose_clicked)
        self.remove = QPushButton(self.tr("Re&move logo"), objectName="removeLogo")
        self.remove.clicked.connect(self.remove_logo)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name, 1)
        name_row.addWidget(save)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.preview)
        logo_row.addStretch(1)
        logo_row.addWidget(choose)
        logo_row.addWidget(self.remove)
        name_label = QLabel(self.tr("&Name:"))
        name_label.setBuddy(self.name)
        form = QFormLayout(self)
        form.addRow(name_label, name_row)
        form.addRow(self.tr("Logo:"), logo_row)
        form.addRow(
            QLabel(
                self.tr(
                    "The deck shows the name and the logo on its title slide and in the footer "
                    "of every slide. A logo is a PNG or JPEG image of at most 2\u00a0MB."
                ),  # a no-break space: never "2" at a line's end and "MB" below it
                wordWrap=True,
            )
        )

    def show_read(self, name: str, logo, image: bytes | None) -> None:
        """Show the stored name and logo, as read off the GUI thread
        (``desktop_app.workspace_reads.read_settings``: the logo's bytes too, so showing it
        does not read the workspace's folder)."""
        self.name.setText(name)
        self._show_logo(logo, image)

    def _show_logo(self, logo, image: bytes | None = None) -> None:
        self.remove.setEnabled(logo is not None)
        if logo is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No logo"))
            return
        pixmap = QPixmap()
        if image is None or not pixmap.loadFromData(image):
            pixmap = QPixmap(str(logo.path))
        pixmap = pixmap.scaled(*PREVIEW, Qt.KeepAspectRatio, Qt.SmoothTransformation)
        self.preview.setPixmap(pixmap)
        self.preview.setAccessibleName(self.tr("Organisation logo"))

    def save_name(self) -> bool:
        """Store the name, then re-run the analysis (it puts the name on every slide).
        Written off the GUI thread (``True``: saved at once); on a share that hangs the
        box waits disabled and the message line says "Saving…"."""
        name = self.name.text()
        self._saved, self._saving = False, " ".join(name.split())  # as save_organisation
        ended = self.writes.run(
            write_setting,
            self.context.path,
            lambda db: data.save_organisation(db, name),
            controls=[self],
            done=self._on_name_saved,
            failed=self._on_name_failed,
        )
        return ended and self._saved

    def _on_name_saved(self, _none: None) -> None:
        self._saved = True
        self.reported.emit(self.tr("Organisation name saved."))
        self.renamed.emit(self._saving)
        self.context.data_changed.emit(Changes(settings=True), self)
        self.context.analyse_again()

    def _on_name_failed(self, exc: BaseException) -> None:
        if isinstance(exc, RapportError):
            self.reported.emit(str(exc))
        else:
            self.reported.emit(failed_text(exc, self.context.path))

    def _on_choose_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the logo"), start_in(), self.tr("Images (*.png *.jpg *.jpeg)")
        )
        remember(path)
        if path:
            self.set_logo(Path(path))

    def set_logo(self, path: Path) -> bool:
        """Check ``path`` and store it as the workspace's logo (a refused file changes
        nothing), off the GUI thread (``True``: saved at once); on a share that hangs the
        box waits disabled and the message line says "Saving…"."""
        self._saved = False
        ended = self.writes.run(
            store_logo,
            self.context.path,
            path,
            controls=[self],
            done=self._on_logo_saved,
            failed=self._on_name_failed,
        )
        return ended and self._saved

    def _on_logo_saved(self, stored: tuple) -> None:
        self._saved = True
        self._show_logo(*stored)
        self.reported.emit(
            self.tr("Logo saved: decks show it on the title slide and in every footer.")
        )

    def remove_logo(self) -> None:
        """Remove the stored logo (off the GUI thread, as it was stored)."""
        from analysis.export.branding import remove_logo

        self.writes.run(
            remove_logo,
            self.context.path,
            controls=[self],
            done=self._on_logo_removed,
            failed=self._on_name_failed,
        )

    def _on_logo_removed(self, _removed: bool) -> None:
        self._show_logo(None)
        self.reported.emit(self.tr("Logo removed."))


def store_logo(folder: Path, source: Path) -> tuple:
    """Check ``source`` and store it as the logo of the workspace in ``folder``
    (:func:`analysis.export.branding.save_logo`); the stored logo and its bytes, for the
    preview not to read the folder on the GUI thread. Runs on any thread."""
    from analysis.export.branding import save_logo

    logo = save_logo(folder, source)
    try:
        image = Path(logo.path).read_bytes()
    except OSError:
        image = None  # shown from its file, as before
    return logo, image
