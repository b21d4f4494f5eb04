"""What the workspace says about the comments an analysis will score, read before it starts.

`rapport analyze` decides whether to start the sentiment worker early from how many
comments were never analysed (:func:`never_analysed`), and the worker, once started,
reads the first chunk it will be handed (:func:`first_chunk`) and scores it while the
analysing process still loads its analysers
(:func:`analysis.sentiment.background.start_early`). Standard library only at import
time: both run before the analysis' own modules load.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

#: The comments of closed waves never analysed: those a run of the analysis will score
#: (the waves of :func:`analysis.privacy.shown_waves_sql`, spelled out here so that this
#: module need not import :mod:`analysis.privacy`).
NEVER_ANALYSED = (
    "SELECT COUNT(*) FROM comments WHERE analysed_with IS NULL "
    "AND wave_id IN (SELECT id FROM waves WHERE status = 'closed')"
)


def never_analysed(db) -> int:
    """How many comments of closed waves were never analysed (:data:`NEVER_ANALYSED`).

    Parameters
    ----------
    db : sqlite3.Connection or sqlite_utils.Database
        An open workspace.
    """
    return db.execute(NEVER_ANALYSED).fetchone()[0]


#: The rows of a session's first batch (:data:`analysis.comment_update.BATCH`, which a test
#: holds equal): its first chunk is made from them alone.
FIRST_BATCH = 20_000
#: The comments an analysis scores first when none was analysed with another version: those
#: of :data:`NEVER_ANALYSED`, in the order of :class:`analysis.comment_update.CommentUpdate`.
FIRST_ROWS = (
    "SELECT text FROM comments WHERE analysed_with IS NULL "
    "AND wave_id IN (SELECT id FROM waves WHERE status = 'closed') ORDER BY id LIMIT ?"
)


def first_chunk(database: str | Path) -> list[str]:
    """The first chunk a :class:`ScoringSession` of the next analysis of ``database`` will
    make, as far as the workspace says now: the first :data:`~analysis.sentiment.scoring.CHUNK`
    distinct normalised texts of the first batch of comments never analysed, in a process
    whose score cache is empty (a new worker's). Empty when the workspace cannot be read
    at once (busy, missing, not a database).
    """
    from analysis.sentiment import scoring

    uri = Path(database).resolve().as_uri() + "?mode=ro"
    chunk: dict[str, None] = {}
    try:
        db = sqlite3.connect(uri, uri=True, timeout=0)
        try:  # the rows are read only as far as the chunk goes
            for (text,) in db.execute(FIRST_ROWS, [FIRST_BATCH]):
                chunk[scoring.normalise(text) if text else ""] = None
                if len(chunk) == scoring.CHUNK:
                    break
        finally:
            db.close()
    except sqlite3.Error:
        return []
    return list(chunk)
