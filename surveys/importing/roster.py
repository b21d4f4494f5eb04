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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.importing.roster_reader import RosterReader
from surveys.store import savepoint

if TYPE_CHECKING:
    from sqlite_utils import Database


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
    #: What the file held that was not counted, as readable notes (see RosterReader.notes).
    notes: tuple[str, ...] = ()
    #: The column departments were read from, and every column that could hold them.
    department_column: str = ""
    department_choices: tuple[str, ...] = ()
    #: Which worksheet was read, when the workbook has others ("" otherwise).
    sheet: str = ""
    #: The headcount each changed department had before.
    was: dict[str, int | None] = field(default_factory=dict)
    #: Accounts the roster kept before whose department this file changes:
    #: ``(account, department before, department now)``.
    moved: tuple[tuple[str, str, str], ...] = ()

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
            if self.was.get(name) is not None:
                mark = f" (was {self.was[name]:,})"
            lines.append(f"  {name}: {count:,}{mark}")
        lines += [f"  {note}" if note.startswith("(") else note for note in self.notes]
        if self.not_in_file:
            lines.append("Not in the file, left as they were: " + ", ".join(self.not_in_file) + ".")
        if self.accounts:
            lines.append(
                f"Kept the department of {self.accounts:,} account(s): tickets of waves "
                "published from now on prove the department."
            )
        lines += moved_lines(self.moved)
        return "\n".join([*lines, self.sheet] if self.sheet else lines)


#: Moved accounts listed by name in a report; the rest are counted.
MOVED_LISTED = 20


def moved_lines(moved: tuple[tuple[str, str, str], ...]) -> list[str]:
    """The report's lines for accounts whose department a roster changes.

    Each is said by name: an account put in another department answers as that department
    from then on, with a ticket that proves it, so a roster handed over by a colleague that
    moves one account into a small group lets its holder make that group big enough to show.
    """
    if not moved:
        return []
    many = "1 account moves" if len(moved) == 1 else f"{len(moved):,} accounts move"
    lines = [
        f"{many} to another department than the roster imported before gave: check each "
        "is a real move (a file from someone else may place its sender in a small group):"
    ]
    lines += [f"  {login}: {before} \u2192 {now}" for login, before, now in moved[:MOVED_LISTED]]
    if len(moved) > MOVED_LISTED:
        lines.append(f"  and {len(moved) - MOVED_LISTED:,} more.")
    return lines


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
    return RosterReader(Path(path), department_column, headcount_column).read()


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
    reader = RosterReader(Path(path), department_column, headcount_column)
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
        added, changed, named, was = [], [], {}, {}
        for name, count in headcounts.items():
            key = " ".join(name.casefold().split())
            if key in existing:
                _, stored, old = existing[key]
                named[stored] = count
                if old != count:
                    changed.append(stored)
                    was[stored] = old
            else:
                added.append(name)
                named[name] = count
        missing = tuple(
            n
            for k, (_, n, _) in existing.items()
            if k not in {" ".join(x.casefold().split()) for x in headcounts}
        )
        spelled = {" ".join(n.casefold().split()): n for n in headcounts}
        spelled |= {k: n for k, (_, n, _) in existing.items()}
        moved = _moved(db, reader.accounts, spelled)
        if not dry_run:  # headcounts and accounts in one transaction: all or nothing
            with savepoint(db, "rapport_roster_all"):
                _write(db, existing, named, added)
                if reader.accounts:
                    _write_accounts(db, reader.accounts)
        notes = [*reader.notes, *_coded_names(added, missing)]
        return RosterReport(
            shape, named, tuple(added), tuple(changed), missing, rows, dry_run,
            len(reader.accounts), tuple(notes), reader.department_column,
            tuple(reader.department_choices), reader.sheet, was, moved,
        )  # fmt: skip
    finally:
        if own:
            db.close()


def _coded_names(added: list[str], missing: tuple[str, ...]) -> list[str]:
    """A note when new departments hold the name of one the file leaves out ("CC1001 Sales"
    beside the workspace's Sales, as a cost centre column writes it): imported, each would
    be a second department beside the first, its people counted apart from it."""
    pairs = [
        (new, old)
        for new in added
        for old in missing
        if re.search(rf"(?<!\w){re.escape(old)}(?!\w)", new, _case(old))
    ]
    if not pairs:
        return []
    new, old = pairs[0]
    more = f" and {len(pairs) - 1:,} more" if len(pairs) > 1 else ""
    return [
        f"New departments that hold the name of one the workspace has ({new!r} holds "
        f"{old!r}{more}): each would be added beside it, with the people counted apart. If "
        "they are the same departments, read another column, or write the workspace's "
        "names in the file."
    ]


def _case(name: str) -> re.RegexFlag:
    """Short capitals (``IT``, ``HR``) match only in capitals, as in answers: "it" is a
    word; other names match in any case."""
    return re.NOFLAG if name.isupper() and len(name) <= 3 else re.IGNORECASE


def _moved(
    db: Database, accounts: dict[str, str], names: dict[str, str]
) -> tuple[tuple[str, str, str], ...]:
    """``(account, department before, department now)`` for each account the roster kept
    before whose department ``accounts`` (account -> department key) changes."""
    before = dict(
        db.execute(
            "SELECT r.login, d.name FROM roster_members r "
            "JOIN departments d ON d.id = r.department_id ORDER BY r.login"
        ).fetchall()
    )
    moved = []
    for login, key in sorted(accounts.items()):
        old = before.get(login)
        now = names.get(key, key)
        if old is not None and " ".join(old.casefold().split()) != key:
            moved.append((login, old, now))
    return tuple(moved)


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
