"""Frozen copy of ``analysis/topic_terms.py`` at ``topics-2`` for ``bench/topics_v2.py``.

Its word list is the frozen ``bench/topics_v2_ignore.txt``.

The words topic discovery counts, and the labels it gives topics.

A comment's *terms* are the stems of its content words plus the pairs of neighbouring
content words ("custom servic" for "customer service"). Left out: stop words
(``analysis/data/stopwords.txt``), the words of ``analysis/data/topic_ignore.txt``
(greetings, sign-offs, e-mail headers, fillers, verbs that go with any topic, and words
that only say how good or bad something is), numbers and words with digits, one-letter
words, runs of one letter ("xxxx") and the redaction placeholders ("[name]"). A pair never
spans a left-out word or a clause boundary.

Greetings and sign-offs often come with words that do carry topics elsewhere ("hi *team*",
"thanks in *advance*", "regards, *Jo*"). So the phrases of two or three words that open or
close many comments of a corpus and contain a greeting word (:func:`learn_edge_phrases`)
are left out as a whole, wherever they open or close a comment (:class:`TermReader`).

A topic's label is made of its most *distinctive* terms: those much more common among its
comments than in the corpus (each term scored ``p(t|topic) * log(p(t|topic) / p(t))`` on
document frequencies). A pair of words that carries most uses of one of its words replaces
that word (a key phrase, "customer service" rather than "service"). Terms are shown as the
words people wrote, not as stems.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from analysis.text import BOUNDARY, is_content_word
from analysis.text import analysed as _analysed_as_now


def analysed(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``analysis.text.analysed`` as it read before ``topics-11``: all in lower case ("IT"
    and "PM" were "it" and "pm", whose stems they are), so this frozen copy stays frozen."""
    tokens, stems = _analysed_as_now(text)
    if "IT" not in tokens and "PM" not in tokens:
        return tokens, stems
    return tuple(t.lower() for t in tokens), tuple(s.lower() for s in stems)


#: Redaction placeholders (``analysis.privacy``) are not words people wrote.
_PLACEHOLDER = re.compile(r"\[(?:email|phone|link|name)\]", re.IGNORECASE)
#: A pair of words becomes a key phrase when it carries this share of one word's uses.
PHRASE_SHARE = 0.5
#: An opening or closing phrase is boilerplate when it opens (or closes) this share of the
#: comments, and at least :data:`EDGE_MIN_COUNT` of them.
EDGE_SHARE = 0.002
EDGE_MIN_COUNT = 3
#: Longest opening or closing phrase looked for, in words.
EDGE_WORDS = 3


@lru_cache(maxsize=1)
def word_groups() -> dict[str, frozenset[str]]:
    """The groups of ``analysis/data/topic_ignore.txt``: ``{"greetings": {...}, ...}``.

    Returns
    -------
    dict of str to frozenset of str
        Section name (``[greetings]`` etc.) to its lower-case words.
    """
    text = (Path(__file__).parent / "topics_v2_ignore.txt").read_text("utf-8")
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
    """Every word of ``analysis/data/topic_ignore.txt``: none carries a topic.

    Returns
    -------
    frozenset of str
        Words left out besides the stop words.
    """
    return frozenset().union(*word_groups().values())


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
    """``text`` without redaction placeholders (``None`` becomes empty)."""
    if not text:
        return ""
    return _PLACEHOLDER.sub(" ", text) if "[" in text else text


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
        tokens, stems = analysed(clean(text))
        start, stop = self.span(tokens)
        out: list[str] = []
        previous = None
        keep = is_topic_word
        for i in range(start, stop):
            token, stem_ = tokens[i], stems[i]
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
        return _trim(tokens, self.openers, self.closers)


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


def _trim(tokens: Sequence[str], openers=frozenset(), closers=frozenset()) -> tuple[int, int]:
    """Take known phrases, clause marks, lone greeting words and numbers off both ends."""
    anchors = _anchors()
    start, stop = 0, len(tokens)
    while start < stop:
        n = _phrase_at(tokens, start, stop, openers, forward=True)
        if not n and _peelable(tokens[start], anchors):
            n = 1
        if not n:
            break
        start += n
    while stop > start:
        n = _phrase_at(tokens, start, stop, closers, forward=False)
        if not n and _peelable(tokens[stop - 1], anchors):
            n = 1
        if not n:
            break
        stop -= n
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
        tokens = analysed(clean(text))[0]
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


def distinctive_scores(doc_freq: np.ndarray, sizes: np.ndarray, total: np.ndarray) -> np.ndarray:
    """How distinctive each term is of each topic.

    Parameters
    ----------
    doc_freq : ndarray, shape (k, n_terms)
        Comments of each topic that contain each term.
    sizes : ndarray, shape (k,)
        Comments per topic.
    total : ndarray, shape (n_terms,)
        Comments of the whole corpus that contain each term.

    Returns
    -------
    ndarray, shape (k, n_terms)
        ``p(t|topic) * log(p(t|topic) / p(t))``; with one topic, ``p(t|topic)``.
    """
    n_docs = max(1.0, float(sizes.sum()))
    p_in = doc_freq / np.maximum(sizes, 1)[:, None]
    if len(sizes) == 1:
        return p_in
    p_all = np.maximum(total / n_docs, 1e-12)
    with np.errstate(divide="ignore", invalid="ignore"):
        lift = np.where(p_in > 0, np.log(np.maximum(p_in, 1e-12) / p_all), 0.0)
    return p_in * lift


def pick_terms(
    ranked: Sequence[int], names: Sequence[str], freq: np.ndarray, limit: int
) -> list[int]:
    """Up to ``limit`` terms from ``ranked`` (best first), preferring key phrases.

    A word already inside a chosen pair is skipped; a pair replaces a chosen word of its
    own when it holds at least :data:`PHRASE_SHARE` of that word's uses in the topic;
    otherwise a pair that repeats a chosen word is skipped.

    Parameters
    ----------
    ranked : sequence of int
        Term indices, most distinctive first (only terms the topic uses).
    names : sequence of str
        Term (stem or stem pair) of each index.
    freq : ndarray
        The topic's document frequency of each term.
    limit : int
        How many terms to return.

    Returns
    -------
    list of int
        Term indices in label order.
    """
    chosen: list[int] = []
    for term in ranked:
        words = names[term].split()
        holder = {w: c for c in chosen for w in names[c].split()}
        overlap = list(dict.fromkeys(holder[w] for w in words if w in holder))
        if not overlap:
            chosen.append(term)
        elif _is_key_phrase(term, overlap, names, freq):
            chosen[chosen.index(overlap[0])] = term
            chosen = [c for c in chosen if c not in overlap[1:]]
        if len(chosen) >= limit:
            break
    return chosen


def _is_key_phrase(term: int, words: list[int], names: Sequence[str], freq: np.ndarray) -> bool:
    """Whether the pair ``term`` should replace the chosen single ``words`` it contains."""
    return (
        " " in names[term]
        and all(" " not in names[w] for w in words)
        and freq[term] >= PHRASE_SHARE * max(freq[w] for w in words)
    )


def surface_forms(texts: Sequence[str | None], wanted: set[str]) -> dict[str, str]:
    """How people wrote each stem or stem pair of ``wanted`` in ``texts``.

    Parameters
    ----------
    texts : sequence of str or None
        Comments to read (a sample of a topic's comments is enough).
    wanted : set of str
        Terms as :func:`topic_terms` gives them.

    Returns
    -------
    dict of str to str
        Each term found -> its most frequent written form (ties: alphabetical).
    """
    seen: dict[str, Counter[str]] = {}
    for text in texts:
        tokens, stems = analysed(clean(text))
        previous: tuple[str, str] | None = None
        for token, stem_ in zip(tokens, stems, strict=True):
            if token == BOUNDARY or not is_topic_word(token):
                previous = None
                continue
            if stem_ in wanted:
                seen.setdefault(stem_, Counter())[token] += 1
            if previous is not None:
                pair = f"{previous[1]} {stem_}"
                if pair in wanted:
                    seen.setdefault(pair, Counter())[f"{previous[0]} {token}"] += 1
            previous = (token, stem_)
    return {term: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for term, c in seen.items()}
