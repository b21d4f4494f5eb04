"""Reading a workspace's lock file (``rapport.lock``) and saying who holds it.

Split from :mod:`surveys.host_lock`, which claims, refreshes and releases the lock and
re-exports these names. Nothing here writes; a lock is read without following a link or
waiting on a pipe, and at most :data:`MAX_LOCK_BYTES` of it.
"""

from __future__ import annotations

import json
import math
import os
import socket
import stat
import time
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from surveys.host_identity import process_alive, same_boot, this_boot, this_machine
from surveys.host_lock_share import parse_sharers

LOCK_NAME = "rapport.lock"
#: A heartbeat older than this (or this far in the future) may be taken over.
STALE_SECONDS = 180
#: The most of a lock file that is read.
MAX_LOCK_BYTES = 4096
#: The longest computer name shown.
MAX_HOST_CHARS = 64


@dataclass(frozen=True)
class Holder:
    """Who holds a workspace, as its lock file says (``host`` is ``None`` when unreadable)."""

    host: str | None
    pid: int | None
    since: float | None
    heartbeat: float
    claim_id: str | None
    stale: bool
    machine: str | None = None  # surveys.host_identity.this_machine() of its computer
    sharers: tuple[tuple[int, str], ...] = ()  # (pid, claim) of this computer's sharers
    boot: str | None = None  # surveys.host_identity.this_boot() of its computer

    def is_this_computer(self) -> bool:
        """Its computer name is this one's (in any case) and, when both know their
        computer's id and start, so are those: two computers of one name are two
        computers, and so are two copied from one disk image (one name, one id)."""
        if self.host is None or not _same_host(self.host, this_computer()):
            return False
        mine = this_machine()
        if not (self.machine is None or mine is None or self.machine == mine):
            return False
        return same_boot(self.boot, this_boot())

    def process_gone(self) -> bool:
        """Surely a lock of this computer whose process no longer runs (it crashed, or was
        killed): only when the lock names this computer's id, so never another computer's
        process of the same number."""
        mine = this_machine()
        if self.pid is None or mine is None or self.machine != mine:
            return False
        return self.is_this_computer() and not process_alive(self.pid)


def this_computer() -> str:
    """This computer's name (as the lock file records it)."""
    return socket.gethostname() or "unknown"


def _same_host(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def shown_host(host: str | None) -> str:
    """A computer name safe to show: printable characters only, at most
    :data:`MAX_HOST_CHARS` of them (a forged file must not write into a dialog or a
    terminal)."""
    if not host:
        return "an unknown computer"
    kept = "".join(ch for ch in host if ch.isprintable() and unicodedata.category(ch) != "Cf")
    kept = " ".join(kept.split())
    if len(kept) > MAX_HOST_CHARS:
        kept = kept[: MAX_HOST_CHARS - 1] + "…"
    return kept or "an unknown computer"


def _when(moment: float | None) -> str:
    try:
        return datetime.fromtimestamp(moment).strftime("%Y-%m-%d %H:%M")  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError, OSError):
        return "an unknown time"


def describe_holder(folder: Path, holder: Holder, take_over_hint: str) -> str:
    """What to tell someone who cannot open ``folder``: who has it, since when, what to do.

    ``take_over_hint`` says how to take a stale lock over ("run it again with
    --take-over"); it is used only when the lock is stale.
    """
    if holder.host is None:
        who = f"The workspace {folder} is marked as open by a computer Rapport cannot name"
        who += f" (its {LOCK_NAME} cannot be read), last confirmed {_when(holder.heartbeat)}"
    else:
        who = (
            f"The workspace {folder} is open in Rapport on the computer "
            f"“{shown_host(holder.host)}”{_namesake(holder)} since {_when(holder.since)} "
            f"(last confirmed {_when(holder.heartbeat)})"
        )
    rule = (
        ". A workspace may be used from one computer at a time: two computers writing to it "
        "over the network can damage it."
    )
    if not holder.stale:
        return (
            f"{who}{rule} Close Rapport (and any rapport command) there, or wait until it "
            f"is done, then try again.{_restarted_note(holder, take_over_hint)}"
        )
    return (
        f"{who}{rule} It has not confirmed for over {STALE_SECONDS // 60} minutes, so that "
        "computer probably crashed, slept or lost the network drive. If Rapport is not "
        f"running there any more, {take_over_hint}."
    )


def _restarted_note(holder: Holder, take_over_hint: str) -> str:
    """For a fresh lock of this computer's name and id made in another start of the system
    (:func:`_namesake`): this computer may have restarted since, which ended that Rapport;
    the lock is refused until stale, so say when that is and what to do then."""
    mine = this_machine()
    if holder.host is None or not _same_host(holder.host, this_computer()):
        return ""
    if holder.machine is not None and mine is not None and holder.machine != mine:
        return ""
    if same_boot(holder.boot, this_boot()):
        return ""
    # rounded up to the next minute: "after 10:53" is after the moment it goes stale
    stale_at = _clock(holder.heartbeat + STALE_SECONDS + 60 if holder.heartbeat else None)
    return (
        f" If this computer was restarted since, that Rapport no longer runs: try again "
        f"after {stale_at}, when it has not confirmed for {STALE_SECONDS // 60} minutes, "
        f"and {take_over_hint}."
    )


def _clock(moment: float | None) -> str:
    try:
        return datetime.fromtimestamp(moment).strftime("%H:%M")  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError, OSError):
        return "a few minutes"


def _namesake(holder: Holder) -> str:
    """Said when the other computer carries this one's name (two computers of one name)."""
    if holder.host is None or not _same_host(holder.host, this_computer()):
        return ""
    mine = this_machine()
    if holder.machine is not None and mine is not None and holder.machine != mine:
        return " (another computer with the same name as this one)"
    return (
        " (this computer before it was last started, or another computer copied from the "
        "same disk image)"
    )


def _now() -> float:
    return time.time()


def _is_stale(heartbeat: float, now: float) -> bool:
    return abs(now - heartbeat) > STALE_SECONDS


def read_holder(folder: Path) -> Holder | None:
    """The holder of ``folder``'s lock, or ``None`` when there is no lock file.

    Never follows a link, never waits on a pipe, reads at most :data:`MAX_LOCK_BYTES`.
    """
    return _read_lock(Path(folder) / LOCK_NAME)


def _read_lock(path: Path) -> Holder | None:
    from surveys.transport import NotReadable, read_regular

    try:
        info = os.lstat(path)
    except OSError:  # none there (or the folder cannot be read: opening will say so)
        return None
    if not stat.S_ISREG(info.st_mode):  # a link, a folder, a pipe: never Rapport's
        return Holder(None, None, None, info.st_mtime, None, True)
    now = _now()
    try:
        data = json.loads(read_regular(path, MAX_LOCK_BYTES, "a workspace lock"))
        host, pid, claim_id = data["host"], data["pid"], data["claim"]
        since, beat = float(data["since"]), float(data["heartbeat"])
        machine = data.get("machine")
        if not (isinstance(host, str) and isinstance(pid, int) and isinstance(claim_id, str)):
            raise ValueError("wrong types")
        if not (math.isfinite(since) and math.isfinite(beat)):
            # JSON's NaN is no time, and ``abs(now - nan) > STALE_SECONDS`` is false: such
            # a lock was never stale, so nothing could take it over. Never Rapport's.
            return Holder(None, None, None, info.st_mtime, None, True)
    except FileNotFoundError:
        return None
    except (OSError, NotReadable, ValueError, TypeError, KeyError, OverflowError):
        # Empty or cut short may be a lock being written (a share without hard links):
        # it waits like a fresh one. Larger than any lock Rapport writes: never Rapport's.
        stale = info.st_size > MAX_LOCK_BYTES or _is_stale(info.st_mtime, now)
        return Holder(None, None, None, info.st_mtime, None, stale)
    machine = machine[:100] if isinstance(machine, str) else None
    boot = data.get("boot")
    boot = boot[:100] if isinstance(boot, str) else None
    sharers = parse_sharers(data.get("sharers"))
    stale = _is_stale(beat, now)
    return Holder(host[:1000], pid, since, beat, claim_id[:100], stale, machine, sharers, boot=boot)
