"""Joint actions per pair: reading and writing the ``actions`` table, and a table model.

Actions are drawn as markers on the trends (the analysis reads them with the wave they
were agreed in), so every change is followed by ``context.data_changed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from surveys.errors import RapportError

STATUSES = ("planned", "in progress", "done", "dropped")


class ActionError(RapportError):
    """An action cannot be saved; the message names the field and what to do."""


@dataclass
class Action:
    """One joint action of a pair (``id`` is ``None`` until it is saved)."""

    from_dept: str
    to_dept: str
    title: str
    owner: str = ""
    due: str | None = None  # YYYY-MM-DD
    status: str = "planned"
    wave: str | None = None
    notes: str = ""
    id: int | None = None

    def overdue(self, today: date | None = None) -> bool:
        """Due before ``today`` and neither done nor dropped."""
        day = (today or date.today()).isoformat()
        return bool(self.due) and self.due < day and self.status in ("planned", "in progress")


def _dept_id(db, name: str, field: str) -> int:
    row = db.execute("SELECT id FROM departments WHERE name = ?", [name]).fetchone()
    if row is None:
        raise ActionError(f"{field}: {name!r} is not a department of this workspace.")
    return row[0]


def list_actions(db) -> list[Action]:
    """Every action, by pair in department order, then wave and title."""
    rows = db.execute(
        "SELECT a.id, df.name, dt.name, a.title, COALESCE(a.owner, ''), a.due, a.status, "
        "w.name, COALESCE(a.notes, '') FROM actions a "
        "JOIN departments df ON df.id = a.from_id JOIN departments dt ON dt.id = a.to_id "
        "LEFT JOIN waves w ON w.id = a.wave_id "
        "ORDER BY df.position, dt.position, w.name, a.id"
    ).fetchall()
    return [
        Action(src, dst, title, owner, due, status, wave, notes, aid)
        for aid, src, dst, title, owner, due, status, wave, notes in rows
    ]


def check_action(action: Action) -> None:
    """Raise :class:`ActionError` if ``action`` cannot be saved."""
    if not action.title.strip():
        raise ActionError("Title: describe the action in a few words, e.g. 'Weekly liaison'.")
    if action.from_dept == action.to_dept:
        raise ActionError("Pair: choose two different departments.")
    if action.status not in STATUSES:
        raise ActionError(f"Status: use one of {', '.join(STATUSES)}.")
    if action.due:
        try:
            date.fromisoformat(action.due)
        except ValueError:
            raise ActionError(f"Due: {action.due!r} is not a date (YYYY-MM-DD).") from None


def save_action(db, action: Action) -> int:
    """Insert or update ``action``; return its id."""
    check_action(action)
    wave_id = None
    if action.wave:
        row = db.execute("SELECT id FROM waves WHERE name = ?", [action.wave]).fetchone()
        wave_id = row[0] if row else None
    values = [
        _dept_id(db, action.from_dept, "From"),
        _dept_id(db, action.to_dept, "To"),
        wave_id,
        action.title.strip(),
        action.owner.strip() or None,
        action.due or None,
        action.status,
        action.notes.strip() or None,
    ]
    with db.atomic():
        if action.id is None:
            cursor = db.execute(
                "INSERT INTO actions(from_id, to_id, wave_id, title, owner, due, status, notes, "
                "created_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [*values, date.today().isoformat()],
            )
            return int(cursor.lastrowid)
        db.execute(
            "UPDATE actions SET from_id = ?, to_id = ?, wave_id = ?, title = ?, owner = ?, "
            "due = ?, status = ?, notes = ? WHERE id = ?",
            [*values, action.id],
        )
        return action.id


def delete_action(db, action_id: int) -> None:
    """Remove an action."""
    with db.atomic():
        db.execute("DELETE FROM actions WHERE id = ?", [action_id])


class ActionsModel(QAbstractTableModel):
    """The actions of a workspace as a table."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.actions: list[Action] = []

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
            self.tr("Owner"),
            self.tr("Due"),
            self.tr("Status"),
            self.tr("Agreed in wave"),
            self.tr("Notes"),
        )[section]

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        action = self.actions[index.row()]
        if role == Qt.DisplayRole:
            return (
                f"{action.from_dept} → {action.to_dept}",
                action.title,
                action.owner,
                action.due or "",
                self.status_text(action.status)
                + (" " + self.tr("(overdue)") if action.overdue() else ""),
                action.wave or "",
                action.notes.replace("\n", " "),
            )[index.column()]
        if role == Qt.ToolTipRole and index.column() == 6 and action.notes:
            return action.notes
        if role == Qt.UserRole:
            return action
        return None

    def status_text(self, status: str) -> str:
        """The translated status word."""
        return {
            "planned": self.tr("planned"),
            "in progress": self.tr("in progress"),
            "done": self.tr("done"),
            "dropped": self.tr("dropped"),
        }.get(status, status)
