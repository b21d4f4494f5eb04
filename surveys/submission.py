"""A respondent's answers for one wave, as they travel from the wizard to the workspace.

A :class:`Submission` names no person and no machine. Its ``id`` is random; its ``token``
is the participation token (an HMAC of the wave under a secret that exists only on the
respondent's machine), which lets HR replace a second answer from the same person in the
same wave while linking nothing across waves. Its ``counter`` is the answer's place in the
order this machine answered the wave (1, 2, ...): of two answers with the same token, the
higher counter is the newer one, whatever order the files arrive in. Its ``receipt`` is the
hash of a receipt code that only the respondent holds (:mod:`surveys.receipts`). Its
``ticket`` (team mode) is the participation ticket that HR's app blind-signed: the prepared
ticket message and its RSASSA-PSS signature, both base64 (:mod:`surveys.ticket_client`).

The sealed file holds :meth:`Submission.to_dict` as JSON, with ``"schema":``
:data:`SCHEMA_VERSION`. Reading it back is strict: :func:`surveys.submission_schema.
parse_submission`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

#: The version of the sealed plaintext this Rapport writes. 1: the first format (no
#: ``schema`` field, no ``counter``); 2: adds ``schema`` and ``counter``; 3: adds the
#: optional ``ticket``.
SCHEMA_VERSION = 3


class Answer(NamedTuple):
    """One numeric answer: the respondent's department rates ``target`` on ``item``.

    A named tuple rather than a frozen dataclass: a submission holds dozens, and ingest
    builds thousands a second (a frozen dataclass costs several times as much to make).
    """

    target: str
    item: str
    value: int


class Comment(NamedTuple):
    """The free-text answer about one target department."""

    target: str
    text: str


def _new_id() -> str:
    import secrets  # lazy: loads OpenSSL, not needed at start-up

    return secrets.token_hex(16)


@dataclass(frozen=True)
class Submission:
    """Everything one respondent answered in one wave."""

    wave: str
    department: str
    day: str  # YYYY-MM-DD, never finer
    answers: tuple[Answer, ...]
    comments: tuple[Comment, ...] = ()
    token: str | None = None
    id: str = field(default_factory=_new_id)
    #: SHA-256 of the respondent's receipt code (:func:`surveys.receipts.receipt_hash`).
    receipt: str | None = None
    #: This machine's answer order within the wave (0: not known, e.g. a schema-1 file).
    counter: int = 0
    #: ``(message, signature)``, base64: the blind-signed participation ticket, or ``None``.
    ticket: tuple[str, str] | None = None

    @property
    def targets(self) -> list[str]:
        """The departments rated, in first-answered order."""
        seen: dict[str, None] = {}
        for a in self.answers:
            seen.setdefault(a.target)
        for c in self.comments:
            seen.setdefault(c.target)
        return list(seen)

    def to_dict(self) -> dict:
        """Plain data for the sealed file (``receipt``, ``ticket`` only when there is one)."""
        data = {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "wave": self.wave,
            "department": self.department,
            "day": self.day,
            "token": self.token,
            "counter": self.counter,
            "answers": [[a.target, a.item, a.value] for a in self.answers],
            "comments": [[c.target, c.text] for c in self.comments],
        }
        if self.receipt is not None:
            data["receipt"] = self.receipt
        if self.ticket is not None:
            data["ticket"] = list(self.ticket)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Submission:
        """Inverse of :meth:`to_dict`, checked against the schema.

        Raises
        ------
        SubmissionError
            If ``data`` is not a submission of a schema this Rapport knows
            (:func:`surveys.submission_schema.submission_from_data`).
        """
        from surveys.submission_schema import submission_from_data

        return submission_from_data(data)
