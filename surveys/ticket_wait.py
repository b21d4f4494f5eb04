"""Delivering an answer with its ticket, and answers that wait for their ticket.

A person may answer before HR's app has signed their ticket. The answer then waits on
this computer in ``user_data_dir()/waiting/`` (mode 0600), encrypted with ChaCha20-Poly1305
under the same local key as drafts (:mod:`surveys.drafts`), until the ticket arrives; then
it gets the ticket, is sealed to the workspace key and goes through the outbox like any
answer (:mod:`surveys.outbox`). The waiting file and the outbox file have the same random
name, so the respondent's log (:mod:`surveys.receipts`) follows an answer throughout.

Crash safety: the sealed copy is written to the outbox (atomically) *before* the waiting
file is removed; a crash in between delivers the same submission twice, which ingest takes
once (same submission id).

An answer never waits silently for a ticket that cannot come (:func:`settle_waiting`):
once HR's app has refused this computer's ticket, or the wave has closed (its published
file is gone from a shared folder that can be read), the answer could never be counted.
It is deleted from this computer and the person's log notes why
(:func:`surveys.receipts.mark_not_sent`, before the file goes, so a crash in between only
repeats the step); the app tells the person in a notice, and "Your answers" keeps saying
"Not sent" with the reason. The ticket state of a closed wave is deleted too. An answer
made after the refusal, or after the wave closed, is not kept at all: the thank-you page
says so (``"refused"`` / ``"closed"``).

Public API: :func:`deliver_ticketed`, :func:`refresh_tickets`, :func:`settle_waiting`,
:func:`release_waiting`, :func:`waiting_dir`, :func:`waiting_names`.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.outbox import (
    DeliveryResult,
    _flush,
    _inbox,
    _sealed_bytes,
    held_names,
    mark_answered,
    next_counter,
    outbox_dir,
    participation_token,
)
from surveys.outbox_hold import Hold, set_due
from surveys.paths import user_data_dir
from surveys.receipts import CLOSED, REFUSED, mark_not_sent
from surveys.ticket_client import (
    finished_ticket,
    forget_ticket,
    local_ticket,
    local_ticket_waves,
    pick_up,
    request_ticket,
)
from surveys.transport import atomic_write, random_submission_name

if TYPE_CHECKING:
    from surveys.published import PublishedSurvey
    from surveys.submission import Submission

WAITING_DIR = "waiting"
_FORMAT = b"RAPPORT-WAITING-1\n"
_NONCE = 12
#: What a waiting answer waits for (``AnswerState.waiting_for``).
WAITING_FOR_TICKET = "ticket"


def waiting_dir() -> Path:
    """The folder of answers waiting for their ticket (created on first use)."""
    folder = user_data_dir() / WAITING_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def waiting_names() -> set[str]:
    """The names of the answers waiting for a ticket."""
    with contextlib.suppress(OSError):
        return {p.name for p in waiting_dir().iterdir() if not p.name.startswith(".")}
    return set()


def _hold(submission: Submission, name: str) -> Path:
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    from surveys.drafts import _key

    plain = json.dumps(submission.to_dict(), ensure_ascii=False).encode("utf-8")
    nonce = os.urandom(_NONCE)
    blob = _FORMAT + nonce + ChaCha20Poly1305(_key()).encrypt(nonce, plain, _FORMAT)
    path = waiting_dir() / name
    atomic_write(path, blob, mode=0o600)
    return path


def _read_held(path: Path) -> Submission | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    from surveys.drafts import _key
    from surveys.errors import SubmissionError
    from surveys.submission import Submission

    try:
        blob = path.read_bytes()
        if not blob.startswith(_FORMAT):
            return None
        nonce = blob[len(_FORMAT) : len(_FORMAT) + _NONCE]
        plain = ChaCha20Poly1305(_key()).decrypt(nonce, blob[len(_FORMAT) + _NONCE :], _FORMAT)
        return Submission.from_dict(json.loads(plain.decode("utf-8")))
    except (OSError, InvalidTag, ValueError, SubmissionError):
        return None


def deliver_ticketed(
    submission: Submission,
    published: PublishedSurvey,
    share: str | Path | None,
    department: str,
    hold: Hold | None = None,
) -> DeliveryResult:
    """Deliver ``submission`` with this computer's ticket, or keep it until the ticket comes.

    For a wave without ticket keys this is :func:`surveys.outbox.deliver` (``hold``: how
    long the sealed answer waits in the outbox, :mod:`surveys.outbox_hold`).

    Returns
    -------
    DeliveryResult
        ``"delivered"``, ``"held"`` (waits in the outbox for its due time), ``"queued"``
        (the share is away) or ``"waiting"`` (no ticket yet;
        the path is the waiting file, whose name the outbox copy keeps); ``"refused"`` (HR's
        app refused this computer's ticket; ``reason`` says why) or ``"closed"`` (the wave
        closed meanwhile): then nothing is kept.
    """
    from surveys.outbox import deliver

    if request_ticket(published, share, department) is None:
        return deliver(submission, published, share, hold)
    ticket_state = pick_up(published, share)
    ticket = finished_ticket(published.wave)
    if ticket is not None:
        return deliver(replace(submission, ticket=ticket), published, share, hold)
    if ticket_state is not None and ticket_state.refused:
        return DeliveryResult("refused", None, ticket_state.refused)
    if published.wave in closed_waves(share, {published.wave}):
        return DeliveryResult("closed", None)
    if submission.token is None:
        submission = replace(submission, token=participation_token(submission.wave))
    if submission.counter == 0:
        submission = replace(submission, counter=next_counter(submission.wave))
    path = _hold(submission, random_submission_name())
    mark_answered(submission.wave)
    return DeliveryResult("waiting", path)


def refresh_tickets(share: str | Path | None, department: str) -> None:
    """Request (and pick up) the tickets of every open wave with ticket keys, and pick up
    those requested before HR stopped a wave's answers.

    The respondent's app calls this as soon as it notices a wave, and on every retry.
    """
    from surveys.published import list_delivering_surveys

    if share is None:
        return
    for published in list_delivering_surveys(share):
        with contextlib.suppress(OSError):
            # No new request once HR stopped the wave's answers; one made before the stop
            # is still sent and picked up, for an answer given then that waits for it.
            if published.stopped is not None and local_ticket(published.wave) is None:
                continue
            if request_ticket(published, share, department) is not None:
                pick_up(published, share)


def closed_waves(share: str | Path | None, waves: set[str]) -> set[str]:
    """Those of ``waves`` that have closed: ``SHARE/published/`` can be listed and their
    file is not in it. A share that cannot be read decides nothing (an empty set)."""
    from surveys.published import published_path
    from surveys.transport import PUBLISHED

    if share is None or not waves:
        return set()
    try:
        if not (Path(share) / PUBLISHED).is_dir():
            return set()
    except OSError:
        return set()
    closed = set()
    for wave in waves:
        try:
            os.stat(published_path(share, wave))
        except FileNotFoundError:
            closed.add(wave)
        except (OSError, ValueError):
            continue
    return closed


def settle_waiting(share: str | Path | None) -> list[str]:
    """Drop the waiting answers whose ticket will never come; forget closed waves' tickets.

    Parameters
    ----------
    share : path or None
        The shared folder; only one that can be read says that a wave has closed.

    Returns
    -------
    list of str
        The names of the answers dropped (the log says why: :data:`~surveys.receipts.REFUSED`
        or :data:`~surveys.receipts.CLOSED`).

    Raises
    ------
    OSError
        If the log cannot be written (nothing is dropped then).
    """
    held = []
    for path in sorted(waiting_dir().iterdir()):
        if not path.name.startswith("."):
            sub = _read_held(path)
            if sub is not None:
                held.append((path, sub.wave))
    closed = closed_waves(share, {w for _p, w in held} | set(local_ticket_waves()))
    marks: dict[str, tuple[str, str]] = {}
    for path, wave in held:
        ticket = local_ticket(wave)
        if wave in closed:
            marks[path.name] = (CLOSED, "")
        elif ticket is not None and ticket.refused:
            marks[path.name] = (REFUSED, ticket.refused)
    if marks:
        mark_not_sent(marks)  # first: a crash after it only repeats what follows
        for name in marks:
            with contextlib.suppress(FileNotFoundError):
                (waiting_dir() / name).unlink()
    for wave in closed:
        forget_ticket(wave)
    return sorted(marks)


def release_waiting(share: str | Path | None, hold: Hold | None = None) -> list[str]:
    """Give waiting answers their finished tickets, seal them into the outbox, flush it.

    With ``hold``, each released answer waits in the outbox for its own due time
    (:mod:`surveys.outbox_hold`) like an answer sealed at Send.

    Returns
    -------
    list of str
        The names of the answers that left the waiting folder (now in the outbox, or
        delivered).
    """
    released = []
    held = []
    for path in sorted(waiting_dir().iterdir()):
        if path.name.startswith("."):
            continue
        sub = _read_held(path)
        if sub is None:
            continue
        held.append((sub.counter, path.name, path, sub))
    published = _published_by_wave(share) if held else {}
    for _counter, name, path, sub in sorted(held):  # the older answer goes out first
        ticket = finished_ticket(sub.wave)
        survey = published.get(sub.wave)
        if ticket is None or survey is None:
            continue
        sealed = _sealed_bytes(replace(sub, ticket=ticket), survey.public_key)
        if hold is not None:
            set_due(
                name,
                hold.due(survey.closes, survey.stopped_at),
                [*held_names(), *released],
            )
        atomic_write(outbox_dir() / name, sealed, mode=0o600)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        released.append(name)
    if released:
        _flush(_inbox(share), None if hold is None else hold.clock())
    return released


def _published_by_wave(share: str | Path | None) -> dict[str, PublishedSurvey]:
    """The surveys answers may still go to, by wave (:func:`surveys.key_pins.trusted_surveys`:
    open or stopped by HR, and none while one is sealed to an unknown key, so the answers
    that waited for their ticket keep waiting until the person has cleared it up with HR)."""
    from surveys.key_pins import trusted_surveys

    if share is None:
        return {}
    return {p.wave: p for p in trusted_surveys(share)}
