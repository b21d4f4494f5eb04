"""The whole words a phrase rule's regular expression needs before it can match at all.

A rule's literal needs (:mod:`analysis.sentiment.rule_needs`) are substrings, tested one by
one with ``in``; a rule whose words come from a long list ("answer", "respond", "reply" and
sixty more) keeps no piece for that list, and testing many substrings costs more than the
rest of the rule's shortcut. Most rules, though, put their words between word boundaries
(``\\b``) or spaces. Such a word is a whole run of word characters (``\\w+``) of every text
the rule matches, so :func:`word_needs` keeps, for each top-level alternative, the lists of
words of which one must be such a run, and :func:`compile_words` tests them against the set
of the comment's runs (:func:`text_words`, one search per comment) with ``isdisjoint``,
whatever the list's length.

Only a shortcut, like the literal needs: what matches, and where, is unchanged
(``tests/analysis/test_rule_words.py`` checks every match of every rule meets its words, and
that scores are those of trying every rule on every comment).

Plain Python; safe on any thread and in worker processes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis.sentiment.rule_needs import (
    NEEDS_VERSION,
    _alternatives,
    read_entry,
    sre_constants,
    sre_parse,
)

#: What the words of a text are: its maximal runs of word characters.
WORD_RUN = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
_ZERO_WIDTH = (sre_constants.ASSERT, sre_constants.ASSERT_NOT)
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)

WordPiece = tuple[str, ...]  # one of these words must be a run of the text
WordNeeds = tuple[tuple[WordPiece, ...], ...]  # per top-level alternative: every piece


def text_words(text: str) -> set[str]:
    """The maximal runs of word characters of ``text`` (what :func:`word_needs` are met by)."""
    return set(WORD_RUN.findall(text))


def word_needs(pattern: re.Pattern[str]) -> WordNeeds | None:
    """Return the whole words ``pattern`` needs in a text to match, or ``None``.

    Parameters
    ----------
    pattern : re.Pattern
        A compiled expression of ``str``, without case-insensitive, ASCII or locale matching.

    Returns
    -------
    tuple or None
        One entry per top-level alternative, each a tuple of pieces (sorted tuples of words,
        one of which must be a maximal ``\\w+`` run of the text); ``None`` when some
        alternative needs no known word, or the pattern cannot be analysed.
    """
    if pattern.flags & (re.IGNORECASE | re.ASCII | re.LOCALE) or not isinstance(
        pattern.pattern, str
    ):
        return None
    try:
        items = list(sre_parse.parse(pattern.pattern, pattern.flags))
    except (re.error, TypeError, ValueError, AttributeError):
        return None
    needs = []
    for branch in _alternatives(items):
        pieces = sorted(set(_word_pieces(branch)))
        if not pieces:
            return None
        needs.append(tuple(pieces))
    return tuple(dict.fromkeys(needs))  # alternatives that differ only in other text: once


def compile_words(needs: WordNeeds) -> Callable[[set[str]], bool]:
    """Return whether a text with these runs (:func:`text_words`) can meet ``needs``.

    One boolean expression over frozensets made here, with the same answer as "some
    alternative has a word of each of its pieces": pieces every alternative has are tested
    once, and the alternatives left with a single piece are tested together, as one set
    (``not words.isdisjoint(P0) and (not words.isdisjoint(P1) or ...)``).
    """
    common = set(needs[0]).intersection(*needs[1:]) if needs else set()
    sets: dict[str, frozenset[str]] = {}

    def test(words: set[str] | tuple[str, ...]) -> str:
        name = f"P{len(sets)}"
        sets[name] = frozenset(words)
        return f"not words.isdisjoint({name})"

    tests = [test(piece) for piece in sorted(common)]
    rest = [[p for p in pieces if p not in common] for pieces in needs]
    if needs and all(rest):
        singles = {word for pieces in rest if len(pieces) == 1 for word in pieces[0]}
        either = [test(singles)] if singles else []
        either += [" and ".join(test(p) for p in pieces) for pieces in rest if len(pieces) > 1]
        tests.append("(" + " or ".join(f"({t})" for t in either) + ")")
    source = " and ".join(tests) if needs else "False"
    # Names of frozensets made above, nothing else: no builtins are given.
    return eval(f"lambda words: {source or 'True'}", {"__builtins__": {}, **sets})  # noqa: S307


def words_from_table(table: object) -> dict[str, WordNeeds | None]:
    """The whole-word needs by regex of :func:`~analysis.sentiment.rule_needs.needs_table`'s
    object (``None`` for a regex with none); empty for another version or anything
    unexpected. An entry not shaped as written (:func:`.rule_needs.read_entry`) is left
    out: the needs of those regexes are then worked out from the patterns."""
    if not isinstance(table, dict) or table.get("version") != NEEDS_VERSION:
        return {}
    found = table.get("words")
    if not isinstance(found, dict):
        return {}
    words: dict[str, WordNeeds | None] = {}
    for regex, needs in found.items():
        read = None if needs is None else read_entry(needs)
        if isinstance(regex, str) and (needs is None or read is not None):
            words[regex] = read
    return words


def _boundary_next(items, i: int) -> bool:
    """Whether a word boundary certainly follows item ``i - 1``: the next item that consumes
    text is a non-word literal, or ``\\b`` comes first; an optional group that starts with
    one is looked past."""
    for k, (op, value) in enumerate(items[i:], start=i):
        if op is sre_constants.AT:
            return value is sre_constants.AT_BOUNDARY
        if op in _ZERO_WIDTH:
            continue
        if op in _REPEATS and value[0] == 0:
            return _starts_on_boundary(value[2]) and _boundary_next(items, k + 1)
        return op is sre_constants.LITERAL and not _WORD_CHAR.match(chr(value))
    return False


def _starts_on_boundary(items) -> bool:
    """Whether every way through ``items`` starts with a non-word literal or ``\\b``."""
    for op, value in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre_constants.AT:
            return value is sre_constants.AT_BOUNDARY
        if op is sre_constants.LITERAL:
            return not _WORD_CHAR.match(chr(value))
        alternatives = _alternatives_of(op, value)
        return alternatives is not None and all(_starts_on_boundary(b) for b in alternatives)
    return False


def _ends_on_boundary(items) -> bool:
    """Whether every way through ``items`` ends just after a non-word literal or on ``\\b``."""
    for op, value in reversed(list(items)):
        if op in _ZERO_WIDTH:
            continue
        if op is sre_constants.AT:
            return value is sre_constants.AT_BOUNDARY
        if op is sre_constants.LITERAL:
            return not _WORD_CHAR.match(chr(value))
        if op is sre_constants.BRANCH:
            return all(_ends_on_boundary(b) for b in value[1])
        if op is sre_constants.SUBPATTERN and not value[1] and not value[2]:
            return _ends_on_boundary(value[3])
        return False
    return False


def _alternatives_of(op, value) -> list | None:
    """The alternatives of a plain group or alternation, else ``None``."""
    if op is sre_constants.BRANCH:
        return list(value[1])
    if op is sre_constants.SUBPATTERN and not value[1] and not value[2]:
        inner = list(value[3])
        if len(inner) == 1 and inner[0][0] is sre_constants.BRANCH:
            return list(inner[0][1][1])
        return [inner]
    return None


def _leading_word(items, bounded_after: bool) -> str | None:
    """The word a sequence starts with, when that word is certainly a whole run: its literal
    word characters up to a boundary inside it, or all of it when ``bounded_after``."""
    chars: list[str] = []
    for i, (op, value) in enumerate(items):
        if op is sre_constants.LITERAL and _WORD_CHAR.match(chr(value)):
            chars.append(chr(value))
            continue
        return "".join(chars) if chars and _boundary_next(items, i) else None
    return "".join(chars) if chars and bounded_after else None


def _word_pieces(items) -> list[tuple[str, ...]]:
    """Pieces of whole words every match of the sequence ``items`` contains (a safe subset)."""
    items = list(items)
    pieces: list[tuple[str, ...]] = []
    before = False  # the character before the current position is certainly a non-word one
    i = 0
    while i < len(items):
        op, value = items[i]
        if op is sre_constants.AT:
            before = value is sre_constants.AT_BOUNDARY
        elif op in _ZERO_WIDTH:
            pass
        elif op is sre_constants.LITERAL and not _WORD_CHAR.match(chr(value)):
            before = True
        elif op is sre_constants.LITERAL:
            j = i
            while j < len(items) and items[j][0] is sre_constants.LITERAL:
                if not _WORD_CHAR.match(chr(items[j][1])):
                    break
                j += 1
            if before and _boundary_next(items, j):
                pieces.append(("".join(chr(v) for _, v in items[i:j]),))
            before = False
            i = j
            continue
        elif op in _REPEATS:
            least, _most, inner = value
            ends = _ends_on_boundary(inner)
            before = (before and ends) if least == 0 else ends
        elif (alternatives := _alternatives_of(op, value)) is not None:
            bounded = _boundary_next(items, i + 1)
            words = [_leading_word(list(b), bounded) for b in alternatives] if before else [None]
            if all(words):
                pieces.append(tuple(sorted(set(words))))  # type: ignore[arg-type]
            before = _ends_on_boundary([(op, value)])
        else:
            before = False
        i += 1
    return pieces
