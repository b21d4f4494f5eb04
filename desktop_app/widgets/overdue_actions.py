"""The Overview's list of overdue joint actions: pair, owners and days overdue.

An action is overdue when its due day has passed and it is neither done nor dropped
(:func:`surveys.actions.overdue_actions`). Each action is a row that a click, Enter or
Space opens: ``action_requested`` carries the action's id and the window opens it in the
Actions section. The box hides itself when nothing is overdue.

The list is read off the GUI thread (:class:`~desktop_app.section_reads.SectionReads`): on
a share that hangs the box keeps what it showed, the status bar says that the folder is
slow to answer, and the rows come once it answers (``filled`` then).
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.context import Changes
from desktop_app.section_reads import SectionReads
from surveys.actions import OverdueAction, overdue_actions, short_day

#: Rows shown; more are counted ("and 3 more in Actions").
MAX_ROWS = 8


def read_overdue(path: Path, today: date | None = None) -> list[OverdueAction]:
    """The workspace's overdue actions (:func:`surveys.actions.overdue_actions`); runs on
    any thread."""
    from desktop_app.workspace_reads import open_for_section

    db = open_for_section(path)
    try:
        return overdue_actions(db, today)
    finally:
        db.close()


class OverdueRow(QFrame):
    """One overdue action; clicking it (or Enter, Space) emits ``clicked``."""

    clicked = Signal()

    def __init__(self, text: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overdueRow")
        self.setFocusPolicy(Qt.StrongFocus)
        self.setCursor(Qt.PointingHandCursor)
        self.setAccessibleName(accessible)
        self.label = QLabel(text, wordWrap=True)
        self.label.setTextFormat(Qt.RichText)
        self.label.setAttribute(Qt.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(self.label)
        # Hover and keyboard focus draw a frame in the highlight colour; the text keeps its
        # colour (readable in light and dark palettes).
        self.setStyleSheet(
            "QFrame#overdueRow { border: 1px solid transparent; border-radius: 4px; }"
            "QFrame#overdueRow:hover, QFrame#overdueRow:focus "
            "{ border: 1px solid palette(highlight); background: palette(alternate-base); }"
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if event.button() == Qt.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class OverdueActions(QFrame):
    """A highlighted box listing the overdue actions, most overdue first."""

    action_requested = Signal(int)  # the action's id
    filled = Signal()  # the rows were made again (the Overview orders its Tab chain)

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.actions: list[OverdueAction] = []
        self.rows: list[OverdueRow] = []
        self.setObjectName("overdueActions")
        # The weak band's orange as an edge; the highlight is not colour alone (the heading
        # says "overdue" and each row its days).
        self.setStyleSheet(
            "QFrame#overdueActions { border: 2px solid #e38b2e; border-radius: 6px; }"
        )
        self.heading = QLabel(objectName="overdueHeading")
        self.heading.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.more = QLabel(objectName="overdueMore")
        self.row_layout = QVBoxLayout()
        self.row_layout.setSpacing(0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.row_layout)
        layout.addWidget(self.more)
        self.hide()
        self.reads = SectionReads(context, self)
        context.workspace_opened.connect(self._on_context_workspace_opened)
        context.data_changed.connect(self._on_context_data_changed)
        # Each analysis (F5, another wave) also reads the list again: days pass while the
        # window stays open.
        context.analysis_finished.connect(self._on_context_analysis_finished)
        # Midnight: read again with the new day, as the Actions list counts with it.
        context.clock.changed.connect(self._on_clock_changed)

    def reload(self, today: date | None = None) -> None:
        """Read the overdue actions again (``today`` for tests; default the window's day,
        :class:`desktop_app.day_clock.DayClock`), off the GUI thread; the rows come when
        the read answers."""
        today = today or self.context.clock.today()
        if self.context.path is None:
            self.reads.forget()
            self._show([])
            return
        self.reads.read("overdue", read_overdue, self.context.path, today, apply=self._show)

    def _show(self, actions: list[OverdueAction]) -> None:
        """Make the rows of ``actions``; hidden when there are none."""
        self.actions = actions
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        for action in self.actions[:MAX_ROWS]:
            row = OverdueRow(self.describe(action), self.describe(action, plain=True))
            row.setToolTip(self.tr("Open this action"))
            row.clicked.connect(lambda action_id=action.id: self.action_requested.emit(action_id))
            self.row_layout.addWidget(row)
            self.rows.append(row)
        self.heading.setText(
            self.tr("%n actions overdue — click one to open it", "", len(self.actions))
        )
        hidden = len(self.actions) - len(self.rows)
        self.more.setText(self.tr("and %n more in Actions", "", hidden) if hidden > 0 else "")
        self.more.setVisible(hidden > 0)
        self.setVisible(bool(self.actions))
        self.filled.emit()

    def describe(self, action: OverdueAction, plain: bool = False) -> str:
        """Pair, title, owners, days overdue and the due day (rich text unless ``plain``)."""
        owners = action.owners or self.tr("no owner yet")
        late = self.tr("%n days overdue", "", action.days_overdue)
        due = self.tr("(due %1)").replace("%1", short_day(action.due) or action.due)
        pair = f"{action.from_dept} → {action.to_dept}"
        if plain:
            return f"{pair}: {action.title} — {owners} — {late} {due}"
        return (
            f"<b>{escape(pair)}</b>: {escape(action.title)} — {escape(owners)} — "
            f"<b>{escape(late)}</b> {escape(due)}"
        )

    def _on_context_workspace_opened(self, path) -> None:
        self.reload()

    def _on_context_analysis_finished(self, _result) -> None:
        self.reload()

    def _on_clock_changed(self, _day) -> None:
        self.reload()

    def _on_context_data_changed(self, changes: Changes, initiator: object) -> None:
        if changes.touches(Changes(actions=True, departments=True)):
            self.reload()
