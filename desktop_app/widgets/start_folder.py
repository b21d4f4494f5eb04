"""Where a file or folder picker opens.

Given no folder, Qt's pickers open in the process's working folder: wherever Rapport was
started from (its install folder from a Start-menu shortcut, the project folder from a
terminal). A picker here opens beside the path already in its field, else in the folder
chosen last in this session, else in the person's Documents folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

_last: Path | None = None


def documents_folder() -> Path:
    """The person's Documents folder (their home folder if the system names none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    return Path(found) if found else Path.home()


def start_in(current: str = "", name: str = "") -> str:
    """The path to open a picker at.

    ``current`` is what the field already holds: an absolute path whose folder exists is
    kept (the picker then shows that file or folder). Otherwise the picker opens in the
    last folder chosen, or Documents, with ``name`` (a suggested file name) in it.
    """
    text = current.strip()
    if text:
        path = Path(text).expanduser()
        if path.is_absolute() and (path.exists() or path.parent.is_dir()):
            return str(path)
    folder = _last if _last is not None and _last.is_dir() else documents_folder()
    return str(folder / name) if name else str(folder)


def remember(chosen: str) -> str:
    """Note the folder of ``chosen`` (a picked file or folder) for the next picker; returns
    ``chosen`` unchanged, so a call can wrap the picker's answer. An empty answer (the
    picker was cancelled) changes nothing."""
    global _last
    if chosen:
        path = Path(chosen)
        _last = path if path.is_dir() else path.parent
    return chosen
