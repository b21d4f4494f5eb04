"""HR's signature on published surveys: the workspace's Ed25519 signing key (HR side).

A colleague who may write to ``SHARE/published/`` could keep the sealing key and change a
survey's words. Every file HR's app publishes is therefore signed (schema 2 of the
published format, :mod:`surveys.published`): it carries the workspace's signing public key
and an Ed25519 signature over its canonical form
(:func:`surveys.published.signed_message`); respondents' apps pin the signing key with the
sealing key and refuse a file whose signature does not verify
(:mod:`surveys.survey_signature`).

Where the private half lives: in the workspace database (setting ``signing_key``), made in
the transaction of the first publish and kept for good, like the sealing key. The database
is HR's alone (mode 0600) and already holds every answer in the clear, so whoever can read
it has more than a forged survey would give them; encrypting the key under the
passphrase would protect nothing more, and would force a passphrase prompt on the writes
that need none today: stopping a wave's answers (HR window, ``rapport close``) and ingest
signing a wave an earlier Rapport published (:func:`sign_open_copies`).

Public API: :data:`SETTING`, :func:`signing_key`, :func:`signing_public_key`,
:func:`signed_file`, :func:`next_sequence`, :func:`last_sequence`,
:func:`sign_open_copies`.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlite_utils import Database

from surveys.published import signed_message
from surveys.store import get_setting, set_setting

#: The workspace setting that holds the signing key (``{"private": base64 of 32 bytes}``).
SETTING = "signing_key"
#: The workspace setting that holds the last ``sequence`` a signed file carried.
SEQUENCE = "published_sequence"


def signing_key(db: Database) -> Ed25519PrivateKey:
    """The workspace's signing key, made (inside the caller's transaction) on first use.

    Raises
    ------
    ValueError
        If the setting holds something that is not a signing key (a damaged workspace).
    """
    stored = get_setting(db, SETTING)
    if isinstance(stored, dict) and isinstance(stored.get("private"), str):
        raw = base64.b64decode(stored["private"], validate=True)
        return Ed25519PrivateKey.from_private_bytes(raw)
    if stored is not None:
        raise ValueError(f"the workspace setting {SETTING!r} is not a signing key")
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes_raw()
    set_setting(db, SETTING, {"private": base64.b64encode(raw).decode()})
    return key


def signing_public_key(db: Database) -> bytes | None:
    """The raw public half of the workspace's signing key; ``None`` before the first
    publish (nothing is made here)."""
    stored = get_setting(db, SETTING)
    if not isinstance(stored, dict) or not isinstance(stored.get("private"), str):
        return None
    raw = base64.b64decode(stored["private"], validate=True)
    return _public(Ed25519PrivateKey.from_private_bytes(raw))


def _public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def signed_file(db: Database, data: dict, past: int = 0) -> bytes:
    """The published file of ``data`` (:meth:`PublishedSurvey.to_dict`) with the workspace's
    signing key and signature added, as the bytes to write; its ``sequence`` is past
    ``past`` too (:func:`next_sequence`)."""
    key = signing_key(db)
    body = {k: v for k, v in data.items() if k not in ("signing_key", "signature")}
    body["schema"] = max(2, int(body.get("schema", 1)))
    body["sequence"] = next_sequence(db, past)
    body["signing_key"] = base64.b64encode(_public(key)).decode()
    body["signature"] = base64.b64encode(key.sign(signed_message(body))).decode()
    return json.dumps(body, indent=2, ensure_ascii=False).encode("utf-8")


def next_sequence(db: Database, past: int = 0) -> int:
    """The ``sequence`` of the next file signed (stored, in the caller's transaction).

    Respondents' apps refuse a wave's file whose sequence is lower than one they read
    before (:mod:`surveys.survey_signature`), so it must never go back: it is the time in
    milliseconds, or one more than the last when the clock is behind it (a clock put
    back), and more than ``past`` (a later file this workspace signed, found on the share
    after the workspace was restored from a backup: :mod:`surveys.published_check`).
    """
    import time

    sequence = max(last_sequence(db) + 1, past + 1, int(time.time() * 1000))
    set_setting(db, SEQUENCE, sequence)
    return sequence


def last_sequence(db: Database) -> int:
    """The ``sequence`` of the last file this workspace signed, as it remembers (0: none,
    or a damaged setting)."""
    last = get_setting(db, SEQUENCE, 0)
    return last if isinstance(last, int) and not isinstance(last, bool) else 0


def sign_open_copies(db: Database, share: str | Path) -> list[str]:
    """Sign the files of open waves an earlier Rapport published unsigned, in ``share``.

    Once a respondent's app has pinned the signing key it refuses an unsigned survey, so a
    wave still open from before the upgrade must be signed too: HR's copy
    (:mod:`surveys.published_check`) gets the signature and is written over the file on the
    share. Waves without a copy, or whose file is not on the share, are left alone.

    Returns
    -------
    list of str
        The waves signed now.

    Raises
    ------
    OSError
        If a file cannot be written.
    """
    from surveys.published import published_path
    from surveys.published_check import hr_copy, remember_published
    from surveys.transport import atomic_write

    signed = []
    rows = db.execute("SELECT name FROM waves WHERE status = 'open' ORDER BY name").fetchall()
    for (wave,) in rows:
        mine = hr_copy(db, share, wave)
        path = published_path(share, wave)
        if mine is None or not os.path.lexists(path):
            continue
        data = json.loads(mine)
        if "signature" in data:
            continue
        with db.atomic():
            new = signed_file(db, data)
            atomic_write(path, new)
            remember_published(db, share, wave, new)
        signed.append(wave)
    return signed
