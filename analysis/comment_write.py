"""Writing a batch of analysed comments: one transaction with every column, in either process.

:class:`analysis.comment_update.CommentUpdate` writes each batch once its sentiment scores
are in. When the sentiment worker (:class:`analysis.sentiment.background.ScoringSession`)
scores the batch, the analysing process may hand it the rest of the batch's row
(:class:`BatchRows`) as soon as it has found it: the worker then writes the batch itself
(:func:`write_scored`) right after scoring it, while the analysing process is still
discovering topics, instead of leaving the write to one core after the scores. Either way
the rows, the statements and their order are the same (:func:`write_rows`), so the
workspace is the same whichever process wrote it.

The worker's write is one ``BEGIN IMMEDIATE`` transaction on a plain ``sqlite3``
connection: a worker that fails or dies before ``COMMIT`` leaves nothing written, and the
analysing process, which keeps the batch until it knows, writes it itself.

Standard library only at import time (the worker imports this module; the scorer and
the model's calibration are imported where they are used).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from analysis.sentiment.comment_labels import MODEL_LABEL_SET

#: One comment's row, written by :data:`UPDATE_SQL` (the parameters in order).
UPDATE_SQL = (
    f"UPDATE comments SET redacted = ?, sentiment = ?, {MODEL_LABEL_SET}, "
    "conflict = ?, orientation = ?, markers = ?, themes = ?, analysed_with = ? "
    "WHERE id = ?"
)
#: The full-text index of redacted comments is kept up to date by a trigger, one comment
#: at a time. From this many comments on, a batch updates it in one statement instead.
BULK_INDEX_FROM = 1_000
_FTS_TRIGGER = "comments_fts_update"


@dataclass(frozen=True)
class BatchRows:
    """A batch's row without its sentiment: what the analysing process found.

    Attributes
    ----------
    ids : list of int
        The comments, in the batch's order.
    redacted : list of str
        Each comment's redacted text.
    conflicts : list of tuple
        Each comment's (conflict score, orientation, markers JSON).
    themes : list of str
        Each comment's themes as JSON.
    version : str
        The ``analysed_with`` value (:func:`analysis.comment_update.cache_version`).
    """

    ids: list[int]
    redacted: list[str]
    conflicts: list[tuple[float, Any, str]]
    themes: list[str]
    version: str


def comment_rows(
    batch: BatchRows,
    scores: Sequence[float],
    label_of: Callable[[float], str],
    confidence_of: Callable[[list[float]], list[float]] | None,
) -> tuple[list[int], list[tuple]]:
    """The parameters of :data:`UPDATE_SQL` for each comment of ``batch``.

    Parameters
    ----------
    batch : BatchRows
        What was found, without sentiment.
    scores : sequence of float
        Each comment's sentiment score.
    label_of, confidence_of : callable
        The engine's label of a score and confidence in it (``None``: unknown).

    Returns
    -------
    tuple
        The comment ids and their rows.
    """
    values = [float(s) for s in scores]
    sure = confidence_of(values) if confidence_of else [None] * len(values)
    rows = []
    for i, comment_id in enumerate(batch.ids):
        conflict, orientation, markers = batch.conflicts[i]
        label = label_of(values[i])
        rows.append(
            (
                batch.redacted[i],
                values[i],
                label,
                sure[i],
                conflict,
                orientation,
                markers,
                batch.themes[i],
                batch.version,
                comment_id,
            )
        )
    return batch.ids, rows


def write_rows(conn: sqlite3.Connection, ids: list[int], rows: list[tuple]) -> None:
    """Write the rows of :func:`comment_rows` inside the caller's transaction."""
    with search_index_in_bulk(conn, ids):
        conn.executemany(UPDATE_SQL, rows)


def write_as_scored(
    conn: sqlite3.Connection,
    batch: BatchRows,
    pieces: Iterable[tuple[list[int], list[float]]],
    label_of: Callable[[float], str],
    confidence_of: Callable[[list[float]], list[float]] | None,
) -> None:
    """Write ``batch`` inside the caller's transaction, piece by piece as its scores come in.

    ``pieces`` yields which comments of the batch (their positions in it) have their
    score now, and those scores
    (:meth:`analysis.sentiment.background.ScoringSession.scores_as_scored`): each piece's
    rows are written while the sentiment worker scores the next, so that little of the
    write is left once the last score is in. The rows are those of :func:`comment_rows`
    (a comment's label and confidence depend on its score alone); the search index is
    brought up to date first, from the batch's redacted texts
    (:func:`search_index_in_bulk`). Raises ``LookupError`` when a comment got no score
    (the caller's transaction is then rolled back).
    """
    written = 0
    with search_index_in_bulk(conn, batch.ids, batch.redacted):
        for positions, scores in pieces:
            part = BatchRows(
                [batch.ids[p] for p in positions],
                [batch.redacted[p] for p in positions],
                [batch.conflicts[p] for p in positions],
                [batch.themes[p] for p in positions],
                batch.version,
            )
            conn.executemany(UPDATE_SQL, comment_rows(part, scores, label_of, confidence_of)[1])
            written += len(positions)
        if written != len(batch.ids):
            raise LookupError(f"{len(batch.ids) - written} comments of the batch got no score")


def batch_written(conn: sqlite3.Connection, batch: BatchRows) -> bool:
    """Whether another connection has written ``batch`` already (inside a write
    transaction: the answer holds until it ends).

    A batch holds only comments that were not analysed with ``batch.version``. The usual
    answer, "no", is read from its first comment alone; when that one is written, every
    comment of the batch is looked at, since another analysis of the workspace (the HR
    window's, beside `rapport analyze`) cuts its batches elsewhere and may have written
    only a part of this one: the batch is written whole then (the same rows again).
    """
    if not batch.ids:
        return False
    found = conn.execute("SELECT analysed_with FROM comments WHERE id = ?", [batch.ids[0]])
    row = found.fetchone()
    if row is None or row[0] != batch.version:
        return False
    left = conn.execute(
        "SELECT 1 FROM comments WHERE id IN (SELECT value FROM json_each(?)) "
        "AND analysed_with IS NOT ? LIMIT 1",
        [json.dumps(batch.ids), batch.version],
    )
    return left.fetchone() is None


def write_scored(path: str, batch: BatchRows, scores: Sequence[float], busy_ms: int) -> bool:
    """In the sentiment worker: write ``batch`` with its ``scores`` to the workspace
    database at ``path`` in one transaction, labelled as the shipped model labels them.

    Returns ``True`` once committed, ``False`` when the analysing process wrote the batch
    first (:func:`write_as_scored`: it took the batch over while the worker scored its
    last chunks); raises (after rolling back) if the write failed, so that the analysing
    process writes the batch itself.
    """
    from analysis.sentiment.comment_labels import model_confidence
    from analysis.sentiment.labels import label_of

    conn = sqlite3.connect(path, isolation_level=None, timeout=busy_ms / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("BEGIN IMMEDIATE")  # waits (busy timeout) for another writer
        try:
            if batch_written(conn, batch):  # the rows are not even made then
                conn.execute("ROLLBACK")
                return False
            write_rows(conn, *comment_rows(batch, scores, label_of, model_confidence))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
    return True


@contextmanager
def search_index_in_bulk(
    conn: sqlite3.Connection, ids: list[int], texts: Sequence[str | None] | None = None
):
    """Inside a transaction: update ``comments_fts`` for ``ids`` in bulk, not row by row.

    For a large batch the per-row trigger costs most of the write (1.4 s of 1.8 s for
    19,000 comments); indexing the batch in one statement takes 0.1 s. The trigger is
    dropped for the batch's UPDATE and created again from its stored definition, all in
    the caller's transaction, so other connections never see it missing.

    The batch's new redacted texts are indexed after its rows are written (read back from
    them), or at once when given as ``texts`` (each ``ids``' in order), so that a write that
    waits for its scores (:func:`write_as_scored`) does it while it waits. The index is the
    same either way: the same texts, in the same order of ids.
    """
    found = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [_FTS_TRIGGER]
    ).fetchone()
    if len(ids) < BULK_INDEX_FROM or found is None:
        yield
        return
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS bulk_ids (id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM bulk_ids")
    conn.executemany("INSERT INTO bulk_ids (id) VALUES (?)", [(i,) for i in ids])
    conn.execute(
        "INSERT INTO comments_fts (comments_fts, rowid, redacted) SELECT 'delete', c.id, "
        "c.redacted FROM comments c JOIN bulk_ids b ON b.id = c.id WHERE c.redacted IS NOT NULL"
    )
    conn.execute(f"DROP TRIGGER {_FTS_TRIGGER}")
    if texts is not None:
        _index_texts(conn, ids, texts)
    yield
    if texts is None:
        conn.execute(
            "INSERT INTO comments_fts (rowid, redacted) SELECT c.id, c.redacted FROM comments c "
            "JOIN bulk_ids b ON b.id = c.id WHERE c.redacted IS NOT NULL"
        )
    conn.execute(found[0])
    conn.execute("DELETE FROM bulk_ids")


def _index_texts(conn: sqlite3.Connection, ids: list[int], texts: Sequence[str | None]) -> None:
    """Add ``texts`` (the redacted text of each of ``ids``) to ``comments_fts``, in the order
    of ids, as the statement after a batch's rows are written does (it skips the comments
    another job removed since they were read: their rows are not written either)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS bulk_texts (id INTEGER PRIMARY KEY, redacted)")
    conn.execute("DELETE FROM bulk_texts")
    pairs = [(i, text) for i, text in zip(ids, texts, strict=True) if text is not None]
    conn.executemany("INSERT INTO bulk_texts (id, redacted) VALUES (?, ?)", pairs)
    conn.execute(  # only comments still there: another job may have removed one since
        "INSERT INTO comments_fts (rowid, redacted) SELECT t.id, t.redacted FROM bulk_texts t "
        "JOIN comments c ON c.id = t.id ORDER BY t.id"
    )
    conn.execute("DELETE FROM bulk_texts")
