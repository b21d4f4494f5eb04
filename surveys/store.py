"""Open and create Rapport workspaces.

A workspace is a folder holding ``rapport.db`` (SQLite in WAL mode with foreign keys on)
and, in team mode, the workspace's key pair. The schema is managed by
:mod:`surveys.migrations`; a database written by a newer Rapport is refused.

A file is recognised as a workspace *before* anything is changed in it (not even the
journal mode): its SQLite header carries Rapport's application id
(:data:`surveys.migrations.APPLICATION_ID`, ``PRAGMA application_id``) and it has the marker
table ``rapport_workspace``. A workspace made before the id existed is recognised by
Rapport's own migration names and core tables, and migration ``m013_workspace_identity``
stamps it; another program's SQLite file (even a sqlite-utils application with its own
``_sqlite_migrations``) is refused and left byte-for-byte as it was. Damaged files, missing
tables and settings that are not JSON are refused at opening with a message that says what
to do. The checks live in :mod:`surveys.workspace_checks`, whose
:func:`~surveys.workspace_checks.describe_database_error` also words the SQLite errors that
can still happen later, for the command line and the HR window.

:func:`create_workspace` builds the database in a temporary file beside its final place and
renames it into place when it is complete (:mod:`surveys.workspace_build`), so a crash
leaves no workspace or a whole one.

Transactions: :class:`WorkspaceDatabase`, the connection every function here returns,
starts its outermost :meth:`~WorkspaceDatabase.atomic` block with ``BEGIN IMMEDIATE``. A
transaction that reads and then writes would otherwise fail at once with "database is
locked" when another job wrote in between; now it waits up to the busy timeout
(:data:`BUSY_TIMEOUT_MS`) for the other job's transaction to end.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Generator, Iterable
from pathlib import Path

from sqlite_utils import Database

from surveys.errors import SchemaTooNewError, WorkspaceError
from surveys.host_lock import check_not_elsewhere
from surveys.migrations import MARKER_TABLE, migrations
from surveys.model import DEFAULT_DEPARTMENTS
from surveys.workspace_checks import (
    BUSY_TIMEOUT_MS,
    CORE_TABLES,
    check_header,
    check_not_newer,
    check_settings,
    damaged_workspace,
    describe_database_error,
    identify,
    read_only_problem,
    table_names,
)
from surveys.workspace_files import DB_NAME
from surveys.workspace_reads import database_path, departments, get_setting, set_setting

__all__ = [
    "DB_NAME",
    "SchemaTooNewError",
    "WorkspaceDatabase",
    "WorkspaceError",
    "begin_immediate",
    "create_workspace",
    "database_path",
    "departments",
    "describe_database_error",
    "get_setting",
    "open_workspace",
    "set_setting",
]


class WorkspaceDatabase(Database):
    """A workspace connection whose outermost :meth:`atomic` block is ``BEGIN IMMEDIATE``.

    sqlite-utils plugins installed beside Rapport are not run on it: their
    ``prepare_connection`` hook would get the workspace's connection (and so its comments),
    and finding them read the metadata of every installed package, about 0.015 s of CPU in
    each process that opens a workspace (``rapport analyze``, ``rapport import-csv``).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__(conn, execute_plugins=False)

    @contextlib.contextmanager
    def atomic(self, waiting: Callable[[], None] | None = None) -> Generator[Database, None, None]:
        """A transaction that takes the write lock at once (nested blocks: savepoints).

        Taking it at ``BEGIN`` means a block that reads and then writes never fails half-way
        because another connection wrote in between: it waits (busy timeout) instead.
        ``waiting``, when given, is called every :data:`BEGIN_POLL_MS` while another
        connection holds the lock (:func:`begin_immediate`), so that it can raise
        ``Cancelled``.
        """
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        begin_immediate(self.conn, waiting)
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise


@contextlib.contextmanager
def savepoint(conn: sqlite3.Connection | Database, name: str) -> Generator[None, None, None]:
    """An all-or-nothing block inside whatever transaction ``conn`` is in.

    If the block raises, everything it wrote is rolled back to the savepoint before the
    exception goes on; either way the savepoint is released, so an enclosing transaction
    continues. ``name`` must be a plain identifier chosen by the caller (it is written into
    the SQL).

    Outside a transaction the block is one of its own, begun with ``BEGIN IMMEDIATE`` (as
    :meth:`WorkspaceDatabase.atomic`): a bare ``SAVEPOINT`` began a deferred one, and an
    import that read first and wrote later then failed at once with "database is locked"
    when another job held the write lock (SQLite never waits to turn a read into a write),
    or when another job had written since it started reading.

    Parameters
    ----------
    conn : sqlite3.Connection or Database
        The connection to write through.
    name : str
        The savepoint's name, unique among the blocks that can nest.
    """
    if not name.isidentifier():
        raise ValueError(f"savepoint name must be an identifier, not {name!r}")
    raw = conn.conn if isinstance(conn, Database) else conn
    outermost = not raw.in_transaction
    if outermost:
        raw.execute("BEGIN IMMEDIATE")  # waits (busy timeout) for another writer
    try:
        raw.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            raw.execute(f"ROLLBACK TO {name}")
            raw.execute(f"RELEASE {name}")
            raise
        raw.execute(f"RELEASE {name}")
        if outermost:
            raw.execute("COMMIT")
    except BaseException:
        if outermost and raw.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # the error that stopped it is the news
                raw.execute("ROLLBACK")
        raise


#: How long one attempt of :func:`begin_immediate` waits for the write lock before it asks
#: its ``waiting`` callback (where Cancel is heard) and tries again.
BEGIN_POLL_MS = 100


def begin_immediate(conn: sqlite3.Connection, waiting: Callable[[], None] | None = None) -> None:
    """``BEGIN IMMEDIATE`` on ``conn``, waiting up to its busy timeout for another writer.

    Without ``waiting`` SQLite waits in one call, and nothing else runs meanwhile. With it,
    the wait is cut into attempts of :data:`BEGIN_POLL_MS` and ``waiting()`` is called
    between them: a job waiting for a workspace another job writes to (for up to
    :data:`BUSY_TIMEOUT_MS`) still hears Cancel at once. Past the busy timeout the same
    "database is locked" error is raised as without it; ``conn``'s busy timeout is kept.
    """
    if waiting is None:
        conn.execute("BEGIN IMMEDIATE")
        return
    total = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
    deadline = time.monotonic() + total / 1000
    conn.execute(f"PRAGMA busy_timeout = {min(BEGIN_POLL_MS, total)}")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                busy = exc.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
                if not busy or time.monotonic() >= deadline:
                    raise
            waiting()
    finally:
        conn.execute(f"PRAGMA busy_timeout = {total}")


def connect_file(path: Path) -> sqlite3.Connection:
    """A plain connection to ``path`` in autocommit mode (nothing is changed in the file)."""
    return sqlite3.connect(str(path), isolation_level=None, check_same_thread=True)


def _configure(conn: sqlite3.Connection) -> WorkspaceDatabase:
    db = WorkspaceDatabase(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = NORMAL")
    return db


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
    WorkspaceDatabase
        A connection owned by the calling thread (a :class:`sqlite_utils.Database`).

    Raises
    ------
    WorkspaceError
        When the folder holds no workspace, the file is not a Rapport database (nothing in
        it is changed), another computer has it open
        (:class:`~surveys.host_lock.WorkspaceInUseError`), it is damaged (a missing table,
        a setting that is not JSON, pages SQLite cannot read), or it was written by a
        newer Rapport (:class:`SchemaTooNewError`).
    """
    path = database_path(folder)
    if not path.exists():
        raise WorkspaceError(_missing(Path(folder)))
    check_not_elsewhere(folder)  # another computer's Rapport has it open (surveys.host_lock)
    check_header(path)
    conn = connect_file(path)
    try:
        identify(conn, path)
        close_to_others(path)
        db = _configure(conn)
        check_not_newer(db, path)
        if migrate and migrations.pending(db):
            migrations.apply(db)
            if MARKER_TABLE not in table_names(conn) and not migrations.pending(db):
                raise damaged_workspace(path, "its marker table is missing after upgrading")
        if not migrations.pending(db):
            missing = [name for name in CORE_TABLES if name not in table_names(conn)]
            if missing:
                raise damaged_workspace(path, f"the table {missing[0]} is missing")
            check_settings(db, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        # Opening changes nothing that is not rolled back (migrations run in a transaction).
        reason = read_only_problem(path) or describe_database_error(exc, path, opening=True)
        raise WorkspaceError(reason) from exc
    except BaseException:
        conn.close()
        raise
    return db


def _missing(folder: Path) -> str:
    """Why there is no workspace in ``folder``: no such folder (or it cannot be reached),
    or a folder without ``rapport.db``."""
    try:
        exists, is_file = folder.is_dir(), folder.is_file()
    except OSError:  # the share answers with an error
        exists = is_file = False
    if is_file:
        if folder.name.lower() == DB_NAME:
            return (
                f"{folder} is the workspace's database; give the folder that holds it: "
                f"{folder.parent}."
            )
        return (
            f"{folder} is a file, not a workspace folder; give the folder that holds "
            f"{DB_NAME} (the one `rapport init` or `rapport demo` made)."
        )
    if not exists:
        return (
            f"The workspace folder {folder} does not exist or cannot be reached (is the "
            "network drive connected? was the folder moved or renamed?). Reconnect the "
            "drive, or choose the folder where the workspace is now."
        )
    return (
        f"No Rapport workspace in {folder}: {DB_NAME} is missing. "
        "Create one with `rapport init` or choose another folder."
    )


def close_to_others(path: Path) -> None:
    """Take every access of "others" from a workspace database and its WAL files.

    A workspace made by an earlier Rapport (or copied in) may be readable by every account
    of the computer under the usual umask, and it holds every answer and comment as
    written. Access through the file's group is left as it is: HR may share a workspace
    with a group on purpose. Where modes cannot be changed (a network drive, Windows), the
    file system's own permissions decide.
    """
    for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            # The mode of the file itself: chmod follows a link, and a link's own mode
            # (0777) would have given a linked database 0770.
            mode = stat.S_IMODE(os.stat(name).st_mode)
            if mode & 0o007:
                os.chmod(name, mode & ~0o007)


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

    The database is built whole in a temporary file (in a temporary folder beside
    ``folder`` when that does not exist yet), then renamed into place: killed at any
    moment, this leaves either no workspace or a complete one, never an empty or
    half-made ``rapport.db``. Temporary files of an earlier, interrupted run are removed.

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
    if os.path.lexists(path):
        from surveys.workspace_build import remove_interrupted_builds

        with contextlib.suppress(OSError):
            remove_interrupted_builds(folder)
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
    from surveys.workspace_build import build_workspace

    try:
        settings = {"organisation": organisation} if organisation else {}
        build_workspace(folder, names, headcounts, settings)
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise WorkspaceError(
            f"Cannot create a workspace in {folder} ({reason}); choose a folder you can write to."
        ) from exc
    return open_workspace(folder)


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
    from surveys.validation import new_department_problem

    for name in names:
        problem = new_department_problem(name)
        if problem:
            shown = name if len(name) <= 40 else name[:37] + "..."
            raise WorkspaceError(f"Department {shown!r}: {problem}; correct the name.")
