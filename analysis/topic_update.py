"""Keeping the discovered topics current, in two steps the pipeline interleaves with others.

Only the comments of groups that may be shown are read: a topic's terms and label are made
of the words of the comments it was discovered from, so a group whose comments may not be
shown must not contribute any. ``topic_inputs`` lists the comments the current topics were
made from (or assigned to them later). Discovery runs again when the analysers, the name
list, the department names or the thresholds changed (the ``run`` column,
:func:`topics_run_tag`), when one of those comments may no longer be shown (a threshold was
raised, or a group lost people), or when over :data:`REDISCOVER_SHARE` of the shown
comments are new; otherwise new comments join the topic whose terms they share most.

:class:`TopicsUpdate` decides which of these applies when it is made and, for a large
discovery, starts it at once in a worker process (``TextEngine.discover_ahead``) while the
pipeline analyses comments; :meth:`TopicsUpdate.finish` waits for it and stores the topics.
:func:`update_topics` does both in one call. Either way the topics are the same. Runs on a
worker thread with its own connection; never touches Qt.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from analysis.privacy import Thresholds, redaction_stamp
from surveys.progress import Progress, no_progress, sub_progress

if TYPE_CHECKING:
    from analysis.comment_analysis import TextEngine

#: Topics are discovered again when this share of comments is new since the last run;
#: below it, new comments join the existing topic whose terms they share most.
REDISCOVER_SHARE = 0.10

_WORD = re.compile(r"[a-z][a-z'-]+")
_TABLES = ("topic_inputs", "topic_assignments", "topics")


def topics_run_tag(
    engine: TextEngine,
    names: Sequence[str],
    rules: Thresholds | None = None,
    departments: Sequence[str] = (),
) -> str:
    """The ``topics.run`` value of a discovery made with these analysers, names and rules.

    ``rules`` (the :class:`~analysis.privacy.Thresholds` in force) is part of the tag, so a
    changed threshold discovers again from the comments that may be shown under it: a
    raised one takes comments away (``topic_inputs`` would notice that too), a lowered one
    adds groups whose words the topics should reflect rather than merely absorb. So are
    the ``departments``' names, which name a topic only when it is about that department
    (``topics-12``): a renamed department names the topics again.
    """
    limits = "" if rules is None else f"+k{rules.min_group}-{rules.min_comment_group}"
    return f"{engine.themes_version}+{redaction_stamp(names, departments)}{limits}"


class TopicsUpdate:
    """Keep discovered topics current: decide now, finish (and store) later.

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
    rules : Thresholds, optional
        The thresholds ``groups`` were chosen with; recorded in the run tag.
    fresh : mapping of int to str, optional
        Redacted text of comments analysed but not written yet
        (:attr:`analysis.comment_update.CommentUpdate.fresh`), read instead of their rows.

    Attributes
    ----------
    action : str
        ``"clear"`` (no comment may be shown), ``"discover"``, ``"assign"`` or ``"keep"``.

    Notes
    -----
    A context manager: leaving it without :meth:`finish` (also by ``Cancelled``) stops a
    discovery running in a worker and changes nothing.
    """

    def __init__(
        self,
        db,
        engine: TextEngine,
        names: Sequence[str],
        groups: Iterable[tuple[int, int, int]],
        *,
        rules: Thresholds | None = None,
        fresh: Mapping[int, str] | None = None,
    ) -> None:
        self.db, self.engine = db, engine
        self.departments = [r[0] for r in db.execute("SELECT name FROM departments ORDER BY id")]
        self.tag = topics_run_tag(engine, names, rules, self.departments)
        self._rows: list[tuple[int, str]] = []
        self._ahead: Any = None
        self.action = self._decide(frozenset(groups), fresh or {})
        if self.action == "discover" and engine.discover_ahead is not None:
            texts = [r[1] for r in self._rows]
            self._ahead = engine.discover_ahead(texts, departments=self.departments)

    def _decide(self, groups: frozenset, fresh: Mapping[int, str]) -> str:
        db = self.db
        runs = [r[0] for r in db.execute("SELECT DISTINCT run FROM topics").fetchall()]
        shown = {
            cid
            for cid, w, f, t in db.execute("SELECT id, wave_id, from_id, to_id FROM comments")
            if (w, f, t) in groups
        }
        if not shown:
            return "clear"
        used = {r[0] for r in db.execute("SELECT comment_id FROM topic_inputs")}
        new = shown - used
        if runs != [self.tag] or not used <= shown or len(new) > REDISCOVER_SHARE * len(shown):
            self._rows = _texts(db, sorted(shown), fresh)
            return "discover"
        if not new:
            return "keep"
        self._rows = _texts(db, sorted(new), fresh)
        return "assign"

    def finish(self, progress: Progress | None = None) -> str:
        """Discover (or wait for the worker's discovery), assign or clear; store the topics.

        Parameters
        ----------
        progress : Progress, optional
            Called with the fraction done; may raise ``Cancelled``.

        Returns
        -------
        str
            ``"unchanged"``, ``"assigned"`` (new comments joined existing topics) or
            ``"discovered"``.
        """
        progress = progress or no_progress
        db, ids = self.db, [r[0] for r in self._rows]
        if self.action == "clear":
            with db.atomic():
                for table in _TABLES:
                    db.execute(f"DELETE FROM {table}")
            return "unchanged"
        if self.action == "keep":
            return "unchanged"
        if self.action == "assign":
            _assign_to_existing(db, self._rows, self.tag)
            progress(1.0, "Topics updated")
            return "assigned"
        finding = sub_progress(progress, 0.0, 0.9)
        if self._ahead is not None:
            model = self._ahead.result(finding, "Finding topics")
        else:
            texts = [r[1] for r in self._rows]
            model = self.engine.discover_topics(texts, finding, departments=self.departments)
        progress(0.9, "Saving topics")
        _save(db, ids, model, self.tag)
        progress(1.0, "Topics discovered")
        return "discovered"

    def close(self) -> None:
        """Stop a discovery still running in a worker."""
        if self._ahead is not None:
            self._ahead.close()

    def __enter__(self) -> TopicsUpdate:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def update_topics(
    db,
    engine: TextEngine,
    names: Sequence[str],
    groups: Iterable[tuple[int, int, int]],
    progress: Progress | None = None,
    *,
    rules: Thresholds | None = None,
    fresh: Mapping[int, str] | None = None,
) -> str:
    """Keep discovered topics current in one call (:class:`TopicsUpdate`, then ``finish``).

    Returns
    -------
    str
        ``"unchanged"``, ``"assigned"`` (new comments joined existing topics) or
        ``"discovered"``.
    """
    with TopicsUpdate(db, engine, names, groups, rules=rules, fresh=fresh) as update:
        return update.finish(progress)


def _texts(db, ids: list[int], fresh: Mapping[int, str]) -> list[tuple[int, str]]:
    """``(id, redacted text)`` of the comments ``ids``, in that order (``fresh`` first)."""
    found: dict[int, str] = {}
    stored = [i for i in ids if i not in fresh]
    for start in range(0, len(stored), 500):
        chunk = stored[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        found.update(
            db.execute(
                f"SELECT id, COALESCE(redacted, '') FROM comments WHERE id IN ({marks})", chunk
            ).fetchall()
        )
    return [(i, fresh[i] if i in fresh else found.get(i, "")) for i in ids]


def _save(db, ids: list[int], model, tag: str) -> None:
    """Replace the stored topics with ``model``, discovered from the comments ``ids``."""
    with db.atomic():
        for table in _TABLES:
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


def _term_words(term: str) -> list[str]:
    """The words of a topic's term as written, in lower case, without the denial a term
    its comments mostly deny is shown with (``topics-12``): "no real issues" is "real",
    "issues", never "no", which nearly any comment could share."""
    from analysis.topic_terms import is_topic_word

    return [w for w in term.split() if is_topic_word(w) for w in _WORD.findall(w.lower())]


def _assign_to_existing(db, rows: list[tuple[int, str | None]], run: str) -> None:
    """Give each new comment the existing topic whose top terms it shares most."""
    topics = [
        (topic_id, {w for term in json.loads(terms) for w in _term_words(term)})
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
