"""The change since a joint action was agreed, in one sentence, from shown figures only."""

from __future__ import annotations

import re
from datetime import date

from analysis.action_effects import action_change
from analysis.results import AnalysisResult, TrendPoint, trend_key

TODAY = date(2026, 11, 20)
TITLE = "Joint planning before launches"


def _result(points, *, released: bool = True, k: int = 5) -> AnalysisResult:
    waves = [p.wave for p in points]
    return AnalysisResult(
        organisation="Northwind",
        wave=waves[-1],
        waves=waves,
        departments=["Sales", "Marketing"],
        min_group=k,
        min_comment_group=k,
        trends={trend_key("Sales", "Marketing"): list(points)},
        released=released,
    )


def _say(result, wave="2026-07", recorded="2026-08-03"):
    return action_change(result, "Sales", "Marketing", TITLE, wave, recorded, TODAY)


POINTS = [
    TrendPoint("2026-06", 2.71, 12),
    TrendPoint("2026-07", 2.94, 14),
    TrendPoint("2026-08", 3.31, 15),
    TrendPoint("2026-09", 3.56, 13),
]


def test_a_rise_since_the_action_in_one_sentence() -> None:
    assert _say(_result(POINTS)) == (
        f"Since “{TITLE}” was agreed on 3 Aug, Sales → Marketing rose from 2.9 to 3.6 (2 waves)."
    )


def test_a_fall_a_steady_pair_and_one_wave() -> None:
    fell = [TrendPoint("2026-07", 3.46, 9), TrendPoint("2026-08", 3.04, 9)]
    assert _say(_result(fell)).endswith("Sales → Marketing fell from 3.5 to 3.0 (1 wave).")
    steady = [TrendPoint("2026-07", 3.41, 9), TrendPoint("2026-08", 3.44, 9)]
    assert _say(_result(steady)).endswith("Sales → Marketing stayed at 3.4 (1 wave).")


def test_the_year_is_written_when_it_is_not_this_year() -> None:
    assert "agreed on 3 Aug 2025," in _say(_result(POINTS), recorded="2025-08-03")
    assert "agreed in wave 2026-07," in _say(_result(POINTS), recorded=None)


def test_before_the_next_wave_it_says_the_next_pulse_will_tell() -> None:
    text = _say(_result(POINTS), wave="2026-09", recorded="2026-09-28")
    assert text == (
        f"“{TITLE}” was agreed on 28 Sep; the next pulse will show whether Sales → Marketing moved."
    )


def test_a_group_under_k_gives_no_figure() -> None:
    hidden_now = [*POINTS[:-1], TrendPoint("2026-09", None, 0)]
    text = _say(_result(hidden_now))
    assert "cannot be shown" in text and "wave 2026-09" in text
    assert re.search(r"\d\.\d", text) is None  # no index at all
    # A point the result still carries but that the thresholds in force would hide.
    raised = _result(POINTS, k=14)  # 2026-09 has 13 people
    assert "cannot be shown" in _say(raised) and "3.6" not in _say(raised)


def test_no_sentence_without_a_wave_or_released_figures() -> None:
    assert _say(_result(POINTS), wave=None) is None
    assert _say(_result(POINTS), wave="2026-12") is None  # recorded after the wave analysed
    assert _say(_result(POINTS, released=False)) is None
