"""The ticket keys of each wave (HR side): made at publishing, kept sealed in the workspace.

Each wave published to a shared folder gets an RSA ticket key pair (at least 2048 bits,
:mod:`surveys.blind_rsa`), or, when HR has imported a roster that names each person's
account (``rapport roster import`` with a login column), one key pair per department, so
that a ticket also proves its holder's department. The public halves go into the published
wave; the private halves are stored in the workspace database as PKCS #8 sealed to the
workspace key (:func:`surveys.keys.seal`), so they open only with the workspace passphrase,
like the workspace key itself.

Public API:

- :func:`ensure_wave_keys` ``(db, wave_name, workspace_public) -> dict[str, bytes]``: the
  wave's public keys (DER) by department name (``""`` for the whole wave), made on first use.
- :func:`public_keys` ``(db) -> dict[int, dict[str, WaveKey]]``: every wave's keys by key
  id, for verifying tickets at ingest.
- :func:`unlock_keys` ``(db, workspace_private) -> dict[str, UnlockedKey]``: private halves
  by key id, for signing.
- :func:`roster_mode` ``(db) -> bool``: whether a roster with accounts was imported.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlite_utils import Database

from surveys.blind_rsa import generate_private_key, load_public_key, public_key_bytes
from surveys.keys import seal, unseal
from surveys.ticket_files import key_id

#: The name a wave-wide key is published under (department keys use the department's).
WAVE_WIDE = ""


@dataclass(frozen=True)
class WaveKey:
    """One ticket public key: its wave, the department it proves (``None``: any)."""

    wave_id: int
    department_id: int | None
    key: rsa.RSAPublicKey


@dataclass(frozen=True)
class UnlockedKey:
    """One ticket private key, ready to sign, with the wave and department it is for."""

    wave_id: int
    wave: str
    department_id: int | None
    key: rsa.RSAPrivateKey


def roster_mode(db: Database) -> bool:
    """True when HR imported a roster with accounts (department keys are made then).

    Parameters
    ----------
    db : Database
        An open workspace.
    """
    return db.execute("SELECT EXISTS(SELECT 1 FROM roster_members)").fetchone()[0] == 1


def _new_key(db: Database, wave_id: int, department_id: int | None, workspace_public: bytes):
    private = generate_private_key()
    der = private.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = public_key_bytes(private.public_key())
    db.execute(
        "INSERT INTO ticket_keys(wave_id, department_id, public_key, sealed_private) "
        "VALUES (?, ?, ?, ?)",
        [wave_id, department_id, public, seal(der, workspace_public)],
    )
    return public


def ensure_wave_keys(db: Database, wave_name: str, workspace_public: bytes) -> dict[str, bytes]:
    """The public ticket keys of ``wave_name`` by department, made if the wave has none.

    Call inside the publishing transaction (the wave must exist). A wave published again
    keeps its keys, so tickets already given stay valid.

    Parameters
    ----------
    db : Database
        The open workspace.
    wave_name : str
        The wave being published.
    workspace_public : bytes
        The workspace's X25519 public key; the private halves are sealed to it.

    Returns
    -------
    dict of str to bytes
        ``{"": DER}`` for a wave-wide key, or ``{department name: DER}`` (roster mode).
    """
    (wave_id,) = db.execute("SELECT id FROM waves WHERE name = ?", [wave_name]).fetchone()
    if not _stored(db, wave_id):
        if roster_mode(db):
            for (dept_id,) in db.execute("SELECT id FROM departments ORDER BY position, id"):
                _new_key(db, wave_id, dept_id, workspace_public)
        else:
            _new_key(db, wave_id, None, workspace_public)
    return _stored(db, wave_id)


def _stored(db: Database, wave_id: int) -> dict[str, bytes]:
    rows = db.execute(
        "SELECT coalesce(d.name, ''), k.public_key FROM ticket_keys k "
        "LEFT JOIN departments d ON d.id = k.department_id WHERE k.wave_id = ?",
        [wave_id],
    ).fetchall()
    return {name: bytes(public) for name, public in rows}


def public_keys(db: Database) -> dict[int, dict[str, WaveKey]]:
    """Every wave's ticket public keys, by wave id and then by key id.

    A wave without ticket keys (published before tickets, or never to a shared folder) is
    missing from the result: its submissions need no ticket.
    """
    found: dict[int, dict[str, WaveKey]] = {}
    rows = db.execute("SELECT wave_id, department_id, public_key FROM ticket_keys")
    for wave_id, dept_id, public in rows:
        der = bytes(public)
        found.setdefault(wave_id, {})[key_id(der)] = WaveKey(wave_id, dept_id, load_public_key(der))
    return found


def unlock_keys(db: Database, workspace_private) -> dict[str, UnlockedKey]:  # noqa: ANN001
    """The private ticket keys of the waves still open, by key id.

    Parameters
    ----------
    db : Database
        The open workspace.
    workspace_private : X25519PrivateKey
        The workspace key (:func:`surveys.keys.load_private_key`).

    Returns
    -------
    dict of str to UnlockedKey
        Closed waves are left out: their requests are refused.
    """
    rows = db.execute(
        "SELECT k.wave_id, w.name, k.department_id, k.public_key, k.sealed_private "
        "FROM ticket_keys k JOIN waves w ON w.id = k.wave_id WHERE w.status = 'open'"
    ).fetchall()
    unlocked = {}
    for wave_id, wave, dept_id, public, sealed in rows:
        der = unseal(bytes(sealed), workspace_private)
        private = serialization.load_der_private_key(der, password=None)
        if not isinstance(private, rsa.RSAPrivateKey):  # pragma: no cover - we wrote it
            continue
        unlocked[key_id(bytes(public))] = UnlockedKey(wave_id, wave, dept_id, private)
    return unlocked
