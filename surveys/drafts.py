"""Unfinished answers kept on the respondent's computer, sealed, until they are sent.

Closing the survey window keeps what was answered so far as a *draft*, restored when the
survey opens again; submitting deletes it. A draft holds answers and comments, so it is
never written in clear: it is encrypted with ChaCha20-Poly1305 under a random key that
exists only in this user's Rapport folder (``user_data_dir()/draft.key``, mode 0600), with
the wave's name as associated data (a draft cannot be passed off as another wave's). The
file (``user_data_dir()/drafts/<hash of the wave>.draft``, mode 0600) is written
atomically.

This protects a draft that is copied away from its key (a backup of the drafts folder, a
file sent by mistake) and keeps it out of sight of anyone browsing files; it does not
protect against someone who can sign in as the respondent, who could open the survey
window anyway. A kiosk keeps no drafts (the next person must not see them).

Public API: :func:`save_draft` ``(wave, data)``, :func:`load_draft` ``(wave) -> dict |
None``, :func:`discard_draft` ``(wave)``, :func:`has_draft` ``(wave) -> bool``.

``cryptography`` is imported only when a draft is written or read, so showing the survey
window does not load it.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from surveys.paths import user_data_dir
from surveys.transport import atomic_write

DRAFTS = "drafts"
KEY_FILE = "draft.key"
FORMAT = b"RAPPORT-DRAFT-1\n"
_NONCE = 12


def _draft_path(wave: str) -> Path:
    import hashlib  # lazy: loads OpenSSL

    name = hashlib.sha256(wave.encode("utf-8")).hexdigest()[:32]
    return user_data_dir() / DRAFTS / f"{name}.draft"


def _key() -> bytes:
    path = user_data_dir() / KEY_FILE
    with contextlib.suppress(OSError):
        key = path.read_bytes()
        if len(key) == 32:
            return key
    key = os.urandom(32)
    atomic_write(path, key, mode=0o600)
    return key


def _associated(wave: str) -> bytes:
    return FORMAT + wave.encode("utf-8")


def has_draft(wave: str) -> bool:
    """True if a draft of ``wave`` is kept (checks the file only; no decryption)."""
    return _draft_path(wave).is_file()


def save_draft(wave: str, data: dict) -> None:
    """Keep ``data`` (plain JSON values) as the draft of ``wave``, replacing any older one.

    Raises
    ------
    OSError
        If the user's Rapport folder cannot be written.
    """
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    plain = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    nonce = os.urandom(_NONCE)
    sealed = FORMAT + nonce + ChaCha20Poly1305(_key()).encrypt(nonce, plain, _associated(wave))
    path = _draft_path(wave)
    path.parent.mkdir(exist_ok=True)
    atomic_write(path, sealed, mode=0o600)


def load_draft(wave: str) -> dict | None:
    """The draft of ``wave``, or ``None`` when there is none or it cannot be opened.

    A draft that cannot be opened (damaged, or its key is gone) is deleted: it could never
    be restored, and the person simply starts again.
    """
    path = _draft_path(wave)
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    try:
        if not blob.startswith(FORMAT):
            raise ValueError("not a draft")
        nonce = blob[len(FORMAT) : len(FORMAT) + _NONCE]
        plain = ChaCha20Poly1305(_key()).decrypt(
            nonce, blob[len(FORMAT) + _NONCE :], _associated(wave)
        )
        data = json.loads(plain.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return data
    except (InvalidTag, ValueError):
        discard_draft(wave)
        return None


def discard_draft(wave: str) -> None:
    """Delete the draft of ``wave`` (nothing happens when there is none)."""
    with contextlib.suppress(FileNotFoundError):
        _draft_path(wave).unlink()
