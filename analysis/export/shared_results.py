"""What HR shares with respondents when the next pulse is published: "what changed".

`rapport publish --share-results` puts these figures into the published survey file, where
every colleague with access to the shared folder can read them, so they are cut down to
what is safe for everyone to see (``docs/privacy.md``):

- organisation-level means only when the wave reached the minimum group size;
- a directed pair only where its group met the threshold in that wave (its earlier index
  only where that earlier group met it too);
- no comments, themes, quotes, group sizes, submission ids or dates; values are rounded to
  one decimal, as the thank-you page shows them.

The format is the optional ``results`` entry of a published survey (docs/respondent.md)::

    {"wave": "2026-09", "since": "2026-06",
     "summary": "Across the organisation, timeliness rose from 3.1 to 3.4. ...",
     "organisation": {"index": 3.4, "previous": 3.2},
     "pairs": [{"from": "Sales", "to": "IT", "index": 3.1, "previous": 2.7}, ...]}

Thread contract: :func:`shared_results` opens its own connections and never touches Qt.
"""

from __future__ import annotations

from pathlib import Path

from analysis.results import AnalysisResult, trend_key
from surveys.model import DIMENSION_LABELS, DIMENSIONS
from surveys.progress import Progress

#: Dimensions named in the summary: the biggest rises and the biggest fall.
SHOWN_RISES = 2
SHOWN_FALLS = 1


def shared_results(
    folder: str | Path, publishing: str, progress: Progress | None = None
) -> dict | None:
    """Analyse the wave before ``publishing`` and return what respondents may see of it.

    Parameters
    ----------
    folder : path
        The workspace folder.
    publishing : str
        The wave about to be published; the results come from the latest closed wave with
        responses before it (or the latest closed wave with responses, if ``publishing``
        has none). An open wave's figures are not released yet.
    progress : Progress, optional
        Passed to :func:`analysis.pipeline.analyse_workspace`.

    Returns
    -------
    dict or None
        The ``results`` entry for :func:`surveys.publish.publish_wave`, or ``None`` when no
        earlier closed wave has responses.
    """
    from analysis.pipeline import analyse_workspace

    previous, earlier_dims = _earlier_figures(folder, publishing)
    if previous is None:
        return None
    result = analyse_workspace(folder, previous, progress)
    return results_for_respondents(result, earlier_dims)


def _earlier_figures(folder: str | Path, publishing: str) -> tuple[str | None, dict | None]:
    """The wave to share, and the organisation's dimension means of the wave before it."""
    from analysis import relationships as rel
    from analysis.privacy import may_show_wave
    from analysis.privacy_settings import thresholds_from_settings
    from surveys.errors import RapportError
    from surveys.store import open_workspace

    db = open_workspace(folder)
    try:
        try:
            waves, _ = rel.load_waves(db)
        except RapportError:
            return None, None  # no responses at all
        names = [w.name for w in waves]
        if publishing in names:
            waves = waves[: names.index(publishing)]
        waves = [w for w in waves if may_show_wave(w.status)]  # open waves show nothing
        if not waves:
            return None, None
        if len(waves) < 2:
            return waves[-1].name, None
        rules = thresholds_from_settings(db)
        ratings = rel.load_shown_ratings(db, rules)
        earlier = rel.organisation_dimensions(ratings, waves[-2].id, rules)
        return waves[-1].name, earlier
    finally:
        db.close()


def results_for_respondents(
    result: AnalysisResult, earlier_dimensions: dict[str, float | None] | None = None
) -> dict:
    """The privacy-safe ``results`` entry for respondents from one analysis result.

    Parameters
    ----------
    result : AnalysisResult
        The analysis of the wave whose figures are shared (already through the privacy
        rules: suppressed pairs carry no index).
    earlier_dimensions : dict, optional
        The organisation's dimension means of the wave before (``None`` values where that
        wave was under the threshold), for the "rose from ... to ..." sentences.

    Returns
    -------
    dict
        ``wave``, ``since`` (the wave compared with, or ``None``), ``summary``,
        ``organisation`` (``index`` and ``previous``) and ``pairs``.
    """
    since = result.waves[-2] if len(result.waves) >= 2 else None
    now = {d: _one(result.organisation_dimensions.get(d)) for d in DIMENSIONS}
    before = {d: _one((earlier_dimensions or {}).get(d)) for d in DIMENSIONS}
    return {
        "wave": result.wave,
        "since": since,
        "summary": organisation_summary(now, before),
        "organisation": {
            "index": _one(result.organisation_index),
            "previous": _one(_mean((earlier_dimensions or {}).get(d) for d in DIMENSIONS)),
        },
        "pairs": _pairs(result, since),
    }


def _pairs(result: AnalysisResult, since: str | None) -> list[dict]:
    pairs = []
    for pair in result.pairs:
        if pair.suppressed or pair.index is None:
            continue
        earlier = None
        for point in result.trends.get(trend_key(pair.from_dept, pair.to_dept), []):
            if point.wave == since and point.index is not None:
                earlier = _one(point.index)
        pairs.append(
            {"from": pair.from_dept, "to": pair.to_dept, "index": _one(pair.index)}
            | ({"previous": earlier} if earlier is not None else {})
        )
    return pairs


def organisation_summary(
    now: dict[str, float | None], before: dict[str, float | None] | None = None
) -> str:
    """One or two sentences about the organisation's dimensions, for the thank-you page.

    Parameters
    ----------
    now, before : dict
        Dimension means (one decimal) of the shared wave and of the wave before it;
        ``None`` where a wave was under the threshold.

    Returns
    -------
    str
        E.g. "Across the organisation, timeliness rose from 3.1 to 3.4 and respect from 3.5
        to 3.7; accuracy fell from 3.9 to 3.6." ``""`` when the wave had too few answers.
    """
    rated = {d: v for d, v in now.items() if v is not None}
    if not rated:
        return ""
    pairs = {d: (before[d], v) for d, v in rated.items() if before and before.get(d) is not None}
    if not pairs:
        best = max(rated, key=lambda d: (rated[d], d))
        worst = min(rated, key=lambda d: (rated[d], d))
        if f"{rated[best]:.1f}" == f"{rated[worst]:.1f}":  # one dimension, or all alike
            return (
                f"Across the organisation, {_label(best)} was rated {rated[best]:.1f} out of 5."
                if len(rated) == 1
                else f"Across the organisation, every rating was {rated[best]:.1f} out of 5."
            )
        return (
            f"Across the organisation, {_label(best)} was rated highest ({rated[best]:.1f} "
            f"out of 5) and {_label(worst)} lowest ({rated[worst]:.1f})."
        )
    deltas = {d: round(after - first, 1) for d, (first, after) in pairs.items()}
    rises = sorted((d for d in deltas if deltas[d] > 0), key=lambda d: (-deltas[d], d))
    falls = sorted((d for d in deltas if deltas[d] < 0), key=lambda d: (deltas[d], d))
    parts = []
    if rises:
        parts.append(_moves(rises[:SHOWN_RISES], pairs, "rose"))
    if falls:
        parts.append(_moves(falls[:SHOWN_FALLS], pairs, "fell"))
    if not parts:
        return "Across the organisation, every rating stayed where it was."
    return f"Across the organisation, {'; '.join(parts)}."


def _moves(dims: list[str], pairs: dict[str, tuple[float, float]], verb: str) -> str:
    first, *rest = dims
    text = f"{_label(first)} {verb} from {pairs[first][0]:.1f} to {pairs[first][1]:.1f}"
    for dim in rest:
        text += f" and {_label(dim)} from {pairs[dim][0]:.1f} to {pairs[dim][1]:.1f}"
    return text


def _label(dimension: str) -> str:
    return DIMENSION_LABELS[dimension].lower()


def _mean(values) -> float | None:  # noqa: ANN001 - any iterable of optional floats
    rated = [v for v in values if v is not None]
    return sum(rated) / len(rated) if rated else None


def _one(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)
