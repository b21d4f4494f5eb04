"""Writing export files safely: whole files or nothing, and clear messages when it fails."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from surveys.errors import RapportError


class ExportError(RapportError):
    """An export could not be written; the message says where and what to do."""


def check_target(path: str | Path, suffix: str | None) -> Path:
    """Check that ``path`` can receive a new ``suffix`` file and return it as a Path.

    Parameters
    ----------
    path : path
        The file to write.
    suffix : str or None
        The extension the name must end in (``".pptx"``), or ``None`` for any name.

    Raises
    ------
    ExportError
        When the name, a folder in the way or a missing folder makes it impossible.
    """
    path = Path(path)
    if suffix is not None and path.suffix.lower() != suffix:
        raise ExportError(
            f"{path}: the file name must end in {suffix}; for example report{suffix}."
        )
    if path.is_dir():
        ending = f" ending in {suffix}" if suffix else ""
        raise ExportError(f"{path} is a folder; give a file name{ending} inside it.")
    _refuse_a_file_as_folder(path.parent)
    if not path.parent.is_dir():
        raise ExportError(
            f"{path.parent} does not exist; create the folder first or choose another one."
        )
    check_writable(path.parent)
    return path


def check_folder_target(folder: str | Path) -> Path:
    """Check that ``folder`` can receive CSV files (it may be new if its parent exists).

    Raises
    ------
    ExportError
        When ``folder`` is a file, its parent is missing, or nothing can be written there.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"--csv {folder} is a file; give a folder for the CSV files.")
    _refuse_a_file_as_folder(folder.parent)
    if not folder.parent.is_dir():
        raise ExportError(f"--csv: {folder.parent} does not exist; create it first.")
    check_writable(folder if folder.is_dir() else folder.parent)
    return folder


def _refuse_a_file_as_folder(folder: Path) -> None:
    """A path through a file (``notes.txt/deck.pptx``) is named so, not "does not exist"."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file, not a folder; give a path in a folder.")


def make_folder(folder: Path) -> Path:
    """Create ``folder`` (its parent exists) or explain why it cannot be created."""
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ExportError(
            f"Cannot create {folder} ({exc.strerror}); choose a folder you can write to."
        ) from exc
    return folder


def check_writable(folder: Path) -> None:
    """Raise :class:`ExportError` unless a new file can be created in ``folder``.

    Creating (and removing) a real file is the only test that works for every cause: file
    permissions, read-only shares and media, immutable folders, or root's exemptions.
    """
    try:
        with tempfile.TemporaryFile(prefix=".rapport-check-", dir=folder):
            pass
    except OSError as exc:
        raise ExportError(
            f"Cannot write in {folder} ({exc.strerror}); choose a folder you can write to."
        ) from exc


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it into place only if all went well.

    A half-written file never replaces an earlier export, and a file held open by another
    program (PowerPoint, Excel) is reported as such.
    """
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    except OSError as exc:
        raise ExportError(
            f"Cannot write in {path.parent} ({exc.strerror}); choose a folder you can write to."
        ) from exc
    os.close(fd)
    temp = Path(name)
    _default_permissions(temp)
    try:
        yield temp
        try:
            os.replace(temp, path)
        except PermissionError as exc:
            raise ExportError(
                f"{path} could not be replaced ({exc.strerror}); close it in the program "
                "that has it open and export again."
            ) from exc
    finally:
        temp.unlink(missing_ok=True)


def _default_permissions(path: Path) -> None:
    """Give a temporary file (created 0600) the permissions of any new file (umask)."""
    with contextlib.suppress(OSError):
        os.chmod(path, 0o666 & ~_umask())


def _umask() -> int:
    """The process's umask, read without changing it (other threads may create files)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def write_text(path: str | Path, text: str, *, suffix: str | None = None) -> Path:
    """Write ``text`` (UTF-8) to ``path`` as a whole file or not at all.

    Parameters
    ----------
    path : path
        The file to write; an existing file is replaced only once the new one is complete.
    text : str
        The content.
    suffix : str, optional
        The extension the name must end in.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ExportError
        If the path cannot be written (a folder in the way, a missing or read-only folder,
        a full disk), saying where and what to do.
    """
    target = check_target(path, suffix)
    with atomic_file(target) as temp:
        try:
            temp.write_text(text, "utf-8")
        except OSError as exc:
            raise ExportError(
                f"Cannot write {target} ({exc.strerror}); free some space or choose another folder."
            ) from exc
    return target
