"""The message shown when another computer's Rapport has the workspace open.

Its text is plain (never rich text: the computer's name comes from a file on the share).
"Open anyway" is offered only when the other computer's claim is stale
(:mod:`surveys.host_lock`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class WorkspaceInUseDialog(QMessageBox):
    """Who has the workspace open, since when and what to do; "Open anyway" if stale."""

    def __init__(self, parent: QWidget | None, message: str, stale: bool) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Warning)
        self.setWindowTitle(self.tr("Workspace open on another computer"))
        self.setTextFormat(Qt.PlainText)
        self.setText(message)
        self.open_anyway = None
        if stale:
            self.open_anyway = self.addButton(self.tr("&Open anyway"), QMessageBox.DestructiveRole)
            self.setDefaultButton(self.addButton(QMessageBox.Cancel))
        else:
            self.setDefaultButton(self.addButton(QMessageBox.Ok))

    def take_over_chosen(self) -> bool:
        """Whether the person pressed "Open anyway"."""
        return self.open_anyway is not None and self.clickedButton() is self.open_anyway
