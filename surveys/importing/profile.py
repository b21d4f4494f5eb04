"""Look through a file once and describe what each column holds (for suggesting a mapping).

A :class:`ColumnProfile` keeps the distinct answers of a column (up to
:data:`MAX_DISTINCT`, with counts) and how many cells are filled; nothing else of the file
is kept. At most :data:`MAX_ROWS` rows are
read, which is plenty to recognise a scale and fast on a file of any size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from surveys.importing.layouts import Layout, detect_layout
from surveys.importing.table import open_table, read_head

MAX_DISTINCT = 200
MAX_ROWS = 50_000


@dataclass
class ColumnProfile:
    """What one column of the file holds."""

    filled: int = 0
    values: Counter = field(default_factory=Counter)
    overflow: bool = False

    def add(self, value: str) -> None:
        value = value.strip()
        if not value:
            return
        self.filled += 1
        if value in self.values or len(self.values) < MAX_DISTINCT:
            self.values[value] += 1
        else:
            self.overflow = True

    @property
    def distinct(self) -> list[str]:
        return list(self.values)


@dataclass
class FileProfile:
    """The layout of a file and a profile of each of its columns."""

    path: Path
    layout: Layout
    rows: int
    columns: list[ColumnProfile]
    kind: str = ""


def profile_file(path: str | Path, max_rows: int = MAX_ROWS) -> FileProfile:
    """Detect the layout of ``path`` and profile its columns from up to ``max_rows`` rows."""
    path = Path(path)
    _, head = read_head(path)
    layout = detect_layout(head)
    profiles = [ColumnProfile() for _ in layout.columns]
    rows = 0
    with open_table(path) as table:
        numbered = table.rows()
        for _ in range(layout.header_rows):
            if next(numbered, None) is None:
                break
        for _line, cells in numbered:
            rows += 1
            for profile, value in zip(profiles, cells, strict=False):
                profile.add(value)
            if rows >= max_rows:
                break
        kind = table.describe()
    return FileProfile(path, layout, rows, profiles, kind)
