"""Counts as people read them: "12,100", not "12100".

The command line prints counts with a thousands separator (``f"{n:,}"``, see
``desktop_app.commands.counted``); the window showed "160106 comments shown." and
"80 of 12100 people answered". Qt's ``%n`` prints the bare number, so a text with a count
goes through :func:`grouped_count` after ``tr``.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from surveys.model import MOST_PEOPLE


def grouped(number: int) -> str:
    """``number`` with a comma between thousands: ``12100`` → ``"12,100"``."""
    return f"{number:,}"


def grouped_count(text: str, number: int) -> str:
    """``text`` (a ``tr`` result whose ``%n`` became ``number``) with the number grouped.

    Call it before filling other placeholders (``%1``), so only the count is changed.
    """
    return text.replace(str(number), grouped(number), 1)


#: A count written as the window writes it, or grouped by threes with a space (a
#: no-break one too) or an apostrophe, as some countries do ("12 000", "12'000"); plain
#: digits, or groups whose first one does not start with 0 ("0,012" is not twelve).
_COUNT = re.compile(
    r"[0-9]+|[1-9][0-9]{0,2}(?:(?P<sep>[,' \u00a0\u202f])[0-9]{3})(?:(?P=sep)[0-9]{3})*"
)
#: A point between groups of three: a thousands separator in German ("12.000"), a
#: decimal one in English (twelve); read either way it could hide or hold answers.
_POINTED = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")


def whole_number(text: str) -> int:
    """A count typed as the window shows it, ``"12,000"``, bare, ``"12000"``, or grouped
    by a space or an apostrophe (``"12 000"``, ``"12'000"``).

    Separators count only between groups of three digits (``"1,20"`` is refused, not read
    as 120), and a point never does (``"12.000"``: twelve, or twelve thousand?);
    :class:`ValueError` for anything else.
    """
    digits = text.strip()
    if _COUNT.fullmatch(digits) is None:
        raise ValueError(text)
    return int(re.sub(r"[^0-9]", "", digits))


def headcount_refused(department: str, text: str) -> str | None:
    """Why ``text`` is no headcount for ``department`` and what to type instead, or
    ``None`` when it is one (a blank one included: the headcount is not known)."""
    typed = text.strip()
    if not typed:
        return None

    def said(source: str) -> str:
        return QCoreApplication.translate("Headcounts", source).replace("%1", department)

    if _POINTED.fullmatch(typed):
        pointless = int(typed.replace(".", ""))
        return (
            said(
                'Headcount of %1: "%2" could be %3 or %4; '
                "type the number of people without the point, as %5."
            )
            .replace("%2", typed)
            .replace("%3", grouped(pointless))
            .replace("%4", typed.split(".")[0])
            .replace("%5", str(pointless))
        )
    try:
        number = whole_number(typed)
    except ValueError:
        if typed[:1] in "-\u2212" and typed_count(typed[1:]) is not None:
            return said("Headcount of %1: a headcount cannot be negative; type 0 or more.")
        return said("Headcount of %1: type a whole number of people, such as 1200 or 1,200.")
    if number > MOST_PEOPLE:
        return said("Headcount of %1: at most %2 people; check the number.").replace(
            "%2", grouped(MOST_PEOPLE)
        )
    return None


def typed_count(text: str) -> int | None:
    """:func:`whole_number` of ``text``, or ``None`` when it is blank or not a count."""
    try:
        return whole_number(text)
    except ValueError:
        return None
