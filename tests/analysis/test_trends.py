"""Wave-over-wave changes, trends with suppressed waves, actions and "what improved"."""

from __future__ import annotations

import random

import numpy as np

from analysis.pipeline import analyse_workspace
from analysis.trends import chance_note, change_test, format_p
from surveys.store import open_workspace
from tests.analysis.core_helpers import Filler, fake_engine


def test_change_test_separates_real_change_from_noise() -> None:
    rng = np.random.default_rng(0)
    before = rng.normal(4.0, 0.4, 20)
    assert change_test(before, rng.normal(3.0, 0.4, 20)) < 0.001
    assert change_test(before, rng.normal(4.0, 0.4, 20)) > 0.05
    assert change_test(before[:1], before) is None
    assert format_p(0.0004) == "p < 0.001" and format_p(0.031) == "p = 0.03"
    assert chance_note(0.0004) == "unlikely to be chance: p\u00a0<\u00a00.001"  # one piece


def _waves(folder) -> None:
    rng = random.Random(1)
    filler = Filler(folder)
    filler.group("2026-08", "Sales", "Marketing", 12, 2, rng, spread=1)
    filler.group("2026-09", "Sales", "Marketing", 3, 2, rng, spread=1)  # under k
    filler.group("2026-10", "Sales", "Marketing", 12, 4, rng, spread=1)
    for wave in ("2026-08", "2026-09", "2026-10"):
        filler.group(wave, "IT", "Sales", 8, 4, rng, spread=1)
    filler.db.execute(
        "INSERT INTO actions (from_id, to_id, wave_id, title, due, status) "
        "VALUES (?, ?, ?, 'Joint launch planning', '2026-09-15T10:00:00', 'done')",
        [filler.ids["Marketing"], filler.ids["Sales"], filler.waves["2026-09"]],
    )
    filler.close()


def test_trend_hides_suppressed_waves_and_compares_with_the_last_allowed_one(workspace) -> None:
    _waves(workspace)
    result = analyse_workspace(workspace, engine=fake_engine())
    points = result.trends["Sales→Marketing"]
    assert [p.wave for p in points] == ["2026-08", "2026-09", "2026-10"]
    assert points[1].index is None and points[1].n == 0
    assert points[0].index < 2.7 and points[2].index > 3.3
    assert len(result.improvements) == 1
    sentence = result.improvements[0]
    assert sentence.startswith("Sales → Marketing improved from")
    assert "since 2026-08" in sentence and "Joint launch planning" in sentence


def test_recorded_actions_are_listed_with_day_only_dates(workspace) -> None:
    _waves(workspace)
    result = analyse_workspace(workspace, engine=fake_engine())
    (action,) = result.actions
    assert (action.from_dept, action.to_dept, action.wave) == ("Marketing", "Sales", "2026-09")
    assert action.due == "2026-09-15"
    earlier = analyse_workspace(workspace, wave="2026-08", engine=fake_engine())
    assert earlier.actions == [] and earlier.waves == ["2026-08"]


def test_stable_pairs_produce_no_improvement_sentence(workspace) -> None:
    _waves(workspace)
    db = open_workspace(workspace)
    db.execute(
        "DELETE FROM submissions WHERE department_id = (SELECT id FROM departments "
        "WHERE name = 'Sales')"
    )
    db.close()
    result = analyse_workspace(workspace, engine=fake_engine())
    assert result.improvements == []
    assert [p.index is not None for p in result.trends["IT→Sales"]] == [True, True, True]
