"""Ticket requests and signed tickets as files in the shared folder (both sides).

Standard library only: the respondent's app reads and writes these before it loads
``cryptography``. The protocol is in :mod:`surveys.ticket_client` (respondent) and
:mod:`surveys.ticket_signing` (HR); docs/team-mode.md draws it and docs/formats.md lists the
fields.

- ``SHARE/requests/<name>.request``: a blinded ticket request, written by the respondent's
  app (temporary file, fsync, atomic rename). ``<name>`` is 32 random hex digits.
- ``SHARE/tickets/<name>.ticket``: HR's blind signature for the request of the same name.
- ``SHARE/tickets/<name>.refused``: why HR's app did not sign that request.

Writing any of them twice is harmless: the same name gets the same content, and the signer
gives the same owner the same signature for the same request.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from surveys.inbox import STALE_SECONDS, Refused, is_temporary_name, read_regular
from surveys.transport import REQUESTS, TICKETS, atomic_write, loads_shared, midnight

REQUEST_SUFFIX = ".request"
TICKET_SUFFIX = ".ticket"
REFUSED_SUFFIX = ".refused"
REQUEST_FORMAT = "rapport-ticket-request-1"
TICKET_FORMAT = "rapport-ticket-1"
REFUSAL_FORMAT = "rapport-ticket-refusal-1"
#: The largest request or ticket file read (a 4096-bit request is under 1 KiB).
MAX_FILE = 16 * 1024
NAME = re.compile(r"[0-9a-f]{32}")
KEY_ID = re.compile(r"[0-9a-f]{32}")


class TicketFileError(ValueError):
    """A request or ticket file is not in its format; the message says what is wrong."""


@dataclass(frozen=True)
class TicketRequest:
    """A blinded request: ``wave``, the ticket ``key`` it was blinded with (its id)."""

    name: str
    wave: str
    key: str
    blinded: bytes


@dataclass(frozen=True)
class SignedTicket:
    """HR's answer to a request: the blind signature, or a refusal with its reason."""

    name: str
    wave: str
    blind_signature: bytes = b""
    refused: str = ""


def key_id(public_der: bytes) -> str:
    """The id of a ticket public key (DER): the first 32 hex digits of its SHA-256."""
    import hashlib

    return hashlib.sha256(public_der).hexdigest()[:32]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, field: str) -> bytes:
    if type(text) is not str:
        raise TicketFileError(f"{field}: not text")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise TicketFileError(f"{field}: not base64") from None


def read_small(path: Path, while_open=None) -> bytes:  # noqa: ANN001 - see read_regular
    """A regular file of at most :data:`MAX_FILE` bytes, never following a link.

    ``while_open(info)`` is called before the file is closed
    (:func:`surveys.inbox.read_regular`).

    Raises
    ------
    TicketFileError
        A link, not a regular file, or too large (:func:`surveys.inbox.read_regular`).
    OSError
        It cannot be read (``FileNotFoundError`` when it went away).
    """
    try:
        return read_regular(path, MAX_FILE, "a ticket file", while_open=while_open)
    except Refused as exc:
        raise TicketFileError(str(exc)) from None


def _json(data: bytes, expected: str) -> dict:
    try:
        record = loads_shared(data.decode("utf-8"))  # even 16 KiB of "[[[[..."
    except (UnicodeDecodeError, ValueError):
        raise TicketFileError("it is not JSON text") from None
    if type(record) is not dict or record.get("format") != expected:
        raise TicketFileError(f"it is not a {expected} file")
    if type(record.get("wave")) is not str or not 0 < len(record["wave"]) <= 64:
        raise TicketFileError("wave: missing or malformed")
    return record


def request_path(share: str | Path, name: str) -> Path:
    """Where the request ``name`` lives in ``share``."""
    return Path(share) / REQUESTS / f"{name}{REQUEST_SUFFIX}"


def ticket_path(share: str | Path, name: str, refused: bool = False) -> Path:
    """Where HR's answer to the request ``name`` lives in ``share``."""
    return Path(share) / TICKETS / f"{name}{REFUSED_SUFFIX if refused else TICKET_SUFFIX}"


def write_request(share: str | Path, request: TicketRequest) -> Path:
    """Write ``request`` into ``SHARE/requests/`` crash-safely, with midnight's times.

    Raises
    ------
    OSError
        The folder is missing or cannot be written (the caller tries again later).
    """
    record = {
        "format": REQUEST_FORMAT,
        "wave": request.wave,
        "key": request.key,
        "blinded": _b64(request.blinded),
    }
    path = request_path(share, request.name)
    atomic_write(path, json.dumps(record).encode("utf-8"), mtime=midnight())
    return path


def parse_request(name: str, data: bytes) -> TicketRequest:
    """The request in a file's bytes, checked.

    Raises
    ------
    TicketFileError
        Saying which field is wrong.
    """
    if not NAME.fullmatch(name):
        raise TicketFileError("its name is not 32 hex digits")
    record = _json(data, REQUEST_FORMAT)
    if type(record.get("key")) is not str or not KEY_ID.fullmatch(record["key"]):
        raise TicketFileError("key: missing or malformed")
    blinded = _unb64(record.get("blinded"), "blinded")
    if not 0 < len(blinded) <= 1024:
        raise TicketFileError("blinded: wrong length")
    return TicketRequest(name, record["wave"], record["key"], blinded)


def write_ticket(share: str | Path, ticket: SignedTicket) -> Path:
    """Write HR's answer (a signature or a refusal) into ``SHARE/tickets/`` crash-safely."""
    if ticket.refused:
        record = {"format": REFUSAL_FORMAT, "wave": ticket.wave, "reason": ticket.refused}
    else:
        record = {
            "format": TICKET_FORMAT,
            "wave": ticket.wave,
            "blind_signature": _b64(ticket.blind_signature),
        }
    path = ticket_path(share, ticket.name, refused=bool(ticket.refused))
    atomic_write(path, json.dumps(record).encode("utf-8"), mtime=midnight())
    return path


def read_ticket(share: str | Path, name: str) -> SignedTicket | None:
    """HR's answer to the request ``name``, or ``None`` while there is none.

    Raises
    ------
    TicketFileError
        The file is there but damaged.
    OSError
        The folder cannot be read.
    """
    try:
        data = read_small(ticket_path(share, name))
    except FileNotFoundError:
        pass
    else:
        record = _json(data, TICKET_FORMAT)
        return SignedTicket(name, record["wave"], _unb64(record.get("blind_signature"), "sig"))
    try:
        data = read_small(ticket_path(share, name, refused=True))
    except FileNotFoundError:
        return None
    record = _json(data, REFUSAL_FORMAT)
    reason = record.get("reason")
    return SignedTicket(name, record["wave"], refused=str(reason)[:500] or "refused")


def remove_stale_temporaries(share: Path, stale_after: float = STALE_SECONDS) -> int:
    """Remove respondents' unfinished request files left by a crash (never read); return how
    many. The respondent's app writes its request again under its final name."""
    removed = 0
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(share / REQUESTS) as found:
        for entry in found:
            if not is_temporary_name(entry.name):
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_ctime >= stale_after:
                    os.unlink(entry.path)
                    removed += 1
    return removed


def list_requests(share: Path) -> list[Path]:
    """The request files waiting in ``SHARE/requests/``, by name (never by time)."""
    folder = share / REQUESTS
    try:
        with os.scandir(folder) as found:
            return sorted(
                Path(e.path)
                for e in found
                if e.name.endswith(REQUEST_SUFFIX)
                and not e.name.startswith(".")
                and not _is_folder(e)  # never removed, it would be refused on every pass
            )
    except FileNotFoundError:
        return []


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False
