"""Settings' roster and name-list imports away from the GUI thread (Qt-free).

:func:`preview_hr_file` reads a file as the import would and says what it would do
(`rapport roster import --dry-run`; for a name list, how many names and from which
columns), changing nothing; :func:`import_hr_file` imports it. Both read the file as the
dialog's Worksheet and Encoding choices say (:mod:`surveys.read_options`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from surveys.importing.name_words import Pair, WordEntry
from surveys.read_options import ReadOptions, reading_as

ROSTER = "roster"
NAMES = "names"


@dataclass
class HrFilePreview:
    """What importing a roster or name list would do, or why it cannot be imported."""

    summary: str = ""
    problems: list[str] = field(default_factory=list)
    #: How the file was read: the encoding of a CSV/TSV (offered to change), or a
    #: workbook's visible worksheets and the one read (the dialog's choices).
    encoding: str = ""
    sheets: list[str] = field(default_factory=list)
    sheet: str = ""
    encoding_matters: bool = False
    sample: str = ""
    #: A roster's department column, and every column that could hold departments.
    department: str = ""
    department_choices: list[str] = field(default_factory=list)
    #: A name list's entries that are ordinary words or department names (the dialog
    #: offers to leave them out).
    word_entries: tuple[WordEntry, ...] = ()
    #: Those of them an earlier import stored: ticked, they are taken out of the list.
    stored_words: frozenset[Pair] = frozenset()


def preview_hr_file(
    workspace: Path,
    path: str | Path,
    kind: str,
    read: ReadOptions | None = None,
    department_column: str | None = None,
) -> HrFilePreview:
    """Read ``path`` as a roster or name list for ``workspace``; change nothing.
    ``department_column`` names a roster's department column (Rapport's pick otherwise)."""
    from surveys.errors import RapportError
    from surveys.importing import ImportProblems

    preview = HrFilePreview()
    read = read or ReadOptions()
    try:
        with reading_as(read):
            _describe(path, preview)
            _what_it_would_do(workspace, path, kind, department_column, preview)
    except ImportProblems as exc:
        preview.problems = exc.lines()
        if kind == ROSTER and any(_NO_COLUMN in line for line in preview.problems):
            with reading_as(read):  # the way on: choose the department column
                preview.department_choices = _header_cells(path)
    except RapportError as exc:  # the file cannot be opened, no such sheet or encoding
        preview.problems = [str(exc)]
        if not preview.sheets and Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
            # A text file refused as it was read (UTF-16 without a mark looks binary):
            # the Encoding choice is the way to read it otherwise.
            preview.encoding = preview.encoding or "UTF-8"
            preview.encoding_matters = True
    return preview


#: The roster problem the Department column choice solves.
_NO_COLUMN = "no department column found"


def _header_cells(path: str | Path) -> list[str]:
    """The headings of the file's fullest row among its first 20 (the first of them on a
    tie: the header, under any title block), to choose the department column from when
    Rapport found none."""
    from surveys.importing.table import open_table

    best: list[str] = []
    with open_table(path) as table:
        for number, (_, cells) in enumerate(table.rows()):
            names = list(dict.fromkeys(cell.strip() for cell in cells if cell.strip()))
            if len(names) > max(len(best), 1):
                best = names
            if number >= 19:
                break
    return best[:200]


def import_hr_file(
    workspace: Path,
    path: str | Path,
    kind: str,
    read: ReadOptions,
    department_column: str | None = None,
    leave_out: Collection[Pair] = (),
):
    """Import a roster or name list as read with ``read``; the report (``summary()``).
    A name list's word entries (:mod:`surveys.importing.name_words`) in ``leave_out`` are
    not stored."""
    from analysis.name_list_words import word_entries
    from surveys.importing import import_names, import_roster

    with reading_as(read):
        if kind == ROSTER:
            return import_roster(workspace, path, department_column=department_column)
        chosen = set(leave_out)
        return import_names(workspace, path, word_entries, lambda entry: entry.pair in chosen)


def _describe(path: str | Path, preview: HrFilePreview) -> None:
    from surveys.importing.table import open_table

    with open_table(path) as table:
        if table.kind == "xlsx":
            preview.sheets, preview.sheet = list(table.sheet_titles), table.sheet_title
        else:
            preview.encoding, preview.encoding_matters = table.encoding, True


def _what_it_would_do(
    workspace: Path, path: str | Path, kind: str, column: str | None, preview: HrFilePreview
) -> None:
    if kind == ROSTER:
        from surveys.importing import import_roster

        report = import_roster(workspace, path, department_column=column, dry_run=True)
        preview.summary = report.summary()
        preview.department = report.department_column
        preview.department_choices = list(report.department_choices)
        return
    _names_summary(workspace, path, preview)


#: How the preview says to leave out the entries that are words.
TICK_HINT = "Tick those that are not people below to leave them out (also from the list)."


def _names_summary(workspace: Path, path: str | Path, preview: HrFilePreview) -> None:
    from analysis.name_list_words import word_entries
    from surveys.importing.name_words import spelled, words_text
    from surveys.importing.names import (
        department_names,
        departments_text,
        kept_text,
        named_departments,
        read_names,
        stored_people,
    )
    from surveys.store import open_workspace

    written, rows, used, sheet = read_names(path)
    people = set(written)
    db = open_workspace(workspace)
    try:
        before = set(stored_people(db))
        named = named_departments(db, sorted(before | people))
        entries = spelled(word_entries(people, department_names(db)), written)
    finally:
        db.close()
    preview.word_entries = entries
    preview.stored_words = frozenset(entry.pair for entry in entries if entry.pair in before)
    found = f"{len(people):,} name{'s' if len(people) != 1 else ''}"
    text = (
        f"Would store {found} for redaction (from column{'s' if len(used) > 1 else ''} "
        f"{', '.join(used)}; {rows:,} row{'s' if rows != 1 else ''}): "
        f"{len(people - before):,} new. {kept_text(len(before - people))}"
        f"{words_text(entries, 0, TICK_HINT)}{departments_text(named, entries)}Names typed "
        "in Settings are kept. Only the normalised given and family names are kept; the file "
        "is not."
    )
    preview.summary = f"{text}\n{sheet}" if sheet else text
