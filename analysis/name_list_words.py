"""Which entries of HR's name list are ordinary words or department names.

A name list redacts its words in every comment, so an entry such as "Never Helpful" or
"Sales" takes those words out of the analysis. The ordinary words are those the analysis
itself knows: VADER's lexicon (from the ``vaderSentiment`` package data), Rapport's
workplace lexicon, and the stop words and ignored words of topic discovery. A word that is
also a built-in given name (``Grace``, ``Joy``, ``Will``) is a name first and is not
counted: people are called so. :func:`word_entries` is the
:data:`surveys.importing.name_words.WordCheck` the name imports pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from surveys.importing.name_words import Pair, WordEntry
from surveys.name_index import TOKEN
from surveys.text_fold import fold


@lru_cache(maxsize=1)
def ordinary_words() -> frozenset[str]:
    """The folded single words of the analysis's word lists, less the built-in given names."""
    from analysis.sentiment.lexicon import vader_lexicon_text, workplace_lexicon
    from analysis.text import stop_words
    from analysis.topic_terms import ignored_words
    from surveys.given_names import given_names

    lexicon = (line.split("\t", 1)[0] for line in vader_lexicon_text().splitlines())
    words = {fold(word) for word in (*lexicon, *workplace_lexicon(), *stop_words())}
    words |= ignored_words()
    plain = {word for word in words if word.isalpha() and len(word) > 1}
    return frozenset(plain - given_names().keys())


def word_entries(people: Iterable[Pair], departments: Sequence[str]) -> tuple[WordEntry, ...]:
    """The entries of ``people`` (normalised given and family names) holding an ordinary
    word, or naming one of ``departments`` (a one-word department as either name, or a
    department's whole name), in name order."""
    words = ordinary_words()
    named = {tuple(TOKEN.findall(fold(name))): name for name in departments}
    found = []
    for pair in sorted(set(people)):
        tokens = TOKEN.findall(" ".join(part for part in pair if part))
        whole = named.get(tuple(tokens))
        hits = {named[(token,)] for token in tokens if (token,) in named}
        shown = tuple(sorted(hits | ({whole} if whole else set())))
        ordinary = tuple(sorted({token for token in tokens if token in words} - _folded(shown)))
        if ordinary or shown:
            found.append(WordEntry(pair, ordinary, shown))
    return tuple(found)


def _folded(departments: Iterable[str]) -> set[str]:
    return {token for name in departments for token in TOKEN.findall(fold(name))}
