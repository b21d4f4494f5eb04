"""The base of every section of the HR window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop_app.context import Changes, WorkspaceContext


def heading(text: str) -> QLabel:
    """A panel heading in the style of every section."""
    label = QLabel(text, objectName="panelHeading")
    label.setStyleSheet("font-size: 17pt; font-weight: 600;")
    return label


def header_row(text: str, trailing: QWidget) -> QHBoxLayout:
    """A section heading on the left and ``trailing`` (e.g. a wave picker) on the right."""
    row = QHBoxLayout()
    row.addWidget(heading(text))
    row.addStretch(1)
    row.addWidget(trailing)
    return row


def natural_width(button: QWidget) -> QHBoxLayout:
    """A row with ``button`` as wide as its text, at the left of a form's field column (a
    form row stretches a lone button across the page)."""
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    return row


class Panel(QWidget):
    """A section of the HR window (shown in the sidebar).

    Subclasses set :attr:`section` (a stable id, e.g. ``"relationships"``), return their
    translated title from :meth:`title`, and react to the context's signals. They never
    keep a database connection open between calls and never run long work in a slot.
    After writing to the workspace they emit ``context.data_changed`` with a
    :class:`~desktop_app.context.Changes` and themselves as the initiator.
    """

    section = "panel"

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"{self.section}_panel")
        self._deferred: dict[str, Callable[[], None]] = {}
        context.workspace_opened.connect(self._on_context_workspace_opened)
        context.analysis_finished.connect(self._on_context_analysis_finished)
        context.data_changed.connect(self._on_context_data_changed)
        context.responses_known.connect(self._on_context_responses_known)

    def title(self) -> str:
        raise NotImplementedError

    def set_scrolling_body(self, body: QWidget) -> None:
        """Show ``body`` filling the panel, scrolling when the window is too small for it."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setAccessibleName(self.title())  # a screen reader names the page it scrolls
        # Tab goes from the sections list to the page's first control: the scroll area was a
        # stop of its own that showed no focus. It still scrolls to the control Tab reaches.
        scroll.setFocusPolicy(Qt.NoFocus)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def when_visible(self, name: str, work: Callable[[], None]) -> None:
        """Run ``work`` now if the panel is on screen, else when it is next shown.

        A hidden section does not re-read a large workspace on every signal: only the
        latest ``work`` of each ``name`` is kept, and it runs once the section is shown.
        """
        if self.isVisible():
            self._deferred.pop(name, None)
            work()
        else:
            self._deferred[name] = work

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        deferred, self._deferred = self._deferred, {}
        for work in deferred.values():
            work()

    def _on_context_workspace_opened(self, path) -> None:
        """Reload from the new workspace (override)."""

    def _on_context_analysis_finished(self, result) -> None:
        """Show a new analysis result (override)."""

    def _on_context_responses_known(self, has: bool) -> None:
        """Whether the workspace has any answer was read (override); ``context.has_responses``
        holds it (``None`` until read)."""

    def _on_context_data_changed(self, changes: Changes, initiator: object) -> None:
        """Re-read what ``changes`` touches of what this panel shows (override).

        ``initiator`` is the panel or dialog that wrote; a panel that already shows its own
        change ignores it (``initiator is self``).
        """
