"""The relationship matrix on real workspace files with exactly known numbers."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from analysis import relationships as rel
from analysis.pipeline import analyse_workspace
from surveys.errors import RapportError
from surveys.model import DIMENSIONS
from surveys.store import open_workspace, set_setting
from tests.analysis.core_helpers import Filler, fake_engine


def _fill(folder) -> None:
    filler = Filler(folder)
    for i in range(5):  # Sales rates IT: timely 1..5, every other dimension 3
        ratings = {d: 3 for d in DIMENSIONS} | {"timely": i + 1, "overall": 2}
        comment = "They are slow and late" if i < 3 else "great, thanks"
        filler.respondent("2026-10", "Sales", "IT", ratings, comment)
    for _ in range(6):  # IT rates Sales on a rotated subset only
        filler.respondent("2026-10", "IT", "Sales", {"timely": 5, "respect": 4, "overall": 4})
    for _ in range(4):  # a group under k
        filler.respondent("2026-10", "Marketing", "IT", {d: 1 for d in DIMENSIONS})
    filler.close()


def test_matrix_counts_people_and_computes_means_index_and_ci(workspace) -> None:
    _fill(workspace)
    result = analyse_workspace(workspace, engine=fake_engine())
    pair = result.pair("Sales", "IT")
    assert pair.n == 5 and not pair.suppressed
    assert pair.dimensions["timely"] == 3.0 and pair.dimensions["respect"] == 3.0
    assert pair.index == 3.0 and pair.overall == 2.0 and pair.band == "weak"
    per_person = np.array([(18 + v) / 7 for v in range(1, 6)])
    half = stats.t.ppf(0.975, 4) * per_person.std(ddof=1) / np.sqrt(5)
    assert pair.ci_low == round(3 - half, 2) and pair.ci_high == round(3 + half, 2)
    assert pair.comment_count == 5
    assert pair.negative_share == 0.6
    assert pair.themes == ["Responsiveness"]


def test_rotated_items_index_uses_the_dimensions_rated(workspace) -> None:
    _fill(workspace)
    pair = analyse_workspace(workspace, engine=fake_engine()).pair("IT", "Sales")
    assert pair.n == 6
    assert pair.index == 4.5 and pair.band == "strong"
    assert pair.dimensions["frequent"] is None
    assert pair.ci_low == pair.ci_high == 4.5  # everyone answered the same
    assert pair.sentiment is None and pair.comment_count == 0  # no comments at all


def test_group_under_k_is_suppressed_and_carries_nothing(workspace) -> None:
    _fill(workspace)
    result = analyse_workspace(workspace, engine=fake_engine())
    pair = result.pair("Marketing", "IT")
    assert pair.suppressed and pair.index is None and pair.dimensions == {} and pair.n == 0
    # Every other directed pair of the four departments: nobody rated ten of twelve.
    assert len(result.pairs) == 12 and result.suppressed_pairs == 10
    data = next(p for p in result.to_json()["pairs"] if p["from"] == "Marketing")
    assert data["n"] is None and data["index"] is None


def test_organisation_dimensions_average_the_answers_of_shown_pairs(workspace) -> None:
    _fill(workspace)
    result = analyse_workspace(workspace, engine=fake_engine())
    # timely: Sales→IT 1..5 (15) and IT→Sales 6×5 (30) over 11 answers; Marketing→IT
    # (4 people, suppressed) does not count.
    assert result.organisation_dimensions["timely"] == round(45 / 11, 2)
    assert result.organisation_dimensions["frequent"] == 3.0  # Sales→IT only
    assert result.organisation_index == round(
        np.mean([result.organisation_dimensions[d] for d in DIMENSIONS]), 2
    )


def test_organisation_figures_cannot_be_differenced_to_reveal_a_suppressed_pair(
    workspace,
) -> None:
    filler = Filler(workspace)
    for _ in range(5):
        filler.respondent("2026-10", "Sales", "IT", {d: 3 for d in DIMENSIONS} | {"overall": 3})
    filler.respondent("2026-10", "Marketing", "IT", {d: 1 for d in DIMENSIONS} | {"overall": 1})
    filler.close()
    result = analyse_workspace(workspace, engine=fake_engine())
    shown = result.pair("Sales", "IT")
    assert result.pair("Marketing", "IT").suppressed
    # With the lone Marketing answer included, 6 × organisation − 5 × Sales→IT would be
    # that person's rating; the organisation must equal the shown pair instead.
    assert result.organisation_dimensions == {d: 3.0 for d in (*DIMENSIONS, "overall")}
    assert result.organisation_index == shown.index == 3.0


def test_bands_come_from_settings_and_bad_bands_are_explained(workspace) -> None:
    _fill(workspace)
    db = open_workspace(workspace)
    set_setting(db, "bands", {"weak_below": 2.5, "strong_above": 4.6})
    db.close()
    result = analyse_workspace(workspace, engine=fake_engine())
    assert result.pair("Sales", "IT").band == "moderate"
    assert result.pair("IT", "Sales").band == "moderate"
    db = open_workspace(workspace)
    set_setting(db, "bands", {"weak_below": 4.5, "strong_above": 3})
    db.close()
    with pytest.raises(RapportError, match="weak_below not above strong_above"):
        analyse_workspace(workspace, engine=fake_engine())


def test_unknown_wave_and_empty_workspace_say_what_to_do(workspace) -> None:
    with pytest.raises(RapportError, match="no responses yet"):
        analyse_workspace(workspace, engine=fake_engine())
    _fill(workspace)
    with pytest.raises(RapportError, match="Wave '2030-01' has no responses.*2026-10"):
        analyse_workspace(workspace, wave="2030-01", engine=fake_engine())


def test_comment_figures_read_for_chosen_waves_match_those_read_for_all(workspace) -> None:
    filler = Filler(workspace)
    for wave, comment in (("2026-09", "great, thanks"), ("2026-10", "They are slow and late")):
        for i in range(5):
            ratings = {d: 3 for d in DIMENSIONS} | {"overall": 2}
            filler.respondent(wave, "Sales", "IT", ratings, comment if i < 4 else "fine")
    filler.close()
    earlier = analyse_workspace(workspace, wave="2026-09", engine=fake_engine())
    latest = analyse_workspace(workspace, engine=fake_engine())  # comments now scored
    db = open_workspace(workspace)
    try:
        waves, current = rel.load_waves(db)
        ratings = rel.load_ratings(db)
        everything, chosen = rel.pair_data(ratings), rel.pair_data(ratings)
        rel.attach_comment_stats(db, everything)
        rel.attach_comment_stats(db, chosen, [current.id])
    finally:
        db.close()
    fields = ("comment_count", "sentiment", "negative_share", "conflict_rate", "theme_counts")
    for key, pair in chosen.items():
        full = [getattr(everything[key], f) for f in fields]
        got = [getattr(pair, f) for f in fields]
        assert got == (full if key[0] == current.id else [0, None, None, None, []])
    assert everything[(waves[0].id, *key[1:])].comment_count == 5  # the earlier wave has them
    assert latest.pair("Sales", "IT").negative_share == 0.8
    assert latest.pair("Sales", "IT").themes == ["Responsiveness"]
    assert earlier.pair("Sales", "IT").negative_share == 0.0  # its own wave's comments
