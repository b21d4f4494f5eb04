"""Sentiment labels and VADER's thresholds, without loading any model.

Kept apart from :mod:`analysis.sentiment.scoring` so that the GUI thread can turn a stored
score into a label without importing NLTK.
"""

from __future__ import annotations

# The apostrophes and the non-answers live in the survey layer, which the repeat check at
# ingest (surveys.anomalies) reads them from too; every scorer imports them from here.
from surveys.non_answers import APOSTROPHES, NON_ANSWERS, is_non_answer

__all__ = [
    "APOSTROPHES",
    "LABELS",
    "MIN_CORRECTIONS",
    "NEGATIVE_THRESHOLD",
    "NON_ANSWERS",
    "POSITIVE_THRESHOLD",
    "is_non_answer",
    "label_of",
]

LABELS = ("negative", "neutral", "positive")
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05
#: HR label corrections needed before a supervised model is trained on them.
MIN_CORRECTIONS = 20


def label_of(score: float) -> str:
    """Return the label of a compound score with VADER's thresholds.

    Parameters
    ----------
    score : float
        A compound score in -1..1.

    Returns
    -------
    str
        ``positive`` when ``score >= 0.05``, ``negative`` when ``score <= -0.05``,
        otherwise ``neutral``.
    """
    if score >= POSITIVE_THRESHOLD:
        return "positive"
    if score <= NEGATIVE_THRESHOLD:
        return "negative"
    return "neutral"
