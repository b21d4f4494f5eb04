"""Joint actions per pair: reading and writing the ``actions`` table.

HR records the actions agreed for a pair (title, owner, due day, status, the wave they
were agreed in). The analysis draws them as markers on the trends, so the next pulse
shows whether they helped.

Public API: :class:`Action`, :class:`ActionRecord`, :class:`ActionError`,
:data:`STATUSES`, :func:`list_actions`, :func:`pair_actions`, :func:`check_action`,
:func:`save_action`, :func:`delete_action`. Functions take an open workspace
(``sqlite_utils.Database``) owned by the calling thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from surveys.errors import RapportError

if TYPE_CHECKING:
    from sqlite_utils import Database

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


@dataclass(frozen=True)
class ActionRecord:
    """A joint action recorded for a pair, as the pair detail lists it."""

    title: str
    wave: str | None
    owner: str | None
    due: str | None
    status: str
    notes: str | None


def _dept_id(db: Database, name: str, field: str) -> int:
    row = db.execute("SELECT id FROM departments WHERE name = ?", [name]).fetchone()
    if row is None:
        raise ActionError(f"{field}: {name!r} is not a department of this workspace.")
    return row[0]


def list_actions(db: Database) -> list[Action]:
    """Every action, by pair in department order, then wave and id.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.

    Returns
    -------
    list of Action
    """
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


def pair_actions(db: Database, from_dept: str, to_dept: str) -> list[ActionRecord]:
    """Every action recorded for ``from_dept → to_dept``, oldest wave first.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    from_dept, to_dept : str
        Department names; an unknown name gives no actions.

    Returns
    -------
    list of ActionRecord
    """
    rows = db.execute(
        "SELECT a.title, w.name, a.owner, a.due, a.status, a.notes FROM actions a "
        "JOIN departments df ON df.id = a.from_id JOIN departments dt ON dt.id = a.to_id "
        "LEFT JOIN waves w ON w.id = a.wave_id WHERE df.name = ? AND dt.name = ? "
        "ORDER BY w.name, a.id",
        [from_dept, to_dept],
    ).fetchall()
    return [ActionRecord(*row) for row in rows]


def check_action(action: Action) -> None:
    """Raise :class:`ActionError` if ``action`` cannot be saved.

    Parameters
    ----------
    action : Action
        The action as HR filled it in.

    Raises
    ------
    ActionError
        Naming the field to fix: an empty title, one department twice, an unknown status
        or a due day that is not a date.
    """
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


def save_action(db: Database, action: Action) -> int:
    """Insert or update ``action`` (by its ``id``).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    action : Action
        What to store; ``id`` ``None`` adds a new action.

    Returns
    -------
    int
        The action's id.

    Raises
    ------
    ActionError
        If :func:`check_action` refuses it or a department is unknown.
    """
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


def delete_action(db: Database, action_id: int) -> None:
    """Remove an action (an unknown id changes nothing).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    action_id : int
        The action's id.
    """
    with db.atomic():
        db.execute("DELETE FROM actions WHERE id = ?", [action_id])
