"""The rows and columns of a worksheet that Excel does not show, and that hold a value.

A person checks a workbook in Excel before importing it. Rows hidden by a filter or Hide
(or made less than 2 points high), and columns hidden by Hide (or made narrower than half a
character), hold values that person never saw: made-up answers beside the real ones.
:func:`hidden_cells` finds them, so that the import refuses the sheet instead of reading
them. A hidden row or column without a value (a spacer, the unused rows below the data
hidden to tidy the sheet) holds no answer and is passed over.

The worksheet's XML is streamed (expat, no tree is built, a DTD is refused), so a sheet of
any size costs no memory.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

#: A column narrower than this many characters shows nothing of its cells.
NARROWEST_COLUMN = 0.5


@dataclass
class HiddenCells:
    """What a worksheet hides: the first rows and columns (letters) that hold a value,
    and how many of each there are."""

    rows: list[int] = field(default_factory=list)
    row_count: int = 0
    columns: list[str] = field(default_factory=list)
    column_count: int = 0


class _DeclaresEntities(ValueError):
    """The worksheet's XML has a DTD (openpyxl refuses it too, when it reads the rows)."""


def _invisible_row(row: dict[str, str]) -> bool:
    if row.get("hidden") in ("1", "true"):
        return True
    try:
        return float(row.get("ht", "15")) < 2
    except ValueError:
        return False


def _invisible_column(col: dict[str, str]) -> range | None:
    """The columns (1-based numbers) a ``<col>`` element hides, or ``None``."""
    hidden = col.get("hidden") in ("1", "true")
    try:
        hidden = hidden or float(col.get("width", "9")) < NARROWEST_COLUMN
        return range(int(col["min"]), int(col["max"]) + 1) if hidden else None
    except (KeyError, ValueError):
        return None


def column_number(reference: str) -> int:
    """The 1-based column of a cell reference such as ``"AB12"`` (``0`` if it has none)."""
    number = 0
    for char in reference:
        if not "A" <= char <= "Z":
            break
        number = number * 26 + ord(char) - 64
    return number


def column_letters(number: int) -> str:
    """The letters of the 1-based column ``number`` (``28`` → ``"AB"``)."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def hidden_cells(path: Path, member: str, most: int = 10) -> HiddenCells:
    """The rows and columns the worksheet ``member`` of the workbook ``path`` hides that
    hold a value: the first ``most`` of each, and how many there are.

    Raises
    ------
    ValueError
        The XML cannot be read (a DTD, bad XML); openpyxl will say why.
    """
    found = HiddenCells()
    spans: list[range] = []  # the hidden columns, from ``<cols>`` before the rows
    seen: set[int] = set()
    row: int | None = None  # the hidden row being read, until it is counted
    column = 0  # the column of the cell being read

    def value() -> None:
        nonlocal row
        found.row_count += 1
        if len(found.rows) < most:
            found.rows.append(row)  # type: ignore[arg-type]
        row = None

    def rows_only(name: str, attributes: dict[str, str]) -> None:
        nonlocal row
        local = name.rpartition(":")[2]
        if local == "row":
            row = int(attributes.get("r", "0") or 0) if _invisible_row(attributes) else None
        elif row is not None and local in ("v", "is"):  # a cell's value, or its text
            value()

    def rows_and_columns(name: str, attributes: dict[str, str]) -> None:
        nonlocal column
        local = name.rpartition(":")[2]
        if local == "c":
            column = column_number(attributes.get("r", "")) or column + 1
        elif local in ("v", "is") and column not in seen and any(column in s for s in spans):
            seen.add(column)
            found.column_count += 1
        elif local == "row":
            column = 0
        rows_only(name, attributes)

    def head(name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "col":
            span = _invisible_column(attributes)
            if span is not None:
                spans.append(span)
        elif local == "sheetData":  # the rows: a leaner handler where no column is hidden
            parser.StartElementHandler = rows_and_columns if spans else rows_only

    def doctype(*_args) -> None:
        raise _DeclaresEntities("its XML declares a DTD")

    parser = expat.ParserCreate()
    parser.StartElementHandler = head
    parser.StartDoctypeDeclHandler = doctype
    with zipfile.ZipFile(path) as archive, archive.open(member) as source:
        try:
            parser.ParseFile(source)
        except expat.ExpatError as exc:
            raise ValueError(str(exc)) from None
    found.columns = [column_letters(number) for number in sorted(seen)[:most]]
    return found
