"""The workspace picker: the open workspace and the recent ones, plus "Open other…"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox

OTHER = "\0other"


class WorkspacePicker(QComboBox):
    """Emits ``workspace_chosen(path)``, or ``other_requested`` for a folder dialog. The open
    workspace chosen again emits nothing (it reopened it, and asked about unsaved
    settings for nothing)."""

    workspace_chosen = Signal(str)
    other_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._current: str | None = None
        self.setObjectName("workspacePicker")
        self.setAccessibleName(self.tr("Workspace"))
        self.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.activated.connect(self._on_self_activated)

    def set_workspaces(self, current: str | None, recent: list[str]) -> None:
        """List ``current`` first, then the other recent workspaces."""
        self.blockSignals(True)
        self._current = current
        self.clear()
        paths = ([current] if current else []) + [p for p in recent if p != current]
        if not current:
            self.addItem(self.tr("No workspace open"), None)
        for path in paths:
            self.addItem(Path(path).name or path, path)
            self.setItemData(self.count() - 1, path, 3)  # Qt.ToolTipRole
        self.insertSeparator(self.count())
        self.addItem(self.tr("Open other workspace…"), OTHER)
        self.setCurrentIndex(0)
        self.blockSignals(False)

    def _on_self_activated(self, row: int) -> None:
        data = self.itemData(row)
        if data == OTHER:
            self.setCurrentIndex(0)
            self.other_requested.emit()
        elif data and data != self._current:  # the open one again: nothing to open
            self.workspace_chosen.emit(data)
