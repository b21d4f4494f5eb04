"""Ticket signing as HR's commands and window run it, and what the Pulses section shows.

Public API:

- :func:`sign_pending` ``(workspace, share, passphrase=None, *, private_key=None, ...) ->
  SigningReport``: unlock the open waves' ticket keys and sign the requests waiting in
  ``SHARE/requests/`` (:mod:`surveys.ticket_signing`), then remove the request and ticket
  files of waves that have closed (:mod:`surveys.ticket_cleanup`). Only one pass runs per
  workspace at a time; a second one returns at once with ``busy`` set.
- :func:`sign_before_ingest`: what ingest runs first (a shared folder only).
- :func:`ticket_status` ``(workspace, share, *, owner_of=file_owner) -> TicketStatus``:
  pending, signed and refused requests, and any one-owner warning.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from surveys.file_lock import try_lock
from surveys.progress import Progress
from surveys.store import open_workspace
from surveys.ticket_cleanup import LOCK_FILE, finish_cleanup
from surveys.ticket_files import list_requests
from surveys.ticket_signing import (
    ONE_OWNER_MIN,
    REFUSALS,
    OwnerOf,
    SigningReport,
    file_owner,
    sign_requests,
)
from surveys.ticket_warnings import one_owner_warning, unknown_owner_warning


def sign_pending(
    workspace: str | Path,
    share: str | Path,
    passphrase: str | None = None,
    *,
    private_key=None,  # noqa: ANN001 - X25519PrivateKey, when the caller has unlocked it
    owner_of: OwnerOf = file_owner,
    progress: Progress | None = None,
) -> SigningReport:
    """Sign the ticket requests waiting in ``SHARE/requests/``.

    Parameters
    ----------
    workspace : path
        The workspace folder.
    share : path
        The shared folder.
    passphrase : str, optional
        Unlocks the workspace key (not needed when ``private_key`` is given).
    private_key : X25519PrivateKey, optional
        The workspace key, already unlocked (ingest has it).
    owner_of : callable
        Who owns a file (:func:`surveys.ticket_signing.file_owner`).
    progress : callable, optional
        ``progress(fraction, message)``.

    Returns
    -------
    SigningReport
        ``busy`` is true when another pass was running (nothing was done).

    Raises
    ------
    WorkspaceKeyError
        Wrong passphrase or no key pair.
    OSError
        The workspace folder cannot be written (the lock file).
    """
    from surveys.keys import load_private_key
    from surveys.ticket_keys import unlock_keys

    workspace, share = Path(workspace), Path(share)
    if private_key is None:
        private_key = load_private_key(workspace, passphrase or "")
    with try_lock(workspace / LOCK_FILE) as held:
        if not held:
            return SigningReport(busy=True)
        db = open_workspace(workspace)
        try:
            keys = unlock_keys(db, private_key)
            report = sign_requests(db, share, keys, owner_of=owner_of, progress=progress)
            finish_cleanup(db, share)  # closed waves' requests and tickets (ticket_cleanup)
            return report
        finally:
            db.close()


@dataclass
class TicketStatus:
    """What the Pulses section shows about tickets.

    Attributes
    ----------
    pending : int
        Requests waiting in ``SHARE/requests/``.
    signed : int
        Tickets given in the open waves (the roll's length).
    refused : dict of str to int
        Refused requests in the open waves, by reason (words from
        :data:`surveys.ticket_signing.REFUSALS`).
    warnings : list of str
        One-owner share warnings, and requests refused because their owner could not be
        read.
    """

    pending: int = 0
    signed: int = 0
    refused: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def ticket_status(
    workspace: str | Path, share: str | Path | None, *, owner_of: OwnerOf = file_owner
) -> TicketStatus:
    """Pending, signed and refused requests of the open waves (never raises ``OSError``).

    Parameters
    ----------
    workspace : path
        The workspace folder.
    share : path or None
        The shared folder (``None``: pending requests are not counted).
    owner_of : callable
        Who owns a file.
    """
    from surveys.published import published_path

    status = TicketStatus()
    if share is not None:
        with contextlib.suppress(OSError):
            status.pending = len(list_requests(Path(share)))
    db = open_workspace(workspace)
    try:
        rows = db.execute(
            "SELECT w.id, w.name, r.owner, count(*) FROM ticket_roll r "
            "JOIN waves w ON w.id = r.wave_id WHERE w.status = 'open' "
            "GROUP BY w.id, r.owner"
        ).fetchall()
        refused = db.execute(
            "SELECT f.reason, sum(f.count) FROM ticket_refusals f "
            "JOIN waves w ON w.id = f.wave_id WHERE w.status = 'open' GROUP BY f.reason"
        ).fetchall()
    finally:
        db.close()
    status.refused = {REFUSALS.get(reason, reason): count for reason, count in refused}
    unreadable = sum(count for reason, count in refused if reason == "owner")
    if unreadable:
        status.warnings.append(unknown_owner_warning(unreadable))
    for _wave_id, wave, owner, count in rows:
        status.signed += count
        if count < ONE_OWNER_MIN or share is None:
            continue
        try:
            hr = owner_of(published_path(share, wave))
        except OSError:
            continue
        if owner in ("", hr):
            status.warnings.append(one_owner_warning(wave, owner, count))
    return status


def sign_before_ingest(workspace: Path, share: Path, private_key, source: str, owner_of):  # noqa: ANN001
    """What ingest does first: sign the waiting ticket requests of a shared folder.

    Returns the :class:`SigningReport`, or ``None`` for a kiosk's folder, a share without
    ``requests/``, or when the workspace folder cannot be written (the requests wait).
    """
    from surveys.transport import REQUESTS

    if source != "share" or not (share / REQUESTS).is_dir():
        return None
    try:
        return sign_pending(
            workspace, share, private_key=private_key, owner_of=owner_of or file_owner
        )
    except OSError:
        return None  # the requests wait for the next run; the inbox is taken as usual
