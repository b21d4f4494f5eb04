"""Workplace sentiment: a model learned from real text over words and a workplace lexicon.

Modules, by role (each depends only on those listed before it):

- :mod:`~analysis.sentiment.labels`: the label names, the neutral band and the number of
  corrections learning needs; loads no model, so the GUI thread may use it.
- :mod:`~analysis.sentiment.lexicon`: VADER's lexicon, Rapport's workplace lexicon and
  workplace phrase rules (package data) and the lexicon path's version.
- :mod:`~analysis.sentiment.fast_totals` and :mod:`~analysis.sentiment.fast`: the fast VADER
  path, without NLTK (what process-pool workers import).
- :mod:`~analysis.sentiment.reference`: NLTK's own VADER code with the workplace additions,
  the reference the fast path is proven identical to.
- :mod:`~analysis.sentiment.features` and :mod:`~analysis.sentiment.model`: the learned
  model's features (word n-grams, the lexicon's scores) and its numpy inference over the
  shipped weights (``analysis/data/sentiment_model.npz``, no pickle).
- :mod:`~analysis.sentiment.comment_labels`: which label and score a comment shows, and
  the only code that writes comment labels (HR's corrections, the adapted model's label,
  the shipped model's label) and their confidence.
- :mod:`~analysis.sentiment.scoring`: the entry points: :func:`score_texts`,
  :data:`MODEL_VERSION` and the lexicon path's shared analysers.
- :mod:`~analysis.sentiment.evaluation`: accuracy, macro-F1 and the confusion matrix.
- :mod:`~analysis.sentiment.training`: fitting the model with scikit-learn (used by
  ``scripts/train_sentiment.py``; never at run time).
- :mod:`~analysis.sentiment.learning`: the shipped model adapted to HR's corrections
  (scikit-learn), cross-validated against it; :mod:`~analysis.sentiment.learned_labels`
  applies it to a workspace's uncorrected comments.

The names below are imported on first use (PEP 562), so ``from analysis.sentiment import
label_of`` loads neither NLTK nor scikit-learn. Nothing here touches Qt; every function may
run on a worker thread.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOMES = {
    "LABELS": "labels",
    "MIN_CORRECTIONS": "labels",
    "NEGATIVE_THRESHOLD": "labels",
    "POSITIVE_THRESHOLD": "labels",
    "label_of": "labels",
    "MODEL_VERSION": "scoring",
    "clear_cache": "scoring",
    "rapport_analyzer": "scoring",
    "rapport_scorer": "scoring",
    "score_texts": "scoring",
    "stock_analyzer": "scoring",
    "stock_scorer": "scoring",
    "Evaluation": "evaluation",
    "evaluate": "evaluation",
    "LearnedModel": "learning",
    "train_from_corrections": "learning",
}

__all__ = [
    "LABELS",
    "MIN_CORRECTIONS",
    "MODEL_VERSION",
    "NEGATIVE_THRESHOLD",
    "POSITIVE_THRESHOLD",
    "Evaluation",
    "LearnedModel",
    "clear_cache",
    "evaluate",
    "label_of",
    "rapport_analyzer",
    "rapport_scorer",
    "score_texts",
    "stock_analyzer",
    "stock_scorer",
    "train_from_corrections",
]

if TYPE_CHECKING:
    from analysis.sentiment.evaluation import Evaluation, evaluate
    from analysis.sentiment.labels import (
        LABELS,
        MIN_CORRECTIONS,
        NEGATIVE_THRESHOLD,
        POSITIVE_THRESHOLD,
        label_of,
    )
    from analysis.sentiment.learning import LearnedModel, train_from_corrections
    from analysis.sentiment.scoring import (
        MODEL_VERSION,
        clear_cache,
        rapport_analyzer,
        score_texts,
        stock_analyzer,
    )


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
