"""Workplace sentiment: VADER extended with Rapport's workplace lexicon and rules.

Modules, by role (each depends only on those listed before it):

- :mod:`~analysis.sentiment.labels`: the label names, VADER's thresholds and the number of
  corrections learning needs; loads no model, so the GUI thread may use it.
- :mod:`~analysis.sentiment.comment_labels`: which label a comment shows, and the only code
  that writes comment labels (HR's corrections, the learned label, the lexicon's label).
- :mod:`~analysis.sentiment.lexicon`: VADER's lexicon, Rapport's workplace lexicon and
  workplace phrase rules (package data) and the model version.
- :mod:`~analysis.sentiment.fast_totals` and :mod:`~analysis.sentiment.fast`: the fast VADER
  path, without NLTK (what process-pool workers import).
- :mod:`~analysis.sentiment.reference`: NLTK's own VADER code with the workplace additions,
  the reference the fast path is proven identical to.
- :mod:`~analysis.sentiment.scoring`: the entry points: :func:`score_texts`,
  :data:`MODEL_VERSION` and the shared analysers.
- :mod:`~analysis.sentiment.evaluation`: accuracy, macro-F1 and the confusion matrix.
- :mod:`~analysis.sentiment.learning`: a model trained on HR's corrections (scikit-learn),
  cross-validated against the lexicon; :mod:`~analysis.sentiment.learned_labels` applies
  it to a workspace's uncorrected comments.

Another scorer (for example a model shipped with its weights as package data) is one more
module here that builds on ``labels`` and ``lexicon``, with its names added to ``_HOMES``.

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
    "score_texts": "scoring",
    "stock_analyzer": "scoring",
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
    "score_texts",
    "stock_analyzer",
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
