"""A roster imported again says which accounts it moves to another department, and each
changed headcount with the one it replaces.

A roster with accounts makes a ticket prove its holder's department (docs/team-mode.md).
A colleague who hands HR "the Workday export" with their own account under a department
of k - 1 respondents answers as that department from then on, makes the group k and
shows it, and learns the mean of the other k - 1. Before, the report (and Settings'
preview) said only "Kept the department of 46 account(s)", and "Sales: 15" without the 14
it replaced, so HR could not see the one row that mattered.
"""

from __future__ import annotations

from pathlib import Path

from surveys.importing.roster import MOVED_LISTED, import_roster
from surveys.store import open_workspace

SIZES = {"Sales": 14, "IT": 9, "Marketing": 12, "Operations": 11}


def roster_of_logins(folder: Path, name: str, moves: dict[str, str] | None = None) -> Path:
    """One row per employee with a login; ``moves`` puts logins in other departments."""
    rows, number = ["Name,Login,Department"], 0
    for department, size in SIZES.items():
        for _ in range(size):
            number += 1
            login = f"user{number}"
            rows.append(f"Person {number},{login},{(moves or {}).get(login, department)}")
    path = folder / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def department_of(workspace: Path, login: str) -> str:
    db = open_workspace(workspace)
    try:
        return db.execute(
            "SELECT d.name FROM roster_members r JOIN departments d ON d.id = r.department_id "
            "WHERE r.login = ?",
            (login,),
        ).fetchone()[0]
    finally:
        db.close()


def test_a_roster_that_moves_an_account_says_so_before_and_after(
    workspace: Path, tmp_path: Path
) -> None:
    import_roster(workspace, roster_of_logins(tmp_path, "hr.csv"))
    export = roster_of_logins(
        tmp_path, "workday_export.csv", {"user30": "Sales"}
    )  # a Marketing login
    preview = import_roster(workspace, export, dry_run=True).summary()
    assert "1 account moves to another department" in preview
    assert "  user30: Marketing \u2192 Sales" in preview
    assert "  Sales: 15 (was 14)" in preview and "  Marketing: 11 (was 12)" in preview
    assert "  IT: 9\n" in preview  # unchanged: nothing added
    assert department_of(workspace, "user30") == "Marketing"
    assert "user30: Marketing \u2192 Sales" in import_roster(workspace, export).summary()
    assert department_of(workspace, "user30") == "Sales"
    again = import_roster(workspace, export).summary()
    assert "moves" not in again and "was" not in again


def test_a_first_roster_and_a_large_move_are_said_in_few_lines(
    workspace: Path, tmp_path: Path
) -> None:
    first = import_roster(workspace, roster_of_logins(tmp_path, "hr.csv")).summary()
    assert "move" not in first and "  Sales: 14 (was 40)" in first
    everyone = {f"user{n}": "IT" for n in range(1, 15)} | {f"user{n}": "IT" for n in range(24, 40)}
    report = import_roster(
        workspace, roster_of_logins(tmp_path, "reorg.csv", everyone), dry_run=True
    )
    lines = report.summary().splitlines()
    assert "30 accounts move to another department" in report.summary()
    assert sum(line.startswith("  user") for line in lines) == MOVED_LISTED
    assert lines[-1] == f"  and {30 - MOVED_LISTED} more."
