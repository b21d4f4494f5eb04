"""The workspace key pair and sealed files."""

from __future__ import annotations

import base64
import json
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from surveys.keys import (
    KEY_FILE,
    SealError,
    WorkspaceKeyError,
    change_passphrase,
    ensure_keypair,
    load_private_key,
    public_key,
    seal,
    unseal,
)
from tests.surveys.transport_helpers import PASSPHRASE


def test_key_pair_is_created_once_and_private_half_is_encrypted(tmp_path: Path) -> None:
    public = ensure_keypair(tmp_path, PASSPHRASE)
    assert len(public) == 32
    assert ensure_keypair(tmp_path, PASSPHRASE) == public == public_key(tmp_path)
    path = tmp_path / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = load_private_key(tmp_path, PASSPHRASE).private_bytes_raw()
    text = path.read_text()
    assert base64.b64encode(raw).decode() not in text
    assert raw.hex() not in text
    assert raw not in path.read_bytes()


def test_seal_round_trip_and_each_file_uses_its_own_key(tmp_path: Path) -> None:
    public = ensure_keypair(tmp_path, PASSPHRASE)
    private = load_private_key(tmp_path, PASSPHRASE)
    first, second = seal(b"the same answers", public), seal(b"the same answers", public)
    assert first != second
    assert b"the same answers" not in first
    assert unseal(first, private) == unseal(second, private) == b"the same answers"


def test_wrong_passphrase_is_a_clear_error(tmp_path: Path) -> None:
    ensure_keypair(tmp_path, PASSPHRASE)
    with pytest.raises(WorkspaceKeyError, match="Wrong passphrase"):
        load_private_key(tmp_path, "not the passphrase")
    with pytest.raises(WorkspaceKeyError, match="Wrong passphrase"):
        ensure_keypair(tmp_path, "not the passphrase")


def test_missing_key_and_short_passphrase_are_explained(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceKeyError, match="Publish a wave first"):
        load_private_key(tmp_path, PASSPHRASE)
    with pytest.raises(WorkspaceKeyError, match="at least 8 characters"):
        ensure_keypair(tmp_path, "short")
    assert not (tmp_path / KEY_FILE).exists()


def test_change_passphrase_keeps_the_key_pair(tmp_path: Path) -> None:
    public = ensure_keypair(tmp_path, PASSPHRASE)
    blob = seal(b"sealed before the change", public)
    change_passphrase(tmp_path, PASSPHRASE, "a brand new passphrase")
    with pytest.raises(WorkspaceKeyError, match="Wrong passphrase"):
        load_private_key(tmp_path, PASSPHRASE)
    private = load_private_key(tmp_path, "a brand new passphrase")
    assert unseal(blob, private) == b"sealed before the change"
    assert public_key(tmp_path) == public


def test_swapped_public_key_in_the_key_file_is_detected(tmp_path: Path) -> None:
    ensure_keypair(tmp_path, PASSPHRASE)
    path = tmp_path / KEY_FILE
    record = json.loads(path.read_text())
    other = X25519PrivateKey.generate().public_key().public_bytes_raw()
    record["public"] = base64.b64encode(other).decode()
    path.write_text(json.dumps(record))
    with pytest.raises(WorkspaceKeyError):
        load_private_key(tmp_path, PASSPHRASE)


@pytest.mark.parametrize("position", [0, 20, 40, 60, -1])
def test_any_changed_byte_is_detected(tmp_path: Path, position: int) -> None:
    public = ensure_keypair(tmp_path, PASSPHRASE)
    blob = bytearray(seal(b'{"answers": [["IT", "timely", 2]]}', public))
    blob[position] ^= 0x01
    with pytest.raises(SealError):
        unseal(bytes(blob), load_private_key(tmp_path, PASSPHRASE))


def test_foreign_key_truncated_and_plain_files_are_refused(tmp_path: Path) -> None:
    ensure_keypair(tmp_path, PASSPHRASE)
    private = load_private_key(tmp_path, PASSPHRASE)
    foreign = X25519PrivateKey.generate().public_key().public_bytes_raw()
    with pytest.raises(SealError, match="another workspace"):
        unseal(seal(b"for someone else", foreign), private)
    with pytest.raises(SealError, match="cut off"):
        unseal(seal(b"x", public_key(tmp_path))[:40], private)
    with pytest.raises(SealError, match="not a Rapport sealed file"):
        unseal(b'{"wave": "2026-10"}', private)
