"""Kiosk mode: one computer where several people answer in turn, sealed like team mode.

A kiosk folder has the layout of a shared folder (``published/``, ``inbox/``, ``archive/``,
``quarantine/``, ``receipts/``); by default it is ``WORKSPACE/kiosk/`` beside HR's
workspace, so no network share is involved. HR publishes a wave to it
(``rapport publish WORKSPACE --wave W --kiosk``), which seals answers to the workspace's
public key exactly as in team mode; the kiosk app (``rapport respond --kiosk WORKSPACE``)
seals each person's answers into the kiosk inbox; HR's ingest takes them with the
workspace passphrase (``rapport ingest WORKSPACE`` takes the kiosk inbox too). So nothing a
person typed sits in clear on the machine, and the next person cannot read it.

Each person gets a fresh random participation token (:func:`kiosk_token`), so no answer
can replace another person's; the kiosk keeps no draft, no answer log and no per-user
secret.

Standard library only.
"""

from __future__ import annotations

import contextlib
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.transport import INBOX, PUBLISHED

if TYPE_CHECKING:
    from surveys.ingest import IngestReport
    from surveys.progress import Progress

KIOSK = "kiosk"


def kiosk_folder(workspace: str | Path) -> Path:
    """The kiosk folder beside the workspace ``workspace``: ``WORKSPACE/kiosk``."""
    return Path(workspace) / KIOSK


def resolve_kiosk(path: str | Path) -> Path:
    """The kiosk folder for ``path``: a workspace folder (its ``kiosk/``) or a kiosk folder.

    A folder that has ``published/`` itself is taken as the kiosk folder (HR may keep it
    elsewhere with ``rapport publish --share``); otherwise ``path/kiosk``.
    """
    folder = Path(path)
    if (folder / PUBLISHED).is_dir():
        return folder
    return kiosk_folder(folder)


def kiosk_token() -> str:
    """A fresh participation token for one person at the kiosk (64 hex digits)."""
    import secrets  # lazy: loads OpenSSL

    return secrets.token_hex(32)


def waiting_count(folder: str | Path) -> int:
    """How many sealed answers wait in the kiosk folder's inbox (0 when it has none)."""
    from surveys.inbox import count_waiting

    return count_waiting(Path(folder) / INBOX)


def mix_inbox(folder: str | Path, known: set[str] | None = None) -> int:
    """Write every sealed answer waiting in the kiosk's inbox again, in a random order.

    People answer at a kiosk in turn, often in sight of each other, and each answer is
    sealed into the inbox when its person presses Finish. The file system records when
    each file got its name (its change time, to the second, which no program can set) and
    numbers new files in the order they are made (inode numbers). Whoever holds the
    workspace key and can read the kiosk folder could ingest the files one at a time and
    tell from those which answer was given when, or by the third person in the queue.
    Called after each delivery, this gives every waiting file a new name, a new inode and
    the same change time, in a shuffled order, so the inbox tells only when the last
    person finished. A copy is written (mode ``0644``, midnight's time) before its original
    is removed: an ingest at the same moment takes one of the two, and ingest counts the
    other as already taken. Returns how many files were written again.

    ``known`` holds the names of the files this kiosk wrote, for an inbox it may write to
    but not list: a kiosk under its own account (as advised) in a folder HR set up, whose
    ``inbox/`` is ``1733``. Without them nothing was mixed there. It is updated in place
    to the names of this kiosk's files still waiting; names another thread adds meanwhile
    (a delivery during the round) are kept.
    """
    import secrets

    from surveys.transport import fsync_dir

    inbox = Path(folder) / INBOX
    before = set(known) if known is not None else set()  # names added meanwhile stay
    waiting = _own_waiting(inbox, before)
    secrets.SystemRandom().shuffle(waiting)
    now: set[str] = set()
    for path in waiting:
        copy = _write_again(inbox, path)
        if copy is not None:
            now.add(copy.name)
        elif path.exists():  # left as it was
            now.add(path.name)
    mixed = len(now - {path.name for path in waiting})
    if mixed:
        fsync_dir(inbox)
    if known is not None:
        known.difference_update(before)
        known.update(now)
    return mixed


def _own_waiting(inbox: Path, known: set[str] | None = None) -> list[Path]:
    """The whole sealed files in ``inbox`` that this account wrote (and so may remove).

    Two kiosks under different accounts may share one folder: a file of the other one,
    which could be copied but not removed, would be copied again at every delivery. An
    inbox this account may not list is looked at through the ``known`` names.
    """
    import os

    from surveys.transport import SUBMISSION_SUFFIX, is_temporary

    mine = os.geteuid() if hasattr(os, "geteuid") else None  # files are the effective uid's
    try:
        names = [entry.name for entry in os.scandir(inbox)]
    except PermissionError:
        names = sorted(known or ())
    except OSError:
        return []
    waiting = []
    for name in names:
        path = inbox / name
        if not name.endswith(SUBMISSION_SUFFIX) or is_temporary(path):
            continue
        try:
            info = path.lstat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and (mine is None or info.st_uid == mine):
            waiting.append(path)
    return waiting


def _write_again(inbox: Path, path: Path) -> Path | None:
    """Replace ``path`` by a copy under a new name (returned); ``None`` when it was left
    as it was or is gone."""
    from surveys.inbox import MAX_FILE
    from surveys.transport import (
        NotReadable,
        atomic_write,
        midnight,
        random_submission_name,
        read_regular,
    )

    try:
        data = read_regular(path, MAX_FILE, "a sealed answer")
        copy = inbox / random_submission_name()
        atomic_write(copy, data, mtime=midnight(), sync_dir=False)
    except (OSError, NotReadable):  # taken by ingest meanwhile
        return None
    try:
        path.unlink()
    except FileNotFoundError:  # ingest took it meanwhile: it counts the copy as taken
        return copy
    except OSError:  # it cannot be removed after all: never leave two copies behind
        with contextlib.suppress(OSError):
            copy.unlink()
        return None
    return copy


def has_kiosk(workspace: str | Path) -> bool:
    """True when HR has published to the kiosk folder of ``workspace``."""
    return (kiosk_folder(workspace) / INBOX).is_dir()


def ingest_all(
    workspace: str | Path,
    share: str | Path | None,
    passphrase: str,
    progress: Progress | None = None,
) -> IngestReport:
    """Take the shared inbox (if ``share``) and the kiosk's inbox (if any) into the workspace.

    Parameters
    ----------
    workspace : path
        The workspace folder.
    share : path or None
        The shared folder, or ``None`` for a workspace that only has a kiosk.
    passphrase : str
        Unlocks the workspace key.
    progress : callable, optional
        As for :func:`surveys.ingest.ingest` (each folder fills its part of the bar).

    Returns
    -------
    IngestReport
        The two runs added up; the kiosk's quarantined files are named ``(kiosk) NAME``.
    """
    from dataclasses import replace

    from surveys.ingest import IngestReport, ingest
    from surveys.progress import sub_progress

    sources = ([(Path(share), "share")] if share is not None else []) + (
        [(kiosk_folder(workspace), "kiosk")] if has_kiosk(workspace) else []
    )
    total = IngestReport()
    for number, (folder, source) in enumerate(sources):
        part = sub_progress(progress, number / len(sources), (number + 1) / len(sources))
        report = ingest(workspace, folder, passphrase, part, source=source)
        for name in (
            "stored",
            "replaced",
            "duplicates",
            "superseded",
            "late",
            "partial_removed",
            "stored_left",
            "receipts",
        ):
            setattr(total, name, getattr(total, name) + getattr(report, name))
        total.published += report.published  # written back in the share and the kiosk
        for wave, count in report.repeats.items():
            total.repeats[wave] = total.repeats.get(wave, 0) + count
        if source == "share":
            total.tickets = report.tickets  # the ticket requests signed first
        if source == "kiosk":
            report.quarantined = [replace(q, name=f"(kiosk) {q.name}") for q in report.quarantined]
            report.skipped = [replace(q, name=f"(kiosk) {q.name}") for q in report.skipped]
        total.quarantined += report.quarantined
        total.skipped += report.skipped
        total.receipts_problem = total.receipts_problem or report.receipts_problem
    return total
