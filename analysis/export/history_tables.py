"""Two more tables of the workbook and the CSV files: every wave per pair, and the
redacted comments that may be shown.

Both go through the privacy gate: a trend point is shown only when
:func:`analysis.privacy.may_show_trend_point` allows it (otherwise the row says so and
carries neither size nor index), and the comments come from
:func:`analysis.export.comment_rows.shown_comments`, which reads only groups whose
comments may be shown.
"""

from __future__ import annotations

from analysis.export.comment_rows import SharedComment
from analysis.export.table_model import Column, Table
from analysis.privacy import may_show_trend_point, result_thresholds
from analysis.results import AnalysisResult, trend_key
from surveys.bands import shown_index


def trends_table(result: AnalysisResult) -> Table:
    """One row per directed pair and wave, oldest wave first, as shown (one decimal)."""
    score = "0.0"
    columns = [
        Column("From", 16),
        Column("To", 16),
        Column("Wave", 10),
        Column("Suppressed", 11),
        Column("n", 6, "0"),
        Column("Index", 8, score),
        Column("CI low", 8, score),
        Column("CI high", 8, score),
        Column("Band", 10),
    ]
    rules = result_thresholds(result)
    rows = []
    for src in result.departments:
        for dst in result.departments:
            for point in result.trends.get(trend_key(src, dst), []):
                if point.index is None or not may_show_trend_point(point.n, rules):
                    rows.append([src, dst, point.wave, "yes", None, None, None, None, None])
                    continue
                rows.append(
                    [src, dst, point.wave, "no", point.n]
                    + [shown_index(v) for v in (point.index, point.ci_low, point.ci_high)]
                    + [result.bands.band(point.index)]
                )
    return Table("trends", columns, rows)


def comments_table(comments: list[SharedComment]) -> Table:
    """The redacted comments that may be shown, pair by pair, shuffled within a pair."""
    columns = [
        Column("Wave", 10),
        Column("From", 16),
        Column("To", 16),
        Column("Label", 10),
        Column("Themes", 30),
        Column("Comment (redacted)", 90),
    ]
    rows = [
        [c.wave, c.from_dept, c.to_dept, c.label, "; ".join(c.themes), c.text] for c in comments
    ]
    return Table("comments", columns, rows)
