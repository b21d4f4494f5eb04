"""Answer scales: the words and numbers other tools export, turned into Rapport's 1-5.

A mapping file states every scale explicitly (``"Strongly agree": 5``, ``"7": 5``,
``"N/A": skip``); nothing is guessed at import time. :func:`suggest_scale` proposes such a
table from the answers found in a column, with how sure it is: word scales it knows
("Strongly disagree" ... "Strongly agree", "Never" ... "Daily", "Poor" ... "Excellent",
"Very dissatisfied" ... "Very satisfied", "No"/"Yes") are certain; numbers (1-5, 1-7,
0-10) and LimeSurvey answer codes (``A1`` ...) are only as sure as the range seen in the
file, and the suggestion says which range it assumed so the user can correct it.

Rescaling is linear and rounded: a 1-7 answer ``v`` becomes ``round(1 + (v - 1) * 4 / 6)``
and a 0-10 answer ``round(1 + v * 4 / 10)``; the table written in the mapping shows every
value, so the user sees exactly what each answer becomes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from surveys.importing.agreement_words import AGREEMENT_ELSEWHERE
from surveys.importing.sliders import NUMBER, slider_range, slider_table
from surveys.importing.text import fold
from surveys.model import ITEMS

#: Written in a mapping for answers that are not an answer ("N/A"): the cell is skipped.
SKIP = "skip"
#: A suggested scale entry the user must fill in (importing it is an error until then).
UNSET = "?"

#: Answers that mean "no answer" in every scale (compared after :func:`fold`).
# fmt: off
NOT_ANSWERS = (
    "n/a", "na", "not applicable", "does not apply", "don't know", "dont know", "do not know",
    "not sure", "no opinion", "prefer not to say", "can't say", "cannot say",
    "did not work with them", "no contact", "not relevant", "-",
)
_AGREE5 = {
    "strongly disagree": 1, "disagree strongly": 1, "completely disagree": 1,
    "totally disagree": 1, "disagree": 2, "mostly disagree": 2, "tend to disagree": 2,
    "neither agree nor disagree": 3, "neither agree or disagree": 3, "neutral": 3,
    "undecided": 3, "neither": 3, "agree": 4, "mostly agree": 4, "tend to agree": 4,
    "strongly agree": 5, "agree strongly": 5, "completely agree": 5, "totally agree": 5,
    "fully agree": 5, **AGREEMENT_ELSEWHERE,
}
_AGREE7_RAW = {
    "strongly disagree": 1, "disagree": 2, "somewhat disagree": 3,
    "neither agree nor disagree": 4, "neither agree or disagree": 4, "neutral": 4,
    "somewhat agree": 5, "agree": 6, "strongly agree": 7,
}
_FREQUENCY = {
    "never": 1, "rarely": 2, "once a year": 2, "yearly": 2, "a few times a year": 2,
    "less than monthly": 2, "quarterly": 2, "every few months": 2, "once a quarter": 2,
    "monthly": 3, "once a month": 3, "a few times a month": 3, "several times a month": 3,
    "every month": 3, "weekly": 4, "once a week": 4, "every week": 4, "fortnightly": 4,
    "bi-weekly": 4, "biweekly": 4, "every two weeks": 4, "several times a week": 4,
    "a few times a week": 4, "daily": 5, "every day": 5, "several times a day": 5,
    "almost daily": 5, "all the time": 5,
}
_CADENCE = {
    "never": 1, "no meetings": 1, "rarely": 1, "yearly": 1, "once a year": 1, "quarterly": 2,
    "every few months": 2, "once a quarter": 2, "monthly": 3, "once a month": 3,
    "every month": 3, "bi-weekly": 4, "biweekly": 4, "fortnightly": 4, "every two weeks": 4,
    "weekly": 5, "once a week": 5, "every week": 5, "more than weekly": 5, "daily": 5,
}
_QUALITY_LOW = {
    "very poor": 1, "poor": 2, "fair": 3, "average": 3, "good": 4, "excellent": 5,
    "very good": 5,
}
_QUALITY_HIGH = {
    "poor": 1, "fair": 2, "good": 3, "very good": 4, "excellent": 5,
}
_SATISFACTION = {
    "very dissatisfied": 1, "dissatisfied": 2, "neither satisfied nor dissatisfied": 3,
    "neutral": 3, "satisfied": 4, "very satisfied": 5,
}
_YES_NO = {
    "no": 1, "yes": 2, "false": 1, "true": 2, "n": 1, "y": 2,
}
# fmt: on
_CODE = re.compile(r"^([a-z]{1,3})0*(\d{1,3})$")
_NUMBER_LABEL = re.compile(r"^\(?(-?\d+)\s*(?:[-=:.)]|–)\s*(\D.*)$")
_LABEL_NUMBER = re.compile(r"^(\D.*?)\s*[(\[]\s*-?\d+\s*[)\]]$")


def _numbered_word(answer: str) -> str | None:
    """The scale word of a numbered label: ``4 - agree``, ``(4) agree``, ``agree (4)``."""
    match = _NUMBER_LABEL.match(answer)
    if match:
        return match.group(2).strip()
    match = _LABEL_NUMBER.match(answer)
    return match.group(1).strip() if match else None


def _rapport_scale(item: str) -> dict[str, int]:
    scale = ITEMS[item].scale
    return {label: position + 1 for position, label in enumerate(scale)}


@dataclass
class ScaleSuggestion:
    """A proposed scale table for one column.

    Attributes
    ----------
    name : str
        A short name for the table in the mapping (``agreement``, ``numbers_1_7``...).
    values : dict
        Answer as written (folded) -> 1-5 (or the item's range), or :data:`SKIP`.
    confidence : float
        0-1.
    note : str
        What the user should check, in words; empty when certain.
    unknown : list of str
        Answers seen that fit no scale (the user must map them).
    """

    name: str
    values: dict[str, int | str]
    confidence: float
    note: str = ""
    unknown: list[str] = field(default_factory=list)


#: A number with a decimal point or comma: ``5.0``, ``3.50``, a slider's ``3,5`` as
#: European Excel saves it (not ``1,000``: a comma before three digits groups thousands).
_DECIMAL = re.compile(r"(-?\d+)(?:\.(\d+)|,(\d{1,2}))")


def normalise_answer(raw: str) -> str:
    """The form answers are compared in: folded, ``5.0`` -> ``5``, ``3,50`` and ``3.5`` ->
    ``3.5``, ``"5 - Agree"`` kept."""
    text = fold(raw)
    number = _DECIMAL.fullmatch(text)
    if number:
        whole, fraction = number.group(1), (number.group(2) or number.group(3)).rstrip("0")
        text = f"{whole}.{fraction}" if fraction else whole
    return text


def rescale(value: int, low: int, high: int, points: int = 5) -> int:
    """``value`` on ``low..high`` moved linearly onto ``1..points`` and rounded."""
    if high == low:
        return 1
    return int(round(1 + (value - low) * (points - 1) / (high - low)))


def suggest_scale(
    item: str, answers: Iterable[str], question_answers: Iterable[str] | None = None
) -> ScaleSuggestion:
    """Propose how the answers of a column become values of ``item``.

    Parameters
    ----------
    item : str
        The Rapport item the column was matched to (not ``comment``).
    answers : iterable of str
        The distinct non-blank answers seen in the column.
    question_answers : iterable of str, optional
        The answers of every column of the same question (a matrix); numbers and codes
        are read on the range seen across all of them.

    Returns
    -------
    ScaleSuggestion
    """
    seen = {normalise_answer(a) for a in answers if a.strip()}
    pooled = {normalise_answer(a) for a in (question_answers or ()) if a.strip()} | seen
    skips = {a: SKIP for a in pooled if a in NOT_ANSWERS}
    rest = seen - set(skips)
    pooled_rest = pooled - set(skips)
    points = len(ITEMS[item].scale)
    for words in (pooled_rest, rest):  # the whole question's words, else this column's
        for name, table in _word_scales(item, words):
            if words <= set(table):
                values = {**_written(name, table, words), **skips}
                return ScaleSuggestion(name, values, 1.0)
    labelled = {a: _numbered_word(a) for a in rest}
    if rest and all(labelled.values()):
        words = set(labelled.values())
        for name, table in _word_scales(item, words):
            if words <= set(table):
                values = {a: table[word] for a, word in labelled.items()}
                return ScaleSuggestion(name, {**values, **skips}, 1.0)
    if rest and all(NUMBER.fullmatch(a) for a in rest):  # a slider's decimals, or 0-100
        numbers = {a for a in pooled_rest if NUMBER.fullmatch(a)}
        if slider_range(numbers, points) is not None:
            name, values, confidence, note = slider_table(numbers, points)
            return ScaleSuggestion(name, {**values, **skips}, confidence, note)
    if rest and all(re.fullmatch(r"-?\d+", a) for a in rest):
        numbers = {a for a in pooled_rest if re.fullmatch(r"-?\d+", a)}
        return _numeric(numbers, skips, points)
    if rest and all(_CODE.match(a) for a in rest):
        return _codes({a for a in pooled_rest if _CODE.match(a)}, skips, points)
    unknown = sorted(rest)
    return ScaleSuggestion(
        f"{item}_answers",
        {**skips, **dict.fromkeys(unknown, UNSET)},
        0.0,
        f"answers that fit no known scale: give each one a value from 1 to {points}, or {SKIP}",
        unknown,
    )


#: The words written for a matched word scale besides those seen: its plain ladder.
_LADDERS: dict[str, tuple[str, ...]] = {
    "agreement": (
        "strongly disagree",
        "disagree",
        "neither agree nor disagree",
        "agree",
        "strongly agree",
    ),
    "agreement_7": tuple(_AGREE7_RAW)[:3]
    + ("neither agree nor disagree", "somewhat agree", "agree", "strongly agree"),
    "frequency": ("never", "quarterly", "monthly", "weekly", "daily"),
    "cadence": ("never", "quarterly", "monthly", "bi-weekly", "weekly"),
    "satisfaction": (
        "very dissatisfied",
        "dissatisfied",
        "neither satisfied nor dissatisfied",
        "satisfied",
        "very satisfied",
    ),
    "yes_no": ("no", "yes"),
}


def _word_scales(item: str, seen: set[str]) -> list[tuple[str, dict[str, int]]]:
    """The word tables worth trying for ``item``, most specific first."""
    kind = ITEMS[item]
    own = (f"{item}_labels", _rapport_scale(item))
    if item == "knows_liaison":
        return [("yes_no", _YES_NO)]
    if item == "meeting_cadence":
        return [("cadence", _CADENCE), own]
    scales: list[tuple[str, dict[str, int]]] = []
    if item == "frequent":
        scales.append(("frequency", _FREQUENCY))
    if kind.kind == "rating" and len(kind.scale) == 5 and item != "frequent":
        if seen & {"somewhat agree", "somewhat disagree"}:
            agree7 = {w: rescale(v, 1, 7) for w, v in _AGREE7_RAW.items()}
            scales.append(("agreement_7", agree7))
        scales += [("agreement", _AGREE5), ("satisfaction", _SATISFACTION)]
        quality = _QUALITY_HIGH if "very good" in seen and "excellent" in seen else _QUALITY_LOW
        scales.append(("quality", quality))
    return scales + [own]


def _written(name: str, table: dict[str, int], seen: set[str]) -> dict[str, int]:
    """The entries of a word table worth writing: its ladder and every word seen."""
    ladder = _LADDERS.get(name, tuple(table))
    words = [w for w in table if w in ladder or w in seen]
    return {w: table[w] for w in sorted(words, key=lambda w: (table[w], w not in ladder, w))}


def _numeric(rest: set[str], skips: dict, points: int) -> ScaleSuggestion:
    numbers = sorted(int(a) for a in rest)
    low, high = numbers[0], numbers[-1]
    if low >= 1 and high <= points:
        low, high, confidence = 1, points, 0.6 if high == points else 0.4
    elif low >= 1 and high <= 7:
        low, high, confidence = 1, 7, 0.6 if high == 7 else 0.4
    elif low >= 0 and high <= 10:
        low, high, confidence = 0, 10, 0.6 if (low == 0 or high == 10) else 0.4
    else:
        return ScaleSuggestion(
            "numbers",
            {**skips, **dict.fromkeys((str(n) for n in numbers), UNSET)},
            0.0,
            f"numbers from {low} to {high} fit no scale Rapport knows: give each a value",
            [str(n) for n in numbers],
        )
    values = {str(v): rescale(v, low, high, points) for v in range(low, high + 1)}
    note = (
        f"numbers read as a {low}-{high} scale (answers seen: {numbers[0]} to {numbers[-1]}); "
        "if the question had another range, correct this table"
    )
    return ScaleSuggestion(f"numbers_{low}_{high}", {**values, **skips}, confidence, note)


def _codes(rest: set[str], skips: dict, points: int) -> ScaleSuggestion:
    numbered = sorted(rest, key=lambda a: int(_CODE.match(a).group(2)))
    if len(numbered) > points:
        return ScaleSuggestion(
            "codes",
            {**skips, **dict.fromkeys(numbered, UNSET)},
            0.0,
            f"{len(numbered)} answer codes for a {points}-point item: give each a value",
            numbered,
        )
    prefix = _CODE.match(numbered[0]).group(1)
    values = {f"{prefix}{n}": n for n in range(1, points + 1)}
    for code in numbered:
        values.setdefault(code, int(_CODE.match(code).group(2)))
    note = (
        f"answer codes {', '.join(numbered)} read in order as 1-{points}; check them against "
        "the answer options in the survey tool"
    )
    return ScaleSuggestion("codes", {**values, **skips}, 0.5, note)


def looks_like_free_text(answers: Iterable[str], rows: int) -> bool:
    """Whether a column's answers are free text (comments) rather than choices.

    Scale words ("Neither agree nor disagree"), numbers and numbered scale words ("3 -
    Neither agree nor disagree", as hand-made sheets write them) are choices however long; the
    rest is free text when a third of the distinct answers have four words or more, or
    when nearly every answer is different.
    """
    distinct = [a for a in answers if a.strip()]
    if not distinct:
        return False
    other = [a for a in distinct if not _is_choice(normalise_answer(a))]
    if not other:
        return False
    long_ones = sum(1 for a in other if len(a.split()) >= 4)
    return long_ones * 3 >= len(distinct) or len(other) > max(12, rows // 2)


def _is_choice(answer: str) -> bool:
    """A scale word, a number, an answer code, or a numbered scale word (``4 - agree``)."""
    if answer in _ALL_WORDS or re.fullmatch(r"-?\d+(\.\d+)?|[a-z]{1,3}\d{1,3}", answer):
        return True
    return _numbered_word(answer) in _ALL_WORDS


_ALL_WORDS = (
    set(_AGREE5)
    | set(_AGREE7_RAW)
    | set(_FREQUENCY)
    | set(_CADENCE)
    | set(_QUALITY_LOW)
    | set(_QUALITY_HIGH)
    | set(_SATISFACTION)
    | set(_YES_NO)
    | set(NOT_ANSWERS)
)


def scale_kind(answers: Iterable[str]) -> str | None:
    """``frequency``, ``yes_no``, ``agreement`` or ``None``: evidence for matching items."""
    seen = {normalise_answer(a) for a in answers if a.strip()} - set(NOT_ANSWERS)
    if not seen:
        return None
    if seen <= set(_YES_NO):
        return "yes_no"
    if seen <= set(_FREQUENCY) | set(_CADENCE):
        return "frequency"
    if seen <= set(_AGREE5) | set(_AGREE7_RAW):
        return "agreement"
    return None
