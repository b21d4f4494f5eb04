"""Respondents' apps check HR's signature on published surveys and pin the signing key.

Every survey HR's app publishes is signed with the workspace's Ed25519 signing key
(:mod:`surveys.survey_signing`): the file carries the public key and a signature over its
canonical form (:func:`surveys.published.signed_message`). Beside the sealing key
(:mod:`surveys.key_pins`), a respondent's app and the kiosk remember the signing key's
fingerprint for each shared folder (``user_data_dir()/share_signing_keys.json``, mode
0600), with the fingerprint of the sealing key it came with. Then:

- a survey whose signature does not verify (a word, item, department, date or key changed
  after HR signed it, or signed by another key) is refused;
- once the share's signing key is pinned, a survey signed by another key, or with no
  signature at all (an unsigned file cannot be told from a signed one stripped of its
  signature), is refused: there is no going back to unsigned files;
- before that, unsigned surveys (written by an earlier Rapport) are taken as before, and
  the first time the surveys sealed to the pinned key carry one signing key, it is pinned
  (a pin an earlier Rapport made gains its signing key). A new sealing key the respondent
  trusted (or forgot) starts a new signing pin;
- the pin also keeps the highest ``sequence`` read for each wave: an earlier file of a
  wave HR signed (kept by a colleague and put back after HR published the wave again or
  stopped its answers) verifies, but its lower number has it refused.

A refusal is said like a changed sealing key: someone may have changed the survey, nothing
is sent, tell HR. Public API: :data:`PINS_FILE`, :func:`verifies`,
:func:`signature_problem`, :func:`replayed`, :func:`forget`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.key_pins import fingerprint
from surveys.paths import user_data_dir
from surveys.transport import atomic_write, loads_shared

if TYPE_CHECKING:
    from surveys.published import PublishedSurvey

PINS_FILE = "share_signing_keys.json"


def _share_key(share: str | Path) -> str:
    """The share as :mod:`surveys.key_pins` names it."""
    return os.path.normcase(os.path.abspath(os.fspath(share)))


def verifies(published: PublishedSurvey) -> bool:
    """True when ``published`` carries a signature by its signing key over its content."""
    if published.signing_key is None or published.signature is None:
        return False
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(published.signing_key)
        key.verify(published.signature, published.signed)
    except (InvalidSignature, ValueError):
        return False
    return True


def _read_pins() -> dict[str, dict]:
    try:
        data = loads_shared((user_data_dir() / PINS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or damaged: pinned again on the next check
    if not isinstance(data, dict):
        return {}
    pins: dict[str, dict] = {}
    for share, pin in data.items():
        if isinstance(pin, dict):
            verified = pin.get("verified")
            pins[str(share)] = {
                "seal": str(pin.get("seal")),
                "sign": str(pin.get("sign")),
                "verified": [str(v) for v in verified] if isinstance(verified, list) else [],
                "sequences": _sequences(pin.get("sequences")),
            }
    return pins


def _sequences(value: object) -> dict[str, int]:
    """The highest ``sequence`` read for each wave, as remembered (bad entries dropped)."""
    if not isinstance(value, dict):
        return {}
    return {
        str(wave): number
        for wave, number in value.items()
        if isinstance(number, int) and not isinstance(number, bool)
    }


def _latest(known: dict[str, int], surveys: Sequence[PublishedSurvey]) -> dict[str, int]:
    """``known`` with each survey's ``sequence`` where it is higher."""
    latest = dict(known)
    for published in surveys:
        latest[published.wave] = max(latest.get(published.wave, 0), published.sequence)
    return latest


def _replayed(
    share: str | Path, known: dict[str, int], surveys: Sequence[PublishedSurvey]
) -> str | None:
    """The refusal when a survey is older than the wave's file read here before, or ``None``.

    HR's app numbers every file it signs (:func:`surveys.survey_signing.next_sequence`). An
    earlier file of a wave, kept by a colleague and put back after HR published the wave
    again or stopped its answers, still carries HR's signature; its lower number tells it.
    """
    for published in surveys:
        if published.sequence < known.get(published.wave, 0):
            return (
                f"The survey {published.wave} in {share} is an earlier version than the one "
                "this app read before (HR has changed or stopped it since), so someone may "
                "have put the old file back. Nothing is sent until this is cleared up: tell HR."
            )
    return None


def _write_pins(pins: dict[str, dict]) -> None:
    data = json.dumps(pins, indent=1, sort_keys=True).encode("utf-8")
    with contextlib.suppress(OSError):  # a full or read-only disk: pinned on a later check
        atomic_write(user_data_dir() / PINS_FILE, data, mode=0o600)


def _digest(published: PublishedSurvey) -> str:
    """What a verified survey is remembered by: a hash of its content, key and signature."""
    parts = (published.signing_key or b"", published.signature or b"", published.signed)
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def _verified(surveys: Sequence[PublishedSurvey], known: set[str]) -> list[str] | None:
    """The digests of the signed ``surveys``, or ``None`` when one does not verify.

    A survey this app verified before (its digest is ``known``) is not verified again: the
    app starts without loading the cryptography library when the surveys are unchanged,
    and the tray's check every minute costs a hash per survey.
    """
    digests = []
    for published in surveys:
        if published.signature is None:
            continue
        digest = _digest(published)
        if digest not in known and not verifies(published):
            return None
        digests.append(digest)
    return sorted(digests)


def _refusal(share: str | Path, why: str) -> str:
    return (
        f"A survey in {share} {why}, so someone may have changed it after HR published it. "
        "Nothing is sent until this is cleared up: tell HR."
    )


def signature_problem(share: str | Path, surveys: Sequence[PublishedSurvey]) -> str | None:
    """Check the signatures of a share's surveys against the signing key pinned for it.

    Call it once the sealing keys are known to be the share's (:func:`key_pins.key_change`
    found nothing): ``surveys`` are then sealed to one key.

    Parameters
    ----------
    share : path
        The shared folder (or kiosk folder).
    surveys : sequence of PublishedSurvey
        The surveys just read from it.

    Returns
    -------
    str or None
        A message for the respondent when a survey must be refused; ``None`` when all may
        be answered. The first signing key seen with the share's sealing key is pinned.
    """
    if not surveys:
        return None
    pins, key = _read_pins(), _share_key(share)
    pin = pins.get(key)
    verified = _verified(surveys, set() if pin is None else set(pin["verified"]))
    if verified is None:
        return _refusal(share, "does not match HR's signature (its words, departments, dates "
                        "or keys were changed)")  # fmt: skip
    seals = {fingerprint(p.public_key) for p in surveys}
    signers = {fingerprint(p.signing_key) for p in surveys if p.signing_key is not None}
    if len(seals) != 1:
        return _refusal(share, "is sealed to another key than the others")
    seal = seals.pop()
    if pin is None or pin["seal"] != seal:
        if len(signers) > 1:
            return _refusal(share, "is signed by another key than the others")
        if signers:
            signed = [p for p in surveys if p.signature is not None]  # verified above
            sequences = _latest({}, signed)
            pins[key] = {"seal": seal, "sign": signers.pop(), "verified": verified,
                         "sequences": sequences}  # fmt: skip
            _write_pins(pins)
        return None
    if pin["verified"] != verified and signers == {pin["sign"]}:
        pin["verified"] = verified
        _write_pins(pins)
    if any(p.signature is None for p in surveys):
        return _refusal(share, "has no signature, although HR's surveys there are signed")
    if signers != {pin["sign"]}:
        return _refusal(share, "is signed by another key than HR's surveys before it")
    return _replayed(share, pin["sequences"], surveys) or _remember_latest(pins, pin, surveys)


def _remember_latest(pins: dict[str, dict], pin: dict, surveys: Sequence[PublishedSurvey]) -> None:
    """Remember the highest ``sequence`` of each wave just read (written when it grew)."""
    latest = _latest(pin["sequences"], surveys)
    if latest != pin["sequences"]:
        pin["sequences"] = latest
        _write_pins(pins)


def replayed(share: str | Path, published: PublishedSurvey) -> str | None:
    """Why ``published`` must not be taken: an earlier file of its wave than one this app
    read before in ``share`` (a message for the respondent), or ``None``.

    Read just before an answer is sealed: the answer of someone who opened the survey
    before a colleague put the old file back must wait, not go to a wave HR may have
    stopped since.
    """
    pin = _read_pins().get(_share_key(share))
    return None if pin is None else _replayed(share, pin["sequences"], [published])


def forget(share: str | Path) -> bool:
    """Forget the signing key pinned for ``share``; return whether one was pinned.

    Raises
    ------
    OSError
        The respondent's settings folder cannot be written.
    """
    pins = _read_pins()
    if pins.pop(_share_key(share), None) is None:
        return False
    data = json.dumps(pins, indent=1, sort_keys=True).encode("utf-8")
    atomic_write(user_data_dir() / PINS_FILE, data, mode=0o600)
    return True
