"""The respondent's side of team mode: tokens, sealing, delivery and the local outbox.

Public API (the respondent wizard and tray call these; none of them needs the network or
raises on an unreachable share):

- :func:`participation_token` ``(wave) -> str``: HMAC-SHA256 of the wave name under a
  random secret kept only on this machine (``user_data_dir()/participation.secret``, mode
  0600). The same person gets the same token within a wave and unrelated tokens across
  waves.
- :func:`deliver` ``(submission, published, share) -> DeliveryResult``: seal the submission
  to the workspace's public key and put it in ``SHARE/inbox/``. The sealed file is first
  written to the local outbox (``user_data_dir()/outbox/``), so it survives the app being
  killed at any moment; then the whole outbox is flushed, oldest first, so an answer that
  waited for the share always reaches it before a newer one. Returns
  ``DeliveryResult("delivered", path)`` or ``DeliveryResult("queued", path)`` when the share
  is missing, read-only or unreachable. A submission without a ``counter`` gets the next
  one of this machine for its wave (:func:`next_counter`): ingest orders one person's
  answers by it, never by file times.
- :func:`flush_outbox` ``(share_resolver, now=None) -> int``: deliver queued files (call at
  start and on retry); with ``now``, only those due (see below). ``share_resolver`` is the
  share's path, or a callable returning it (or ``None`` when not known yet). Sealed files a
  crash left half-renamed in the outbox are recovered first (:func:`recover_outbox`).
- With a :class:`~surveys.outbox_hold.Hold`, :func:`deliver` keeps the sealed file in the
  outbox until a random due time a few minutes later (``DeliveryResult("held", path)``), so
  the inbox folder's times do not show when someone answered (:mod:`surveys.outbox_hold`).
- :func:`next_counter` ``(wave) -> int``: this machine's answer order within a wave.
- :func:`pending_count` ``() -> int``: how many sealed submissions wait in the outbox.
- :func:`answered_waves` ``() -> set[str]`` and :func:`mark_answered` ``(wave)``: which waves
  this person answered, so the tray does not nag. :func:`deliver` marks the wave itself.

This module and :mod:`surveys.published` use only the standard library until a submission
is sealed (then :mod:`surveys.keys` loads ``cryptography``), so the respondent's window
opens fast.

No file name or file content carries a user or machine name: names are random, the content
is the sealed :meth:`Submission.to_dict` padded to a multiple of 1 KiB (so the size hardly
reveals the length of the comments), and a file's times in the inbox are set to midnight of
the day before it gets its final name (the share still records who wrote it: see
docs/team-mode.md).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.outbox_hold import Hold, deliverable, forget_due, set_due
from surveys.paths import user_data_dir
from surveys.transport import (
    INBOX,
    PAD_TO,
    SUBMISSION_SUFFIX,
    atomic_write,
    fsync_dir,
    is_temporary,
    looks_complete,
    midnight,
    random_submission_name,
)

if TYPE_CHECKING:
    from surveys.published import PublishedSurvey
    from surveys.submission import Submission

SECRET_FILE = "participation.secret"
ANSWERED_FILE = "answered.json"
COUNTERS_FILE = "counters.json"
OUTBOX = "outbox"
#: A temporary file in the outbox this old is left over from a crash (not being written).
STALE_SECONDS = 60

ShareResolver = Path | str | Callable[[], Path | str | None] | None


@dataclass(frozen=True)
class DeliveryResult:
    """Where a submission went: ``status`` is ``"delivered"``, ``"held"`` (waits in the
    outbox for its due time) or ``"queued"`` (the share cannot be reached) (and, for a
    wave with tickets, ``"waiting"``, or ``"refused"`` / ``"closed"`` when it cannot be sent
    at all: then ``path`` is ``None`` and ``reason`` holds HR's words for a refusal)."""

    status: str
    path: Path | None
    reason: str = ""

    @property
    def delivered(self) -> bool:
        return self.status == "delivered"


def _secret() -> bytes:
    path = user_data_dir() / SECRET_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
        # A file cut short by a crash while it was first written: nothing used it yet.
        path.unlink()
        return _secret()
    import secrets  # lazy: loads OpenSSL, not needed at start-up

    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_bytes(32))
        handle.flush()
        os.fsync(handle.fileno())
    return path.read_bytes()


def participation_token(wave: str) -> str:
    """The participation token of this person for ``wave`` (64 hex digits)."""
    import hashlib  # lazy: loads OpenSSL, not needed at start-up
    import hmac

    return hmac.new(
        _secret(), b"rapport-wave\x00" + wave.encode("utf-8"), hashlib.sha256
    ).hexdigest()


def next_counter(wave: str) -> int:
    """The next answer counter of this machine for ``wave`` (1 for the first answer).

    Kept in ``user_data_dir()/counters.json`` (mode 0600), one number per wave, so it says
    nothing across waves. It only grows; a crash may skip a number, which is harmless.
    """
    path = user_data_dir() / COUNTERS_FILE
    try:
        counters = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        counters = {}
    if not isinstance(counters, dict):
        counters = {}
    last = counters.get(wave, 0)
    counter = (last if type(last) is int and last > 0 else 0) + 1
    counters[wave] = counter
    atomic_write(path, json.dumps(counters, sort_keys=True).encode("utf-8"), mode=0o600)
    return counter


def outbox_dir() -> Path:
    """The local outbox folder (created on first use)."""
    folder = user_data_dir() / OUTBOX
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sealed_bytes(submission: Submission, public_key: bytes) -> bytes:
    # cryptography is imported at the moment of sealing, not when the respondent's window
    # starts (it is a noticeable part of start-up time).
    from surveys.keys import seal

    text = json.dumps(submission.to_dict(), ensure_ascii=False, separators=(",", ":"))
    data = text.encode("utf-8")
    data += b" " * (-len(data) % PAD_TO)
    return seal(data, public_key)


def _inbox(share: Path | str | None) -> Path | None:
    """The share's inbox if it exists (an unmounted share's empty mount point has none)."""
    if share is None:
        return None
    inbox = Path(share) / INBOX
    try:
        return inbox if inbox.is_dir() else None
    except OSError:
        return None


def _copy_to_inbox(queued: Path, inbox: Path) -> Path | None:
    """Copy one outbox file into ``inbox`` atomically, then drop it from the outbox.

    The copy's times are set to midnight before it gets its final name, so the inbox never
    shows the minute an answer was written.
    """
    target = inbox / queued.name
    try:
        atomic_write(target, queued.read_bytes(), mtime=midnight())
    except OSError:
        return None
    with contextlib.suppress(FileNotFoundError):
        queued.unlink()
    fsync_dir(queued.parent)
    return target


def deliver(
    submission: Submission,
    published: PublishedSurvey,
    share: Path | str | None,
    hold: Hold | None = None,
) -> DeliveryResult:
    """Seal ``submission`` and deliver it to the share's inbox, or keep it in the outbox.

    Parameters
    ----------
    submission : Submission
        The answers; its ``wave`` must be ``published.wave``. A missing token is filled in
        with :func:`participation_token`, a missing counter (0) with :func:`next_counter`.
    published : PublishedSurvey
        The survey answered (gives the public key).
    share : path or None
        The shared folder; ``None`` or unreachable means the file waits in the outbox.
    hold : Hold or None
        When given, the sealed file waits in the outbox until a random due time
        (:mod:`surveys.outbox_hold`); ``None`` delivers at once (a kiosk).

    Returns
    -------
    DeliveryResult
        ``"delivered"`` with the inbox path; ``"held"`` (waits for its due time) or
        ``"queued"`` (the share cannot be reached) with the outbox path.

    Raises
    ------
    ValueError
        If the submission is for another wave than ``published``.
    OSError
        Only if the local outbox itself cannot be written (disk full).
    """
    if submission.wave != published.wave:
        raise ValueError(f"submission for wave {submission.wave!r}, survey is {published.wave!r}")
    if submission.token is None:
        submission = replace(submission, token=participation_token(submission.wave))
    if submission.counter == 0:
        submission = replace(submission, counter=next_counter(submission.wave))
    queued = outbox_dir() / random_submission_name()
    sealed = _sealed_bytes(submission, published.public_key)
    due = now = None
    if hold is not None:  # the due time first: a sealed file without one would go at once
        due = hold.due(published.closes, published.stopped_at)
        set_due(queued.name, due, held_names())
    atomic_write(queued, sealed, mode=0o600)
    mark_answered(submission.wave)
    # Everything that waited and is due goes first, oldest first, then this one if due.
    inbox = _inbox(share)
    if hold is not None:
        now = hold.clock()
    delivered = _flush(inbox, now).get(queued)
    if delivered is not None:
        return DeliveryResult("delivered", delivered)
    held = inbox is not None and due is not None and now is not None and due > now
    return DeliveryResult("held" if held else "queued", queued)


def recover_outbox() -> int:
    """Give a final name to complete sealed files a crash left as temporary files.

    A temporary file in the outbox that has not changed for :data:`STALE_SECONDS` was
    being written when the app died. If it has the shape of a whole sealed file (magic and
    padded length: :func:`surveys.transport.looks_complete`), it is renamed into the outbox
    to be delivered; otherwise it is a partial write and is removed (the answer it was
    part of was never reported as sent). Returns how many were recovered.
    """
    import time

    folder = outbox_dir()
    recovered = 0
    for path in folder.iterdir():
        try:
            if not is_temporary(path) or time.time() - path.stat().st_ctime < STALE_SECONDS:
                continue
            if looks_complete(path.read_bytes()):
                os.replace(path, folder / random_submission_name())
                recovered += 1
            else:
                path.unlink()
        except OSError:
            continue
    if recovered:
        fsync_dir(folder)
    return recovered


def _queued_files() -> list[Path]:
    files = []
    for path in outbox_dir().iterdir():
        if not path.name.endswith(SUBMISSION_SUFFIX) or is_temporary(path):
            continue
        try:
            files.append((path.stat().st_mtime_ns, path.name, path))
        except FileNotFoundError:
            continue
    return [path for _, _, path in sorted(files)]


def pending_count() -> int:
    """How many sealed submissions wait in the local outbox."""
    return len(_queued_files())


def held_names() -> list[str]:
    """The names of the files waiting in the outbox, oldest first."""
    return [path.name for path in _queued_files()]


def _flush(inbox: Path | None, now: float | None = None) -> dict[Path, Path]:
    """Deliver queued files oldest first (with ``now``, only those due then:
    :func:`surveys.outbox_hold.deliverable`); map each sent outbox file to its inbox copy."""
    sent: dict[Path, Path] = {}
    if inbox is None:
        return sent
    for queued in deliverable(_queued_files(), now):
        delivered = _copy_to_inbox(queued, inbox)
        if delivered is None:
            break
        sent[queued] = delivered
    if sent:
        forget_due(path.name for path in sent)
    return sent


def flush_outbox(share_resolver: ShareResolver, now: float | None = None) -> int:
    """Deliver the outbox's files to the share, oldest first; return how many went.

    With ``now``, only the files due by then go (each with every older file:
    :mod:`surveys.outbox_hold`); without it, all of them ("Deliver now", a kiosk). Stops
    at the first file that cannot be written (share gone again); the rest stay queued. A
    file is removed from the outbox only once its copy is complete in the inbox (a crash
    in between leaves it in both places; ingest takes it once). Complete sealed files a
    crash left as temporary files are recovered first (:func:`recover_outbox`).
    """
    recover_outbox()
    share = share_resolver() if callable(share_resolver) else share_resolver
    return len(_flush(_inbox(share), now))


def answered_waves() -> set[str]:
    """The waves this person has answered on this machine."""
    path = user_data_dir() / ANSWERED_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {str(w) for w in data} if isinstance(data, list) else set()


def mark_answered(wave: str) -> None:
    """Remember that ``wave`` was answered on this machine."""
    waves = answered_waves() | {wave}
    data = json.dumps(sorted(waves)).encode("utf-8")
    atomic_write(user_data_dir() / ANSWERED_FILE, data, mode=0o600)
