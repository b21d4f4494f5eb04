"""Open and create Rapport workspaces.

A workspace is a folder holding ``rapport.db`` (SQLite in WAL mode with foreign keys on)
and, in team mode, the workspace's key pair. The schema is managed by
:mod:`surveys.migrations`; a database written by a newer Rapport is refused.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from surveys import __version__
from surveys.errors import RapportError
from surveys.migrations import MIGRATION_SET, known_names, migrations
from surveys.model import DEFAULT_DEPARTMENTS, Department

DB_NAME = "rapport.db"


class WorkspaceError(RapportError):
    """A workspace cannot be opened or used; the message is for people."""


class SchemaTooNewError(WorkspaceError):
    """The database was written by a newer version of Rapport."""


def database_path(folder: str | Path) -> Path:
    """Where the database of the workspace ``folder`` lives."""
    return Path(folder) / DB_NAME


def _connect(path: Path) -> Database:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=True)
    db = Database(conn)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA busy_timeout = 5000")
    return db


def _check_not_newer(db: Database, path: Path) -> None:
    table = db.table("_sqlite_migrations")
    if not table.exists():
        return
    applied = [row["name"] for row in table.rows_where("migration_set = ?", [MIGRATION_SET])]
    unknown = [name for name in applied if name not in known_names()]
    if unknown:
        raise SchemaTooNewError(
            f"{path} was written by a newer version of Rapport (it has schema changes "
            f"{', '.join(unknown)} that Rapport {__version__} does not know). "
            "Install the newer Rapport to open it; this version will not change the file."
        )


def _not_a_workspace(path: Path, reason: str) -> WorkspaceError:
    return WorkspaceError(
        f"{path} is not a Rapport workspace database ({reason}). Choose the folder of a "
        "workspace, restore rapport.db from a backup, or create a new one with `rapport init`."
    )


def _check_is_rapport(db: Database, path: Path) -> None:
    """Refuse an SQLite file of another program (it would be migrated into a workspace)."""
    if not db.table("_sqlite_migrations").exists():
        db.close()
        raise _not_a_workspace(path, "it is an SQLite file of another program")


def open_workspace(folder: str | Path, *, migrate: bool = True) -> Database:
    """Open the workspace in ``folder`` and bring its schema up to date.

    Parameters
    ----------
    folder : path
        The workspace folder (the one that holds ``rapport.db``).
    migrate : bool
        Apply pending migrations (default). With ``False`` an old schema stays as it is.

    Returns
    -------
    sqlite_utils.Database
        A connection owned by the calling thread.

    Raises
    ------
    WorkspaceError
        When the folder holds no workspace, the file is not a Rapport database, or it was
        written by a newer Rapport (:class:`SchemaTooNewError`).
    """
    path = database_path(folder)
    if not path.exists():
        raise WorkspaceError(
            f"No Rapport workspace in {folder}: {DB_NAME} is missing. "
            "Create one with `rapport init` or choose another folder."
        )
    if path.is_dir() or path.stat().st_size == 0:
        raise _not_a_workspace(path, "it is empty" if path.is_file() else "it is a folder")
    try:
        db = _connect(path)
        _check_not_newer(db, path)
        _check_is_rapport(db, path)
    except sqlite3.DatabaseError as exc:
        raise _not_a_workspace(path, str(exc)) from exc
    if migrate and migrations.pending(db):
        migrations.apply(db)
    return db


#: The longest organisation name (it goes on every slide's footer).
MAX_ORGANISATION = 80


def create_workspace(
    folder: str | Path,
    departments: Iterable[str] = DEFAULT_DEPARTMENTS,
    headcounts: dict[str, int] | None = None,
    organisation: str | None = None,
) -> Database:
    """Create a new workspace in ``folder`` (created if needed) and return it open.

    `rapport init` and the HR window's File › New workspace both call this.

    Parameters
    ----------
    folder : path
        The new workspace folder (it may exist if it holds no workspace).
    departments : iterable of str
        At least two names, none repeated (compared without case).
    headcounts : dict, optional
        Headcount by department name (whole numbers, 0 or more).
    organisation : str, optional
        The organisation's name (setting ``organisation``: the deck, the analysis); without
        it the folder's name is used.

    Raises
    ------
    WorkspaceError
        If the folder already holds a workspace, a department name is empty or repeated, a
        headcount is negative, or the organisation name is too long.
    """
    folder = Path(folder)
    path = database_path(folder)
    if path.exists():
        raise WorkspaceError(f"{folder} already holds a Rapport workspace; open it instead.")
    names = [name.strip() for name in departments]
    _check_department_names(names)
    headcounts = headcounts or {}
    negative = [name for name, count in headcounts.items() if count is not None and count < 0]
    if negative:
        raise WorkspaceError(f"Headcount of {negative[0]}: give a whole number, 0 or more.")
    organisation = " ".join((organisation or "").split())
    if len(organisation) > MAX_ORGANISATION:
        raise WorkspaceError(
            f"The organisation name has {len(organisation)} characters; shorten it to "
            f"{MAX_ORGANISATION} or fewer (it goes on every slide)."
        )
    if folder.exists() and not folder.is_dir():
        raise WorkspaceError(
            f"{folder} is a file, not a folder; give the path of a new or empty folder."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        db = _connect(path)
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise WorkspaceError(
            f"Cannot create a workspace in {folder} ({reason}); choose a folder you can write to."
        ) from exc
    migrations.apply(db)
    with db.atomic():
        for position, name in enumerate(names):
            db.table("departments").insert(
                {"name": name, "headcount": headcounts.get(name), "position": position}
            )
        if organisation:
            set_setting(db, "organisation", organisation)
    return db


def _check_department_names(names: list[str]) -> None:
    if not names:
        raise WorkspaceError("A workspace needs at least two departments.")
    if any(not name for name in names):
        raise WorkspaceError("A department name is empty; remove the extra comma.")
    lowered = [name.lower() for name in names]
    repeated = sorted({n for n in names if lowered.count(n.lower()) > 1})
    if repeated:
        raise WorkspaceError(
            f"Department named twice: {', '.join(repeated)} (names are compared without "
            "case); give each department one name."
        )
    if len(names) < 2:
        raise WorkspaceError("A workspace needs at least two departments.")


def departments(db: Database) -> list[Department]:
    """The workspace's departments in display order."""
    rows = db.execute("SELECT id, name, headcount FROM departments ORDER BY position, id")
    return [Department(*row) for row in rows.fetchall()]


def get_setting(db: Database, key: str, default: Any = None) -> Any:
    """Read a workspace setting stored as JSON."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return default if row is None else json.loads(row[0])


def set_setting(db: Database, key: str, value: Any) -> None:
    """Store a workspace setting as JSON."""
    db.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, json.dumps(value)],
    )
