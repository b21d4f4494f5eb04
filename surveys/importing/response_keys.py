"""Submission ids for imported responses: keyed hashes, never the tool's own ids.

A response imported from another tool needs a submission id that is the same every time
the same file (or a later export of the same survey) is imported, so that a re-import adds
nothing. The tool's response id would do, but it links the workspace back to the tool's
records, where it sits next to the respondent's e-mail and name. So the id is an HMAC-SHA256
of the response id under a secret made for this workspace (setting ``import_key``, 32
random bytes): the same response always gets the same id, and without the secret an id
cannot be recomputed from a tool's records.

The hashed text is the response id and the response's day (or, when the file has no dates,
its wave), because some tools number responses 1, 2, 3... per form. A tool without
response ids (Google Forms) gets a fingerprint of the response's answers and day instead,
with a counter for identical responses in one file. Identity columns (e-mail, names...)
are never part of what is hashed. The time of day is never part of it either: with the
secret, a guessable id plus the day's 86,400 seconds could otherwise be searched.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from collections.abc import Sequence

#: The workspace setting that holds the secret (hex).
SETTING = "import_key"
PREFIX = "imp-"
#: Hex digits kept of the HMAC: 96 bits, so two responses of one workspace never share an id.
DIGITS = 24
_DOMAIN = b"rapport-import-1\x00"


def workspace_secret(conn: sqlite3.Connection) -> bytes:
    """The workspace's import secret, created (inside the caller's transaction) if new."""
    import json

    row = conn.execute("SELECT value FROM settings WHERE key = ?", (SETTING,)).fetchone()
    if row is not None:
        return bytes.fromhex(json.loads(row[0]))
    secret = secrets.token_bytes(32)
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)", (SETTING, json.dumps(secret.hex()))
    )
    return secret


class ResponseKeys:
    """Make submission ids for the responses of one import.

    Parameters
    ----------
    secret : bytes
        From :func:`workspace_secret`.
    """

    def __init__(self, secret: bytes) -> None:
        self._secret = secret
        self._fingerprints: dict[bytes, int] = {}

    def _hash(self, material: bytes) -> str:
        digest = hmac.new(self._secret, _DOMAIN + material, hashlib.sha256).hexdigest()
        return PREFIX + digest[:DIGITS]

    def from_id(self, response_id: str, scope: str) -> str:
        """The id of the response the tool calls ``response_id`` on day (or wave) ``scope``."""
        return self._hash(b"id\x00" + response_id.strip().encode() + b"\x00" + scope.encode())

    def from_answers(self, cells: Sequence[str], scope: str) -> str:
        """The id of a response without a tool id: its answers, its day, and a counter."""
        body = b"\x1f".join(cell.strip().encode() for cell in cells)
        digest = hashlib.sha256(scope.encode() + b"\x00" + body).digest()
        count = self._fingerprints.get(digest, 0)
        self._fingerprints[digest] = count + 1
        return self._hash(b"row\x00" + digest + b"\x00" + str(count).encode())
