"""An exclusive lock held through a file, for jobs that must not run twice at once.

:func:`try_lock` ``(path)`` is a context manager that yields ``True`` while this process
holds the lock on ``path`` (created if needed), or ``False`` at once when another process
holds it; the lock ends when the block does, or with the process (a crash never leaves it
held). POSIX ``flock``; on Windows ``msvcrt.locking`` on the first byte.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def try_lock(path: Path) -> Iterator[bool]:
    """Hold the lock of ``path`` if nobody else does; yield whether this process has it.

    Raises
    ------
    OSError
        If the lock file cannot be created (a read-only folder).
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        yield _lock(fd)
    finally:
        os.close(fd)  # releases the lock


def _lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
