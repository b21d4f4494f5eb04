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
