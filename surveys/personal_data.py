"""Finding personal data in a comment: e-mail addresses, phone numbers, links and names.

One set of rules for two callers. :func:`analysis.privacy.redact` (the only redaction)
replaces what is found here, and the respondent's typing hint names it while someone
types, so the warning is about exactly what HR will never see. Standard library only.

Everything is matched in the folded text (:class:`surveys.text_fold.FoldedText`: no case,
no accents, plain apostrophes and dashes, full-width forms made plain) and each match is
mapped back to the span as written. What counts, in order of precedence (a span found by an
earlier kind hides later ones):

``email``
    ``local@domain``, the domain with or without dots (``first.last@corp``), at least one
    letter in it (``3@4`` is a ratio).
``link``
    URLs with a scheme (``https://``, ``file://``, ``smb://``...), ``www.`` addresses,
    host names ending in a known top-level or internal domain (``.com``, ``.ch``, ``.ai``,
    ``.local``, ``.internal``, ``.lan``, ``.corp``...: ``[tlds]`` in
    ``surveys/data/personal_words.txt``), Windows network paths (``\\\\server\\share``),
    drive paths (``C:\\Users\\...``) and IP addresses (v4, and v6 with ``::`` or four
    groups or more). ``version 10.2.0.1`` and ``v4.1.2.3`` are not addresses. Closing
    punctuation at the end is left outside.
``phone``
    7 to 15 digits in the usual formats (``+44 20 7946 0958``, ``(555) 123-4567``, dots,
    any dash), and runs of 8 digits or more split by spaces, dots, dashes, brackets or
    slashes (``020/7946/0958``, also ``01/10/2026``). Not phone numbers: ISO days and
    ranges of them, year ranges (``2025-2026``), amounts next to a currency, and numbers
    that follow a reference word or code prefix (``invoice 4471-2290``, ``INV-2026-00123``,
    ``PO 4500012345``, ``ticket #4471229``), unless a phone word (``call``, ``tel``...)
    comes after the previous number.
``name``
    Names from HR's list (:mod:`surveys.name_index`), as whole words only. Adjacent names
    joined by a space, comma, hyphen, apostrophe, underscore or one dot are one span
    (``anna_schmidt``, ``García, María``). Then, for people missing from the list, common
    given names and family names after a title (:mod:`surveys.given_names`), except in
    the workspace's department names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from surveys.given_names import given_name_spans, may_hold_given_names, starts_sentence
from surveys.name_index import (
    ANY,
    CAPITALISED_MID_SENTENCE,
    TOKEN,
    NameIndex,
    name_index,
    word_lists,
)
from surveys.text_fold import FoldedText

#: The kinds found, in order of precedence.
KINDS = ("email", "link", "phone", "name")

_EMAIL = re.compile(r"(?<![\w.+'%-])\w[\w.+'%-]*@\w[\w-]*(?:\.\w[\w-]*)*")
#: Link patterns, each with a quick test that must pass before the pattern is tried.
_LINKS = [
    (
        re.compile(r"://|:\\\\"),
        re.compile(
            r"\b(?:https?|s?ftps?|file|smb|afp|nfs|ssh|git|svn|ldaps?|rdp|vnc|webdavs?|teams|"
            r"msteams|slack|zoommtg|notes):(?://|\\\\)[^\s<>\"]*"
        ),
    ),
    (re.compile(r"www\."), re.compile(r"\bwww\.[^\s<>\"]+")),
    (re.compile(r"\\\\"), re.compile(r"(?<![\w\\])\\\\[^\s\\/<>\"]+\\[^\s<>\"]*")),
    (re.compile(r":\\"), re.compile(r"(?<![\w\\])[a-z]:\\[^\s<>\"]+")),
    (
        # "[^\W_]\.[^\W\d_]{2}" written to start with the dot, so that the search jumps from
        # one dot to the next instead of trying every character (the same texts pass)
        re.compile(r"\.(?<=[^\W_]\.)[^\W\d_]{2}"),
        re.compile(
            r"(?<![\w@.-])(?:[^\W_][\w-]*\.)+(?:"
            + "|".join(sorted(word_lists()["tlds"], key=len, reverse=True))
            + r")(?![\w-])(?::\d{1,5})?(?:[/?#][^\s<>\"]*)?"
        ),
    ),
]
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = re.compile(rf"(?<![\w.])(?:{_OCTET}\.){{3}}{_OCTET}(?::\d{{1,5}}|/\d{{1,2}})?(?![\w]|\.\d)")
_IPV6 = re.compile(r"(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])")
_DIGIT_DOT_DIGIT = re.compile(r"\.(?<=\d\.)\d")  # in every IPv4 address: digit, dot, digit
_SEVEN_DIGITS = re.compile(r"\d(?:\D{0,4}\d){6}")
_PHONE = re.compile(r"(?<![\w+])(?:\+|\(\+?)?\d[\d \t().-]{5,}\d(?!\w)")
_LONG_NUMBER = re.compile(r"(?<!\w)\+?\(?\d[\d ()./-]{6,}\d(?!\w)")
_TRAILING = ".,;:!?)]}'\""

_DATES = re.compile(
    r"\d{4}-\d{2}(?:-\d{2})?(?:\s*-\s*\d{4}-\d{2}(?:-\d{2})?)*|(?:19|20)\d{2}\s*-\s*(?:19|20)\d{2}"
)
_VERSION_BEFORE = re.compile(r"\b(?:version|ver|release|build|firmware|v)[\s.:]*$")
_CURRENCY_BEFORE = re.compile(r"[$€£¥₹]\s?$|\b(?:eur|chf|usd|gbp)\s?$")
_CURRENCY_AFTER = re.compile(
    r"\s?(?:[$€£¥₹]|(?:eur|chf|usd|gbp|euros?|dollars?|francs?|pounds?|k|m|bn)\b)"
)
_CODE_PREFIX = re.compile(r"[a-z][-#/]$")
_REFERENCE_BEFORE = re.compile(r"([a-z]+)[\s.:#-]*(?:(?:no|nr|num|number)\b[\s.:#-]*)?#?\s*$")
_NAME_GAP = re.compile(r"[\s'\-_,]{1,3}|\.")


@dataclass(frozen=True)
class Found:
    """One piece of personal data: ``text[start:end]`` is of ``kind`` (one of :data:`KINDS`)."""

    start: int
    end: int
    kind: str


def find_personal_data(
    text: str,
    names: Sequence[str] | NameIndex = (),
    keep: Iterable[str] = (),
    departments: Sequence[str] = (),
) -> list[Found]:
    """Everything in ``text`` that names or reaches a person, in text order.

    Parameters
    ----------
    text : str
        A comment as written.
    names : sequence of str or NameIndex
        People's names from HR's list, or their :func:`surveys.name_index.name_index`
        (build it once for many texts).
    keep : iterable of str
        Strings never to report, nor anything overlapping them (the redaction's
        placeholders, so a redacted comment finds nothing).
    departments : sequence of str
        The workspace's department names, never taken for a name by the built-in rules
        (``Grace Ward``); HR's list still redacts its names in them.

    Returns
    -------
    list of Found
        Non-overlapping spans of the original text.
    """
    if not text:
        return []
    folded = FoldedText(text)
    taken: list[tuple[int, int]] = [
        (m.start(), m.end())
        for word in keep
        if word in text
        for m in re.finditer(re.escape(word), text)
    ]
    found: list[Found] = []
    index = names if isinstance(names, NameIndex) else name_index(tuple(names))
    for kind, spans in (
        ("email", _emails(folded.folded)),
        ("link", _links(folded.folded)),
        ("phone", _phones(folded.folded)),
        ("name", _names(folded, index, tuple(departments))),
    ):
        for start, end in spans:
            start, end = folded.span(start, end)
            if start < end and not any(start < b and a < end for a, b in taken):
                taken.append((start, end))
                found.append(Found(start, end, kind))
    return sorted(found, key=lambda f: f.start)


def whole_contact(text: str) -> str:
    """``"e-mail address"`` or ``"IP address"`` when all of ``text`` is one, else ``""``.

    For the import, which refuses an answer that is nothing but an address and drops a
    column whose answers mostly are (``surveys.importing.identity``); the patterns stay
    here, with the finder's.
    """
    value = text.strip()
    if "@" in value and any(span == (0, len(value)) for span in _emails(value.casefold())):
        return "e-mail address"
    if value[:1].isdigit() and _IPV4.fullmatch(value):
        return "IP address"
    return ""


def _emails(folded: str):
    if "@" not in folded:
        return
    for match in _EMAIL.finditer(folded):
        domain = match.group().rsplit("@", 1)[1]
        if re.search(r"[^\W\d_]", domain):
            yield match.span()


def _links(folded: str):
    for quick, pattern in _LINKS:  # each quick test is a literal scan: most comments pass none
        if quick.search(folded):
            for match in pattern.finditer(folded):
                yield _trimmed(folded, *match.span())
    if _DIGIT_DOT_DIGIT.search(folded):
        for match in _IPV4.finditer(folded):
            if not _VERSION_BEFORE.search(folded[max(0, match.start() - 12) : match.start()]):
                yield match.span()
    if folded.count(":") < 2:  # an IPv6 address has two colons at least
        return
    for match in _IPV6.finditer(folded):
        value = match.group()
        groups = [g for g in value.split(":") if g]
        if ("::" in value and len(groups) >= 2) or (
            len(groups) >= 4 and re.search(r"[a-f]", value)
        ):
            yield match.span()


def _trimmed(folded: str, start: int, end: int) -> tuple[int, int]:
    while end > start and folded[end - 1] in _TRAILING:
        end -= 1
    return start, end


def _phones(folded: str):
    if not _SEVEN_DIGITS.search(folded):
        return
    for pattern, least, most in ((_PHONE, 7, 15), (_LONG_NUMBER, 8, None)):
        for match in pattern.finditer(folded):
            digits = sum(ch.isdigit() for ch in match.group())
            if digits < least or (most is not None and digits > most):
                continue
            if not _DATES.fullmatch(match.group().strip()) and not _reference_or_amount(
                folded, *match.span()
            ):
                yield match.span()


def _reference_or_amount(folded: str, start: int, end: int) -> bool:
    """Whether the number at ``[start, end)`` is an amount or a reference, not a phone."""
    before = folded[max(0, start - 48) : start]
    if _CURRENCY_BEFORE.search(before) or _CURRENCY_AFTER.match(folded, end):
        return True
    since_number = re.split(r"[\d\]]", before)[-1]  # words after the previous number
    if word_lists()["phone words"].intersection(re.findall(r"[a-z]+", since_number)):
        return False
    if _CODE_PREFIX.search(before):
        return True
    match = _REFERENCE_BEFORE.search(since_number)
    return bool(match and match.group(1) in word_lists()["reference words"])


def _names(folded: FoldedText, index: NameIndex, departments: tuple[str, ...]):
    """Names from HR's list, then the built-in given names and titled family names."""
    words = set(TOKEN.findall(folded.folded))
    # a dict's keys view takes the shorter side when given a set (a dict would be walked)
    listed = not index.single.keys().isdisjoint(words) or not words.isdisjoint(index.phrase_starts)
    if not listed and not may_hold_given_names(words):
        return []
    tokens = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(folded.folded)]
    found: list[tuple[int, int]] = []  # token index ranges, end excluded
    i = 0
    while listed and i < len(tokens):
        length = _phrase_at(folded.folded, tokens, i, index) or _single_at(folded, tokens[i], index)
        if length:
            found.append((i, i + length))
        i += max(length, 1)
    taken = {t for start, end in found for t in range(start, end)}
    pieces = [(tokens[a][1], tokens[b - 1][2]) for a, b in found]
    pieces += given_name_spans(folded, tokens, taken, departments, words)
    spans: list[tuple[int, int]] = []
    for start, end in sorted(pieces):
        _merge(folded.folded, spans, start, end)
    return spans


def _phrase_at(text: str, tokens, i: int, index: NameIndex) -> int:
    """The number of tokens of the longest listed phrase starting at token ``i`` (or 0)."""
    if tokens[i][0] not in index.phrase_starts:
        return 0
    for length in range(min(index.longest, len(tokens) - i), 1, -1):
        window = tokens[i : i + length]
        if tuple(t[0] for t in window) in index.phrases and all(
            _NAME_GAP.fullmatch(text[a[2] : b[1]]) for a, b in zip(window, window[1:], strict=False)
        ):
            return length
    return 0


def _single_at(folded: FoldedText, token, index: NameIndex) -> int:
    kind = index.single.get(token[0])
    if kind is None:
        return 0
    if kind == ANY:
        return 1
    start = folded.start_of(token[1])
    if not folded.original[start].isupper():
        return 0
    if kind == CAPITALISED_MID_SENTENCE and starts_sentence(folded.original, start):
        return 0
    return 1


def _merge(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    """Add a name span, joining it to the previous one when only a separator lies between."""
    if spans and _NAME_GAP.fullmatch(text[spans[-1][1] : start]):
        spans[-1] = (spans[-1][0], end)
    else:
        spans.append((start, end))
