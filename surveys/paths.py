"""Per-user folders (respondent secret, outbox, settings) for each platform.

``RAPPORT_HOME`` overrides everything (tests point it at a temporary folder so they never
touch a real user's data).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path


def user_data_dir() -> Path:
    """The per-user folder Rapport owns (created on first use, for its user only).

    Its files are private (mode 0600), but on a computer several people use, a folder
    others may open tells them the names and times of those files: when ``answered.json``
    last changed is when its user last answered a pulse. So the folder is made ``0700``,
    and Rapport's own folder (not a ``RAPPORT_HOME`` chosen by someone) is tightened to it
    when an earlier Rapport made it readable by others.
    """
    override = os.environ.get("RAPPORT_HOME")
    if override:
        base = Path(override)
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        return base
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "Rapport"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "Rapport"
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        base = Path(xdg) / "rapport"
    base.mkdir(mode=0o700, parents=True, exist_ok=True)
    _keep_private(base)
    return base


def _keep_private(folder: Path) -> None:
    """Take group and others' access away from Rapport's own folder (POSIX only)."""
    if os.name == "nt":
        return
    try:
        info = folder.stat()
        if info.st_mode & 0o077 and info.st_uid == os.geteuid():
            os.chmod(folder, stat.S_IMODE(info.st_mode) & 0o700)
    except OSError:
        pass  # a file system without modes: nothing to take away
