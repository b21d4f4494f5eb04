"""The workspace key pair and sealed files (team mode).

A workspace has one X25519 key pair. Published surveys carry the public key; each
submission file is *sealed* to it, so colleagues who can read the shared folder learn
nothing from one another's files. The private key stays in the workspace folder
(``workspace.key``), encrypted under a passphrase that HR chooses.

Public API (used by publishing, ingest and the respondent wizard):

- :func:`ensure_keypair` ``(workspace, passphrase) -> bytes``: create the key pair on first
  use (or check the passphrase against the existing one) and return the public key.
- :func:`check_passphrase` ``(workspace, passphrase)``: what :func:`ensure_keypair` checks,
  creating nothing (said before long work that ends in publishing).
- :func:`load_private_key` ``(workspace, passphrase)``: the private key, for :func:`unseal`.
- :func:`change_passphrase` ``(workspace, old, new)``.
- :func:`public_key` ``(workspace) -> bytes``: the public key, no passphrase needed.
- :func:`seal` ``(data, public_key) -> bytes`` and :func:`unseal` ``(blob, private_key)``.
- :class:`WorkspaceKeyError` and its :class:`WrongPassphraseError` (a window re-asks).

Sealed format (a "sealed box"): ``b"RAPPORT-SEAL-1\\n"`` + the 32-byte public half of a key
pair made for this one file + a 12-byte nonce + ChaCha20-Poly1305 ciphertext. The AEAD key
is HKDF-SHA256 of the X25519 shared secret, salted with both public keys; the header is the
associated data, so any change to any byte is detected.

Key file: JSON with the raw private key encrypted by ChaCha20-Poly1305 under a key derived
from the passphrase with scrypt (n=2**17, r=8, p=1, random salt); the public key is the
associated data, so a swapped public key is detected when the passphrase is checked.

Passphrase hygiene:

- The passphrase is normalised to Unicode NFC before it is derived, so "é" typed as one
  character or as "e" plus an accent opens the same key.
- The scrypt cost is at least :data:`MIN_SCRYPT_N` (2**17, OWASP's figure for scrypt).
  A key file asking for less is refused: the parameters in the file are never trusted
  below the minimum (nor above :data:`MAX_SCRYPT_N`, which would only waste memory).
- The one exception is a key file written by an earlier Rapport (format
  ``rapport-key-1``, exactly n=2**15, r=8, p=1, passphrase not normalised): it still
  opens, and on that unlock it is rewritten at today's cost (format ``rapport-key-2``).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import unicodedata
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from surveys.errors import RapportError
from surveys.transport import SEAL_MAGIC, atomic_write

KEY_FILE = "workspace.key"
KEY_FORMAT = "rapport-key-2"
#: Written by Rapport before the scrypt cost was raised; opened once, then upgraded.
LEGACY_KEY_FORMAT = "rapport-key-1"
MIN_PASSPHRASE = 8
_HEADER = len(SEAL_MAGIC) + 32 + 12
#: The scrypt cost of new key files, and the least a key file may ask for.
MIN_SCRYPT_N = 2**17
#: The most a key file may ask for (2**20 with r=8 needs 1 GiB of memory).
MAX_SCRYPT_N = 2**20
_SCRYPT_N = MIN_SCRYPT_N
#: The only parameters a legacy key file may have (the old default).
_LEGACY_KDF = {"name": "scrypt", "n": 2**15, "r": 8, "p": 1}
_HKDF_INFO = b"rapport sealed submission v1"


class WorkspaceKeyError(RapportError):
    """The workspace key pair is missing, unreadable, or the passphrase is wrong."""


class WrongPassphraseError(WorkspaceKeyError):
    """The passphrase does not open the workspace's key (the key file itself is fine)."""


class SealError(RapportError):
    """A sealed file cannot be opened: not sealed, changed, or sealed to another key."""


class OtherKeyError(SealError):
    """A sealed file this key does not open: changed after sealing, or sealed to another
    key (an answer to another of HR's workspaces opens with that one's key)."""


def key_path(workspace: str | Path) -> Path:
    """Where the key pair of ``workspace`` is stored."""
    return Path(workspace) / KEY_FILE


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def normalised(passphrase: str) -> str:
    """The passphrase as it is derived: Unicode NFC."""
    return unicodedata.normalize("NFC", passphrase)


def _passphrase_key(passphrase: str, salt: bytes, n: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(passphrase.encode("utf-8"))


def _kdf_cost(record: dict, path: Path) -> tuple[int, bool]:
    """``(n, legacy)`` from a key file's ``kdf``, refusing parameters below the minimum."""
    kdf = record.get("kdf")
    if record["format"] == LEGACY_KEY_FORMAT:
        if kdf != _LEGACY_KDF:
            raise WorkspaceKeyError(
                f"{path} asks for key-derivation parameters that Rapport never wrote "
                f"({kdf!r}); the file was changed. Restore it from your backup."
            )
        return _LEGACY_KDF["n"], True
    if (
        not isinstance(kdf, dict)
        or kdf.get("name") != "scrypt"
        or type(kdf.get("n")) is not int
        or kdf.get("r") != 8
        or kdf.get("p") != 1
        or not MIN_SCRYPT_N <= kdf["n"] <= MAX_SCRYPT_N
        or kdf["n"] & (kdf["n"] - 1)
    ):
        raise WorkspaceKeyError(
            f"{path} asks for key-derivation parameters outside what Rapport accepts "
            f"(scrypt, n a power of two from 2**17 to 2**20, r=8, p=1; it says {kdf!r}). "
            "A weaker setting would make the passphrase easier to guess, so the file is "
            "refused; restore it from your backup."
        )
    return kdf["n"], False


def _write_key_file(workspace: Path, private: X25519PrivateKey, passphrase: str) -> bytes:
    public = _raw_public(private.public_key())
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    box = ChaCha20Poly1305(_passphrase_key(normalised(passphrase), salt, _SCRYPT_N))
    raw = private.private_bytes_raw()
    record = {
        "format": KEY_FORMAT,
        "kdf": {"name": "scrypt", "n": _SCRYPT_N, "r": 8, "p": 1},
        "salt": base64.b64encode(salt).decode(),
        "nonce": base64.b64encode(nonce).decode(),
        "private": base64.b64encode(box.encrypt(nonce, raw, public)).decode(),
        "public": base64.b64encode(public).decode(),
    }
    data = json.dumps(record, indent=2).encode()
    atomic_write(key_path(workspace), data, mode=0o600)
    return public


def _read_key_file(workspace: str | Path) -> dict:
    path = key_path(workspace)
    if not path.exists():
        raise WorkspaceKeyError(
            f"The workspace {workspace} has no key pair yet ({KEY_FILE} is missing). "
            "Publish a wave first: that creates the key pair."
        )
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("format") not in (KEY_FORMAT, LEGACY_KEY_FORMAT):
            raise ValueError("unknown format")
        record["_public"] = base64.b64decode(record["public"], validate=True)
        return record
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise WorkspaceKeyError(
            f"{path} is not a readable Rapport key file ({exc}). Restore it from your "
            "backup; without it, sealed submissions cannot be opened."
        ) from exc


def _check_new_passphrase(passphrase: str) -> None:
    if len(normalised(passphrase)) < MIN_PASSPHRASE:
        raise WorkspaceKeyError(
            f"The passphrase is too short: use at least {MIN_PASSPHRASE} characters "
            "(a few words are easy to remember and hard to guess)."
        )


def ensure_keypair(workspace: str | Path, passphrase: str) -> bytes:
    """Create the workspace key pair if there is none; return the raw public key.

    Parameters
    ----------
    workspace : path
        The workspace folder.
    passphrase : str
        Protects the private key. When the key pair already exists it is checked, so a
        mistyped passphrase is noticed at publishing time rather than at ingest.

    Returns
    -------
    bytes
        The 32-byte X25519 public key.

    Raises
    ------
    WorkspaceKeyError
        Wrong passphrase for the existing key, a too-short new passphrase, or an unreadable
        key file.
    """
    workspace = Path(workspace)
    if key_path(workspace).exists():
        return _raw_public(load_private_key(workspace, passphrase).public_key())
    _check_new_passphrase(passphrase)
    return _write_key_file(workspace, X25519PrivateKey.generate(), passphrase)


def check_passphrase(workspace: str | Path, passphrase: str) -> None:
    """Check ``passphrase`` as :func:`ensure_keypair` would, without creating anything.

    Work that ends in publishing (analysing the previous wave first) calls it before it
    starts, so a mistyped passphrase is said at once, not after the long part.

    Parameters
    ----------
    workspace : path
        The workspace folder.
    passphrase : str
        It must open the existing key pair; with no key pair yet, it must be long enough
        to protect a new one.

    Raises
    ------
    WorkspaceKeyError
        Wrong passphrase, a too-short new passphrase, or an unreadable key file.
    """
    if key_path(workspace).exists():
        load_private_key(workspace, passphrase)
    else:
        _check_new_passphrase(passphrase)


def public_key(workspace: str | Path) -> bytes:
    """The raw public key of ``workspace`` (no passphrase needed)."""
    return _read_key_file(workspace)["_public"]


def load_private_key(workspace: str | Path, passphrase: str) -> X25519PrivateKey:
    """Decrypt the private key of ``workspace``.

    A key file written by an earlier Rapport (weaker scrypt cost) is rewritten at today's
    cost once the passphrase has opened it.

    Raises
    ------
    WrongPassphraseError
        If the passphrase is wrong (or the key file was changed).
    WorkspaceKeyError
        If there is no key, the key file is damaged, or it asks for key-derivation
        parameters below the minimum.
    """
    record = _read_key_file(workspace)
    n, legacy = _kdf_cost(record, key_path(workspace))
    candidates = [normalised(passphrase)]
    if legacy and passphrase != candidates[0]:
        candidates.append(passphrase)  # earlier Rapport derived the passphrase as typed
    raw = None
    for candidate in candidates:
        raw = _decrypt_private(workspace, record, candidate, n)
        if raw is not None:
            break
    if raw is None:
        raise WrongPassphraseError(
            f"Wrong passphrase for the key of workspace {workspace}. Type it again; "
            "it is the passphrase chosen when the first wave was published."
        )
    private = X25519PrivateKey.from_private_bytes(raw)
    if _raw_public(private.public_key()) != record["_public"]:
        raise WorkspaceKeyError(f"{key_path(workspace)} is damaged: its two halves do not match.")
    if legacy:  # still readable as it is if this fails; upgraded on a later unlock
        with contextlib.suppress(OSError):
            _write_key_file(Path(workspace), private, passphrase)
    return private


def _decrypt_private(workspace, record: dict, passphrase: str, n: int) -> bytes | None:
    """The raw private key, or ``None`` for a wrong passphrase."""
    try:
        salt = base64.b64decode(record["salt"])
        nonce = base64.b64decode(record["nonce"])
        sealed = base64.b64decode(record["private"])
        key = _passphrase_key(passphrase, salt, n)
        return ChaCha20Poly1305(key).decrypt(nonce, sealed, record["_public"])
    except InvalidTag:
        return None
    except (ValueError, KeyError, TypeError) as exc:
        raise WorkspaceKeyError(f"{key_path(workspace)} is damaged ({exc}).") from exc


def change_passphrase(workspace: str | Path, old: str, new: str) -> None:
    """Re-encrypt the private key of ``workspace`` under a new passphrase.

    The key pair itself does not change, so published surveys and sealed files stay valid.
    """
    private = load_private_key(workspace, old)
    _check_new_passphrase(new)
    _write_key_file(Path(workspace), private, new)


def _aead_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=_HKDF_INFO)
    return hkdf.derive(shared)


def seal(data: bytes, public_key: bytes) -> bytes:
    """Encrypt ``data`` so that only the holder of the private key can read it.

    Parameters
    ----------
    data : bytes
        The plaintext.
    public_key : bytes
        The recipient's raw 32-byte X25519 public key.
    """
    recipient = X25519PublicKey.from_public_bytes(public_key)
    ephemeral = X25519PrivateKey.generate()
    eph_public = _raw_public(ephemeral.public_key())
    key = _aead_key(ephemeral.exchange(recipient), eph_public, public_key)
    nonce = os.urandom(12)
    header = SEAL_MAGIC + eph_public + nonce
    return header + ChaCha20Poly1305(key).encrypt(nonce, data, header)


def unseal(blob: bytes, private_key: X25519PrivateKey) -> bytes:
    """Decrypt a file made by :func:`seal`.

    Raises
    ------
    SealError
        If ``blob`` is not a sealed file, was changed after sealing, or was sealed to
        another public key.
    """
    if not blob.startswith(SEAL_MAGIC):
        raise SealError("it is not a Rapport sealed file (its first bytes are wrong)")
    if len(blob) < _HEADER + 16:
        raise SealError("it is too short to be a sealed file (it was cut off)")
    eph_public = blob[len(SEAL_MAGIC) : len(SEAL_MAGIC) + 32]
    nonce = blob[len(SEAL_MAGIC) + 32 : _HEADER]
    recipient = _raw_public(private_key.public_key())
    try:
        shared = private_key.exchange(X25519PublicKey.from_public_bytes(eph_public))
        key = _aead_key(shared, eph_public, recipient)
        return ChaCha20Poly1305(key).decrypt(nonce, blob[_HEADER:], blob[:_HEADER])
    except (InvalidTag, ValueError):
        raise OtherKeyError(
            "it cannot be opened with this workspace's key: it was changed after it was "
            "written, or it was sealed for another workspace"
        ) from None
