"""Wave-level summaries for the result: themes and topics, participation, quotes.

Every example and quote is a stored redaction (``comments.redacted``, made by the
comment cache with the current name list just before) and comes only from a pair whose
comments :mod:`analysis.privacy` allows to be shown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice

from analysis.privacy import (
    Thresholds,
    may_show_comments,
    may_show_theme_counts,
    may_show_topic_terms,
    shuffled_quotes,
)
from analysis.relationships import PairData, WaveRef
from analysis.results import Participation, ThemeSummary
from analysis.sentiment.comment_labels import shown_label, shown_sentiment

#: Candidate comments a pair's quotes are drawn from (the most negative first).
QUOTE_POOL = 8
#: Comments of a theme its example is drawn from (the first ones with text, by id).
EXAMPLE_POOL = 20


def allowed_comment_pairs(pairs: dict, thresholds: Thresholds) -> set[tuple[int, int]]:
    """``(from_id, to_id)`` of the wave's pairs whose comments may be shown."""
    return {
        (p.from_id, p.to_id)
        for p in pairs.values()
        if may_show_comments(p.n, p.comment_count, thresholds)
    }


def pair_quotes(db, wave: WaveRef, limit: int = 3) -> Callable:
    """A function giving 2–3 redacted, shuffled quotes for a pair of ``wave``."""

    def quotes(pair: PairData) -> list[str]:
        rows = db.execute(
            "SELECT COALESCE(redacted, '') FROM comments "
            "WHERE wave_id = ? AND from_id = ? AND to_id = ? AND redacted IS NOT NULL "
            f"ORDER BY {shown_sentiment()}, id LIMIT ?",
            [wave.id, pair.from_id, pair.to_id, QUOTE_POOL],
        ).fetchall()
        seed = f"{wave.name}:{pair.from_id}:{pair.to_id}"
        return shuffled_quotes([r[0] for r in rows], seed, limit=limit)

    return quotes


def theme_summaries(
    db,
    wave: WaveRef,
    allowed: set[tuple[int, int]],
    thresholds: Thresholds,
    theme_label: Callable[[str], str],
) -> list[ThemeSummary]:
    """Taxonomy themes and discovered topics of a wave, most frequent first.

    Only the comments of pairs whose comments may be shown (``allowed``) count, so the
    total that shares are taken of is the sum of the shown pairs' comment counts and
    nothing can be subtracted from it. A theme or topic is listed only when
    :func:`analysis.privacy.may_show_theme_counts` allows its count, its negative share only
    when it allows the number of labelled comments, and a topic's terms only when
    :func:`analysis.privacy.may_show_topic_terms` allows the topic's count. Counts come from
    the comments' covering index (``comments_wave_stats``); only the few texts an example
    may be drawn from are read.
    """
    total = _shown_total(db, wave, allowed)
    if not may_show_theme_counts(total, thresholds):
        return []
    taxonomy = _shown(db, _taxonomy_tally(db, wave, allowed), thresholds)
    found = _shown(db, _topic_tally(db, wave, allowed), thresholds)
    texts = _example_texts(db, [*taxonomy.values(), *found.values()])
    summaries = _summarise(taxonomy, texts, total, wave.name, "taxonomy", theme_label, thresholds)
    topics = {
        tid: (label, json.loads(terms))
        for tid, label, terms in db.execute("SELECT id, label, terms FROM topics").fetchall()
    }
    discovered = _summarise(
        found, texts, total, wave.name, "topic", lambda tid: topics[tid][0], thresholds
    )
    _add_topic_terms(discovered, topics, thresholds)
    return summaries + discovered


def _shown_total(db, wave: WaveRef, allowed: set[tuple[int, int]]) -> int:
    """The number of ``wave``'s comments in the pairs whose comments may be shown."""
    per_pair = db.execute(
        "SELECT from_id, to_id, COUNT(*) FROM comments WHERE wave_id = ? GROUP BY from_id, to_id",
        [wave.id],
    ).fetchall()
    return sum(n for from_id, to_id, n in per_pair if (from_id, to_id) in allowed)


def _taxonomy_tally(db, wave: WaveRef, allowed: set[tuple[int, int]]) -> dict:
    """``wave``'s taxonomy themes tallied over the comments of ``allowed`` pairs."""
    rows = db.execute(
        f"SELECT id, from_id, to_id, themes, {shown_label()} FROM comments "
        "WHERE wave_id = ? AND themes IS NOT NULL ORDER BY id",
        [wave.id],
    ).fetchall()
    parsed: dict[str, list[str]] = {}
    return _tally(
        ((cid, f, t, key, label) for cid, f, t, themes, label in rows
         for key in _theme_keys(themes, parsed)),
        allowed,
    )  # fmt: skip


def _topic_tally(db, wave: WaveRef, allowed: set[tuple[int, int]]) -> dict:
    """``wave``'s discovered topics tallied over the comments of ``allowed`` pairs."""
    topic_rows = db.execute(
        f"SELECT c.id, c.from_id, c.to_id, tp.id, {shown_label('c')} "
        "FROM topic_assignments a JOIN comments c ON c.id = a.comment_id "
        "JOIN topics tp ON tp.id = a.topic_id WHERE c.wave_id = ? ORDER BY c.id",
        [wave.id],
    ).fetchall()
    return _tally(topic_rows, allowed)


def _add_topic_terms(discovered: list, topics: dict, thresholds: Thresholds) -> None:
    """Give each discovered topic its terms when :func:`may_show_topic_terms` allows."""
    by_label = {label: tid for tid, (label, _) in topics.items()}
    for summary in discovered:
        if may_show_topic_terms(summary.count, thresholds):
            summary.terms = list(topics[by_label[summary.name]][1])


def _shown(db, groups: dict, thresholds: Thresholds) -> dict:
    """The themes :func:`analysis.privacy.may_show_theme_counts` allows, counted in people.

    A respondent writes a comment about each department they rate, so a theme's comments
    may come from fewer people than its count: two people who named the same worry about
    three departments are six comments. A theme is shown only when both its comments and
    the people who wrote them are enough.
    """
    return {
        key: entry
        for key, entry in groups.items()
        if may_show_theme_counts(entry.count, thresholds)
        and _enough_people(db, entry.quotable, thresholds)
    }


def _enough_people(db, ids: list[int], thresholds: Thresholds) -> bool:
    """Whether the comments ``ids`` were written by enough people for a theme count
    (their submissions, read a chunk at a time until there are enough)."""
    people: set = set()
    for chunk in _chunks(ids, 500):
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT DISTINCT submission_id FROM comments WHERE id IN ({marks})"
        people.update(row[0] for row in db.execute(sql, chunk).fetchall())
        if may_show_theme_counts(len(people), thresholds):
            return True
    return False


@dataclass
class _Tally:
    """One theme's comments (of allowed pairs): how many, how many labelled and negative."""

    count: int = 0
    labelled: int = 0
    negative: int = 0
    quotable: list[int] = field(default_factory=list)  # their ids, in id order


def _theme_keys(themes: str, parsed: dict[str, list]) -> list:
    """The themes in a comment's JSON ``themes`` (a list; anything else has none)."""
    keys = parsed.get(themes)
    if keys is None:
        try:
            value = json.loads(themes)
        except ValueError:
            value = None
        keys = parsed[themes] = value if isinstance(value, list) else []
    return keys


def _tally(rows, allowed: set[tuple[int, int]]) -> dict:
    """``{theme: _Tally}`` from ``(comment id, from id, to id, theme, label)`` rows.

    Rows of pairs outside ``allowed`` (their comments may not be shown) are skipped.
    """
    groups: dict = {}
    for cid, from_id, to_id, key, label in rows:
        if (from_id, to_id) not in allowed:
            continue
        entry = groups.get(key)
        if entry is None:
            entry = groups[key] = _Tally()
        entry.count += 1
        if label is not None:
            entry.labelled += 1
            entry.negative += label == "negative"
        entry.quotable.append(cid)
    return groups


def _example_texts(db, tallies: list[_Tally]) -> dict[int, str]:
    """Redacted text of the first :data:`EXAMPLE_POOL` quotable comments with text, per theme.

    Reads the texts of the first candidates only, and more only where some had no text.
    """
    texts: dict[int, str | None] = {}
    wanted = [(t.quotable, 0) for t in tallies]
    while wanted:
        missing = {i for ids, start in wanted for i in ids[start : start + EXAMPLE_POOL]}
        missing -= texts.keys()
        for chunk in _chunks(sorted(missing), 500):
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT id, redacted FROM comments WHERE id IN ({marks})"
            texts.update(db.execute(sql, chunk).fetchall())
        wanted = [
            (ids, start + EXAMPLE_POOL)
            for ids, start in wanted
            if len(ids) > start + EXAMPLE_POOL
            and sum(1 for i in ids[: start + EXAMPLE_POOL] if texts.get(i)) < EXAMPLE_POOL
        ]
    return {i: text for i, text in texts.items() if text}


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _summarise(groups, texts, total, seed, kind, label_of, thresholds) -> list[ThemeSummary]:
    out = []
    for key, entry in groups.items():
        pool = list(islice((texts[i] for i in entry.quotable if i in texts), EXAMPLE_POOL))
        name = label_of(key)
        example = _fitting_example(shuffled_quotes(pool, f"{seed}:{key}", limit=len(pool)), name)
        out.append(
            ThemeSummary(
                name=name,
                kind=kind,
                count=entry.count,
                share=round(entry.count / total, 3),
                negative_share=(
                    round(entry.negative / entry.labelled, 3)
                    if entry.labelled and may_show_theme_counts(entry.labelled, thresholds)
                    else None
                ),
                example=example,
            )
        )
    return sorted(out, key=lambda s: (-s.count, s.name))


def _fitting_example(quotes: list[str], name: str) -> str | None:
    """The shuffled quote that uses most of the theme name's terms ("export, last quarter").

    A discovered topic is named by its terms, so the example beside it should say them; a
    taxonomy theme's name rarely appears in a comment, and then the first quote is kept.
    Ties keep the shuffled order, which never follows when anyone answered.
    """
    terms = [term.strip() for term in name.split(",") if term.strip()]
    if not quotes:
        return None
    return max(quotes, key=lambda text: sum(_says(text, term) for term in terms))


def _says(text: str, term: str) -> bool:
    """Whether ``text`` holds ``term``: in any case, but a word of it in capitals (an
    acronym, analysis.capitals) only as a word so written: the "IT" of "IT access" is not
    the "it" of "it took weeks" nor of "with"."""
    words = term.split()
    if not any(word.isupper() for word in words):
        return term.casefold() in text.casefold()
    parts = [
        rf"(?<![^\W_]){re.escape(w)}(?![^\W_])" if w.isupper() else rf"(?i:{re.escape(w)})"
        for w in words
    ]
    return re.search(r"\s+".join(parts), text) is not None


def participation(db, wave: WaveRef) -> list[Participation]:
    """Submissions per department in ``wave`` against its headcount."""
    rows = db.execute(
        "SELECT d.name, d.headcount, COUNT(s.id) FROM departments d "
        "LEFT JOIN submissions s ON s.department_id = d.id AND s.wave_id = ? "
        "GROUP BY d.id ORDER BY d.position, d.id",
        [wave.id],
    ).fetchall()
    return [
        Participation(
            department=name,
            headcount=headcount,
            submitted=int(count),
            rate=round(count / headcount, 3) if headcount else None,
        )
        for name, headcount, count in rows
    ]
