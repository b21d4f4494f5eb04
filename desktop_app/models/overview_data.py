"""Plain summaries the overview shows, computed from an AnalysisResult (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from surveys.bands import shown_percent


@dataclass(frozen=True)
class PairChange:
    """How a pair's index moved between the previous wave and the selected one."""

    from_dept: str
    to_dept: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        return self.after - self.before


def previous_wave(result: Any) -> str | None:
    """The wave before the result's wave, if any."""
    waves = list(result.waves)
    position = waves.index(result.wave) if result.wave in waves else -1
    return waves[position - 1] if position > 0 else None


def changes_since_previous(result: Any, minimum: float = 0.2, limit: int = 6) -> list[PairChange]:
    """Pairs whose index moved by at least ``minimum`` since the previous wave, biggest first.

    Only waves where both groups met k carry an index in the trends, so nothing here
    reveals a suppressed group.
    """
    before_wave = previous_wave(result)
    if before_wave is None:
        return []
    found = []
    for key, points in result.trends.items():
        by_wave = {p.wave: p.index for p in points}
        before, after = by_wave.get(before_wave), by_wave.get(result.wave)
        if before is None or after is None or abs(after - before) < minimum:
            continue
        from_dept, _, to_dept = key.partition("→")
        found.append(PairChange(from_dept, to_dept, float(before), float(after)))
    found.sort(key=lambda c: (-abs(c.delta), c.from_dept, c.to_dept))
    return found[:limit]


def total_participation(result: Any) -> tuple[int, int | None]:
    """Submissions of the wave and the total headcount (``None`` if any is unknown)."""
    submitted = sum(p.submitted for p in result.participation)
    heads = [p.headcount for p in result.participation]
    return submitted, (None if any(h is None for h in heads) else sum(heads))


def percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` in whole percent, rounding halves up (23 of 40 is 58 %), as
    the deck does (:func:`surveys.bands.shown_percent`)."""
    return shown_percent(part, whole)


def improvements_by_baseline(improvements: list[str], before: str) -> tuple[list[str], list[str]]:
    """The improvement sentences measured from ``before`` and those from an earlier wave.

    A steady trend is said "since" the first of its waves (2026-07 of four), and a pair
    under k in the last wave is compared with the wave before that: under "What changed
    since 2026-09" those lines said "since 2026-07", so the overview lists them apart.
    """
    same = [t for t in improvements if f" since {before} (" in t]
    return same, [t for t in improvements if t not in same]
