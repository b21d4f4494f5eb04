"""Wave-over-wave trends per directed pair, recorded actions and "what improved".

A change between two waves is tested with Welch's t-test on the per-respondent indices of
the two groups. Only waves in which the pair met the minimum group size take part: a
change against a suppressed group would reveal that group's mean.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.privacy import Thresholds, day_only, may_show_scores, may_show_trend_point
from analysis.relationships import WaveRef, every_pair
from analysis.results import RecordedAction, TrendPoint, trend_key
from analysis.stats import slope_p, welch_p
from surveys.bands import format_index

#: Significance level of a wave-over-wave change.
ALPHA = 0.05
#: Smallest change of the index (points on the 1–5 scale) worth a sentence.
MIN_CHANGE = 0.2
#: Waves (the current one included) over which a gradual trend is tested.
TREND_WAVES = 4


@dataclass(frozen=True)
class Change:
    """A pair's change of index from an earlier wave to the current one."""

    from_id: int
    to_id: int
    since: str
    before: float
    after: float
    p_value: float | None
    test: str = "welch"  # "welch" (vs one earlier wave) or "trend" (slope over waves)
    waves: int = 2

    @property
    def delta(self) -> float:
        return self.after - self.before

    @property
    def significant(self) -> bool:
        return self.p_value is not None and self.p_value < ALPHA


def change_test(before: np.ndarray, after: np.ndarray) -> float | None:
    """Two-sided p-value of Welch's t-test between two groups of respondent indices.

    Parameters
    ----------
    before, after : numpy.ndarray
        Per-respondent indices of the earlier and the later wave.

    Returns
    -------
    float or None
        ``None`` when either group has fewer than two values.
    """
    if len(before) < 2 or len(after) < 2:
        return None
    if np.var(before) == 0 and np.var(after) == 0:
        return 1.0 if np.mean(before) == np.mean(after) else 0.0
    p = welch_p(after, before)
    return None if np.isnan(p) else p


def pair_changes(
    pairs: dict, waves: Sequence[WaveRef], current: WaveRef, thresholds: Thresholds
) -> dict[tuple[int, int], Change]:
    """The change of every allowed pair since the latest earlier wave where it was allowed.

    Parameters
    ----------
    pairs : dict
        ``{(wave_id, from_id, to_id): PairData}`` for all waves.
    waves : sequence of WaveRef
        Oldest first, ending with ``current``.
    current : WaveRef
        The wave being analysed.
    thresholds : Thresholds
        Minimum group sizes.
    """
    changes: dict[tuple[int, int], Change] = {}
    for (wave_id, from_id, to_id), now in pairs.items():
        if wave_id != current.id or now.index is None or not may_show_scores(now.n, thresholds):
            continue
        allowed = [
            (w, pairs[(w.id, from_id, to_id)])
            for w in waves
            if (w.id, from_id, to_id) in pairs
            and pairs[(w.id, from_id, to_id)].index is not None
            and may_show_scores(pairs[(w.id, from_id, to_id)].n, thresholds)
        ]
        if len(allowed) < 2 or allowed[-1][0].id != current.id:
            continue
        (wave, before) = allowed[-2]
        p = change_test(before.respondent_indices, now.respondent_indices)
        change = Change(from_id, to_id, wave.name, before.index, now.index, p)
        if not change.significant and len(allowed) >= 3:
            change = _trend_change(allowed[-TREND_WAVES:], from_id, to_id) or change
        changes[(from_id, to_id)] = change
    return changes


def _trend_change(window: list, from_id: int, to_id: int) -> Change | None:
    """A significant linear trend of respondents' indices over the last waves."""
    xs = np.concatenate([np.full(len(p.respondent_indices), i) for i, (_, p) in enumerate(window)])
    ys = np.concatenate([p.respondent_indices for _, p in window])
    if len(ys) < 4 or np.var(ys) == 0:
        return None
    p = slope_p(xs.astype(float), ys)
    if np.isnan(p) or p >= ALPHA:
        return None
    first, last = window[0][1], window[-1][1]
    return Change(
        from_id,
        to_id,
        window[0][0].name,
        first.index,
        last.index,
        float(p),
        "trend",
        len(window),
    )


def pair_trends(
    pairs: dict, waves: Sequence[WaveRef], names: dict[int, str], thresholds: Thresholds
) -> dict[str, list[TrendPoint]]:
    """Every pair's index per wave (``None`` and ``n = 0`` where the group was under k).

    Every directed pair of departments has a point in every wave, answered or not: a wave
    nobody rated it in looks like a wave of fewer than k (:func:`every_pair`).
    """
    keys = every_pair(names, {(f, t) for (_, f, t) in pairs})
    trends: dict[str, list[TrendPoint]] = {}
    for from_id, to_id in keys:
        points = []
        for wave in waves:
            pair = pairs.get((wave.id, from_id, to_id))
            if pair is None or not may_show_trend_point(pair.n, thresholds) or pair.index is None:
                points.append(TrendPoint(wave.name, None, 0))
                continue
            points.append(
                TrendPoint(
                    wave.name,
                    round(pair.index, 2),
                    pair.n,
                    None if pair.ci_low is None else round(pair.ci_low, 2),
                    None if pair.ci_high is None else round(pair.ci_high, 2),
                )
            )
        trends[trend_key(names[from_id], names[to_id])] = points
    return trends


def load_actions(db, names: dict[int, str], waves: Sequence[WaveRef]) -> list[RecordedAction]:
    """The joint actions HR recorded (table ``actions``), for waves up to the current one."""
    wave_names = {w.id: w.name for w in waves}
    rows = db.execute(
        "SELECT from_id, to_id, wave_id, title, owner_from, owner_to, due, status, created_day "
        "FROM actions ORDER BY id"
    ).fetchall()
    actions = []
    for from_id, to_id, wave_id, title, owner_from, owner_to, due, status, recorded in rows:
        if wave_id is not None and wave_id not in wave_names:
            continue  # recorded against a later wave than the one analysed
        actions.append(
            RecordedAction(
                from_dept=names.get(from_id, "?"),
                to_dept=names.get(to_id, "?"),
                title=title,
                wave=wave_names.get(wave_id),
                owner_from=owner_from,
                owner_to=owner_to,
                due=day_only(due),
                status=status,
                recorded=day_only(recorded),
            )
        )
    return actions


def improvements(
    changes: dict[tuple[int, int], Change],
    names: dict[int, str],
    actions: Sequence[RecordedAction] = (),
) -> list[str]:
    """Sentences about pairs that improved significantly, biggest gain first."""
    sentences = []
    gains = [c for c in changes.values() if c.significant and c.delta >= MIN_CHANGE]
    for change in sorted(gains, key=lambda c: -c.delta):
        source, target = names[change.from_id], names[change.to_id]
        text = (
            f"{source} → {target} improved from {format_index(change.before)} to "
            f"{format_index(change.after)} "
            f"since {change.since} ({chance_note(change.p_value)})"
        )
        done = [
            a.title
            for a in actions
            if {a.from_dept, a.to_dept} == {source, target} and a.status != "dropped"
        ]
        if done:
            text += f", after the joint action “{done[-1]}”"
        sentences.append(text + ".")
    return sentences


def chance_note(p: float | None) -> str:
    """What a significant change's p-value says, words first, for the people who read it.

    Parameters
    ----------
    p : float or None
        The change's p-value (only significant changes are reported).

    Returns
    -------
    str
        ``"unlikely to be chance: p = 0.03"``; the figure stays for whoever checks it,
        with no-break spaces so that a slide or a narrow panel never splits it.
    """
    return "unlikely to be chance: " + format_p(p).replace(" ", "\u00a0")


def format_p(p: float | None) -> str:
    """A p-value as people read it: ``p = 0.03``, ``p < 0.001``."""
    if p is None:
        return "p not available"
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.01 else f"p = {p:.2f}"
