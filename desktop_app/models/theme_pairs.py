"""Sizes of a theme or topic per pair, for the themes section (no Qt).

Only pairs whose comments may be shown (scores and comment thresholds met) are counted;
the caller prints counts under the comment threshold as "fewer than k".
"""

from __future__ import annotations

from typing import Any


def theme_keys(db) -> dict[str, str]:
    """Label → key: taxonomy theme ids and ``topic:<id>`` for discovered topics."""
    from analysis.taxonomy_setting import workspace_taxonomy
    from analysis.themes import TaxonomyError, default_taxonomy

    try:
        taxonomy = workspace_taxonomy(db) or default_taxonomy()
    except TaxonomyError:
        taxonomy = default_taxonomy()
    keys = {theme.label: theme.id for theme in taxonomy.themes}
    for topic_id, label in db.execute("SELECT id, label FROM topics").fetchall():
        keys[label] = f"topic:{topic_id}"
    return keys


def pair_sizes(db, result: Any, summary: Any, keys: dict[str, str]) -> list[tuple[str, int]]:
    """``("From → To", comments)`` of a theme in the result's wave, largest first."""
    key = keys.get(summary.name)
    wave = db.execute("SELECT id FROM waves WHERE name = ?", [result.wave]).fetchone()
    if key is None or wave is None:
        return []
    if key.startswith("topic:"):
        rows = db.execute(
            "SELECT c.from_id, c.to_id, COUNT(*) FROM comments c JOIN topic_assignments a "
            "ON a.comment_id = c.id WHERE c.wave_id = ? AND a.topic_id = ? GROUP BY 1, 2",
            [wave[0], int(key.split(":", 1)[1])],
        ).fetchall()
    else:
        rows = db.execute(
            "SELECT c.from_id, c.to_id, COUNT(*) FROM comments c, json_each(c.themes) j "
            "WHERE c.wave_id = ? AND c.themes IS NOT NULL AND json_valid(c.themes) "
            "AND j.value = ? GROUP BY 1, 2",
            [wave[0], key],
        ).fetchall()
    names = dict(db.execute("SELECT id, name FROM departments").fetchall())
    allowed = {
        (p.from_dept, p.to_dept)
        for p in result.pairs
        if not p.suppressed
        and p.n >= result.min_group
        and p.comment_count >= result.min_comment_group
    }
    sizes = [
        (f"{names[f]} → {names[t]}", int(n))
        for f, t, n in rows
        if (names.get(f), names.get(t)) in allowed
    ]
    return sorted(sizes, key=lambda item: (-item[1], item[0]))
