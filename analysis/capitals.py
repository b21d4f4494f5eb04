"""Words written in capitals: acronyms that are not the lower-case word, and labels as written.

Comments are read in lower case (:func:`analysis.text.normalise`), which is right for
nearly every word ("Delays", "DELAYS" and "delays" are one word) but loses two kinds of
acronym:

* **An acronym whose lower-case form is a word Rapport leaves out.** "IT" is a
  department, "it" a stop word; "PM" is a project or product manager, "pm" the time of an
  e-mail header ("Sent: Monday 3:04 PM"). The words of :data:`KEPT_CAPITALS`, written in
  capitals, stay in capitals (:func:`keep_capitals`): a token and a stem of their own, so
  "IT access" can name a topic and a theme keyword written "IT" finds the department, not
  every "it". They are read in lower case again where the capitals say something else:
  "PM" just after a number or a day ("3 PM", "Friday PM"), with "AM" ("AM and PM",
  "AM/PM") or before "shift" ("the PM shift") is the time, and in a clause written mostly
  in capitals ("WHY DOES IT NEVER WORK", "FIX IT") the capitals are shouting.
* **An acronym that is also read correctly in lower case** ("CRM", "VPN", "SLA", "HR",
  "VP", and "R&D", which :mod:`analysis.text` reads as one word): it stays one term with
  its lower-case writing, but a topic's label shows it as most people wrote it
  (:func:`as_written`): "CRM access", not "crm access".

Standard library only; :mod:`analysis.text` uses it before folding case.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

#: Acronyms kept in capitals when written so: the same word in lower case is a stop word
#: ("it") or e-mail boilerplate ("pm"), so folding it would lose the department or role.
KEPT_CAPITALS = frozenset({"IT", "PM"})
#: Words after which "PM" is the time of day ("3 PM", "Friday PM").
_DAYS = """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu
thur thurs fri sat sun today tomorrow yesterday"""
_TIME_BEFORE = frozenset(_DAYS.split())
#: Words after which "PM" is the afternoon ("the PM shift", "PM shifts").
_SHIFT = frozenset(("shift", "shifts"))
#: The shortest and longest acronym :func:`as_written` writes in capitals.
SHORTEST, LONGEST = 2, 5
_CLAUSE_MARK = frozenset(".!?;")
_WORD = re.compile(r"[A-Za-z]+")
_AMPERSAND = re.compile(r"[a-z]&[a-z]")


def may_keep(text: str) -> bool:
    """Whether ``text`` (not yet lower-cased) may hold a word of :data:`KEPT_CAPITALS`: a
    quick test before reading it token by token."""
    return "IT" in text or "PM" in text


def keep_capitals(written: Sequence[str], folded: list[str]) -> list[str]:
    """``folded`` with the words of :data:`KEPT_CAPITALS` as they were written.

    Parameters
    ----------
    written : sequence of str
        The tokens of a comment as written (before lower-casing).
    folded : list of str
        The same tokens in lower case, changed in place (possessives still on).

    Returns
    -------
    list of str
        ``folded``, where each kept acronym is written in capitals (without "'s": "IT's"
        is "IT"); unchanged when the two readings do not line up token by token.
    """
    if len(written) != len(folded):  # a character whose lower case is two: leave it
        return folded
    shouting: list[int] | None = None  # per token, its clause's capitals minus others
    for i, token in enumerate(written):
        base = token[:-2] if token.endswith("'s") else token
        if base not in KEPT_CAPITALS or _time(written, i):
            continue
        shouting = shouting if shouting is not None else _shouting(written)
        if shouting[i] - _weight(token) <= 0:  # not more capitals than others besides it
            folded[i] = base
    return folded


def _time(written: Sequence[str], i: int) -> bool:
    """Whether the "PM" at ``i`` is a time, not a manager: after a number or a day, with
    "AM" just before ("AM and PM", "AM/PM") or before "shift" ("the PM shift")."""
    if written[i] != "PM":
        return False
    if i + 1 < len(written) and written[i + 1].lower() in _SHIFT:
        return True
    if i == 0:
        return False
    before = written[i - 1]
    if any(ch.isdigit() for ch in before) or before.lower() in _TIME_BEFORE:
        return True
    return "am" in (w.lower() for w in written[max(0, i - 2) : i])


def _shouting(written: Sequence[str]) -> list[int]:
    """For each token, how many more words of its clause (itself included) are in capitals
    than not, words of two letters or more: one pass, however many acronyms a comment
    holds (a clause is where :func:`keep_capitals` reads shouting)."""
    out: list[int] = []
    start, total = 0, 0
    for j, token in enumerate([*written, "."]):
        if token[0] in _CLAUSE_MARK:
            out += [total] * (j - start) + [0]
            start, total = j + 1, 0
        else:
            total += _weight(token)
    return out[: len(written)]


def _weight(token: str) -> int:
    """1 for a word in capitals, -1 for another word, 0 below two letters (or a mark)."""
    letters = "".join(_WORD.findall(token))
    if len(letters) < SHORTEST:
        return 0
    return 1 if letters.isupper() else -1


def as_written(forms: Mapping[str, str], texts: Iterable[str | None]) -> dict[str, str]:
    """``forms`` with each short word in capitals where most of its uses in ``texts`` are.

    Parameters
    ----------
    forms : mapping of str to str
        A term -> how it is shown, in lower case ("crm access", "slas").
    texts : iterable of str or None
        The comments the forms were read from.

    Returns
    -------
    dict of str to str
        The same keys; each word of :data:`SHORTEST` to :data:`LONGEST` letters (plus a
        plural "s") that more than half of its uses write in capitals is shown so ("CRM
        access", "SLAs"; the most frequent such writing). Longer words and words mostly
        written otherwise are unchanged; comments written mostly in capitals (shouting:
        "EVERYTHING IS LATE") are not counted.
    """
    wanted = {w for form in forms.values() for w in form.split() if _acronym_shaped(w)}
    wanted = {w for w in wanted if w.islower()}  # "IT" is written so already
    if not wanted:
        return dict(forms)
    texts = [text for text in texts if text]
    joined = "\n".join(texts)  # one scan each, in C
    capitals: dict[str, Counter[str]] = {}
    present = [form for form in _capital_forms(wanted) if form in joined]  # usually none
    if present:  # a comment written in capitals is shouting ("LATE AGAIN"): not counted
        # Only a comment using one of the words, in any case, adds to either count below.
        using = _words(wanted, re.IGNORECASE).search
        texts = [text for text in texts if using(text)]
        joined = "\n".join(text for text in texts if not _in_capitals(text))
        present = [form for form in present if form in joined]
    for found, n in Counter(_words(present).findall(joined) if present else ()).items():
        capitals.setdefault(found.lower(), Counter())[found] = n
    if not capitals:
        return dict(forms)
    uses = Counter(map(str.lower, _words(capitals, re.IGNORECASE).findall(joined)))
    upper = {
        word: min(seen.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        for word, seen in capitals.items()
        if 2 * sum(seen.values()) > uses[word]
    }
    return {
        term: " ".join(upper.get(word, word) for word in form.split())
        for term, form in forms.items()
    }


def _in_capitals(text: str) -> bool:
    """Whether more of ``text``'s words of two letters or more are in capitals than not."""
    balance = 0
    for word in _WORD.findall(text):
        if len(word) >= SHORTEST:
            balance += 1 if word.isupper() else -1
    return balance > 0


def _words(words: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """A pattern finding any of ``words`` as a whole word."""
    alternatives = "|".join(map(re.escape, sorted(words)))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", flags)


def _capital_forms(words: Iterable[str]) -> set[str]:
    """Each word written in capitals, a plural "s" aside: "crm" -> "CRM", "slas" ->
    "SLAs" and "SLAS"."""
    forms = set()
    for word in words:
        forms.add(word.upper())
        if len(word) > SHORTEST and word.endswith("s"):
            forms.add(word[:-1].upper() + "s")
    return forms


def _acronym_shaped(word: str) -> bool:
    """A word of 2 to 5 ASCII letters, or such a word with a plural "s", or two letters
    joined by "&" ("r&d")."""
    if _AMPERSAND.fullmatch(word):
        return True
    stem = word[:-1] if len(word) > SHORTEST and word.endswith("s") else word
    return word.isascii() and word.isalpha() and SHORTEST <= len(stem) <= LONGEST
