"""Numbers answered on a slider: decimals (``3.5``; ``3,5`` as European Excel saves a
Qualtrics export) and the 0-100 range Qualtrics gives a slider by default.

A mapping states every answer's value, so the suggestion writes a table, as it does for
whole numbers (:mod:`surveys.importing.scales`): each whole number of the range the answers
fit (1-5, 1-7, 0-10 or 0-100) and each decimal seen, moved linearly onto the item's scale
and rounded half up (``2.5`` on a 1-5 slider is 3; Python's ``round`` rounds half to even
and made it 2). Answers are compared in their normal form (``3,50`` is ``3.5``:
:func:`surveys.importing.scales.normalise_answer`), so the table imports the file whichever
decimal separator it was saved with.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from fractions import Fraction

#: An answer in its normal form that is a number (a whole one, or with a decimal point).
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
#: The ranges a slider's answers are read on, tried in this order (``None``: the item's).
_RANGES: tuple[tuple[int, int | None], ...] = ((1, None), (1, 7), (0, 10), (0, 100))


def moved(value: Fraction, low: int, high: int, points: int) -> int:
    """``value`` on ``low..high`` moved linearly onto ``1..points``, rounded half up."""
    return math.floor(1 + (value - low) * (points - 1) / (high - low) + Fraction(1, 2))


def slider_range(answers: Iterable[str], points: int) -> tuple[int, int] | None:
    """The range of a slider the numbers ``answers`` fit, or ``None``: whole numbers
    within 0-10 are left to the plain number scales, and numbers beyond 0-100 fit none."""
    numbers = [Fraction(answer) for answer in answers]
    if not numbers:
        return None
    low, high = min(numbers), max(numbers)
    if all(n.denominator == 1 for n in numbers) and low >= 0 and high <= 10:
        return None
    for start, end in _RANGES:
        if low >= start and high <= (end or points):
            return start, end or points
    return None


def slider_table(answers: Iterable[str], points: int) -> tuple[str, dict[str, int], float, str]:
    """The name, table, confidence and note of the scale for the slider ``answers``
    (numbers in their normal form, which :func:`slider_range` found a range for)."""
    seen = {answer: Fraction(answer) for answer in answers}
    found = slider_range(seen, points)
    if found is None:
        raise ValueError("no slider range fits these answers")
    low, high = found
    values = {Fraction(v): str(v) for v in range(low, high + 1)}
    values.update({number: answer for answer, number in seen.items()})
    table = {values[n]: moved(n, low, high, points) for n in sorted(values)}
    first, last = min(seen.values()), max(seen.values())
    reaches = first == low or last == high
    note = (
        f"numbers read as a {low}-{high} slider (answers seen: {_shown(first)} to "
        f"{_shown(last)}), each moved onto 1-{points} and rounded half up; if the slider "
        "had another range, correct this table, and add any other decimal a later file holds"
    )
    return f"slider_{low}_{high}", table, 0.6 if reaches else 0.4, note


def _shown(number: Fraction) -> str:
    return str(number.numerator) if number.denominator == 1 else f"{float(number):g}"
