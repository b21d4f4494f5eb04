"""Departments and headcounts from an HR system's export (``rapport roster import``).

Two shapes of file are read (CSV, TSV or XLSX, one header row):

- one row per department, with a department column and a headcount column
  (``Department, Headcount`` / ``Team, Employees`` / ``Unit, FTE``...);
- one row per employee, with a department column (and anything else: names, e-mail
  addresses, ids): the employees of each department are counted. With an account column
  (``Login``, ``Username``, ``Account``, ``sAMAccountName``...), each account's department
  is kept too (``roster_members``): then each wave gets one ticket key per department and a
  ticket proves its holder's department (docs/team-mode.md). Nothing else is kept; the file
  itself is not stored.

Departments are matched to the workspace's without regard to case or spacing; new ones
are added at the end; headcounts are set. Departments of the workspace that the file does
not mention are left as they are and listed in the report (they may hold responses, so they
are never removed here). Everything is checked first and written in one transaction.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.importing.problems import ImportProblems, listed_columns
from surveys.importing.table import CellProblem, column_letter, open_table
from surveys.importing.text import plain
from surveys.store import savepoint
from surveys.validation import new_department_problem

if TYPE_CHECKING:
    from sqlite_utils import Database

_DEPARTMENT = re.compile(
    r"(department|dept|team|unit|division|function|org(anisation|anization)? ?unit|"
    r"cost (centre|center)|service|ward|business unit|group)( name)?"
)
_UNCHANGED = "Nothing was changed."
_ACCOUNT = re.compile(
    r"(user ?name|login( name)?|account( name)?|user ?id|uid|sam ?account ?name|"
    r"(windows|network) (login|account|user))"
)
_HEADCOUNT = re.compile(
    r"head ?count|headcount|fte|count|total|size|(staff|employee|people) count|"
    r"number of (staff|employees|people)|no of (staff|employees)"
)


@dataclass(frozen=True)
class RosterReport:
    """What a roster import changed (or would change, with ``dry_run``)."""

    shape: str
    headcounts: dict[str, int]
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    not_in_file: tuple[str, ...] = ()
    rows: int = 0
    dry_run: bool = False
    #: Accounts whose department was kept (0: the file has no account column).
    accounts: int = 0

    def summary(self) -> str:
        """The report in readable lines."""
        verb = "Would set" if self.dry_run else "Set"
        how = "counted from one row per employee" if self.shape == "employees" else "as given"
        counts = len(self.headcounts)
        noun = "headcount" if counts == 1 else "headcounts"
        rows = "row" if self.rows == 1 else "rows"
        lines = [f"{verb} {counts} {noun} ({how}, {self.rows:,} {rows}):"]
        for name, count in self.headcounts.items():
            mark = " (new department)" if name in self.added else ""
            lines.append(f"  {name}: {count:,}{mark}")
        if self.not_in_file:
            lines.append("Not in the file, left as they were: " + ", ".join(self.not_in_file) + ".")
        if self.accounts:
            lines.append(
                f"Kept the department of {self.accounts:,} account(s): tickets of waves "
                "published from now on prove the department."
            )
        return "\n".join(lines)


class _RosterReader:
    """One pass over a roster file, collecting headcounts and problems."""

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

    def add(self, line: int, index: int | None, message: str) -> None:
        where = (
            "header" if index is None else f'column {column_letter(index)} "{self.names[index]}"'
        )
        self.problems.append((str(self.path), CellProblem(line, where, message)))

    def fail(self) -> None:
        if self.problems:
            listed = self.problems[:20]
            raise ImportProblems(listed, len(self.problems) - len(listed), _UNCHANGED)

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
            numbered = table.rows()
            first = next(numbered, None)
            if first is None:
                self.add(1, None, "the file is empty")
                self.fail()
            line, header = first
            self.names = [cell.strip() for cell in header]
            dept = self.pick(line, self.wanted[0], _DEPARTMENT)
            count = self.pick(line, self.wanted[1], _HEADCOUNT)
            if count is None:
                self.account_column = self.pick(line, None, _ACCOUNT)
            if dept is None and not self.problems:
                self.add(
                    line,
                    None,
                    (
                        "no department column found (looked for Department, Team, Unit, Division, "
                        f"Cost centre...; the columns are {listed_columns(self.names)}). Rename "
                        "that column 'Department' in the file, or name it with "
                        "--department-column on the command line"
                    ),
                )
            self.fail()
            for line, cells in numbered:
                self.rows += 1
                self.row(line, cells, dept, count)
            self.problems += [(str(self.path), p) for p in table.problems]
        self.fail()
        source = self.counts if count is None else self.given
        shape = "employees" if count is None else "departments"
        return shape, {self.spelling[k]: v for k, v in source.items()}, self.rows

    def row(self, line: int, cells: list[str], dept: int, count: int | None) -> None:
        name = _cell(cells, dept).strip()
        if not name:
            if count is not None and _cell(cells, count).strip():
                self.add(line, dept, "the department is empty; fill it in or remove the row")
            return
        problem = new_department_problem(" ".join(name.split()))
        if problem:
            self.add(line, dept, f"{problem}; correct it in the file")
            return
        key = " ".join(name.casefold().split())
        self.spelling.setdefault(key, " ".join(name.split()))
        if count is None:
            self.counts[key] += 1
            if self.account_column is not None:
                account = _cell(cells, self.account_column).strip()
                if account:
                    self.accounts[account.casefold()] = key
            return
        raw = _cell(cells, count).strip()
        number = _whole(raw)
        if number is None:
            self.add(line, count, f"{raw!r} is not a headcount; write a whole number of people")
        elif key in self.given:
            self.add(line, dept, f"{self.spelling[key]} is listed twice; keep one row for it")
        else:
            self.given[key] = number


def read_roster(
    path: str | Path, *, department_column: str | None = None, headcount_column: str | None = None
) -> tuple[str, dict[str, int], int]:
    """Read a roster file into ``(shape, {department: headcount}, rows)``.

    ``shape`` is ``departments`` (a headcount column) or ``employees`` (rows counted).

    Raises
    ------
    ImportProblems
        With the row and column of every bad cell.
    """
    return _RosterReader(Path(path), department_column, headcount_column).read()


def _cell(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _whole(raw: str) -> int | None:
    text = raw.replace(",", "").replace(" ", "")
    if re.fullmatch(r"\d+(\.0+)?", text):
        return int(float(text))
    return None


def import_roster(
    db_or_folder: Database | str | Path,
    path: str | Path,
    *,
    department_column: str | None = None,
    headcount_column: str | None = None,
    dry_run: bool = False,
) -> RosterReport:
    """Set the workspace's departments and headcounts from a roster file.

    Parameters
    ----------
    db_or_folder : sqlite_utils.Database or path
        An open workspace or its folder.
    path : path
        The roster (CSV, TSV or XLSX).
    department_column, headcount_column : str, optional
        Column names, when the header does not make them clear.
    dry_run : bool
        Report what would change without changing anything.

    Returns
    -------
    RosterReport

    Raises
    ------
    ImportProblems
        When the file cannot be read as a roster (nothing changed).
    """
    reader = _RosterReader(Path(path), department_column, headcount_column)
    shape, headcounts, rows = reader.read()
    own = isinstance(db_or_folder, str | Path)
    db = _open(db_or_folder) if own else db_or_folder
    try:
        existing = {
            " ".join(name.casefold().split()): (did, name, count)
            for did, name, count in db.execute(
                "SELECT id, name, headcount FROM departments ORDER BY position, id"
            ).fetchall()
        }
        added, changed, named = [], [], {}
        for name, count in headcounts.items():
            key = " ".join(name.casefold().split())
            if key in existing:
                _, stored, old = existing[key]
                named[stored] = count
                if old != count:
                    changed.append(stored)
            else:
                added.append(name)
                named[name] = count
        missing = tuple(
            n
            for k, (_, n, _) in existing.items()
            if k not in {" ".join(x.casefold().split()) for x in headcounts}
        )
        if not dry_run:
            _write(db, existing, named, added)
            if reader.accounts:
                _write_accounts(db, reader.accounts)
        return RosterReport(
            shape, named, tuple(added), tuple(changed), missing, rows, dry_run,
            len(reader.accounts),
        )  # fmt: skip
    finally:
        if own:
            db.close()


def _write(db: Database, existing: dict, named: dict[str, int], added: list[str]) -> None:
    with savepoint(db, "rapport_roster"):
        (position,) = db.execute("SELECT coalesce(max(position), -1) FROM departments").fetchone()
        for name, count in named.items():
            if name in added:
                position += 1
                db.execute(
                    "INSERT INTO departments (name, headcount, position) VALUES (?, ?, ?)",
                    (name, count, position),
                )
            else:
                key = " ".join(name.casefold().split())
                db.execute(
                    "UPDATE departments SET headcount = ? WHERE id = ?", (count, existing[key][0])
                )


def _write_accounts(db: Database, accounts: dict[str, str]) -> None:
    """Replace the roster's accounts (``roster_members``) with ``accounts`` (account -> key)."""
    ids = {
        " ".join(name.casefold().split()): dept_id
        for dept_id, name in db.execute("SELECT id, name FROM departments").fetchall()
    }
    with db.atomic():
        db.execute("DELETE FROM roster_members")
        db.conn.executemany(
            "INSERT INTO roster_members(login, department_id) VALUES (?, ?)",
            [(account, ids[key]) for account, key in accounts.items() if key in ids],
        )


def _open(folder: str | Path) -> Database:
    from surveys.store import open_workspace

    return open_workspace(folder)
