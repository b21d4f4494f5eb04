"""The actions table model over :func:`surveys.actions.list_actions`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from desktop_app.widgets.plain_text import plain_tip
from surveys.actions import Action

#: A pair longer than this, in characters, is shown on two lines.
PAIR_LINE_CHARS = 28
#: The pair and wave of an action on one line, for a narrow table (under the title).
PAIR_ROLE = Qt.UserRole + 1


class ActionsModel(QAbstractTableModel):
    """The actions of a workspace as a table."""

    def __init__(self, parent=None, today: Callable[[], date] | None = None) -> None:
        super().__init__(parent)
        self.actions: list[Action] = []
        #: The day "N days overdue" counts from: the window's clock
        #: (:class:`desktop_app.day_clock.DayClock`), so the list and the Overview agree.
        self.today = today or date.today

    def day_changed(self) -> None:
        """Midnight: the overdue days of every row change."""
        if self.actions:
            last = self.index(len(self.actions) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def set_actions(self, actions: list[Action]) -> None:
        self.beginResetModel()
        self.actions = list(actions)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.actions)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Horizontal or role != Qt.DisplayRole:
            return None
        return (
            self.tr("Pair"),
            self.tr("Action"),
            self.tr("Owners"),
            self.tr("Due"),
            self.tr("Status"),
            self.tr("Wave"),
            self.tr("Notes"),
        )[section]

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        action = self.actions[index.row()]
        if role == Qt.DisplayRole:
            return (
                self.pair_text(action),
                action.title,
                self.owners_text(action),
                action.due or "",
                self.status_with_delay(action),
                action.wave or "",
                action.notes.replace("\n", " "),
            )[index.column()]
        if role == Qt.FontRole and index.column() in (3, 4) and action.overdue(self.today()):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ToolTipRole:
            return plain_tip(self._tooltip(action, index.column()))
        if role == Qt.UserRole:
            return action
        if role == PAIR_ROLE:
            return self.pair_line(action)
        return None

    def _tooltip(self, action: Action, column: int) -> str | None:
        """The whole text where a column cuts it (notes, pair, wave, title, owners)."""
        if column == 6:
            return action.notes or None
        if column in (0, 5):
            return f"{action.from_dept} → {action.to_dept}" if column == 0 else action.wave
        if column in (1, 2):
            return action.title if column == 1 else self.owners_text(action)
        return None

    def pair_line(self, action: Action) -> str:
        """The pair and the wave on one line, "Sales → IT · 2026-10", for a narrow table
        that shows them under the title instead of in their own columns."""
        pair = f"{action.from_dept} → {action.to_dept}"
        return f"{pair} · {action.wave}" if action.wave else pair

    def pair_text(self, action: Action) -> str:
        """ "Sales → IT"; two long names on two lines, as the owners are."""
        text = f"{action.from_dept} → {action.to_dept}"
        return text if len(text) <= PAIR_LINE_CHARS else f"{action.from_dept} →\n{action.to_dept}"

    def status_with_delay(self, action: Action) -> str:
        """The status, and "N days overdue" below it for an open action past its due day."""
        late = action.days_overdue(self.today())
        text = self.status_text(action.status)
        return text + "\n" + self.tr("%n days overdue", "", late) if late else text

    def owners_text(self, action: Action) -> str:
        """One owner per line, each with their department."""
        lines = [
            f"{owner} ({department})"
            for owner, department in (
                (action.owner_from, action.from_dept),
                (action.owner_to, action.to_dept),
            )
            if owner
        ]
        return "\n".join(lines) or self.tr("no owner yet")

    def status_text(self, status: str) -> str:
        """The translated status word."""
        return {
            "planned": self.tr("planned"),
            "in progress": self.tr("in progress"),
            "done": self.tr("done"),
            "dropped": self.tr("dropped"),
        }.get(status, status)
