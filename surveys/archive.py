"""HR's archive of ingested files: one tar file per batch, written by HR's process.

After a batch of submissions is committed to the workspace, ingest deletes the writers'
files from the inbox and keeps one copy of each in ``SHARE/archive/<day>-<random>.tar``.
Each copy is a tar member named after a digest of its content (never the writer's file
name), with owner 0, no user or group name, mode 0600 and midnight's time; the tar file
itself is HR's, with midnight's times. So the archive keeps what was answered and nothing
of who wrote which file or when (docs/team-mode.md says what the share still records).

One tar per batch also keeps ingest fast: a file system (or a network share) pays for every
file created, and an archive copy per answer cost more than reading and storing it.

To take archived answers again (for example after restoring an older ``rapport.db``),
extract a tar into ``inbox/`` (``tar -xf archive/2026-12-06-1a2b3c4d.tar -C inbox/``) and
ingest: answers already stored count as duplicates.

Public API: :func:`write_batch`, :func:`members`, :func:`tidy`.
"""

from __future__ import annotations

import os
import secrets
import stat
import tarfile
from datetime import date, datetime
from pathlib import Path

from surveys.inbox import MAX_FILE, Refused, content_name, is_temporary_name, read_sealed
from surveys.transport import atomic_write, midnight

SUFFIX = ".tar"


def _field(value: int, width: int) -> bytes:
    """A numeric ustar field: octal digits, zero-padded, ending in NUL."""
    return f"{value:0{width - 1}o}".encode("ascii") + b"\0"


#: After the name: mode 0600, uid 0, gid 0 (then size, mtime, checksum, per member).
_OWNER = _field(0o600, 8) + _field(0, 8) + _field(0, 8)
#: After the checksum: a regular file, no link, "ustar" 00, no user or group name.
_TAIL = b"0" + b"\0" * 100 + b"ustar\x0000" + b"\0" * (32 + 32 + 8 + 8 + 155 + 12)
_FIXED_SUM = sum(_OWNER) + sum(_TAIL) + 8 * ord(" ")


def _pack(blobs: list[bytes], stamp: float) -> bytes:
    """The tar file (POSIX ustar) of ``blobs``, each a member named after its content.

    Written by hand rather than with :mod:`tarfile` (which costs about 60 us a member,
    more than storing the answer): every member is a regular file with mode 0600, uid and
    gid 0, no user or group name, and the batch's midnight as its time.
    """
    mtime = _field(int(stamp), 12)
    fixed = _FIXED_SUM + sum(mtime)
    parts = []
    for data in blobs:
        name = content_name(data).encode("ascii")
        size = _field(len(data), 12)
        checksum = fixed + sum(name) + sum(size)
        parts += (
            name.ljust(100, b"\0"),
            _OWNER,
            size,
            mtime,
            b"%06o\0 " % checksum,
            _TAIL,
            data,
            b"\0" * (-len(data) % 512),
        )
    parts.append(b"\0" * 1024)  # two empty blocks end the archive
    return b"".join(parts)


def write_batch(archive: Path, blobs: list[bytes]) -> Path | None:
    """Archive ``blobs`` (sealed files already stored) as one new tar file.

    Parameters
    ----------
    archive : Path
        ``SHARE/archive/``.
    blobs : list of bytes
        The files' contents.

    Returns
    -------
    Path or None
        The tar file, or ``None`` when there was nothing to archive.

    Raises
    ------
    OSError
        If it cannot be written; nothing is left under its name.
    """
    if not blobs:
        return None
    stamp = midnight()
    path = archive / f"{date.today().isoformat()}-{secrets.token_hex(4)}{SUFFIX}"
    atomic_write(path, _pack(blobs, stamp), mode=0o600, sync_dir=False, mtime=stamp)
    return path


def members(archive: Path) -> list[str]:
    """The names of every archived copy (the digests of their content), sorted."""
    names = []
    for path in sorted(archive.glob(f"*{SUFFIX}")):
        with tarfile.open(path) as tar:
            names.extend(tar.getnames())
    return sorted(names)


def tidy(archive: Path, keep_days: int | None) -> int:
    """Apply the retention, and pack loose copies that an older Rapport moved there.

    Parameters
    ----------
    archive : Path
        ``SHARE/archive/``.
    keep_days : int or None
        Tar files older than this many days are deleted; ``None`` keeps them.

    Returns
    -------
    int
        How many tar files were deleted.

    Notes
    -----
    Before tar batches, ingest moved each file into ``archive/`` as it was, with its
    writer's owner and time. Those loose files are read (links and files over
    :data:`surveys.inbox.MAX_FILE` are left alone), packed into one tar like a batch, and
    deleted; with ``keep_days`` 0 they are deleted without a copy.
    """
    today = datetime.combine(date.today(), datetime.min.time()).timestamp()
    removed = 0
    loose: list[Path] = []
    with os.scandir(archive) as found:
        entries = [e for e in found if not is_temporary_name(e.name)]
    for entry in entries:
        info = entry.stat(follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode):
            continue
        if not entry.name.endswith(SUFFIX):
            loose.append(Path(entry.path))
        elif keep_days is not None and info.st_mtime < today - keep_days * 86400:
            os.unlink(entry.path)
            removed += 1
    if loose:
        _pack_loose(archive, loose, keep_days)
    return removed


def _pack_loose(archive: Path, loose: list[Path], keep_days: int | None) -> None:
    blobs, taken = [], []
    for path in loose:
        try:
            if path.stat().st_size <= MAX_FILE:
                blobs.append(read_sealed(path))
                taken.append(path)
        except (OSError, Refused):
            continue
    if keep_days != 0:
        write_batch(archive, blobs)
    for path in taken:
        os.unlink(path)
