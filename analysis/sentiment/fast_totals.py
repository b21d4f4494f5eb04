"""VADER's final step: token valences to ``compound``, ``neg``, ``neu`` and ``pos``.

The functions reproduce NLTK's ``_but_check`` and ``score_valence`` (with
``_punctuation_emphasis`` and ``_sift_sentiment_scores``) operation for operation, so the
rounded results are the same floats NLTK returns for the same valences.
:class:`analysis.sentiment.fast.FastScorer` computes the valences. No NLTK import (a
process-pool worker imports this module); plain Python, safe on any thread.
"""

from __future__ import annotations

import math


def but_check(lowered: list[str], sentiments: list[float]) -> None:
    """Halve valences before the first "but" and raise those after it by half (in place)."""
    if "but" in lowered:
        bi = lowered.index("but")
        for sidx, sentiment in enumerate(sentiments):
            if sidx < bi:
                sentiments[sidx] = sentiment * 0.5
            elif sidx > bi:
                sentiments[sidx] = sentiment * 1.5


def compound(sentiments: list[float], text: str) -> float:
    """Return VADER's compound score (rounded to 4 places) of the valences of ``text``.

    Parameters
    ----------
    sentiments : list of float
        Token valences after the "but" check.
    text : str
        The original text (for "!" and "?" emphasis).

    Returns
    -------
    float
        What NLTK's ``score_valence`` returns as ``compound``.
    """
    if not sentiments:
        return 0.0
    return round(_normalised_sum(sentiments, _emphasis(text)), 4)


def polarity(sentiments: list[float], text: str) -> tuple[float, float, float, float]:
    """Return VADER's ``neg``, ``neu``, ``pos`` and ``compound`` of the valences of ``text``.

    Parameters
    ----------
    sentiments : list of float
        Token valences after the "but" check.
    text : str
        The original text (for "!" and "?" emphasis).

    Returns
    -------
    tuple of float
        What NLTK's ``score_valence`` returns, in the order neg, neu, pos, compound (the
        same floating-point operations in the same order, so the same rounded values).
    """
    if not sentiments:
        return 0.0, 0.0, 0.0, 0.0
    emphasis = _emphasis(text)
    normalised = _normalised_sum(sentiments, emphasis)
    pos_sum = 0.0
    neg_sum = 0.0
    neu_count = 0
    for score in sentiments:
        if score > 0:
            pos_sum += float(score) + 1  # NLTK: compensates for neutrals counted as 1
        elif score < 0:
            neg_sum += float(score) - 1
        else:
            neu_count += 1
    if pos_sum > math.fabs(neg_sum):
        pos_sum += emphasis
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= emphasis
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return (
        round(math.fabs(neg_sum / total), 3),
        round(math.fabs(neu_count / total), 3),
        round(math.fabs(pos_sum / total), 3),
        round(normalised, 4),
    )


def _emphasis(text: str) -> float:
    # NLTK's _punctuation_emphasis: up to four "!" and two or more "?".
    ep_count = min(text.count("!"), 4)
    qm_count = text.count("?")
    qm = (qm_count * 0.18 if qm_count <= 3 else 0.96) if qm_count > 1 else 0
    return ep_count * 0.292 + qm


def _normalised_sum(sentiments: list[float], emphasis: float) -> float:
    # NLTK's compound before rounding: the valences' sum pushed away from 0 by the emphasis.
    sum_s = float(sum(sentiments))
    if sum_s > 0:
        sum_s += emphasis
    elif sum_s < 0:
        sum_s -= emphasis
    return sum_s / math.sqrt((sum_s * sum_s) + 15)
