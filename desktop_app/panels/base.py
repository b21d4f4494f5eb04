"""The base of every section of the HR window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.context import WorkspaceContext


class Panel(QWidget):
    """A section of the HR window (shown in the sidebar).

    Subclasses set :attr:`section` (a stable id, e.g. ``"relationships"``), return their
    translated title from :meth:`title`, and react to the context's signals. They never
    keep a database connection open between calls and never run long work in a slot.
    """

    section = "panel"

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"{self.section}_panel")
        context.workspace_opened.connect(self._on_context_workspace_opened)
        context.analysis_finished.connect(self._on_context_analysis_finished)
        context.data_changed.connect(self._on_context_data_changed)

    def title(self) -> str:
        raise NotImplementedError

    def _on_context_workspace_opened(self, path) -> None:
        """Reload from the new workspace (override)."""

    def _on_context_analysis_finished(self, result) -> None:
        """Show a new analysis result (override)."""

    def _on_context_data_changed(self) -> None:
        """Re-read what another panel changed (override)."""
