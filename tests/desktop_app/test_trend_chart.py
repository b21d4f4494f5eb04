"""The pair's trend chart: no value is printed over an action marker, a point or another
value, and the actions' titles never print over each other.

The demo's Sales → IT has an action agreed in its last wave, right on the last point (2.6);
the chart used to centre that value on the marker's dashed line. The made-up series below
packs markers into neighbouring waves, points at the top of the scale and values close
together into a narrow chart with a 150 % font.
"""

from __future__ import annotations

from itertools import combinations

import pytest
from PySide6.QtCore import QPointF, QRectF

from desktop_app.widgets.trend_chart import LineChart, TrendSeries
from surveys.bands import format_index
from tests.desktop_app.hr_helpers import open_window


def _assert_nothing_overlaps(chart: LineChart) -> None:
    layout = chart.trend_layout()
    values = list(layout.labels.values())
    marks = [box for boxes in layout.markers.values() for box in boxes]
    dots = [QRectF(p.x() - 4, p.y() - 4, 8, 8) for p in layout.points.values()]
    inside = QRectF(chart.rect())
    for value in values:
        assert inside.contains(value), value
        assert not any(value.intersects(mark) for mark in marks), value
        assert not any(value.intersects(dot) for dot in dots), value
        assert not any(value.intersects(name) for name in layout.waves.values()), value
    for a, b in combinations(values, 2):
        assert not a.intersects(b), (a, b)
    for a, b in combinations(list(layout.waves.values()), 2):
        assert not a.intersects(b), (a, b)
    legend = [box for box, _shown, _whole in layout.legend]
    for a, b in combinations(legend, 2):
        assert not a.intersects(b)
    metrics = chart.fontMetrics()
    for box, shown, _whole in layout.legend:
        assert inside.contains(box) and metrics.horizontalAdvance(shown) <= box.width()
        assert not any(box.intersects(other) for other in [*values, *marks, *dots])


def test_the_demo_pairs_last_value_clears_its_action_marker(qtbot, demo_workspace) -> None:
    window = open_window(qtbot, demo_workspace)
    page = window.open_pair("Sales", "IT")
    chart = page.trend
    qtbot.waitUntil(lambda: chart.isVisible() and chart.height() == chart.sizeHint().height())
    layout = chart.trend_layout()
    last = len(chart.series.waves) - 1
    assert list(layout.markers) == [last]  # the action agreed in 2026-10
    assert sorted(layout.labels) == sorted(layout.points)  # every value is printed
    line = layout.markers[last][1]
    assert not layout.labels[last].intersects(line)
    _assert_nothing_overlaps(chart)
    [(_box, shown, whole)] = layout.legend
    assert whole == "▼ 2026-10: Request intake with agreed response times" == shown


@pytest.fixture
def crowded(qtbot) -> LineChart:
    chart = LineChart()
    qtbot.addWidget(chart)
    font = chart.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)  # as at 150 %
    chart.setFont(font)
    waves = [f"2026-{m:02d}" for m in range(1, 13)]
    values = [5.0, 4.95, 5.0, 3.0, 3.05, 3.1, None, 1.0, 1.05, 2.0, 2.05, 2.0]
    markers = {
        "2026-01": ["Liaison meeting every other week"],
        "2026-02": ["Shared outcome goals", "Sit in on each other's stand-up"],
        "2026-05": ["Request intake with agreed response times and a visible queue"],
        "2026-06": ["Joint planning before launches"],
        "2026-12": ["Review what changed since the last pulse"],
    }
    chart.set_series(TrendSeries(waves, values, markers))
    chart.resize(chart.fontMetrics().averageCharWidth() * 45, chart.sizeHint().height())
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def test_a_crowded_narrow_chart_prints_nothing_over_anything(crowded: LineChart) -> None:
    _assert_nothing_overlaps(crowded)
    layout = crowded.trend_layout()
    assert len(layout.labels) >= len(layout.points) // 2  # most values still printed
    assert len(layout.legend) == 5  # one line per wave with actions
    assert 11 in layout.waves  # the last wave is always named
    assert 0 < len(layout.waves) < 12  # too narrow for all twelve names


def test_a_value_without_room_is_in_the_tooltip(crowded: LineChart) -> None:
    layout = crowded.trend_layout()
    for i, point in layout.points.items():
        wave, value = crowded.series.waves[i], crowded.series.values[i]
        assert crowded.tooltip_at(point).splitlines()[0] == f"{wave}: {format_index(value)}"
    tip = crowded.tooltip_at(layout.points[1])
    assert "▼ Shared outcome goals" in tip and "▼ Sit in on each other's stand-up" in tip
    box, shown, whole = layout.legend[2]
    assert shown != whole  # too long for the line: cut, and whole in the tooltip
    assert crowded.tooltip_at(box.center()) == whole


def test_the_chart_grows_by_one_line_per_wave_with_actions(qtbot) -> None:
    chart = LineChart()
    qtbot.addWidget(chart)
    waves = ["2026-09", "2026-10"]
    chart.set_series(TrendSeries(waves, [3.0, 3.2]))
    plain = chart.sizeHint().height()
    chart.set_series(TrendSeries(waves, [3.0, 3.2], {"2026-09": ["A"], "2026-10": ["B"]}))
    assert chart.sizeHint().height() > plain + chart.fontMetrics().height() * 2
    chart.resize(chart.sizeHint())
    assert chart.tooltip_at(QPointF(chart.width() - 5, 10)) == "2026-10: 3.2\n▼ B"


def test_long_wave_names_are_cut_between_the_points_not_over_each_other(qtbot) -> None:
    chart = LineChart()
    qtbot.addWidget(chart)
    waves = [
        "2026-05",
        "2026-06",
        "2026-07",
        "2026-08",
        "2026-09 Autumn pulse after reorganisation",
        "2026-10 Q4 pulse - Customer journey programme",
    ]
    chart.set_series(TrendSeries(waves, [3.4, 3.3, 3.1, 2.8, 2.7, 2.6], {waves[-1]: ["Intake"]}))
    chart.resize(chart.fontMetrics().averageCharWidth() * 90, chart.sizeHint().height())
    layout = chart.trend_layout()
    _assert_nothing_overlaps(chart)
    assert sorted(layout.waves) == list(range(6))  # room for every wave's name
    metrics = chart.fontMetrics()
    for i, box in layout.waves.items():
        shown = layout.wave_names[i]
        assert QRectF(chart.rect()).contains(box)
        assert metrics.horizontalAdvance(shown) <= box.width()
        assert shown == waves[i] or (shown.endswith("…") and waves[i].startswith(shown[:-1]))
        assert shown.startswith(waves[i][:7])  # the month is always readable
    assert layout.wave_names[5] != waves[5]  # cut, and whole in the tooltip
    assert chart.tooltip_at(layout.points[5]).startswith(waves[5] + ": 2.6")


def test_a_value_is_not_put_where_the_line_cuts_a_corner_of_its_box() -> None:
    """The line was walked in 3-pixel steps, which stepped over a corner it cut (and took
    most of each paint of the trend): it is clipped against the box now."""
    from PySide6.QtCore import QPointF, QRectF

    from desktop_app.widgets.trend_chart import _crosses

    line = [(QPointF(40, 150), QPointF(240, 60))]
    assert _crosses(QRectF(158, 96, 30, 16), line)  # through its top-left corner, 2 px
    assert _crosses(QRectF(100, 110, 30, 16), line)  # through its middle
    assert not _crosses(QRectF(100, 130, 30, 16), line)  # under it
    assert not _crosses(QRectF(250, 50, 30, 16), line)  # past its end
    assert _crosses(QRectF(20, 140, 30, 16), [(QPointF(40, 150), QPointF(40, 150))])  # a point
