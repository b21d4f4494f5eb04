"""Taking sealed submissions from ``SHARE/inbox/`` into the workspace (HR side).

Public API: :func:`ingest` ``(workspace, share, passphrase, progress=None) -> IngestReport``.
``share`` is any folder with an ``inbox/``: the shared folder in team mode, or a local inbox
folder on a kiosk machine.

For each file in the inbox, in name order (file times never matter): read it only if it is
a regular file of at most :data:`surveys.inbox.MAX_FILE` (checked with ``fstat`` on an
``O_NOFOLLOW`` open), open it with the workspace's private key (loaded once), check its
plaintext against the strict schema (:func:`surveys.submission_schema.parse_submission`:
bounded nesting, types, lengths, then the value rules shared with the CSV import), then the
workspace's rules (:class:`surveys.intake.Intake`), and store it.

Files are handled in batches: a batch is stored in one ``BEGIN IMMEDIATE`` transaction,
*then* the batch's stored files are archived as one tar file written by HR's process
(:mod:`surveys.archive`: members named after their content, no owner, midnight's times;
the workspace setting ``archive_days`` says how long tar files are kept, 0 keeps none) and
deleted from the inbox, and each refused file is replaced by HR's copy in ``quarantine/``
with ``<name>.reason.txt``. A crash between the two leaves
stored files in the inbox; the next run finds their ids already stored (or replaced) and
only archives them, so nothing is counted twice. A bad file never stops the others, and a
reason never quotes the sealed content. A file that was not read (too large, a link, not a
regular file) is moved to quarantine as it is.

A respondent's unfinished temporary file (``.*.tmp``) is left alone while it is fresh. Once
it is stale (:data:`surveys.inbox.STALE_SECONDS`, its writer crashed), it is taken like any
file if it opens (the writer was killed after the last byte), and removed if it does not (a
partial write; the respondent's outbox still holds the answer and delivers it again).

Same participation token in the same wave: the newer answer replaces the older one, newer
by the answer counter the respondent's machine keeps, then by day (see
:mod:`surveys.intake`). An answer for a wave already closed (its figures released) is *late*:
remembered, not used. After the last batch, ``SHARE/receipts/`` lists the hashes of the
receipts received (:mod:`surveys.receipts`).

Only one ingest runs per workspace at a time: a second one says so and changes nothing.

Thread contract: runs on any thread; it opens its own connection from the workspace path.
``progress(fraction, message)`` is called after each batch, when that batch is complete, so
a progress callback that raises (cancel) leaves nothing half-done.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from surveys import archive
from surveys.anomalies import (
    fingerprints,
    held_for_review,
    note_stored,
    receive_held,
    repeats_of_stored,
)
from surveys.errors import (
    NewerSubmissionError,
    RapportError,
    SubmissionError,
)
from surveys.file_lock import try_lock
from surveys.inbox import (
    STALE_SECONDS,
    InboxEntry,
    QuarantinedFile,
    Refused,
    list_inbox,
    read_sealed,
    remove_temporaries,
)
from surveys.ingest_record import remember_ingest
from surveys.ingest_settle import left_in_inbox, release_junk, settle
from surveys.intake import Intake
from surveys.keys import OtherKeyError, SealError, load_private_key, unseal
from surveys.progress import Progress
from surveys.published_check import kiosk_waves, restore_or_say
from surveys.store import get_setting, open_workspace
from surveys.submission import Submission
from surveys.submission_schema import parse_submission
from surveys.tickets import sign_before_ingest
from surveys.transport import ARCHIVE, INBOX, QUARANTINE

__all__ = ["IngestBusyError", "IngestError", "IngestReport", "QuarantinedFile", "ingest"]

BATCH = 500
CACHE_KIB = 64 * 1024
#: Workspace setting: days HR's archive copies are kept (0: none are kept; null: forever).
ARCHIVE_DAYS_SETTING = "archive_days"
DEFAULT_ARCHIVE_DAYS = 90
#: In the workspace folder: held while an ingest runs.
LOCK_FILE = ".ingest.lock"


class IngestError(RapportError):
    """Ingest cannot start (no inbox, share not writable); nothing was changed."""


class IngestBusyError(IngestError):
    """Another ingest into the same workspace is running; nothing was changed."""


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
    stored_left : int
        Files among ``skipped`` that were stored all the same (their archive copy could not
        be written: the share is full or read-only); counted once in :attr:`files`.
    partial_removed : int
        Unfinished files left by a respondent's crash that were removed (their answer is
        still in that respondent's outbox).
    receipts : int
        Receipt hashes listed in ``SHARE/receipts/`` after this run (all waves).
    receipts_problem : str
        Why the receipt lists could not be written (``""`` when they were).
    tickets : SigningReport or None
        What signing the waiting ticket requests did first (``None``: not a shared folder
        with ticket requests, e.g. a kiosk's folder).
    published : list of str
        A sentence for each open wave's published file that someone else had changed and
        that was written back from HR's copy (:mod:`surveys.published_check`).
    repeats : dict of str to int
        Per wave, answers stored by this run that repeat, word for word, the ratings and
        comments of an answer stored before from the same department by someone else
        (:func:`surveys.anomalies.repeats_of_stored`): one person's copies, one per ingest,
        or answers too alike to tell.
    """

    stored: int = 0
    replaced: int = 0
    duplicates: int = 0
    superseded: int = 0
    late: int = 0
    quarantined: list[QuarantinedFile] = field(default_factory=list)
    skipped: list[QuarantinedFile] = field(default_factory=list)
    stored_left: int = 0
    partial_removed: int = 0
    receipts: int = 0
    receipts_problem: str = ""
    tickets: object = None
    published: list[str] = field(default_factory=list)
    repeats: dict[str, int] = field(default_factory=dict)

    @property
    def files(self) -> int:
        """How many inbox files this run handled."""
        taken = self.stored + self.replaced + self.duplicates + self.superseded + self.late
        left = len(self.skipped) - self.stored_left
        return taken + len(self.quarantined) + left + self.partial_removed

    def count(self, outcome: str) -> None:
        """Add one to the counter of ``outcome`` (an :meth:`Intake.store` outcome)."""
        name = {"duplicate": "duplicates"}.get(outcome, outcome)
        setattr(self, name, getattr(self, name) + 1)


@dataclass
class _Batch:
    """One batch of inbox files after reading and opening them."""

    opened: list[tuple[Path, bytes, Submission]] = field(default_factory=list)
    refused: list[tuple[Path, bytes, str]] = field(default_factory=list)
    unread: list[tuple[Path, str]] = field(default_factory=list)
    partial: list[Path] = field(default_factory=list)
    #: Refused files this workspace never takes, whatever HR does: not sealed, sealed to
    #: another key, or their content is not an answer (no flush of their own).
    unopenable: set[Path] = field(default_factory=set)
    #: Those sealed to another key: maybe another workspace's answer, so on disk before
    #: they leave the inbox (:func:`surveys.ingest_settle.release_junk`).
    other_key: set[Path] = field(default_factory=set)


_NOT_READ = {
    "link": "it is a symbolic link; Rapport never follows links",
    "other": "it is not a regular file",
}
#: A file HR's account may not open (its writer's permissions shut HR out).
_NOT_PERMITTED = (
    "HR's account may not read it (the file's permissions shut HR out; it was not read)"
)


def _read_batch(entries: list[InboxEntry], private_key, report: IngestReport) -> _Batch:
    """Read, unseal and parse each file; sort them into opened, refused and unread."""
    batch = _Batch()
    for entry in entries:
        path = entry.path
        if entry.kind in _NOT_READ:
            batch.unread.append((path, _NOT_READ[entry.kind]))
            continue
        try:
            data = read_sealed(path)
        except Refused as exc:
            batch.unread.append((path, str(exc)))
            continue
        except FileNotFoundError:
            continue
        except PermissionError:  # left in the inbox, it would fail every ingest and close
            batch.unread.append((path, _NOT_PERMITTED))
            continue
        except OSError as exc:
            report.skipped.append(left_in_inbox(path, f"unreadable: {exc.strerror}"))
            continue
        try:
            batch.opened.append((path, data, parse_submission(unseal(data, private_key))))
        except SealError as exc:
            if entry.kind == "temp":
                batch.partial.append(path)
            else:
                batch.refused.append((path, data, str(exc)))
                batch.unopenable.add(path)
                if isinstance(exc, OtherKeyError):
                    batch.other_key.add(path)
        except SubmissionError as exc:
            batch.refused.append((path, data, str(exc)))
            if not isinstance(exc, NewerSubmissionError):  # this workspace never takes it
                batch.unopenable.add(path)
    return batch


def _store_batch(intake: Intake, batch: _Batch, report: IngestReport, source: str):
    """Store one batch in one transaction; return (files to archive, files refused)."""
    taken: list[tuple[Path, bytes]] = []
    refused: list[tuple[Path, bytes, str]] = []
    conn = intake.db.conn
    subs = [sub for _, _, sub in batch.opened]
    keys = fingerprints(subs)
    held = held_for_review(intake, subs, source, keys)
    repeats = repeats_of_stored(intake, subs, set(held), source, keys)
    with intake.db.atomic():
        for position, (path, data, sub) in enumerate(batch.opened):
            if position in held:
                refused.append((path, data, held[position]))
                receive_held(intake, sub, held[position])
                continue
            conn.execute("SAVEPOINT one")
            try:
                outcome = intake.store(sub, source, values_checked=True, check_headcount=True)
            except (SubmissionError, sqlite3.IntegrityError) as exc:
                conn.execute("ROLLBACK TO one")
                refused.append((path, data, str(exc).rstrip(".")))
                receive_held(intake, sub, str(exc))
            else:
                report.count(outcome)
                taken.append((path, data))
                if outcome in ("stored", "replaced"):
                    note_stored(intake, sub, keys[position], outcome == "replaced")
                    if position in repeats:
                        report.repeats[sub.wave] = report.repeats.get(sub.wave, 0) + 1
            conn.execute("RELEASE one")
    return taken, refused


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
    links = [name for name in (INBOX, ARCHIVE, QUARANTINE) if (share / name).is_symlink()]
    if links:
        raise IngestError(
            f"{share / links[0]} is a symbolic link; Rapport does not follow links in the "
            "shared folder. Make it a real folder (ask whoever manages the share)."
        )
    try:
        for name in (ARCHIVE, QUARANTINE):
            (share / name).mkdir(exist_ok=True)
    except OSError as exc:
        raise IngestError(f"Cannot write to {share} ({exc.strerror}); nothing was taken.") from exc
    return inbox


def _remove_crash_leftovers(share: Path) -> None:
    """Remove HR's unfinished copies left in ``archive/`` and ``quarantine/`` by a crash.

    Only under the ingest lock: an ingest running meanwhile writes its copies there
    through temporary files of the same form, and a second ingest that removed them
    before finding the lock held made the first one's archive write fail.
    """
    for name in (ARCHIVE, QUARANTINE):
        remove_temporaries(share / name)


@contextlib.contextmanager
def _exclusive(workspace: Path) -> Iterator[None]:
    """Hold the workspace's ingest lock, or raise :class:`IngestBusyError`."""
    with contextlib.ExitStack() as stack:
        try:
            held = stack.enter_context(try_lock(workspace / LOCK_FILE))
        except OSError as exc:
            message = f"Cannot write in the workspace folder {workspace} ({exc.strerror})."
            raise IngestError(message) from exc
        if not held:
            raise IngestBusyError(
                f"Another ingest into the workspace {workspace} is running, and it takes the "
                "same inbox. Wait for it to finish; run ingest again afterwards if more "
                "answers arrived meanwhile. Nothing was changed."
            )
        yield


def _archive_days(db) -> int | None:
    value = get_setting(db, ARCHIVE_DAYS_SETTING, DEFAULT_ARCHIVE_DAYS)
    if value is None:
        return None
    if type(value) is not int or value < 0:
        return DEFAULT_ARCHIVE_DAYS
    return value


def ingest(
    workspace: str | Path,
    share: str | Path,
    passphrase: str,
    progress: Progress | None = None,
    *,
    batch_size: int = BATCH,
    stale_after: float = STALE_SECONDS,
    source: str = "share",
    owner_of=None,  # noqa: ANN001 - surveys.ticket_signing.OwnerOf
) -> IngestReport:
    """Take every submission waiting in ``SHARE/inbox/`` into the workspace.

    Parameters
    ----------
    workspace : path
        The workspace folder (holds the database and the key pair).
    share : path
        The shared folder, or any folder with an ``inbox/`` (a kiosk's local inbox).
    passphrase : str
        Unlocks the workspace's private key (loaded once per run).
    progress : callable, optional
        ``progress(fraction, message)`` after each batch; may raise to cancel.
    batch_size : int
        Files per transaction.
    stale_after : float
        Seconds after which a respondent's unfinished temporary file counts as left over
        from a crash.
    source : str
        Recorded in ``submissions.source``: ``"share"``, or ``"kiosk"`` for a kiosk's
        folder. From a share, the ticket requests waiting in ``SHARE/requests/`` are signed
        first (:mod:`surveys.tickets`), and a ticketed wave takes only submissions with a
        valid ticket.
    owner_of : callable, optional
        Who owns a request file (default :func:`surveys.ticket_signing.file_owner`).

    Returns
    -------
    IngestReport
        The counts, and each quarantined file with its reason.

    Raises
    ------
    WorkspaceKeyError
        Wrong passphrase or no key pair; nothing was changed.
    IngestError
        The share has no inbox or cannot be written, or another ingest is running
        (:class:`IngestBusyError`).
    """
    share, workspace = Path(share), Path(workspace)
    private_key = load_private_key(workspace, passphrase)
    inbox = _prepare(share)
    signing = sign_before_ingest(workspace, share, private_key, source, owner_of)
    with _exclusive(workspace):
        _remove_crash_leftovers(share)
        db = open_workspace(workspace)
        # Submission ids are random, so inserts land all over the answers B-trees: a larger
        # page cache for this connection keeps a big inbox from thrashing (pages, not a copy).
        db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        try:
            report = _run(
                db, share, inbox, private_key, progress, (batch_size, stale_after, source)
            )
            if source == "share":
                report.published = restore_or_say(db, share)
            elif source == "kiosk":  # a kiosk refuses a changed survey: HR is told here
                report.published = [
                    f"The kiosk's {said}" if said.startswith("published/") else said
                    for said in restore_or_say(db, share)
                ]
        finally:
            db.close()
    report.tickets = signing
    remember_ingest(workspace, report)
    return report


def _run(db, share, inbox, private_key, progress, options) -> IngestReport:
    batch_size, stale_after, source = options
    keep_days = _archive_days(db)
    if keep_days == 0:
        # No archive copy: a batch's files leave the inbox right after its commit, so the
        # commit itself must be on disk. (With copies, the tar file is flushed to disk
        # before the files are deleted, so a commit lost to a power cut can be taken again.)
        db.execute("PRAGMA synchronous = FULL")
    intake = Intake(db)
    if source == "kiosk":
        intake.kiosk_waves = kiosk_waves(db, share)
    try:
        entries = list_inbox(inbox, stale_after)
    except OSError as exc:
        raise IngestError(f"Cannot list {inbox} ({exc.strerror}); nothing was taken.") from exc
    report, junk = IngestReport(), []
    try:
        for start in range(0, len(entries), batch_size):
            batch = _read_batch(entries[start : start + batch_size], private_key, report)
            taken, invalid = _store_batch(intake, batch, report, source)
            batch.refused.extend(invalid)
            settle(share, batch, taken, keep_days, report, junk)
            done = min(start + batch_size, len(entries))
            if progress is not None:
                progress(done / len(entries), f"Took {done} of {len(entries)} files")
    finally:  # junk leaves the inbox once its copies are on disk, also when stopped
        release_junk(share, junk, report)
    with contextlib.suppress(OSError):
        archive.tidy(share / ARCHIVE, keep_days)
    _publish_receipts(db, share, report)
    return report
