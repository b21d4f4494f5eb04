"""The respondent's app remembers each shared folder's workspace key (trust on first use).

Surveys in ``SHARE/published/`` carry the public key answers are sealed to. A colleague who
may write to the share's top folder (a mistake :mod:`surveys.share_access` warns HR about)
could put a survey of their own there, with their own key, and read every answer sealed
to it. So the respondent's app notes the key's fingerprint the first time it reads a
share's surveys (``user_data_dir()/share_keys.json``, mode 0600) and, from then on,
refuses surveys of that share sealed to another key: it says so and sends nothing.

HR's workspace keeps its key for good (a new passphrase re-encrypts the same key), so a
changed key means a new workspace, or a swapped folder. Each key has a short code
(:func:`key_code`) that HR's app shows beside the shared folder and ``rapport publish``
prints; the respondent's refusal shows the new key's code, so a respondent can compare it
with the code HR announces before choosing "Trust the new key" (:func:`trust`).
``rapport respond --trust-new-key`` forgets the old fingerprint instead. See
``docs/team-mode.md``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.paths import user_data_dir
from surveys.transport import atomic_write, loads_shared

if TYPE_CHECKING:
    from surveys.published import PublishedSurvey

PINS_FILE = "share_keys.json"


def fingerprint(public_key: bytes) -> str:
    """The first 32 hex digits of the SHA-256 of a workspace's public key."""
    return hashlib.sha256(public_key).hexdigest()[:32]


def key_code(public_key: bytes) -> str:
    """The key's code for people to compare: 16 hex digits of its fingerprint in groups.

    Parameters
    ----------
    public_key : bytes
        A workspace's public key.

    Returns
    -------
    str
        For example ``"3F9C 1D0E 7A2B 44C1"``: the same for HR and every respondent, and
        different for another key (a colleague cannot make a key with a chosen code: that
        would take about 2**64 tries).
    """
    digits = fingerprint(public_key)[:16].upper()
    return " ".join(digits[i : i + 4] for i in range(0, 16, 4))


def _share_key(share: str | Path) -> str:
    return os.path.normcase(os.path.abspath(os.fspath(share)))


def _read_pins() -> dict[str, str]:
    try:
        data = loads_shared((user_data_dir() / PINS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or damaged: trust on the next first use
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _store_pins(pins: dict[str, str]) -> None:
    data = json.dumps(pins, indent=1, sort_keys=True).encode("utf-8")
    atomic_write(user_data_dir() / PINS_FILE, data, mode=0o600)


def _write_pins(pins: dict[str, str]) -> None:
    with contextlib.suppress(OSError):  # a full or read-only disk: remembered on a later check
        _store_pins(pins)


def key_change(share: str | Path, public_keys: Iterable[bytes]) -> str | None:
    """Check the keys of a share's open surveys against the one remembered for it.

    Parameters
    ----------
    share : path
        The shared folder.
    public_keys : iterable of bytes
        The public keys of the surveys just read from it.

    Returns
    -------
    str or None
        A message for the respondent when a survey is sealed to another key than the one
        remembered; ``None`` when all match. The first key ever seen for the share is
        remembered.
    """
    keys = set(public_keys)
    prints = {fingerprint(k) for k in keys}
    if not prints:
        return None
    pins, key = _read_pins(), _share_key(share)
    known = pins.get(key)
    if known is None and len(prints) == 1:
        pins[key] = prints.pop()
        _write_pins(pins)
        return None
    if known is not None and prints == {known}:
        return None
    new = _unknown_key(keys, known)
    trusting = (
        f" Its key's code is {key_code(new)}: if HR confirms a new workspace with this same "
        "code, choose Trust the new key."
        if new is not None
        else ""
    )
    return (
        f"A survey in {share} is sealed to a different key than the surveys you answered "
        "before, so someone may have replaced it. Nothing is sent until this is cleared up: "
        f"tell HR.{trusting}"
    )


def trusted_surveys(share: str | Path) -> list[PublishedSurvey]:
    """The surveys of ``share`` answers may be sealed to: open ones and those whose answers
    HR stopped (an answer that waited for its ticket still goes to a stopped survey), and
    none while any of them is sealed to another key than the one remembered for the share
    (:func:`key_change`) or does not carry HR's signature (:func:`survey_problem`): a
    colleague who swapped one, added a second file for a wave or changed a survey's words
    must not receive an answer. The respondent is told by the key check and clears it up
    with HR.
    """
    from surveys.published import list_delivering_surveys

    found = list_delivering_surveys(share)
    return [] if survey_problem(share, found) else found


def survey_problem(share: str | Path, surveys: list[PublishedSurvey]) -> str | None:
    """Why the surveys just read from ``share`` cannot be trusted, or ``None``: one sealed
    to another key than the one remembered (:func:`key_change`), or one whose signature
    does not verify or does not fit the signing key remembered with it
    (:func:`surveys.survey_signature.signature_problem`)."""
    found = key_change(share, (p.public_key for p in surveys)) or misfiled(share, surveys)
    if found is None:
        from surveys.survey_signature import signature_problem

        found = signature_problem(share, surveys)
    return found


def _file_key(name: str) -> str:
    """A file name as a share may give it back: Windows shares and macOS match names
    without regard to case (wave names are ASCII, :mod:`surveys.waves`)."""
    return name.casefold()


def misfiled(share: str | Path, surveys: Iterable[PublishedSurvey]) -> str | None:
    """The refusal when a survey read from ``share`` is not in its wave's file, or ``None``.

    HR's app writes each wave to ``published/<wave>.json``. Another wave's file HR signed,
    copied over one (``2026-12.json`` saved as ``2026-11.json``), verifies: the app offered
    2026-12 twice and 2026-11 not at all, and said nothing, until HR's next ingest wrote
    HR's copy back.
    """
    for published in surveys:
        path = published.path
        if path is not None and _file_key(path.name) != _file_key(f"{published.wave}.json"):
            return (
                f"A survey in {share} is in the file {path.name}, which is not its wave's "
                f"({published.wave}), so someone may have copied it there. Nothing is sent "
                "until this is cleared up: tell HR."
            )
    return None


def new_key(share: str | Path, public_keys: Iterable[bytes]) -> bytes | None:
    """The one key other than the remembered one that all of a share's surveys carry.

    Parameters
    ----------
    share : path
        The shared folder.
    public_keys : iterable of bytes
        The public keys of the surveys just read from it.

    Returns
    -------
    bytes or None
        The key a respondent may choose to trust; ``None`` when the surveys carry the
        remembered key, no key, or several different keys (then nothing can be trusted
        until HR has withdrawn the stray surveys).
    """
    return _unknown_key(set(public_keys), _read_pins().get(_share_key(share)))


def _unknown_key(keys: set[bytes], known: str | None) -> bytes | None:
    """The one key in ``keys`` when it is not the one whose fingerprint is ``known``."""
    if len(keys) != 1:
        return None
    (key,) = keys
    return None if known == fingerprint(key) else key


def trust(share: str | Path, public_key: bytes) -> None:
    """Remember ``public_key`` as the share's workspace key, in place of the one before.

    Parameters
    ----------
    share : path
        The shared folder.
    public_key : bytes
        The key the respondent confirmed with HR (by its :func:`key_code`).

    Raises
    ------
    OSError
        The respondent's settings folder cannot be written.
    """
    pins = _read_pins()
    pins[_share_key(share)] = fingerprint(public_key)
    _store_pins(pins)


def forget(share: str | Path) -> bool:
    """Forget the keys remembered for ``share`` (the sealing key and the signing key,
    :mod:`surveys.survey_signature`); return whether one was remembered."""
    from surveys import survey_signature

    signing = survey_signature.forget(share)  # a failure is reported
    pins = _read_pins()
    if pins.pop(_share_key(share), None) is None:
        return signing
    _store_pins(pins)  # a failure is reported
    return True
