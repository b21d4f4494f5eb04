"""Hotspots: directed pairs whose coordination is breaking down, ranked, with reasons.

Kinds (``docs/analysis.md``, step 5): **deteriorating** (a significant decline since an
earlier wave), **feud** (both directions weak), **one-sided** (weak while the reverse
direction is moderate or strong, with a large gap) and **disconnected** (rare contact and
little shared knowledge). When several apply, the first in that order names the hotspot
and the others still appear among the reasons. Only pairs that meet the minimum group
size are considered; quotes come only from pairs that meet the comment threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from analysis.playbook import Playbook
from analysis.privacy import Thresholds, may_show_comments, may_show_scores
from analysis.relationships import PairData
from analysis.results import Hotspot, RecordedAction, TrendPoint, trend_key
from analysis.trends import Change, chance_note
from surveys.bands import format_index
from surveys.model import DIMENSION_LABELS, DIMENSIONS, FREQUENCY_SCALE, Bands

#: A one-sided pair's reverse direction rates at least this much higher.
ASYMMETRY = 0.5
#: A decline of at least this much (and significant) makes a pair deteriorating.
DECLINE = 0.3
#: Rare contact: mean ``frequent`` at or below this (2 = quarterly, 3 = monthly).
RARE_CONTACT = 2.5
#: Low shared knowledge: mean ``shared_knowledge`` below this.
LOW_KNOWLEDGE = 3.0


@dataclass
class HotspotInputs:
    """Everything hotspot detection needs for one wave (raw figures stay inside)."""

    wave: str
    pairs: dict[tuple[int, int], PairData]
    names: dict[int, str]
    thresholds: Thresholds
    bands: Bands
    org_dims: dict[str, float | None]
    org_index: float | None
    changes: dict[tuple[int, int], Change] = field(default_factory=dict)
    trends: dict[str, list[TrendPoint]] = field(default_factory=dict)
    actions: Sequence[RecordedAction] = ()
    theme_label: Callable[[str], str] = str


def classify(pair: PairData, inputs: HotspotInputs) -> list[str]:
    """Every hotspot kind that applies to an allowed pair, most pressing first."""
    kinds = []
    change = inputs.changes.get((pair.from_id, pair.to_id))
    if change is not None and change.significant and change.delta <= -DECLINE:
        kinds.append("deteriorating")
    weak = inputs.bands.band(pair.index) == "weak"
    reverse = _reverse(pair, inputs)
    if weak and reverse is not None:
        if inputs.bands.band(reverse.index) == "weak":
            kinds.append("feud")
        elif reverse.index - pair.index >= ASYMMETRY:
            kinds.append("one-sided")
    frequent, knowledge = pair.dims.get("frequent"), pair.dims.get("shared_knowledge")
    if (
        frequent is not None
        and knowledge is not None
        and frequent <= RARE_CONTACT
        and knowledge < LOW_KNOWLEDGE
    ):
        kinds.append("disconnected")
    return kinds


def _reverse(pair: PairData, inputs: HotspotInputs) -> PairData | None:
    reverse = inputs.pairs.get((pair.to_id, pair.from_id))
    if reverse is None or reverse.index is None:
        return None
    return reverse if may_show_scores(reverse.n, inputs.thresholds) else None


def _comments_shown(pair: PairData, inputs: HotspotInputs) -> bool:
    return may_show_comments(pair.n, pair.comment_count, inputs.thresholds)


def severity(pair: PairData, kinds: Sequence[str], inputs: HotspotInputs) -> float:
    """How urgent a hotspot is: weakness vs the organisation, comments, gap and decline."""
    score = max(0.0, (inputs.org_index or pair.index) - pair.index)
    score += max(0.0, inputs.bands.weak_below - pair.index)
    if _comments_shown(pair, inputs):
        score += 0.5 * (pair.negative_share or 0.0) + 0.5 * (pair.conflict_rate or 0.0)
    reverse = _reverse(pair, inputs)
    if reverse is not None:
        score += 0.5 * min(2.0, max(0.0, reverse.index - pair.index))
    change = inputs.changes.get((pair.from_id, pair.to_id))
    if change is not None and change.significant:
        score += max(0.0, -change.delta)
    if "disconnected" in kinds:
        score += 0.5 * max(0.0, 3.0 - (pair.dims.get("frequent") or 3.0))
    return round(score, 2)


def reasons(pair: PairData, kinds: Sequence[str], inputs: HotspotInputs) -> list[str]:
    """The reasons of a hotspot in plain words, with numbers.

    The relationship index comes first and what makes the pair its kind second (the
    trend of a deteriorating pair, the other side's rating of a one-sided pair or a feud,
    the rare contact of a disconnected one): the app and the deck show the first four.
    """
    parts = _reason_parts(pair, kinds, inputs)
    defining = parts.get(_DEFINING.get(kinds[0], "")) if kinds else None
    head = [parts["index"], *([defining] if defining else [])]
    return head + [text for text in parts.values() if text not in head]


#: Which reason shows what makes a pair each kind of hotspot.
_DEFINING = {
    "deteriorating": "change",
    "one-sided": "reverse",
    "feud": "reverse",
    "disconnected": "contact",
}


def _reason_parts(pair: PairData, kinds: Sequence[str], inputs: HotspotInputs) -> dict:
    """Each reason that applies, by name, in the order they are listed after the first two."""
    a, b = inputs.names[pair.from_id], inputs.names[pair.to_id]
    org = f"; organisation {format_index(inputs.org_index)}" if inputs.org_index is not None else ""
    band = inputs.bands.band(pair.index)
    index = format_index(pair.index)
    parts = {"index": f"{a} rates {b} {index} on the relationship index ({band}{org})"}
    worst = _worst_dimension(pair, inputs.org_dims)
    if worst is not None:
        dim, value, org_value = worst
        parts["worst"] = (
            f"{a} rates {b} {format_index(value)} on {DIMENSION_LABELS[dim].lower()} "
            f"vs {format_index(org_value)} across the organisation"
        )
    if _comments_shown(pair, inputs):
        parts.update(_comment_reasons(pair))
    reverse = _reverse(pair, inputs)
    if reverse is not None and ("feud" in kinds or "one-sided" in kinds):
        parts["reverse"] = (
            f"{b} rates {a} {format_index(reverse.index)} ({inputs.bands.band(reverse.index)})"
        )
    change = _change_reason(inputs.changes.get((pair.from_id, pair.to_id)))
    if change:
        parts["change"] = change
    if "disconnected" in kinds:
        frequent = pair.dims["frequent"]
        word = FREQUENCY_SCALE[max(0, min(4, round(frequent) - 1))]
        parts["contact"] = (
            f"rare contact: communication frequency {format_index(frequent)} of 5 (about {word}); "
            f"shared knowledge {format_index(pair.dims['shared_knowledge'])}"
        )
    return parts


def _comment_reasons(pair: PairData) -> dict:
    parts = {}
    if pair.negative_share is not None:
        parts["negative"] = f"{pair.negative_share * 100:.0f} % of comments negative"
    if pair.conflict_rate:
        parts["conflict"] = (
            f"conflict language (blame, us-versus-them) in "
            f"{pair.conflict_rate * 100:.0f} % of comments"
        )
    return parts


def _change_reason(change) -> str | None:
    if change is None or not change.significant or abs(change.delta) < 0.05:
        return None
    direction = "down" if change.delta < 0 else "up"
    how = f"steady over {change.waves} waves, " if change.test == "trend" else ""
    chance = chance_note(change.p_value)
    return f"{direction} {abs(change.delta):.1f} since {change.since} ({how}{chance})"


def _worst_dimension(pair: PairData, org_dims: dict) -> tuple[str, float, float] | None:
    best = None
    for dim in DIMENSIONS:
        value, org_value = pair.dims.get(dim), org_dims.get(dim)
        if value is None or org_value is None:
            continue
        gap = org_value - value
        if best is None or gap > best[0]:
            best = (gap, dim, value, org_value)
    if best is None or best[0] <= 0:
        return None
    return best[1], best[2], best[3]


def find_hotspots(
    inputs: HotspotInputs,
    playbook: Playbook,
    quotes_for: Callable[[PairData], list[str]],
) -> list[Hotspot]:
    """Rank the wave's allowed pairs that have a hotspot kind, most severe first.

    Parameters
    ----------
    inputs : HotspotInputs
        Pairs of the wave (keyed by ``(from_id, to_id)``) and their context.
    playbook : Playbook
        Suggested actions per kind and theme.
    quotes_for : callable
        Returns redacted, shuffled quotes for a pair; only called for pairs that meet the
        comment threshold.
    """
    found = []
    for pair in inputs.pairs.values():
        if pair.index is None or not may_show_scores(pair.n, inputs.thresholds):
            continue
        kinds = classify(pair, inputs)
        if kinds:
            found.append((severity(pair, kinds, inputs), pair, kinds))
    found.sort(key=lambda item: (-item[0], inputs.names[item[1].from_id]))
    return [
        _hotspot(rank, score, pair, kinds, inputs, playbook, quotes_for)
        for rank, (score, pair, kinds) in enumerate(found, start=1)
    ]


def _hotspot(rank, score, pair, kinds, inputs, playbook, quotes_for) -> Hotspot:
    a, b = inputs.names[pair.from_id], inputs.names[pair.to_id]
    shown = _comments_shown(pair, inputs)
    theme_ids = [t for t, _ in pair.theme_counts[:3]] if shown else []
    return Hotspot(
        from_dept=a,
        to_dept=b,
        wave=inputs.wave,
        rank=rank,
        kind=kinds[0],
        score=score,
        reasons=reasons(pair, kinds, inputs),
        themes=[inputs.theme_label(t) for t in theme_ids],
        quotes=quotes_for(pair) if shown else [],
        actions=playbook.suggest(kinds[0], theme_ids),
        trend=list(inputs.trends.get(trend_key(a, b), [])),
        recorded_actions=[r for r in inputs.actions if {r.from_dept, r.to_dept} == {a, b}],
    )
