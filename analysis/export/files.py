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


def check_target(path: str | Path, suffix: str) -> Path:
    """Check that ``path`` can receive a new ``suffix`` file and return it as a Path."""
    path = Path(path)
    if path.suffix.lower() != suffix:
        raise ExportError(
            f"{path}: the file name must end in {suffix}; for example report{suffix}."
        )
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name ending in {suffix}.")
    if not path.parent.is_dir():
        raise ExportError(
            f"{path.parent} does not exist; create the folder first or choose another one."
        )
    return path


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
