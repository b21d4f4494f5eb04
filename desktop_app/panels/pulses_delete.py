"""The Delete draft step of the Pulses section: a wave drafted by mistake goes away.

A mixin of :class:`desktop_app.panels.pulses_panel.PulsesPanel` (it uses the panel's
``context``, ``status``, ``selected_wave`` and ``write``). Only a draft can be deleted: nobody was
asked, nothing was written to the shared folder. A published wave (open or closed) keeps
its answers and figures; it is closed instead. The delete asks first, Cancel the default,
and runs off the GUI thread (:meth:`~desktop_app.panels.pulses_writes.PulsesWriting.write`,
a :class:`~desktop_app.workspace_write.WorkspaceWrite`), as the section's other writes do:
on a share that hangs the window goes on working.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop_app.context import Changes
from desktop_app.workspace_write import failed_text


def delete_draft(path: Path, name: str) -> None:
    """Delete the draft wave ``name`` of the workspace in ``path``; runs on any thread."""
    from desktop_app.workspace_reads import open_for_section
    from surveys.pulses import delete_draft_wave
    from surveys.store import get_setting

    db = open_for_section(path)
    try:
        delete_draft_wave(db, name, get_setting(db, "share"))
    finally:
        db.close()


class DeleteDraftActions:
    """Deleting the selected draft wave (mixed into the Pulses panel)."""

    def _make_delete_button(self) -> QPushButton:
        button = QPushButton(self.tr("De&lete draft"), objectName="deleteDraft")
        button.setToolTip(
            self.tr("Delete a draft wave nobody was asked yet; a published wave is closed instead")
        )
        button.clicked.connect(self.delete_selected_draft)
        return button

    def delete_selected_draft(self) -> None:
        """Ask, then delete the selected wave if it is a draft."""
        wave = self.selected_wave()
        if wave is None or wave.status != "draft" or not self._confirm_delete(wave.name):
            return
        name, path = wave.name, self.context.path
        self.write(
            delete_draft,
            name,
            done=lambda _value: self._on_draft_deleted(name),
            failed=lambda exc: self._on_delete_refused(exc, path),
        )

    def _on_delete_refused(self, exc: BaseException, path: Path) -> None:
        from surveys.errors import RapportError

        self.status.setText(self._delete_failed(exc, path))
        if isinstance(exc, RapportError):  # published or used meanwhile, elsewhere: show it
            self.context.data_changed.emit(Changes(waves=True), self)

    def _confirm_delete(self, name: str) -> bool:
        box = QMessageBox(
            QMessageBox.Question,
            self.tr("Delete draft"),
            self.tr(
                "Delete the draft wave %1? It was never published, so nobody was asked and "
                "it has no answers. Its name, dates and questions are removed from the "
                "workspace; this cannot be undone."
            ).replace("%1", name),
            QMessageBox.Cancel,
            self,
        )
        box.setObjectName("deleteDraftQuestion")
        delete = box.addButton(self.tr("&Delete draft"), QMessageBox.DestructiveRole)
        delete.setObjectName("deleteDraftButton")
        box.setDefaultButton(QMessageBox.Cancel)
        box.exec()
        return box.clickedButton() is delete

    def _on_draft_deleted(self, name: str) -> None:
        self.status.setText(self.tr("The draft wave %1 was deleted.").replace("%1", name))
        self.context.data_changed.emit(Changes(waves=True), self)

    def _delete_failed(self, exc: BaseException, path: Path) -> str:
        from surveys.errors import RapportError

        if isinstance(exc, RapportError):
            return str(exc)  # "Wave 2026-11 was published, so it cannot be deleted: …"
        why = failed_text(exc, path).split(": ", 1)[1]  # as lost_text reads it
        why = why.rsplit(" What you chose", 1)[0]
        return self.tr("Not deleted: %1 The draft is still there; try again.").replace("%1", why)
