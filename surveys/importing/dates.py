"""Dates in survey exports: read the day (never the time), name waves by month or quarter.

Tools write dates their own way: ``2025-10-14 09:12:33`` (Qualtrics, LimeSurvey, Excel
cells), ``10/14/2025 9:12:33 AM`` (SurveyMonkey, Google Forms in the US),
``14/10/2025 09:12:33`` (Google Forms in Europe), ``14.10.2025`` (German Excel),
``14-10-2025 9:12:33`` (Google Sheets in Dutch), ``2025. 10. 14. 9:12:33`` (in Hungarian)
and ``46102.35`` (an Excel date cell formatted as a number). ISO dates and Excel serial
numbers are read whatever format the mapping names, since they cannot be misread. A mapping
names its format once; :func:`guess_format` proposes it from the values, and says when
the values cannot tell day and month apart.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from surveys.importing.text import fold

#: The date formats a mapping may name (any time after the date is ignored).
DATE_FORMATS = ("YYYY-MM-DD", "M/D/YYYY", "D/M/YYYY", "D.M.YYYY", "D-M-YYYY")

#: Year first: ``2025-10-14``, ``2025/10/14`` (East Asian locales), ``2025. 10. 14.``
#: (Hungarian), ``2025.10.14``.
_ISO = re.compile(r"^\s*(\d{4})(?:[-/]|\.\s?)(\d{1,2})(?:[-/]|\.\s?)(\d{1,2})\.?(?:$|[T\s])")
_SLASH = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:$|[\s,T])")
_DOT = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:$|[\s,T])")
#: Day first with dashes, as Google Sheets writes stamps in Dutch (``20-9-2025 11:01:26``).
_DASH = re.compile(r"^\s*(\d{1,2})-(\d{1,2})-(\d{2}|\d{4})(?:$|[\s,T])")
#: An Excel date serial number (days since 1899-12-30), as a cell formatted "General"
#: shows a date: 20000 (1954) to 79999 (2119), with the time of day as a fraction.
_SERIAL = re.compile(r"^\s*([2-7]\d{4})(?:\.\d+)?\s*$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
#: The month named in English, as Excel shows a date cell formatted ``d-mmm-yy`` and saves
#: it so in a CSV (``20-Sep-25``), and as people type it (``20 September 2025``,
#: ``Sep 20, 2025``).
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH = re.compile(r"^\s*(\d{1,2})[-\s]([A-Za-z]{3,9})\.?[-\s](\d{4}|\d{2})(?:$|[\s,T])")
_MONTH_DAY = re.compile(r"^\s*([A-Za-z]{3,9})\.?\s(\d{1,2}),?\s(\d{4})(?:$|[\s,T])")


def _unambiguous(text: str) -> dt.date | None:
    """The day of an ISO date or an Excel serial number, whatever the mapping's format.

    A four-digit year first cannot be read day-first or month-first, and a workbook's date
    cells arrive as ISO text; so a mapping written for the CSV export (``M/D/YYYY``) reads
    the same survey's XLSX export too.
    """
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    match = _SERIAL.match(text)
    if match:
        return _EXCEL_EPOCH + dt.timedelta(days=int(match.group(1)))
    return _month_named(text)


def _month_named(text: str) -> dt.date | None:
    """The day of ``20-Sep-25``, ``20 September 2025`` or ``Sep 20, 2025`` (a month name
    cannot be misread), or None."""
    match = _DAY_MONTH.match(text)
    if match:
        day, month, year = match.groups()
    else:
        match = _MONTH_DAY.match(text)
        if not match:
            return None
        month, day, year = match.groups()
    number = _MONTHS.get(month.lower())
    return dt.date(_year(year), number, int(day)) if number else None


class DateFormatError(ValueError):
    """A value is not a date in the format the mapping names."""


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def parse_day(raw: str, fmt: str) -> dt.date:
    """The day of ``raw`` read in ``fmt`` (one of :data:`DATE_FORMATS`).

    Raises
    ------
    DateFormatError
        With a message that shows the expected format.
    """
    text = raw.strip()
    try:
        day = _unambiguous(text)
        if day is not None:
            return day
        if fmt in ("M/D/YYYY", "D/M/YYYY"):
            match = _SLASH.match(text)
            if match:
                first, second, year = match.groups()
                month, day = (first, second) if fmt == "M/D/YYYY" else (second, first)
                return dt.date(_year(year), int(month), int(day))
        elif fmt in ("D.M.YYYY", "D-M-YYYY"):
            match = (_DOT if fmt == "D.M.YYYY" else _DASH).match(text)
            if match:
                day, month, year = match.groups()
                return dt.date(_year(year), int(month), int(day))
    except ValueError:
        raise DateFormatError(f"{text!r} is not a real date when read as {fmt}") from None
    raise DateFormatError(f"{text!r} is not a date in the format {fmt}")


def _named(value: str) -> bool:
    try:
        return _month_named(value) is not None
    except ValueError:  # 31-Feb-25: not a date, reported when it is read
        return False


def wave_name(day: dt.date, by: str) -> str:
    """The wave a day belongs to: ``2025-10`` by month, ``2025-Q4`` by quarter."""
    if by == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def guess_format(
    values: Iterable[str], layout: str = "wide", serials: bool = True
) -> tuple[str | None, float, str]:
    """Propose the format of a column of dates.

    Parameters
    ----------
    values : iterable of str
        Non-blank cells of the column.
    layout : str
        The detected layout; decides day/month order when the values cannot (US tools
        write month first).
    serials : bool
        Whether Excel serial numbers count as dates (for a column named as a date; a
        column of plain numbers is not taken for dates).

    Returns
    -------
    (format or None, confidence, note)
        ``None`` when the values are not dates in any known format.
    """
    iso = slash = dot = dash = 0
    first_over_12 = second_over_12 = False
    total = 0
    for value in values:
        total += 1
        if _ISO.match(value) or (serials and _SERIAL.match(value)) or _named(value):
            iso += 1
            continue
        match = _SLASH.match(value)
        if match:
            slash += 1
            first_over_12 |= int(match.group(1)) > 12
            second_over_12 |= int(match.group(2)) > 12
            continue
        if _DOT.match(value):
            dot += 1
        elif _DASH.match(value):
            dash += 1
            second_over_12 |= int(_DASH.match(value).group(2)) > 12
    if not total:
        return None, 0.0, ""
    counts = (("YYYY-MM-DD", iso), ("slash", slash), ("D.M.YYYY", dot), ("D-M-YYYY", dash))
    best = max(counts, key=lambda p: p[1])
    if best[0] == "D-M-YYYY" and second_over_12:
        return None, 0.0, "dates with dashes are read day first (D-M-YYYY), and these are not"
    if best[1] < total:
        return None, 0.0, "some values are not dates"
    if best[0] != "slash":
        return best[0], 1.0, ""
    if first_over_12 and not second_over_12:
        return "D/M/YYYY", 1.0, ""
    if second_over_12 and not first_over_12:
        return "M/D/YYYY", 1.0, ""
    if first_over_12 and second_over_12:
        return None, 0.0, "the dates mix day-first and month-first"
    us = layout in ("surveymonkey", "google", "qualtrics", "forms")
    fmt = "M/D/YYYY" if us else "D/M/YYYY"
    return (
        fmt,
        0.5,
        (
            "every date seen has a day of 12 or less, so day and month cannot be told apart; "
            f"{fmt} assumed, check it against the tool's settings"
        ),
    )


def suggest_wave(days: list[dt.date]) -> tuple[str, float, str]:
    """How to name the waves of responses given on ``days``: ``(by, confidence, note)``.

    One month: by month, certain. One quarter over several months: by quarter, to check.
    Longer: by month (one wave each), to check.
    """
    months = sorted({wave_name(d, "month") for d in days})
    quarters = sorted({wave_name(d, "quarter") for d in days})
    if len(months) <= 1:
        return "month", 1.0, f"every response is from {months[0] if months else 'one month'}"
    if len(quarters) == 1:
        return (
            "quarter",
            0.6,
            (
                f"responses span {', '.join(months)}: one wave for the quarter {quarters[0]}; use "
                "'by: month' for monthly pulses, or 'fixed: NAME'"
            ),
        )
    return (
        "month",
        0.6,
        (
            f"responses span {len(months)} months ({months[0]} to {months[-1]}): one wave per "
            "month; use 'by: quarter' for quarterly pulses"
        ),
    )


def no_dates_note(unread: tuple[str, str, str] | None) -> str:
    """Why a suggestion takes no wave from the dates: the file has none, or the dates of a
    date column (its letter, heading, and why) cannot be read, such as dates written both
    day first and month first."""
    if unread is None:
        return "the file has no dates: give the wave's name here or with --wave"
    letter, heading, why = unread
    return (
        f'the dates of column {letter} "{heading}" cannot be read: {why}. Write them one way '
        "in the file (all day first or all month first) and suggest again, or give the "
        "wave's name here or with --wave"
    )


#: A heading that says its column holds dates: Excel serial numbers in it are days.
_DATED = re.compile(r"\b(date|day|submitted|completed|finished|datum|fecha|data)\b")
#: ...unless it says they are a person's or a thing's number ("Submitted by" a staff
#: number, "Ticket number (submitted)", "Data ID"): 45123 is then no day of 2023.
_NOT_DATED = re.compile(
    r"\b(by|id|ids|number|numbers|no|nr|num|nummer|numero|code|ref|reference|count|ticket)\b|#"
)


def dated_heading(heading: str) -> bool:
    """Whether ``heading`` says its column holds dates ("Submitted on", "Date of visit"),
    not who or what ("Submitted by", "Ticket number (submitted)")."""
    folded = fold(heading)
    return bool(_DATED.search(folded)) and not _NOT_DATED.search(folded)
