"""The Overview's list of overdue joint actions: pair, owners and days overdue.

An action is overdue when its due day has passed and it is neither done nor dropped
(:func:`surveys.actions.overdue_actions`). Clicking a line (or Enter on it) emits
``action_requested`` with the action's id; the window opens it in the Actions section.
The list hides itself when nothing is overdue.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop_app.context import Changes
from surveys.actions import OverdueAction, overdue_actions


class OverdueActions(QFrame):
    """A highlighted box listing the overdue actions, most overdue first."""

    action_requested = Signal(int)  # the action's id

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.actions: list[OverdueAction] = []
        self.setObjectName("overdueActions")
        self.setFrameShape(QFrame.StyledPanel)
        # The weak band's orange as an edge: the highlight is not colour alone (the heading
        # says "overdue" and each line its days).
        self.setStyleSheet(
            "QFrame#overdueActions { border: 2px solid #e38b2e; border-radius: 6px; }"
        )
        self.heading = QLabel(objectName="overdueHeading")
        self.heading.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.list = QListWidget(objectName="overdueList")
        self.list.setAccessibleName(self.tr("Overdue actions"))
        self.list.setWordWrap(True)
        self.list.setFrameShape(QFrame.NoFrame)
        self.list.itemClicked.connect(self._on_list_item_clicked)
        self.list.installEventFilter(self)  # Enter opens the current line too
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        self.hide()
        context.workspace_opened.connect(self._on_context_workspace_opened)
        context.data_changed.connect(self._on_context_data_changed)

    def reload(self, today=None) -> None:
        """Read the overdue actions again (``today`` for tests; default the real day)."""
        if self.context.path is None:
            self.actions = []
        else:
            db = self.context.connect()
            try:
                self.actions = overdue_actions(db, today)
            finally:
                db.close()
        self.list.clear()
        for action in self.actions:
            item = QListWidgetItem(self.describe(action))
            item.setData(Qt.UserRole, action.id)
            item.setToolTip(self.tr("Open this action"))
            self.list.addItem(item)
        self.heading.setText(
            self.tr("%n actions overdue — click one to open it", "", len(self.actions))
        )
        rows = min(len(self.actions), 5)
        height = sum(self.list.sizeHintForRow(r) for r in range(rows)) if rows else 0
        self.list.setFixedHeight(height + 2 * self.list.frameWidth() + 4)
        self.setVisible(bool(self.actions))

    def describe(self, action: OverdueAction) -> str:
        """One line: pair, title, owners, days overdue and the due day."""
        owners = action.owners or self.tr("no owner yet")
        late = self.tr("%n days overdue", "", action.days_overdue)
        return (
            f"{action.from_dept} → {action.to_dept}: {action.title} — {owners} — {late} "
            + self.tr("(due %1)").replace("%1", action.due)
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Enter or Return on a line opens it, as a click does."""
        if (
            watched is self.list
            and event.type() == QEvent.KeyPress
            and event.key() in (Qt.Key_Return, Qt.Key_Enter)
            and self.list.currentItem() is not None
        ):
            self._on_list_item_clicked(self.list.currentItem())
            return True
        return super().eventFilter(watched, event)

    def _on_list_item_clicked(self, item: QListWidgetItem) -> None:
        self.action_requested.emit(int(item.data(Qt.UserRole)))

    def _on_context_workspace_opened(self, path) -> None:
        self.reload()

    def _on_context_data_changed(self, changes: Changes, initiator: object) -> None:
        if changes.touches(Changes(actions=True, departments=True)):
            self.reload()
