"""What the comments explorer's filter boxes offer: waves, departments, and only the themes
and topics that groups which may be shown mention (a theme only a hidden group mentions is
not offered, nor a topic whose terms may not be shown).

Functions take an open ``sqlite_utils.Database`` owned by the calling thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.comments_query import allowed_groups
from analysis.privacy import may_show_topic_terms
from analysis.privacy_settings import thresholds_from_settings

if TYPE_CHECKING:
    from sqlite_utils import Database


def filter_choices(db: Database) -> dict[str, list]:
    """Values for the filter boxes: waves (newest first), departments, themes and topics.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.

    Returns
    -------
    dict
        ``waves`` and ``departments`` (names), ``themes`` (taxonomy theme ids found in
        comments of groups that may be shown) and ``topics`` (``(id, label)`` of the topics
        whose terms may be shown).
    """
    from surveys.store import departments
    from surveys.waves import wave_names

    waves = wave_names(db)
    depts = [d.name for d in departments(db)]
    themes = _shown_themes(db, allowed_groups(db))
    topics = _shown_topics(db, thresholds_from_settings(db))
    return {"waves": waves, "departments": depts, "themes": themes, "topics": topics}


def _shown_themes(db: Database, allowed: set) -> list[str]:
    """Taxonomy theme ids found in comments of ``allowed`` groups, sorted: a theme only a
    hidden group mentions is not offered."""
    return sorted(
        {
            theme
            for wave_id, from_id, to_id, theme in db.execute(
                "SELECT DISTINCT c.wave_id, c.from_id, c.to_id, j.value "
                "FROM comments c, json_each(c.themes) j "
                "WHERE c.themes IS NOT NULL AND json_valid(c.themes)"
            ).fetchall()
            if (wave_id, from_id, to_id) in allowed
        }
    )


def _shown_topics(db: Database, rules) -> list[tuple[int, str]]:
    """``(id, label)`` of the topics whose terms may be shown, in their order.

    Counted in people (submissions), as the Themes section lists topics: one respondent
    comments on each department they rate, so a topic's size in comments overstates them.
    Counted up to the threshold only (counting all took 0.3 s of 200,000 comments).
    """
    return [
        (topic_id, label)
        for topic_id, label, size, people in db.execute(
            "SELECT t.id, t.label, t.size, (SELECT COUNT(*) FROM (SELECT DISTINCT "
            "c.submission_id FROM topic_assignments a JOIN comments c ON c.id = a.comment_id "
            "WHERE a.topic_id = t.id LIMIT ?)) FROM topics t ORDER BY t.number",
            [rules.min_comment_group],
        ).fetchall()
        if may_show_topic_terms(size or 0, rules) and may_show_topic_terms(people, rules)
    ]
