"""Taking sealed submissions from ``SHARE/inbox/`` into the workspace (HR side).

Public API: :func:`ingest` ``(workspace, share, passphrase, progress=None) -> IngestReport``.

For each complete ``*.rapport`` file in the inbox, oldest first: open it with the
workspace's private key (loaded once), check it (:class:`surveys.intake.Intake`: known wave
and departments, item ids and ranges, no self-rating) and store it. Files are handled in
batches: a batch is stored in one transaction, *then* its files are moved to ``archive/``.
A crash between the two leaves stored files in the inbox; the next run finds their
submission ids already stored (or already replaced) and only archives them, so nothing is
counted twice. Anything that cannot be opened or does not fit goes to ``quarantine/`` with
``<name>.reason.txt`` beside it (the reason never quotes the sealed content). No file is
ever deleted. Unfinished temporary files (``.*.tmp``) of respondents still writing are left
alone.

Same participation token in the same wave: the newer answer replaces the older one. Newer
means a later day, and on the same day the file that reached the inbox later.

Thread contract: runs on any thread; it opens its own connection from the workspace path.
``progress(fraction, message)`` is called after each batch, when that batch is complete, so
a progress callback that raises (cancel) leaves nothing half-done.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from surveys import __version__
from surveys.errors import RapportError
from surveys.intake import Intake, SubmissionError
from surveys.keys import SealError, load_private_key, unseal
from surveys.progress import Progress
from surveys.store import open_workspace
from surveys.submission import Submission
from surveys.transport import (
    ARCHIVE,
    INBOX,
    QUARANTINE,
    TEMP_PREFIX,
    TEMP_SUFFIX,
    fsync_dir,
    move_into,
)

BATCH = 500
CACHE_KIB = 64 * 1024
REASON_SUFFIX = ".reason.txt"


class IngestError(RapportError):
    """Ingest cannot start (no inbox, share not writable); nothing was changed."""


@dataclass(frozen=True)
class QuarantinedFile:
    """A file moved to ``quarantine/`` (``name`` as it is there) and why."""

    name: str
    reason: str


@dataclass
class IngestReport:
    """What one :func:`ingest` run did.

    Attributes
    ----------
    stored : int
        New submissions stored.
    replaced : int
        Submissions that replaced an older one with the same participation token.
    duplicates : int
        Files whose submission was already taken (e.g. a re-run after a crash, or a file
        delivered twice); archived, not stored again.
    superseded : int
        Answers older than the one already stored from the same person; archived, unused.
    late : int
        Answers for a wave that was closed (and its figures released) before they arrived;
        archived, remembered, unused.
    quarantined : list of QuarantinedFile
        Files that could not be stored, with the reason.
    skipped : list of QuarantinedFile
        Files that could not even be moved (left in the inbox), with the reason.
    receipts : int
        Receipt hashes listed in ``SHARE/receipts/`` after this run (all waves).
    receipts_problem : str
        Why the receipt lists could not be written (``""`` when they were).
    """

    stored: int = 0
    replaced: int = 0
    duplicates: int = 0
    superseded: int = 0
    late: int = 0
    quarantined: list[QuarantinedFile] = field(default_factory=list)
    skipped: list[QuarantinedFile] = field(default_factory=list)
    receipts: int = 0
    receipts_problem: str = ""

    @property
    def files(self) -> int:
        """How many inbox files this run handled."""
        taken = self.stored + self.replaced + self.duplicates + self.superseded + self.late
        return taken + len(self.quarantined) + len(self.skipped)

    def count(self, outcome: str) -> None:
        """Add one to the counter of ``outcome`` (an :meth:`Intake.store` outcome)."""
        name = {"duplicate": "duplicates"}.get(outcome, outcome)
        setattr(self, name, getattr(self, name) + 1)


def _inbox_files(inbox: Path) -> list[Path]:
    """Complete files in the inbox, oldest first (by modification time, then name)."""
    entries = []
    with os.scandir(inbox) as found:
        for entry in found:
            if entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX):
                continue
            try:
                if entry.is_file():
                    entries.append((entry.stat().st_mtime_ns, entry.name))
            except FileNotFoundError:
                continue
    return [inbox / name for _, name in sorted(entries)]


def _open(path: Path, private_key) -> Submission:
    """Read, unseal and parse one file; raise ``SubmissionError`` with a reason."""
    try:
        plain = unseal(path.read_bytes(), private_key)
    except SealError as exc:
        raise SubmissionError(str(exc)) from None
    try:
        data = json.loads(plain.decode("utf-8"))
        if not isinstance(data, dict):
            raise TypeError("not an object")
        return Submission.from_dict(data)
    except (ValueError, KeyError, TypeError):
        raise SubmissionError(
            "it opened with this workspace's key but does not hold a Rapport submission "
            "(written by an incompatible version?)"
        ) from None


def _quarantine(path: Path, folder: Path, reason: str) -> QuarantinedFile:
    target = folder / path.name
    number = 1
    while target.exists():
        target = folder / f"{path.stem}.{number}{path.suffix}"
        number += 1
    text = (
        f"{path.name} could not be stored: {reason}.\n\n"
        f"Found by Rapport {__version__} on {date.today().isoformat()}. The file is kept here "
        "unchanged. Once the cause is fixed, move it back into inbox/ and run "
        "`rapport ingest` again.\n"
    )
    (folder / (target.name + REASON_SUFFIX)).write_text(text, encoding="utf-8")
    path.replace(target)
    return QuarantinedFile(target.name, reason)


def _store_batch(
    intake: Intake, opened: list[tuple[Path, Submission]], report: IngestReport, source: str
):
    """Store one batch in one transaction; return (files to archive, files refused)."""
    taken: list[Path] = []
    refused: list[tuple[Path, str]] = []
    conn = intake.db.conn
    with intake.db.atomic():
        for path, sub in opened:
            conn.execute("SAVEPOINT one")
            try:
                outcome = intake.store(sub, source)
            except (SubmissionError, sqlite3.IntegrityError) as exc:
                conn.execute("ROLLBACK TO one")
                refused.append((path, str(exc).rstrip(".")))
            else:
                report.count(outcome)
                taken.append(path)
            conn.execute("RELEASE one")
    return taken, refused


def _move_batch(taken, refused, share: Path, report: IngestReport) -> None:
    for path in taken:
        try:
            move_into(path, share / ARCHIVE)
        except FileNotFoundError:
            continue
        except OSError as exc:
            report.skipped.append(QuarantinedFile(path.name, f"stored, but not archived: {exc}"))
    for path, reason in refused:
        try:
            report.quarantined.append(_quarantine(path, share / QUARANTINE, reason))
        except FileNotFoundError:
            continue
        except OSError as exc:
            report.skipped.append(QuarantinedFile(path.name, f"{reason}; not moved: {exc}"))
    for name in (ARCHIVE, QUARANTINE, INBOX):
        fsync_dir(share / name)


def _publish_receipts(db, share: Path, report: IngestReport) -> None:
    """Write ``SHARE/receipts/`` so respondents can see their answers arrived."""
    from surveys.receipts import publish_receipts

    try:
        report.receipts = publish_receipts(db, share)
    except OSError as exc:
        report.receipts_problem = (
            f"the receipt lists could not be written to {share} ({exc.strerror or exc}); "
            "the answers are stored, run ingest again to retry"
        )


def _prepare(share: Path) -> Path:
    inbox = share / INBOX
    if not inbox.is_dir():
        raise IngestError(
            f"There is no inbox in {share} ({inbox} is missing). Check the --share folder: "
            "it is the one waves were published to."
        )
    try:
        for name in (ARCHIVE, QUARANTINE):
            (share / name).mkdir(exist_ok=True)
    except OSError as exc:
        raise IngestError(f"Cannot write to {share} ({exc.strerror}); nothing was taken.") from exc
    return inbox


def ingest(
    workspace: str | Path,
    share: str | Path,
    passphrase: str,
    progress: Progress | None = None,
    *,
    batch_size: int = BATCH,
    source: str = "share",
) -> IngestReport:
    """Take every submission waiting in ``SHARE/inbox/`` into the workspace.

    Parameters
    ----------
    workspace : path
        The workspace folder (holds the database and the key pair).
    share : path
        The shared folder.
    passphrase : str
        Unlocks the workspace's private key (loaded once per run).
    progress : callable, optional
        ``progress(fraction, message)`` after each batch; may raise to cancel.
    batch_size : int
        Files per transaction.
    source : str
        Recorded in ``submissions.source``: ``"share"``, or ``"kiosk"`` for a kiosk's
        folder.

    Returns
    -------
    IngestReport
        The counts, and each quarantined file with its reason.

    Raises
    ------
    WorkspaceKeyError
        Wrong passphrase or no key pair; nothing was changed.
    IngestError
        The share has no inbox or cannot be written.
    """
    share = Path(share)
    private_key = load_private_key(workspace, passphrase)
    inbox = _prepare(share)
    db = open_workspace(workspace)
    # Submission ids are random, so inserts land all over the answers B-trees: a larger
    # page cache for this connection keeps a big inbox from thrashing (pages, not a copy).
    db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    try:
        intake = Intake(db)
        try:
            files = _inbox_files(inbox)
        except OSError as exc:
            raise IngestError(f"Cannot list {inbox} ({exc.strerror}); nothing was taken.") from exc
        report = IngestReport()
        for start in range(0, len(files), batch_size):
            opened, refused = [], []
            for path in files[start : start + batch_size]:
                try:
                    opened.append((path, _open(path, private_key)))
                except SubmissionError as exc:
                    refused.append((path, str(exc)))
                except FileNotFoundError:
                    continue
                except OSError as exc:
                    report.skipped.append(QuarantinedFile(path.name, f"unreadable: {exc}"))
            taken, invalid = _store_batch(intake, opened, report, source)
            _move_batch(taken, refused + invalid, share, report)
            done = min(start + batch_size, len(files))
            if progress is not None:
                progress(done / len(files), f"Took {done} of {len(files)} files")
        _publish_receipts(db, share, report)
        return report
    finally:
        db.close()
