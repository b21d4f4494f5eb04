"""Scoring comments: the learned model over words and Rapport's workplace lexicon.

The entry points the analysis pipeline, the CLI and the GUI call (through
:mod:`analysis.sentiment`):

- :data:`MODEL_VERSION` changes whenever the model's weights, the lexicons, the rules or
  the scoring code change; stored with every cached comment score, so a new model scores
  every comment again.
- :func:`score_texts` scores many texts (-1..1) fast with the learned model
  (:mod:`analysis.sentiment.model`), whose features include the lexicon path's VADER
  scores: texts are normalised and de-duplicated, scores are cached per text, and large
  inputs use a process pool. None of that changes a score.
- :func:`rapport_scorer` and :func:`stock_scorer`: the lexicon path's fast scorers (with
  and without the workplace additions), which never import NLTK; Rapport's lexicon scores
  are model features and the baseline the learned model is compared with.
  :func:`rapport_analyzer` and :func:`stock_analyzer` are the same on NLTK's own code, the
  reference the scorers are tested against.

A score becomes a label with :func:`analysis.sentiment.labels.label_of`. Learning from HR's
corrections (:mod:`analysis.sentiment.learning`) builds on this module, never the reverse.

Threading: every function here is plain Python with no Qt; it may run on a worker thread.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from analysis.sentiment import fast
from analysis.sentiment import model as learned
from analysis.sentiment.lexicon import (
    lexicon_version,
    vader_lexicon_text,
    vader_tables,
    workplace_lexicon,
    workplace_rules,
)
from analysis.sentiment.vader_tables import parse_vader_lexicon
from surveys.progress import Progress, no_progress
from surveys.spawn import process_pool

if TYPE_CHECKING:  # the reference path imports NLTK (over a second): only when asked for
    from analysis.sentiment.reference import WorkplaceAnalyzer

__all__ = [
    "MODEL_VERSION",
    "clear_cache",
    "normalise",
    "rapport_analyzer",
    "rapport_scorer",
    "remember",
    "score_chunk",
    "score_texts",
    "stock_analyzer",
    "stock_scorer",
]

#: Version of how the scores are computed from the model and the lexicon.
SCORING_VERSION = "13"  # 2: text that says nothing scores 0; 3: nor does a leading filler;
# 4: "No issues with IT, ..." is such a filler too; 5: "Couldn't be better", "Don't know";
# 6: closings too ("Very responsive. No improvement needed."); 7: an opening followed by a
# new clause with no mark ("Nothing they are great"), "Absolutely nothing, ..."; 8: blame
# that has stopped is not read ("We stopped blaming each other"); 9: unless its end is
# only wished for or supposed ("I wish the blame had stopped", "If they stopped blaming us");
# 10: or undone ("The blame had stopped until the reorg", "..., but now it is back")
# 11: typographic apostrophes read as ' ("isn’t good" scores as "isn't good"); 12: by the
# fillers and stopped blame too, every form the fold reads ("Couldnʼt be better");
# 13: the acute accent, backtick, full-width and Armenian apostrophes too ("isn´t good")


def _model_version() -> str:
    digest = hashlib.sha256(f"{lexicon_version()}\0{learned.model_digest()}".encode())
    return f"rapport-learned-{SCORING_VERSION}-{digest.hexdigest()[:12]}"


MODEL_VERSION: str = _model_version()
POOL_THRESHOLD = 100_000  # distinct texts; measured in bench/sentiment_bench.py --pool-sizes
CHUNK = 2_000
CACHE_LIMIT = 500_000

_cache: dict[str, float] = {}


@lru_cache(maxsize=1)
def rapport_scorer() -> fast.FastScorer:
    """Return Rapport's scorer: VADER + workplace lexicon + workplace rules, without NLTK.

    The same scores as :func:`rapport_analyzer` (tested), built from the shipped lexicon
    and constants, so scoring never pays NLTK's import time.
    """
    lexicon = parse_vader_lexicon(vader_lexicon_text()) | workplace_lexicon()
    return fast.FastScorer(lexicon, vader_tables(), workplace_rules())


@lru_cache(maxsize=1)
def stock_scorer() -> fast.FastScorer:
    """Return stock VADER's scorer (VADER's lexicon and constants only), without NLTK."""
    return fast.FastScorer(parse_vader_lexicon(vader_lexicon_text()), vader_tables())


@lru_cache(maxsize=1)
def rapport_analyzer() -> WorkplaceAnalyzer:
    """Return Rapport's analyzer on NLTK's own VADER code (the reference; imports NLTK)."""
    from analysis.sentiment.reference import WorkplaceAnalyzer

    return WorkplaceAnalyzer(vader_lexicon_text(), workplace_lexicon(), workplace_rules())


@lru_cache(maxsize=1)
def stock_analyzer() -> WorkplaceAnalyzer:
    """Return stock VADER: NLTK's scoring and VADER's lexicon only (the baseline)."""
    from analysis.sentiment.reference import WorkplaceAnalyzer

    return WorkplaceAnalyzer(vader_lexicon_text())


def normalise(text: str) -> str:
    """Collapse runs of whitespace: VADER's score does not depend on them."""
    return " ".join(str(text).split())


def score_texts(texts: Sequence[str], progress: Progress | None = None) -> list[float]:
    """Return Rapport's compound sentiment (-1..1) of each text, in order.

    Parameters
    ----------
    texts : sequence of str
        Comments; ``None`` or empty text scores 0.
    progress : Progress, optional
        Called with the fraction done; may raise ``Cancelled`` to stop.

    Returns
    -------
    list of float
        One score per text (four decimals): the learned model's score of the text with
        runs of whitespace collapsed (:meth:`analysis.sentiment.model.SentimentModel.scores`).
    """
    report = progress or no_progress
    keys = [normalise(text) if text else "" for text in texts]
    known: dict[str, float] = {}
    todo: list[str] = []
    for key in dict.fromkeys(keys):
        if key in _cache:
            known[key] = _cache[key]
        else:
            todo.append(key)
    report(0.0, "Scoring sentiment")
    if len(todo) >= POOL_THRESHOLD and (os.cpu_count() or 1) > 1:
        scores = _score_in_pool(todo, report)
    else:
        scores = _score_here(todo, report)
    fresh = dict(zip(todo, scores, strict=True))
    remember(fresh)
    known.update(fresh)
    report(1.0, "Sentiment scored")
    return [known[key] for key in keys]


def clear_cache() -> None:
    """Forget cached scores (for benchmarks; never stale within a version).

    The learner keeps its own feature cache
    (:func:`analysis.sentiment.learning.clear_feature_cache`).
    """
    _cache.clear()


def remember(scores: dict[str, float]) -> None:
    """Add normalised texts' scores to the per-text cache (emptied when it grows too large)."""
    if len(_cache) + len(scores) > CACHE_LIMIT:
        _cache.clear()
    _cache.update(scores)


def score_chunk(texts: list[str]) -> list[float]:
    """Score one chunk of normalised, distinct texts, bypassing the cache.

    :func:`score_texts` cuts its new texts into chunks of :data:`CHUNK` and scores each with
    this function, in this process or in a worker; so does
    :class:`analysis.sentiment.background.ScoringSession`.
    """
    return learned.score_with(rapport_scorer(), learned.load_model(), texts)


def _score_here(texts: list[str], report: Progress) -> list[float]:
    scores: list[float] = []
    for start in range(0, len(texts), CHUNK):
        scores.extend(score_chunk(texts[start : start + CHUNK]))
        report(len(scores) / max(len(texts), 1), "Scoring sentiment")
    return scores


def _score_in_pool(texts: list[str], report: Progress) -> list[float]:
    # Workers get the lexicon scorer pickled once, read the model's weights themselves and
    # import only analysis.sentiment.model and the fast lexicon path (no NLTK).
    chunks = [texts[start : start + CHUNK] for start in range(0, len(texts), CHUNK)]
    workers = min(os.cpu_count() or 2, 4)
    with process_pool(
        workers, initializer=learned.init_worker, initargs=(rapport_scorer(),)
    ) as pool:
        futures = [pool.submit(learned.score_chunk, chunk) for chunk in chunks]
        try:
            for done, future in enumerate(futures, start=1):
                future.result()
                report(done / len(futures), "Scoring sentiment")
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return [score for future in futures for score in future.result()]
