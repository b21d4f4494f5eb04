"""How often each pair mentions a theme or topic, for the themes section (no Qt).

Only pairs whose comments may be shown are counted, and a count under the comment
threshold is given as ``None`` (shown as "fewer than k"); both decisions are
:mod:`analysis.privacy`'s.

Public API: :func:`theme_keys`, :func:`pair_sizes`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.privacy import (
    Thresholds,
    may_show_pair_comments,
    may_show_theme_counts,
    result_thresholds,
)

if TYPE_CHECKING:
    from sqlite_utils import Database


def theme_keys(db: Database) -> dict[str, str]:
    """Label → key: taxonomy theme ids and ``topic:<id>`` for discovered topics.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.

    Returns
    -------
    dict
        The workspace's taxonomy (or the shipped one) and its topics.
    """
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


def pair_sizes(db: Database, result, summary, keys: dict[str, str]) -> list[tuple[str, int | None]]:
    """``("From → To", comments)`` of a theme in the result's wave, largest first.

    Counts under the threshold come last, by pair name, so their order tells nothing;
    with them, as many of the smallest others as keep the theme's total less the pairs
    shown from giving a count under k (:func:`_hidden`).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    result : analysis.results.AnalysisResult
        The analysis shown (its wave, pairs and thresholds).
    summary : analysis.results.ThemeSummary
        The theme or topic.
    keys : dict
        From :func:`theme_keys`.

    Returns
    -------
    list of tuple
        One entry per pair whose comments may be shown; the count is ``None`` where
        :func:`analysis.privacy.may_show_theme_counts` refuses it, or where it would give
        such a count away.
    """
    key = keys.get(summary.name)
    if key is None:
        return []
    rows = _counts(db, result.wave, key)
    rules = result_thresholds(result)
    allowed = {(p.from_dept, p.to_dept) for p in result.pairs if may_show_pair_comments(p, rules)}
    counts = [(f"{s} → {t}", int(n)) for s, t, n in rows if (s, t) in allowed]
    hidden = _hidden(counts, rules)
    sizes = [(pair, None if pair in hidden else n) for pair, n in counts]
    return sorted(sizes, key=lambda item: (-(item[1] or 0), item[0]))


def _hidden(counts: list[tuple[str, int]], rules: Thresholds) -> set[str]:
    """The pairs whose count is given as "fewer than k": those under it, and as many of
    the smallest others as it takes for the hidden pairs to be two or more and to hold k
    comments together. The theme's total is shown: with one pair hidden, the total less
    the pairs shown was its count."""
    hidden = {pair for pair, n in counts if not may_show_theme_counts(n, rules)}
    shown = sorted((n, pair) for pair, n in counts if pair not in hidden)
    while hidden and shown:
        held = sum(n for pair, n in counts if pair in hidden)
        if len(hidden) >= 2 and may_show_theme_counts(held, rules):
            break
        hidden.add(shown.pop(0)[1])
    return hidden


def _counts(db: Database, wave: str, key: str) -> list[tuple[str, str, int]]:
    """``(from name, to name, comments)`` on theme ``key`` in ``wave``."""
    names = (
        "JOIN waves w ON w.id = c.wave_id JOIN departments df ON df.id = c.from_id "
        "JOIN departments dt ON dt.id = c.to_id"
    )
    if key.startswith("topic:"):
        return db.execute(
            f"SELECT df.name, dt.name, COUNT(*) FROM comments c {names} "
            "JOIN topic_assignments a ON a.comment_id = c.id "
            "WHERE w.name = ? AND a.topic_id = ? GROUP BY c.from_id, c.to_id",
            [wave, int(key.split(":", 1)[1])],
        ).fetchall()
    return db.execute(
        f"SELECT df.name, dt.name, COUNT(*) FROM comments c {names}, json_each(c.themes) j "
        "WHERE w.name = ? AND c.themes IS NOT NULL AND json_valid(c.themes) "
        "AND j.value = ? GROUP BY c.from_id, c.to_id",
        [wave, key],
    ).fetchall()
