"""Joint actions per pair: reading and writing the ``actions`` table.

HR records the actions agreed for a pair: a title, an owner in each of the two departments
(``owner_from`` in the department that gave the rating, ``owner_to`` in the one it rated),
a due day, a status (planned, in progress, done, dropped) and the wave they were agreed in.
The analysis draws them as markers on the trends, so the next pulse shows whether they
helped; an action past its due day that is neither done nor dropped is *overdue*.

Public API: :class:`Action`, :class:`ActionRecord`, :class:`OverdueAction`,
:class:`ActionError`, :data:`STATUSES`, :func:`list_actions`, :func:`pair_actions`,
:func:`get_action`, :func:`overdue_actions`, :func:`check_action`, :func:`save_action`,
:func:`delete_action`, :func:`short_day`, :func:`days_overdue`. Functions take an open workspace
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
#: Statuses of an action that is still to be done (it can be overdue).
OPEN_STATUSES = ("planned", "in progress")
#: The longest title and owner accepted (they go on slides and in tables).
MAX_TITLE = 200
MAX_OWNER = 120


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def days_overdue(due: str | None, status: str, today: date | None = None) -> int:
    """Days an action with ``due`` (``YYYY-MM-DD``) and ``status`` is past its due day: 0
    when it has none, is done or dropped, or is not late."""
    if not due or status not in OPEN_STATUSES:
        return 0
    try:
        day = date.fromisoformat(due)
    except ValueError:
        return 0
    return max(0, ((today or date.today()) - day).days)


def short_day(day: str | None, today: date | None = None) -> str | None:
    """A ``YYYY-MM-DD`` day as people write it: "3 Aug" this year, "3 Aug 2025" another
    year; ``None`` when ``day`` is empty or not such a day.

    The actions' days (agreed, due) read the same on the Overview, the pair's page and in
    the sentence of what changed since an action.
    """
    try:
        parsed = date.fromisoformat(day) if day else None
    except ValueError:
        return None
    if parsed is None:
        return None
    text = f"{parsed.day} {_MONTHS[parsed.month - 1]}"
    return text if parsed.year == (today or date.today()).year else f"{text} {parsed.year}"


class ActionError(RapportError):
    """An action cannot be saved; the message names the field and what to do.

    ``field`` is the :class:`Action` attribute to fix (``"title"``, ``"to_dept"``...), so a
    form can put the cursor there; empty when no single field is to blame.
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def owners_text(from_dept: str, to_dept: str, owner_from: str, owner_to: str) -> str:
    """Both owners in words, e.g. ``"Dana (Sales), Lee (IT)"``; empty when none is set."""
    parts = []
    if owner_from:
        parts.append(f"{owner_from} ({from_dept})")
    if owner_to:
        parts.append(f"{owner_to} ({to_dept})")
    return ", ".join(parts)


@dataclass
class Action:
    """One joint action of a pair (``id`` is ``None`` until it is saved).

    ``recorded`` is the day it was first saved (set by :func:`save_action`).
    """

    from_dept: str
    to_dept: str
    title: str
    owner_from: str = ""
    owner_to: str = ""
    due: str | None = None  # YYYY-MM-DD
    status: str = "planned"
    wave: str | None = None
    notes: str = ""
    id: int | None = None
    recorded: str | None = None

    @property
    def owners(self) -> str:
        """Both owners in words (see :func:`owners_text`)."""
        return owners_text(self.from_dept, self.to_dept, self.owner_from, self.owner_to)

    def overdue(self, today: date | None = None) -> bool:
        """Due before ``today`` and neither done nor dropped."""
        return self.days_overdue(today) > 0

    def days_overdue(self, today: date | None = None) -> int:
        """Days since the due day (0 when not overdue)."""
        return days_overdue(self.due, self.status, today)


@dataclass(frozen=True)
class ActionRecord:
    """A joint action recorded for a pair, as the pair page lists it."""

    title: str
    wave: str | None
    owner_from: str | None
    owner_to: str | None
    due: str | None
    status: str
    notes: str | None
    recorded: str | None = None
    id: int | None = None

    @property
    def owner(self) -> str:
        """Both owners in one text ("Dana; Lee"), for lists that show one owner column."""
        return "; ".join(o for o in (self.owner_from, self.owner_to) if o)


@dataclass(frozen=True)
class OverdueAction:
    """An action past its due day that is neither done nor dropped."""

    id: int
    from_dept: str
    to_dept: str
    title: str
    owner_from: str
    owner_to: str
    due: str
    days_overdue: int

    @property
    def owners(self) -> str:
        """Both owners in words (see :func:`owners_text`)."""
        return owners_text(self.from_dept, self.to_dept, self.owner_from, self.owner_to)


_SELECT = (
    "SELECT a.id, df.name, dt.name, a.title, COALESCE(a.owner_from, ''), "
    "COALESCE(a.owner_to, ''), a.due, a.status, w.name, COALESCE(a.notes, ''), a.created_day "
    "FROM actions a JOIN departments df ON df.id = a.from_id "
    "JOIN departments dt ON dt.id = a.to_id LEFT JOIN waves w ON w.id = a.wave_id"
)


def _action(row) -> Action:
    aid, src, dst, title, owner_from, owner_to, due, status, wave, notes, recorded = row
    return Action(src, dst, title, owner_from, owner_to, due, status, wave, notes, aid, recorded)


def _dept_id(db: Database, name: str, field: str) -> int:
    row = db.execute("SELECT id FROM departments WHERE name = ?", [name]).fetchone()
    if row is None:
        label = "From" if field == "from_dept" else "To"
        raise ActionError(f"{label}: {name!r} is not a department of this workspace.", field)
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
    rows = db.execute(f"{_SELECT} ORDER BY df.position, dt.position, w.name, a.id").fetchall()
    return [_action(row) for row in rows]


def get_action(db: Database, action_id: int) -> Action | None:
    """The action with ``action_id``, or ``None`` if there is none.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    action_id : int
        The action's id.

    Returns
    -------
    Action or None
    """
    row = db.execute(f"{_SELECT} WHERE a.id = ?", [action_id]).fetchone()
    return None if row is None else _action(row)


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
        "SELECT a.title, w.name, a.owner_from, a.owner_to, a.due, a.status, a.notes, "
        "a.created_day, a.id FROM actions a "
        "JOIN departments df ON df.id = a.from_id JOIN departments dt ON dt.id = a.to_id "
        "LEFT JOIN waves w ON w.id = a.wave_id WHERE df.name = ? AND dt.name = ? "
        "ORDER BY w.name, a.id",
        [from_dept, to_dept],
    ).fetchall()
    return [ActionRecord(*row) for row in rows]


def overdue_actions(db: Database, today: date | None = None) -> list[OverdueAction]:
    """The actions past their due day that are neither done nor dropped, most overdue first.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    today : datetime.date, optional
        The day to compare with (default: today).

    Returns
    -------
    list of OverdueAction
    """
    day = today or date.today()
    marks = ", ".join("?" * len(OPEN_STATUSES))
    rows = db.execute(
        f"{_SELECT} WHERE a.due IS NOT NULL AND a.due < ? AND a.status IN ({marks}) "
        "ORDER BY a.due, df.position, dt.position, a.id",
        [day.isoformat(), *OPEN_STATUSES],
    ).fetchall()
    found = []
    for row in rows:
        action = _action(row)
        days = action.days_overdue(day)
        if days > 0:
            found.append(
                OverdueAction(
                    int(action.id or 0),
                    action.from_dept,
                    action.to_dept,
                    action.title,
                    action.owner_from,
                    action.owner_to,
                    str(action.due),
                    days,
                )
            )
    return found


def check_action(action: Action) -> None:
    """Raise :class:`ActionError` if ``action`` cannot be saved.

    Parameters
    ----------
    action : Action
        The action as HR filled it in.

    Raises
    ------
    ActionError
        Naming the field to fix: an empty or very long title or owner, one department
        twice, an unknown status or a due day that is not a date.
    """
    if not action.title.strip():
        raise ActionError("Action: describe it in a few words, e.g. “Weekly liaison”.", "title")
    if len(action.title.strip()) > MAX_TITLE:
        raise ActionError(
            f"Action: shorten it to {MAX_TITLE} characters; put details in Notes.", "title"
        )
    if action.from_dept == action.to_dept:
        raise ActionError("Pair: choose two different departments.", "to_dept")
    sides = (
        (action.from_dept, action.owner_from, "owner_from"),
        (action.to_dept, action.owner_to, "owner_to"),
    )
    for department, owner, field in sides:
        if len(owner.strip()) > MAX_OWNER:
            raise ActionError(
                f"Owner in {department}: shorten it to {MAX_OWNER} characters (a name or a role).",
                field,
            )
    if action.status not in STATUSES:
        raise ActionError(f"Status: use one of {', '.join(STATUSES)}.", "status")
    if action.due and not _is_day(action.due):
        raise ActionError(f"Due: {action.due!r} is not a date (YYYY-MM-DD).", "due")


def _is_day(text: str) -> bool:
    """Whether ``text`` is a day written ``YYYY-MM-DD``: Python also reads "20260930" and
    "2026-W40-1", but the overdue query compares the stored text with today's."""
    try:
        return date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def save_action(db: Database, action: Action) -> int:
    """Insert or update ``action`` (by its ``id``).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    action : Action
        What to store; ``id`` ``None`` adds a new action, recorded today.

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
        _dept_id(db, action.from_dept, "from_dept"),
        _dept_id(db, action.to_dept, "to_dept"),
        wave_id,
        action.title.strip(),
        action.owner_from.strip() or None,
        action.owner_to.strip() or None,
        action.due or None,
        action.status,
        action.notes.strip() or None,
    ]
    with db.atomic():
        if action.id is None:
            recorded = action.recorded or date.today().isoformat()
            cursor = db.execute(
                "INSERT INTO actions(from_id, to_id, wave_id, title, owner_from, owner_to, due, "
                "status, notes, created_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [*values, recorded],
            )
            action.recorded = recorded
            return int(cursor.lastrowid)
        cursor = db.execute(
            "UPDATE actions SET from_id = ?, to_id = ?, wave_id = ?, title = ?, owner_from = ?, "
            "owner_to = ?, due = ?, status = ?, notes = ? WHERE id = ?",
            [*values, action.id],
        )
        if cursor.rowcount == 0:  # deleted meanwhile: "saved" stored nothing
            raise ActionError(
                "This action is no longer in the workspace: it was deleted meanwhile (here "
                "or on another computer), so nothing was saved. To keep it, copy what you "
                "typed, press Cancel and add it again with Add… in Actions."
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
