"""The relationship matrix: per wave and directed pair, n, dimensions, index, CI and band.

Ratings come from :mod:`analysis.ratings`: one row per submission and target department
(each respondent's answers about one department), so ``n`` counts people, not answers.
Everything else is vectorised with numpy. The analysis reads them through
:func:`load_shown_ratings`, which blanks every answer in a cell (wave, pair, item) of
fewer than k answers before any figure is computed.

The numbers here are *raw*: :func:`pair_result` is the gate that applies the minimum group
sizes of :mod:`analysis.privacy` before anything leaves the analysis engine.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from analysis.privacy import Thresholds, may_show_comments, may_show_scores, shown_waves_sql
from analysis.ratings import Ratings, load_ratings
from analysis.results import CONFLICT_AT, PairResult
from analysis.sentiment.comment_labels import shown_label, shown_sentiment
from analysis.stats import t_quantile
from surveys.errors import RapportError
from surveys.model import DIMENSIONS, Bands

# Defined in analysis.results (light) and analysis.ratings; re-exported here.
__all__ = ["CONFLICT_AT", "Ratings", "load_ratings", "load_shown_ratings"]
#: Themes listed per pair.
TOP_THEMES = 3


@dataclass(frozen=True)
class WaveRef:
    """A wave by database id and name, with its status (``draft``, ``open``, ``closed``)."""

    id: int
    name: str
    status: str = "closed"


@dataclass
class PairData:
    """Raw (unsuppressed) figures of one directed pair in one wave; never shown as is."""

    wave_id: int
    from_id: int
    to_id: int
    n: int
    dims: dict[str, float | None]
    overall: float | None
    index: float | None
    ci_low: float | None
    ci_high: float | None
    rows: np.ndarray
    respondent_indices: np.ndarray
    comment_count: int = 0
    sentiment: float | None = None
    negative_share: float | None = None
    conflict_rate: float | None = None
    theme_counts: list[tuple[str, int]] = field(default_factory=list)

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.wave_id, self.from_id, self.to_id)


def load_waves(db, wave: str | None = None) -> tuple[list[WaveRef], WaveRef]:
    """The waves up to and including ``wave`` (default: the latest), oldest first.

    Raises
    ------
    RapportError
        When the workspace has no responses or ``wave`` does not exist.
    """
    rows = db.execute(
        "SELECT id, name, status FROM waves "
        "WHERE id IN (SELECT DISTINCT wave_id FROM submissions) "
        "ORDER BY COALESCE(opens, name), id"
    ).fetchall()
    waves = [WaveRef(int(i), str(n), str(status)) for i, n, status in rows]
    if not waves:
        raise RapportError(
            "The workspace has no responses yet, so there is nothing to analyse. Import "
            "responses with `rapport import-csv` or ingest submissions first."
        )
    if wave is None:
        return waves, waves[-1]
    for position, ref in enumerate(waves):
        if ref.name == wave:
            return waves[: position + 1], ref
    known = ", ".join(w.name for w in waves)
    raise RapportError(f"Wave {wave!r} has no responses in this workspace; waves: {known}.")


def load_shown_ratings(db, rules: Thresholds) -> Ratings:
    """:func:`load_ratings` with every answer in a cell under k blanked (:func:`shown_cells`).

    What the analysis computes every figure from; the raw ratings never leave this module.
    """
    return shown_cells(load_ratings(db), rules)


def shown_cells(ratings: Ratings, rules: Thresholds) -> Ratings:
    """``ratings`` with every answer blanked (NaN) whose cell has fewer than k answers.

    A cell is one item (a dimension or ``overall``) of one directed pair in one wave.
    With question rotation a pair of five people may have a single answer on ``respect``,
    and that mean would be the person's own answer. Blanking such answers here, before
    anything is computed, keeps them out of the pair's means, index and interval, the
    organisation's figures, the drivers, the trends and the change tests alike, so that no
    figure can be subtracted from another to reveal them.

    Parameters
    ----------
    ratings : Ratings
        From :func:`load_ratings`.
    rules : Thresholds
        The thresholds in force (:func:`analysis.privacy.may_show_scores` decides per cell).

    Returns
    -------
    Ratings
        A new object; ``ratings`` is not changed. Rows keep their place (a person whose
        answers were all blanked still counts in the pair's ``n``).
    """
    if len(ratings.wave) == 0:
        return ratings
    base = int(max(ratings.from_id.max(), ratings.to_id.max())) + 1
    codes = (ratings.wave * base + ratings.from_id) * base + ratings.to_id
    _, inverse = np.unique(codes, return_inverse=True)
    inverse = inverse.ravel()
    groups = int(inverse.max()) + 1

    def blank(column: np.ndarray) -> np.ndarray:
        answered = np.bincount(inverse[~np.isnan(column)], minlength=groups)
        return np.where(may_show_scores(answered[inverse], rules), column, np.nan)

    dims = np.column_stack([blank(ratings.dims[:, j]) for j in range(ratings.dims.shape[1])])
    return Ratings(ratings.wave, ratings.from_id, ratings.to_id, dims, blank(ratings.overall))


def _group_means(inverse: np.ndarray, values: np.ndarray, groups: int) -> np.ndarray:
    present = ~np.isnan(values)
    sums = np.bincount(inverse[present], weights=values[present], minlength=groups)
    counts = np.bincount(inverse[present], minlength=groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


def confidence_interval(values: np.ndarray, level: float = 0.95) -> tuple[float, float] | None:
    """A t-based confidence interval of the mean of ``values`` (None for fewer than 2)."""
    values = values[~np.isnan(values)]
    if len(values) < 2:
        return None
    mean = float(np.mean(values))
    sem = float(np.std(values, ddof=1)) / np.sqrt(len(values))
    half = t_quantile(0.5 + level / 2, len(values) - 1) * sem
    return mean - half, mean + half


def pair_data(ratings: Ratings, wave_ids: Sequence[int] | None = None) -> dict:
    """Raw figures per (wave id, from id, to id).

    Parameters
    ----------
    ratings : Ratings
        From :func:`load_ratings`.
    wave_ids : sequence of int, optional
        Only these waves.

    Returns
    -------
    dict
        ``{(wave_id, from_id, to_id): PairData}``.
    """
    mask = np.ones(len(ratings.wave), bool)
    if wave_ids is not None:
        mask = np.isin(ratings.wave, list(wave_ids))
    rows_all = np.flatnonzero(mask)
    if len(rows_all) == 0:
        return {}
    base = int(max(ratings.from_id.max(), ratings.to_id.max())) + 1
    flat = (ratings.wave[rows_all] * base + ratings.from_id[rows_all]) * base
    codes, inverse = np.unique(flat + ratings.to_id[rows_all], return_inverse=True)
    unique = np.column_stack([codes // (base * base), (codes // base) % base, codes % base])
    inverse = inverse.ravel()
    groups = len(unique)
    dim_means = np.column_stack(
        [_group_means(inverse, ratings.dims[rows_all, j], groups) for j in range(len(DIMENSIONS))]
    )
    overall = _group_means(inverse, ratings.overall[rows_all], groups)
    r_index = ratings.respondent_index[rows_all]
    order = np.argsort(inverse, kind="stable")
    splits = np.split(order, np.cumsum(np.bincount(inverse, minlength=groups))[:-1])
    result = {}
    for g, (wave_id, from_id, to_id) in enumerate(unique.tolist()):
        members = splits[g]
        result[(wave_id, from_id, to_id)] = _make_pair(
            (wave_id, from_id, to_id), dim_means[g], overall[g], rows_all[members], r_index[members]
        )
    return result


def _make_pair(key, dim_means, overall, rows, r_index) -> PairData:
    dims = {d: _num(v) for d, v in zip(DIMENSIONS, dim_means, strict=True)}
    rated = [v for v in dims.values() if v is not None]
    index = sum(rated) / len(rated) if rated else None
    ci = confidence_interval(r_index)
    return PairData(
        wave_id=key[0],
        from_id=key[1],
        to_id=key[2],
        n=len(rows),
        dims=dims,
        overall=_num(overall),
        index=index,
        ci_low=ci[0] if ci else None,
        ci_high=ci[1] if ci else None,
        rows=rows,
        respondent_indices=r_index[~np.isnan(r_index)],
    )


def _num(value) -> float | None:
    return None if value is None or np.isnan(value) else float(value)


def attach_comment_stats(db, pairs: dict, wave_ids: Sequence[int] | None = None) -> None:
    """Add comment count, mean sentiment, negative share, conflict rate and themes.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    pairs : dict
        ``{(wave_id, from_id, to_id): PairData}`` from :func:`pair_data`; changed in place.
    wave_ids : sequence of int, optional
        Only the pairs of these waves get comment figures (the others keep the defaults);
        default all. The result shows comment figures of the requested wave only, and
        reading the themes of every wave's comments costs most of the time.
    """
    waves, params = "1", []
    if wave_ids is not None:
        params = [int(w) for w in wave_ids]
        waves = f"c.wave_id IN ({', '.join('?' * len(params))})"
    rows = db.execute(
        f"SELECT c.wave_id, c.from_id, c.to_id, COUNT(*), AVG({shown_sentiment('c')}), "
        f"AVG(CASE WHEN {shown_label('c')} IS NULL THEN NULL "
        f"    ELSE {shown_label('c')} = 'negative' END), "
        "AVG(CASE WHEN c.conflict IS NULL THEN NULL ELSE c.conflict >= ? END) "
        f"FROM comments c WHERE {waves} GROUP BY c.wave_id, c.from_id, c.to_id",
        [CONFLICT_AT, *params],
    ).fetchall()
    for wave_id, from_id, to_id, count, sentiment, negative, conflict in rows:
        pair = pairs.get((wave_id, from_id, to_id))
        if pair is not None:
            pair.comment_count = int(count)
            pair.sentiment, pair.negative_share, pair.conflict_rate = sentiment, negative, conflict
    theme_rows = db.execute(
        "SELECT c.wave_id, c.from_id, c.to_id, j.value, COUNT(*) AS n "
        "FROM comments c, json_each(c.themes) j "
        f"WHERE {waves} AND c.themes IS NOT NULL AND json_valid(c.themes) "
        "GROUP BY c.wave_id, c.from_id, c.to_id, j.value ORDER BY n DESC, j.value",
        params,
    ).fetchall()
    for wave_id, from_id, to_id, theme, count in theme_rows:
        pair = pairs.get((wave_id, from_id, to_id))
        if pair is not None:
            pair.theme_counts.append((str(theme), int(count)))


def organisation_dimensions(
    ratings: Ratings, wave_id: int, rules: Thresholds
) -> dict[str, float | None]:
    """Mean of every dimension (and ``overall``) over the shown pairs of a wave.

    Only the answers of pairs whose scores may be shown count. Including a
    suppressed pair would let anyone subtract the shown pairs (``n`` times their means)
    from the organisation's figure and recover the hidden group (``docs/privacy.md``,
    "Differencing guard"). Returns all ``None`` when fewer than ``min_group`` respondents remain.

    Parameters
    ----------
    ratings : Ratings
        From :func:`load_ratings`.
    wave_id : int
        The wave's database id.
    rules : Thresholds
        The thresholds in force (:func:`analysis.privacy.may_show_scores` decides).

    Returns
    -------
    dict
        Dimension id (and ``"overall"``) to its mean, or ``None``.
    """
    mask = shown_rows(ratings, wave_id, rules)
    people = int(np.count_nonzero(mask))
    out: dict[str, float | None] = {}
    columns = [*(ratings.dims[:, j] for j in range(len(DIMENSIONS))), ratings.overall]
    for name, column in zip((*DIMENSIONS, "overall"), columns, strict=True):
        values = column[mask]
        allowed = may_show_scores(people, rules) and np.any(~np.isnan(values))
        out[name] = _num(np.nanmean(values)) if allowed else None
    return out


def shown_rows(ratings: Ratings, wave_id: int, rules: Thresholds) -> np.ndarray:
    """A boolean mask of the rows of ``wave_id`` whose directed pair's scores may be shown.

    Parameters
    ----------
    ratings : Ratings
        From :func:`load_ratings`.
    wave_id : int
        The wave's database id.
    rules : Thresholds
        The thresholds in force (:func:`analysis.privacy.may_show_scores` decides).

    Returns
    -------
    numpy.ndarray
        One boolean per row of ``ratings``.
    """
    mask = ratings.wave == wave_id
    if not np.any(mask):
        return mask
    base = int(max(ratings.from_id.max(), ratings.to_id.max())) + 1
    pairs = ratings.from_id[mask] * base + ratings.to_id[mask]
    keep = mask.copy()
    keep[mask] = may_show_scores(np.bincount(pairs)[pairs], rules)
    return keep


def shown_comment_groups(db, ratings: Ratings, rules: Thresholds) -> set[tuple[int, int, int]]:
    """``(wave id, from id, to id)`` of every group whose comments may be shown.

    Only closed waves count (:func:`analysis.privacy.shown_waves_sql`).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    ratings : Ratings
        From :func:`load_shown_ratings` (each row is one person of a group).
    rules : Thresholds
        The thresholds in force (:func:`analysis.privacy.may_show_comments` decides).

    Returns
    -------
    set of tuple
        The groups whose comments topic discovery may read.
    """
    people: dict[tuple[int, int, int], int] = {}
    if len(ratings.wave):
        keys = np.column_stack([ratings.wave, ratings.from_id, ratings.to_id])
        unique, counts = np.unique(keys, axis=0, return_counts=True)
        people = {tuple(int(v) for v in key): int(n) for key, n in zip(unique, counts, strict=True)}
    rows = db.execute(
        "SELECT wave_id, from_id, to_id, COUNT(*) FROM comments "
        f"WHERE {shown_waves_sql('wave_id')} GROUP BY wave_id, from_id, to_id"
    ).fetchall()
    return {
        (w, f, t)
        for w, f, t, comments in rows
        if may_show_comments(people.get((w, f, t), 0), int(comments), rules)
    }


def organisation_index(dimensions: dict[str, float | None]) -> float | None:
    """Mean of the organisation's seven dimension means."""
    rated = [dimensions.get(d) for d in DIMENSIONS if dimensions.get(d) is not None]
    return sum(rated) / len(rated) if rated else None


def every_pair(names: dict[int, str], present: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every directed pair of departments (``from`` rates ``to``), by id, in display order.

    Each department with every other, plus any other pair that has answers. The analysis
    shows all of them in every wave, so that a pair nobody rated looks exactly like a pair
    of fewer than k people ("fewer than k" both): without the empty ones, a suppressed row
    next to a missing one would say "one to k-1 people answered" (``docs/privacy.md``).
    """
    ids = list(names)
    keys = {(f, t) for f in ids for t in ids if f != t} | set(present)
    order = {d: i for i, d in enumerate(ids)}
    return sorted(keys, key=lambda k: (order.get(k[0], len(ids)), order.get(k[1], len(ids)), k))


def unanswered(pair: tuple[int, int], wave: WaveRef, names: dict[int, str]) -> PairResult:
    """The shown result of a pair nobody rated in ``wave``: suppressed, like one under k."""
    return PairResult(
        wave=wave.name, from_dept=names[pair[0]], to_dept=names[pair[1]], n=0, suppressed=True
    )


def pair_result(
    pair: PairData,
    wave: str,
    names: dict[int, str],
    thresholds: Thresholds,
    bands: Bands,
    theme_label: Callable[[str], str] = str,
) -> PairResult:
    """The privacy gate from raw figures to a :class:`PairResult`.

    A pair under ``min_group`` carries no scores at all; comment figures and themes are
    shown only when at least ``min_comment_group`` people commented.
    """
    result = PairResult(
        wave=wave, from_dept=names[pair.from_id], to_dept=names[pair.to_id], n=0, suppressed=True
    )
    if not may_show_scores(pair.n, thresholds):
        return result
    result.suppressed = False
    result.n = pair.n
    result.dimensions = {d: _round(v, 2) for d, v in pair.dims.items()}
    result.overall = _round(pair.overall, 2)
    result.index = _round(pair.index, 2)
    result.ci_low, result.ci_high = _round(pair.ci_low, 2), _round(pair.ci_high, 2)
    result.band = bands.band(pair.index)
    if may_show_comments(pair.n, pair.comment_count, thresholds):
        result.comment_count = pair.comment_count
        result.sentiment = _round(pair.sentiment, 3)
        result.negative_share = _round(pair.negative_share, 3)
        result.conflict_rate = _round(pair.conflict_rate, 3)
        result.themes = [theme_label(t) for t, _ in pair.theme_counts[:TOP_THEMES]]
    return result


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)


def bands_from_settings(db) -> Bands:
    """The bands of the workspace (setting ``bands``: ``{"weak_below", "strong_above"}``)."""
    from surveys.store import get_setting

    raw = get_setting(db, "bands")
    if not raw:
        return Bands()
    if isinstance(raw, str):
        raw = json.loads(raw)
    try:
        weak, strong = float(raw["weak_below"]), float(raw["strong_above"])
    except (KeyError, TypeError, ValueError) as exc:
        raise RapportError(
            f"Setting 'bands' is {raw!r}; it needs numbers weak_below and strong_above, "
            'for example {"weak_below": 3.5, "strong_above": 4.0}. Fix it in Settings.'
        ) from exc
    if not 1 <= weak <= strong <= 5:
        raise RapportError(
            f"Setting 'bands' has weak_below={weak} and strong_above={strong}; both must lie "
            "between 1 and 5 with weak_below not above strong_above. Fix it in Settings."
        )
    return Bands(weak, strong)
