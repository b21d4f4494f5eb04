"""Is this file a whole Rapport workspace? Checks made before anything in it is changed.

:func:`surveys.store.open_workspace` calls, in order: :func:`check_header` (a file that is
not SQLite is never opened by SQLite), :func:`identify` (Rapport's application id and marker
table, or an older workspace's Rapport migration names; anything else is another program's
file and is left as it was), :func:`check_not_newer`, then after migrating the core tables
(:data:`CORE_TABLES`) and :func:`check_settings`. :func:`describe_database_error` words the
SQLite errors that can still happen later (damaged pages, text that is not UTF-8, another
job holding the write lock) for the command line and the HR window's jobs.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from surveys import __version__
from surveys.errors import SchemaTooNewError, WorkspaceError
from surveys.migrations import APPLICATION_ID, MARKER_TABLE, MIGRATION_SET, known_names
from surveys.workspace_files import DB_NAME

#: How long a statement waits for another job's write transaction to end.
BUSY_TIMEOUT_MS = 10_000
_SQLITE_MAGIC = b"SQLite format 3\x00"
#: Tables every workspace has once it is migrated (the first migration's, and the marker).
CORE_TABLES = (
    "settings",
    "departments",
    "surveys",
    "waves",
    "submissions",
    "answers",
    "comments",
    "actions",
    "superseded_submissions",
    MARKER_TABLE,
)


def check_not_newer(db: Database, path: Path) -> None:
    """Refuse a workspace that has schema changes this Rapport does not know.

    Raises
    ------
    SchemaTooNewError
        Naming the unknown migrations; the file is left unchanged.
    """
    applied = [
        row[0]
        for row in db.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
        )
    ]
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


def table_names(conn: sqlite3.Connection) -> set[str]:
    """The names of the tables in the database of ``conn``."""
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def identify(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse anything that is not positively a Rapport workspace; change nothing.

    Raises
    ------
    WorkspaceError
        For another program's file (another application id, or no Rapport migrations).
    """
    (app_id,) = conn.execute("PRAGMA application_id").fetchone()
    tables = table_names(conn)
    if app_id == APPLICATION_ID:
        if MARKER_TABLE not in tables or "_sqlite_migrations" not in tables:
            raise damaged_workspace(path, "the tables that mark a Rapport workspace are missing")
        return
    if app_id != 0:
        raise _not_a_workspace(
            path, f"it belongs to another program (SQLite application id {app_id:#010x})"
        )
    if "_sqlite_migrations" in tables:
        names = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
            )
        }
        if known_names()[0] in names and {"departments", "waves", "submissions"} <= tables:
            return  # a workspace made before the application id; m013 stamps it
    raise _not_a_workspace(path, "it is an SQLite file of another program")


def damaged_workspace(path: Path, reason: str, *, opening: bool = True) -> WorkspaceError:
    """The error for a workspace database that is damaged (``reason`` says how).

    ``opening``: found while opening it, before anything was changed; otherwise found
    during a command, whose unfinished step was rolled back.
    """
    outcome = "Rapport changed nothing" if opening else "the unfinished step was not saved"
    return WorkspaceError(
        f"The workspace database {path} is damaged: {reason}. Restore rapport.db from a "
        f"backup (copy it over this one while Rapport is closed); {outcome}."
    )


def check_settings(db: Database, path: Path) -> None:
    """Refuse a workspace whose settings are not all JSON (another program changed them).

    Raises
    ------
    WorkspaceError
        Naming the setting.
    """
    for key, value in db.execute("SELECT key, value FROM settings"):
        try:
            json.loads(value)
        except (TypeError, ValueError):
            raise damaged_workspace(
                path, f"its setting {key!r} is not valid JSON (changed by another program?)"
            ) from None


def describe_database_error(
    exc: sqlite3.Error, where: str | Path = "the workspace", *, opening: bool = False
) -> str:
    """Words for people about an SQLite error that reached the command line or a job.

    Parameters
    ----------
    exc : sqlite3.Error
        The error.
    where : str or Path
        What to name (the workspace folder or database).
    opening : bool
        Found while opening the workspace, so nothing was changed (otherwise a command's
        unfinished step was rolled back).

    Returns
    -------
    str
        What is wrong and what to do; never a traceback.
    """
    text = str(exc)
    lowered = text.lower()
    outcome = "nothing was changed" if opening else "the unfinished step was not saved"
    if "locked" in lowered or "busy" in lowered:
        return (
            f"Another Rapport job is writing to {where} and did not finish within "
            f"{BUSY_TIMEOUT_MS // 1000} seconds (on this computer, or on another one that "
            "uses the same workspace folder). Wait for it to end (an ingest or an "
            f"analysis), then run this again; {outcome}."
        )
    trouble = _storage_trouble(getattr(exc, "sqlite_errorname", "") or "", lowered)
    if trouble is not None:
        return f"{trouble.format(where=where)}; {outcome}."
    if "decode" in lowered and "utf-8" in lowered:
        reason = "it holds text that is not UTF-8 (changed by another program?)"
    elif "no such table" in lowered or "no such column" in lowered:
        reason = f"part of its structure is missing ({text})"
    elif "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
        reason = f"SQLite reports: {text}"
    else:
        return (
            f"The workspace database in {where} reported an error ({text}). If it happens "
            "again, restore rapport.db from a backup."
        )
    return str(damaged_workspace(Path(str(where)), reason, opening=opening))


#: What SQLite's storage errors mean for a workspace on a disk or a network share, by the
#: error's name (Python 3.11+) or, failing that, its text. None of them is damage: the
#: advice is never to restore a backup, which would throw away the latest work.
_STORAGE_TROUBLE = (
    (
        ("SQLITE_FULL",),
        "database or disk is full",
        "The disk that holds the workspace {where} is full. Free some space there (or ask "
        "for a larger quota on the network drive), then run this again",
    ),
    (
        ("SQLITE_READONLY",),
        "readonly database",
        "Rapport may no longer write in the workspace {where}: it became read-only (the "
        "share's permissions changed, or it was mounted read-only). Ask for write access "
        "again, then run this again",
    ),
    (
        ("SQLITE_CANTOPEN",),
        "unable to open database file",
        "Rapport cannot reach the workspace database in {where} any more (was the network "
        "drive disconnected, or the folder moved or renamed?). Reconnect the drive or put "
        "the folder back, then run this again",
    ),
    (
        ("SQLITE_IOERR",),
        "disk i/o error",
        "Reading or writing the workspace {where} failed (a disk I/O error: the network "
        "drive may have disconnected or stopped answering). Check that the drive is "
        "connected, then run this again",
    ),
)


def _storage_trouble(name: str, lowered: str) -> str | None:
    """The advice for a full, read-only, unreachable or failing disk, or ``None``."""
    for names, text, advice in _STORAGE_TROUBLE:
        if any(name.startswith(n) for n in names) or text in lowered:
            return advice
    return None


def read_only_problem(path: Path) -> str | None:
    """Why the workspace database ``path`` cannot be written, or ``None`` when it can.

    SQLite keeps its journal (``rapport.db-wal`` and ``-shm``) beside the database, so
    even reading a workspace needs a folder Rapport may write in; without it SQLite only
    says "unable to open database file", and Rapport said to restore a backup of a file
    that was fine.
    """
    folder = path.parent
    if os.access(folder, os.W_OK) and os.access(path, os.W_OK):
        return None
    what = "the folder" if not os.access(folder, os.W_OK) else f"its {path.name}"
    return (
        f"Rapport cannot write in the workspace {folder}: {what} is read-only (a read-only "
        "share, a CD or archive, or a folder you may only read). Rapport keeps its journal "
        "beside the database, so it needs to write there even to show it. Ask for write "
        "access, or copy the whole folder to one of your own and open the copy; nothing "
        "was changed."
    )


def check_header(path: Path) -> None:
    """Refuse an empty file, a folder, or a file that is not SQLite, before SQLite opens it."""
    if path.is_dir():
        raise _not_a_workspace(path, "it is a folder")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        message = f"Cannot read {path} ({exc.strerror}); check its permissions."
        raise WorkspaceError(message) from exc
    if not header:
        raise _not_a_workspace(path, "it is empty")
    if header != _SQLITE_MAGIC:
        raise _not_a_workspace(path, "it is not an SQLite database")


#: Why a recent workspace cannot be opened now: ``(short reason, what to do)``.
RecentProblem = tuple[str, str]


def recent_workspace_problem(folder: str | Path) -> RecentProblem | None:
    """Why the recent workspace ``folder`` cannot be opened now, or ``None`` if it looks fine.

    Only the file system is asked (no SQLite), so it is quick on a local disk; a share that
    does not answer may take long, so call it off the GUI thread. A folder that is missing
    may be on a drive or share that is not connected: the HR window keeps it in its recent
    list and asks again later.

    Returns
    -------
    tuple of str or None
        A short reason for a list ("not found") and a sentence saying what to do.
    """
    folder = Path(folder)
    try:
        if not folder.is_dir():
            return (
                "not found",
                "The folder cannot be found: connect the network drive or shared folder it "
                "is on, or, if it was moved, open it from its new place.",
            )
        database = folder / DB_NAME
        if not database.is_file():
            return (
                "no workspace in this folder",
                f"The folder holds no {DB_NAME} any more: open the workspace from where it "
                "is now, or remove it from this list.",
            )
        if read_only_problem(database) is not None:
            return (
                "read-only",
                "Rapport needs to write in the folder even to show it. Ask for write access, "
                "or copy the whole folder to one of your own and open the copy.",
            )
    except OSError as exc:
        return ("cannot be read", f"The folder cannot be read ({exc.strerror}).")
    return _in_use_elsewhere(folder)


def _in_use_elsewhere(folder: Path) -> RecentProblem | None:
    """Another computer's Rapport has ``folder`` open (:mod:`surveys.host_lock`)."""
    from surveys.host_lock import read_holder, shown_host

    holder = read_holder(folder)
    if holder is None or holder.is_this_computer():
        return None
    who = shown_host(holder.host)
    if holder.stale:
        return (
            f"left open on {who}",
            f"It was last confirmed open on {who} over 3 minutes ago: if Rapport is not "
            "running there any more, open it and choose Open anyway.",
        )
    return (
        f"open on {who}",
        f"Rapport has it open on {who}; a workspace is used from one computer at a time. "
        "Close it there, or wait.",
    )
