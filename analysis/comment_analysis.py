"""The per-comment analysis: each comment analysed once, kept with the versions that made it.

:class:`TextEngine` names the text analysers (the real ones from :func:`default_engine`, or
test doubles). :func:`update_comment_cache` analyses each comment and keeps the results on
its row (the comment cache); :func:`update_topics` keeps the discovered topics current.

Each comment row keeps its redacted text, sentiment, label, conflict score, orientation,
markers and themes together with ``analysed_with``, the combined version of the sentiment
model, the conflict markers, the theme taxonomy and HR's redaction list. Re-analysis only
touches comments that are new or whose version differs.

Work is committed in batches; each batch is computed first and then written in one
transaction, so cancelling (``Cancelled`` raised from the progress callback) never leaves
a half-written batch. Runs on a worker thread with its own connection; never touches Qt.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from analysis.privacy import Redactor, Thresholds, redaction_stamp
from analysis.sentiment.comment_labels import MODEL_LABEL_SET
from surveys.progress import Progress, no_progress, sub_progress

#: Comments analysed and written per transaction.
BATCH = 20_000
#: Topics are discovered again when this share of comments is new since the last run;
#: below it, new comments join the existing topic whose terms they share most.
REDISCOVER_SHARE = 0.10

_WORD = re.compile(r"[a-z][a-z'-]+")


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
        ``(texts, progress) -> TopicModel`` (``topics`` and ``assignments``).
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
    """

    version: str
    score_texts: Callable[[list[str], Progress], list[float]]
    label_of: Callable[[float], str]
    analyse_conflicts: Callable[[list[str], Progress], list[Any]]
    match_themes: Callable[[list[str], Progress], list[list[str]]]
    discover_topics: Callable[[list[str], Progress], Any]
    theme_label: Callable[[str], str]
    themes_version: str = ""
    learn_labels: Callable[[list[str], list[str], Progress], Any] | None = None
    learning_version: str = ""
    confidence_of: Callable[[list[float]], list[float]] | None = None


def default_engine(taxonomy: Any = None) -> TextEngine:
    """The real analysers of :mod:`analysis.sentiment`, ``conflict`` and ``themes``.

    ``taxonomy`` (an :class:`analysis.themes.Taxonomy`) replaces the shipped one.
    """
    from analysis import conflict, sentiment, themes, topics
    from analysis.sentiment.comment_labels import model_confidence

    taxonomy = taxonomy or themes.load_taxonomy()

    def match(texts: list[str], progress: Progress) -> list[list[str]]:
        return themes.match_themes(texts, taxonomy, progress=progress)

    def discover(texts: list[str], progress: Progress) -> Any:
        return topics.discover_topics(texts, seed=0, progress=progress)

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
        discover_topics=discover,
        theme_label=label,
        themes_version=f"{taxonomy.version}+{getattr(topics, 'TOPICS_VERSION', 'topics')}",
        learn_labels=sentiment.train_from_corrections,
        learning_version=sentiment.MODEL_VERSION,
        confidence_of=model_confidence,
    )


def cache_version(engine: TextEngine, names: Sequence[str]) -> str:
    """The ``analysed_with`` value for the current analysers and redaction list.

    It ends with :func:`analysis.privacy.redaction_stamp`, which screens use to skip
    comments redacted with another name list.
    """
    return f"{engine.version}+{redaction_stamp(names)}"


def update_comment_cache(
    db, engine: TextEngine, names: Sequence[str], progress: Progress | None = None
) -> int:
    """Analyse every comment that is new or was analysed with another version.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace, owned by the calling thread.
    engine : TextEngine
        The analysers.
    names : sequence of str
        HR's redaction list.
    progress : Progress, optional
        Raising :class:`~surveys.progress.Cancelled` in it stops after the last complete
        batch.

    Returns
    -------
    int
        How many comments were (re-)analysed.
    """
    progress = progress or no_progress
    version = cache_version(engine, names)
    todo = db.execute(
        "SELECT id, text FROM comments WHERE analysed_with IS NULL OR analysed_with != ? "
        "ORDER BY id",
        [version],
    ).fetchall()
    redactor = Redactor(tuple(names))
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        part = sub_progress(progress, start / len(todo), (start + len(batch)) / len(todo))
        rows = _analyse_batch(batch, engine, redactor, version, part)
        with db.atomic(), _search_index_in_bulk(db, [r[-1] for r in rows]):
            db.conn.executemany(
                f"UPDATE comments SET redacted = ?, sentiment = ?, {MODEL_LABEL_SET}, "
                "conflict = ?, orientation = ?, markers = ?, themes = ?, analysed_with = ? "
                "WHERE id = ?",
                rows,
            )
    progress(1.0, f"Analysed {len(todo)} comments")
    return len(todo)


#: The full-text index of redacted comments is kept up to date by a trigger, one comment
#: at a time. From this many comments on, a batch updates it in one statement instead.
BULK_INDEX_FROM = 1_000
_FTS_TRIGGER = "comments_fts_update"


@contextmanager
def _search_index_in_bulk(db, ids: list[int]):
    """Inside a transaction: update ``comments_fts`` for ``ids`` in bulk, not row by row.

    For a large batch the per-row trigger costs most of the write (1.4 s of 1.8 s for
    19,000 comments); indexing the batch in one statement takes 0.1 s. The trigger is
    dropped for the batch's UPDATE and created again from its stored definition, all in
    the caller's transaction, so other connections never see it missing.
    """
    found = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [_FTS_TRIGGER]
    ).fetchone()
    if len(ids) < BULK_INDEX_FROM or found is None:
        yield
        return
    db.execute("CREATE TEMP TABLE IF NOT EXISTS bulk_ids (id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM bulk_ids")
    db.conn.executemany("INSERT INTO bulk_ids (id) VALUES (?)", [(i,) for i in ids])
    db.execute(
        "INSERT INTO comments_fts (comments_fts, rowid, redacted) SELECT 'delete', c.id, "
        "c.redacted FROM comments c JOIN bulk_ids b ON b.id = c.id WHERE c.redacted IS NOT NULL"
    )
    db.execute(f"DROP TRIGGER {_FTS_TRIGGER}")
    yield
    db.execute(
        "INSERT INTO comments_fts (rowid, redacted) SELECT c.id, c.redacted FROM comments c "
        "JOIN bulk_ids b ON b.id = c.id WHERE c.redacted IS NOT NULL"
    )
    db.execute(found[0])
    db.execute("DELETE FROM bulk_ids")


def _analyse_batch(batch, engine: TextEngine, redactor, version: str, progress: Progress):
    ids = [row[0] for row in batch]
    texts = [row[1] for row in batch]
    progress(0.0, f"Analysing {len(texts)} comments")
    redacted = [redactor(t) for t in texts]
    scores = engine.score_texts(texts, sub_progress(progress, 0.0, 0.5))
    conflicts = engine.analyse_conflicts(texts, sub_progress(progress, 0.5, 0.75))
    themes = engine.match_themes(texts, sub_progress(progress, 0.75, 1.0))
    scores = [float(s) for s in scores]
    sure = engine.confidence_of(scores) if engine.confidence_of else [None] * len(scores)
    rows = []
    for i, comment_id in enumerate(ids):
        found = conflicts[i]
        rows.append(
            (
                redacted[i],
                scores[i],
                engine.label_of(scores[i]),
                sure[i],
                float(found.score),
                found.orientation,
                json.dumps(list(found.markers)),
                json.dumps(list(themes[i])),
                version,
                comment_id,
            )
        )
    return rows


def topics_run_tag(
    engine: TextEngine, names: Sequence[str], rules: Thresholds | None = None
) -> str:
    """The ``topics.run`` value of a discovery made with these analysers, names and rules.

    ``rules`` (the :class:`~analysis.privacy.Thresholds` in force) is part of the tag, so a
    changed threshold discovers again from the comments that may be shown under it: a
    raised one takes comments away (``topic_inputs`` would notice that too), a lowered one
    adds groups whose words the topics should reflect rather than merely absorb.
    """
    limits = "" if rules is None else f"+k{rules.min_group}-{rules.min_comment_group}"
    return f"{engine.themes_version}+{redaction_stamp(names)}{limits}"


def update_topics(
    db,
    engine: TextEngine,
    names: Sequence[str],
    groups: Iterable[tuple[int, int, int]],
    progress: Progress | None = None,
    *,
    rules: Thresholds | None = None,
):
    """Keep discovered topics current; re-run discovery only when comments changed enough.

    Only the comments of ``groups`` are read: a topic's terms and label are made of the
    words of the comments it was discovered from, so a group whose comments may not be
    shown must not contribute any. ``topic_inputs`` lists the comments the current topics
    were made from (or assigned to them later). Discovery runs again when the analysers,
    the name list or the thresholds changed (the ``run`` column, :func:`topics_run_tag`),
    when one of those comments may no longer be shown (a threshold was raised, or a group
    lost people), or when over :data:`REDISCOVER_SHARE` of the shown
    comments are new; otherwise new comments join the topic whose terms they share most.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace, owned by the calling thread.
    engine : TextEngine
        The analysers.
    names : sequence of str
        HR's redaction list.
    groups : iterable of tuple
        ``(wave id, from id, to id)`` of every group whose comments may be shown
        (:func:`analysis.relationships.shown_comment_groups`).
    progress : Progress, optional
        Called with the fraction done.
    rules : Thresholds, optional
        The thresholds ``groups`` were chosen with; recorded in the run tag.

    Returns
    -------
    str
        ``"unchanged"``, ``"assigned"`` (new comments joined existing topics) or
        ``"discovered"``.
    """
    progress = progress or no_progress
    groups = frozenset(groups)
    tag = topics_run_tag(engine, names, rules)
    runs = [r[0] for r in db.execute("SELECT DISTINCT run FROM topics").fetchall()]
    shown = {
        cid
        for cid, w, f, t in db.execute("SELECT id, wave_id, from_id, to_id FROM comments")
        if (w, f, t) in groups
    }
    if not shown:
        with db.atomic():
            for table in ("topic_inputs", "topic_assignments", "topics"):
                db.execute(f"DELETE FROM {table}")
        return "unchanged"
    used = {r[0] for r in db.execute("SELECT comment_id FROM topic_inputs")}
    new = shown - used
    if runs != [tag] or not used <= shown or len(new) > REDISCOVER_SHARE * len(shown):
        _discover(db, engine, sorted(shown), tag, progress)
        return "discovered"
    if not new:
        return "unchanged"
    _assign_to_existing(db, _texts(db, sorted(new)), tag)
    progress(1.0, "Topics updated")
    return "assigned"


def _texts(db, ids: list[int]) -> list[tuple[int, str]]:
    """``(id, redacted text)`` of the comments ``ids``, in that order."""
    found: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        found.update(
            db.execute(
                f"SELECT id, COALESCE(redacted, '') FROM comments WHERE id IN ({marks})", chunk
            ).fetchall()
        )
    return [(i, found.get(i, "")) for i in ids]


def _discover(db, engine: TextEngine, shown: list[int], tag: str, progress: Progress) -> None:
    rows = _texts(db, shown)
    ids = [r[0] for r in rows]
    model = engine.discover_topics([r[1] for r in rows], sub_progress(progress, 0.0, 0.9))
    progress(0.9, "Saving topics")
    with db.atomic():
        for table in ("topic_inputs", "topic_assignments", "topics"):
            db.execute(f"DELETE FROM {table}")
        db.conn.executemany("INSERT INTO topic_inputs (comment_id) VALUES (?)", [(i,) for i in ids])
        topic_ids = {}
        for topic in model.topics:
            rep = topic.representative_index
            cursor = db.execute(
                "INSERT INTO topics (run, number, label, terms, representative_id, size) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    tag,
                    int(topic.number),
                    str(topic.label),
                    json.dumps(list(topic.terms)),
                    ids[rep] if rep is not None and 0 <= rep < len(ids) else None,
                    int(topic.size),
                ],
            )
            topic_ids[int(topic.number)] = cursor.lastrowid
        db.conn.executemany(
            "INSERT INTO topic_assignments (comment_id, topic_id, weight) VALUES (?, ?, ?)",
            [
                (ids[i], topic_ids[number], weight)
                for i, number, weight in _assignments(model.assignments)
                if number in topic_ids
            ],
        )
    progress(1.0, "Topics discovered")


def _assignments(assignments) -> list[tuple[int, int, float]]:
    """Normalise a model's assignments to ``(text index, topic number, weight)``."""
    out = []
    for i, item in enumerate(assignments):
        if item is None:
            continue
        if isinstance(item, int | float):
            if int(item) >= 0:
                out.append((i, int(item), 1.0))
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], float):
            out.append((i, int(item[0]), float(item[1])))
        else:
            for entry in item:
                number, weight = entry if isinstance(entry, tuple | list) else (entry, 1.0)
                out.append((i, int(number), float(weight)))
    return out


def _assign_to_existing(db, rows: list[tuple[int, str | None]], run: str) -> None:
    """Give each new comment the existing topic whose top terms it shares most."""
    topics = [
        (topic_id, {w for term in json.loads(terms) for w in _WORD.findall(term.lower())})
        for topic_id, terms in db.execute("SELECT id, terms FROM topics").fetchall()
    ]
    links = []
    for comment_id, text in rows:
        words = set(_WORD.findall((text or "").lower()))
        best, overlap = None, 0
        for topic_id, terms in topics:
            shared = len(words & terms)
            if shared > overlap:
                best, overlap = topic_id, shared
        if best is not None:
            links.append((comment_id, best, overlap / max(1, len(words))))
    with db.atomic():
        db.conn.executemany(
            "INSERT OR IGNORE INTO topic_inputs (comment_id) VALUES (?)", [(r[0],) for r in rows]
        )
        db.conn.executemany(
            "INSERT OR REPLACE INTO topic_assignments (comment_id, topic_id, weight) "
            "VALUES (?, ?, ?)",
            links,
        )
        db.execute(
            "UPDATE topics SET size = (SELECT COUNT(*) FROM topic_assignments a "
            "WHERE a.topic_id = topics.id), run = ?",
            [run],
        )
