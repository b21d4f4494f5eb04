"""The words topic discovery counts.

A comment's *terms* are the stems of its content words plus the pairs of neighbouring
content words ("custom servic" for "customer service"). Left out: stop words
(``analysis/data/stopwords.txt``), the words of ``analysis/data/topic_ignore.txt``
(greetings, sign-offs, e-mail headers, fillers, verbs that go with any topic, and words
that only say how good or bad something is), numbers and words with digits, one-letter
words, runs of one letter ("xxxx"), the redaction placeholders ("[name]"), web links and
@handles; a hashtag is read as its words ("#LostLuggage"). A pair
never spans a left-out word or a clause boundary.

Greetings and sign-offs often come with words that do carry topics elsewhere ("hi *team*",
"thanks in *advance*", "regards, *Jo*"). So the phrases of two or three words that open or
close many comments of a corpus and contain a greeting word (:func:`learn_edge_phrases`)
are left out as a whole, wherever they open or close a comment (:class:`TermReader`).

Topic labels are made in :mod:`analysis.topic_labels`.

A comment's tokens and stems as topic discovery reads them (:func:`topic_tokens`) do not
depend on the corpus, so an import's worker reads them ahead (:func:`reading`) and the
analysis hands them over (:func:`hand_over`) instead of tokenising again.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources

from analysis.text import BOUNDARY, analysed, is_content_word, stem

#: Redaction placeholders (``analysis.privacy``) are not words people wrote.
_PLACEHOLDER = re.compile(r"\[(?:email|phone|link|name)\]", re.IGNORECASE)
#: Web links say where to look, not what a comment is about. (In a workspace the privacy
#: gate has already replaced links and e-mail addresses by placeholders; ``rapport themes``
#: reads HR's own file as it is.)
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
#: A hashtag's words ("#LostLuggage" is "Lost Luggage").
_HASHTAG = re.compile(r"(?<![\w&])#(\w+)")
_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")
#: An opening or closing phrase is boilerplate when it opens (or closes) this share of the
#: comments, and at least :data:`EDGE_MIN_COUNT` of them.
EDGE_SHARE = 0.002
EDGE_MIN_COUNT = 3
#: Longest opening or closing phrase looked for, in words.
EDGE_WORDS = 3


#: topics-6: topics-5 (swearing kept out of labels and terms), with the number of topics
#: chosen by the topic silhouette, where each topic counts once (stored topics are
#: discovered again). Also names how comments are read here (:func:`reading`): a
#: handed-over reading of another version is never taken.
#: topics-7: topics-6 with two power iterations in the word vectors' randomized SVD instead
#: of four (the same NMI on the development corpora, about 0.15 s less at 16,000 comments).
#: topics-8: topics-7 named better (the same topics; stored ones are named again): a label
#: never holds a word that fits any topic (the ``[unnamed]`` words) unless the topic has no
#: other, one idea in two forms, or a word that already names a larger topic.
#: topics-9: topics-8 with cheaper k-means: at most ten Lloyd steps per start when choosing
#: k, then the topics clustered from the chosen k's centres instead of three new starts
#: (NMI within the spread between seeds, about 0.4 s less at 16,000 comments).
#: topics-10: topics-9 reading every apostrophe as ``'`` (:func:`analysis.text.normalise`):
#: typed with ʼ, a letter, "donʼt" and "wasnʼt ready" were words that named topics; with ´
#: or ՚, "don´t" was "don" and "t" (comments are read again and topics discovered again).
#: topics-11: topics-10 reading "IT" and "PM" written in capitals as their own words (not
#: the stop word "it", nor the time "pm"; :mod:`analysis.capitals`) and "R&D" as one word,
#: and showing a short word most people write in capitals so ("CRM", "VP"): "IT access"
#: can name a topic.
#: topics-12: topics-11 naming a term the topic's comments mostly deny with its denial
#: ("no real issues") and a department's name only in a topic about that department (the
#: same topics; :mod:`analysis.topic_negation`, :mod:`analysis.topic_naming`).
#: topics-13: topics-12 choosing the number of topics by the median topic silhouette of
#: the k-means starts (not the tightest start's alone), from a third of the ceiling (not
#: half), and reading every word of a department name joined by "and" or "&" as the
#: name's (shown whole, "Research and Development", in a topic about it).
TOPICS_VERSION = "topics-13"
#: Readings handed over by :func:`hand_over`, by text: encoded until first read.
_handed: dict[str, str | tuple[tuple[str, ...], tuple[str, ...]]] = {}


@lru_cache(maxsize=1)
def word_groups() -> dict[str, frozenset[str]]:
    """The groups of ``analysis/data/topic_ignore.txt``: ``{"greetings": {...}, ...}``.

    Returns
    -------
    dict of str to frozenset of str
        Section name (``[greetings]`` etc.) to its lower-case words.
    """
    text = resources.files("analysis").joinpath("data/topic_ignore.txt").read_text("utf-8")
    groups: dict[str, set[str]] = {}
    current = groups.setdefault("", set())
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = groups.setdefault(line[1:-1], set())
        else:
            current.update(line.split())
    return {name: frozenset(words) for name, words in groups.items() if words}


@lru_cache(maxsize=1)
def ignored_words() -> frozenset[str]:
    """Every word of ``analysis/data/topic_ignore.txt`` but the ``[unshown]`` and
    ``[unnamed]`` groups: none carries a topic.

    Returns
    -------
    frozenset of str
        Words left out besides the stop words.
    """
    read = (UNSHOWN, UNNAMED)
    return frozenset().union(*(w for name, w in word_groups().items() if name not in read))


#: The group of ``topic_ignore.txt`` whose words are read but never shown as a topic's term.
UNSHOWN = "unshown"
#: The group whose words are read but never name a topic on their own (they fit any topic).
UNNAMED = "unnamed"


def unnamed_words() -> frozenset[str]:
    """The ``[unnamed]`` words: as written, none is a topic's label or term on its own
    (unless the topic has no other term).

    Returns
    -------
    frozenset of str
        Lower-case words ("time", "new", "received"...).
    """
    return word_groups().get(UNNAMED, frozenset())


@lru_cache(maxsize=1)
def unnamed_stems() -> frozenset[str]:
    """Stems of the ``[unnamed]`` words: only a term with one of these may be written as one.

    Returns
    -------
    frozenset of str
        As :func:`analysis.text.stem` gives them ("posit" for "positive" and "positions").
    """
    return frozenset(stem(word) for word in unnamed_words())


@lru_cache(maxsize=1)
def unshown_stems() -> frozenset[str]:
    """Stems of the ``[unshown]`` words (swearing): no topic label or term holds one.

    Returns
    -------
    frozenset of str
        As :func:`analysis.text.stem` gives them.
    """
    return frozenset(stem(word) for word in word_groups().get(UNSHOWN, ()))


@lru_cache(maxsize=1 << 17)
def is_topic_word(token: str) -> bool:
    """Whether ``token`` may carry a topic (see the module docstring).

    Parameters
    ----------
    token : str
        A token from :func:`analysis.text.tokenize`.

    Returns
    -------
    bool
        ``False`` for stop words, ignored words, numbers, words with digits and runs of
        one letter.
    """
    return (
        is_content_word(token)
        and token not in ignored_words()
        and not any(ch.isdigit() for ch in token)
        and len(set(token)) > 1
    )


def clean(text: str | None) -> str:
    """``text`` as topic discovery reads it (``None`` becomes empty).

    Redaction placeholders, web links and @handles are left out (a complaint tweeted at a
    company names the company in every message), and hashtags become their words
    ("#LostLuggage" reads "Lost Luggage").
    """
    if not text:
        return ""
    if "[" in text:
        text = _PLACEHOLDER.sub(" ", text)
    if "://" in text or "www." in text:
        text = _LINK.sub(" ", text)
    if "@" in text:  # a word that starts with it (after any opening bracket) is a handle
        text = " ".join(w for w in text.split() if not w.lstrip("([{\"'").startswith("@"))
    if "#" in text:
        text = _HASHTAG.sub(lambda m: " " + _HUMP.sub(" ", m[1]) + " ", text)
    return text


def reading(text: str | None) -> str:
    """``text``'s tokens and stems as topic discovery reads them, encoded for a hand-over.

    Parameters
    ----------
    text : str or None
        A comment as topic discovery will get it (redacted).

    Returns
    -------
    str
        The tokens, then a line break, then their stems, each joined by spaces (neither
        holds a space or a line break).
    """
    tokens, stems = analysed(clean(text))
    return " ".join(tokens) + "\n" + " ".join(stems)


def hand_over(readings: Mapping[str, str]) -> None:
    """Keep readings made elsewhere (:func:`reading`, by text) for :func:`topic_tokens`.

    Parameters
    ----------
    readings : mapping of str to str
        Text -> its :func:`reading`, made with this :data:`TOPICS_VERSION`.
    """
    _handed.update(readings)


def forget_handed() -> None:
    """Drop the readings kept by :func:`hand_over`."""
    _handed.clear()


def topic_tokens(text: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The tokens and stems of ``text`` as topic discovery reads it (after :func:`clean`).

    Parameters
    ----------
    text : str or None
        A comment (redacted or not).

    Returns
    -------
    tuple
        ``(tokens, stems)``: the handed-over reading of ``text`` when there is one, else
        :func:`analysis.text.analysed` of the cleaned text (the same tuples).
    """
    found = _handed.get(text) if text else None
    if found is None:
        return analysed(clean(text))
    if isinstance(found, str):
        tokens, _, stems = found.partition("\n")
        found = _handed[text] = (_split(tokens), _split(stems))
    return found


def _split(words: str) -> tuple[str, ...]:
    """The words of a reading, each string shared by all its uses (as the stem cache shares
    stems): 160,000 comments' readings held about 250 MB more without it."""
    return tuple(map(sys.intern, words.split(" "))) if words else ()


class TermReader:
    """Reads the terms of comments, leaving out the boilerplate phrases of a corpus.

    Parameters
    ----------
    openers, closers : set of tuple of str, optional
        Token sequences left out where they open or close a comment (see
        :func:`learn_edge_phrases`); none by default.
    """

    def __init__(self, openers=frozenset(), closers=frozenset()) -> None:
        self.openers = frozenset(openers)
        self.closers = frozenset(closers)
        self._heads = frozenset(p[0] for p in self.openers)
        self._tails = frozenset(p[-1] for p in self.closers)

    def __call__(self, text: str | None) -> list[str]:
        """The terms of one comment: content-word stems and neighbouring pairs of them.

        Parameters
        ----------
        text : str or None
            A comment (redacted or not).

        Returns
        -------
        list of str
            Stems (``"ticket"``) and pairs (``"custom servic"``) in order of appearance.
        """
        tokens, stems = topic_tokens(text)
        start, stop = self.span(tokens)
        out: list[str] = []
        previous = None
        keep = is_topic_word
        for token, stem_ in zip(tokens[start:stop], stems[start:stop], strict=True):
            if token == BOUNDARY or not keep(token):
                previous = None
                continue
            out.append(stem_)
            if previous is not None:
                out.append(f"{previous} {stem_}")
            previous = stem_
        return out

    def span(self, tokens: Sequence[str]) -> tuple[int, int]:
        """``(start, stop)`` of ``tokens`` without opening and closing boilerplate."""
        return _trim(tokens, self.openers, self.closers, self._heads, self._tails)


@lru_cache(maxsize=1)
def _anchors() -> frozenset[str]:
    groups = word_groups()
    return groups.get("greetings", frozenset()) | groups.get("headers", frozenset())


def _phrase_at(tokens: Sequence[str], start: int, stop: int, known, forward: bool) -> int:
    """Length of the longest phrase of ``known`` that opens (or closes) ``start:stop``."""
    for n in range(EDGE_WORDS, 1, -1):
        if stop - start < n:
            continue
        phrase = tuple(tokens[start : start + n]) if forward else tuple(tokens[stop - n : stop])
        if phrase in known:
            return n
    return 0


def _peelable(token: str, anchors: frozenset[str]) -> bool:
    """Clause marks, greeting words and numbers (times, dates) at an end of a comment."""
    return token == BOUNDARY or token in anchors or any(ch.isdigit() for ch in token)


@lru_cache(maxsize=1 << 16)
def _peels(token: str) -> bool:
    """:func:`_peelable` with the greeting and header words, cached per token."""
    return _peelable(token, _anchors())


def _trim(tokens: Sequence[str], openers, closers, heads, tails) -> tuple[int, int]:
    """Take known phrases, clause marks, lone greeting words and numbers off both ends.

    ``heads`` and ``tails`` are the first words of ``openers`` and last words of
    ``closers`` (a quick test before looking for a phrase).
    """
    start, stop = 0, len(tokens)
    # The closing side first: in "Hi team, thanks in advance!" the greeting word "thanks"
    # belongs to the closing phrase, which peeling the opening side would break up.
    while stop > start:
        n = 0
        if tokens[stop - 1] in tails:
            n = _phrase_at(tokens, start, stop, closers, forward=False)
        if not n and _peels(tokens[stop - 1]):
            n = 1
        if not n:
            break
        stop -= n
    while start < stop:
        n = 0
        if tokens[start] in heads:
            n = _phrase_at(tokens, start, stop, openers, forward=True)
        if not n and _peels(tokens[start]):
            n = 1
        if not n:
            break
        start += n
    return start, stop


def _edges(tokens: Sequence[str], anchors: frozenset[str]):
    """Phrases of 2 to :data:`EDGE_WORDS` words with a greeting word at either end.

    They are read at the very end and again after each clause mark, lone greeting word or
    number there, so "Please advise. Thanks" closes with "please advise" as well.
    """
    opening: set[tuple[str, ...]] = set()
    closing: set[tuple[str, ...]] = set()
    start, stop = 0, len(tokens)
    while start < stop and _peelable(tokens[start], anchors):
        if tokens[start] != BOUNDARY:
            opening.update(_grams(tokens[start:stop], forward=True))
        start += 1
    opening.update(_grams(tokens[start:stop], forward=True))
    while stop > start and _peelable(tokens[stop - 1], anchors):
        if tokens[stop - 1] != BOUNDARY:
            closing.update(_grams(tokens[start:stop], forward=False))
        stop -= 1
    closing.update(_grams(tokens[start:stop], forward=False))
    return (
        {p for p in opening if anchors.intersection(p)},
        {p for p in closing if anchors.intersection(p)},
    )


def _grams(words: Sequence[str], forward: bool) -> list[tuple[str, ...]]:
    out = []
    for n in range(2, min(EDGE_WORDS, len(words)) + 1):
        gram = tuple(words[:n]) if forward else tuple(words[-n:])
        if BOUNDARY not in gram:
            out.append(gram)
    return out


def learn_edge_phrases(texts: Sequence[str | None]) -> TermReader:
    """A :class:`TermReader` that leaves out the boilerplate openings and closings of ``texts``.

    A phrase of two to :data:`EDGE_WORDS` words is boilerplate when it contains a word of
    the ``[greetings]`` group and opens (or closes) at least :data:`EDGE_SHARE` of the
    distinct comments, and at least :data:`EDGE_MIN_COUNT` of them.

    Parameters
    ----------
    texts : sequence of str or None
        The comments (a sample of a large corpus is enough).

    Returns
    -------
    TermReader
    """
    anchors = _anchors()
    opening: Counter[tuple[str, ...]] = Counter()
    closing: Counter[tuple[str, ...]] = Counter()
    for text in dict.fromkeys(texts):  # a repeated comment counts once
        tokens = topic_tokens(text)[0]
        if not anchors.intersection(tokens):
            continue
        starts, ends = _edges(tokens, anchors)
        opening.update(starts)
        closing.update(ends)
    least = max(EDGE_MIN_COUNT, EDGE_SHARE * len(texts))
    return TermReader(
        {p for p, n in opening.items() if n >= least},
        {p for p, n in closing.items() if n >= least},
    )


_PLAIN = TermReader()


def topic_terms(text: str | None) -> list[str]:
    """The terms of one comment with no corpus-specific boilerplate (see :class:`TermReader`).

    Parameters
    ----------
    text : str or None
        A comment (redacted or not).

    Returns
    -------
    list of str
        Stems and pairs of neighbouring stems, in order.
    """
    return _PLAIN(text)
