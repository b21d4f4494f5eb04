"""Native, editable PowerPoint charts: dimensions, trends, themes and participation."""

from __future__ import annotations

import math

from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_DATA_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Inches, Pt

from analysis.export import style
from analysis.export.chart_data import SafeCategoryChartData
from analysis.export.pptx_shapes import rgb
from analysis.results import TrendPoint

CHART_PT = 12
#: Shares in whole percent with a no-break space before the sign ("35 %"), as in the text.
PERCENT_FORMAT = '0"\u00a0"%'


def _add_chart(slide, kind, data, box: tuple[float, float, float, float]):
    x, y, w, h = box
    frame = slide.shapes.add_chart(kind, Inches(x), Inches(y), Inches(w), Inches(h), data)
    chart = frame.chart
    chart.font.size = Pt(CHART_PT)
    chart.font.name = style.FONT
    chart.font.color.rgb = rgb(style.INK)
    return chart


def _legend(chart, position=XL_LEGEND_POSITION.BOTTOM) -> None:
    chart.has_legend = True
    chart.legend.position = position
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(CHART_PT)


def _colour_series(series, colour: str, line: bool = False) -> None:
    if line:
        series.format.line.color.rgb = rgb(colour)
        series.format.line.width = Pt(2.5)
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = rgb(colour)
        series.marker.format.line.color.rgb = rgb(colour)
    else:
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb(colour)


def _value_axis(chart, low: float | None, high: float | None, fmt: str) -> None:
    axis = chart.value_axis
    if low is not None:
        axis.minimum_scale = low
    if high is not None:
        axis.maximum_scale = high
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = rgb(style.RULE)
    axis.tick_labels.number_format = fmt
    axis.tick_labels.number_format_is_linked = False
    axis.format.line.fill.background()


def _data_labels(plot, fmt: str, position=XL_DATA_LABEL_POSITION.OUTSIDE_END) -> None:
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = fmt
    labels.number_format_is_linked = False
    labels.position = position
    labels.font.size = Pt(CHART_PT)


def dimension_chart(
    slide,
    box,
    labels: list[str],
    pair_name: str,
    pair: list[float | None],
    organisation: list[float | None],
):
    """Clustered bars: the pair's dimensions against the organisation (scale 1–5)."""
    # Bar charts draw the first category at the bottom: reverse so the first dimension is
    # on top, and add the organisation first so that the pair's bar sits above it.
    data = SafeCategoryChartData(number_format="0.0")
    data.categories = labels[::-1]
    data.add_series("Organisation", organisation[::-1])
    data.add_series(pair_name, pair[::-1])
    chart = _add_chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, box)
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.overlap = -10
    _colour_series(plot.series[0], style.BLUE)
    _colour_series(plot.series[1], style.ORANGE)
    _data_labels(plot, "0.0")
    _value_axis(chart, 1, 5, "0")
    chart.category_axis.format.line.color.rgb = rgb(style.RULE)
    _legend(chart, XL_LEGEND_POSITION.TOP)
    return chart


def trend_chart(
    slide,
    box,
    waves: list[str],
    lines: dict[str, list[TrendPoint]],
    markers: dict[str, dict[str, str]],
    weak_below: float | None,
):
    """One line per pair over the waves; ``markers[pair][wave]`` labels a point (an action
    recorded in that wave, "▲ 1"), so the chart itself stays uncluttered."""
    data = SafeCategoryChartData(number_format="0.00")
    data.categories = waves
    for name, points in lines.items():
        by_wave = {p.wave: p.index for p in points}
        data.add_series(name, [by_wave.get(w) for w in waves])
    if weak_below is not None:
        data.add_series(f"Weak below {weak_below:.1f}", [weak_below] * len(waves))
    chart = _add_chart(slide, XL_CHART_TYPE.LINE_MARKERS, data, box)
    plot = chart.plots[0]
    for i, (name, series) in enumerate(zip(lines, plot.series, strict=False)):
        _colour_series(series, style.SERIES[i % len(style.SERIES)], line=True)
        series.smooth = False
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = 7
        for wave, text in markers.get(name, {}).items():
            _mark(series.points[waves.index(wave)].data_label, text)
    if weak_below is not None:
        threshold = plot.series[len(lines)]
        threshold.format.line.color.rgb = rgb(style.MUTED)
        threshold.format.line.width = Pt(1.25)
        threshold.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        threshold.marker.style = XL_MARKER_STYLE.NONE
        threshold.smooth = False
    known = [p.index for points in lines.values() for p in points if p.index is not None]
    limits = known + ([weak_below] if weak_below is not None else [])
    low = max(1.0, math.floor(min(limits, default=1.0) * 2) / 2 - 0.5)
    high = min(5.0, math.ceil(max(limits, default=5.0) * 2) / 2 + 0.5)
    _value_axis(chart, low, high, "0.0")
    _legend(chart)
    return chart


def _mark(label, text: str) -> None:
    label.has_text_frame = True
    label.text_frame.text = text
    label.position = XL_DATA_LABEL_POSITION.ABOVE
    label.font.size = Pt(CHART_PT)
    label.font.bold = True


def share_bar_chart(
    slide,
    box,
    categories: list[str],
    name: str,
    values: list[float],
    colour: str = style.BLUE,
    horizontal: bool = True,
):
    """One series of shares (0–1) as bars, labelled in percent."""
    if horizontal:  # bar charts draw the first category at the bottom
        categories, values = categories[::-1], values[::-1]
    data = SafeCategoryChartData(number_format=PERCENT_FORMAT)
    data.categories = categories
    data.add_series(name, values)
    kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    chart = _add_chart(slide, kind, data, box)
    plot = chart.plots[0]
    plot.gap_width = 50
    _colour_series(plot.series[0], colour)
    _data_labels(plot, PERCENT_FORMAT)
    top = min(1.0, max(values, default=0) * 1.25 + 0.05)
    _value_axis(chart, 0, top if horizontal else 1.0, PERCENT_FORMAT)
    chart.category_axis.format.line.color.rgb = rgb(style.RULE)
    chart.has_legend = False
    chart.has_title = False
    return chart
