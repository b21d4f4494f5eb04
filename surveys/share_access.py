"""Who may do what in the shared folder: the POSIX modes a new share gets, and the check.

Staff need to *add* files to ``inbox/`` and ``requests/``, never to list, read or delete
anyone else's; to read ``published/`` and ``tickets/``; and nothing in ``archive/`` or
``quarantine/``. On a POSIX file system (a Linux file server, a Samba share that keeps Unix
modes) that is:

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
=============== ======== ===================================================================

:func:`restrict_new_folders` gives folders Rapport has just created these modes (a folder an
administrator made is left as it is), and :func:`access_problems` says, in words, where an
existing share lets a colleague delete other people's answers or replace what HR wrote.
On Windows the folders' ACLs decide, which this module does not read; docs/team-mode.md
("Permissions") gives the ``icacls`` commands.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from surveys.transport import ARCHIVE, INBOX, PUBLISHED, QUARANTINE, REQUESTS, TICKETS

#: The mode each folder of a new share gets on a POSIX file system.
FOLDER_MODES = {
    PUBLISHED: 0o755,
    INBOX: 0o1733,
    ARCHIVE: 0o700,
    QUARANTINE: 0o700,
    REQUESTS: 0o1733,
    TICKETS: 0o755,
}
#: Folders staff write to: their files must be safe from other writers.
_DROP_BOXES = (INBOX, REQUESTS)
#: Folders only HR writes to.
_HR_WRITES = (PUBLISHED, TICKETS, ARCHIVE, QUARANTINE)
_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH


def restrict_new_folders(share: Path, created: list[str]) -> None:
    """Give the folders named in ``created`` (just made by Rapport) their :data:`FOLDER_MODES`.

    Does nothing on Windows, and quietly keeps a mode the file system refuses to change (a
    network mount that ignores modes): :func:`access_problems` then says what is wrong.
    """
    if os.name == "nt":
        return
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


def _mode(folder: Path) -> int | None:
    try:
        info = folder.stat()
    except OSError:
        return None
    return info.st_mode if stat.S_ISDIR(info.st_mode) else None
