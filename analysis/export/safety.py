"""The anonymity rules every export goes through, as a second line of defence.

:class:`~analysis.results.AnalysisResult` objects have already been through
:mod:`analysis.privacy`; the writers still pass them through :func:`exportable`, which asks
the same gate again, so that a slip upstream cannot put a group under the threshold, an
unredacted comment or an id into a file that leaves the workspace. It verifies and drops;
it never redacts (redaction happens once, when a comment is analysed).
"""

from __future__ import annotations

import copy
import re

from analysis.privacy import (
    Thresholds,
    is_redacted,
    may_show_pair_comments,
    may_show_scores,
    may_show_trend_point,
    result_thresholds,
)
from analysis.results import AnalysisResult, Hotspot, PairResult, TrendPoint

#: Characters that make a spreadsheet program read a cell as a formula.
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Make a spreadsheet cell safe: a string that could start a formula gets a ``'`` prefix.

    Numbers (including negative ones) and ``None`` are returned unchanged, so they stay
    numbers in the file.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


#: A character at which a spreadsheet may start a new cell or row of a CSV line, followed
#: (directly, or after double quotes, which may open a quoted cell there) by a character
#: that starts a formula. Excel opens a ``.csv`` with the list separator of the computer's
#: region: ``;`` in much of Europe, so a comment ``Fine;=cmd|' /C calc'!A0``, written
#: unquoted (it holds no comma), became a cell ``=cmd|...`` there. Once a line splits at
#: ``;``, its quotes no longer hold line breaks.
_CELL_BREAKS = ",;\t\r\n"
_INNER_FORMULA = re.compile(
    f'([{re.escape(_CELL_BREAKS)}])(?="*[{re.escape("".join(FORMULA_STARTS))}])'
)


def neutralise_csv(value: object) -> object:
    """:func:`neutralise`, and a ``'`` after every ``,``, ``;``, tab or line break that is
    followed (directly, or after double quotes) by a character of :data:`FORMULA_STARTS`:
    for a CSV, which a spreadsheet may split at any of them (its region's list separator),
    each piece then being a cell of its own.

    Prose is left alone (it puts a space after a comma or semicolon); numbers stay numbers.
    """
    value = neutralise(value)
    if isinstance(value, str):
        return _INNER_FORMULA.sub(r"\1'", value)
    return value


def exportable(result: AnalysisResult) -> AnalysisResult:
    """A copy of ``result`` that is safe to write to a file.

    Pairs whose scores may not be shown lose every score and their size; hotspots of
    suppressed pairs are dropped; quotes are kept only where the pair's comments may be
    shown, and a quote or theme example that is not redacted
    (:func:`analysis.privacy.is_redacted`) is dropped; trend points of groups under the
    threshold lose their index.

    Parameters
    ----------
    result : AnalysisResult
        The analysis as the pipeline returned it (not modified).

    Returns
    -------
    AnalysisResult
        The copy the writers use.
    """
    safe = copy.deepcopy(result)
    rules = result_thresholds(safe)
    for pair in safe.pairs:
        if pair.suppressed or not may_show_scores(pair.n, rules):
            _blank_pair(pair)
    blocked = {(p.from_dept, p.to_dept) for p in safe.pairs if p.suppressed}
    safe.suppressed_pairs = max(
        safe.suppressed_pairs, sum(1 for p in safe.pairs if p.suppressed and p.wave == safe.wave)
    )
    safe.hotspots = [
        _safe_hotspot(h, safe, rules)
        for h in safe.hotspots
        if (h.from_dept, h.to_dept) not in blocked
    ]
    for points in safe.trends.values():
        _safe_trend(points, rules)
    departments = _departments(safe)
    for hotspot in safe.hotspots:
        hotspot.quotes = [q for q in hotspot.quotes if is_redacted(q, (), departments)]
    for theme in safe.themes:
        theme.example = theme.example if is_redacted(theme.example, (), departments) else None
    return safe


def _departments(result: AnalysisResult) -> tuple[str, ...]:
    """The workspace's departments: their names are never redacted as given names."""
    names = set(result.departments) | {p.from_dept for p in result.pairs}
    return tuple(sorted(names | {p.to_dept for p in result.pairs}))


def _blank_pair(pair: PairResult) -> None:
    pair.suppressed = True
    pair.n = 0
    pair.dimensions = {}
    pair.overall = pair.index = pair.ci_low = pair.ci_high = None
    pair.band = None
    pair.comment_count = 0
    pair.sentiment = pair.negative_share = pair.conflict_rate = None
    pair.themes = []


def _safe_hotspot(hotspot: Hotspot, result: AnalysisResult, rules: Thresholds) -> Hotspot:
    pair = result.pair(hotspot.from_dept, hotspot.to_dept)
    commented = may_show_pair_comments(pair, rules)
    if not commented:
        hotspot.quotes = []
    _safe_trend(hotspot.trend, rules)
    return hotspot


def _safe_trend(points: list[TrendPoint], rules: Thresholds) -> None:
    for point in points:
        if not may_show_trend_point(point.n, rules):
            point.index = point.ci_low = point.ci_high = None
