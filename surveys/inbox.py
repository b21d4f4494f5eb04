"""The files of a shared folder as HR's side handles them: inbox, archive and quarantine.

:mod:`surveys.ingest` takes submissions through these functions; the HR window's Pulses
section shows :func:`share_status` and retries or deletes quarantined files.

Public API:

- :func:`list_inbox` ``(inbox, stale_after) -> list[InboxEntry]``: what is waiting, by name
  (never by file time), without following symbolic links.
- :func:`read_sealed` ``(path) -> bytes``: one file, opened with ``O_NOFOLLOW``; its size is
  checked with ``fstat`` before anything is read (:data:`MAX_FILE`).
- :func:`quarantine_bytes`, :func:`quarantine_file`: a refused file and its reason. The
  copy HR keeps is written anew by HR's process with midnight's times, so it carries
  nothing of its writer (owner, minute). What HR archives is in :mod:`surveys.archive`.
- :func:`share_status`, :func:`quarantined`, :func:`retry_quarantined`,
  :func:`delete_quarantined`, :func:`quarantined_like` and
  :func:`delete_quarantined_like`: what the Pulses section
  shows and does.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from surveys import __version__, transport
from surveys.errors import RapportError, describe_os_error
from surveys.transport import (
    INBOX,
    QUARANTINE,
    SUBMISSION_SUFFIX,
    TEMP_PREFIX,
    TEMP_SUFFIX,
    atomic_write,
    midnight,
)

#: The largest file ingest reads. A sealed answer is a few KiB (1 KiB padding steps).
MAX_FILE = 256 * 1024
#: A respondent's unfinished temporary file older than this is left over from a crash.
STALE_SECONDS = 600
REASON_SUFFIX = ".reason.txt"
_REASON_HEAD = " could not be stored: "
_MAX_REASON_FILE = 8 * 1024
#: The reason shown for a quarantined file whose reason file is missing or unreadable.
NO_REASON = "no reason was recorded"
_HELD = "held for review"
_NUMBER = re.compile(r"\d+")
#: Inbox names kept for quarantined files; anything else is renamed (it goes into messages).
_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_FLAGS |= getattr(os, "O_BINARY", 0)


class Refused(RapportError):
    """A file that ingest does not read: too large, a link, a device. Moved as it is."""


class InboxEntry(NamedTuple):
    """One name in the inbox. ``kind``: ``file``, ``temp`` (stale), ``link`` or ``other``."""

    path: Path
    kind: str


@dataclass(frozen=True)
class QuarantinedFile:
    """A file in ``quarantine/`` (``name`` as it is there) and why it is there."""

    name: str
    reason: str


@dataclass
class ShareStatus:
    """What the Pulses section shows about the shared folder.

    Attributes
    ----------
    reachable : bool
        The share's inbox could be listed.
    waiting : int
        Files waiting in ``inbox/`` for ingest (:func:`count_waiting`).
    quarantined : list of QuarantinedFile
        Files in ``quarantine/`` with their reasons, by name; the first ``listed`` of them
        when :func:`share_status` was given a limit.
    access_problems : list of str
        Where the folders let a colleague delete or replace other people's files
        (:func:`surveys.share_access.access_problems`).
    quarantined_total : int
        How many files are in ``quarantine/`` (listed or not).
    not_set_up : bool
        Not reachable, but the folder itself is there: it has no ``inbox/`` (not a Rapport
        shared folder yet, or another folder chosen by mistake), rather than a network
        drive that is not connected.
    """

    reachable: bool
    waiting: int = 0
    quarantined: list[QuarantinedFile] = field(default_factory=list)
    access_problems: list[str] = field(default_factory=list)
    quarantined_total: int = 0
    not_set_up: bool = False


#: The longest file name shown in a message; longer ones are cut (with "...").
_SHOWN_NAME = 120


def shown_name(name: str) -> str:
    """``name`` as it may be printed or shown to HR: a colleague chose it.

    A plain name is shown as it is. Otherwise each control or invisible format character
    (a line break, an escape sequence that would repaint HR's terminal, a right-to-left
    override that reverses the text) is written as ``\\uXXXX`` (undecodable bytes as
    ``\\udcXX``), and a name longer than 120 characters is cut, so a name can neither
    pass for another line of the report nor hide what it is.
    """
    if _PLAIN_NAME.fullmatch(name):
        return name
    shown = "".join(
        ch if ch.isprintable() and unicodedata.category(ch) != "Cf" else f"\\u{ord(ch):04x}"
        for ch in name
    )
    return shown if len(shown) <= _SHOWN_NAME else shown[: _SHOWN_NAME - 3] + "..."


def is_temporary_name(name: str) -> bool:
    """A writer's unfinished file (``.<name>.<random>.tmp``)."""
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def list_inbox(inbox: Path, stale_after: float = STALE_SECONDS) -> list[InboxEntry]:
    """The inbox's files in name order; temporary files only once they are stale.

    A temporary file is stale when its status last changed (``st_ctime``: writing, renaming
    or setting its times all change it) at least ``stale_after`` seconds ago: its writer
    crashed. Folders are left out. Nothing is followed: a link is listed as ``link``.
    """
    entries: list[InboxEntry] = []
    now = time.time()
    with os.scandir(inbox) as found:
        for entry in found:
            try:
                info = entry.stat(follow_symlinks=False)
            except FileNotFoundError:
                continue
            mode = info.st_mode
            if stat.S_ISDIR(mode):
                continue
            if is_temporary_name(entry.name):
                if stat.S_ISREG(mode) and now - info.st_ctime >= stale_after:
                    entries.append(InboxEntry(Path(entry.path), "temp"))
                continue
            kind = "file" if stat.S_ISREG(mode) else "link" if stat.S_ISLNK(mode) else "other"
            entries.append(InboxEntry(Path(entry.path), kind))
    return sorted(entries, key=lambda e: e.path.name)


def count_waiting(inbox: Path, stop_at: int | None = None) -> int:
    """How many files wait in ``inbox`` for ingest: what ingest takes or quarantines.

    Folders (which ingest leaves alone) and writers' unfinished temporary files are not
    counted: a colleague's folder named ``x.rapport`` must not look like an answer that
    keeps ``rapport close`` waiting for ever. Counting stops at ``stop_at``. No file's
    status is read (the folder listing says what is a folder), so a large network inbox
    is counted quickly. 0 when the inbox cannot be listed.
    """
    count = 0
    try:
        with os.scandir(inbox) as found:
            for entry in found:
                with contextlib.suppress(OSError):
                    if is_temporary_name(entry.name) or entry.is_dir(follow_symlinks=False):
                        continue
                    count += 1
                    if stop_at is not None and count >= stop_at:
                        break
    except OSError:
        return 0
    return count


def read_sealed(path: Path) -> bytes:
    """The bytes of one inbox file, read only if it is a regular file of at most MAX_FILE.

    Raises
    ------
    Refused
        A symbolic link, not a regular file, or larger than :data:`MAX_FILE` (then nothing
        beyond the file's status was read).
    OSError
        The file cannot be opened or read (``FileNotFoundError`` if it went away).
    """
    return read_regular(path, MAX_FILE, "a sealed answer")


def read_regular(
    path: Path,
    limit: int,
    what: str,
    *,
    while_open: Callable[[os.stat_result], object] | None = None,
) -> bytes:
    """:func:`surveys.transport.read_regular`, refusing with :class:`Refused` (inbox files,
    ticket requests and tickets).

    Raises
    ------
    Refused
        A symbolic link, not a regular file, or larger than ``limit`` (then nothing beyond
        the file's status was read).
    OSError
        The file cannot be opened or read (``FileNotFoundError`` if it went away).
    """
    try:
        return transport.read_regular(path, limit, what, while_open=while_open)
    except transport.NotReadable as exc:
        raise Refused(str(exc)) from None


def content_name(data: bytes) -> str:
    """The name HR's copy of a sealed file gets: a digest of its content."""
    return hashlib.blake2b(data, digest_size=16).hexdigest() + SUBMISSION_SUFFIX


def _reason_text(name: str, reason: str) -> str:
    return (
        f"{name}{_REASON_HEAD}{reason}.\n\n"
        f"Found by Rapport {__version__} on {date.today().isoformat()}. Once the cause is "
        "fixed, retry it from the Pulses section of the HR window, or move it back into "
        "inbox/ and run `rapport ingest` again.\n"
    )


def _write_reason(folder: Path, name: str, reason: str, durable: bool = True) -> None:
    atomic_write(
        folder / (name + REASON_SUFFIX),
        _reason_text(name, reason).encode("utf-8"),
        mode=0o600,
        sync_dir=False,
        sync_file=durable,
        mtime=midnight(),
    )


def quarantine_bytes(
    share: Path, name: str, data: bytes, reason: str, durable: bool = True
) -> QuarantinedFile:
    """Keep HR's own copy of a refused file in ``quarantine/``, with its reason beside it.

    The copy is written anew (HR's owner, midnight's times) under the file's inbox name when
    that is a plain name, else under its content's digest. The caller removes the original
    once this returns. ``durable=False`` leaves the flush to the caller
    (:mod:`surveys.ingest_settle`: one ``os.sync`` for an ingest's copies, none for a file
    that is nobody's answer); a flush a file cost a flood of 20,000 junk files minutes.
    """
    folder = share / QUARANTINE
    target = _free_name(folder, name if _keeps_name(name) else content_name(data))
    _write_reason(folder, target.name, reason, durable)
    atomic_write(target, data, mode=0o600, sync_dir=False, sync_file=durable, mtime=midnight())
    return QuarantinedFile(target.name, reason)


def _keeps_name(name: str) -> bool:
    """Whether a quarantined file may keep its inbox name: a plain name, and not one that
    ends like a reason file (the Pulses section would take it for one and never list it)."""
    return _PLAIN_NAME.fullmatch(name) is not None and not name.endswith(REASON_SUFFIX)


def _free_name(folder: Path, name: str) -> Path:
    """``name`` in ``folder``, or with a random tag when taken: counting up (``a.1``,
    ``a.2``...) looked at every earlier copy, and a colleague who drops the same names at
    every ingest made each look longer."""
    import secrets  # lazy: loads OpenSSL, not needed at start-up

    target = folder / name
    while os.path.lexists(target) or os.path.lexists(folder / (target.name + REASON_SUFFIX)):
        stem, dot, suffix = name.rpartition(".")
        tag = secrets.token_hex(4)
        target = folder / (f"{stem}.{tag}.{suffix}" if dot and stem else f"{name}.{tag}")
    return target


def quarantine_file(share: Path, path: Path, reason: str) -> QuarantinedFile:
    """Move a file that was not read (too large, a link) into ``quarantine/`` as it is.

    Its reason is not flushed to disk on its own: the file is moved, not copied, so a power
    cut loses at most the reason ("no reason was recorded"), and the flush cost a flood of
    links 4 ms each."""
    folder = share / QUARANTINE
    target = _free_name(folder, path.name if _keeps_name(path.name) else "unnamed")
    _write_reason(folder, target.name, reason, durable=False)
    os.replace(path, target)
    return QuarantinedFile(target.name, reason)


def remove_temporaries(folder: Path) -> None:
    """Remove HR's own unfinished copies left in ``archive/`` or ``quarantine/`` by a crash."""
    with contextlib.suppress(OSError), os.scandir(folder) as found:
        for entry in found:
            if is_temporary_name(entry.name):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def quarantined(share: Path, listed: int | None = None) -> list[QuarantinedFile]:
    """The files in ``quarantine/`` with their reasons, by name (the first ``listed``)."""
    return _quarantine(share, listed)[0]


def _quarantine(share: Path, listed: int | None) -> tuple[list[QuarantinedFile], int]:
    """The first ``listed`` quarantined files with their reasons, and how many there are.

    Only the listed files' reasons are read: a colleague's flood of junk files leaves
    tens of thousands in quarantine, and reading every reason on each look at a network
    share took longer than the time between two looks.
    """
    folder = share / QUARANTINE
    try:
        with os.scandir(folder) as found:
            names = sorted(e.name for e in found if not is_temporary_name(e.name))
    except OSError:
        return [], 0
    reasons = {n[: -len(REASON_SUFFIX)] for n in names if n.endswith(REASON_SUFFIX)}
    kept = [name for name in names if not name.endswith(REASON_SUFFIX)]
    files = []
    for name in kept[:listed]:
        reason = _read_reason(folder / (name + REASON_SUFFIX)) if name in reasons else None
        files.append(QuarantinedFile(name, reason or NO_REASON))
    return files, len(kept)


def _read_reason(path: Path) -> str | None:
    try:
        fd = os.open(path, _FLAGS)
        try:
            text = os.read(fd, _MAX_REASON_FILE).decode("utf-8", "replace")
        finally:
            os.close(fd)
    except OSError:
        return None
    first = text.split("\n", 1)[0]
    _, found, reason = first.partition(_REASON_HEAD)
    return reason.rstrip(".") if found else None


def _quarantined_path(share: Path, name: str) -> Path:
    path = share / QUARANTINE / name
    if path.parent != share / QUARANTINE or name.endswith(REASON_SUFFIX) or name in ("", "."):
        raise ValueError(f"{name!r} is not a quarantined file")
    return path


def retry_quarantined(share: Path, name: str) -> Path:
    """Move a quarantined file back into ``inbox/`` (the next ingest tries it again).

    Raises
    ------
    OSError
        If it cannot be moved (e.g. it is gone); nothing else changes.
    """
    path = _quarantined_path(share, name)
    target = share / INBOX / name
    if os.path.lexists(target):
        raise FileExistsError(errno.EEXIST, "a file of that name is waiting in inbox/", name)
    os.replace(path, target)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path.with_name(name + REASON_SUFFIX))
    return target


def delete_quarantined(share: Path, name: str) -> None:
    """Delete a quarantined file and its reason for good."""
    path = _quarantined_path(share, name)
    os.unlink(path)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path.with_name(name + REASON_SUFFIX))


def reason_kind(reason: str) -> str:
    """``reason`` with its numbers left out, except for answers held for review.

    Sealed junk a colleague sends is refused with reasons that number what is wrong
    ("answer 17: ...", "answer 1203: ..."), so a flood could give every file a reason of its
    own; they are alike. An answer held for review is someone's answer: only the same
    reason is alike, and each set held together carries a mark of its own ("(set
    3f9a21c0)": the copies of one burst, or one department's answers beyond its headcount
    in one ingest), since every pair of copies is "2 submissions … arrived together" and a
    colleague's flood of held pairs took an honest pair with it.
    """
    return reason if reason.startswith(_HELD) else _NUMBER.sub("#", reason)


def quarantined_like(share: Path, reason: str) -> list[str]:
    """The names of the files in ``share``'s quarantine whose reason is like ``reason``
    (:func:`reason_kind`), listed or not: what *Delete all like it* asks about. Every
    reason file is read, so on a network share this takes a while: not on the GUI thread.

    Raises
    ------
    OSError
        If the quarantine cannot be listed, or is a symbolic link (docs/team-mode.md:
        ``quarantine/`` is HR's own folder).
    ValueError
        If ``reason`` holds an answer for review without a set's mark
        (:func:`surveys.anomalies.held_without_set`): other people's answers read alike.
    """
    from surveys.anomalies import held_without_set

    if held_without_set(reason):
        raise ValueError("an answer held by an earlier Rapport has no set to delete with it")
    folder, kind = share / QUARANTINE, reason_kind(reason)
    if folder.is_symlink():  # whoever may change where it points chooses what is deleted
        raise OSError(
            errno.ELOOP,
            "it is a symbolic link, and Rapport deletes nothing through one; make it a "
            "folder of HR's own (docs/team-mode.md)",
            str(folder),
        )
    with os.scandir(folder) as found:
        names = sorted(e.name for e in found if not is_temporary_name(e.name))
    return [
        name
        for name in names
        if not name.endswith(REASON_SUFFIX)
        and reason_kind(_read_reason(folder / (name + REASON_SUFFIX)) or NO_REASON) == kind
    ]


def delete_quarantined_like(
    share: Path, names: list[str], stopped: Callable[[], bool] | None = None
) -> tuple[int, str]:
    """Delete the quarantined files ``names`` (from :func:`quarantined_like`), with their
    reasons, until ``stopped()`` says so: only the files HR was asked about, never one
    quarantined since.

    Returns
    -------
    tuple of int and str
        How many files were deleted, and why the first one that could not be was not
        (``""`` when none failed); one failure does not stop the others.
    """
    deleted, problem = 0, ""
    for name in names:
        if stopped is not None and stopped():
            break
        try:
            delete_quarantined(share, name)
        except FileNotFoundError:
            continue
        except (OSError, ValueError) as exc:
            problem = problem or (describe_os_error(exc) if isinstance(exc, OSError) else str(exc))
            continue
        deleted += 1
    return deleted, problem


def share_status(share: Path, listed: int | None = None) -> ShareStatus:
    """How many files wait in the inbox, what is in quarantine (the reasons of the first
    ``listed`` files), what is unsafe (never raises).

    No inbox file's status is read (:func:`count_waiting`), so an inbox a colleague filled
    with junk is looked at as quickly as the folder can be listed.
    """
    from surveys.share_access import access_problems

    try:
        os.scandir(share / INBOX).close()
    except OSError:
        try:
            there = share.is_dir() and not (share / INBOX).exists()
        except OSError:
            there = False
        return ShareStatus(reachable=False, not_set_up=there)
    files, total = _quarantine(share, listed)
    waiting = count_waiting(share / INBOX)
    return ShareStatus(True, waiting, files, access_problems(share), quarantined_total=total)
