"""The Overview's overdue actions and the Actions list count by one day, the window's
(desktop_app/day_clock.py), and move on together at midnight. The Overview read its list
with the day of its read and the Actions list with the day of each repaint: past
midnight, with the window left open, one said an action was overdue and the other did
not. Twelfth polish round."""

from __future__ import annotations

from datetime import datetime

from desktop_app.day_clock import CHECK_MS, DayClock
from surveys.actions import Action, save_action
from surveys.store import open_workspace
from tests.desktop_app.hr_helpers import open_window

TITLE = "Agree the hand-over checklist"


def _frozen(monkeypatch, moment: datetime) -> list[datetime]:
    now = [moment]
    monkeypatch.setattr(DayClock, "now", staticmethod(lambda: now[0]))
    return now


def _overdue_in_actions(panel) -> set[str]:
    model = panel.model
    return {a.title for a in model.actions if "overdue" in model.status_with_delay(a)}


def test_overview_and_actions_agree_across_midnight(qtbot, demo_workspace, monkeypatch) -> None:
    now = _frozen(monkeypatch, datetime(2031, 3, 14, 23, 59, 58))
    db = open_workspace(demo_workspace)
    try:
        save_action(db, Action("Sales", "IT", TITLE, due="2031-03-14", status="in progress"))
    finally:
        db.close()
    window = open_window(qtbot, demo_workspace)
    overview = window.panel("overview").overdue
    window.show_section("actions")
    actions = window.panel("actions")
    qtbot.waitUntil(lambda: TITLE in {a.title for a in actions.model.actions})
    qtbot.waitUntil(lambda: bool(overview.actions))  # the demo's older actions
    before = {a.title for a in overview.actions}
    assert TITLE not in before  # due today: not overdue yet
    assert _overdue_in_actions(actions) == before
    now[0] = datetime(2031, 3, 15, 0, 0, 1)
    assert _overdue_in_actions(actions) == before  # a repaint before the clock moves on
    window.context.clock.check()  # what its timer does a second past midnight
    qtbot.waitUntil(lambda: TITLE in {a.title for a in overview.actions})
    assert _overdue_in_actions(actions) == {a.title for a in overview.actions}
    late = next(a for a in actions.model.actions if a.title == TITLE)
    assert actions.model.status_with_delay(late) == "in progress\n1 day overdue"


def test_the_clock_wakes_a_second_past_midnight(qtbot, monkeypatch) -> None:
    now = _frozen(monkeypatch, datetime(2031, 3, 14, 23, 59, 58))
    clock = DayClock()
    assert 2500 <= clock.timer.interval() <= 3500
    with qtbot.waitSignal(clock.changed, timeout=100) as changed:
        now[0] = datetime(2031, 3, 15, 0, 0, 1)
        clock.check()
    assert str(changed.args[0]) == "2031-03-15"
    assert clock.timer.interval() == CHECK_MS  # a sleeping laptop: checked again soon
