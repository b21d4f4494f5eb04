"""A roster's headcount cell as written, in the file's own way of writing numbers.

Excel writes its "CSV" with semicolons where the decimal separator is a comma (German,
French...), so ``3,0`` there is three and ``1.000`` one thousand; a comma-separated file
writes them the English way (``"1,000"``). In a tab-separated file or a workbook's text
cell either is possible: ``1,000`` is then refused rather than guessed (a thousand, or
one), and ``12,5`` (a sum of FTEs) is never a whole number of people.
"""

from __future__ import annotations

import re

from surveys.importing.table import Table
from surveys.model import MOST_PEOPLE

_GROUPING = re.compile(r"[\s\u00a0\u202f']")


def decimal_point(table: Table) -> str | None:
    """The decimal separator ``table``'s numbers are written with, when its layout says
    (``,`` in a semicolon-separated CSV, ``.`` in a comma-separated one); else ``None``."""
    if table.kind != "csv":
        return None
    return {";": ",", ",": "."}.get(table.separator)


def read_headcount(raw: str, point: str | None) -> tuple[int | None, str]:
    """``(headcount, "")``, or ``(None, what is wrong)`` for a cell that is no whole
    number of people, reads as two (``point`` unknown), or is more than
    :data:`~surveys.model.MOST_PEOPLE` (a 20-digit cell stopped the import with a
    traceback: SQLite stores no such integer)."""
    number, wrong = _read(raw, point)
    if number is not None and number > MOST_PEOPLE:
        return None, f"{raw!r} is more than {MOST_PEOPLE:,} people; check the number"
    return number, wrong


def _read(raw: str, point: str | None) -> tuple[int | None, str]:
    text = _GROUPING.sub("", raw)
    if text.isdecimal():  # not isdigit: "²" is a digit that int() refuses
        return int(text), ""
    readings = {
        value
        for decimal, group in ((".", ","), (",", "."))
        if point in (None, decimal)
        for value in [_reading(text, decimal, group)]
        if value is not None
    }
    if len(readings) == 1:
        return readings.pop(), ""
    if len(readings) > 1:
        high, low = max(readings), min(readings)
        return None, (
            f"{raw!r} reads as {high:,} or as {low:,} (a thousands separator or a decimal "
            "one); write the number of people without a separator"
        )
    return None, f"{raw!r} is not a headcount; write a whole number of people"


def _reading(text: str, decimal: str, group: str) -> int | None:
    """``text`` as a whole number written with ``decimal`` and ``group`` separators."""
    found = re.fullmatch(
        rf"(\d{{1,3}}(?:{re.escape(group)}\d{{3}})+|\d+)(?:{re.escape(decimal)}(\d+))?", text
    )
    if found is None or (found.group(2) and found.group(2).strip("0")):
        return None
    return int(found.group(1).replace(group, ""))


class CountLike:
    """The columns of a file read as one row per person that hold a whole number on
    every such row: with each department on one row too, it is a table of headcounts
    whose count column was not recognised (``Team, Employees``; a pivot table with years
    across), and each department would be counted as one person."""

    def __init__(self, columns: list[int]) -> None:
        self.columns = set(columns)

    def see(self, cells: list[str]) -> None:
        """A row counted as a person's."""
        if self.columns:
            self.columns = {
                i
                for i in self.columns
                if i < len(cells) and read_headcount(cells[i], None)[0] is not None
            }

    def first(self, counts: dict[str, int]) -> int | None:
        """The first such column, when each of two departments or more is on one row."""
        if self.columns and len(counts) > 1 and set(counts.values()) == {1}:
            return min(self.columns)
        return None
