"""Joint actions: two owners, due days and statuses, overdue actions, the upgrade of old rows."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from surveys.actions import (
    Action,
    ActionError,
    get_action,
    list_actions,
    overdue_actions,
    pair_actions,
    save_action,
)
from surveys.store import database_path, open_workspace
from tests.conftest import FIXTURES


def test_an_old_workspace_keeps_its_owners_on_the_right_side(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "schema_008.db", database_path(tmp_path))
    db = open_workspace(tmp_path)
    by_title = {a.title: a for a in list_actions(db)}
    legacy = db.execute("SELECT count(*) FROM actions WHERE owner IS NOT NULL").fetchone()[0]
    db.close()
    intake = by_title["Request intake with agreed response times"]  # Sales → IT
    assert (intake.owner_from, intake.owner_to) == ("", "IT service manager")
    planning = by_title["Joint campaign planning"]  # names both departments
    assert (planning.owner_from, planning.owner_to) == ("Heads of Sales and Marketing",) * 2
    goal = by_title["Shared outcome goal"]  # names neither: the rating side
    assert (goal.owner_from, goal.owner_to) == ("Priya", "")
    assert by_title["Weekly liaison"].owners == ""
    assert legacy == 0  # moved, not duplicated
    # The day it was agreed comes from its wave when it was never stored.
    assert planning.recorded == "2026-07-14" and intake.recorded == "2026-07-20"
    assert by_title["Weekly liaison"].recorded is None


def test_two_owners_are_saved_and_read_back(workspace: Path) -> None:
    db = open_workspace(workspace)
    action = Action("Sales", "IT", "Request intake", "Dana", "Lee", "2026-09-30", "in progress")
    action.id = save_action(db, action)
    stored = get_action(db, action.id)
    record = pair_actions(db, "Sales", "IT")[0]
    db.close()
    assert (stored.owner_from, stored.owner_to, stored.status) == ("Dana", "Lee", "in progress")
    assert stored.owners == "Dana (Sales), Lee (IT)"
    assert stored.recorded == date.today().isoformat()
    assert (record.owner_from, record.owner_to, record.owner) == ("Dana", "Lee", "Dana; Lee")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "  "}, "Action: describe it"),
        ({"to_dept": "Sales"}, "two different"),
        ({"status": "finished"}, "Status"),
        ({"due": "30/09/2026"}, "Due"),
        # Python reads these as days too, but the overdue query compares YYYY-MM-DD text:
        # stored, Actions said "6 days overdue" and the Overview did not list it
        ({"due": "20260930"}, "Due: '20260930' is not a date \\(YYYY-MM-DD\\)"),
        ({"due": "2026-W40-1"}, "Due"),
        ({"owner_to": "x" * 200}, "Owner in IT"),
    ],
)
def test_bad_actions_name_the_field(workspace: Path, change: dict, message: str) -> None:
    values = {"from_dept": "Sales", "to_dept": "IT", "title": "Intake", **change}
    db = open_workspace(workspace)
    with pytest.raises(ActionError, match=message):
        save_action(db, Action(**values))
    assert list_actions(db) == []
    db.close()


def test_overdue_actions_are_open_and_past_their_due_day(workspace: Path) -> None:
    db = open_workspace(workspace)
    rows = [
        Action("Sales", "IT", "Intake", "Dana", "Lee", "2026-09-01", "planned"),
        Action("IT", "Sales", "Liaison", "", "Kim", "2026-09-20", "in progress"),
        Action("Sales", "Marketing", "Done already", "A", "B", "2026-08-01", "done"),
        Action("Marketing", "IT", "Dropped", "A", "B", "2026-08-01", "dropped"),
        Action("Operations", "Sales", "Due today", "A", "B", "2026-10-01", "planned"),
        Action("Operations", "IT", "No due day", "A", "B", None, "planned"),
    ]
    for action in rows:
        save_action(db, action)
    late = overdue_actions(db, date(2026, 10, 1))
    db.close()
    assert [(a.title, a.days_overdue) for a in late] == [("Intake", 30), ("Liaison", 11)]
    assert late[0].owners == "Dana (Sales), Lee (IT)"
    assert late[1].owners == "Kim (Sales)"
    assert rows[0].overdue(date(2026, 10, 1)) and not rows[4].overdue(date(2026, 10, 1))


def test_short_day_writes_days_as_people_do() -> None:
    from datetime import date

    from surveys.actions import short_day

    today = date(2026, 12, 7)
    assert short_day("2026-11-30", today) == "30 Nov"
    assert short_day("2025-08-03", today) == "3 Aug 2025"
    assert short_day("", today) is None and short_day(None, today) is None
    assert short_day("next week", today) is None


def test_an_action_deleted_meanwhile_is_not_saved_in_silence(workspace: Path) -> None:
    """Editing an action that was deleted meanwhile (an action dialog opened late on a
    slow folder, another computer) updated no row and said "saved"."""
    from surveys.actions import delete_action

    db = open_workspace(workspace)
    action = Action("Sales", "IT", "Request intake")
    action.id = save_action(db, action)
    delete_action(db, action.id)
    action.title = "Request intake, weekly"
    with pytest.raises(ActionError, match="no longer in the workspace"):
        save_action(db, action)
    db.close()


@pytest.mark.parametrize(
    ("due", "today", "late"),
    [
        ("2026-12-31", date(2027, 1, 1), 1),  # over a year's end
        ("2028-02-28", date(2028, 3, 1), 2),  # a leap year's February
        ("2027-02-28", date(2027, 3, 1), 1),
        ("2026-11-30", date(2026, 12, 1), 1),  # a month's end
        ("2026-12-01", date(2026, 12, 1), 0),  # due today: not yet late
        ("2026-12-02", date(2026, 12, 1), 0),
        (None, date(2026, 12, 1), 0),
        ("", date(2026, 12, 1), 0),
    ],
)
def test_days_overdue_counts_calendar_days(due, today, late) -> None:
    from surveys.actions import days_overdue

    assert days_overdue(due, "planned", today) == late
    assert days_overdue(due, "in progress", today) == late
    assert days_overdue(due, "done", today) == days_overdue(due, "dropped", today) == 0
