"""The comments a workbook may carry: redacted, shown, shuffled, with nothing that points
back at a person.

Only the current wave's groups whose comments may be shown
(:func:`analysis.privacy.may_show_pair_comments`) are read, only the stored redaction
(redacted with today's name list), and each text must pass
:func:`analysis.privacy.is_redacted` again (a slip upstream is dropped, not fixed). Within
a pair the comments are sorted by text and then shuffled with a seed made of the wave and
the pair, so the order says nothing about who answered first and the same workspace always
gives the same file. No id, token or time leaves the database.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

from analysis.privacy import (
    is_redacted,
    may_show_pair_comments,
    redacted_with_sql,
    result_thresholds,
)
from analysis.privacy_settings import redaction_departments, redaction_names
from analysis.results import AnalysisResult
from analysis.sentiment.comment_labels import shown_label


@dataclass(frozen=True)
class SharedComment:
    """One comment as a file may show it."""

    wave: str
    from_dept: str
    to_dept: str
    label: str | None
    themes: tuple[str, ...]
    text: str


def shown_comments(db, result: AnalysisResult) -> list[SharedComment]:
    """The redacted comments of ``result``'s wave that may be shown, pair by pair.

    Parameters
    ----------
    db : sqlite_utils.Database
        The open workspace ``result`` was computed from.
    result : AnalysisResult
        Its pairs and thresholds decide which groups' comments may be shown.

    Returns
    -------
    list of SharedComment
        Pairs in the result's order; within a pair, shuffled.
    """
    from analysis.taxonomy_setting import workspace_taxonomy
    from analysis.themes import TaxonomyError, default_taxonomy

    try:
        taxonomy = workspace_taxonomy(db) or default_taxonomy()
    except TaxonomyError:
        taxonomy = default_taxonomy()
    rules = result_thresholds(result)
    names, departments = redaction_names(db), redaction_departments(db)
    current, stamp = redacted_with_sql("c.analysed_with", names, departments)
    shown: list[SharedComment] = []
    for pair in result.pairs:
        if pair.wave != result.wave or not may_show_pair_comments(pair, rules):
            continue
        rows = db.execute(
            f"SELECT c.redacted, {shown_label('c')}, c.themes FROM comments c "
            "JOIN waves w ON w.id = c.wave_id JOIN departments df ON df.id = c.from_id "
            "JOIN departments dt ON dt.id = c.to_id WHERE w.name = ? AND df.name = ? "
            f"AND dt.name = ? AND c.redacted IS NOT NULL AND c.redacted != '' AND {current}",
            [result.wave, pair.from_dept, pair.to_dept, stamp],
        ).fetchall()
        kept = sorted(
            (text, label or "", themes or "")
            for text, label, themes in rows
            if is_redacted(text, names, departments)
        )
        random.Random(f"{result.wave}:{pair.from_dept}:{pair.to_dept}").shuffle(kept)
        shown += [
            SharedComment(
                result.wave,
                pair.from_dept,
                pair.to_dept,
                label or None,
                _themes(themes, taxonomy),
                text,
            )
            for text, label, themes in kept
        ]
    return shown


def _themes(raw: str, taxonomy) -> tuple[str, ...]:
    try:
        ids = json.loads(raw) if raw else []
    except ValueError:
        return ()
    return tuple(taxonomy.label(i) for i in ids if isinstance(i, str))
