"""The pulse programme: slots on a cadence, the due wave, the rotation, pause and calendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from surveys.programme import (
    Programme,
    ProgrammeError,
    claim_due_wave,
    due_wave,
    load_programme,
    save_programme,
    set_paused,
    slot_day,
    slot_days,
    waves_to_close,
)
from surveys.programme_calendar import programme_calendar
from surveys.store import open_workspace
from surveys.templates import builtin_templates
from surveys.waves import set_wave_status


def _set(workspace: Path, **values) -> None:
    fields = {"cadence": "monthly", "days_open": 10, "template": "short-pulse"}
    fields.update(values)
    fields.setdefault("starts", "2026-01-31")
    db = open_workspace(workspace)
    save_programme(db, Programme(**fields))
    db.close()


def _publish(db, due) -> None:
    """What a run does after claiming: the wave opens (the publish step, without a share)."""
    claim_due_wave(db, due)
    db.execute("UPDATE waves SET status = 'open' WHERE name = ?", [due.name])


@pytest.mark.parametrize(
    ("cadence", "starts", "days"),
    [
        ("weekly", "2026-03-02", ["2026-03-02", "2026-03-09", "2026-03-16"]),
        ("2-weekly", "2026-03-02", ["2026-03-02", "2026-03-16", "2026-03-30"]),
        ("4-weekly", "2026-03-02", ["2026-03-02", "2026-03-30", "2026-04-27"]),
        ("monthly", "2026-01-31", ["2026-01-31", "2026-02-28", "2026-03-31"]),
        ("quarterly", "2025-11-30", ["2025-11-30", "2026-02-28", "2026-05-30"]),
    ],
)
def test_slots_follow_the_cadence(cadence, starts, days) -> None:
    programme = Programme(cadence, 5, "short-pulse", starts)
    assert [slot_day(programme, n).isoformat() for n in range(3)] == days
    # The first slots on or after a day in between.
    after = date.fromisoformat(days[1])
    assert [d.isoformat() for d in slot_days(programme, after, 2)] == days[1:]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"cadence": "daily"}, "Cadence"),
        ({"cadence": "weekly", "days_open": 8}, "Days open"),
        ({"days_open": 0}, "Days open"),
        ({"starts": "1 March"}, "First wave"),
        ({"template": "no-such-template"}, "Survey"),
        ({"targets": ("IT",)}, "Ask about"),
    ],
)
def test_a_bad_programme_names_the_field(workspace, values, field) -> None:
    with pytest.raises(ProgrammeError, match=field):
        _set(workspace, **values)
    db = open_workspace(workspace)
    assert load_programme(db) is None
    db.close()


def test_the_due_wave_its_window_and_names(workspace) -> None:
    _set(workspace)
    db = open_workspace(workspace)
    assert due_wave(db, date(2026, 1, 30)) is None  # before the first slot
    due = due_wave(db, date(2026, 2, 3))
    assert (due.name, due.opens, due.closes, due.rotation) == (
        "2026-01",
        "2026-01-31",
        "2026-02-09",
        0,
    )
    # A slot whose window passed while nothing ran is skipped, not published late.
    assert due_wave(db, date(2026, 2, 10)) is None
    assert due_wave(db, date(2026, 2, 28)).name == "2026-02"
    db.close()


def test_the_rotation_advances_wave_by_wave_and_covers_every_item(workspace) -> None:
    _set(workspace, cadence="weekly", days_open=5, starts="2026-03-02")
    survey = builtin_templates()["short-pulse"]
    db = open_workspace(workspace)
    asked: set[str] = set()
    rotations = []
    # Publish four waves; the third slot (2026-03-16) is missed: the rotation does not skip.
    for day in ("2026-03-02", "2026-03-09", "2026-03-24", "2026-03-30"):
        due = due_wave(db, date.fromisoformat(day))
        rotations.append(due.rotation)
        _publish(db, due)
        asked |= {q.item for q in survey.questions_for_wave(due.rotation)}
    assert rotations == [0, 1, 2, 0]
    assert {"frequent", "timely", "accurate", "problem_solving", "shared_goals",
            "shared_knowledge", "respect"} <= asked  # fmt: skip
    stored = db.execute("SELECT name, rotation, programme_slot FROM waves ORDER BY id").fetchall()
    db.close()
    assert [row[0] for row in stored][2] == "2026-03-23"  # the slot of the 24th
    assert all(row[2] == row[0] for row in stored)


def test_claiming_twice_makes_one_wave_and_a_stopped_run_is_resumed(workspace) -> None:
    _set(workspace)
    db = open_workspace(workspace)
    due = due_wave(db, date(2026, 2, 1))
    claim_due_wave(db, due)
    again = due_wave(db, date(2026, 2, 1))  # the draft is still due: the run stopped
    assert again.name == due.name
    claim_due_wave(db, again)
    assert db.execute("SELECT count(*) FROM waves").fetchone()[0] == 1
    db.execute("UPDATE waves SET status = 'open'")
    assert due_wave(db, date(2026, 2, 1)) is None  # published: nothing more is due
    db.close()


def test_a_name_taken_by_a_wave_published_by_hand_gets_a_suffix(workspace) -> None:
    db = open_workspace(workspace)
    db.execute("INSERT INTO waves(name, status) VALUES ('2026-01', 'closed')")
    db.close()
    _set(workspace)
    db = open_workspace(workspace)
    assert due_wave(db, date(2026, 2, 1)).name == "2026-01-2"
    db.close()


def test_paused_publishes_nothing_and_resumed_goes_on(workspace) -> None:
    _set(workspace)
    db = open_workspace(workspace)
    paused = set_paused(db, True, date(2026, 2, 1))
    assert paused.paused == "2026-02-01"
    assert due_wave(db, date(2026, 2, 1)) is None
    states = {e.state for e in programme_calendar(db, date(2026, 2, 1))}
    assert states == {"paused"}
    set_paused(db, False)
    assert due_wave(db, date(2026, 2, 1)).name == "2026-01"
    db.close()


def test_waves_past_their_last_day_are_to_close(workspace) -> None:
    db = open_workspace(workspace)
    for name, closes, status in (
        ("a", "2026-02-09", "open"),
        ("b", "2026-02-10", "open"),
        ("c", "2026-02-01", "closed"),
        ("d", "2026-02-01", "draft"),
    ):
        db.execute(
            "INSERT INTO waves(name, closes, status) VALUES (?, ?, ?)", [name, closes, status]
        )
    db.execute("UPDATE waves SET released = closes WHERE status = 'closed'")
    assert waves_to_close(db, date(2026, 2, 10)) == ["a"]  # b's last day is today
    set_wave_status(db, "a", "closed")
    assert waves_to_close(db, date(2026, 2, 10)) == []
    db.close()


def test_the_calendar_lists_past_open_and_coming_waves(workspace) -> None:
    _set(workspace)
    db = open_workspace(workspace)
    _publish(db, due_wave(db, date(2026, 2, 1)))
    db.execute("UPDATE waves SET status = 'closed', released = '2026-02-09'")
    _publish(db, due_wave(db, date(2026, 3, 2)))
    entries = programme_calendar(db, date(2026, 3, 2))
    db.close()
    rows = [(e.wave, e.opens, e.closes, e.state, e.rotation) for e in entries]
    assert rows == [
        ("2026-01", "2026-01-31", "2026-02-09", "closed", 0),
        ("2026-02", "2026-02-28", "2026-03-09", "open", 1),
        ("2026-03", "2026-03-31", "2026-04-09", "next", 2),
        ("2026-04", "2026-04-30", "2026-05-09", "planned", 0),
        ("2026-05", "2026-05-31", "2026-06-09", "planned", 1),
    ]
    assert {e.groups for e in entries} == {3}
