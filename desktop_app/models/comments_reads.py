"""The Comments section's reads, run off the GUI thread (no Qt here).

Each read opens the workspace on the thread that runs it, reads and closes it. A query
superseded by a newer one (HR typed another letter, chose another box, clicked another
column title) is interrupted (:meth:`Interrupter.interrupt`, SQLite's
``sqlite3_interrupt``, which may be called from any thread): on 163,000 comments each
query takes about half a second of CPU, and typing a word used to queue a query per
pause, each finishing for nothing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.comments_query import (
    CommentFilter,
    CommentRow,
    CommentSelection,
    fetch_rows,
    select_groups,
)


@dataclass(frozen=True)
class RowsQuery:
    """What a page of rows is read for: the filter, the sort and the page."""

    flt: CommentFilter
    sort_key: str
    descending: bool
    offset: int
    size: int
    selection: CommentSelection | None = None  # None: select the groups first


@dataclass
class RowsAnswer:
    """A page of rows, with the selection it was read for."""

    selection: CommentSelection
    rows: list[CommentRow]
    offset: int


@dataclass
class SectionData:
    """What the section shows besides the rows: the boxes' choices, the theme names and
    how many labels HR corrected."""

    choices: dict[str, list] = field(default_factory=dict)
    taxonomy: Any = None
    corrections: int = 0


class Interrupter:
    """The connections of the reads still running; :meth:`interrupt` stops their queries."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: set[Any] = set()

    def interrupt(self) -> None:
        """Stop the queries of every read started so far (their answers are not wanted)."""
        with self._lock:
            for conn in self._open:
                conn.interrupt()

    def opened(self, db: Any) -> None:
        with self._lock:
            self._open.add(db.conn)

    def closed(self, db: Any) -> None:
        with self._lock:
            self._open.discard(db.conn)


def read_rows(path: Path, query: RowsQuery, interrupter: Interrupter | None = None) -> RowsAnswer:
    """The groups ``query.flt`` may show (unless given) and one page of their rows."""
    from surveys.store import open_workspace

    db = open_workspace(path)
    if interrupter is not None:
        interrupter.opened(db)
    try:
        selection = query.selection
        if selection is None:
            selection = select_groups(db, query.flt)
        rows = fetch_rows(
            db,
            query.flt,
            selection,
            query.offset,
            query.size,
            query.sort_key,
            query.descending,
        )
        return RowsAnswer(selection, rows, query.offset)
    finally:
        if interrupter is not None:
            interrupter.closed(db)
        db.close()


def read_section(path: Path) -> SectionData:
    """The filter boxes' choices, the workspace's themes and the number of corrections."""
    from analysis.comment_choices import filter_choices
    from analysis.sentiment.comment_labels import correction_count
    from analysis.taxonomy_setting import workspace_taxonomy
    from analysis.themes import TaxonomyError, default_taxonomy
    from surveys.store import open_workspace

    db = open_workspace(path)
    try:
        choices = filter_choices(db)
        try:
            taxonomy = workspace_taxonomy(db) or default_taxonomy()
        except TaxonomyError:
            taxonomy = default_taxonomy()
        return SectionData(choices, taxonomy, correction_count(db))
    finally:
        db.close()


def read_corrections(path: Path) -> int:
    """How many labels HR corrected."""
    from analysis.sentiment.comment_labels import correction_count
    from surveys.store import open_workspace

    db = open_workspace(path)
    try:
        return correction_count(db)
    finally:
        db.close()


def store_correction(path: Path, comment_id: int, label: str | None) -> Any:
    """Store a label correction (:func:`analysis.sentiment.comment_labels.correct_label`)
    and give what the comment now shows; runs on any thread (the one write here)."""
    from analysis.sentiment.comment_labels import correct_label
    from desktop_app.workspace_reads import open_for_section

    db = open_for_section(path)
    try:
        return correct_label(db, comment_id, label)
    finally:
        db.close()
