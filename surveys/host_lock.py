"""One computer at a time: the workspace's lock file (``rapport.lock``).

SQLite's write-ahead log (``rapport.db-wal``, ``-shm``) works only between programs on one
computer; two computers using one workspace on a network share can damage it. Whoever opens
a workspace for a while (the HR window, a ``rapport`` command) *claims* it with
:func:`claim`: a small JSON file in the workspace folder names this computer, the process
and a heartbeat time that the holder refreshes every :data:`HEARTBEAT_SECONDS`
(:meth:`HostLock.refresh`). :func:`surveys.store.open_workspace` calls
:func:`check_not_elsewhere`, so every connection (jobs, the worker process) is refused
while another computer holds the workspace.

- **This computer, another process** (the window and a command, or the window's worker
  process): the lock is shared. WAL works on one computer; the store's busy timeout orders
  the writers. The process that created the file removes it when it ends; another process
  of this computer then claims it again at its next heartbeat.
- **Another computer**: refused with :class:`WorkspaceInUseError` (its computer name, since
  when, what to do). Only when its heartbeat is older than :data:`STALE_SECONDS` (that
  computer crashed, slept or lost the share) may it be taken over, and only when asked
  (``take_over=True``: the window's "Open anyway", the command line's ``--take-over``).
- **A file Rapport cannot read** counts as a lock of an unknown computer: a link, a folder,
  a pipe or a file larger than :data:`MAX_LOCK_BYTES` is stale at once; garbage (or a lock
  another account may not read) is stale once its modification time is, so a planted file
  can always be taken over. Nothing is followed, and reading lives in
  :mod:`surveys.host_lock_file`. A heartbeat more than :data:`STALE_SECONDS` in the future
  (a forged time, or a clock that is wrong) counts as stale too, and a time that is not
  finite (JSON's ``NaN``, which was never stale) is a lock Rapport never wrote.

The file holds only the computer's name, id and start (:mod:`surveys.host_identity`), a process
id, two times, a random claim id and the processes of that computer sharing it
(:mod:`surveys.host_lock_share`): nothing about respondents. Runs on any thread; a
:class:`HostLock` is used by one thread at a time, and a beat and its release never
interleave.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import secrets
import stat
import threading
from collections.abc import Generator
from pathlib import Path

from surveys import host_lock_share as share
from surveys.errors import WorkspaceError
from surveys.host_identity import this_boot, this_machine
from surveys.host_lock_file import (
    LOCK_NAME,
    MAX_HOST_CHARS,
    MAX_LOCK_BYTES,
    STALE_SECONDS,
    Holder,
    _is_stale,
    _now,
    _read_lock,
    describe_holder,
    read_holder,
    shown_host,
    this_computer,
)
from surveys.workspace_files import DB_NAME

__all__ = [
    "HEARTBEAT_SECONDS",
    "LOCK_NAME",
    "MAX_HOST_CHARS",
    "MAX_LOCK_BYTES",
    "STALE_SECONDS",
    "Holder",
    "HostLock",
    "WorkspaceInUseError",
    "check_not_elsewhere",
    "claim",
    "describe_holder",
    "hold",
    "read_holder",
    "shown_host",
    "this_computer",
]

#: How often the holder writes a new heartbeat.
HEARTBEAT_SECONDS = 60

_held: dict[Path, HostLock] = {}
_held_guard = threading.Lock()


class WorkspaceInUseError(WorkspaceError):
    """Another computer holds the workspace (:attr:`holder`); ``holder.stale``: it may be
    taken over."""

    def __init__(self, folder: Path, holder: Holder, take_over_hint: str) -> None:
        self.folder = folder
        self.holder = holder
        super().__init__(describe_holder(folder, holder, take_over_hint))


def check_not_elsewhere(folder: str | Path, take_over_hint: str = "take it over") -> None:
    """Refuse ``folder`` while another computer holds its lock (stale or not).

    Raises
    ------
    WorkspaceInUseError
        Naming the computer; nothing was changed.
    """
    folder = Path(folder)
    holder = read_holder(folder)
    if holder is not None and not holder.is_this_computer() and not _held_here(holder):
        raise WorkspaceInUseError(folder, holder, take_over_hint)


def _held_here(holder: Holder) -> bool:
    """``holder`` is a claim of this process, whatever computer name it carries (the name
    can change under a running program: macOS and DHCP name a laptop after its network)."""
    with _held_guard:
        return any(lock.claim_id == holder.claim_id for lock in _held.values())


class HostLock:
    """This process's claim on a workspace folder (see :func:`claim`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOCK_NAME
        self.claim_id = secrets.token_hex(8)
        self.since = _now()
        self.owner = False  # this process wrote the file (otherwise: shared, same computer)
        self.lost: Holder | None = None  # another computer took it over
        self.pid = os.getpid()  # a forked child never removes its parent's lock
        self._count = 0
        # A beat (on the heartbeat's thread) and the release (on another) never interleave:
        # a beat that read "no lock" must not make the file again after the release.
        self._io = threading.Lock()

    def _content(self, sharers: tuple[tuple[int, str], ...] = ()) -> bytes:
        record = {
            "host": this_computer(),
            "machine": this_machine(),
            "boot": this_boot(),
            "pid": os.getpid(),
            "since": self.since,
            "heartbeat": _now(),
            "claim": self.claim_id,
            "sharers": [list(s) for s in sharers],
            "note": share.NOTE,
        }
        return json.dumps(record).encode()

    def _write_temp(self, content: bytes | None = None) -> Path:
        temp = self.folder / f".{LOCK_NAME}.{secrets.token_hex(6)}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(temp, flags | getattr(os, "O_BINARY", 0), 0o600)
        try:
            self._match_database_mode(fd)
            os.write(fd, self._content() if content is None else content)
            os.fsync(fd)
        finally:
            os.close(fd)
        return temp

    def _match_database_mode(self, fd: int) -> None:
        """``0640`` beside a group-readable database (HR's group may read who has it),
        else the ``0600`` it was made with. POSIX only; Windows' shares decide themselves."""
        fchmod = getattr(os, "fchmod", None)
        with contextlib.suppress(OSError):
            if fchmod and os.stat(self.folder / DB_NAME).st_mode & 0o040:
                fchmod(fd, 0o640)

    def _create(self) -> bool:
        """Create the lock file whole, only if there is none; ``True`` when it was made."""
        temp = self._write_temp()
        try:
            os.link(temp, self.path)  # fails if the lock exists: atomic, complete content
        except FileExistsError:
            return False
        except OSError:  # a share without hard links: exclusive create instead
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            try:
                fd = os.open(self.path, flags | getattr(os, "O_BINARY", 0), 0o600)
            except FileExistsError:
                return False
            self._match_database_mode(fd)
            with os.fdopen(fd, "wb") as handle:
                handle.write(temp.read_bytes())
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        self.owner = True
        return True

    def _remove_stale(self, judged: Holder) -> None:
        """Move a stale lock (or whatever is in its place) out of the way."""
        aside = self.folder / f".{LOCK_NAME}.{secrets.token_hex(6)}.old"
        os.rename(self.path, aside)  # a link is renamed, never followed
        again = _read_lock(aside)
        if again is not None and again.claim_id != judged.claim_id and not again.stale:
            with contextlib.suppress(OSError):  # someone else took it over just now
                os.rename(aside, self.path)
            raise _in_use(self.folder, again)
        with contextlib.suppress(OSError):
            os.unlink(aside)
        if os.path.isdir(aside):
            import shutil

            shutil.rmtree(aside, ignore_errors=True)

    def refresh(self) -> Holder | None:
        """Write a new heartbeat (the owner), or claim the lock again when its owner on this
        computer has gone. Returns the other computer's holder if the lock was taken over
        (then :attr:`lost` is set and nothing is written)."""
        with self._io:
            if self._count <= 0:
                return None  # released meanwhile: nothing to confirm
            return self._refresh()

    def _refresh(self) -> Holder | None:
        holder = read_holder(self.folder)
        try:
            with contextlib.suppress(OSError):
                if holder is not None and holder.claim_id == self.claim_id:
                    # Its own, even under this computer's old name (see _held_here), or
                    # handed to it by the owner that ended (surveys.host_lock_share).
                    living = tuple(share.alive(holder.sharers, besides=self.claim_id))
                    os.replace(self._write_temp(self._content(living)), self.path)
                    self.owner = True
                elif holder is not None and not holder.is_this_computer():
                    raise _in_use(self.folder, holder)
                elif holder is None:
                    self._create()
                elif holder.stale or holder.process_gone():  # ended without removing it
                    self._remove_stale(holder)
                    self._create()
                else:  # shared with another process of this computer: be listed
                    self._join(holder)
        except WorkspaceInUseError as exc:
            if exc.holder.is_this_computer():
                return None  # another process of this computer made it again just now
            self.lost, self.owner = exc.holder, False
            return exc.holder
        return None

    def release(self) -> None:
        """Give up one claim; the last one removes the file if it is still this one's."""
        with self._io:
            self._release()

    def _release(self) -> None:
        with _held_guard:
            self._count -= 1
            if self._count > 0:
                return
            _held.pop(self.folder, None)
        holder = read_holder(self.folder)
        self.owner, mine = False, holder is not None and holder.claim_id == self.claim_id
        if holder is None or os.getpid() != self.pid:
            return  # a forked child never touches its parent's lock
        with contextlib.suppress(OSError):
            if mine:  # made by it, or handed to it: hand it on to a sharer, or remove it
                handed = share.handed_over(holder, _now(), releasing=self.claim_id)
                if handed is None:
                    os.unlink(self.path)
                else:
                    os.replace(self._write_temp(handed), self.path)
            elif any(claim == self.claim_id for _pid, claim in holder.sharers):
                kept = [s for s in holder.sharers if s[1] != self.claim_id]
                os.replace(self._write_temp(share.record(holder, sharers=kept)), self.path)

    def _join(self, holder: Holder) -> None:
        """List this process among the lock's sharers (so that an owner that ends hands
        the lock over rather than removing it), unless it is listed."""
        if any(claim == self.claim_id for _pid, claim in holder.sharers):
            return
        if len(holder.sharers) >= share.MAX_SHARERS:
            return
        listed = (*holder.sharers, (os.getpid(), self.claim_id))
        os.replace(self._write_temp(share.record(holder, sharers=listed)), self.path)


def _in_use(folder: Path, holder: Holder, hint: str = "take it over") -> WorkspaceInUseError:
    return WorkspaceInUseError(folder, holder, hint)


def claim(folder: str | Path, *, take_over: bool = False, hint: str = "take it over") -> HostLock:
    """Claim the workspace ``folder`` for this computer; release with :meth:`HostLock.release`.

    A claim this process already holds is shared (counted). A folder without a workspace
    database is not claimed (opening it says what is wrong).

    Raises
    ------
    WorkspaceInUseError
        Another computer holds it (and it is not stale, or ``take_over`` is false).
    WorkspaceError
        The lock cannot be written: the folder is read-only, or another error.
    """
    folder = Path(os.path.abspath(folder))
    with _held_guard:
        lock = _held.get(folder)
        if lock is not None:
            lock._count += 1
            return lock
    lock = HostLock(folder)
    if (folder / DB_NAME).exists():
        _claim_file(lock, take_over, hint)
        _remove_leftovers(folder)
    with _held_guard:
        lock._count = 1
        _held[folder] = lock
    return lock


def _claim_file(lock: HostLock, take_over: bool, hint: str) -> None:
    for _attempt in range(3):
        holder = read_holder(lock.folder)
        try:
            if holder is None:
                if lock._create():
                    return
                continue
            if holder.is_this_computer():
                if holder.stale or holder.process_gone():  # a crash here: no need to wait
                    lock._remove_stale(holder)
                    continue
                with contextlib.suppress(OSError):
                    lock._join(holder)
                return  # shared with another process of this computer
            if not (holder.stale and take_over):
                raise _in_use(lock.folder, holder, hint)
            lock._remove_stale(holder)
        except OSError as exc:
            raise WorkspaceError(_cannot_write(lock.folder, exc)) from exc
    raise _in_use(lock.folder, read_holder(lock.folder) or Holder(None, None, None, 0, None, True))


def _remove_leftovers(folder: Path) -> None:
    """Remove temporary lock files (``.rapport.lock.<random>.tmp`` or ``.old``) that a
    killed process left, once they are stale; only plain files of that name pattern."""
    now = _now()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            name = entry.name
            if not (name.startswith(f".{LOCK_NAME}.") and name.endswith((".tmp", ".old"))):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and _is_stale(info.st_mtime, now):
                    os.unlink(entry.path)


def _cannot_write(folder: Path, exc: OSError) -> str:
    import errno

    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (
            f"Rapport cannot write in the workspace {folder}: the folder is read-only (a "
            "read-only share, or a folder you may only read), so it cannot mark the "
            f"workspace as open on this computer ({LOCK_NAME}) nor keep its journal there. "
            "Ask for write access, or copy the whole folder to one of your own and open the "
            "copy; nothing was changed."
        )
    from surveys.errors import describe_os_error

    return f"Rapport cannot mark the workspace as open ({describe_os_error(exc)})"


@contextlib.contextmanager
def hold(
    folder: str | Path, *, take_over: bool = False, hint: str = "take it over"
) -> Generator[HostLock, None, None]:
    """Claim ``folder`` for a block, refreshing the heartbeat from a daemon thread (the
    command line); released when the block ends, however it ends."""
    lock = claim(folder, take_over=take_over, hint=hint)
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(HEARTBEAT_SECONDS):
            with contextlib.suppress(Exception):  # a failed beat is retried in a minute
                lock.refresh()

    thread = threading.Thread(target=beat, name="rapport-lock-heartbeat", daemon=True)
    thread.start()
    try:
        yield lock
    finally:
        stop.set()
        lock.release()


@atexit.register
def _release_all() -> None:
    """At interpreter exit (also after an uncaught error), remove this process's locks."""
    with _held_guard:
        locks = list(_held.values())
    for lock in locks:
        lock._count = 1
        with contextlib.suppress(Exception):
            lock.release()
