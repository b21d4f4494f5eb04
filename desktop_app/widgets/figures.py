"""Counts as people read them: "12,100", not "12100".

The command line prints counts with a thousands separator (``f"{n:,}"``, see
``desktop_app.commands.counted``); the window showed "160106 comments shown." and
"80 of 12100 people answered". Qt's ``%n`` prints the bare number, so a text with a count
goes through :func:`grouped_count` after ``tr``.
"""

from __future__ import annotations


def grouped(number: int) -> str:
    """``number`` with a comma between thousands: ``12100`` → ``"12,100"``."""
    return f"{number:,}"


def grouped_count(text: str, number: int) -> str:
    """``text`` (a ``tr`` result whose ``%n`` became ``number``) with the number grouped.

    Call it before filling other placeholders (``%1``), so only the count is changed.
    """
    return text.replace(str(number), grouped(number), 1)


def whole_number(text: str) -> int:
    """A count typed as the window shows it, ``"12,000"``, or bare, ``"12000"``.

    Commas count only between groups of three digits (``"1,20"`` is refused, not read as
    120); :class:`ValueError` for anything else.
    """
    digits = text.strip()
    if "," in digits:
        head, *groups = digits.split(",")
        if not (1 <= len(head) <= 3 and all(len(g) == 3 for g in groups)):
            raise ValueError(text)
        digits = "".join([head, *groups])
    if not digits.isdigit() or not digits.isascii():
        raise ValueError(text)
    return int(digits)


def typed_count(text: str) -> int | None:
    """:func:`whole_number` of ``text``, or ``None`` when it is blank or not a count."""
    try:
        return whole_number(text)
    except ValueError:
        return None
