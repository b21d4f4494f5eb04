"""Text utilities shared by conflict language, themes and topic discovery.

Everything here works offline: tokens come from one regular expression (Python's ``re``,
the pattern NLTK's ``RegexpTokenizer`` was given before, at a quarter of its cost), the
Snowball project's English stemmer (PyStemmer) needs no downloaded data, and the stop-word
list ships with Rapport (``analysis/data/stopwords.txt``). Stemming is cached per token, so
a corpus of 200,000 comments costs one stemmer call per distinct word.

Phrases (markers, theme keywords) are written plainly and stemmed at load time with the
same functions as the comments, so "blamed", "blames" and "blaming" all match "blame".
Inside a phrase, ``*`` stands for exactly one word and ``...`` for a gap of up to three
words ("escalated ... to the VP" matches "escalated it straight to the VP").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from analysis.capitals import KEPT_CAPITALS, keep_capitals, may_keep
from surveys.text_fold import Translator

ANY_WORD = "*"
GAP = "..."
_WILDCARDS = frozenset((ANY_WORD, GAP))
MAX_GAP = 3

#: Words that negate the phrase that follows them (checked a few words back).
NEGATORS = frozenset(
    {
        *("not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "without"),
        *("hardly", "barely", "instead", "rather", "cannot"),
        *("don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't"),
        *("wouldn't", "can't", "couldn't", "shouldn't", "haven't", "hasn't", "hadn't"),
        "ain't",
    }
)

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u02bc": "'",  # the modifier letter apostrophe: a letter, so "donʼt" was one word
        "\u055a": "'",  # Armenian; ´ is read in normalise, U+FF07 is NFKC's "'"
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)

#: The token that stands for the end of a clause (. ! ? ;): phrases never match across it.
BOUNDARY = "."

# Words (letters or digits in any script), keeping contractions such as "don't" whole,
# two letters joined by "&" ("R&D", "L&D", "A&E": departments, where the letters alone
# were dropped as one-letter words) and clause punctuation, which becomes BOUNDARY.
_JOINED = r"(?<![^\W_])[^\W\d_]&[^\W\d_](?![^\W_])"
_WORD_OR_MARK = r"[^\W_]+(?:'[^\W_]+)*|[.!?;]+"
TOKEN_PATTERN = f"{_JOINED}|{_WORD_OR_MARK}"
#: :data:`_TRANSLATE` applied, quickly on ASCII text.
_TYPOGRAPHIC = Translator(_TRANSLATE)
_BOUNDARY_CHARS = frozenset(".!?;")
_POSSESSIVE = re.compile(r"'s$")


_TOKEN = re.compile(TOKEN_PATTERN, re.UNICODE | re.MULTILINE | re.DOTALL)
#: :data:`TOKEN_PATTERN` for a text without "&": trying the "R&D" alternative at every word
#: made reading any comment about a fifth slower.
_TOKEN_NO_AMPERSAND = re.compile(_WORD_OR_MARK, re.UNICODE | re.MULTILINE | re.DOTALL)


@lru_cache(maxsize=1)
def _stemmer():
    # The Snowball project's own English stemmer (PyStemmer, C): importing it takes
    # milliseconds, where NLTK's pulls in SciPy (over a second of every analysis).
    import Stemmer

    return Stemmer.Stemmer("english")


def normalise(text: str | None) -> str:
    """Lower-case ``text`` and unify quotes, dashes and compatibility characters.

    Parameters
    ----------
    text : str or None
        Any comment; ``None`` is treated as empty.

    Returns
    -------
    str
        NFKC-normalised, lower-cased text with typographic quotes replaced by ASCII ones.
    """
    return _plain(text).lower()


def _plain(text: str | None) -> str:
    """:func:`normalise` before lower-casing."""
    if not text:
        return ""
    if "\u00b4" in text:  # a keyboard's accent for an apostrophe ("don´t"): NFKC would
        text = text.replace("\u00b4", "'")  # make it a space and a combining mark
    return _TYPOGRAPHIC(unicodedata.normalize("NFKC", text))


def tokenize(text: str | None) -> list[str]:
    """Split ``text`` into normalised word tokens.

    Contractions stay whole ("don't"), possessives lose their "'s" ("Sales's" -> "sales")
    and clause punctuation (. ! ? ;) becomes one :data:`BOUNDARY` token. Tokens are lower
    case, but for the acronyms of :data:`analysis.capitals.KEPT_CAPITALS` written in
    capitals: "IT" (the department) is not "it", "PM" (a manager) not "3 pm".

    Parameters
    ----------
    text : str or None
        Raw comment text.

    Returns
    -------
    list of str
        The tokens in order.
    """
    plain = _plain(text)
    normalised = plain.lower()
    pattern = _TOKEN if "&" in plain else _TOKEN_NO_AMPERSAND
    tokens = pattern.findall(normalised)
    if may_keep(plain):  # "IT", "PM": read as written (analysis.capitals)
        tokens = keep_capitals(pattern.findall(plain), tokens)
    if "'s" not in normalised:  # no possessive to take off: one comprehension
        return [BOUNDARY if token[0] in _BOUNDARY_CHARS else token for token in tokens]
    out = []
    for token in tokens:
        if token[0] in _BOUNDARY_CHARS:
            token = BOUNDARY
        elif token.endswith("'s"):
            token = _POSSESSIVE.sub("", token)
        out.append(token)
    return out


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """The Snowball (English) stem of one normalised token, cached.

    Parameters
    ----------
    token : str
        A token from :func:`tokenize`.

    Returns
    -------
    str
        Its stem; contractions, negators and the acronyms kept in capitals ("IT") are
        kept as they are.
    """
    if "'" in token or token in NEGATORS or token in KEPT_CAPITALS:
        return token
    return _stemmer().stemWord(token)


#: How many distinct texts :func:`analysed` remembers: the pipeline runs conflict
#: language, themes and topics over the same comments, so each is tokenised once.
TEXT_CACHE_SIZE = 1 << 18


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def analysed(text: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The tokens of ``text`` and their stems, cached per distinct text.

    Parameters
    ----------
    text : str or None
        Raw comment text.

    Returns
    -------
    tuple
        ``(tokens, stems)``, two tuples of the same length.
    """
    tokens = tuple(tokenize(text))
    return tokens, tuple(map(stem, tokens))


def stems(text: str | None) -> tuple[str, ...]:
    """The stemmed token sequence of ``text`` (for phrase matching).

    Parameters
    ----------
    text : str or None
        Raw comment text.

    Returns
    -------
    tuple of str
        One stem per token, in order (see :func:`analysed`).
    """
    return analysed(text)[1]


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Rapport's built-in English stop words (``analysis/data/stopwords.txt``).

    Returns
    -------
    frozenset of str
        Lower-case words; comment lines start with ``#``.
    """
    text = resources.files("analysis").joinpath("data/stopwords.txt").read_text("utf-8")
    words = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        words.update(line.split())
    return frozenset(words)


def is_content_word(token: str) -> bool:
    """Whether ``token`` may carry a topic: not a stop word, not a number, two+ letters.

    Parameters
    ----------
    token : str
        A token from :func:`tokenize`.

    Returns
    -------
    bool
        ``True`` for a word worth counting in topic discovery.
    """
    return len(token) > 1 and not token.isdigit() and token not in stop_words()


def words(text: str | None) -> list[str]:
    """The word tokens of ``text`` without clause punctuation.

    Parameters
    ----------
    text : str or None
        Raw comment text.

    Returns
    -------
    list of str
        Tokens from :func:`tokenize` minus :data:`BOUNDARY`.
    """
    return [t for t in tokenize(text) if t != BOUNDARY]


def compile_phrase(phrase: str) -> tuple[str, ...]:
    """Stem a plainly written phrase into the pattern :class:`PhraseMatcher` uses.

    An acronym of :data:`analysis.capitals.KEPT_CAPITALS` written in capitals stays so:
    "IT" finds the department only (see :func:`spellings` for one written in lower case).

    Parameters
    ----------
    phrase : str
        E.g. ``"went over * heads"`` or ``"escalated ... to the VP"``.

    Returns
    -------
    tuple of str
        Stems, with ``*`` and ``...`` kept as wildcards. Empty if the phrase has no word.
    """
    parts: list[str] = []
    for chunk in _plain(phrase).split():
        if chunk in (ANY_WORD, GAP):
            parts.append(chunk)
        else:
            parts.extend(stem(t) for t in tokenize(chunk) if t != BOUNDARY)
    while parts and parts[0] in (ANY_WORD, GAP):
        parts.pop(0)
    while parts and parts[-1] in (ANY_WORD, GAP):
        parts.pop()
    return tuple(parts)


def spellings(pattern: tuple[str, ...]) -> list[tuple[str, ...]]:
    """``pattern`` and, for each of its words that is a kept acronym in lower case ("it",
    "pm"), the same pattern with that word in capitals too.

    A phrase written in lower case finds the word however it is written, as before the
    acronyms were kept: "shadow it" finds "shadow IT"; "shadow IT" finds only that.

    Parameters
    ----------
    pattern : tuple of str
        A pattern from :func:`compile_phrase`.

    Returns
    -------
    list of tuple of str
        Every spelling, ``pattern`` first.
    """
    out = [pattern]
    for i, part in enumerate(pattern):
        if part.upper() in KEPT_CAPITALS and part.islower():
            out += [(*p[:i], part.upper(), *p[i + 1 :]) for p in out]
    return out


@dataclass(frozen=True)
class Match:
    """One phrase found in a stem sequence: ``key`` at token positions ``start:end``."""

    key: str
    phrase: tuple[str, ...]
    start: int
    end: int


class PhraseMatcher:
    """Find many stemmed phrases in stem sequences, indexed by each phrase's first stem.

    Parameters
    ----------
    phrases : Mapping[str, Iterable[str]]
        Key (marker or theme id) -> plainly written phrases.
    """

    def __init__(self, phrases: Mapping[str, Iterable[str]]) -> None:
        # first stem -> (key, spelling, pattern): a match reports the pattern as written
        self._by_first: dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]] = {}
        for key, written in phrases.items():
            for phrase in written:
                pattern = compile_phrase(phrase)
                for spelling in spellings(pattern) if pattern else ():
                    known = self._by_first.setdefault(spelling[0], [])
                    if all(k != key or s != spelling for k, s, _ in known):  # "it" and "IT"
                        known.append((key, spelling, pattern))
        self._firsts = frozenset(self._by_first)

    def find(self, stemmed: Sequence[str]) -> list[Match]:
        """Every match of every phrase in ``stemmed``, in order of position.

        Parameters
        ----------
        stemmed : Sequence[str]
            A sequence from :func:`stems`.

        Returns
        -------
        list of Match
            Overlapping matches of different phrases are all reported.
        """
        if self._firsts.isdisjoint(stemmed):  # most comments: no phrase can start anywhere
            return []
        found: list[Match] = []
        by_first, size = self._by_first, len(stemmed)
        for i, token in enumerate(stemmed):
            for key, spelling, pattern in by_first.get(token, ()):
                if len(spelling) == 1:  # a keyword: nothing more to check
                    found.append(Match(key, pattern, i, i + 1))
                    continue
                second = spelling[1]
                if second not in _WILDCARDS and (i + 1 >= size or stemmed[i + 1] != second):
                    continue  # the second word already differs
                end = _match_at(spelling, 1, stemmed, i + 1)
                if end is not None:
                    found.append(Match(key, pattern, i, end))
        return found


def _match_at(pattern: tuple[str, ...], p: int, seq: Sequence[str], s: int) -> int | None:
    """End position if ``pattern[p:]`` matches ``seq`` from ``s`` (gaps tried shortest first)."""
    while p < len(pattern):
        part = pattern[p]
        if part == GAP:
            for skip in range(MAX_GAP + 1):
                if skip and (s + skip > len(seq) or seq[s + skip - 1] == BOUNDARY):
                    return None
                end = _match_at(pattern, p + 1, seq, s + skip)
                if end is not None:
                    return end
            return None
        if s >= len(seq) or seq[s] == BOUNDARY or (part != ANY_WORD and seq[s] != part):
            return None
        p += 1
        s += 1
    return s


def negated(stemmed: Sequence[str], start: int, window: int = 3) -> bool:
    """Whether a negator occurs in the ``window`` tokens before position ``start``.

    The look-back stops at a clause boundary ("Not great. They helped us" is not negated).

    Parameters
    ----------
    stemmed : Sequence[str]
        A sequence from :func:`stems`.
    start : int
        Where the phrase begins.
    window : int
        How many tokens back to look.

    Returns
    -------
    bool
        ``True`` if the phrase is negated ("never helped us", "wasn't their fault").
    """
    for t in reversed(stemmed[max(0, start - window) : start]):
        if t == BOUNDARY:
            return False
        if t in NEGATORS:
            return True
    return False


def clause_span(stemmed: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """The span of the clause (between boundaries) around positions ``start:end``.

    Parameters
    ----------
    stemmed : Sequence[str]
        A sequence from :func:`stems`.
    start, end : int
        The span of a match.

    Returns
    -------
    tuple of int
        ``(first, stop)`` positions of the clause, ``stemmed[first:stop]``.
    """
    a = start
    while a > 0 and stemmed[a - 1] != BOUNDARY:
        a -= 1
    b = end
    while b < len(stemmed) and stemmed[b] != BOUNDARY:
        b += 1
    return a, b


def capitalised(text: str) -> str:
    """``text`` with its first character upper case if it is a lower-case letter.

    A discovered topic is named by its top words in lower case ("sales, committing,
    deal"); where one stands as a title or a line of its own beside names that begin with
    a capital ("Responsiveness"), on screen, on a slide or in the Theme column of the
    exported themes table, it goes through this. The stored labels and the results keep
    their case.
    """
    return text[:1].upper() + text[1:] if text[:1].islower() else text
