"""Team mode over a shared folder: the folder layout and crash-safe file operations.

The transport is split by role:

- :mod:`surveys.keys`: the workspace key pair, :func:`~surveys.keys.seal` /
  :func:`~surveys.keys.unseal`.
- :mod:`surveys.publish` (HR): :func:`~surveys.publish.publish_wave`,
  :func:`~surveys.publish.close_wave`.
- :mod:`surveys.published` (respondent, standard library only):
  :class:`~surveys.published.PublishedSurvey`, :func:`~surveys.published.read_published`,
  :func:`~surveys.published.list_open_surveys`.
- :mod:`surveys.outbox` (respondent): :func:`~surveys.outbox.participation_token`,
  :func:`~surveys.outbox.deliver`, :func:`~surveys.outbox.flush_outbox`,
  :func:`~surveys.outbox.answered_waves`, :func:`~surveys.outbox.mark_answered`.
- :mod:`surveys.intake`: validation and storing (:func:`~surveys.intake.store_submission`
  for single-machine mode; the same code stores what ingest reads).
- :mod:`surveys.ingest` (HR): :func:`~surveys.ingest.ingest`.

For convenience the public names of those modules can also be imported from here
(``from surveys.transport import deliver``); they load on first use, so importing this
module stays cheap.

This module holds what they share: the layout of ``SHARE`` (``published/``, ``inbox/``,
``archive/``, ``quarantine/``), :func:`atomic_write` / :func:`move_into`, which never
leave a half-written file under its final name, :func:`read_regular`, which reads a file
on the share only if it is a regular file of a bounded size (never a link, never a pipe
that would block), and :func:`loads_shared`, which reads the JSON of a file anyone on the
share may have written.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import json
import os
import stat
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

_EXPORTS = {
    "surveys.keys": ("ensure_keypair", "load_private_key", "change_passphrase", "seal", "unseal"),
    "surveys.publish": ("publish_wave", "close_wave"),
    "surveys.published": ("PublishedSurvey", "read_published", "list_open_surveys"),
    "surveys.outbox": (
        "participation_token",
        "deliver",
        "DeliveryResult",
        "flush_outbox",
        "answered_waves",
        "mark_answered",
    ),
    "surveys.intake": ("store_submission",),
    "surveys.ingest": ("ingest", "IngestReport"),
}
_EXPORTED = {name: module for module, names in _EXPORTS.items() for name in names}

PUBLISHED = "published"
INBOX = "inbox"
ARCHIVE = "archive"
QUARANTINE = "quarantine"
#: Blinded ticket requests (respondents write) and signed tickets (HR writes).
REQUESTS = "requests"
TICKETS = "tickets"
#: Hashes of the receipts received (HR writes; :mod:`surveys.receipts`).
RECEIPTS = "receipts"
SHARE_FOLDERS = (PUBLISHED, INBOX, ARCHIVE, QUARANTINE, REQUESTS, TICKETS)

#: Suffix of a sealed submission file.
SUBMISSION_SUFFIX = ".rapport"
#: Temporary files start with this and end with ``.tmp``; readers skip them.
TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"
#: The first bytes of a sealed file (:mod:`surveys.keys` seals; kept here so the respondent
#: can recognise one without loading ``cryptography``).
SEAL_MAGIC = b"RAPPORT-SEAL-1\n"
#: A sealed file is the magic, a 32-byte key, a 12-byte nonce, the plaintext and a 16-byte tag.
SEAL_OVERHEAD = len(SEAL_MAGIC) + 32 + 12 + 16
#: Respondents pad the plaintext to a multiple of this many bytes.
PAD_TO = 1024


def prepare_share(share: str | Path) -> Path:
    """Create the folders of a shared folder (HR side) and return its path.

    Folders made here get the modes of :data:`surveys.share_access.FOLDER_MODES` on a POSIX
    file system (staff may add answers, never list or delete other people's); folders that
    were already there keep theirs.

    Raises
    ------
    OSError
        If the share cannot be created or written.
    """
    from surveys.share_access import restrict_new_folders

    share = Path(share)
    share_created = not share.is_dir()
    created = []
    for name in SHARE_FOLDERS:
        folder = share / name
        if not folder.is_dir():
            created.append(name)
        folder.mkdir(parents=True, exist_ok=True)
    restrict_new_folders(share, created, share_created=share_created)
    return share


def is_temporary(path: Path) -> bool:
    """True for a file that a writer has not finished (never read or moved)."""
    return path.name.startswith(TEMP_PREFIX) and path.name.endswith(TEMP_SUFFIX)


def random_submission_name() -> str:
    """A random file name for a sealed submission; it says nothing about its sender."""
    import secrets  # lazy: loads OpenSSL, not needed at start-up

    return secrets.token_hex(16) + SUBMISSION_SUFFIX


def looks_complete(data: bytes) -> bool:
    """True if ``data`` has the shape of a whole sealed submission (magic, padded length).

    The respondent cannot open a sealed file (only HR has the key), but can tell a complete
    one left behind by a crash from a partly written one: a partial write almost never ends
    exactly on the padding's 1 KiB steps.
    """
    body = len(data) - SEAL_OVERHEAD
    return data.startswith(SEAL_MAGIC) and body >= PAD_TO and body % PAD_TO == 0


def midnight(day: date | None = None) -> float:
    """The POSIX time of local midnight at the start of ``day`` (default today).

    Files written to the shared folder carry this as their times, never the minute they
    were written.
    """
    day = day or date.today()
    return datetime.combine(day, time()).timestamp()


def fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (a no-op where folders cannot be synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(
    path: str | Path,
    data: bytes,
    *,
    mode: int = 0o644,
    sync_dir: bool = True,
    sync_file: bool = True,
    mtime: float | None = None,
) -> None:
    """Write ``data`` to ``path`` so that it holds either the old content or all of ``data``.

    The bytes go to a temporary file in the same folder, are flushed to disk, and the file
    is renamed over ``path``; the folder is synced so the rename survives a power cut.

    Parameters
    ----------
    path : path
        The final name.
    data : bytes
        The whole content.
    mode : int
        Permissions of the file, whatever the umask (``0o600`` for secrets): a file on the
        shared folder must be readable by the other side even when its writer's umask is
        ``077``.
    sync_dir : bool
        Sync the folder after the rename (a batch may sync once at the end instead).
    sync_file : bool
        Flush the data to disk before the rename (``False`` only for copies whose loss
        loses nothing, such as ingest's archive copies of committed answers).
    mtime : float, optional
        Set the file's access and modification times to this before the rename (e.g.
        :func:`midnight`), so the final file never shows when it was written.

    Raises
    ------
    OSError
        If the folder is missing, read-only or unreachable; no temporary file is left.
    """
    import secrets  # lazy: loads OpenSSL, not needed at start-up

    path = Path(path)
    temp = path.with_name(f"{TEMP_PREFIX}{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        try:
            if hasattr(os, "fchmod"):  # not on Windows, where ACLs decide
                with contextlib.suppress(OSError):  # a network mount that ignores modes
                    os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if sync_file:
                os.fsync(fd)
        finally:
            os.close(fd)
        if mtime is not None:
            os.utime(temp, (mtime, mtime))
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if sync_dir:
        fsync_dir(path.parent)


def move_into(path: Path, folder: Path) -> Path:
    """Move ``path`` into ``folder`` without overwriting a file already there.

    Returns the new path (a numbered name if the original name is taken). The caller
    syncs both folders once a batch of moves is done (:func:`fsync_dir`).
    """
    target = folder / path.name
    number = 1
    while target.exists():
        target = folder / f"{path.stem}.{number}{path.suffix}"
        number += 1
    os.replace(path, target)
    return target


class NotReadable(ValueError):
    """A file on the share that is not read: a link, not a regular file, or too large."""


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_READ_FLAGS |= getattr(os, "O_BINARY", 0)


def read_regular(
    path: Path,
    limit: int,
    what: str,
    *,
    while_open: Callable[[os.stat_result], object] | None = None,
) -> bytes:
    """The bytes of a file on the share, read only if it is a regular file of ``limit`` bytes
    at most; a link is never followed, and a pipe never blocks (inbox files, ticket requests
    and tickets, published surveys, receipt lists).

    Parameters
    ----------
    path : Path
        The file.
    limit : int
        The largest size accepted, in bytes.
    what : str
        What such a file is, for the message ("a sealed answer").
    while_open : callable, optional
        Called with the open file's status (``fstat``) after it was read, before it is
        closed: the ticket signer reads the file's owner then, so the file it read cannot
        be swapped for another one in between.

    Raises
    ------
    NotReadable
        A symbolic link, not a regular file, or larger than ``limit`` (then nothing beyond
        the file's status was read).
    OSError
        The file cannot be opened or read (``FileNotFoundError`` if it went away).
    """
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotReadable("it is a symbolic link; Rapport never follows links") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable("it is not a regular file")
        if info.st_size > limit:
            raise NotReadable(_too_large(info.st_size, limit, what))
        # One more byte than the file has: a short read is the end of a regular file, and a
        # file that grew meanwhile is noticed without reading more than the limit.
        wanted = info.st_size + 1
        data = os.read(fd, wanted)
        if len(data) == wanted:
            while len(data) <= limit:
                chunk = os.read(fd, limit + 1 - len(data))
                if not chunk:
                    break
                data += chunk
        if len(data) > limit:
            raise NotReadable(_too_large(len(data), limit, what))
        if while_open is not None:
            while_open(info)
        return data
    finally:
        os.close(fd)


def _too_large(size: int, limit: int, what: str) -> str:
    return (
        f"it is {size:,} bytes, larger than the {limit // 1024} KiB {what} can be (it was not read)"
    )


def loads_shared(text: str | bytes) -> object:
    """``json.loads`` for a file from the shared folder, which a colleague may have written.

    Raises
    ------
    ValueError
        When ``text`` is not JSON, or nests so deep (16 KiB of ``[``) that the parser would
        raise ``RecursionError``, which no caller expects.
    """
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("it is nested too deeply") from None


def __getattr__(name: str):
    """Load the role modules' public names on first use (PEP 562)."""
    module = _EXPORTED.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
