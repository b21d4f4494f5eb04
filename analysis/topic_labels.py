"""The labels of discovered topics: distinctive terms and key phrases, as people wrote them.

A topic's label is made of its most *distinctive* terms: those much more common among its
comments than in the corpus (each term scored ``p(t|topic) * log(p(t|topic) / p(t))`` on
document frequencies; :mod:`analysis.topics` also weighs in how close the term's vector
is to the topic's centre). Terms people use as things ("the *handover*", "our
*liaison*") are preferred over actions and qualities ("committing", "serious"), which
say less about what a topic is about (:func:`thing_shares`). A pair of words that
carries most uses of one of its words replaces that word (a key phrase, "customer
service" rather than "service"), and a word that mostly stands next to a chosen one is
left out. Terms are shown as the words people wrote, not as stems.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from analysis.text import BOUNDARY
from analysis.topic_terms import is_topic_word, topic_tokens

#: A pair of words becomes a key phrase when it carries this share of one word's uses.
PHRASE_SHARE = 0.5
#: Words after which a term names a thing ("*the* handover", "*our* liaison", "*about*
#: tools"), as opposed to an action or a quality ("committing", "serious").
_LEADING = """the a an this that these those our their my your his her its every each any
some no another of for with about in on at from by into over after before without than
more less"""
LEADING_WORDS = frozenset(_LEADING.split())
#: A term's label score is multiplied by this plus the share of its uses after a leading
#: word: a term people always use as a thing ranks three times as high as one never so used.
THING_WEIGHT = 0.5


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
    ranked: Sequence[int],
    names: Sequence[str],
    freq: np.ndarray,
    limit: int,
    index: Mapping[str, int] | None = None,
) -> list[int]:
    """Up to ``limit`` terms from ``ranked`` (best first), preferring key phrases.

    A word already inside a chosen pair is skipped; a pair replaces a chosen word of its
    own when it holds at least :data:`PHRASE_SHARE` of that word's uses in the topic;
    otherwise a pair that repeats a chosen word is skipped. With ``index``, a word that
    mostly (:data:`PHRASE_SHARE`) stands next to a chosen word is skipped too: "clients
    benefit, directly" only echoes "clients benefit directly".

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
    index : mapping of str to int, optional
        The index of each term name (to find the pairs a word stands in).

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
            if not _echoes(names[term], holder, freq[term], freq, index):
                chosen.append(term)
        elif _is_key_phrase(term, overlap, names, freq):
            chosen[chosen.index(overlap[0])] = term
            chosen = [c for c in chosen if c not in overlap[1:]]
        if len(chosen) >= limit:
            break
    return chosen


def _echoes(word: str, chosen_words, uses: float, freq: np.ndarray, index) -> bool:
    """Whether the single ``word`` mostly stands in a pair with one of ``chosen_words``."""
    if index is None or " " in word:
        return False
    for other in chosen_words:
        for pair in (f"{other} {word}", f"{word} {other}"):
            j = index.get(pair)
            if j is not None and freq[j] >= PHRASE_SHARE * uses:
                return True
    return False


def _is_key_phrase(term: int, words: list[int], names: Sequence[str], freq: np.ndarray) -> bool:
    """Whether the pair ``term`` should replace the chosen single ``words`` it contains."""
    return (
        " " in names[term]
        and all(" " not in names[w] for w in words)
        and freq[term] >= PHRASE_SHARE * max(freq[w] for w in words)
    )


def thing_shares(texts: Sequence[str | None], wanted: set[str]) -> dict[str, float]:
    """How often each term of ``wanted`` follows a word of :data:`LEADING_WORDS` in ``texts``.

    A cheap stand-in for "is used as a noun" that needs no tagger: "*the* sales team",
    "*about* tools", "*our* liaison" count; "committing", "nothing serious" do not.

    Parameters
    ----------
    texts : sequence of str or None
        Comments to read (a sample of a topic's comments is enough).
    wanted : set of str
        Terms as :func:`analysis.topic_terms.topic_terms` gives them.

    Returns
    -------
    dict of str to float
        Each term found -> the share of its uses right after a leading word (for a pair,
        the word before its first word).
    """
    after: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for text in texts:
        tokens, stems = topic_tokens(text)
        previous: tuple[str, bool] | None = None  # the last word's stem, and if it was led
        for i, (token, stem_) in enumerate(zip(tokens, stems, strict=True)):
            if token == BOUNDARY or not is_topic_word(token):
                previous = None
                continue
            led = i > 0 and tokens[i - 1] in LEADING_WORDS
            if stem_ in wanted:
                total[stem_] += 1
                after[stem_] += led
            if previous is not None:
                pair = f"{previous[0]} {stem_}"
                if pair in wanted:
                    total[pair] += 1
                    after[pair] += previous[1]
            previous = (stem_, led)
    return {term: after[term] / count for term, count in total.items()}


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
        tokens, stems = topic_tokens(text)
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
