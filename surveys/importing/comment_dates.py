"""A comment export's dates: which format its date column is in (day or month first),
and the first dates of the file to tell it by (:mod:`surveys.importing.comment_exports`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from surveys.importing.comment_columns import comment_roles
from surveys.importing.dates import DateFormatError, guess_format, parse_day
from surveys.importing.layouts import Layout
from surveys.importing.table import CellProblem

if TYPE_CHECKING:
    from surveys.importing.comment_exports import CommentPlan


def find_date_format(plan: CommentPlan, dates: list[str]) -> None:
    """The date column's format, or a problem when it cannot be told and no --wave
    was given (with --wave, an uncertain format keeps no day: the wave is given)."""
    values = [d.strip() for d in dates if d.strip()]
    fmt, confidence, note = guess_format(values, "comments")
    if fmt is None and note == "some values are not dates":
        fmt, confidence = _most_read(values), 1.0  # the others are refused at their rows
        if fmt is None:
            note += ", and the others could be day or month first"
    column = plan.columns["date"]
    if fmt is not None and confidence >= 1.0:
        plan.date_format = fmt
        return
    if plan.wave or (fmt is None and not dates):
        return
    why = note or "they are not dates"
    plan.problems.append(
        (
            str(plan.path),
            CellProblem(
                plan.layout.header_line,
                column.where(),
                f"the dates cannot be read with certainty: {why}. Give the wave of every "
                "comment with --wave (the day is then not kept)",
            ),
        )
    )


def _most_read(values: list[str]) -> str | None:
    """The one format that reads the most of ``values`` (``None`` on a tie)."""
    read = {}
    for fmt in ("YYYY-MM-DD", "D/M/YYYY", "M/D/YYYY", "D.M.YYYY", "D-M-YYYY"):
        read[fmt] = 0
        for value in values:
            try:
                parse_day(value, fmt)
            except DateFormatError:
                continue
            read[fmt] += 1
    best = max(read.values())
    if best == read["YYYY-MM-DD"]:  # what is read is year-first or named: no order to guess
        return "YYYY-MM-DD" if best else None
    winners = [fmt for fmt, count in read.items() if count == best]
    return winners[0] if len(winners) == 1 else None


def date_samples(path: Path, layout: Layout, limit: int = 2000) -> list[str]:
    """The first ``limit`` dates of a comment export (to tell their format)."""
    from surveys.importing.table import open_table

    index = comment_roles([c.text or c.key for c in layout.columns]).get("date")
    if index is None:
        return []
    values: list[str] = []
    with open_table(path) as table:
        rows = table.rows()
        for _ in range(layout.header_rows):
            next(rows, None)
        for _line, cells in rows:
            if index < len(cells) and cells[index].strip():
                values.append(cells[index])
                if len(values) >= limit:
                    break
    return values
