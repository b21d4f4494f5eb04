"""Comment tokens: the opaque ids a file carries instead of the workspace's comment ids.

A comment's id (``comments.id``) is a row number for imported and demo comments, and one
person's comments (one per department they rated) get neighbouring numbers. A file HR
hands to a colleague (``rapport labels suggest``, ``rapport labels export``) therefore
never carries it: each comment is named by a **token**, ``c`` and 16 hex digits (a keyed
BLAKE2b hash of the comment id, 64 bits, under a secret made for this workspace: setting
``comment_token_key``, 32 random bytes). Tokens of one person's comments look no more alike
than any two others, sort in no order of answering, and without the secret cannot be turned
back into ids; ``rapport labels import`` maps them back by computing the token of every
comment HR may see (1.3 s per million comments on a busy machine,
``bench/label_tokens_bench.py``; an HMAC-SHA256 in base32 took 7 s). A token starts with a
letter, so a spreadsheet keeps it as text.

Copies of a workspace made after its first ``rapport labels`` command share the
secret, so a corrections file moves between them.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Iterable

#: The workspace setting that holds the secret (hex).
SETTING = "comment_token_key"
PREFIX = "c"
#: Bytes of the hash: 64 bits, 16 hex digits (two of a million comments share a token
#: with a chance of about 3 in 100 million).
TOKEN_BYTES = 8
#: BLAKE2b's personalisation: these hashes are never those of another use of the secret.
_DOMAIN = b"rapport-token-v1"
_TOKEN = re.compile(rf"{PREFIX}[0-9a-f]{{16}}")


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
    """The token of comment ``comment_id`` under ``secret``: ``c`` and 16 hex digits."""
    return _token(_keyed(secret), comment_id)


def _keyed(secret: bytes) -> hashlib.blake2b:
    return hashlib.blake2b(key=secret, digest_size=TOKEN_BYTES, person=_DOMAIN)


def _token(keyed: hashlib.blake2b, comment_id: int) -> str:
    mac = keyed.copy()  # the key's set-up done once for all of a file's comments
    mac.update(str(int(comment_id)).encode())
    return PREFIX + mac.hexdigest()


def tokens_of(db, ids: Iterable[int]) -> dict[int, str]:
    """The token of each comment id in ``ids`` (the secret is created if new)."""
    keyed = _keyed(token_secret(db))
    return {cid: _token(keyed, cid) for cid in ids}


def is_token(text: str) -> bool:
    """Whether ``text`` (already stripped and lower-cased) has a token's form."""
    return _TOKEN.fullmatch(text) is not None
