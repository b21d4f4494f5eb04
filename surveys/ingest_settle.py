"""After a batch's commit, HR's copies replace the writers' files in the inbox.

Split from :mod:`surveys.ingest`, which calls :func:`settle` once per batch. Stored files
are archived (one tar file, flushed) and deleted; each refused file is rewritten into
``quarantine/`` with its reason before the writer's file is deleted; files not read are
moved there as they are; a stale partial write is removed; then the folders are synced.

No answer leaves the inbox before HR's copy of it is on disk. A file that is no sealed
file, or whose content is no answer, is nobody's: it is copied without a flush and goes at
once (a flood of 20,000 junk files took 280 s with a flush each). Every other refused file
may be someone's answer: held for review, refused by the workspace, of a newer schema, or
sealed to another key (an answer to another of HR's workspaces). Its copy is written
without a flush of its own and the writer's file stays in the inbox until the end of the
ingest, when all such copies are flushed with one ``os.sync`` (:func:`release_junk`;
docs/qa.md, review of the thirteenth round: a flush a file made a colleague's flood of
copies sealed with the published key cost minutes). Where the system has no ``os.sync``
(Windows), each such copy is flushed on its own and its file deleted at once.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from surveys import archive
from surveys.errors import describe_os_error
from surveys.inbox import QuarantinedFile, quarantine_bytes, quarantine_file, shown_name
from surveys.transport import ARCHIVE, INBOX, QUARANTINE, fsync_dir

if TYPE_CHECKING:
    from surveys.ingest import IngestReport, _Batch


def left_in_inbox(path: Path, reason: str) -> QuarantinedFile:
    """A file left in the inbox, named so that its name cannot disguise the report."""
    return QuarantinedFile(shown_name(path.name), reason)


def settle(
    share: Path,
    batch: _Batch,
    taken: list[tuple[Path, bytes]],
    keep_days: int | None,
    report: IngestReport,
    junk: list[tuple[Path, QuarantinedFile]],
) -> None:
    """After the commit, HR's copies replace the writers' files; then the folders are
    synced. Junk files (``batch.unopenable``) stay until :func:`release_junk`, in ``junk``."""
    for path in _archived(share, taken, keep_days, report):
        try:
            os.unlink(path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            report.skipped.append(left_in_inbox(path, f"stored, but not removed: {exc}"))
    _quarantine_refused(share, batch, report, junk)
    for path, reason in batch.unread:
        try:
            report.quarantined.append(quarantine_file(share, path, reason))
        except FileNotFoundError:
            continue
        except OSError as exc:
            report.skipped.append(left_in_inbox(path, f"{reason}; not moved: {exc}"))
    for path in batch.partial:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
            report.partial_removed += 1
    for name in (ARCHIVE, QUARANTINE, INBOX):
        fsync_dir(share / name)


def _archived(share: Path, taken, keep_days: int | None, report: IngestReport) -> list[Path]:
    """The stored files whose archive copy is on disk (all of them when none is kept)."""
    try:
        if keep_days != 0:
            archive.write_batch(share / ARCHIVE, [data for _, data in taken])
    except OSError as exc:  # stored, not archived: left in the inbox, taken again next time
        why = f"stored, but not archived: {describe_os_error(exc)}"
        for path, _ in taken:
            report.skipped.append(left_in_inbox(path, why))
        report.stored_left += len(taken)
        return []
    return [path for path, _ in taken]


def _quarantine_refused(share: Path, batch: _Batch, report: IngestReport, junk: list) -> None:
    """HR's copy of each refused file; the writer's file is deleted once the copy is on
    disk: by :func:`release_junk` where the system has ``os.sync``, else at once after a
    flush of its own. A file that is nobody's answer goes at once, unflushed."""
    sync_later = hasattr(os, "sync")
    for path, data, reason in batch.refused:
        nobodys = path in batch.unopenable and path not in batch.other_key
        durable = not nobodys and not sync_later
        try:
            kept = quarantine_bytes(share, path.name, data, reason, durable)
        except FileNotFoundError:
            continue
        except OSError as exc:
            report.skipped.append(left_in_inbox(path, f"{reason}; not moved: {exc}"))
            continue
        if nobodys or durable:
            _remove_writers(path, kept, report)
        else:
            junk.append((path, kept))


def release_junk(share: Path, junk: list[tuple[Path, QuarantinedFile]], report) -> None:
    """Flush the copies of ``junk`` (files that may be someone's answer) with one
    ``os.sync``, then delete the writers' files: at the end of an ingest, also one stopped
    or failed (one flush of the whole system cost about 1.5 s on a busy machine, too much
    for each batch)."""
    if not junk:
        return
    os.sync()
    for path, kept in junk:
        _remove_writers(path, kept, report)
    junk.clear()
    fsync_dir(share / INBOX)


def _remove_writers(path: Path, kept: QuarantinedFile, report: IngestReport) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        report.skipped.append(left_in_inbox(path, f"{kept.reason}; not moved: {exc}"))
        return
    report.quarantined.append(kept)
