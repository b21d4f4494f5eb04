"""Who may do what in the shared folder: the POSIX modes a new share gets, and the check.

Staff need to *add* files to ``inbox/`` and ``requests/``, never to list, read or delete
anyone else's; to read ``published/``, ``tickets/`` and ``receipts/``; and nothing in
``archive/`` or ``quarantine/``. On a POSIX file system (a Linux file server, a Samba share
that keeps Unix modes) that is:

=============== ======== ===================================================================
folder          mode     meaning
=============== ======== ===================================================================
``inbox/``      ``1733`` anyone may add a file; only its writer (and HR, the folder's owner)
                         may rename or delete it (sticky bit); nobody else may list it
``requests/``   ``1733`` the same, for ticket requests
``published/``  ``0755`` anyone may read; only HR writes
``tickets/``    ``0755`` anyone may read a ticket by its name; only HR writes
``archive/``    ``0700`` HR only
``quarantine/`` ``0700`` HR only
``receipts/``   ``0755`` anyone may read; only HR writes (made by the first ingest)
``SHARE`` itself ``0755`` nobody but HR may add, rename or remove a folder
=============== ======== ===================================================================

HR's account (or root) must own the share and every folder in it: whoever owns a folder
may change its mode, and whoever may write to the share itself may rename HR's folders and
put their own in their place: a ``published/`` whose survey carries their own key, an
``inbox/`` they can read. Respondents' apps would then seal answers for the colleague.

:func:`restrict_new_folders` gives folders Rapport has just created these modes (a folder an
administrator made is left as it is), and :func:`access_problems` says, in words, where an
existing share lets a colleague delete other people's answers or replace what HR wrote.
On Windows the folders' ACLs decide, which this module does not read; docs/deploy.md
("Team mode with a shared folder") gives the ``icacls`` commands.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from surveys.transport import (
    ARCHIVE,
    INBOX,
    PUBLISHED,
    QUARANTINE,
    RECEIPTS,
    REQUESTS,
    TICKETS,
)

#: The mode each folder of a new share gets on a POSIX file system.
FOLDER_MODES = {
    PUBLISHED: 0o755,
    INBOX: 0o1733,
    ARCHIVE: 0o700,
    QUARANTINE: 0o700,
    REQUESTS: 0o1733,
    TICKETS: 0o755,
    RECEIPTS: 0o755,  # made by the first ingest that has receipts to list
}
#: Folders staff write to: their files must be safe from other writers.
_DROP_BOXES = (INBOX, REQUESTS)
#: Folders only HR writes to.
_HR_WRITES = (PUBLISHED, TICKETS, ARCHIVE, QUARANTINE, RECEIPTS)
#: The mode of the shared folder itself when Rapport creates it.
SHARE_MODE = 0o755
_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH


def restrict_new_folders(share: Path, created: list[str], *, share_created: bool = False) -> None:
    """Give the folders named in ``created`` (just made by Rapport) their :data:`FOLDER_MODES`,
    and the shared folder itself :data:`SHARE_MODE` when ``share_created``.

    Does nothing on Windows, and quietly keeps a mode the file system refuses to change (a
    network mount that ignores modes): :func:`access_problems` then says what is wrong.
    """
    if os.name == "nt":
        return
    if share_created:
        with contextlib.suppress(OSError):
            os.chmod(share, SHARE_MODE)
    for name in created:
        with contextlib.suppress(OSError):
            os.chmod(share / name, FOLDER_MODES[name])


def access_problems(share: Path) -> list[str]:
    """Where the share lets a colleague harm other people's files, in words (POSIX only).

    Returns one sentence per problem, naming the folder and the command that mends it;
    an empty list on Windows, for folders that do not exist, or when all is well.
    """
    if os.name == "nt":
        return []
    problems = []
    info = _status(share)
    if info is not None and info.st_mode & _OTHERS_WRITE:
        problems.append(
            f"Anyone who can write to the shared folder {share} itself can rename HR's folders "
            "and put their own in their place (a survey sealed to their own key, an inbox "
            f"they can read). On the file server, run: chmod go-w {share}"
        )
    for name in ("", *FOLDER_MODES):
        problem = _owner_problem(share, name)
        if problem:
            problems.append(problem)
    for name in _DROP_BOXES:
        mode = _mode(share / name)
        if mode is not None and mode & _OTHERS_WRITE and not mode & stat.S_ISVTX:
            problems.append(
                f"Anyone who can write to {name}/ can also delete or replace other people's "
                f"files there. On the file server, run: chmod 1733 {share / name}"
            )
    for name in _HR_WRITES:
        mode = _mode(share / name)
        if mode is not None and mode & _OTHERS_WRITE:
            problems.append(
                f"Anyone can change what HR wrote in {name}/. On the file server, run: "
                f"chmod {FOLDER_MODES[name]:o} {share / name}"
            )
    return problems


def _owner_problem(share: Path, name: str) -> str | None:
    """Why ``share/name`` (``""``: the share itself) is unsafe for its owner, or ``None``.

    HR's account (the one running this check) or root must own it: any other owner may
    change its mode, or replace what HR wrote in it.
    """
    folder = share / name if name else share
    if name and folder.is_symlink():  # respondents' apps would follow it
        return (
            f"{name}/ is a symbolic link: whoever may change where it points decides what "
            "respondents read there or where their answers go. On the file server, make it "
            f"a real folder owned by HR's account: {folder}"
        )
    info = _status(folder)
    if info is None or info.st_uid in (0, os.geteuid()):
        return None
    what = f"{name}/" if name else f"The shared folder {share}"
    return (
        f"{what} belongs to the account {_account(info.st_uid)}, not to HR's "
        f"({_account(os.geteuid())}): that account can change who may write there and "
        "replace what is in it. On the file server, check what it holds, then run: "
        f"chown {_account(os.geteuid())} {folder}"
    )


def _account(uid: int) -> str:
    import pwd  # POSIX only

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _status(folder: Path) -> os.stat_result | None:
    """The status of ``folder`` itself (a link is not followed), ``None`` unless a folder."""
    try:
        info = folder.lstat()
    except OSError:
        return None
    return info if stat.S_ISDIR(info.st_mode) else None


def _mode(folder: Path) -> int | None:
    info = _status(folder)
    return None if info is None else info.st_mode
