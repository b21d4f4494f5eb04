"""The redaction name list from a file of employees (``rapport names import``).

Comments are redacted before anyone reads them; people's names come from HR's list. This
module fills that list from an export of employee names (CSV, TSV or XLSX, one header
row): separate given-name and family-name columns when the file has them (``First name``,
``Last name``, ``Surname``...), otherwise one name column (``Name``, ``Full name``,
``Employee``...) split into given and family names (``Family, Given`` or ``Given Family``,
with particles such as ``van der`` kept with the family name, titles and suffixes dropped).

Only the normalised forms redaction needs are stored: each person's given and family
name, NFKC-normalised, case folded and without accents (:func:`surveys.importing.text.fold`),
in the workspace setting ``redaction_people`` as ``{"format": 1, "people": [[given,
family], ...]}``. No other column of the file is read and the file itself is not kept.
Importing again adds the file's names to the list: a name imported before and missing from
the next file (a leaver's, or one left out of a file someone else handed HR) stays, since
comments are redacted again from their text whenever the list changes, and dropping it
would show it in every comment redacted of it until then (:func:`clear_names` removes the
imported names). :func:`stored_names` gives the list as full names (``"jose garcia"``), the
form the redaction code matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.importing.name_words import (
    WordCheck,
    WordEntry,
    removed_text,
    spelled,
    words_text,
)
from surveys.importing.problems import ImportProblems, listed_columns
from surveys.importing.table import CellProblem, column_letter, open_table
from surveys.importing.text import fold, plain

if TYPE_CHECKING:
    from sqlite_utils import Database

SETTING = "redaction_people"
_UNCHANGED = "Nothing was changed."
_GIVEN = re.compile(
    r"((legal|preferred|official) )?(first|given|fore|christian)( ?name)?|forename|prenom|"
    r"vorname|voornaam"
)
_FAMILY = re.compile(
    r"((legal|official) )?(last|family|sur)( ?name)?|surname|nom|nachname|apellidos?|"
    r"achternaam|cognome|sobrenome"
)
_FULL = re.compile(
    r"(full |display |employee |person |staff |preferred |legal |payroll |worker |associate )?"
    r"name|employee|person|worker|"
    # the whole name in French, German, Spanish, Italian, Dutch and Portuguese reports
    r"nom complet|vollstandiger name|nombre completo|nome completo|(volledige )?naam"
)
_PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "dos",
    "das",
    "du",
    "la",
    "le",
    "ter",
    "ten",
    "bin",
    "ibn",
    "al",
    "el",
    "st",
    "mac",
}
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "msc", "bsc", "rn"}


@dataclass(frozen=True)
class NamesReport:
    """What a names import stored."""

    people: int
    given_only: int
    rows: int
    columns: tuple[str, ...]
    #: Names of the file not in the list before.
    added: int = 0
    #: Names imported before that the file does not hold, kept in the list.
    kept: int = 0
    #: Which worksheet was read, when the workbook has others ("" otherwise).
    sheet: str = ""
    #: The workspace's departments the list now redacts as a name.
    departments: tuple[str, ...] = ()
    #: The file's entries that are ordinary words or department names, and how many of
    #: them were left out (the others were stored).
    word_entries: tuple[WordEntry, ...] = ()
    left_out: int = 0
    #: The entries left out that an earlier import had stored: taken out of the list, so
    #: comments show them again after the next analysis.
    removed: tuple[WordEntry, ...] = ()

    def summary(self, skip_hint: str = "") -> str:
        """What the import did; ``skip_hint`` says how to leave out word entries kept."""
        text = (
            f"Stored {self.people:,} name{'s' if self.people != 1 else ''} for redaction "
            f"(from column{'s' if len(self.columns) > 1 else ''} {', '.join(self.columns)}; "
            f"{self.rows:,} row{'s' if self.rows != 1 else ''}; "
            f"{self.given_only:,} with a given name only): {self.added:,} new. "
            f"{kept_text(self.kept)}"
            f"{words_text(self.word_entries, self.left_out, skip_hint)}"
            f"{removed_text(self.removed)}"
            f"{departments_text(self.departments, self.word_entries)}"
            "Only the normalised given and family names are kept; the file is not."
        )
        return f"{text}\n{self.sheet}" if self.sheet else text


def departments_text(departments: tuple[str, ...], entries: tuple[WordEntry, ...] = ()) -> str:
    """What a names import says of the departments its list redacts as a name (those the
    file's word ``entries`` name are said with them)."""
    said = {name for entry in entries for name in entry.departments}
    departments = tuple(name for name in departments if name not in said)
    if not departments:
        return ""
    listed = ", ".join(departments)
    return (
        f"Also a name in the list: {listed}. Every comment that names "
        f"{'this department' if len(departments) == 1 else 'these departments'} shows "
        "[name] in its place; if nobody is called so, remove that person's row from the "
        "file, then Clear imported names (`rapport names clear`) and import it again. "
    )


def named_departments(db: Database, people: list[tuple[str, str]]) -> tuple[str, ...]:
    """The workspace's departments whose name HR's list ``people`` redacts: a department of
    one word that is a person's given or family name ("Sales" of "Maria Sales"), or the
    whole of a person's name."""
    from surveys.name_index import TOKEN, name_index
    from surveys.text_fold import fold

    index = name_index(tuple(" ".join(part for part in pair if part) for pair in people))
    found = []
    for name in department_names(db):
        tokens = tuple(TOKEN.findall(fold(name)))
        if (len(tokens) == 1 and tokens[0] in index.single) or tokens in index.phrases:
            found.append(name)
    return tuple(found)


def department_names(db: Database) -> list[str]:
    """The workspace's department names, in their order."""
    rows = db.execute("SELECT name FROM departments ORDER BY position, id").fetchall()
    return [name for (name,) in rows]


def kept_text(kept: int) -> str:
    """What a names import says of the names imported before that its file lacks."""
    if not kept:
        return ""
    which, verb, it = ("1 name", "is", "it") if kept == 1 else (f"{kept:,} names", "are", "them")
    return (
        f"{which} imported before and not in this file {verb} kept, so no comment redacted "
        f"of {it} shows {it} again (Clear imported names in Settings, or `rapport names "
        "clear`, removes every imported name). "
    )


def split_name(full: str) -> tuple[str, str]:
    """``(given, family)`` of a full name as written (not yet normalised).

    >>> split_name("García, José")
    ('José', 'García')
    >>> split_name("Dr. Ingrid van der Berg")
    ('Ingrid', 'van der Berg')
    >>> split_name("Best, Dr. José, Jr.")
    ('José', 'Best')
    >>> split_name("Dame, Judi")
    ('Judi', 'Dame')
    """
    text = " ".join(unicodedata.normalize("NFKC", full).split())
    if "," in text:  # titles and suffixes on either side: "Best, Dr. José", "Best Jr., José"
        family, _, given = text.partition(",")
        given_parts = [p.strip(",") for p in given.split() if _bare(p) not in _TITLES | _SUFFIXES]
        family_parts = [p for p in family.split() if _bare(p) not in _TITLES | _SUFFIXES]
        # a family name that is a title's word ("Dame", "Sir", "Miss") is one, not a title
        family_parts = family_parts or family.split()
        return " ".join(p for p in given_parts if p), " ".join(family_parts)
    parts = [p for p in text.split() if _bare(p) not in _TITLES | _SUFFIXES]
    if len(parts) <= 1:
        return (parts[0] if parts else ""), ""
    start = len(parts) - 1
    while start > 1 and _bare(parts[start - 1]) in _PARTICLES:
        start -= 1
    return " ".join(parts[:start]), " ".join(parts[start:])


def _bare(word: str) -> str:
    return word.strip(".,").casefold()


def read_names(path: str | Path) -> tuple[dict[tuple[str, str], str], int, tuple[str, ...], str]:
    """The normalised ``(given, family)`` pairs in a names file, each with the name as the
    file spells it (its first row's: "Mary McDonald", shown where an entry is named), its
    rows, the columns used and, for a workbook of several worksheets, which was read
    (``Table.sheet_choice``).

    Raises
    ------
    ImportProblems
        When no name column can be found, or a name cannot be read as it was written
        (bytes of no known encoding, a control character): every such cell is listed.
    """
    path = Path(path)
    people: dict[tuple[str, str], str] = {}
    rows = 0
    with open_table(path) as table:
        numbered = table.rows()
        first, above = _header_row(numbered)
        if first is None:
            raise ImportProblems(
                [(str(path), CellProblem(1, "header", "the file is empty"))],
                footer="Nothing was changed.",
            )
        line, header = first
        given, family, full = name_columns(header)
        if full is None and given is None:
            raise _no_name_column(path, line, header)
        if _headerless(header, full):  # a bare list of names: its first line is a person
            numbered = chain([first, *above], numbered)
            used: tuple[str, ...] = (f"{column_letter(0)} (no header row)",)
        else:
            numbered = _without_label_row(chain(above, numbered), (given, family, full))
            used = tuple(
                f'{column_letter(i)} "{header[i].strip()}"'
                for i in (given, family, full)
                if i is not None
            )
        problems: list[CellProblem] = []
        for line, cells in numbered:
            if not any(cell.strip() for cell in cells):
                continue  # ",,": a row Excel saw as used, no one's (not a row read)
            rows += 1
            problems += _control_cells(line, cells, (given, family, full))
            first, last = _person(cells, given, family, full)
            pair = fold(first), fold(last)
            if pair[0] or pair[1]:
                people.setdefault(pair, " ".join(f"{first} {last}".split()))
        problems = table.problems + problems
        sheet = table.sheet_choice()
    if problems:  # a name read wrongly is a name never redacted: store none of them
        listed = [(str(path), problem) for problem in problems[:20]]
        raise ImportProblems(listed, len(problems) - len(listed), "Nothing was changed.")
    return people, rows, used, sheet


def _header_row(
    numbered: Iterator[tuple[int, list[str]]],
) -> tuple[tuple[int, list[str]] | None, list[tuple[int, list[str]]]]:
    """The header (the first of the first 20 rows with a name column among two cells or
    more, or a column named as one: a title, notes and merged group headings above it are
    not read) and the rows read past it; with none, the first row (a bare list of names)
    and the rows after it."""
    from surveys.importing.roster_rows import find_header

    def is_header(cells: list[str]) -> bool:
        given, _, full = name_columns(cells)
        filled = sum(1 for cell in cells if cell.strip())
        return (
            given is not None or full is not None and (filled > 1 or not _headerless(cells, full))
        )

    header, rest = find_header(numbered, is_header)
    if header is not None:
        return (header.line, header.cells), rest
    return (rest[0] if rest else None), rest[1:]


def _without_label_row(
    rows: Iterator[tuple[int, list[str]]], used: tuple[int | None, ...]
) -> Iterator[tuple[int, list[str]]]:
    """``rows`` without a second header row of labels right under the header
    (SuccessFactors' ``First Name`` under ``FIRSTNAME``): each name cell a heading again."""
    first = True
    for line, cells in rows:
        if first and _repeats_header(cells, used):
            first = False
            continue
        first = False
        yield line, cells


def _repeats_header(cells: list[str], used: tuple[int | None, ...]) -> bool:
    """Whether each name cell of ``cells`` is a heading of its kind (given, family, full)."""
    kinds = [(i, p) for i, p in zip(used, (_GIVEN, _FAMILY, _FULL), strict=True) if i is not None]
    return all(i < len(cells) and p.fullmatch(plain(cells[i])) for i, p in kinds)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _control_cells(line: int, cells: list[str], used: tuple[int | None, ...]) -> list[CellProblem]:
    """A problem for each name cell with a control character (a NUL, an escape...)."""
    return [
        CellProblem(
            line,
            f"column {column_letter(index)}",
            "the name contains a control character (such as a NUL byte), so it would never "
            "match a comment; correct the cell or export the file again",
        )
        for index in used
        if index is not None and index < len(cells) and _CONTROL.search(cells[index])
    ]


def _no_name_column(path: Path, line: int, header: list[str]) -> ImportProblems:
    names = listed_columns(header)
    message = (
        "no column of names found (looked for Name, Full name, Employee, First name and "
        f"Last name...; the columns are {names})"
    )
    return ImportProblems([(str(path), CellProblem(line, "header", message))], footer=_UNCHANGED)


def name_columns(header: list[str]) -> tuple[int | None, int | None, int | None]:
    folded = [plain(cell) for cell in header]

    def find(pattern: re.Pattern[str]) -> int | None:
        return next((i for i, name in enumerate(folded) if pattern.fullmatch(name)), None)

    given, family = find(_GIVEN), find(_FAMILY)
    if given is not None:
        return given, family, None
    full = find(_FULL)
    if full is None and len(header) == 1:
        full = 0
    return None, None, full


def is_name_heading(heading: str) -> bool:
    """Whether ``heading`` names a column of people's names (given, family or full)."""
    folded = plain(heading)
    return any(pattern.fullmatch(folded) for pattern in (_GIVEN, _FAMILY, _FULL))


def _headerless(header: list[str], full: int | None) -> bool:
    """Whether a one-column file has no header row: its first cell is not a column name."""
    return len(header) == 1 and full == 0 and not _FULL.fullmatch(plain(header[0]))


def _person(cells, given, family, full) -> tuple[str, str]:
    """The given and family name of a row as written (not yet normalised)."""

    def cell(index: int | None) -> str:
        return cells[index] if index is not None and index < len(cells) else ""

    if full is not None:
        return split_name(cell(full))
    return cell(given), cell(family)


def import_names(
    db_or_folder: Database | str | Path,
    path: str | Path,
    words: WordCheck | None = None,
    leave_out: Callable[[WordEntry], bool] | None = None,
    removing: Callable[[tuple[WordEntry, ...]], None] | None = None,
) -> NamesReport:
    """Add the names of ``path`` to the workspace's imported redaction names (those
    imported before are kept: see the module's docstring).

    ``words`` finds the file's entries that are ordinary words or department names
    (:mod:`surveys.importing.name_words`); those ``leave_out`` chooses are not stored, and
    are taken out of the list if an earlier import stored them: ``removing`` is called
    with those first, and may raise to stop the import before anything is stored (the
    command line asks).

    Returns
    -------
    NamesReport

    Raises
    ------
    ImportProblems
        When the file has no recognisable name column or a name cannot be read as it was
        written (nothing changed).
    """
    written, rows, used, sheet = read_names(path)
    people = set(written)
    own = isinstance(db_or_folder, str | Path)
    db = _open(db_or_folder) if own else db_or_folder
    try:
        from surveys.store import set_setting

        entries = spelled(words(people, department_names(db)), written) if words else ()
        skipped = {entry.pair for entry in entries if leave_out and leave_out(entry)}
        stored = set(stored_people(db))
        removed = tuple(entry for entry in entries if entry.pair in skipped & stored)
        if removed and removing:
            removing(removed)
        people -= skipped
        before = stored - skipped
        merged = sorted(before | people)
        set_setting(db, SETTING, {"format": 1, "people": [list(p) for p in merged]})
        given_only = sum(1 for _, family in people if not family)
        added, kept = len(people - before), len(before - people)
        named = named_departments(db, merged)
        return NamesReport(
            len(people),
            given_only,
            rows,
            used,
            added,
            kept,
            sheet,
            named,
            entries,
            len(skipped),
            removed,
        )
    finally:
        if own:
            db.close()


def stored_people(db: Database) -> list[tuple[str, str]]:
    """The imported ``(given, family)`` pairs of a workspace (normalised)."""
    from surveys.store import get_setting

    value = get_setting(db, SETTING) or {}
    people = value.get("people", []) if isinstance(value, dict) else []
    return [(str(p[0]), str(p[1])) for p in people if isinstance(p, list) and len(p) == 2]


def stored_names(db: Database) -> list[str]:
    """The imported names as full names (``"jose garcia"``; a given name alone if that is all)."""
    return [" ".join(part for part in pair if part) for pair in stored_people(db)]


def clear_names(db: Database) -> int:
    """Remove the imported names; return how many there were."""
    count = len(stored_people(db))
    db.execute("DELETE FROM settings WHERE key = ?", [SETTING])
    return count


def _open(folder: str | Path) -> Database:
    from surveys.store import open_workspace

    return open_workspace(folder)
