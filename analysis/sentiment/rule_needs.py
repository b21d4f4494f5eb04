"""The literal text a phrase rule's regular expression needs before it can match at all.

A workplace rule (``analysis/data/workplace_rules.yaml``) is tried on a comment when one of
its trigger words occurs in it. Most rules are alternations of several phrasings, and
common trigger words ("work", "time", "not") let many comments through to a regular
expression that cannot match them: trying it costs several microseconds, and lexicon
scoring spent most of its time there.

:func:`literal_needs` reads a compiled pattern's syntax tree (Python's own parser of
regular expressions) and, for each top-level alternative, keeps up to
:data:`KEPT_PER_BRANCH` pieces of literal text that every match of that alternative
contains, each piece a short list of strings of which one must occur ("caught" or
"spotted"; "time to"). :func:`may_match` checks them with substring tests: when no
alternative has all its pieces in the text, the expression cannot match and is not run.
Only a shortcut: what matches, and where, is unchanged (``tests/analysis/test_sentiment_rules.py``
checks it over Rapport's labelled comments).

Plain Python; safe on any thread and in worker processes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

try:  # the parser behind re.compile (Python 3.11 names it re._parser)
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older layout
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

#: Literal pieces kept per alternative (the most selective first).
KEPT_PER_BRANCH = 3
#: A piece with more alternatives than this costs about as much as the expression.
MAX_ALTERNATIVES = 20
#: Shorter strings occur almost everywhere ("to", " ").
MIN_LENGTH = 3

#: The version of what :func:`literal_needs` works out; the needs shipped with the workplace
#: rules (``analysis/data/workplace_rule_needs.json``, :func:`needs_table`) are used only
#: when they carry it. Raise it with any change to how needs are found.
NEEDS_VERSION = 2

Piece = tuple[str, ...]  # one of these strings must occur
Needs = tuple[tuple[Piece, ...], ...]  # per top-level alternative: every piece must occur


def literal_needs(pattern: re.Pattern[str]) -> Needs | None:
    """Return what ``pattern`` needs in a text to match, or ``None`` if that is not known.

    Parameters
    ----------
    pattern : re.Pattern
        A compiled expression without case-insensitive matching.

    Returns
    -------
    tuple or None
        One entry per top-level alternative, each a tuple of pieces (tuples of strings, one
        of which must occur); ``None`` when some alternative needs no usable literal text,
        or the pattern cannot be analysed: then the expression must always be tried.
    """
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        items = list(sre_parse.parse(pattern.pattern, pattern.flags))
    except (re.error, TypeError, ValueError, AttributeError):
        return None
    needs = []
    for branch in _alternatives(items):
        # ties in the order of the pieces themselves, not of the set: the same needs in
        # every process (the shipped file of them, lexicon.shipped_needs, is checked so)
        found = set(_usable(_pieces(branch)))
        pieces = sorted(found, key=lambda p: (_selectivity(p), p))[:KEPT_PER_BRANCH]
        if not pieces:
            return None
        needs.append(tuple(pieces))
    return tuple(needs)


def needs_table(regexes: list[str]) -> dict:
    """The JSON object of the needs of ``regexes`` (those :func:`literal_needs` knows), and
    under ``words`` the whole-word needs of each (:func:`analysis.sentiment.rule_words.word_needs`,
    ``null`` when it has none).

    What ``scripts/update_rule_needs.py`` writes for the shipped workplace rules, so that a
    process building the scorer (the sentiment worker, at its start) need not parse each
    pattern a second time: read back by :func:`needs_from_table`.
    """
    from analysis.sentiment.rule_words import word_needs  # it builds on this module

    found = {}
    words: dict[str, list | None] = {}
    for regex in regexes:
        pattern = re.compile(regex)
        needs = literal_needs(pattern)
        if needs is not None:
            found[regex] = [[list(piece) for piece in pieces] for pieces in needs]
        whole = word_needs(pattern)
        words[regex] = None if whole is None else [[list(p) for p in pieces] for pieces in whole]
    return {"version": NEEDS_VERSION, "needs": found, "words": words}


def needs_from_table(table: object) -> dict[str, Needs]:
    """The needs of :func:`needs_table`'s object by regex; empty for another version or
    anything unexpected (the needs are then worked out from the patterns)."""
    if not isinstance(table, dict) or table.get("version") != NEEDS_VERSION:
        return {}
    found = table.get("needs")
    if not isinstance(found, dict):
        return {}
    return {
        regex: read
        for regex, needs in found.items()
        if isinstance(regex, str) and (read := read_entry(needs)) is not None
    }


def read_entry(entry: object) -> Needs | None:
    """One regex's needs as :func:`needs_table` writes them (lists of alternatives, of
    pieces, of strings), or ``None`` when it is not so shaped.

    An entry of no alternative, or a piece of no string, would make the rule's check
    always false, so that the rule is never tried; a piece written as one string would be
    read letter by letter. Such an entry (a hand-edited file) is passed over: the needs
    are then worked out from the pattern.
    """
    if not isinstance(entry, list) or not entry:
        return None
    for pieces in entry:
        if not isinstance(pieces, list) or not pieces:
            return None
        for piece in pieces:
            if not isinstance(piece, list) or not piece:
                return None
            if not all(isinstance(s, str) and s for s in piece):
                return None
    return tuple(tuple(tuple(piece) for piece in pieces) for pieces in entry)


def _alternatives(items) -> list[list]:
    """The top-level alternatives of a parsed pattern, each as a sequence of its own.

    The parser moves what all alternatives start with (usually ``\\b``) in front of the
    alternation: ``P(?:A|B)S`` is ``PAS|PBS``, so each alternative gets its own needs.
    """
    for i, (op, value) in enumerate(items):
        if op is sre_constants.BRANCH:
            return [[*items[:i], *branch, *items[i + 1 :]] for branch in value[1]]
    return [items]


def may_match(needs: Needs, text: str) -> bool:
    """Whether an expression with these :func:`literal_needs` could match ``text``."""
    for pieces in needs:
        for piece in pieces:
            for literal in piece:
                if literal in text:
                    break
            else:
                break  # this piece is missing: the alternative cannot match
        else:
            return True
    return False


def compile_needs(needs: Needs) -> Callable[[str], bool]:
    """Return :func:`may_match` for these needs as one function of the text.

    The same substring tests in the same order, written out as one boolean expression
    (``("caught" in text or "spotted" in text) and "time to" in text or ...``), so checking
    a rule costs no loop over tuples: about a third less time per rule than
    :func:`may_match`, with the same answer for every text.

    Parameters
    ----------
    needs : tuple
        What :func:`literal_needs` returned for a pattern (not ``None``).

    Returns
    -------
    callable
        ``check(text) == may_match(needs, text)`` for every ``text``.
    """
    branches = [
        " and ".join(
            f"({' or '.join(f'{lit!r} in text' for lit in piece) or 'False'})" for piece in pieces
        )
        or "True"
        for pieces in needs
    ]
    source = " or ".join(f"({branch})" for branch in branches) or "False"
    # Literal strings from a compiled pattern, written with repr(): the expression holds
    # nothing else and gets no builtins.
    return eval(f"lambda text: {source}", {"__builtins__": {}})  # noqa: S307


def _selectivity(piece: Piece) -> tuple[int, int]:
    return (len(piece), -min(len(s) for s in piece))


def _usable(pieces: list[Piece]) -> list[Piece]:
    return [
        p for p in pieces if len(p) <= MAX_ALTERNATIVES and min(len(s) for s in p) >= MIN_LENGTH
    ]


def _pieces(items) -> list[Piece]:
    """Pieces every match of the sequence ``items`` contains (a safe subset of them)."""
    pieces: list[Piece] = []
    run: list[str] = []
    for op, value in items:
        if op is sre_constants.LITERAL:
            run.append(chr(value))
            continue
        if run:  # anything else ends a run of literal characters
            pieces.append(("".join(run),))
            run = []
        if op is sre_constants.SUBPATTERN:
            _group, add_flags, del_flags, inner = value
            if not add_flags and not del_flags:
                pieces.extend(_pieces(inner))
        elif op is sre_constants.BRANCH:
            piece = _either(value[1])
            if piece is not None:
                pieces.append(piece)
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            least, _most, inner = value
            if least >= 1:
                pieces.extend(_pieces(inner))
        # anything else (classes, anchors, look-arounds, back-references) needs nothing known
    if run:
        pieces.append(("".join(run),))
    return pieces


def _either(branches) -> Piece | None:
    """One piece for an alternation: the best piece of each alternative, together."""
    found: set[str] = set()
    for branch in branches:
        usable = sorted(_usable(_pieces(branch)), key=_selectivity)
        if not usable:
            return None
        found.update(usable[0])
    return tuple(sorted(found))
