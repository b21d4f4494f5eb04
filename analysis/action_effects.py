"""What happened to a pair since a joint action was agreed, in one sentence.

"Since “Joint planning before launches” was agreed on 3 Aug, Sales → Marketing rose from
2.9 to 3.6 (2 waves)." The pair page shows this under each recorded action once a wave has
closed after the one the action was agreed in.

Only figures that may be shown are used: the pair's trend points of released waves
(:attr:`analysis.results.AnalysisResult.trends`), each checked again with
:func:`analysis.privacy.may_show_trend_point`. When the wave the action was agreed in, or
the latest wave, had fewer than k people, the sentence says the change cannot be shown and
names no figure.

No Qt; plain data in, a string out.
"""

from __future__ import annotations

from datetime import date

from analysis.privacy import may_show_trend_point, result_thresholds
from analysis.results import AnalysisResult, TrendPoint, trend_key
from surveys.actions import short_day
from surveys.bands import shown_index


def agreed_when(recorded: str | None, wave: str, today: date | None = None) -> str:
    """ "on 3 Aug" (this year), "on 3 Aug 2025" (another year) or "in wave W" (no day)."""
    day = short_day(recorded, today)
    return f"on {day}" if day else f"in wave {wave}"


def _shown(point: TrendPoint | None, result: AnalysisResult) -> bool:
    return (
        point is not None
        and point.index is not None
        and may_show_trend_point(point.n, result_thresholds(result))
    )


def action_change(
    result: AnalysisResult,
    from_dept: str,
    to_dept: str,
    title: str,
    wave: str | None,
    recorded: str | None = None,
    today: date | None = None,
) -> str | None:
    """One sentence on the pair's index since the action was agreed, or ``None``.

    Parameters
    ----------
    result : AnalysisResult
        The analysis of the wave being looked at (its trends hold released waves only).
    from_dept, to_dept : str
        The pair the action was recorded for.
    title : str
        The action's title.
    wave : str or None
        The wave it was agreed in; ``None`` (or a wave after the one analysed) gives ``None``.
    recorded : str or None
        The day it was recorded (``YYYY-MM-DD``), for "agreed on 3 Aug".
    today : datetime.date, optional
        Decides whether the year is written (default: today).

    Returns
    -------
    str or None
        "Since … rose from 2.9 to 3.6 (2 waves).", "… stayed at 3.4 …", "… fell …", a note
        that the next pulse will tell, or that the change cannot be shown (too few people).
    """
    if wave is None or wave not in result.waves or not result.released:
        return None
    points = result.trends.get(trend_key(from_dept, to_dept), [])
    by_wave = {p.wave: p for p in points}
    if wave not in by_wave:
        return None
    order = [p.wave for p in points]
    later = order[order.index(wave) + 1 :]
    since = f"Since “{title}” was agreed {agreed_when(recorded, wave, today)}"
    pair = f"{from_dept} → {to_dept}"
    if not later:
        return f"“{title}” was agreed {agreed_when(recorded, wave, today)}; the next pulse " + (
            f"will show whether {pair} moved."
        )
    before, after = by_wave[wave], by_wave[later[-1]]
    if not (_shown(before, result) and _shown(after, result)):
        hidden = before.wave if not _shown(before, result) else after.wave
        return (
            f"{since}, the change of {pair} cannot be shown: fewer than {result.min_group} "
            f"people answered in wave {hidden}."
        )
    waves = f"{len(later)} wave{'' if len(later) == 1 else 's'}"
    old, new = shown_index(before.index), shown_index(after.index)
    if old == new:
        return f"{since}, {pair} stayed at {new:.1f} ({waves})."
    verb = "rose" if new > old else "fell"
    return f"{since}, {pair} {verb} from {old:.1f} to {new:.1f} ({waves})."
