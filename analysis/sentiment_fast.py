"""VADER's compound score computed faster, with exactly the same floating-point result.

NLTK's ``SentimentIntensityAnalyzer.polarity_scores`` lower-cases every word several times
per token, runs a timed regular expression to strip punctuation, calls the full valence
routine for words that are not in the lexicon and computes ``neg``/``neu``/``pos`` that
:func:`analysis.sentiment.score_texts` does not need. The functions here reproduce the
``compound`` it returns, operation for operation where floats are involved:

- :func:`tokenise` gives NLTK's ``SentiText.words_and_emoticons`` (punctuation removal by
  ``str.translate`` over the same ASCII punctuation; leading/trailing punctuation from
  NLTK's list stripped when what remains is a word of the text);
- :func:`valences` gives the per-token valences of ``polarity_scores`` before the "but"
  check (including NLTK's quirk of judging a repeated token by its first position);
- :func:`but_check` and :func:`compound` finish as NLTK does.

``tests/analysis/test_sentiment_fast.py`` and ``bench/sentiment_bench.py`` check the
results against NLTK itself. Plain Python, no Qt; safe on any thread.
"""

from __future__ import annotations

import math
import string
from collections.abc import Mapping

from nltk.sentiment.vader import VaderConstants

_C = VaderConstants
_PUNCTUATION = string.punctuation
_DELETE_PUNCTUATION = str.maketrans("", "", _PUNCTUATION)
_PUNC_SET = frozenset(VaderConstants.PUNC_LIST)
_NEGATE = frozenset(VaderConstants.NEGATE)
_BOOSTER: Mapping[str, float] = VaderConstants.BOOSTER_DICT
_IDIOMS: Mapping[str, float] = VaderConstants.SPECIAL_CASE_IDIOMS
_SO_THIS = ("so", "this")


def tokenise(text: str) -> list[str]:
    """Return VADER's tokens of ``text`` (NLTK's ``SentiText.words_and_emoticons``).

    Parameters
    ----------
    text : str
        The text to split.

    Returns
    -------
    list of str
        Whitespace-separated tokens longer than one character; a token that is a word of
        the text plus one item of VADER's punctuation list before or after it becomes the
        word (the "after" form wins, as in NLTK).
    """
    words_only = {w for w in text.translate(_DELETE_PUNCTUATION).split() if len(w) > 1}
    tokens = []
    for token in text.split():
        if len(token) <= 1:
            continue
        if token not in words_only:
            token = _strip_punctuation(token, words_only)
        tokens.append(token)
    return tokens


def _strip_punctuation(token: str, words_only: set[str]) -> str:
    # A word of ``words_only`` contains no ASCII punctuation, so the only candidate for
    # word+punc is the token without its trailing punctuation (and the same for punc+word).
    word = token.rstrip(_PUNCTUATION)
    if word != token and word in words_only and token[len(word) :] in _PUNC_SET:
        return word
    word = token.lstrip(_PUNCTUATION)
    if word != token and word in words_only and token[: len(token) - len(word)] in _PUNC_SET:
        return word
    return token


def is_cap_differential(words: list[str]) -> bool:
    """Whether some but not all tokens are ALL CAPS (NLTK's ``allcap_differential``)."""
    caps = sum(1 for word in words if word.isupper())
    return 0 < len(words) - caps < len(words)


def valences(words: list[str], lowered: list[str], lexicon: Mapping[str, float]) -> list[float]:
    """Return the valence of each token as NLTK's ``polarity_scores`` loop computes it.

    Parameters
    ----------
    words : list of str
        VADER's tokens (:func:`tokenise`).
    lowered : list of str
        The same tokens in lower case.
    lexicon : mapping of str to float
        Lower-case token to valence.

    Returns
    -------
    list of float
        One valence per token, before the "but" check.
    """
    first: dict[str, int] = {}
    for index, token in enumerate(words):
        first.setdefault(token, index)
    last = len(words) - 1
    cap_diff = is_cap_differential(words)
    out: list[float] = []
    for item in words:
        i = first[item]
        low = lowered[i]
        valence = lexicon.get(low)
        if (
            valence is None
            or low in _BOOSTER
            or (low == "kind" and i < last and lowered[i + 1] == "of")
        ):
            out.append(0)
            continue
        out.append(_lexicon_valence(valence, item, i, words, lowered, lexicon, cap_diff))
    return out


def _negated(lower_word: str) -> bool:
    return lower_word in _NEGATE or "n't" in lower_word


def _lexicon_valence(
    valence: float,
    item: str,
    i: int,
    words: list[str],
    lowered: list[str],
    lexicon: Mapping[str, float],
    cap_diff: bool,
) -> float:
    # NLTK's sentiment_valence for a token found in the lexicon, same float operations.
    if cap_diff and item.isupper():
        if valence > 0:
            valence += _C.C_INCR
        else:
            valence -= _C.C_INCR
    for start_i in range(3):
        if i > start_i and lowered[i - (start_i + 1)] not in lexicon:
            s = _scalar_inc_dec(
                words[i - (start_i + 1)], lowered[i - (start_i + 1)], valence, cap_diff
            )
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = _never_check(valence, words, lowered, start_i, i)
            if start_i == 2:
                valence = _idioms_check(valence, words, i)
    return _least_check(valence, lowered, lexicon, i)


def _scalar_inc_dec(word: str, lower: str, valence: float, cap_diff: bool) -> float:
    scalar = 0.0
    if lower in _BOOSTER:
        scalar = _BOOSTER[lower]
        if valence < 0:
            scalar *= -1
        if word.isupper() and cap_diff:
            if valence > 0:
                scalar += _C.C_INCR
            else:
                scalar -= _C.C_INCR
    return scalar


def _never_check(
    valence: float, words: list[str], lowered: list[str], start_i: int, i: int
) -> float:
    # Note: NLTK compares "never", "so" and "this" case-sensitively here.
    if start_i == 0:
        if _negated(lowered[i - 1]):
            valence = valence * _C.N_SCALAR
    elif start_i == 1:
        if words[i - 2] == "never" and words[i - 1] in _SO_THIS:
            valence = valence * 1.5
        elif _negated(lowered[i - 2]):
            valence = valence * _C.N_SCALAR
    elif (words[i - 3] == "never" and words[i - 2] in _SO_THIS) or words[i - 1] in _SO_THIS:
        valence = valence * 1.25
    elif _negated(lowered[i - 3]):
        valence = valence * _C.N_SCALAR
    return valence


def _idioms_check(valence: float, words: list[str], i: int) -> float:
    # NLTK's _idioms_check (case-sensitive, as there); only called with i >= 3.
    onezero = f"{words[i - 1]} {words[i]}"
    twoonezero = f"{words[i - 2]} {words[i - 1]} {words[i]}"
    twoone = f"{words[i - 2]} {words[i - 1]}"
    threetwoone = f"{words[i - 3]} {words[i - 2]} {words[i - 1]}"
    threetwo = f"{words[i - 3]} {words[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in _IDIOMS:
            valence = _IDIOMS[seq]
            break
    if len(words) - 1 > i:
        zeroone = f"{words[i]} {words[i + 1]}"
        if zeroone in _IDIOMS:
            valence = _IDIOMS[zeroone]
    if len(words) - 1 > i + 1:
        zeroonetwo = f"{words[i]} {words[i + 1]} {words[i + 2]}"
        if zeroonetwo in _IDIOMS:
            valence = _IDIOMS[zeroonetwo]
    if threetwo in _BOOSTER or twoone in _BOOSTER:
        valence = valence + _C.B_DECR
    return valence


def _least_check(valence: float, lowered: list[str], lexicon: Mapping[str, float], i: int) -> float:
    if i > 0 and lowered[i - 1] == "least" and "least" not in lexicon:
        if i > 1:
            if lowered[i - 2] != "at" and lowered[i - 2] != "very":
                valence = valence * _C.N_SCALAR
        else:
            valence = valence * _C.N_SCALAR
    return valence


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
    sum_s = float(sum(sentiments))
    ep_count = min(text.count("!"), 4)
    qm_count = text.count("?")
    qm = (qm_count * 0.18 if qm_count <= 3 else 0.96) if qm_count > 1 else 0
    emphasis = ep_count * 0.292 + qm
    if sum_s > 0:
        sum_s += emphasis
    elif sum_s < 0:
        sum_s -= emphasis
    return round(sum_s / math.sqrt((sum_s * sum_s) + 15), 4)
