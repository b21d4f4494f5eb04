"""Checking the participation ticket inside a sealed submission (ingest, HR side).

A wave published with ticket keys (:mod:`surveys.ticket_keys`) takes from the shared folder
only submissions that carry a valid ticket: a message and an RSASSA-PSS signature (SHA-384,
MGF1-SHA-384, 48-byte salt: RFC 9474's RSABSSA-SHA384-PSS-Randomized) that verifies with the
wave's ticket public key, or, in roster mode, with the key of the department the submission
declares. Verification is ``cryptography``'s standard one (:func:`surveys.blind_rsa.verify`).

A valid ticket becomes the submission's participation token: the SHA-256 of the ticket
message. So one ticket counts once, and a newer submission with the same ticket replaces the
older one by its answer counter (:mod:`surveys.intake`). The token says nothing about who
holds the ticket: HR signed a blinded value it cannot relate to the message.

Public API: :class:`TicketChecker` ``(db)``; :meth:`TicketChecker.token` ``(sub, wave_id,
department_id) -> str | None``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from sqlite_utils import Database

from surveys.blind_rsa import BlindSignatureError, verify
from surveys.errors import SubmissionError
from surveys.submission import Submission
from surveys.ticket_keys import public_keys

NO_TICKET = "no valid ticket"


class TicketChecker:
    """The ticket keys of a workspace's waves, loaded once for a run of ingest.

    Parameters
    ----------
    db : Database
        The open workspace.
    """

    def __init__(self, db: Database) -> None:
        self.keys = public_keys(db)

    def required(self, wave_id: int) -> bool:
        """True if ``wave_id`` was published with ticket keys."""
        return wave_id in self.keys

    def token(self, sub: Submission, wave_id: int, department_id: int) -> str | None:
        """The participation token of ``sub``'s valid ticket, or ``None`` for a wave
        that takes no tickets.

        Raises
        ------
        SubmissionError
            ``no valid ticket: ...`` when the wave takes tickets and ``sub`` carries none,
            a malformed one, or one whose signature does not verify with the wave's key
            (a forgery, a changed ticket, one from another wave or department).
        """
        keys = self.keys.get(wave_id)
        if keys is None:
            return None
        if sub.ticket is None:
            raise SubmissionError(
                f"{NO_TICKET}: it carries no participation ticket, and this wave takes only "
                "answers with one (from a Rapport that requested a ticket)"
            )
        try:
            message, signature = (base64.b64decode(part, validate=True) for part in sub.ticket)
        except (binascii.Error, ValueError):
            raise SubmissionError(f"{NO_TICKET}: the ticket is not base64") from None
        candidates = [k for k in keys.values() if k.department_id in (None, department_id)]
        for candidate in candidates:
            try:
                verify(candidate.key, message, signature)
            except BlindSignatureError:
                continue
            return hashlib.sha256(b"rapport-ticket\x00" + message).hexdigest()
        raise SubmissionError(
            f"{NO_TICKET}: its signature does not verify with this wave's ticket key"
            + (" for the department it names" if len(keys) > 1 else "")
            + " (forged, changed, or from another wave)"
        )
