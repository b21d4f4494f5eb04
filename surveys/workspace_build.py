"""Building a new workspace so that a crash leaves no workspace or a whole one.

:func:`build_workspace` writes the complete database (schema, departments, WAL mode) into a
temporary file, syncs it, and only then gives it its final name: inside the folder when the
folder exists (``os.link``, which never replaces a workspace made meanwhile), or by renaming
a temporary folder beside it when it does not. What an interrupted build left behind has
names of its own (``.rapport-init-<random>.tmp``) and is removed by the next build.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
from pathlib import Path
from typing import Any, NamedTuple

from surveys.errors import WorkspaceError
from surveys.migrations import migrations
from surveys.store import DB_NAME, WorkspaceDatabase, connect_file, database_path
from surveys.transport import fsync_dir


def build_workspace(
    folder: Path,
    names: list[str],
    headcounts: dict[str, int],
    settings: dict[str, Any] | None = None,
) -> None:
    """Create the workspace database of ``folder`` whole, or not at all.

    ``names`` are the departments in display order, ``headcounts`` their headcounts by name,
    ``settings`` the first workspace settings (stored as JSON, like :func:`set_setting`).

    Raises
    ------
    OSError, sqlite3.Error
        If the folder cannot be written; nothing is left behind.
    WorkspaceError
        If another workspace appeared in ``folder`` meanwhile.
    """
    remove_interrupted_builds(folder)
    contents = _Contents(names, headcounts, settings or {})
    if folder.is_dir():
        _build_in_place(folder, contents)
    else:
        _build_beside(folder, contents)


_BUILD = "rapport-init-"


class _Contents(NamedTuple):
    names: list[str]
    headcounts: dict[str, int]
    settings: dict[str, Any]


def _build_name() -> str:
    return f".{_BUILD}{secrets.token_hex(8)}.tmp"


def remove_interrupted_builds(folder: Path) -> None:
    """Remove what an interrupted :func:`create_workspace` left (only its own names)."""
    if folder.is_dir():
        own = re.compile(rf"\.{_BUILD}[0-9a-f]{{16}}\.tmp(-journal|-wal|-shm)?")
        for entry in os.scandir(folder):
            if own.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
    if folder.parent.is_dir():
        beside = re.compile(rf"\.{re.escape(folder.name)}\.{_BUILD}[0-9a-f]{{16}}\.tmp")
        for entry in os.scandir(folder.parent):
            if beside.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)


def _build(path: Path, contents: _Contents) -> None:
    """Write a complete workspace database at ``path`` (a new file), synced to disk.

    The file is HR's alone (``0600``, whatever the umask; SQLite gives its WAL and shared
    memory files the same mode): it holds every answer and every comment as written.
    """
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    os.chmod(path, 0o600)
    conn = connect_file(path)
    try:
        db = WorkspaceDatabase(conn)
        db.execute("PRAGMA foreign_keys = ON")
        migrations.apply(db)
        with db.atomic():
            for position, name in enumerate(contents.names):
                db.execute(
                    "INSERT INTO departments(name, headcount, position) VALUES (?, ?, ?)",
                    [name, contents.headcounts.get(name), position],
                )
            for key, value in contents.settings.items():
                db.execute(
                    "INSERT INTO settings(key, value) VALUES (?, ?)", [key, json.dumps(value)]
                )
        db.execute("PRAGMA journal_mode = WAL")  # persistent; the WAL is gone after close
    finally:
        conn.close()
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _build_in_place(folder: Path, contents: _Contents) -> None:
    temp = folder / _build_name()
    try:
        _build(temp, contents)
        try:
            os.link(temp, database_path(folder))  # never replaces a workspace made meanwhile
        except FileExistsError:
            raise WorkspaceError(
                f"{folder} already holds a Rapport workspace; open it instead."
            ) from None
        except OSError:  # a file system without hard links
            os.replace(temp, database_path(folder))
        fsync_dir(folder)
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{temp}{suffix}")


def _build_beside(folder: Path, contents: _Contents) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    temp = folder.parent / f".{folder.name}.{_build_name()[1:]}"
    temp.mkdir()
    try:
        _build(temp / DB_NAME, contents)
        fsync_dir(temp)
        os.rename(temp, folder)
        fsync_dir(folder.parent)
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
