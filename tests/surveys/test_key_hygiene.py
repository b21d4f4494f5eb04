"""Passphrase hygiene of the workspace key file: scrypt cost, NFC, parameters never trusted."""

from __future__ import annotations

import base64
import json
import secrets
import unicodedata
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from surveys.keys import (
    KEY_FILE,
    MIN_SCRYPT_N,
    WorkspaceKeyError,
    ensure_keypair,
    load_private_key,
    public_key,
)
from tests.surveys.transport_helpers import PASSPHRASE


def _legacy_key_file(folder: Path, passphrase: str, n: int = 2**15) -> X25519PrivateKey:
    """A key file as Rapport wrote it before the cost was raised (passphrase as typed)."""
    private = X25519PrivateKey.generate()
    public = private.public_key().public_bytes_raw()
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    key = Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(passphrase.encode())
    record = {
        "format": "rapport-key-1",
        "kdf": {"name": "scrypt", "n": n, "r": 8, "p": 1},
        "salt": base64.b64encode(salt).decode(),
        "nonce": base64.b64encode(nonce).decode(),
        "private": base64.b64encode(
            ChaCha20Poly1305(key).encrypt(nonce, private.private_bytes_raw(), public)
        ).decode(),
        "public": base64.b64encode(public).decode(),
    }
    (folder / KEY_FILE).write_text(json.dumps(record))
    return private


def test_new_key_files_use_at_least_two_to_the_17(tmp_path: Path) -> None:
    ensure_keypair(tmp_path, PASSPHRASE)
    kdf = json.loads((tmp_path / KEY_FILE).read_text())["kdf"]
    assert kdf["n"] >= 2**17 == MIN_SCRYPT_N
    assert (kdf["r"], kdf["p"]) == (8, 1)


def test_a_legacy_key_file_opens_and_is_upgraded_on_unlock(tmp_path: Path) -> None:
    private = _legacy_key_file(tmp_path, PASSPHRASE)
    opened = load_private_key(tmp_path, PASSPHRASE)
    assert opened.private_bytes_raw() == private.private_bytes_raw()
    record = json.loads((tmp_path / KEY_FILE).read_text())
    assert record["format"] == "rapport-key-2"
    assert record["kdf"]["n"] == 2**17
    assert load_private_key(tmp_path, PASSPHRASE).private_bytes_raw() == private.private_bytes_raw()
    assert public_key(tmp_path) == private.public_key().public_bytes_raw()


def test_a_legacy_file_with_a_decomposed_passphrase_is_upgraded_to_nfc(tmp_path: Path) -> None:
    typed = unicodedata.normalize("NFD", "Zoë's long passphrase")
    assert typed != unicodedata.normalize("NFC", typed)
    private = _legacy_key_file(tmp_path, typed)
    assert load_private_key(tmp_path, typed).private_bytes_raw() == private.private_bytes_raw()
    # Upgraded: now the composed spelling opens it too.
    composed = unicodedata.normalize("NFC", typed)
    assert load_private_key(tmp_path, composed).private_bytes_raw() == private.private_bytes_raw()


def test_passphrases_are_nfc_normalised(tmp_path: Path) -> None:
    composed = "Zoë's long passphrase"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    ensure_keypair(tmp_path, decomposed)
    load_private_key(tmp_path, composed)
    load_private_key(tmp_path, decomposed)


@pytest.mark.parametrize(
    "kdf",
    [
        {"name": "scrypt", "n": 2**10, "r": 8, "p": 1},
        {"name": "scrypt", "n": 2**16, "r": 8, "p": 1},
        {"name": "scrypt", "n": 2**17, "r": 1, "p": 1},
        {"name": "scrypt", "n": 2**17 + 1, "r": 8, "p": 1},
        {"name": "scrypt", "n": 2**30, "r": 8, "p": 1},
        {"name": "pbkdf2", "n": 2**17, "r": 8, "p": 1},
        {"name": "scrypt", "n": "131072", "r": 8, "p": 1},
        None,
    ],
)
def test_kdf_parameters_below_the_minimum_are_refused(tmp_path: Path, kdf) -> None:
    ensure_keypair(tmp_path, PASSPHRASE)
    path = tmp_path / KEY_FILE
    record = json.loads(path.read_text())
    record["kdf"] = kdf
    path.write_text(json.dumps(record))
    with pytest.raises(WorkspaceKeyError, match="key-derivation parameters"):
        load_private_key(tmp_path, PASSPHRASE)


def test_a_legacy_file_may_not_lower_the_cost_either(tmp_path: Path) -> None:
    _legacy_key_file(tmp_path, PASSPHRASE, n=2**4)
    with pytest.raises(WorkspaceKeyError, match="never wrote"):
        load_private_key(tmp_path, PASSPHRASE)
