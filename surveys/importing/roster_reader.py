"""One pass over a roster file (``rapport roster import``): headcounts, and the problems.

Only the department (and the headcount, or each row's account) is kept; the status and
the person's id or e-mail are read to leave out leavers and count each person once, and
forgotten with the import (:mod:`surveys.importing.roster_rows`).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain
from pathlib import Path

from surveys.importing.headcount import CountLike, decimal_point, read_headcount
from surveys.importing.problems import ImportProblems, listed_columns
from surveys.importing.roster_rows import (
    DEPARTMENT,
    EMAIL,
    PAY,
    PERSON_ID,
    Header,
    People,
    department_columns,
    find_header,
    is_label_row,
    is_total,
    names_column,
    person_column,
    status_column,
    status_of,
)
from surveys.importing.table import CellProblem, Table, column_letter, open_table
from surveys.importing.text import plain
from surveys.validation import new_department_problem

UNCHANGED = "Nothing was changed."
#: Account columns, logins first: SuccessFactors' USERID is an employee number, its
#: USERNAME the login.
ACCOUNTS = (
    re.compile(
        r"user ?name|login( name)?|account( name)?|sam ?account ?name|"
        r"(windows|network) (login|account|user)"
    ),
    re.compile(r"user ?id|uid"),
)
HEADCOUNT = re.compile(
    r"head ?count|headcount|fte|count|total|size|(staff|employee|people) count|"
    r"employees|people|members|anzahl|mitarbeiter(anzahl)?|effectifs?|"
    r"number of (staff|employees|people)|no of (staff|employees)|"
    # an Excel pivot table's value column ("Count of Employee ID", German "Anzahl von")
    r"(count|sum|anzahl|nombre|recuento) (of|von|de) .+"
)
#: A department name ending in a bracketed part (``Sales (Ngozi Eze)``).
_IN_BRACKETS = re.compile(r".+\S \([^()]+\)")
#: What an Excel pivot table shows for an empty department.
_PIVOT_BLANK = re.compile(r"\((blank|leer|vide|vacia|vuoto|leeg)\)")
_NO_DEPARTMENT = (
    "no department column found (looked for Department, Team, Org Unit, Supervisory "
    "Organization, Cost Center, Division...; the columns are {columns}). Rename that column "
    "'Department' in the file, or name it with --department-column on the command line"
)


class RosterReader:
    """Reads a roster; ``read()`` gives ``(shape, {department: headcount}, rows)``."""

    def __init__(self, path: Path, department: str | None, headcount: str | None) -> None:
        self.path = path
        self.wanted = (department, headcount)
        self.problems: list[tuple[str, CellProblem]] = []
        self.counts: Counter[str] = Counter()
        self.given: dict[str, int] = {}
        self.spelling: dict[str, str] = {}
        self.rows = 0
        self.names: list[str] = []
        self.accounts: dict[str, str] = {}
        self.account_column: int | None = None
        self.status_column: int | None = None
        self.people = People(None)
        self.left: list[int] = []
        self.totals: list[int] = []
        self.unknown_status: dict[str, list[int]] = {}
        #: Lines of people (two cells or more) with no department, and no status of a leaver.
        self.no_department: list[int] = []
        self.notes: list[str] = []
        #: The department column read, and the columns that could hold departments.
        self.department_column = ""
        self.department_choices: list[str] = []
        #: Which worksheet was read, when the workbook has others (Table.sheet_choice).
        self.sheet = ""
        #: The decimal separator the file's numbers are written with, when its layout says.
        self.point: str | None = None
        #: In a file read as one row per person with no person column: the columns that
        #: hold numbers on every row (headcounts under a heading not recognised).
        self.count_like: CountLike | None = None

    def add(self, line: int, index: int | None, message: str) -> None:
        where = (
            "header" if index is None else f'column {column_letter(index)} "{self.names[index]}"'
        )
        self.problems.append((str(self.path), CellProblem(line, where, message)))

    def fail(self) -> None:
        if self.problems:
            listed = self.problems[:20]
            raise ImportProblems(listed, len(self.problems) - len(listed), UNCHANGED)

    def pick(self, line: int, wanted: str | None, pattern: re.Pattern[str]) -> int | None:
        folded = [plain(name) for name in self.names]
        if wanted and plain(wanted) in folded:
            return folded.index(plain(wanted))
        if wanted:
            self.add(
                line,
                None,
                f"no column named {wanted!r} (the columns are {listed_columns(self.names)})",
            )
            return None
        return next((i for i, name in enumerate(folded) if pattern.fullmatch(name)), None)

    def read(self) -> tuple[str, dict[str, int], int]:
        with open_table(self.path) as table:
            header, rows = self._header(table)
            self.point = decimal_point(table)
            dept, count = self._columns(header)
            self.fail()
            for line, cells in rows:
                if not any(cell.strip() for cell in cells):
                    continue  # ",,,": a row Excel saw as used, no one's (not a row read)
                if self.rows == 0 and is_label_row(cells, dept):
                    self.notes.append(f"Line {line} repeats the header as labels: not read.")
                    continue
                self.rows += 1
                self.row(line, cells, dept, count)
            self.problems += [(str(self.path), p) for p in table.problems]
            self.sheet = table.sheet_choice()
        self._empty_departments(dept)
        self._status_problems()
        self._not_headcounts(header.line)
        self.fail()
        self._note_left_out(header)
        source = self.counts if count is None else self.given
        shape = "employees" if count is None else "departments"
        return shape, {self.spelling[k]: v for k, v in source.items()}, self.rows

    def _header(self, table: Table) -> tuple[Header, object]:
        """The header row (below any title rows) and the rows after it."""
        numbered = table.rows()
        header, seen = find_header(numbered, names_column(self.wanted[0]))
        numbered = chain(seen, numbered) if header else numbered
        if header is None:
            self._no_header(table, seen)
        self.names = header.cells
        if header.skipped:
            self.notes.append(
                f"Header on line {header.line}: {_rows(header.skipped, 'row')} above it "
                "(a title, notes, group headings) not read."
            )
        return header, numbered

    def _no_header(self, table: Table, seen: list[tuple[int, list[str]]]) -> None:
        self.problems += [(str(self.path), p) for p in table.problems]
        if not seen:
            self.add(1, None, "the file is empty")
            self.fail()
        line, cells = next(((n, c) for n, c in seen if sum(1 for x in c if x.strip()) > 1), seen[0])
        self.names = [cell.strip() for cell in cells]
        if self.wanted[0]:
            self.pick(line, self.wanted[0], DEPARTMENT)
        else:
            message = _NO_DEPARTMENT.format(columns=listed_columns(self.names))
            if table.kind == "xlsx" and len(table.sheet_titles) > 1:
                message += (
                    f" (read from {table.sheet_note}; the worksheets are {table.sheets_found}: "
                    "name another with --sheet)"
                )
            if any(read_headcount(name, None)[0] is not None for name in self.names):
                message += (
                    ". If that line is a department's and the file has no header row, add "
                    "one above it: Department, Headcount"
                )
            self.add(line, None, message)
        self.fail()

    def _columns(self, header: Header) -> tuple[int, int | None]:
        line = header.line
        found = department_columns(self.names)
        dept = self.pick(line, self.wanted[0], DEPARTMENT) if self.wanted[0] else found[0]
        # The department column is not a person column, even headed "Name".
        others = ["" if i == dept else name for i, name in enumerate(self.names)]
        per_person = person_column(others, None) is not None or _has_names(others)
        count = (
            None
            if per_person and not self.wanted[1]
            else self.pick(line, self.wanted[1], HEADCOUNT)
        )
        if count is None and not self.wanted[1]:
            self.account_column = next(
                (i for p in ACCOUNTS if (i := self.pick(line, None, p)) is not None), None
            )
            self.status_column = status_column(self.names)
            self.people = People(*self._people_columns())
            if not per_person and dept is not None:
                self.count_like = CountLike([i for i in range(len(self.names)) if i != dept])
        if dept is not None and count is None and self.wanted[0]:
            self._not_people(line, dept)
        if dept is not None:
            self.department_column = self.names[dept]
            self.department_choices = [self.names[i] for i in dict.fromkeys([dept, *found])]
        others = [f'"{self.names[i]}"' for i in found if i != dept]
        if others and dept is not None:
            self.notes.append(
                f'Departments read from column {column_letter(dept)} "{self.names[dept]}" '
                f"(also found: {', '.join(others)})."
            )
        return dept if dept is not None else 0, count

    def _people_columns(self) -> tuple[int | None, tuple[int, ...]]:
        """The column that tells people apart and, when it is an e-mail or account (a
        team mailbox may be shared), the name columns read with it."""
        column = person_column(self.names, self.account_column)
        if column is None or PERSON_ID.fullmatch(plain(self.names[column])):
            return column, ()
        from surveys.importing.names import name_columns

        return column, tuple(i for i in name_columns(self.names) if i is not None)

    def _not_people(self, line: int, dept: int) -> None:
        """A department column named (or chosen) that holds people's names, ids, e-mails,
        logins or pay, in a file of one row per person: each person would be a department
        named after them."""
        folded = plain(self.names[dept])
        personal = (PERSON_ID, EMAIL, PAY, *ACCOUNTS)
        if any(p.fullmatch(folded) for p in personal) or _is_name(self.names[dept]):
            self.add(
                line,
                dept,
                "this column holds people (their names, ids, e-mails, logins or "
                "pay), not departments: read as departments, each person would be a "
                "department named after them. Name the column of departments "
                "(--department-column, or the Department column choice in Settings)",
            )

    def row(self, line: int, cells: list[str], dept: int, count: int | None) -> None:
        name = _cell(cells, dept).strip()
        if _PIVOT_BLANK.fullmatch(name.casefold()):
            name = ""  # a pivot table's "(blank)": people without a department
        if not name:
            if count is not None and _cell(cells, count).strip():
                self.add(line, dept, "the department is empty; fill it in or remove the row")
            elif count is None and self._a_person_without_department(cells):
                self.no_department.append(line)
            return
        if is_total(name, self.spelling):
            self.totals.append(line)
            return
        problem = new_department_problem(" ".join(name.split()))
        if problem:
            self.add(line, dept, f"{problem}; correct it in the file")
            return
        key = " ".join(name.casefold().split())
        if count is None:
            self._employee(line, cells, dept, name, key)
            return
        self.spelling.setdefault(key, " ".join(name.split()))
        raw = _cell(cells, count).strip()
        number, wrong = read_headcount(raw, self.point)
        if number is None:
            self.add(line, count, wrong)
        elif key in self.given:
            self.add(line, dept, f"{self.spelling[key]} is listed twice; keep one row for it")
        else:
            self.given[key] = number

    def _employee(self, line: int, cells: list[str], dept: int, name: str, key: str) -> None:
        if self.status_column is not None:
            status = _cell(cells, self.status_column).strip()
            working = status_of(status)
            if working is None:
                self.unknown_status.setdefault(status, []).append(line)
                return
            if not working:
                self.left.append(line)
                return
        earlier = self.people.first(line, cells, key)
        if earlier is not None:
            self._repeated(line, dept, name, key, earlier)
            return
        self.spelling.setdefault(key, " ".join(name.split()))
        self.counts[key] += 1
        if self.count_like is not None:
            self.count_like.see(cells)
        if self.account_column is not None:
            account = _cell(cells, self.account_column).strip()
            if account:
                self.accounts[account.casefold()] = key

    def _repeated(
        self, line: int, dept: int, name: str, key: str, earlier: tuple[int, str]
    ) -> None:
        first_line, first_key = earlier
        if first_key == key:
            return  # the same person in the same department: counted once
        column = self.names[self.people.column or 0]
        self.add(
            line,
            dept,
            f'the same person as on line {first_line} (the same "{column}") is listed again in '
            f"another department ({self.spelling.get(first_key, first_key)}, then "
            f"{' '.join(name.split())}): a person counts in one department. "
            "Keep the row of their main job (or filter the export to primary positions)",
        )

    def _a_person_without_department(self, cells: list[str]) -> bool:
        """Whether a row without a department is a person's (two filled cells or more; a
        total line has one), who has not left."""
        if sum(1 for cell in cells if cell.strip()) < 2:
            return False
        if self.status_column is None:
            return True
        return status_of(_cell(cells, self.status_column).strip()) is not False

    def _empty_departments(self, dept: int) -> None:
        if not self.no_department:
            return
        lines = self.no_department
        shown = ", ".join(map(str, lines[:5])) + (" ..." if len(lines) > 5 else "")
        self.add(
            lines[0],
            dept,
            f"the department is empty ({'line' if len(lines) == 1 else 'lines'} {shown}), so "
            f"{'this person' if len(lines) == 1 else f'these {len(lines):,} people'} would not "
            "be counted. A department cell merged down over several rows leaves the rows under "
            "it empty: unmerge it and fill in each row; otherwise fill in the department, or "
            "remove the rows of people who belong to none",
        )

    def _not_headcounts(self, line: int) -> None:
        """Each department on one row beside a column of numbers: headcounts under a
        heading not recognised, not one person per department."""
        column = self.count_like.first(self.counts) if self.count_like else None
        if column is not None:
            self.add(
                line,
                column,
                "this column holds a whole number on every row, and each department is on "
                "one row: if it holds headcounts, rename it 'Headcount' in the file (or name "
                "it with --headcount-column on the command line); if the file lists people, "
                "each department would count as one person",
            )

    def _status_problems(self) -> None:
        column = self.status_column
        for value, lines in list(self.unknown_status.items())[:20]:
            shown = ", ".join(map(str, lines[:5])) + (" ..." if len(lines) > 5 else "")
            where = "line" if len(lines) == 1 else "lines"
            what = "the status is empty" if not value else f"the status {value!r} is not known"
            self.add(
                lines[0],
                column,
                f"{what} ({where} {shown}): Rapport counts Active, Leave, Onboarding... and "
                "leaves out Terminated, Inactive, Retired... Filter the export to current "
                "employees and delete the status column, or write one of those statuses",
            )

    def _note_managers(self) -> None:
        """Workday names a supervisory organisation after its manager ("Sales (Ngozi
        Eze)"): said, since department names are shown wherever departments are."""
        named = [name for name in self.spelling.values() if _IN_BRACKETS.fullmatch(name)]
        if named and len(named) * 2 >= len(self.spelling):
            self.notes.append(
                f"Most department names end in brackets ({named[0]!r}): if the brackets hold "
                "a manager's name (Workday names supervisory organisations so), it will be "
                "shown wherever departments are. Read another column (a cost centre), or "
                "rename them in the file."
            )

    def _note_left_out(self, header: Header) -> None:
        self._note_managers()
        if self.left:
            status = self.names[self.status_column or 0]
            self.notes.append(
                f"Not counted: {_rows(len(self.left), 'row')} of people who left or have not "
                f'started (column "{status}").'
            )
        if self.people.repeats:
            self.notes.append(
                f"Counted once: {_rows(self.people.repeats, 'person', 'people')} listed again "
                f'(the same "{self.names[self.people.column or 0]}").'
            )
        if self.totals:
            lines = ", ".join(map(str, self.totals[:5])) + (" ..." if len(self.totals) > 5 else "")
            where = "line" if len(self.totals) == 1 else "lines"
            total = _rows(len(self.totals), "totals row")
            self.notes.append(f"Not read: {total} ({where} {lines}).")


def _rows(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def _has_names(header: list[str]) -> bool:
    """Whether the header has a column of people's names (a file of one row per person)."""
    from surveys.importing.names import name_columns

    given, _, full = name_columns(header)
    return given is not None or full is not None


def _is_name(heading: str) -> bool:
    from surveys.importing.names import is_name_heading

    return is_name_heading(heading)


def _cell(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""
