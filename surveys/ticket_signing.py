"""Signing ticket requests: one blind-signed ticket per file owner per wave (HR side).

HR's app runs this whenever it runs: ``rapport ingest`` (before it takes the inbox),
``rapport tickets WORKSPACE`` (for a scheduled task), and every minute while the HR window is
open. It needs no server.

For each request in ``SHARE/requests/`` (name order; links and odd files are refused):

1. The request's *owner* is the account the file system records as the file's owner
   (:func:`surveys.file_owner.file_owner`: a user name on POSIX, an owner SID on
   Windows), the one thing a colleague cannot forge on a share. It is read while the file
   is open, so it is the owner of the bytes read. A request whose owner cannot be read is
   refused ("owner"), never signed anonymously: a colleague who hid the owner of their
   files could otherwise ask for any number of tickets.
2. The owner may have one ticket per wave. The roll (``ticket_roll``) lists each owner
   given a ticket, with the hash of the blinded request signed; the same request again is
   signed again (harmless: the same signature), a different one is refused.
3. In roster mode (department keys), the request must be blinded with the key of the
   department HR's roster gives the owner (any of its names,
   :func:`surveys.file_owner.account_names`); otherwise it is refused.
4. The blind signature (:func:`surveys.blind_rsa.blind_sign`) is written to
   ``SHARE/tickets/`` and the request removed. The roll is committed *before* the tickets
   are written, so a crash in between signs the same request again next time.
5. A request for a wave that has closed is removed without an answer (the respondent's
   app sees the wave closed, :mod:`surveys.ticket_wait`).

One-owner shares: where every file has the same owner (a FAT or NAS share mapping everyone
to one account), ownership means nothing. Requests owned by the account that also owns the
wave's published file (which HR's app wrote) are each signed: on a one-owner share that
account is everyone, and on a share that records owners it is HR's own, and HR holds the
ticket key anyway. Once such an account has :data:`ONE_OWNER_MIN` or more tickets in a
wave, :attr:`SigningReport.warnings` says the share does not record owners and what that
weakens. A colleague's account asking many times gets one ticket, and a warning too.

The roll names who took part; it is never joined to answers and cannot be: the signer sees
only blinded values, unrelated to the tickets it later verifies.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from surveys.blind_rsa import BlindSignatureError, blind_sign
from surveys.file_owner import account_names, file_owner, owner_label
from surveys.progress import Progress
from surveys.published import published_path
from surveys.ticket_files import (
    REQUEST_SUFFIX,
    SignedTicket,
    TicketFileError,
    TicketRequest,
    list_requests,
    parse_request,
    read_small,
    remove_stale_temporaries,
    ticket_path,
    write_ticket,
)
from surveys.ticket_keys import UnlockedKey
from surveys.ticket_warnings import one_owner_warning, unknown_owner_warning
from surveys.transport import REQUESTS, TICKETS, fsync_dir

#: This many requests from one owner in one wave look like a share without real owners.
ONE_OWNER_MIN = 3
#: Requests signed per transaction.
BATCH = 200

#: ``owner_of(path, info=None)``: who owns a file (:func:`surveys.file_owner.file_owner`;
#: ``info`` is the open file's status); ``None`` when it cannot be read.
OwnerOf = Callable[..., str | None]

#: Reasons a request is refused (the keys count refusals per wave in the workspace).
REFUSALS = {
    "second": "a ticket was already given to this account for this wave",
    "unknown": "it is for a wave or ticket key that is not open in this workspace",
    "damaged": "it is damaged or not a ticket request",
    "taken": "HR already wrote a ticket under its name for another request",
    "unreadable": "HR's account may not read it (the file's permissions shut HR out)",
    "roster": "this account is not in HR's roster",
    "department": "the ticket key is not the one of this account's department in HR's roster",
    "owner": "the shared folder does not say which account wrote it: its owner could not be "
    "read, so it cannot be counted once per person",
}


@dataclass
class SigningReport:
    """What one signing pass did.

    Attributes
    ----------
    signed : int
        New tickets given.
    again : int
        Requests signed again (written twice, or a crash before the ticket was written).
    refused : dict of str to int
        Refused requests by reason key (:data:`REFUSALS`).
    pending : int
        Requests left for a later pass (they could not be read or answered now).
    closed : int
        Requests for waves that have closed, removed without an answer (the respondent's
        app sees the wave closed and says so).
    warnings : list of str
        One-owner share and unreadable-owner warnings, for people.
    busy : bool
        Another signing pass was running, so this one did nothing.
    """

    signed: int = 0
    again: int = 0
    refused: dict[str, int] = field(default_factory=dict)
    pending: int = 0
    closed: int = 0
    warnings: list[str] = field(default_factory=list)
    busy: bool = False

    @property
    def refused_count(self) -> int:
        return sum(self.refused.values())


@dataclass
class _Pass:
    """State of one pass: the roll as read, and what this pass decided."""

    db: Database
    share: Path
    keys: dict[str, UnlockedKey]
    owner_of: OwnerOf
    report: SigningReport
    roll: dict[tuple[int, str], set[str]] = field(default_factory=dict)
    members: dict[str, int] = field(default_factory=dict)
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    closed: set[str] = field(default_factory=set)
    hr_owner: dict[int, str | None] = field(default_factory=dict)
    asked_again: dict[tuple[str, str], int] = field(default_factory=dict)
    answers: list[tuple[Path, SignedTicket | None]] = field(default_factory=list)
    new_rows: list[tuple[int, str, str]] = field(default_factory=list)
    refusals: list[tuple[int | None, str]] = field(default_factory=list)
    #: ``(wave id, owner, request hash)`` signed in this pass (a request has one name, so
    #: the same request under a second name in one pass is a copy, not a crash's retry).
    signed_now: set[tuple[int, str, str]] = field(default_factory=set)


def sign_requests(
    db: Database,
    share: str | Path,
    keys: dict[str, UnlockedKey],
    *,
    owner_of: OwnerOf = file_owner,
    progress: Progress | None = None,
) -> SigningReport:
    """Sign every pending request in ``SHARE/requests/``, one ticket per owner per wave.

    Parameters
    ----------
    db : Database
        The open workspace (the roll is written in it).
    share : path
        The shared folder.
    keys : dict of str to UnlockedKey
        The open waves' private ticket keys by key id (:func:`surveys.ticket_keys.unlock_keys`).
    owner_of : callable
        Who owns a file (:func:`file_owner`); tests pass their own.
    progress : callable, optional
        ``progress(fraction, message)`` after each batch.

    Returns
    -------
    SigningReport

    Thread contract: any thread; ``db`` belongs to the calling thread.
    """
    share = Path(share)
    state = _Pass(db, share, keys, owner_of, SigningReport())
    remove_stale_temporaries(share)
    _load_roll(state)
    paths = list_requests(share)
    for start in range(0, len(paths), BATCH):
        for path in paths[start : start + BATCH]:
            _handle(state, path)
        _finish_batch(state)
        if progress is not None:
            done = min(start + BATCH, len(paths))
            progress(done / len(paths), f"Signed {done} of {len(paths)} ticket requests")
    _warn(state)
    return state.report


def _load_roll(state: _Pass) -> None:
    for wave_id, owner, digest in state.db.execute(
        "SELECT wave_id, owner, request_hash FROM ticket_roll"
    ):
        state.roll.setdefault((wave_id, owner), set()).add(digest)
    state.members = {
        login.casefold(): dept
        for login, dept in state.db.execute("SELECT login, department_id FROM roster_members")
    }
    state.closed = {
        name for (name,) in state.db.execute("SELECT name FROM waves WHERE status = 'closed'")
    }


def _read(state: _Pass, path: Path) -> tuple[TicketRequest, str | None]:
    """The request in ``path`` and its owner, read while the file is open (so the owner is
    the one of the file read, never of one swapped in afterwards)."""
    found: list[str | None] = []
    data = read_small(path, while_open=lambda info: found.append(state.owner_of(path, info)))
    return parse_request(path.name[: -len(REQUEST_SUFFIX)], data), found[0]


def _refused_as_copy(
    state: _Pass, path: Path, request: TicketRequest, key: UnlockedKey, owner: str, digest: str
) -> bool:
    """Refuse a request that would overwrite someone's ticket or is one more of an
    account's; otherwise note it as signed in this pass. Returns whether it was refused."""
    given = state.roll[(key.wave_id, owner)]
    if digest not in given and os.path.lexists(ticket_path(state.share, request.name)):
        # Ticket names are the requests' names, and anyone may list tickets/: a colleague
        # could write a request under someone's name and have HR overwrite their ticket.
        _refuse(state, path, None, key.wave_id, "taken")  # no file: the name is not theirs
        return True
    if digest not in given and given and not _shared_account(state, key, owner):
        # Each refusal is a file anyone may list: an account asking thousands of times in
        # one pass gets its first few answered (a person's other computers), the rest none.
        asked = _asked_again(state, key, owner)
        _refuse(state, path, request if asked <= ONE_OWNER_MIN else None, key.wave_id, "second")
        return True
    once = (key.wave_id, owner, digest)
    if once in state.signed_now:  # copies under other names: no signing, no file for each
        _asked_again(state, key, owner)
        _refuse(state, path, None, key.wave_id, "second")
        return True
    state.signed_now.add(once)
    return False


def _asked_again(state: _Pass, key: UnlockedKey, owner: str) -> int:
    """Count one more refused request of ``owner`` for the key's wave; return the count."""
    again = (key.wave, owner)
    state.asked_again[again] = state.asked_again.get(again, 0) + 1
    return state.asked_again[again]


def _handle(state: _Pass, path: Path) -> None:
    """Decide one request: sign it, sign it again, refuse it, or leave it pending."""
    try:
        request, owner = _read(state, path)
    except FileNotFoundError:
        return
    except TicketFileError:
        _refuse(state, path, None, None, "damaged")
        return
    except PermissionError:  # left waiting, it would be counted as pending on every pass
        _refuse(state, path, None, None, "unreadable")
        return
    except OSError:
        state.report.pending += 1
        return
    key = state.keys.get(request.key)
    if key is None or key.wave != request.wave:
        if request.wave in state.closed:
            state.answers.append((path, None))  # its wave closed: removed, not answered
            state.report.closed += 1
            return
        _refuse(state, path, request, None, "unknown")
        return
    if owner is None:  # never signed anonymously: a hidden owner could ask without limit
        _refuse(state, path, request, key.wave_id, "owner")
        return
    problem = _roster_problem(state, key, owner)
    if problem:
        _refuse(state, path, request, key.wave_id, problem)
        return
    digest = hashlib.sha256(request.blinded).hexdigest()
    given = state.roll.setdefault((key.wave_id, owner), set())
    if _refused_as_copy(state, path, request, key, owner, digest):
        return
    try:
        signature = blind_sign(key.key, request.blinded)
    except BlindSignatureError:
        _refuse(state, path, request, key.wave_id, "damaged")
        return
    if digest in given:
        state.report.again += 1
    else:
        given.add(digest)
        state.new_rows.append((key.wave_id, owner, digest))
        state.report.signed += 1
    state.answers.append((path, SignedTicket(request.name, request.wave, signature)))


def _roster_problem(state: _Pass, key: UnlockedKey, owner: str) -> str | None:
    if key.department_id is None:
        return None
    if owner not in state.names:
        state.names[owner] = account_names(owner)
    departments = {state.members.get(name.casefold()) for name in state.names[owner]}
    departments.discard(None)
    if not departments:
        return "roster"
    return None if departments == {key.department_id} else "department"


def _hr_owner(state: _Pass, key: UnlockedKey) -> str | None:
    """The owner of the wave's published file, which HR's app wrote (cached per wave)."""
    if key.wave_id not in state.hr_owner:
        try:
            state.hr_owner[key.wave_id] = state.owner_of(published_path(state.share, key.wave))
        except OSError:
            state.hr_owner[key.wave_id] = None
    return state.hr_owner[key.wave_id]


def _shared_account(state: _Pass, key: UnlockedKey, owner: str) -> bool:
    """True when ``owner`` is the account HR's own files have.

    On a one-owner share that account is everyone's, so each request gets a ticket. On a
    share that records owners it is HR's own account, and HR holds the ticket key anyway:
    signing HR's own requests more than once gives HR no power it did not have. (A request
    whose owner cannot be read is refused before this is asked.)
    """
    return owner == _hr_owner(state, key)


def _warn(state: _Pass) -> None:
    """Warnings at the end of a pass: one-owner waves, and colleagues asking many times."""
    seen = set()
    for (wave_id, owner), given in state.roll.items():
        key = next((k for k in state.keys.values() if k.wave_id == wave_id), None)
        if key is None or len(given) < ONE_OWNER_MIN or (wave_id, owner) in seen:
            continue
        seen.add((wave_id, owner))
        if _shared_account(state, key, owner):
            state.report.warnings.append(one_owner_warning(key.wave, owner, len(given)))
    for (wave, owner), count in sorted(state.asked_again.items()):
        if count + 1 >= ONE_OWNER_MIN:
            state.report.warnings.append(
                f"Wave {wave}: the account {owner_label(owner)} asked for {count + 1} "
                "tickets; only its first was signed. If this shared folder maps several "
                "people to that one account, ask its administrator to give each person their "
                "own."
            )
    unreadable = state.report.refused.get("owner", 0)
    if unreadable:
        state.report.warnings.append(unknown_owner_warning(unreadable))


def _refuse(state: _Pass, path: Path, request: TicketRequest | None, wave_id, reason: str):
    state.refusals.append((wave_id, reason))
    state.report.refused[reason] = state.report.refused.get(reason, 0) + 1
    if request is None:
        state.answers.append((path, SignedTicket("", "", refused=REFUSALS[reason])))
    else:
        state.answers.append(
            (path, SignedTicket(request.name, request.wave, refused=REFUSALS[reason]))
        )


def _finish_batch(state: _Pass) -> None:
    """Commit the roll, then write the tickets and refusals, then remove the requests."""
    db, today = state.db, date.today().isoformat()
    with db.atomic():
        db.conn.executemany(
            "INSERT OR IGNORE INTO ticket_roll(wave_id, owner, request_hash, day) "
            "VALUES (?, ?, ?, ?)",
            [(w, o, d, today) for w, o, d in state.new_rows],
        )
        for wave_id, reason in state.refusals:
            if wave_id is not None:
                db.execute(
                    "INSERT INTO ticket_refusals(wave_id, reason, count) VALUES (?, ?, 1) "
                    "ON CONFLICT(wave_id, reason) DO UPDATE SET count = count + 1",
                    [wave_id, reason],
                )
    for path, answer in state.answers:
        try:
            if answer is not None and answer.name:
                write_ticket(state.share, answer)
            with contextlib.suppress(FileNotFoundError):
                _remove_request(path)
        except OSError:
            state.report.pending += 1  # signed and on the roll: signed again next time
    state.answers.clear()
    state.new_rows.clear()
    state.refusals.clear()
    for name in (TICKETS, REQUESTS):
        fsync_dir(state.share / name)


def _remove_request(path: Path) -> None:
    info = os.lstat(path)
    if stat.S_ISDIR(info.st_mode):
        return
    os.unlink(path)
