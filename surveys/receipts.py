"""Receipts: a respondent can see that HR received an answer, and HR cannot tell whose it is.

How it works:

1. When an answer is sealed, the respondent's app makes a random receipt code
   (:func:`new_receipt_code`, 60 bits, shown as ``7KQ2-M9XD-4F8R``) and puts only its hash
   (:func:`receipt_hash`: SHA-256 of the wave and the code) inside the sealed submission.
   The code itself never leaves the respondent's computer; it is shown on the thank-you
   page and kept in the respondent's own log (:func:`remember_answer`).
2. Ingest stores the hash in the workspace table ``receipts(wave_id, hash)``, which has no
   link to the submission (no submission id, and the table is ordered by hash, not by
   arrival), so the database cannot say which answer a receipt belongs to.
3. After ingest, HR's app writes ``SHARE/receipts/<wave>.json``
   (:func:`publish_receipts`): the sorted hashes of every answer received for that wave,
   padded with decoys to a multiple of :data:`PAD_TO` so the file does not give the
   exact count. A decoy, once listed, stays listed (decoys are an HMAC of the wave and a
   number under a secret kept in the workspace, and the workspace remembers how many each
   wave has): fresh random decoys on every ingest let anyone who kept two copies of the
   file find the real hashes, the ones in both. A hash reveals nothing about its code,
   and nobody can make a code that hashes to a listed value.
4. The respondent's app reads the list and looks for the hash of its own code
   (:func:`is_received`): the check happens on the respondent's computer and asks nothing
   of anyone, so HR learns neither who checks nor which code they hold.

The respondent's log (``user_data_dir()/answers.json``, mode 0600) records, per answer,
the wave, the day, the receipt code and the name of the sealed file while it waits in the
outbox, and why an answer was not sent (HR's app refused its participation ticket, or the
wave closed before the ticket came: :func:`mark_not_sent`); :func:`answer_states` turns it
into what the app shows: waiting (and for what), delivered, received, not sent. A kiosk
keeps no log (the next person must not see it): its thank-you page shows the code, and the
start screen checks a typed code (:func:`find_receipt`).

Uses only the standard library.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.paths import user_data_dir
from surveys.transport import RECEIPTS, loads_shared, read_regular

if TYPE_CHECKING:
    from sqlite_utils import Database

RECEIPTS_FORMAT = "rapport-receipts-1"
LOG_FILE = "answers.json"
#: Crockford's base 32: no I, L, O or U, so a code read aloud or retyped is unambiguous.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
#: The published list is padded with random decoys to a multiple of this.
PAD_TO = 20
#: The largest receipt list a respondent's app reads: 68 bytes a hash, so room for some
#: 490,000 answers in one wave.
MAX_LIST = 32 * 1024 * 1024
_HASH_PREFIX = b"rapport-receipt-1\x00"

#: States of a respondent's answer, as :func:`answer_states` reports them.
WAITING, DELIVERED, RECEIVED, NOT_SENT = "waiting", "delivered", "received", "not sent"
#: Why an answer was not sent (:attr:`LocalAnswer.not_sent`): its ticket was refused, or
#: its wave closed before the ticket arrived.
REFUSED, CLOSED = "refused", "closed"


def new_receipt_code() -> str:
    """A fresh random receipt code, e.g. ``7KQ2-M9XD-4F8R`` (60 bits)."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(code: str) -> str:
    """``code`` as typed (any case, dashes, spaces, O for 0, I or L for 1) in canonical form.

    Returns ``""`` when it cannot be a receipt code.
    """
    raw = "".join(code.split()).replace("-", "").upper()
    raw = raw.translate(str.maketrans("OIL", "011"))
    if len(raw) != CODE_LENGTH or any(c not in ALPHABET for c in raw):
        return ""
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def receipt_hash(wave: str, code: str) -> str:
    """The hash of receipt ``code`` for ``wave`` (64 hex digits), as sealed and published."""
    canonical = normalise_code(code) or code
    data = _HASH_PREFIX + wave.encode("utf-8") + b"\x00" + canonical.encode("ascii")
    return hashlib.sha256(data).hexdigest()


def receipts_path(share: str | Path, wave: str) -> Path:
    """Where the list of received receipts of ``wave`` lives in ``share``."""
    return Path(share) / RECEIPTS / f"{wave}.json"


def read_received(share: str | Path, wave: str) -> set[str] | None:
    """The published receipt hashes of ``wave``; ``None`` when there is no readable list."""
    try:  # never a link, a pipe that would hang the app, or gigabytes (see read_regular)
        raw = read_regular(receipts_path(share, wave), MAX_LIST, "a receipt list")
        data = loads_shared(raw.decode("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != RECEIPTS_FORMAT:
        return None
    hashes = data.get("hashes")
    return {h for h in hashes if isinstance(h, str)} if isinstance(hashes, list) else None


def is_received(share: str | Path, wave: str, code: str) -> bool | None:
    """Whether HR's published list holds receipt ``code``; ``None`` when there is no list."""
    received = read_received(share, wave)
    return None if received is None else receipt_hash(wave, code) in received


def find_receipt(share: str | Path, code: str) -> str | None:
    """The wave whose published list holds the typed ``code``, or ``None`` (kiosk check)."""
    canonical = normalise_code(code)
    if not canonical:
        return None
    try:
        files = sorted((Path(share) / RECEIPTS).glob("*.json"))
    except OSError:
        return None
    for path in files:
        if is_received(share, path.stem, canonical):
            return path.stem
    return None


# -- HR side ----------------------------------------------------------------------------


def store_receipt(db: Database, wave_id: int, digest: str) -> None:
    """Remember that an answer with receipt hash ``digest`` was received (inside a write).

    The table holds no submission id and is ordered by hash, so it cannot tell which
    answer a receipt belongs to.
    """
    db.execute("INSERT OR IGNORE INTO receipts(wave_id, hash) VALUES (?, ?)", [wave_id, digest])


def publish_receipts(db: Database, share: str | Path) -> int:
    """Write ``SHARE/receipts/<wave>.json`` for every wave with received receipts.

    Parameters
    ----------
    db : sqlite_utils.Database
        The open workspace.
    share : path
        The shared folder (or kiosk folder) the answers came from.

    Returns
    -------
    int
        How many receipts were published (decoys not counted).

    Raises
    ------
    OSError
        If the folder cannot be written.
    """
    from surveys.transport import atomic_write

    rows = db.execute(
        "SELECT w.name, r.hash FROM receipts r JOIN waves w ON w.id = r.wave_id ORDER BY w.name"
    ).fetchall()
    by_wave: dict[str, list[str]] = {}
    for wave, digest in rows:
        by_wave.setdefault(wave, []).append(digest)
    folder = Path(share) / RECEIPTS
    if by_wave and not folder.is_dir():
        from surveys.share_access import restrict_new_folders

        folder.mkdir()
        restrict_new_folders(Path(share), [RECEIPTS])  # readable whatever HR's umask
    if not by_wave:
        return 0
    secret, counts = _decoy_state(db)
    for wave, hashes in by_wave.items():
        # Never fewer decoys than listed before: only ever add, up to the next multiple.
        had = counts.get(wave, 0)
        wanted = had + (-(len(hashes) + had) % PAD_TO)
        decoys = [_decoy(secret, wave, number) for number in range(wanted)]
        data = {"format": RECEIPTS_FORMAT, "wave": wave, "hashes": sorted(hashes + decoys)}
        atomic_write(receipts_path(share, wave), json.dumps(data, indent=0).encode("utf-8"))
        if wanted != had:
            counts[wave] = wanted
            _save_decoy_state(db, secret, counts)
    return len(rows)


#: Workspace setting: ``{"secret": hex, "waves": {wave: decoys listed}}``.
DECOYS_SETTING = "receipt_decoys"


def _decoy_state(db: Database) -> tuple[bytes, dict[str, int]]:
    from surveys.store import get_setting

    state = get_setting(db, DECOYS_SETTING, None)
    try:
        secret = bytes.fromhex(state["secret"])
        counts = {str(k): int(v) for k, v in state["waves"].items()}
    except (TypeError, KeyError, ValueError, AttributeError):
        secret, counts = secrets.token_bytes(32), {}
        _save_decoy_state(db, secret, counts)
    return secret, counts


def _save_decoy_state(db: Database, secret: bytes, counts: dict[str, int]) -> None:
    from surveys.store import set_setting

    set_setting(db, DECOYS_SETTING, {"secret": secret.hex(), "waves": counts})


def _decoy(secret: bytes, wave: str, number: int) -> str:
    """Decoy ``number`` of ``wave``: like a receipt hash, and the same every time."""
    return hmac.new(secret, f"{wave}\0{number}".encode(), hashlib.sha256).hexdigest()


# -- the respondent's own log -----------------------------------------------------------


@dataclass(frozen=True)
class LocalAnswer:
    """One answer sent from this computer, as the respondent's own log keeps it."""

    wave: str
    day: str
    receipt: str
    #: The sealed file's name while it may still wait in the outbox ("" once known sent).
    outbox_name: str = ""
    #: Why it was never sent (:data:`REFUSED`, :data:`CLOSED`), or ``""``.
    not_sent: str = ""
    #: HR's words when the ticket was refused.
    reason: str = ""


@dataclass(frozen=True)
class AnswerState:
    """What became of a :class:`LocalAnswer`.

    ``state`` is :data:`WAITING`, :data:`DELIVERED`, :data:`RECEIVED` or :data:`NOT_SENT`;
    ``waiting_for`` says what a waiting answer needs (``"share"``: the shared folder to be
    reachable; ``"ticket"``: its participation ticket, which HR's app has not signed yet;
    ``"due"``: its random due time, ``due``, a POSIX time: :mod:`surveys.outbox_hold`).
    Why an answer was not sent is in ``answer.not_sent``.
    """

    answer: LocalAnswer
    state: str
    waiting_for: str = ""
    due: float | None = None


def local_answers() -> list[LocalAnswer]:
    """The answers sent from this computer by this user, oldest first."""
    try:
        data = json.loads((user_data_dir() / LOG_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    found = []
    for entry in data if isinstance(data, list) else []:
        try:
            wave, day, receipt = (str(entry[k]) for k in ("wave", "day", "receipt"))
            outbox_name, not_sent, reason = (
                str(entry.get(k, "")) for k in ("outbox_name", "not_sent", "reason")
            )
        except (KeyError, TypeError, AttributeError):
            continue
        found.append(LocalAnswer(wave, day, receipt, outbox_name, not_sent, reason))
    return found


def remember_answer(answer: LocalAnswer) -> None:
    """Add ``answer`` to the respondent's own log (mode 0600)."""
    _write_log([*local_answers(), answer])


def _write_log(answers: Iterable[LocalAnswer]) -> None:
    from surveys.transport import atomic_write

    data = json.dumps([asdict(a) for a in answers], indent=1).encode("utf-8")
    atomic_write(user_data_dir() / LOG_FILE, data, mode=0o600)


def answer_states(
    share: str | Path | None, outbox: Path, now: float | None = None
) -> list[AnswerState]:
    """What became of each logged answer: waiting in ``outbox``, delivered, or received.

    Parameters
    ----------
    share : path or None
        The shared folder whose ``receipts/`` HR writes (``None``: not reachable).
    outbox : path
        The local outbox folder.
    now : float, optional
        The current time (default: the clock's); an outbox file whose due time is later
        waits for it (``"due"``), one already due waits for the share.
    """
    import time

    from surveys.outbox_hold import due_times

    dues = due_times()
    now = time.time() if now is None else now
    states = []
    lists: dict[str, set[str] | None] = {}
    held = user_data_dir() / "waiting"  # surveys.ticket_wait.WAITING_DIR
    for answer in local_answers():
        if answer.not_sent:
            states.append(AnswerState(answer, NOT_SENT))
            continue
        if answer.outbox_name and (held / answer.outbox_name).exists():
            states.append(AnswerState(answer, WAITING, "ticket"))
            continue
        if answer.outbox_name and (outbox / answer.outbox_name).exists():
            due = dues.get(answer.outbox_name)
            if due is not None and due > now:
                states.append(AnswerState(answer, WAITING, "due", due))
            else:
                states.append(AnswerState(answer, WAITING, "share"))
            continue
        if share is not None and answer.wave not in lists:
            lists[answer.wave] = read_received(share, answer.wave)
        received = lists.get(answer.wave)
        got = received is not None and receipt_hash(answer.wave, answer.receipt) in received
        states.append(AnswerState(answer, RECEIVED if got else DELIVERED))
    return states


def forget_outbox_names(names: set[str]) -> None:
    """Drop the outbox file names of answers that have left the outbox (now delivered)."""
    answers = local_answers()
    if any(a.outbox_name in names for a in answers):
        _write_log(replace(a, outbox_name="") if a.outbox_name in names else a for a in answers)


def mark_not_sent(marks: dict[str, tuple[str, str]]) -> None:
    """Note in the log why answers waiting on this computer will never be sent.

    Parameters
    ----------
    marks : dict of str to (str, str)
        By waiting file name: ``(why, reason)``, ``why`` being :data:`REFUSED` or
        :data:`CLOSED` and ``reason`` HR's words for a refusal. The receipt code is dropped
        (it will never be received); the file name stays until the app has told the person
        (:func:`forget_outbox_names`).

    Raises
    ------
    OSError
        If the log cannot be written (the answer is then kept until a later try).
    """
    answers = local_answers()
    if any(a.outbox_name in marks for a in answers):
        _write_log(
            replace(a, receipt="", not_sent=marks[a.outbox_name][0], reason=marks[a.outbox_name][1])
            if a.outbox_name in marks
            else a
            for a in answers
        )
