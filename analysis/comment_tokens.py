"""Comment tokens: the opaque ids a file carries instead of the workspace's comment ids.

A comment's id (``comments.id``) is a row number for imported and demo comments, and one
person's comments (one per department they rated) get neighbouring numbers. A file HR
hands to a colleague (``rapport labels suggest``, ``rapport labels export``) therefore
never carries it: each comment is named by a **token**, ``c`` and 16 letters and digits
(base32 of the first 80 bits of an HMAC-SHA256 of the comment id under a secret made for
this workspace, setting ``comment_token_key``, 32 random bytes). Tokens of one person's
comments look no more alike than any two others, sort in no order of answering, and
without the secret cannot be turned back into ids; ``rapport labels import`` maps them back
by computing the token of every comment HR may see. A token starts with a letter and mixes
letters and digits, so a spreadsheet keeps it as text.

Copies of a workspace made after its first ``labels suggest`` or ``export`` share the
secret, so a corrections file moves between them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Iterable

#: The workspace setting that holds the secret (hex).
SETTING = "comment_token_key"
PREFIX = "c"
#: Bytes of the HMAC kept: 80 bits, 16 base32 characters.
TOKEN_BYTES = 10
_DOMAIN = b"rapport-comment-token-1\x00"
_TOKEN = re.compile(rf"{PREFIX}[a-z2-7]{{16}}")


def token_secret(db) -> bytes:
    """The workspace's token secret, created (and committed) on first use.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    """
    row = db.execute("SELECT value FROM settings WHERE key = ?", [SETTING]).fetchone()
    if row is None:
        with db.atomic():
            db.execute(
                "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
                [SETTING, json.dumps(secrets.token_bytes(32).hex())],
            )
        row = db.execute("SELECT value FROM settings WHERE key = ?", [SETTING]).fetchone()
    return bytes.fromhex(json.loads(row[0]))


def comment_token(secret: bytes, comment_id: int) -> str:
    """The token of comment ``comment_id`` under ``secret``: ``c`` and 16 of ``a-z2-7``."""
    return _token(hmac.new(secret, _DOMAIN, hashlib.sha256), comment_id)


def _token(keyed: hmac.HMAC, comment_id: int) -> str:
    mac = keyed.copy()  # the key's set-up done once for all of a file's comments
    mac.update(str(int(comment_id)).encode())
    return PREFIX + base64.b32encode(mac.digest()[:TOKEN_BYTES]).decode().lower()


def tokens_of(db, ids: Iterable[int]) -> dict[int, str]:
    """The token of each comment id in ``ids`` (the secret is created if new)."""
    keyed = hmac.new(token_secret(db), _DOMAIN, hashlib.sha256)
    return {cid: _token(keyed, cid) for cid in ids}


def is_token(text: str) -> bool:
    """Whether ``text`` (already stripped and lower-cased) has a token's form."""
    return _TOKEN.fullmatch(text) is not None
