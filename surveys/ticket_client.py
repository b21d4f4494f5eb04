"""The respondent's participation ticket for a wave: request, pick up, unblind.

As soon as the respondent's app notices a wave with ticket keys (not when the person
answers, so the time of the request says nothing about the answer), it:

1. makes a random ticket (32 bytes), prepares it (RFC 9474, RSABSSA-SHA384-PSS-Randomized:
   a random 32-byte prefix) and blinds it with the wave's ticket public key (the key of the
   respondent's department when the wave has department keys);
2. keeps the ticket, the blinding inverse and the request's random name in
   ``user_data_dir()/tickets/`` (mode 0600, written atomically) *before* anything leaves
   the computer, then writes the blinded request to ``SHARE/requests/``
   (:mod:`surveys.ticket_files`). A crash in between writes the same request again later;
3. picks up HR's blind signature from ``SHARE/tickets/`` when it is there, unblinds and
   checks it (:func:`surveys.blind_rsa.finalize`), keeps the signature and forgets the
   blinding inverse and the blinded request, which are no longer needed.

The finished ticket (message and signature) goes inside every sealed submission for the
wave (:mod:`surveys.ticket_wait`). HR saw only the blinded value, so it cannot tell which
request a ticket came from.

Once the wave has closed, the ticket state is deleted (:func:`forget_ticket`, called by
:func:`surveys.ticket_wait.settle_waiting`): it is of no use any more, and a finished ticket
is the one thing on this computer that matches a stored answer.

Public API: :func:`request_ticket`, :func:`pick_up`, :func:`finished_ticket`,
:func:`local_ticket`, :func:`local_ticket_waves`, :func:`forget_ticket`.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import secrets
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.paths import user_data_dir
from surveys.ticket_files import (
    TicketFileError,
    TicketRequest,
    key_id,
    read_ticket,
    request_path,
    ticket_path,
    write_request,
)
from surveys.transport import atomic_write

if TYPE_CHECKING:
    from surveys.published import PublishedSurvey

TICKETS_DIR = "tickets"
MESSAGE_BYTES = 32


@dataclass(frozen=True)
class LocalTicket:
    """This computer's ticket for one wave (base64 fields; ``inv`` in hex).

    ``signature`` is set once the ticket is finished; ``inv`` and ``blinded`` are cleared
    then. ``refused`` holds HR's reason when the request was refused.
    """

    wave: str
    key: str
    request: str
    prepared: str
    inv: str = ""
    blinded: str = ""
    signature: str = ""
    refused: str = ""


def _path(wave: str) -> Path:
    name = hashlib.sha256(wave.encode("utf-8")).hexdigest()[:32]
    return user_data_dir() / TICKETS_DIR / f"{name}.json"


def local_ticket(wave: str) -> LocalTicket | None:
    """This computer's ticket state for ``wave``, or ``None``."""
    try:
        data = json.loads(_path(wave).read_text(encoding="utf-8"))
        ticket = LocalTicket(**data)
    except (OSError, ValueError, TypeError):
        return None
    return ticket if ticket.wave == wave else None


def local_ticket_waves() -> list[str]:
    """The waves this computer keeps ticket state for."""
    waves = []
    with contextlib.suppress(OSError):
        for path in sorted((user_data_dir() / TICKETS_DIR).glob("*.json")):
            with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
                wave = json.loads(path.read_text(encoding="utf-8"))["wave"]
                if isinstance(wave, str) and _path(wave) == path:
                    waves.append(wave)
    return waves


def forget_ticket(wave: str) -> None:
    """Delete this computer's ticket state for ``wave`` (its wave has closed)."""
    with contextlib.suppress(FileNotFoundError):
        _path(wave).unlink()


def _save(ticket: LocalTicket) -> None:
    path = _path(ticket.wave)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps(asdict(ticket)).encode("utf-8"), mode=0o600)


def finished_ticket(wave: str) -> tuple[str, str] | None:
    """``(message, signature)`` in base64 for a submission, or ``None`` while unfinished."""
    ticket = local_ticket(wave)
    if ticket is None or not ticket.signature:
        return None
    return ticket.prepared, ticket.signature


def request_ticket(
    published: PublishedSurvey, share: str | Path | None, department: str
) -> LocalTicket | None:
    """Make (once) and send (again, if it is not on the share) this wave's ticket request.

    Parameters
    ----------
    published : PublishedSurvey
        The wave, with its ticket keys.
    share : path or None
        The shared folder; when it cannot be written the request is sent on a later call.
    department : str
        The respondent's department (chooses the key when the wave has department keys).

    Returns
    -------
    LocalTicket or None
        ``None`` when the wave takes no tickets (or none for ``department``).

    Raises
    ------
    OSError
        Only if the user's own Rapport folder cannot be written.
    """
    choice = published.ticket_key_for(department)
    if choice is None:
        return None
    _name, der = choice
    kid = key_id(der)
    ticket = local_ticket(published.wave)
    if ticket is None or (ticket.key != kid and not ticket.signature):
        ticket = _new_ticket(published.wave, der, kid)
        _save(ticket)  # before anything leaves this computer
    if ticket.signature or ticket.refused or share is None:
        return ticket
    with contextlib.suppress(OSError):
        answered = ticket_path(share, ticket.request).exists()
        answered = answered or ticket_path(share, ticket.request, refused=True).exists()
        if not answered and not request_path(share, ticket.request).exists():
            write_request(
                share,
                TicketRequest(
                    ticket.request, ticket.wave, ticket.key, base64.b64decode(ticket.blinded)
                ),
            )
    return ticket


def _new_ticket(wave: str, der: bytes, kid: str) -> LocalTicket:
    from surveys.blind_rsa import blind, load_public_key, prepare

    public = load_public_key(der)
    prepared = prepare(secrets.token_bytes(MESSAGE_BYTES))
    blinded, inv = blind(public, prepared)
    return LocalTicket(
        wave=wave,
        key=kid,
        request=secrets.token_hex(16),
        prepared=base64.b64encode(prepared).decode(),
        inv=format(inv, "x"),
        blinded=base64.b64encode(blinded).decode(),
    )


def pick_up(published: PublishedSurvey, share: str | Path | None) -> LocalTicket | None:
    """Finish this wave's ticket if HR's signature (or refusal) is on the share.

    Returns
    -------
    LocalTicket or None
        The ticket state after this call (``None``: no request was made yet).
    """
    ticket = local_ticket(published.wave)
    if ticket is None or ticket.signature or ticket.refused or share is None:
        return ticket
    try:
        answer = read_ticket(share, ticket.request)
    except (OSError, TicketFileError):
        return ticket  # not readable now: try again later
    if answer is None:
        return ticket
    if answer.refused:
        ticket = replace(ticket, refused=answer.refused)
    else:
        signature = _finalize(published, ticket, answer.blind_signature)
        if signature is None:  # damaged on the way: ask again; HR signs it again
            with contextlib.suppress(OSError):
                blinded = base64.b64decode(ticket.blinded)
                again = TicketRequest(ticket.request, ticket.wave, ticket.key, blinded)
                write_request(share, again)
            return ticket
        ticket = replace(ticket, signature=signature, inv="", blinded="")
    _save(ticket)
    return ticket


def _finalize(published: PublishedSurvey, ticket: LocalTicket, blind_sig: bytes) -> str | None:
    from surveys.blind_rsa import BlindSignatureError, finalize, load_public_key

    keys = {key_id(der): der for der in published.ticket_keys.values()}
    der = keys.get(ticket.key)
    if der is None:
        return None
    try:
        signature = finalize(
            load_public_key(der),
            base64.b64decode(ticket.prepared),
            blind_sig,
            int(ticket.inv, 16),
        )
    except (BlindSignatureError, ValueError):
        return None  # a damaged ticket file: HR's app writes it again
    return base64.b64encode(signature).decode()
