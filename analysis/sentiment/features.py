"""What the learned sentiment model reads: word n-grams and the lexicon's scores.

Two kinds of features, computed the same way when the model is trained
(:mod:`analysis.sentiment.training`, with scikit-learn) and when it scores comments
(:mod:`analysis.sentiment.model`, numpy only):

- **words**, in three blocks (:data:`BLOCKS`), each its own TF-IDF vector:
  ``words``: :func:`ngrams` gives the lower-cased word unigrams and bigrams of a text,
  exactly the terms scikit-learn's ``TfidfVectorizer(ngram_range=(1, 2),
  token_pattern=TOKEN_PATTERN)`` builds; ``first``: the same of the first sentence only
  (:func:`first_sentence`: a review's verdict often opens it); ``negated``: the words a
  negation governs (:func:`negated_words`: "not" in "not very helpful" marks "very" and
  "helpful"), unigrams only;
- **lexicon**: :func:`lexicon_features` gives, per text, Rapport's VADER scores with the
  workplace lexicon and rules (``compound``, ``neg``, ``neu``, ``pos``) and a few counts
  (negations, contrast words, length, whether no lexicon word was found, question marks)
  in the order of :data:`LEXICON_FEATURES`.

Plain Python and numpy; no NLTK (the scorer is the fast path of
:mod:`analysis.sentiment.fast`), no Qt. Safe on any thread and in a worker process.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from analysis.sentiment.fast import fold_apostrophes
from analysis.sentiment.fast_totals import polarity

if TYPE_CHECKING:
    from analysis.sentiment.fast import FastScorer

#: scikit-learn's token pattern with apostrophes kept inside words ("don't", "team's").
TOKEN_PATTERN = r"(?u)\b\w[\w']*\b"
#: The term blocks of the model, in column order.
BLOCKS = ("words", "first", "negated")
#: Words a negation marks after it (fewer when a clause ends first).
NEGATION_SCOPE = 3
#: The lexicon features, in column order.
LEXICON_FEATURES = (
    "compound",
    "neg",
    "neu",
    "pos",
    "negations",
    "contrasts",
    "length",
    "no_lexicon_word",
    "questions",
)

#: The compiled :data:`TOKEN_PATTERN`.
TOKEN = re.compile(TOKEN_PATTERN)
_NEGATION_WORDS = (
    "not", "no", "never", "nobody", "nothing", "none", "nor", "neither", "without", "hardly",
    "cannot", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "cant", "wont",
)  # fmt: skip
_CONTRAST_WORDS = (
    "but", "however", "although", "though", "except", "yet", "unfortunately", "otherwise",
    "while",
)  # fmt: skip
#: The negations the lexicon features count (:func:`_negations_and_contrasts`).
_NEGATION = re.compile(r"\b(?:" + "|".join(_NEGATION_WORDS) + r")\b|n't\b")
#: The contrast words the lexicon features count.
_CONTRAST = re.compile(r"\b(?:" + "|".join(_CONTRAST_WORDS) + r")\b")
#: Each match of those words is a whole run of word characters (``\b`` on both sides),
#: and no negation word ends in "n", so a "n't" match never overlaps one: counting the
#: runs that are one of the words gives the number of matches.
_NEGATION_SET = frozenset(_NEGATION_WORDS)
_COUNTED_WORDS = _NEGATION_SET | frozenset(_CONTRAST_WORDS)
_RUN = re.compile(r"\w+")
_NT = re.compile(r"n't\b")
#: Whole words that negate what follows; ``\w+n't`` ("doesn't", "won't") negates too.
_NEGATORS = (
    "not", "no", "never", "nobody", "nothing", "none", "nor", "neither", "without", "hardly",
    "cannot", "lack", "lacks", "lacking", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent",
    "cant", "wont",
)  # fmt: skip
_NEGATOR_SET = frozenset(_NEGATORS)
#: A negator, then up to NEGATION_SCOPE words in the same clause: no punctuation that ends
#: a clause ([.,;:!?]) and no contrast word ("not great but fine": "fine" is not negated).
_NEGATED = re.compile(
    r"\b(?:" + "|".join(_NEGATORS) + r"|\w+n't)\b"
    r"((?:[^\w.,;:!?]+(?!(?:but|however|although|though|except|yet)\b)\w[\w']*)"
    rf"{{1,{NEGATION_SCOPE}}})"
)
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
#: Where :func:`sentences` splits: after an end mark and a space, or at a semicolon.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\s*[\n;]\s*")
_WORD = re.compile(r"\w")


def ngrams(text: str) -> list[str]:
    """Return the word unigrams, then the bigrams, of ``text`` (lower-cased).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of str
        Tokens of :data:`TOKEN_PATTERN` in order, followed by each pair of neighbours
        joined by one space; repeats are kept (they count as term frequency).
    """
    return with_bigrams(TOKEN.findall(text.lower()))


def first_sentence(text: str) -> str:
    """Return ``text`` up to the end of its first sentence (``.``, ``!`` or ``?`` and a space).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The first sentence without its end mark ("3.5" is no sentence end), or the
        whole text when it has one sentence.
    """
    return _SENTENCE_END.split(text, maxsplit=1)[0]


def sentences(text: str) -> list[str]:
    """Return the sentences of ``text``: split after ``.``, ``!`` or ``?`` and a space, or at
    a semicolon or a line break.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of str
        The pieces that hold a word, stripped, with their end marks ("3.5" is no sentence
        end); ``[text]`` when none holds a word.
    """
    pieces = [piece.strip() for piece in _SENTENCE_BREAK.split(text)]
    return [piece for piece in pieces if _WORD.search(piece)] or [text]


def negated_words(text: str) -> list[str]:
    """Return the words negations govern in ``text`` (lower-cased), in order.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of str
        For each negator ("not", "no", "never", "lack of", "doesn't", ...), the up to
        :data:`NEGATION_SCOPE` words after it in the same clause, stopping at ``.,;:!?``
        and at a contrast word ("but", "however", ...): "No real training, but nice
        people" gives ``["real", "training"]``.
    """
    return [word for scope in _NEGATED.findall(text.lower()) for word in TOKEN.findall(scope)]


def block_unigrams(text: str) -> tuple[list[str], list[str], list[str]]:
    """Return the unigrams of each block of ``text`` (see :data:`BLOCKS`), lower-cased.

    One pass for all three blocks, as scoring needs them: the words; the words of the first
    sentence (the same list when there is one sentence); the negated words, looked for
    only when a negator or an apostrophe (``n't``) is there, which gives exactly
    :func:`negated_words`.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    tuple of three lists of str
        ``words``, ``first`` and ``negated`` unigrams, in order, repeats kept; typographic
        apostrophes count as ``'`` (:func:`~analysis.sentiment.fast.fold_apostrophes`).
    """
    low = fold_apostrophes(text).lower()
    end = _SENTENCE_END.search(low)
    if end is None:
        words = first = TOKEN.findall(low)
    else:  # no word spans the end mark, so the words are the first sentence's and the rest's
        first = TOKEN.findall(low, 0, end.start())
        words = first + TOKEN.findall(low, end.start())
    if "'" in low or not _NEGATOR_SET.isdisjoint(words):
        return words, first, negated_words(low)
    return words, first, []


def with_bigrams(tokens: list[str]) -> list[str]:
    """``tokens`` followed by each pair of neighbours joined by one space."""
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def block_terms(block: str, text: str) -> list[str]:
    """Return the terms of one block (see :data:`BLOCKS`) of ``text``, repeats kept.

    Parameters
    ----------
    block : str
        ``words``, ``first`` or ``negated``.
    text : str
        Any text.

    Returns
    -------
    list of str
        What scikit-learn's vectorizer of that block counts (training uses this function
        as the vectorizer's analyzer): the unigrams of :func:`block_unigrams` with their
        bigrams, except ``negated`` (unigrams only).
    """
    if block not in BLOCKS:
        raise ValueError(f"unknown term block {block!r}; expected one of {BLOCKS}")
    words, first, negated = block_unigrams(text)
    if block == "negated":
        return negated
    return with_bigrams(words if block == "words" else first)


def lexicon_row(scorer: FastScorer, text: str, words: list[str] | None = None) -> tuple[float, ...]:
    """Return the lexicon features of one text (see :data:`LEXICON_FEATURES`).

    Parameters
    ----------
    scorer : FastScorer
        Rapport's VADER scorer with the workplace lexicon and rules.
    text : str
        The text.
    words : list of str, optional
        The text's ``words`` unigrams (:func:`block_unigrams`), when the caller has them:
        the negations and contrast words are then counted from them, not searched for.

    Returns
    -------
    tuple of float
        ``compound``, ``neg``, ``neu``, ``pos`` as VADER gives them; negation and contrast
        words (at most 5, divided by 5); words / 50 (at most 4); 1.0 when ``compound`` is
        exactly 0; question marks (at most 3, divided by 3).
    """
    neg, neu, pos, comp = polarity(scorer.sentiments(text), text)
    low = fold_apostrophes(text).lower()
    negations, contrasts = _negations_and_contrasts(low, words)
    return (
        comp,
        neg,
        neu,
        pos,
        min(negations, 5) / 5,
        min(contrasts, 5) / 5,
        min(len(text.split()), 200) / 50,
        1.0 if comp == 0 else 0.0,
        min(text.count("?"), 3) / 3,
    )


def _negations_and_contrasts(low: str, words: list[str] | None = None) -> tuple[int, int]:
    """``len(_NEGATION.findall(low))`` and ``len(_CONTRAST.findall(low))``, from one pass.

    Both patterns try every character of the text; here the runs of word characters are
    counted against the two word lists, and "n't" is a literal search. The runs are
    searched for, or taken from ``words``, the :data:`TOKEN` matches of ``low``
    (:func:`block_unigrams`): a token is runs joined by apostrophes, and covers each run
    it touches whole.
    """
    if words is None:
        runs = _RUN.findall(low)
    elif "'" in low:
        runs = [run for word in words for run in word.split("'")]
    else:
        runs = words
    negations = len(_NT.findall(low)) if "n't" in low else 0
    contrasts = 0
    for word in _COUNTED_WORDS.intersection(runs):
        if word in _NEGATION_SET:
            negations += runs.count(word)
        else:
            contrasts += runs.count(word)
    return negations, contrasts


def lexicon_features(
    scorer: FastScorer, texts: Sequence[str], words: Sequence[list[str]] | None = None
) -> np.ndarray:
    """Return the lexicon features of ``texts`` as a ``(len(texts), 9)`` float32 array.

    Parameters
    ----------
    scorer : FastScorer
        Rapport's VADER scorer with the workplace lexicon and rules.
    texts : sequence of str
        The texts.
    words : sequence of list of str, optional
        Each text's ``words`` unigrams (:func:`block_unigrams`), when the caller has them
        (the same features, computed with less work: :func:`lexicon_row`).

    Returns
    -------
    numpy.ndarray
        One row per text, columns in the order of :data:`LEXICON_FEATURES`.
    """
    if words is None:
        rows = [lexicon_row(scorer, str(text)) for text in texts]
    else:
        rows = [lexicon_row(scorer, str(text), w) for text, w in zip(texts, words, strict=True)]
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), len(LEXICON_FEATURES))
