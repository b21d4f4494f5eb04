"""Settings and departments of an open workspace, read and written with the standard library.

The functions take any object with an ``execute`` method of :class:`sqlite3.Connection`'s
kind: a :class:`sqlite_utils.Database` as :func:`surveys.store.open_workspace` returns it
(which re-exports them), or a plain read-only connection, as the import's comment worker
(``analysis.import_ahead``) opens one. That worker starts while an import runs and does
its work only once it is ready, so it never imports ``sqlite_utils`` (with numpy, click,
dateutil and pluggy about 0.13 s of its start).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from surveys.errors import WorkspaceError
from surveys.model import Department
from surveys.workspace_files import DB_NAME


def database_path(folder: str | Path) -> Path:
    """Where the database of the workspace ``folder`` lives."""
    return Path(folder) / DB_NAME


def departments(db: Any) -> list[Department]:
    """The workspace's departments in display order."""
    rows = db.execute("SELECT id, name, headcount FROM departments ORDER BY position, id")
    return [Department(*row) for row in rows.fetchall()]


def get_setting(db: Any, key: str, default: Any = None) -> Any:
    """Read a workspace setting stored as JSON.

    Raises
    ------
    WorkspaceError
        If the stored value is not JSON (:func:`surveys.store.open_workspace` refuses such
        a workspace, so this only happens when another program changed it since).
    """
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    if row is None:
        return default
    try:
        return json.loads(row[0])
    except (TypeError, ValueError):
        raise WorkspaceError(
            f"The workspace setting {key!r} is not valid JSON (changed by another program?). "
            "Restore rapport.db from a backup."
        ) from None


def set_setting(db: Any, key: str, value: Any) -> None:
    """Store a workspace setting as JSON."""
    db.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, json.dumps(value)],
    )
