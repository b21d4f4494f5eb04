"""The actions table model over :func:`surveys.actions.list_actions`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from desktop_app.widgets.plain_text import plain_tip
from surveys.actions import STATUSES, Action

#: A pair longer than this, in characters, is shown on two lines.
PAIR_LINE_CHARS = 28
#: The pair and wave of an action on one line, for a narrow table (under the title).
PAIR_ROLE = Qt.UserRole + 1


class ActionsModel(QAbstractTableModel):
    """The actions of a workspace as a table."""

    def __init__(self, parent=None, today: Callable[[], date] | None = None) -> None:
        super().__init__(parent)
        self.actions: list[Action] = []
        #: As read (oldest first): every sort starts from it, so actions that tie keep one
        #: order; sorted from the shown order they took the previous sort's, and jumped
        #: back to the order read when the list was read again (after any edit).
        self._read: list[Action] = []
        self._sorted: tuple[int, Qt.SortOrder] = (-1, Qt.AscendingOrder)  # -1: as read
        #: The day "N days overdue" counts from: the window's clock
        #: (:class:`desktop_app.day_clock.DayClock`), so the list and the Overview agree.
        self.today = today or date.today

    def day_changed(self) -> None:
        """Midnight: the overdue days of every row change."""
        if self.actions:
            last = self.index(len(self.actions) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def set_actions(self, actions: list[Action]) -> None:
        """Show ``actions`` (as read: oldest first), in the order HR sorted the table by."""
        self.beginResetModel()
        self._read = list(actions)
        self.actions = self._in_order(self._read, *self._sorted)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        """Sort by ``column`` (a click on its title); the rows selected stay selected, and
        the order stays when the list is read again. Ties keep the order read."""
        self._sorted = (column, order)
        if column < 0 or not self.actions:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        held = [self.actions[index.row()] for index in before]
        self.actions = self._in_order(self._read, column, order)
        row = {id(action): number for number, action in enumerate(self.actions)}
        after = [self.index(row[id(a)], i.column()) for a, i in zip(held, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _in_order(self, actions: list[Action], column: int, order: Qt.SortOrder) -> list[Action]:
        if column < 0:
            return actions
        # An empty due day or wave sorts last either way: "no date" is not "earliest".
        keys = (
            lambda a: (a.from_dept.casefold(), a.to_dept.casefold()),
            lambda a: a.title.casefold(),
            lambda a: self.owners_text(a).casefold(),
            lambda a: a.due or "",
            lambda a: STATUSES.index(a.status) if a.status in STATUSES else len(STATUSES),
            lambda a: a.wave or "",
            lambda a: a.notes.casefold(),
        )
        key = keys[column]
        filled = [a for a in actions if key(a) != ""]
        blank = [a for a in actions if key(a) == ""]
        return sorted(filled, key=key, reverse=order == Qt.DescendingOrder) + blank

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
