"""A closed wave leaves nothing behind in ``SHARE/requests/`` and ``SHARE/tickets/`` (HR side).

A blinded request or a signed ticket is of no use once its wave has closed, and files that
stay on a share are read by everybody who can list it. So closing a wave
(:func:`surveys.publish.close_wave`) removes the wave's request and ticket files:

1. In the transaction that closes the wave, the wave's name is added to the workspace
   setting ``share_cleanup`` (:func:`schedule_cleanup`), so the job survives a crash, an
   unreachable share or a close made without a shared folder.
2. :func:`finish_cleanup` removes the files of every wave on that list, then takes the wave
   off the list. It runs right after the close, and again at the end of every signing pass
   (`rapport ingest`, `rapport tickets`, `rapport schedule run`, the HR window's signing),
   so whatever a crash or a busy share left is finished by the next run. Running it twice is
   harmless.

Only files that are provably the wave's are removed: a request or ticket file with a proper
name (32 hex digits and ``.request``, ``.ticket`` or ``.refused``) whose content is in its
format and names the wave. Other waves' files, temporary files, links, folders and anything
Rapport did not write are never touched. Removing runs under the signing lock
(:data:`LOCK_FILE`), so a signing pass never writes a ticket for the wave in between; when
a pass holds the lock, that pass does the cleanup at its end.

Public API: :func:`schedule_cleanup`, :func:`clean_after_close`, :func:`finish_cleanup`,
:func:`remove_wave_files`.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from surveys.store import get_setting, set_setting
from surveys.ticket_files import (
    NAME,
    REFUSAL_FORMAT,
    REFUSED_SUFFIX,
    REQUEST_FORMAT,
    REQUEST_SUFFIX,
    TICKET_FORMAT,
    TICKET_SUFFIX,
    TicketFileError,
    read_small,
)
from surveys.transport import REQUESTS, TICKETS, fsync_dir, loads_shared

#: In the workspace folder: held while requests are signed or a closed wave's files removed.
LOCK_FILE = ".tickets.lock"
#: The workspace setting listing the closed waves whose share files are still to remove.
SETTING = "share_cleanup"
_FORMATS = {
    REQUEST_SUFFIX: REQUEST_FORMAT,
    TICKET_SUFFIX: TICKET_FORMAT,
    REFUSED_SUFFIX: REFUSAL_FORMAT,
}


@dataclass
class CleanupReport:
    """What a cleanup removed, and the waves still waiting for one (the share was away)."""

    requests: int = 0
    tickets: int = 0
    waiting: tuple[str, ...] = ()


def schedule_cleanup(db: Database, wave: str) -> None:
    """Put ``wave`` on the list of closed waves whose share files are to be removed.

    Call it inside the transaction that closes the wave.
    """
    waves = _listed(db)
    if wave not in waves:
        set_setting(db, SETTING, [*waves, wave])


def clean_after_close(db: Database, workspace: Path, share: str | Path | None) -> None:
    """Right after a close: remove the listed waves' files unless a signing pass is running
    (it does so at its end) or the share is away (the next run does)."""
    from surveys.file_lock import try_lock

    with contextlib.suppress(OSError), try_lock(workspace / LOCK_FILE) as held:
        if held:
            finish_cleanup(db, share)


def _listed(db: Database) -> list[str]:
    value = get_setting(db, SETTING, [])
    return [w for w in value if isinstance(w, str)] if isinstance(value, list) else []


def finish_cleanup(db: Database, share: str | Path | None) -> CleanupReport:
    """Remove the request and ticket files of the closed waves on the list, then list them off.

    Parameters
    ----------
    db : Database
        The open workspace.
    share : path or None
        The shared folder (``None``: nothing is done; the list waits for one).

    Returns
    -------
    CleanupReport
        ``waiting`` names the waves left on the list (the share could not be read).

    Thread contract: any thread; ``db`` belongs to the calling thread. The caller holds the
    signing lock.
    """
    waves = _listed(db)
    if not waves or share is None:
        return CleanupReport(waiting=tuple(waves))
    closed = {
        name for (name,) in db.execute("SELECT name FROM waves WHERE status = 'closed'").fetchall()
    }
    due = {w for w in waves if w in closed}
    try:
        report = remove_wave_files(Path(share), due) if due else CleanupReport()
    except OSError:
        return CleanupReport(waiting=tuple(waves))
    left = [w for w in waves if w not in due and w in _known(db)]
    with db.atomic():
        set_setting(db, SETTING, left)
    report.waiting = tuple(left)
    return report


def _known(db: Database) -> set[str]:
    return {name for (name,) in db.execute("SELECT name FROM waves").fetchall()}


def remove_wave_files(share: Path, waves: set[str]) -> CleanupReport:
    """Remove the request and ticket files in ``share`` that belong to ``waves``.

    Raises
    ------
    OSError
        A folder or file cannot be read (the share is away): the caller keeps the waves
        listed, and a later run removes the rest.
    """
    report = CleanupReport()
    for folder in (REQUESTS, TICKETS):
        path = share / folder
        if not path.is_dir():
            continue
        removed = 0
        with os.scandir(path) as found:
            entries = sorted(found, key=lambda e: e.name)
        for entry in entries:
            if _wave_of(entry) in waves:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed += 1
        if removed:
            fsync_dir(path)
        if folder == REQUESTS:
            report.requests = removed
        else:
            report.tickets = removed
    return report


def _wave_of(entry: os.DirEntry) -> str | None:
    """The wave a request or ticket file names, or ``None`` for anything else."""
    stem, dot, suffix = entry.name.partition(".")
    expected = _FORMATS.get(dot + suffix)
    if expected is None or not NAME.fullmatch(stem):
        return None
    try:
        if not stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode):
            return None
        record = loads_shared(read_small(Path(entry.path)).decode("utf-8"))
    except (FileNotFoundError, PermissionError, TicketFileError, UnicodeDecodeError, ValueError):
        return None  # gone, not HR's to read, or not Rapport's (even nested 8,000 deep)
    # Any other OSError (the share went away) stops the cleanup; the wave stays listed.
    if type(record) is not dict or record.get("format") != expected:
        return None
    wave = record.get("wave")
    return wave if type(wave) is str else None
