"""Workspace settings HR edits: departments and headcounts, thresholds, names, share.

Business data lives in the workspace database (``departments`` table and
:func:`surveys.store.get_setting` / ``set_setting``), never in QSettings. Every function
checks its input and raises :class:`SettingsError` with what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.privacy import FLOOR, redaction_names, thresholds_from_settings
from surveys.errors import RapportError
from surveys.store import departments, get_setting, set_setting


class SettingsError(RapportError):
    """A setting cannot be saved; the message names the field and what to do."""


@dataclass(frozen=True)
class WorkspaceSettings:
    """The values the settings section shows."""

    min_group: int
    min_comment_group: int
    redaction_names: tuple[str, ...]
    share: str


def read_settings(db) -> WorkspaceSettings:
    """Current thresholds (already clamped to the floor), names and shared folder."""
    k = thresholds_from_settings(db)
    return WorkspaceSettings(
        k.min_group, k.min_comment_group, tuple(redaction_names(db)), get_setting(db, "share", "")
    )


def save_thresholds(db, min_group: int, min_comment_group: int) -> None:
    """Store the anonymity thresholds; refuses anything below :data:`FLOOR` (3)."""
    for field, value in (("Scores", min_group), ("Comments", min_comment_group)):
        if int(value) < FLOOR:
            raise SettingsError(
                f"{field}: {value} is below {FLOOR}. Rapport never shows a group of fewer "
                f"than {FLOOR} people; choose {FLOOR} or more."
            )
    with db.atomic():
        set_setting(db, "min_group", int(min_group))
        set_setting(db, "min_comment_group", int(min_comment_group))


def save_names(db, names: list[str]) -> list[str]:
    """Store HR's redaction list (one name per entry; blanks and repeats dropped)."""
    cleaned = sorted({n.strip() for n in names if n.strip()}, key=str.lower)
    with db.atomic():
        set_setting(db, "redaction_names", cleaned)
    return cleaned


def save_share(db, share: str) -> None:
    """Store the shared folder (empty: none)."""
    with db.atomic():
        set_setting(db, "share", share.strip())


def _check_name(db, name: str, ignore_id: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise SettingsError("Department name: it is empty; type a name.")
    if len(name) > 60:
        raise SettingsError("Department name: use at most 60 characters.")
    for dept in departments(db):
        if dept.name.lower() == name.lower() and dept.id != ignore_id:
            raise SettingsError(f"Department name: {dept.name!r} already exists.")
    return name


def _check_headcount(value: int | None) -> int | None:
    if value is None:
        return None
    if int(value) < 0:
        raise SettingsError("Headcount: it cannot be negative.")
    return int(value)


def _dept_id(db, name: str) -> int:
    row = db.execute("SELECT id FROM departments WHERE name = ?", [name]).fetchone()
    if row is None:
        raise SettingsError(f"There is no department called {name!r}.")
    return row[0]


def add_department(db, name: str, headcount: int | None = None) -> None:
    """Add a department at the end of the list."""
    name = _check_name(db, name)
    headcount = _check_headcount(headcount)
    position = db.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM departments").fetchone()
    with db.atomic():
        db.execute(
            "INSERT INTO departments(name, headcount, position) VALUES (?, ?, ?)",
            [name, headcount, position[0]],
        )


def rename_department(db, old: str, new: str) -> None:
    """Rename a department; its answers, comments and actions follow (they use its id)."""
    dept_id = _dept_id(db, old)
    new = _check_name(db, new, ignore_id=dept_id)
    with db.atomic():
        db.execute("UPDATE departments SET name = ? WHERE id = ?", [new, dept_id])


def set_headcount(db, name: str, headcount: int | None) -> None:
    """Change a department's headcount (``None``: unknown)."""
    dept_id = _dept_id(db, name)
    with db.atomic():
        db.execute(
            "UPDATE departments SET headcount = ? WHERE id = ?",
            [_check_headcount(headcount), dept_id],
        )


def remove_department(db, name: str) -> None:
    """Remove a department that has no answers, comments or actions yet."""
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
