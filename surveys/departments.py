"""Departments of a workspace as HR edits them: add, rename, set the headcount, remove.

Answers, comments and actions refer to a department by id, so renaming keeps them; a
department that anything refers to cannot be removed. Every function checks its input and
raises :class:`~surveys.errors.SettingsError` with what to fix.

Public API: :func:`add_department`, :func:`rename_department`, :func:`set_headcount`,
:func:`remove_department` (the list itself is :func:`surveys.store.departments`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from surveys.errors import SettingsError
from surveys.model import MOST_PEOPLE
from surveys.store import departments
from surveys.validation import new_department_problem

if TYPE_CHECKING:
    from sqlite_utils import Database


def _check_name(db: Database, name: str, ignore_id: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise SettingsError("Department name: it is empty; type a name.")
    if len(name) > 60:
        raise SettingsError("Department name: use at most 60 characters.")
    problem = new_department_problem(name)
    if problem:
        raise SettingsError(f"Department name: {problem}.")
    for dept in departments(db):
        if dept.name.lower() == name.lower() and dept.id != ignore_id:
            raise SettingsError(f"Department name: {dept.name!r} already exists.")
    return name


def _check_headcount(value: int | None) -> int | None:
    if value is None:
        return None
    if int(value) < 0:
        raise SettingsError("Headcount: it cannot be negative.")
    if int(value) > MOST_PEOPLE:
        raise SettingsError(f"Headcount: at most {MOST_PEOPLE:,} people; check the number.")
    return int(value)


def _dept_id(db: Database, name: str) -> int:
    row = db.execute("SELECT id FROM departments WHERE name = ?", [name]).fetchone()
    if row is None:
        raise SettingsError(f"There is no department called {name!r}.")
    return row[0]


def add_department(db: Database, name: str, headcount: int | None = None) -> None:
    """Add a department at the end of the list.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    name : str
        The new name (at most 60 characters, not used yet, compared without case).
    headcount : int, optional
        People in the department; ``None`` when unknown.

    Raises
    ------
    SettingsError
        If the name is empty, too long or taken, or the headcount is negative.
    """
    name = _check_name(db, name)
    headcount = _check_headcount(headcount)
    position = db.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM departments").fetchone()
    with db.atomic():
        db.execute(
            "INSERT INTO departments(name, headcount, position) VALUES (?, ?, ?)",
            [name, headcount, position[0]],
        )


def rename_department(db: Database, old: str, new: str) -> None:
    """Rename a department; its answers, comments and actions follow (they use its id).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    old, new : str
        The current and the new name.

    Raises
    ------
    SettingsError
        If ``old`` is unknown or ``new`` cannot be used.
    """
    dept_id = _dept_id(db, old)
    new = _check_name(db, new, ignore_id=dept_id)
    with db.atomic():
        db.execute("UPDATE departments SET name = ? WHERE id = ?", [new, dept_id])


def set_headcount(db: Database, name: str, headcount: int | None) -> None:
    """Change a department's headcount.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    name : str
        The department.
    headcount : int or None
        People in it; ``None`` when unknown.

    Raises
    ------
    SettingsError
        If the department is unknown or the headcount negative.
    """
    dept_id = _dept_id(db, name)
    with db.atomic():
        db.execute(
            "UPDATE departments SET headcount = ? WHERE id = ?",
            [_check_headcount(headcount), dept_id],
        )


def remove_department(db: Database, name: str) -> None:
    """Remove a department that has no answers, comments or actions yet.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    name : str
        The department.

    Raises
    ------
    SettingsError
        If it is unknown, one of the last two, or referred to by anything.
    """
    dept_id = _dept_id(db, name)
    if len(departments(db)) <= 2:
        raise SettingsError("A workspace needs at least two departments; add one first.")
    used = db.execute(
        "SELECT (SELECT COUNT(*) FROM submissions WHERE department_id = :d) "
        "+ (SELECT COUNT(*) FROM answers WHERE to_id = :d) "
        "+ (SELECT COUNT(*) FROM actions WHERE from_id = :d OR to_id = :d)",
        {"d": dept_id},
    ).fetchone()[0]
    if used:
        raise SettingsError(
            f"{name} cannot be removed: answers or actions refer to it, and removing it would "
            "lose them. Rename it instead, or leave it out of new waves (Pulses › New wave)."
        )
    with db.atomic():
        db.execute("DELETE FROM departments WHERE id = ?", [dept_id])
