"""Anomaly checks at ingest, in every mode: answers held back until HR reviews them.

Tickets stop forged files from outside, but not everything: on a share that does not record
owners one person can hold several tickets, and without a roster a department is only
declared. Two checks stay on whatever the mode; a submission they flag is *held*: not
stored, but kept in ``quarantine/`` with a reason starting :data:`HELD`, so its pair shows
nothing of it until HR has looked (Pulses: Retry takes it in, Delete drops it).

- **Bursts of near-identical submissions**: two or more submissions (distinct ids: copies of
  one file are one submission) in one ingest batch for the same wave and department with the
  same ratings and the same comments (compared by their words, without case, spacing,
  punctuation or invisible characters), when that content is substantial (a comment, or at
  least :data:`MIN_RATINGS` ratings; a comment that says nothing, "n/a", "none", "-", counts
  as none: :func:`surveys.non_answers.is_non_answer`). All of them are held. Retried one at
  a time, each is taken. Not where each carries a valid participation ticket of a wave in
  which no account holds more than one ticket: each is then another account's answer, and
  holding them would only let a colleague with one ticket hold back an honest answer by
  sending a copy of likely content (all fours, say) in the same batch. On a share that
  records one owner for everyone (HR's account then holds many tickets), without tickets and
  at a kiosk the check stays.
- **More answers than the headcount**: a new answer (not one replacing an earlier answer
  from the same person) from a department that already has as many answers in the wave as
  its headcount in the workspace. Correct the headcount (``rapport roster import``), or
  delete the file.

Reasons never quote the content (no department, value or comment).
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections import defaultdict
from typing import TYPE_CHECKING

from surveys.errors import SubmissionError
from surveys.non_answers import is_non_answer
from surveys.receipts import store_receipt
from surveys.submission import Submission

if TYPE_CHECKING:
    from surveys.intake import Intake

HELD = "held for review"
#: The mark that tells apart answers held for one cause from those held for another with the
#: same words ("2 submissions … arrived together" is every pair's): HR's *Delete all like
#: it* takes only a reason's own set (:func:`surveys.inbox.reason_kind`).
_SET_MARK = re.compile(r" \(set [0-9a-f]{8}\)")
_WORDS = re.compile(r"\w+")
#: Unicode's default-ignorable code points (drawn as nothing: soft hyphen, zero-width
#: space and joiners, word joiner, bidirectional marks, variation selectors, tags...).
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
#: Cyrillic, Greek and Armenian letters (as :meth:`str.casefold` leaves them) drawn like a
#: Latin letter in one of their cases ("А", "о", "Т", "ν", "օ", "ո"...), read as that
#: letter: a copy with "е" for "e" looks the same to HR. Each letter of a script goes to a
#: letter of its own, so two texts in one script that differ still differ. Also Latin's
#: small capitals and the phonetic "ɑ" and "ɡ", which no language's spelling uses for the
#: plain letter (not the Turkish dotless "ı", which Turkish spelling tells from "i").
_LOOK_ALIKES = str.maketrans(
    "авекмнорстухіјѕԁԛԝαβεζηικμνορτυχϲօոսհցզᴀʙᴄᴅᴇɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢɑɡ",
    "abekmhopctyxijsdqwabezhikmvoptyxconuhgqabcdeghijklmnoprstuvwyzag",
)
_LOOK_ALIKE_SCRIPTS = re.compile(
    "[\u0250-\u02af\u03b1-\u03fb\u0430-\u052f\u0561-\u0587\u1d00-\u1d2b\ua731]"
)
#: Ratings-only submissions count as near-identical from this many ratings up.
MIN_RATINGS = 5
#: A ratings-only answer stored is counted as a repeat (:func:`repeats_of_stored`) once
#: this many people, it included, gave it in the wave and department: honest people give
#: the same ratings (all fours, the liaison check's three choices) far more often than the
#: same ratings and comment (``bench/repeat_false_alarms.py``, docs/team-mode.md).
ALIKE_RATINGS_ONLY = 5


def new_set_mark() -> str:
    """A fresh mark for one set of held answers: random, so it says nothing of their content."""
    return f"(set {secrets.token_hex(4)})"


def without_set_mark(reason: str) -> str:
    """``reason`` without its set's mark: what summaries group by."""
    return _SET_MARK.sub("", reason)


def held_without_set(reason: str) -> bool:
    """Whether ``reason`` holds an answer for review without a set's mark: one quarantined
    by a Rapport before the marks (docs/qa.md, thirteenth round), when every pair of copies
    read the same, so nothing tells which answers were held together."""
    return reason.startswith(HELD) and not _SET_MARK.search(reason)


def _fingerprint(sub: Submission) -> tuple | None:
    """What near-identical submissions share, or ``None`` when there is too little."""
    said = [c for c in sub.comments if not _says_nothing(c.text)]
    if not said and len(sub.answers) < MIN_RATINGS:
        return None
    answers = tuple(sorted((a.target.casefold(), a.item, a.value) for a in sub.answers))
    comments = tuple(sorted((c.target.casefold(), _words(c.text)) for c in said))
    return sub.wave, sub.department.casefold(), answers, comments


def _says_nothing(text: str) -> bool:
    """:func:`~surveys.non_answers.is_non_answer`, also in the form :func:`_words` compares:
    a full-width "Ｎ／Ａ" (typed with an East Asian keyboard) or "n/a" with an invisible
    character says nothing either; and text whose letters are symbols in their typed form
    ("ⓘⓣ ⓝⓔⓥⓔⓡ ⓐⓝⓢⓦⓔⓡⓢ", circled or squared letters: no letter to
    :func:`is_non_answer`) says something, so its copies are compared."""
    if text.isascii():
        return is_non_answer(text)
    if not is_non_answer(text) and len(text) > 256:
        return False  # a letter or digit, and longer than any filler in any form
    return is_non_answer(_IGNORABLE.sub("", unicodedata.normalize("NFKC", text)))


def _words(text: str) -> str:
    """A comment as the checks compare it: its words, without case, spacing or punctuation,
    in Unicode's compatibility form (full-width letters plain) and without the characters
    Unicode says to draw as nothing (:data:`_IGNORABLE`), with Cyrillic and Greek letters
    that look Latin read as Latin (:data:`_LOOK_ALIKES`), so copies made to differ only
    where nobody sees it are copies. Linear and done in C: a colleague's flood of long
    comments in other scripts costs ingest little."""
    if text.isascii():
        return " ".join(_WORDS.findall(text.casefold()))
    folded = unicodedata.normalize("NFKC", text).casefold()
    if _LOOK_ALIKE_SCRIPTS.search(folded):  # translate() is slow; most text has none
        folded = folded.translate(_LOOK_ALIKES)
    return " ".join(_WORDS.findall(_IGNORABLE.sub("", folded)))


def fingerprints(subs: list[Submission]) -> list[tuple | None]:
    """Each submission's fingerprint (``None``: too little to compare), computed once per
    batch for :func:`held_for_review`, :func:`repeats_of_stored` and :func:`note_stored`."""
    return [_fingerprint(sub) for sub in subs]


def burst_twins(subs: list[Submission], keys: list[tuple | None] | None = None) -> dict[int, str]:
    """The positions in ``subs`` (one ingest batch) to hold, with the reason.

    Parameters
    ----------
    subs : list of Submission
        The batch's opened submissions, in batch order.

    Returns
    -------
    dict of int to str
        Position -> reason, for every member of a group of near-identical submissions.
    """
    groups: dict[tuple, list[int]] = defaultdict(list)
    for position, key in enumerate(fingerprints(subs) if keys is None else keys):
        if key is not None:
            groups[key].append(position)
    held = {}
    for positions in groups.values():
        # Copies of one file (one id: a crash's leftover and the file sent again) are one
        # submission, which ingest takes once; they are not a burst.
        distinct = len({subs[p].id for p in positions})
        if distinct > 1:
            reason = (
                f"{HELD}: {distinct} submissions with the same ratings and comments "
                f"arrived together {new_set_mark()}, which can mean one person sent them; "
                "retry each once you are satisfied they are genuine"
            )
            held.update(dict.fromkeys(positions, reason))
    return held


def headcount_reason(headcount: int, mark: str) -> str:
    """The reason for an answer beyond its department's headcount; ``mark``
    (:func:`new_set_mark`) is its wave and department's in this ingest run."""
    return (
        f"{HELD}: the respondent's department already has as many answers in this wave as "
        f"its headcount, {headcount} {mark}; correct the headcount and retry, or delete the "
        "file"
    )


def held_for_review(
    intake: Intake, subs: list[Submission], source: str, keys: list | None = None
) -> dict[int, str]:
    """Positions of ``subs`` (one ingest batch) refused before storing, with the reason.

    Near-identical submissions are held for review (:func:`burst_twins`), except that a
    file refused anyway (no valid ticket, a department the workspace does not have...)
    says that instead, and does not count towards a burst; nor does a file whose valid
    ticket is its account's only one (:func:`one_ticket_each`).
    """
    held = burst_twins(subs, keys)
    if not held:
        return held
    refused, own_ticket = {}, set()
    one_each: dict[int, bool] = {}
    for position in held:
        try:
            wave_id, dept_id = intake.check(subs[position], values_checked=True)
            sub = subs[position]
            if intake.checks_tickets(sub, source) and intake.ticket_token(sub, wave_id, dept_id):
                if wave_id not in one_each:
                    one_each[wave_id] = one_ticket_each(intake, wave_id)
                if one_each[wave_id]:
                    own_ticket.add(position)
        except SubmissionError as exc:
            refused[position] = str(exc).rstrip(".")
    remaining = [p for p in held if p not in refused and p not in own_ticket]
    again = burst_twins([subs[p] for p in remaining])
    return refused | {remaining[index]: reason for index, reason in again.items()}


def receive_held(intake: Intake, sub: Submission, reason: str) -> None:
    """List the receipt of ``sub`` as received when ``reason`` holds it for review.

    Whether an answer is held depends on other people's answers (a near-identical one in
    the same batch, the department's count against its headcount). Its sender sees the file
    leave the inbox, so a receipt missing from ``SHARE/receipts/`` said it was held: a copy
    of a guessed answer sent beside someone's told whether the guess was their exact words.
    A receipt says an answer reached HR, not that it counts (docs/team-mode.md, Receipts).
    """
    wave = intake.waves.get(sub.wave)
    if reason.startswith(HELD) and sub.receipt is not None and wave is not None:
        store_receipt(intake.db, wave.id, sub.receipt)


def one_ticket_each(intake: Intake, wave_id: int) -> bool:
    """Whether every account on the wave's participation roll holds one ticket at most.

    Then two valid tickets are two accounts, so near-identical answers carrying them are two
    people's. HR's app gives an account a second ticket only where the share records one
    owner for everyone (:mod:`surveys.ticket_signing`): there one person may hold several.
    """
    found = intake.db.execute(
        "SELECT 1 FROM ticket_roll WHERE wave_id = ? GROUP BY owner HAVING count(*) > 1 LIMIT 1",
        [wave_id],
    ).fetchone()
    return found is None


def _stored_fingerprints(intake: Intake, sub: Submission, ids: tuple[int, int]) -> dict:
    """Fingerprint -> the tokens of the answers stored in ``sub``'s wave and department."""
    wave, department = sub.wave, sub.department
    wave_id, dept_id = ids
    db, found = intake.db, defaultdict(lambda: ([], []))
    rows = db.execute(
        "SELECT s.id, t.name, a.item, a.value FROM submissions s JOIN answers a "
        "ON a.submission_id = s.id JOIN departments t ON t.id = a.to_id "
        "WHERE s.wave_id = ? AND s.department_id = ?",
        [wave_id, dept_id],
    )
    for sub_id, target, item, value in rows:
        found[sub_id][0].append((target.casefold(), item, value))
    rows = db.execute(
        "SELECT s.id, t.name, c.text FROM submissions s JOIN comments c "
        "ON c.submission_id = s.id JOIN departments t ON t.id = c.to_id "
        "WHERE s.wave_id = ? AND s.department_id = ?",
        [wave_id, dept_id],
    )
    for sub_id, target, text in rows:
        if not _says_nothing(text):  # "n/a" is compared as no comment, as in _fingerprint
            found[sub_id][1].append((target.casefold(), _words(text)))
    tokens = dict(
        db.execute(
            "SELECT id, token FROM submissions WHERE wave_id = ? AND department_id = ?",
            [wave_id, dept_id],
        ).fetchall()
    )
    prints: dict[tuple, set] = defaultdict(set)
    for sub_id, (answers, comments) in found.items():
        if comments or len(answers) >= MIN_RATINGS:
            key = (wave, department.casefold(), tuple(sorted(answers)), tuple(sorted(comments)))
            prints[key].add(_person(sub_id, tokens.get(sub_id)))
    return prints


def _person(sub_id: str, token: str | None) -> str:
    """Who stored an answer, as far as ingest can tell: its token; for one stored without
    (imported from a file), the answer itself, so that two such answers are two people."""
    return token if token is not None else f"#{sub_id}"


def repeats_of_stored(
    intake: Intake, subs: list[Submission], skip: set[int], source: str, keys: list
) -> set[int]:
    """The positions of ``subs`` that repeat, word for word, an answer stored before.

    The near-identical check (:func:`burst_twins`) compares one ingest batch; a colleague
    who sends one copy per ingest (at a kiosk, or without tickets) passes it. Such repeats
    are counted for HR rather than held: an honest kiosk's all-fours answered on two days
    would otherwise stay held at every retry. ``skip`` are positions held or refused
    anyway; a resend from the same person (same token) is not a repeat, nor an answer
    whose valid ticket is its account's only one (another account's, as in
    :func:`held_for_review`). A wave's department is read once per ingest run (kept on
    ``intake``), then grows by :func:`note_stored`, so a run of many batches stays linear.
    """
    cache = intake.stored_prints
    repeats = set()
    for position, (sub, key) in enumerate(zip(subs, keys, strict=True)):
        wave = intake.waves.get(sub.wave)
        dept_id = intake.departments.get(sub.department.lower())
        if key is None or position in skip or wave is None or dept_id is None:
            continue  # an answer the workspace refuses is refused when stored
        ids = (wave.id, dept_id)
        if ids not in cache:
            cache[ids] = _stored_fingerprints(intake, sub, ids)
        tokens = cache[ids].get(key)
        if not tokens:  # most answers: no ticket is checked twice for them
            continue
        try:
            token = _token(intake, sub, ids, source)
        except SubmissionError:
            continue
        others = len(tokens - {token})
        if token is not None and others >= _alike(key) - 1:  # None: account's only ticket
            repeats.add(position)
    return repeats


def _alike(key: tuple) -> int:
    """How many people give the answer of fingerprint ``key`` before it is a repeat: two
    with a comment, :data:`ALIKE_RATINGS_ONLY` with ratings only."""
    return 2 if key[3] else ALIKE_RATINGS_ONLY


def _token(intake: Intake, sub: Submission, ids: tuple[int, int], source: str) -> str | None:
    """The token ``sub`` is stored under; ``None`` for a valid ticket that is its account's
    only one in the wave (raises :class:`SubmissionError` for an invalid ticket)."""
    ticket = intake.ticket_token(sub, *ids) if intake.checks_tickets(sub, source) else None
    if ticket is None:
        return sub.token
    return None if one_ticket_each(intake, ids[0]) else ticket


def note_stored(intake: Intake, sub: Submission, key: tuple | None, replaced: bool) -> None:
    """Add ``sub`` (fingerprint ``key``), just stored, to the fingerprints
    :func:`repeats_of_stored` compares with; ``replaced``: it took the place of its
    token's earlier answer, whose fingerprint is no one's any more."""
    if key is None and not replaced:
        return  # nothing to compare with, nothing to forget
    row = intake.db.execute(
        "SELECT wave_id, department_id, token FROM submissions WHERE id = ?", [sub.id]
    ).fetchone()
    if row is None:
        return
    person = _person(sub.id, row[2])
    if replaced:  # the earlier answer may have been of another department
        for (wave_id, _), prints in intake.stored_prints.items():
            for tokens in prints.values() if wave_id == row[0] else ():
                tokens.discard(person)
    prints = intake.stored_prints.get((row[0], row[1]))
    if prints is not None and key is not None:
        prints.setdefault(key, set()).add(person)
