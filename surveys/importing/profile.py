"""Look through a file once and describe what each column holds (for suggesting a mapping).

A :class:`ColumnProfile` keeps the distinct answers of a column (up to
:data:`MAX_DISTINCT`, with counts) and how many cells are filled; nothing else of the file
is kept. At most :data:`MAX_ROWS` rows of a CSV or TSV file are read, and
:data:`MAX_XLSX_ROWS` of a workbook (read cell by cell, much slower): plenty to recognise a
scale, and quick on a file of any size. Answers only in later rows are checked at import.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from surveys.importing.headcount import decimal_point
from surveys.importing.layouts import Column, Layout, detect_layout
from surveys.importing.meaning import without_departments
from surveys.importing.row_status import with_totals
from surveys.importing.table import open_table, read_head
from surveys.importing.text import plain

MAX_DISTINCT = 200
MAX_ROWS = 20_000
MAX_XLSX_ROWS = 3_000


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
    complete: bool = True
    #: How the file was read: the encoding (CSV, TSV), the sheets (XLSX).
    encoding: str = ""
    sheet_titles: list[str] = field(default_factory=list)
    sheet_title: str = ""
    #: A byte the encoding could not read was met in the rows profiled.
    encoding_problem: bool = False
    #: The decimal separator of a CSV's numbers when its layout says (``,`` when
    #: semicolon-separated, as European Excel writes it); ``None`` otherwise.
    decimal_point: str | None = None

    def text_sample(self, limit: int = 90) -> str:
        """The first answer with a letter beyond ASCII (to judge the encoding by), or ``""``.

        Never from a column that identifies a person (a name, an e-mail, an id): the wizard
        shows no identity, whatever the file holds.
        """
        from surveys.importing.identity import role_of

        for column, profile in zip(self.layout.columns, self.columns, strict=False):
            if role_of(column, self.layout.name).kind in ("identity", "response_id"):
                continue
            for value in profile.values:
                if any(ord(char) > 127 for char in value):
                    return value if len(value) <= limit else value[: limit - 1] + "…"
        return ""

    def rows_read(self) -> str:
        """``12 responses`` (``12 comments`` of a comment export), or ``the first 3,000
        responses`` of a longer file."""
        what = "comment" if self.layout.name == "comments" else "response"
        count = f"{self.rows:,} {what}{'s' if self.rows != 1 else ''}"
        return count if self.complete else f"the first {count}"


def profile_file(path: str | Path, max_rows: int | None = None) -> FileProfile:
    """Detect the layout of ``path`` and profile its columns from its first rows.

    ``max_rows`` defaults to :data:`MAX_ROWS` (CSV, TSV) or :data:`MAX_XLSX_ROWS` (XLSX).
    """
    path = Path(path)
    _, head = read_head(path)
    layout = detect_layout(head, path)
    profiles = [ColumnProfile() for _ in layout.columns]
    rows = 0
    complete = True
    with open_table(path) as table:
        if max_rows is None:
            max_rows = MAX_XLSX_ROWS if table.kind == "xlsx" else MAX_ROWS
        numbered = table.rows()
        for _ in range(layout.header_rows):
            if next(numbered, None) is None:
                break
        for _line, cells, total in with_totals(numbered):
            if not any(cells) or total:  # ",,,", a totals row at the end: no response
                continue
            rows += 1
            for profile, value in zip(profiles, cells, strict=False):
                profile.add(value)
            if rows >= max_rows:
                complete = next(numbered, None) is None
                break
        kind = table.describe()
    return FileProfile(
        path,
        layout,
        rows,
        profiles,
        kind,
        complete,
        encoding="" if table.kind == "xlsx" else table.encoding,
        sheet_titles=list(table.sheet_titles),
        sheet_title=table.sheet_title,
        encoding_problem=any(p.column == "encoding" for p in table.problems),
        decimal_point=decimal_point(table),
    )


def pooled_answers(
    profile: FileProfile, questions: list[Column], departments: list[str]
) -> dict[int, set[str]]:
    """The answers of every column of the same question, pooled, by column index.

    Columns belong together when they have the same code before ``_``/``[`` (``Q3_1``,
    ``Q3_2``; ``G02Q02[SQ001]``) or the same text once department names are removed
    ("How timely is IT?", "How timely is Sales?"). A 1-7 scale seen in one column of a
    matrix is then the scale of all of them.
    """
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    members: dict[int, list[str]] = {}
    for column in questions:
        keys = ["text:" + plain(without_departments(column.text, departments))]
        code = re.match(r"^(.+?)(?:_\d+|\[[^\]]+\])$", column.code or column.key)
        if code and (column.code or profile.layout.name == "qualtrics"):
            keys.append("code:" + code.group(1))
        members[column.index] = keys
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
    pooled: dict[str, set[str]] = {}
    for index, keys in members.items():
        pooled.setdefault(find(keys[0]), set()).update(profile.columns[index].values)
    return {index: pooled[find(keys[0])] for index, keys in members.items()}
