"""The analysis pipeline: from a workspace folder to an :class:`AnalysisResult`.

Thread contract: :func:`analyse_workspace` runs on a worker thread. It takes a folder path,
opens (and closes) its own database connection and never touches Qt. It reports through
``progress`` often; raising :class:`~surveys.progress.Cancelled` from that callback stops
the run, and the comment cache keeps only complete batches.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis import drivers as drivers_mod
from analysis import relationships as rel
from analysis import result_store
from analysis.comment_analysis import TextEngine, default_engine
from analysis.comment_update import CommentUpdate
from analysis.hotspots import HotspotInputs, find_hotspots
from analysis.playbook import load_playbook
from analysis.privacy import Thresholds, may_show_scores, may_show_wave
from analysis.privacy_settings import (
    redaction_departments,
    redaction_names,
    thresholds_from_settings,
)
from analysis.results import AnalysisResult, Driver, trend_key
from analysis.sentiment.learned_labels import apply_learned_labels
from analysis.summaries import allowed_comment_pairs, pair_quotes, participation, theme_summaries
from analysis.taxonomy_setting import workspace_taxonomy
from analysis.topic_update import TopicsUpdate
from analysis.trends import improvements, load_actions, pair_changes, pair_trends
from analysis.worker_task import collector_paused
from surveys.progress import Progress, no_progress, sub_progress
from surveys.store import departments, get_setting, open_workspace


def analyse_workspace(
    folder: str | Path,
    wave: str | None = None,
    progress: Progress | None = None,
    *,
    engine: TextEngine | None = None,
) -> AnalysisResult:
    """Update the comment cache, learned labels and topics, then analyse one wave.

    From :data:`~analysis.sentiment.labels.MIN_CORRECTIONS` label corrections by HR on,
    the shipped model adjusted to them labels the uncorrected comments when cross-validation
    on the corrections says it does better (:mod:`analysis.sentiment.learned_labels`); the
    comparison is in ``method["sentiment_learning"]``. A workspace that has not changed
    since its last analysis with the same analysers gets the stored result back at once
    (:mod:`analysis.result_store`).

    Parameters
    ----------
    folder : path
        The workspace folder.
    wave : str, optional
        The wave's name; default the latest wave with responses. Earlier waves are used
        for trends.
    progress : Progress, optional
        Called often with the fraction done and a message.
    engine : TextEngine, optional
        The text analysers; default the real ones
        (:func:`analysis.comment_analysis.default_engine`).

    Returns
    -------
    AnalysisResult
        Already through :mod:`analysis.privacy`.

    Raises
    ------
    surveys.errors.RapportError
        When the workspace cannot be opened, has no responses, or ``wave`` is unknown.
    surveys.progress.Cancelled
        When the progress callback cancelled the run.

    Notes
    -----
    Runs with the cyclic garbage collector paused
    (:func:`analysis.worker_task.collector_paused`): the analysis builds large structures
    that live until it ends and makes almost no reference cycles (about 850 unreachable
    objects over 16,000 comments), yet the collector's passes walked those structures
    again and again, about 0.2 s of the analysing process's CPU.
    """
    with collector_paused():
        return _analyse(folder, wave, progress, engine)


def _analyse(
    folder: str | Path, wave: str | None, progress: Progress | None, engine: TextEngine | None
) -> AnalysisResult:
    """:func:`analyse_workspace`, the collector already paused."""
    progress = progress or no_progress
    progress(0.0, "Opening the workspace")
    db = open_workspace(folder)
    early = False
    try:
        waves, current = rel.load_waves(db, wave)
        names, kept = redaction_names(db), redaction_departments(db)
        early = engine is None and _start_scoring_early(db, folder)
        if engine is None:
            progress(0.01, "Loading the text analysers")
            taxonomy = workspace_taxonomy(db)
            engine = default_engine() if taxonomy is None else default_engine(taxonomy)
        versions = engine_versions(engine)
        cached = result_store.cached_result(db, wave, versions)
        if cached is not None:
            progress(1.0, "Analysis finished (the workspace has not changed)")
            return cached
        thresholds = thresholds_from_settings(db)
        with CommentUpdate(db, engine, names, kept) as update:  # sentiment starts in a worker
            update.prepare(sub_progress(progress, 0.02, 0.05))
            ratings = rel.load_shown_ratings(db, thresholds)  # cells under k blanked
            groups = rel.shown_comment_groups(db, ratings, thresholds)
            with TopicsUpdate(  # with three cores, a large discovery starts in a worker
                db, engine, names, groups, rules=thresholds, fresh=update.fresh
            ) as topics:
                update.analyse(sub_progress(progress, 0.05, 0.4))
                topics.finish(sub_progress(progress, 0.4, 0.65))  # sentiment goes on meanwhile
                rated = rating_parts(db, waves, current, thresholds, ratings)  # and still
                update.finish(sub_progress(progress, 0.65, 0.8))
        learning = apply_learned_labels(db, engine, sub_progress(progress, 0.8, 0.85))
        progress(0.85, "Computing the relationship matrix")
        data_version = result_store.data_version(db)  # after the analysis' own writes
        inputs = _Inputs(Path(folder), waves, current, thresholds, ratings, rated)
        result = build_result(db, inputs, engine, progress)
        if learning:
            result.method["sentiment_learning"] = learning
        result_store.store_result(db, wave, data_version, versions, result)
        progress(1.0, "Analysis finished")
        return result
    finally:
        if early:
            from analysis.sentiment import background

            background.stop_early()  # if no scoring session took it
        db.close()


def _start_scoring_early(db, folder: str | Path) -> bool:
    """Start the sentiment worker before the analysers load, when this run will score at
    least :data:`~analysis.sentiment.background.BACKGROUND_FROM` comments never analysed.

    On an idle machine the analysis ends when that worker has scored its last chunk, so
    its start (imports and model, about 0.3 s) is better spent while this process loads
    the analysers and reads the comments
    (:func:`analysis.sentiment.background.start_early`), which also scores the first chunk
    while it waits for the comments.
    """
    from analysis.sentiment import background
    from surveys.workspace_reads import database_path

    if background.never_analysed(db) < background.BACKGROUND_FROM:
        return False
    background.start_early(database_path(folder))
    return True


def engine_versions(engine: TextEngine) -> str:
    """The analysers' versions a cached result must match (:mod:`analysis.result_store`)."""
    return f"{engine.version}|{engine.themes_version}|{engine.learning_version}"


@dataclass(frozen=True)
class _Inputs:
    """What :func:`build_result` works from, read once by :func:`analyse_workspace`."""

    folder: Path
    waves: list[rel.WaveRef]
    current: rel.WaveRef
    thresholds: Thresholds
    ratings: rel.Ratings
    #: The figures of the ratings alone, if computed already (:func:`rating_parts`).
    rated: RatingParts | None = None


@dataclass(frozen=True)
class RatingParts:
    """The parts of a result computed from the ratings alone (no comment, no score)."""

    #: :func:`analysis.relationships.pair_data` of the waves that may be shown.
    pairs: dict
    #: The current wave's drivers: the organisation's, and each pair's by its trend key.
    drivers: tuple[list[Driver], dict[str, list[Driver]]]


def rating_parts(
    db, waves: list[rel.WaveRef], current: rel.WaveRef, thresholds: Thresholds, ratings
) -> RatingParts | None:
    """The figures of :class:`RatingParts` (``None`` for a wave still open: none is shown).

    :func:`analyse_workspace` computes them after topic discovery, while the sentiment
    worker scores its last chunks: on an idle machine the analysing process would wait
    there anyway, and each second taken off the work after the scores is a second less.
    """
    if not may_show_wave(current.status):
        return None
    return _rating_parts(db, waves, current, thresholds, ratings)


def _rating_parts(db, waves, current, thresholds: Thresholds, ratings) -> RatingParts:
    pairs = rel.pair_data(ratings, [w.id for w in waves if may_show_wave(w.status)])
    now = {(f, t): p for (w, f, t), p in pairs.items() if w == current.id}
    names = {d.id: d.name for d in departments(db)}
    return RatingParts(pairs, _drivers(ratings, current.id, now, names, thresholds))


def build_result(db, inputs: _Inputs, engine: TextEngine, progress: Progress) -> AnalysisResult:
    """Compute the result of ``inputs.current`` from the (already updated) workspace.

    Figures come only from closed waves (:func:`analysis.privacy.may_show_wave`); an open
    current wave gives its participation and nothing else.
    """
    thresholds, current = inputs.thresholds, inputs.current
    bands = rel.bands_from_settings(db)
    dept_names = {d.id: d.name for d in departments(db)}
    base = _base_result(db, inputs, dept_names, engine, bands)
    if not may_show_wave(current.status):
        base.released = False
        base.method["release"] = (
            f"Wave {current.name} is still open: only participation is shown. Its figures "
            "are released when it is closed, and answers that arrive after that are not "
            "counted, so no figure ever changes once shown."
        )
        return base
    ratings = inputs.ratings
    waves = [w for w in inputs.waves if may_show_wave(w.status)]
    rated = inputs.rated or _rating_parts(db, inputs.waves, current, thresholds, ratings)
    all_pairs = rated.pairs
    rel.attach_comment_stats(db, all_pairs, [current.id])  # shown for this wave only
    progress(0.9, "Finding hotspots")
    now = {(f, t): p for (w, f, t), p in all_pairs.items() if w == current.id}
    org_dims = rel.organisation_dimensions(ratings, current.id, thresholds)
    org_index = rel.organisation_index(org_dims)
    changes = pair_changes(all_pairs, waves, current, thresholds)
    trends = pair_trends(all_pairs, waves, dept_names, thresholds)
    actions = load_actions(db, dept_names, inputs.waves)
    pairs = [
        rel.pair_result(now[k], current.name, dept_names, thresholds, bands, engine.theme_label)
        if k in now
        else rel.unanswered(k, current, dept_names)
        for k in rel.every_pair(dept_names, now)
    ]
    hotspot_inputs = HotspotInputs(
        current.name,
        now,
        dept_names,
        thresholds,
        bands,
        org_dims,
        org_index,
        changes,
        trends,
        actions,
        engine.theme_label,
    )
    progress(0.95, "Summarising themes and drivers")
    allowed = allowed_comment_pairs(now, thresholds)
    org_drivers, per_pair = rated.drivers
    base.pairs = pairs
    base.organisation_dimensions = {k: _r(v) for k, v in org_dims.items()}
    base.organisation_index = _r(org_index)
    base.hotspots = find_hotspots(hotspot_inputs, load_playbook(), pair_quotes(db, current))
    base.trends = trends
    base.actions = actions
    base.themes = theme_summaries(db, current, allowed, thresholds, engine.theme_label)
    base.drivers = org_drivers
    base.pair_drivers = per_pair
    base.improvements = improvements(changes, dept_names, actions)
    base.suppressed_pairs = sum(p.suppressed for p in pairs)
    return base


def _base_result(db, inputs: _Inputs, dept_names, engine: TextEngine, bands) -> AnalysisResult:
    """The result's frame: names, thresholds, participation and method, no figures yet."""
    thresholds = inputs.thresholds
    return AnalysisResult(
        organisation=str(get_setting(db, "organisation", inputs.folder.resolve().name)),
        wave=inputs.current.name,
        waves=[w.name for w in inputs.waves],
        departments=list(dept_names.values()),
        min_group=thresholds.min_group,
        min_comment_group=thresholds.min_comment_group,
        participation=participation(db, inputs.current),
        method=_method(engine, thresholds, bands),
        bands=bands,
    )


def _drivers(ratings, wave_id, now, names, thresholds: Thresholds):
    mask = rel.shown_rows(ratings, wave_id, thresholds)
    org = []
    if may_show_scores(np.count_nonzero(mask), thresholds):
        org = drivers_mod.relative_weights(ratings.dims[mask], ratings.overall[mask])
    per_pair: dict[str, list[Driver]] = {}
    for pair in now.values():
        if pair.n >= drivers_mod.MIN_N and may_show_scores(pair.n, thresholds):
            found = drivers_mod.relative_weights(
                ratings.dims[pair.rows], ratings.overall[pair.rows]
            )
            if found:
                per_pair[trend_key(names[pair.from_id], names[pair.to_id])] = found
    return org, per_pair


def _method(engine: TextEngine, thresholds: Thresholds, bands) -> dict[str, str]:
    notes = " ".join(thresholds.notes)
    method = {
        "index": "mean of the dimension means that may be shown (each needs "
        f"{thresholds.min_group} answers of its own); 95 % CI t-based on respondents' indices "
        "over those dimensions",
        "bands": f"weak < {bands.weak_below}, moderate {bands.weak_below}–{bands.strong_above}, "
        f"strong > {bands.strong_above}",
        "anonymity": f"scores shown for groups of {thresholds.min_group} or more; comments "
        f"for {thresholds.min_comment_group} or more; quotes redacted and shuffled",
        "sentiment": "each comment scored from -1 to 1 by a model learned from real employee "
        "reviews, reading its words and VADER's scores with Rapport's workplace lexicon and "
        "rules; negative up to -0.05, positive from 0.05",
        "change test": "Welch's t-test on respondents' indices, alpha 0.05",
        "drivers": "Johnson's relative weights of the seven dimensions for overall",
        "text analysers": engine.version,
    }
    if notes:
        method["notes"] = notes
    return method


def _r(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)
