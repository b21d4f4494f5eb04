"""Wave-level summaries for the result: themes and topics, participation, quotes.

Every example and quote is redacted again at output time (the name list may have grown
since the cache was filled) and comes only from a pair that meets the comment threshold.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from analysis.privacy import Thresholds, shuffled_quotes
from analysis.relationships import PairData, WaveRef
from analysis.results import Participation, ThemeSummary

#: Candidate comments a pair's quotes are drawn from (the most negative first).
QUOTE_POOL = 8


def allowed_comment_pairs(pairs: dict, thresholds: Thresholds) -> set[tuple[int, int]]:
    """``(from_id, to_id)`` of the wave's pairs whose comments may be shown."""
    return {
        (p.from_id, p.to_id)
        for p in pairs.values()
        if thresholds.scores_allowed(p.n) and thresholds.comments_allowed(p.comment_count)
    }


def pair_quotes(db, wave: WaveRef, names: Sequence[str], limit: int = 3) -> Callable:
    """A function giving 2–3 redacted, shuffled quotes for a pair of ``wave``."""

    def quotes(pair: PairData) -> list[str]:
        rows = db.execute(
            "SELECT COALESCE(redacted, '') FROM comments "
            "WHERE wave_id = ? AND from_id = ? AND to_id = ? AND redacted IS NOT NULL "
            "ORDER BY sentiment, id LIMIT ?",
            [wave.id, pair.from_id, pair.to_id, QUOTE_POOL],
        ).fetchall()
        seed = f"{wave.name}:{pair.from_id}:{pair.to_id}"
        return shuffled_quotes([r[0] for r in rows], seed, limit=limit, names=names)

    return quotes


def theme_summaries(
    db,
    wave: WaveRef,
    allowed: set[tuple[int, int]],
    thresholds: Thresholds,
    names: Sequence[str],
    theme_label: Callable[[str], str],
) -> list[ThemeSummary]:
    """Taxonomy themes and discovered topics of a wave, most frequent first."""
    total = db.execute("SELECT COUNT(*) FROM comments WHERE wave_id = ?", [wave.id]).fetchone()[0]
    if not thresholds.comments_allowed(total):
        return []
    rows = db.execute(
        "SELECT c.from_id, c.to_id, j.value, COALESCE(c.label_corrected, c.label), c.redacted "
        "FROM comments c, json_each(c.themes) j "
        "WHERE c.wave_id = ? AND c.themes IS NOT NULL AND json_valid(c.themes) ORDER BY c.id",
        [wave.id],
    ).fetchall()
    summaries = _summarise(
        [(f, t, theme, label, text) for f, t, theme, label, text in rows],
        total,
        allowed,
        names,
        wave.name,
        "taxonomy",
        theme_label,
    )
    topic_rows = db.execute(
        "SELECT c.from_id, c.to_id, tp.id, COALESCE(c.label_corrected, c.label), c.redacted "
        "FROM topic_assignments a JOIN comments c ON c.id = a.comment_id "
        "JOIN topics tp ON tp.id = a.topic_id WHERE c.wave_id = ? ORDER BY c.id",
        [wave.id],
    ).fetchall()
    topics = {
        tid: (label, json.loads(terms))
        for tid, label, terms in db.execute("SELECT id, label, terms FROM topics").fetchall()
    }
    found = _summarise(
        topic_rows, total, allowed, names, wave.name, "topic", lambda tid: topics[tid][0]
    )
    by_label = {label: tid for tid, (label, _) in topics.items()}
    for summary in found:
        summary.terms = list(topics[by_label[summary.name]][1])
    return summaries + found


def _summarise(rows, total, allowed, names, seed, kind, label_of) -> list[ThemeSummary]:
    groups: dict = {}
    for from_id, to_id, key, label, text in rows:
        entry = groups.setdefault(key, {"count": 0, "negative": 0, "labelled": 0, "texts": []})
        entry["count"] += 1
        if label is not None:
            entry["labelled"] += 1
            entry["negative"] += label == "negative"
        if text and (from_id, to_id) in allowed and len(entry["texts"]) < 20:
            entry["texts"].append(text)
    out = []
    for key, entry in groups.items():
        example = shuffled_quotes(entry["texts"], f"{seed}:{key}", limit=1, names=names)
        out.append(
            ThemeSummary(
                name=label_of(key),
                kind=kind,
                count=entry["count"],
                share=round(entry["count"] / total, 3),
                negative_share=(
                    round(entry["negative"] / entry["labelled"], 3) if entry["labelled"] else None
                ),
                example=example[0] if example else None,
            )
        )
    return sorted(out, key=lambda s: (-s.count, s.name))


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
