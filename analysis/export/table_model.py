"""A table ready to write to a sheet or a CSV file: columns and rows of plain values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Column:
    """A column: its header, width in characters and Excel number format."""

    header: str
    width: int = 14
    number_format: str | None = None


@dataclass
class Table:
    """A table ready to write: columns and rows of plain values."""

    name: str
    columns: list[Column]
    rows: list[list[object]]
