"""The results respondents see: privacy-safe pairs and a summary in words."""

from __future__ import annotations

from analysis.export.shared_results import organisation_summary, results_for_respondents
from analysis.results import AnalysisResult, PairResult, TrendPoint
from surveys.model import DIMENSIONS


def _dims(**values: float) -> dict[str, float | None]:
    return {d: values.get(d, 3.5) for d in DIMENSIONS}


def test_summary_names_the_biggest_rises_and_the_biggest_fall() -> None:
    before = _dims(timely=3.1, respect=3.5, accurate=3.9, frequent=3.0)
    now = _dims(timely=3.4, respect=3.7, accurate=3.6, frequent=3.1)
    assert organisation_summary(now, before) == (
        "Across the organisation, timeliness rose from 3.1 to 3.4 and respect from 3.5 to 3.7; "
        "accuracy fell from 3.9 to 3.6."
    )


def test_summary_without_an_earlier_wave_or_without_change() -> None:
    now = _dims(problem_solving=2.8, respect=4.2)
    assert organisation_summary(now, None) == (
        "Across the organisation, respect was rated highest (4.2 out of 5) and problem "
        "solving lowest (2.8)."
    )
    assert organisation_summary(now, now) == (
        "Across the organisation, every rating stayed where it was."
    )
    assert organisation_summary(dict.fromkeys(DIMENSIONS), now) == ""  # wave under k
    only = dict.fromkeys(DIMENSIONS)
    assert organisation_summary(only | {"timely": 2.9}, None) == (
        "Across the organisation, timeliness was rated 2.9 out of 5."
    )
    assert organisation_summary(only | {"timely": 3.04, "respect": 2.96}, None) == (
        "Across the organisation, every rating was 3.0 out of 5."
    )


def test_suppressed_pairs_and_suppressed_earlier_points_stay_out() -> None:
    shown = PairResult("W2", "Sales", "IT", 6, False, index=3.14)
    hidden = PairResult("W2", "IT", "Sales", 2, True)
    fresh = PairResult("W2", "Marketing", "IT", 5, False, index=3.96)
    result = AnalysisResult(
        organisation="Acme",
        wave="W2",
        waves=["W1", "W2"],
        departments=["Sales", "IT", "Marketing"],
        min_group=5,
        min_comment_group=5,
        pairs=[shown, hidden, fresh],
        organisation_dimensions=_dims(timely=3.44),
        organisation_index=3.49,
        trends={
            "Sales→IT": [TrendPoint("W1", 2.71, 7), TrendPoint("W2", 3.14, 6)],
            "Marketing→IT": [TrendPoint("W1", None, 0), TrendPoint("W2", 3.96, 5)],
        },
    )
    results = results_for_respondents(result, _dims(timely=3.06))
    assert results["pairs"] == [
        {"from": "Sales", "to": "IT", "index": 3.1, "previous": 2.7},
        {"from": "Marketing", "to": "IT", "index": 4.0},
    ]
    assert results["summary"] == "Across the organisation, timeliness rose from 3.1 to 3.4."
    assert (results["wave"], results["since"]) == ("W2", "W1")
    assert results["organisation"] == {"index": 3.5, "previous": 3.4}
