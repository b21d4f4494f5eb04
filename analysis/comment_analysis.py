"""The text analysers of the analysis pipeline.

:class:`TextEngine` names them (the real ones from :func:`default_engine`, or test doubles).
:mod:`analysis.comment_update` analyses each comment with them and keeps the results on its
row (the comment cache); :mod:`analysis.topic_update` keeps the discovered topics current.

Plain Python, no Qt.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from surveys.progress import Progress


@dataclass(frozen=True)
class TextEngine:
    """The text analysers the pipeline uses (the real ones, or fakes in tests).

    Attributes
    ----------
    version : str
        Combined version of sentiment, conflict and themes.
    score_texts : callable
        ``(texts, progress) -> list[float]`` compound sentiment in -1..1.
    label_of : callable
        ``score -> 'negative' | 'neutral' | 'positive'``.
    analyse_conflicts : callable
        ``(texts, progress) -> list`` of objects with ``score``, ``orientation``,
        ``markers``.
    match_themes : callable
        ``(texts, progress) -> list[list[str]]`` taxonomy theme ids per text.
    discover_topics : callable
        ``(texts, progress, departments=()) -> TopicModel`` (``topics`` and
        ``assignments``); ``departments`` are the workspace's department names, which name
        a topic only when it is about that department.
    theme_label : callable
        ``theme id -> label`` for display.
    themes_version : str
        Version of the theme taxonomy and topic discovery.
    learn_labels : callable, optional
        ``(texts, labels, progress) -> LearnedModel | None``: learns labels from HR's
        corrections (:func:`analysis.sentiment.train_from_corrections`); ``None`` turns
        learning off (see :mod:`analysis.sentiment.learned_labels`).
    learning_version : str
        Version of what the learned model depends on (the sentiment model); part of the
        key that decides when the model is trained again.
    confidence_of : callable, optional
        ``scores -> list[float]``: how sure the model is of each score's label
        (:func:`analysis.sentiment.comment_labels.model_confidence`); ``None`` leaves the
        confidence unknown (the tests' fake engines).
    score_ahead : callable, optional
        ``(batches of texts) -> session`` that starts scoring every batch at once (in a
        worker process) and hands each batch's scores over when asked
        (:class:`analysis.sentiment.background.ScoringSession`: ``ready(i)``,
        ``scores(i, progress)``, ``close()``), with the same scores as ``score_texts``.
        ``None``: each batch is scored by ``score_texts`` when it is written (a test
        double that replaces ``score_texts`` sets it to ``None`` too).
    discover_ahead : callable, optional
        ``(texts, departments=()) -> task`` that starts ``discover_topics`` on ``texts`` (in a
        worker process)
        and hands the model over when asked (``result(progress, message)``, ``close()``),
        or ``None`` when discovery had better run in this process (few texts). ``None``
        itself: discovery always runs in this process.
    prepared_version : str
        Version of ``analyse_conflicts`` and ``match_themes`` alone
        (:func:`preparation_version`): what an import's worker found for a comment
        (``analysis.import_ahead``) is taken when it was made with this version and the
        same redaction stamp. Empty (the tests' fakes): never taken.
    """

    version: str
    score_texts: Callable[[list[str], Progress], list[float]]
    label_of: Callable[[float], str]
    analyse_conflicts: Callable[[list[str], Progress], list[Any]]
    match_themes: Callable[[list[str], Progress], list[list[str]]]
    discover_topics: Callable[..., Any]
    theme_label: Callable[[str], str]
    themes_version: str = ""
    learn_labels: Callable[[list[str], list[str], Progress], Any] | None = None
    learning_version: str = ""
    confidence_of: Callable[[list[float]], list[float]] | None = None
    score_ahead: Callable[[list[list[str]]], Any] | None = None
    discover_ahead: Callable[..., Any] | None = None
    prepared_version: str = ""


def preparation_version(taxonomy: Any) -> str:
    """The version of the shipped conflict markers, of ``taxonomy`` (an
    :class:`analysis.themes.Taxonomy`) and of topic discovery's reading of a comment
    (:data:`analysis.topic_terms.TOPICS_VERSION`): what :attr:`TextEngine.prepared_version`
    is for the real analysers. Imports neither sentiment nor topic discovery."""
    from analysis import conflict
    from analysis.topic_terms import TOPICS_VERSION

    return f"{conflict.CONFLICT_VERSION}+{taxonomy.version}+{TOPICS_VERSION}"


def default_engine(taxonomy: Any = None) -> TextEngine:
    """The real analysers of :mod:`analysis.sentiment`, ``conflict`` and ``themes``.

    ``taxonomy`` (an :class:`analysis.themes.Taxonomy`) replaces the shipped one.
    """
    from analysis import conflict, sentiment, themes, topics
    from analysis.sentiment.background import ScoringSession
    from analysis.sentiment.comment_labels import model_confidence

    taxonomy = taxonomy or themes.load_taxonomy()

    def match(texts: list[str], progress: Progress) -> list[list[str]]:
        return themes.match_themes(texts, taxonomy, progress=progress)

    def label(theme_id: str) -> str:
        try:
            return taxonomy.label(theme_id)
        except (KeyError, ValueError):
            return theme_id

    version = f"{sentiment.MODEL_VERSION}+{conflict.CONFLICT_VERSION}+{taxonomy.version}"
    return TextEngine(
        version=version,
        score_texts=lambda texts, progress: sentiment.score_texts(texts, progress=progress),
        label_of=sentiment.label_of,
        analyse_conflicts=lambda texts, progress: conflict.analyse_conflicts(texts, progress),
        match_themes=match,
        discover_topics=discover_topics,
        discover_ahead=_discover_in_worker,
        theme_label=label,
        themes_version=f"{taxonomy.version}+{getattr(topics, 'TOPICS_VERSION', 'topics')}",
        learn_labels=sentiment.train_from_corrections,
        learning_version=sentiment.MODEL_VERSION,
        confidence_of=model_confidence,
        score_ahead=ScoringSession,
        prepared_version=preparation_version(taxonomy),
    )


#: Comments from which topic discovery runs in a worker process while the pipeline goes on
#: (below, the worker's start costs more than the discovery)...
DISCOVER_AHEAD_FROM = 2_000
#: ...on a machine with at least this many cores. The analysis already keeps two busy (this
#: process and the sentiment worker); on two cores a third process only competes with them,
#: and its own start and tokenisation cost more CPU than it saves (measured on 16,000
#: comments: about 1.5 s more CPU, and slower in wall time when other programs are busy).
DISCOVER_AHEAD_CORES = 3


def discover_topics(
    texts: list[str], progress: Progress | None = None, departments: Sequence[str] = ()
) -> Any:
    """The shipped topic discovery (:func:`analysis.topics.discover_topics`, seed 0)."""
    from analysis import topics

    return topics.discover_topics(texts, seed=0, progress=progress, departments=departments)


def _discover_in_worker(texts: list[str], departments: Sequence[str] = ()) -> Any:
    """Start :func:`discover_topics` in a worker process; ``None`` to discover here."""
    if len(texts) < DISCOVER_AHEAD_FROM or (os.cpu_count() or 1) < DISCOVER_AHEAD_CORES:
        return None
    from analysis.worker_task import WorkerTask

    return WorkerTask(discover_topics, texts, None, tuple(departments))  # no progress there
