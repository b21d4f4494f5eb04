"""What the pair detail reads from the workspace: recorded actions and redacted comments.

These are short queries on the GUI thread's connection (see
:meth:`desktop_app.context.WorkspaceContext.connect`). Comments are returned only when the
pair's group meets both thresholds, and are redacted again with the current name list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ActionRecord:
    """A joint action recorded for a pair, as the pair detail lists it."""

    title: str
    wave: str | None
    owner: str | None
    due: str | None
    status: str
    notes: str | None


def _department_id(db, name: str) -> int | None:
    row = db.execute("SELECT id FROM departments WHERE name = ?", [name]).fetchone()
    return row[0] if row else None


def recorded_actions(db, from_dept: str, to_dept: str) -> list[ActionRecord]:
    """Every action recorded for ``from_dept → to_dept``, oldest wave first."""
    ids = _department_id(db, from_dept), _department_id(db, to_dept)
    if None in ids:
        return []
    rows = db.execute(
        "SELECT a.title, w.name, a.owner, a.due, a.status, a.notes FROM actions a "
        "LEFT JOIN waves w ON w.id = a.wave_id WHERE a.from_id = ? AND a.to_id = ? "
        "ORDER BY w.name, a.id",
        list(ids),
    ).fetchall()
    return [ActionRecord(*row) for row in rows]


def comments_allowed(pair: Any, min_group: int, min_comment_group: int) -> bool:
    """Whether a pair's comments may be shown (scores allowed and enough commenters)."""
    return (
        pair is not None
        and not pair.suppressed
        and pair.n >= min_group
        and pair.comment_count >= min_comment_group
    )


def pair_comments(db, result: Any, pair: Any, limit: int = 50) -> list[str]:
    """Redacted comments of a pair in the result's wave, most negative first.

    Returns an empty list when the group is under the comment threshold.
    """
    from analysis.privacy import redact, redaction_names

    if not comments_allowed(pair, result.min_group, result.min_comment_group):
        return []
    ids = _department_id(db, pair.from_dept), _department_id(db, pair.to_dept)
    wave = db.execute("SELECT id FROM waves WHERE name = ?", [result.wave]).fetchone()
    if None in ids or wave is None:
        return []
    rows = db.execute(
        "SELECT redacted FROM comments WHERE wave_id = ? AND from_id = ? AND to_id = ? "
        "AND redacted IS NOT NULL AND redacted != '' ORDER BY sentiment, redacted LIMIT ?",
        [wave[0], *ids, limit],
    ).fetchall()
    names = redaction_names(db)
    return [redact(row[0], names) for row in rows]
