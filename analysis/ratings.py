"""Ratings as one row per (submission, target department), read incrementally.

A respondent's answers about one target department become one row: the seven dimensions
and ``overall``. Reading them from 2 million answers takes about a second, so the rows are
kept packed in the workspace (``ratings_snapshot``, migration ``m006_incremental_analysis``)
with the last submission they cover. The next analysis reads only the answers of later
submissions and appends them. The snapshot is used only while it provably matches
``answers``:

- its format (the items, their order and the packing) is this module's;
- changing or removing an answer deletes it (triggers);
- the answers it covers plus the new ones add up to the answers in the table (so answers
  added to an older submission, or a ``VACUUM`` that renumbered submissions, rebuild it).

Rows are kept in submission ``rowid`` order (then target), so an incremental read and a
full rebuild give the same arrays, and the same figures to the last bit.

Thread contract: functions take an open database owned by the calling thread.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass

import numpy as np

from surveys.model import DIMENSIONS

#: The rated items, in packing order: digit ``j`` (base 6) of a row's code is item ``j``.
ITEMS = (*DIMENSIONS, "overall")
#: Changes whenever the packing or the items change; a snapshot of another format is rebuilt.
FORMAT = "1:" + ",".join(ITEMS)
_CASE = " ".join(f"WHEN '{item}' THEN {6**j}" for j, item in enumerate(ITEMS))
# One row per (submission, target): submission rowid, wave, from, to, packed values, answers.
# Packing the values into one integer is several times faster in SQLite than a CASE column
# per item. Visiting submissions in rowid order gives the rows in snapshot order.
_ROWS_SQL = (
    "SELECT s.rowid, a.wave_id, a.from_id, a.to_id, "
    f"SUM(a.value * (CASE a.item {_CASE} ELSE 0 END)), COUNT(*) "
    "FROM submissions s JOIN answers a ON a.submission_id = s.id "
    "WHERE s.rowid > ? GROUP BY s.rowid, a.to_id ORDER BY s.rowid, a.to_id"
)


@dataclass
class Ratings:
    """One row per (submission, target department): the seven dimensions and overall.

    ``dims`` holds NaN where an item was not asked (rotation) or not answered.
    """

    wave: np.ndarray
    from_id: np.ndarray
    to_id: np.ndarray
    dims: np.ndarray
    overall: np.ndarray

    @property
    def respondent_index(self) -> np.ndarray:
        """Each row's mean over the dimensions it rated (NaN when it rated none)."""
        counts = np.sum(~np.isnan(self.dims), axis=1)
        sums = np.nansum(self.dims, axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


@dataclass(frozen=True)
class _Packed:
    """Rows as ``int32[n, 4]`` (wave, from, to, code), and what they cover."""

    rows: np.ndarray
    last_submission: int
    answers: int


def load_ratings(db) -> Ratings:
    """Read every rating as one row per (submission, target department).

    Reads only the submissions added since the stored snapshot when it still matches the
    answers, and stores the updated snapshot (best effort: a read-only or concurrently
    changed workspace is simply read in full next time).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.

    Returns
    -------
    Ratings
        Rows in submission order; rows that rated none of the items are left out.
    """
    with db.atomic():  # one read snapshot: the stored rows, the new rows and the count agree
        stored = _stored(db)
        total = int(db.execute("SELECT COUNT(*) FROM answers").fetchone()[0])
        packed = _extend(db, stored, total) if stored is not None else None
        if packed is None:
            packed = _read_after(db, _Packed(np.zeros((0, 4), np.int32), 0, 0))
        if packed is not stored:
            _store(db, packed)
    return _unpack(packed.rows)


def _stored(db) -> _Packed | None:
    try:
        row = db.execute(
            "SELECT format, last_submission, answers, rows FROM ratings_snapshot WHERE id = 1"
        ).fetchone()
    except sqlite3.OperationalError:  # a workspace opened without migrating
        return None
    if row is None or row[0] != FORMAT:
        return None
    rows = np.frombuffer(row[3], dtype="<i4").reshape(-1, 4)
    return _Packed(rows, int(row[1]), int(row[2]))


def _extend(db, stored: _Packed, total: int) -> _Packed | None:
    """``stored`` plus the later submissions, or None when it no longer matches."""
    packed = _read_after(db, stored)
    return packed if packed.answers == total else None


def _read_after(db, base: _Packed) -> _Packed:
    data = db.execute(_ROWS_SQL, [base.last_submission]).fetchall()
    if not data:
        return base
    new = np.array(data, dtype=np.int64)
    answered = new[new[:, 4] > 0]  # rows that answered none of the rated items are dropped
    rows = np.concatenate([base.rows, answered[:, 1:5].astype(np.int32)])
    return _Packed(rows, int(new[-1, 0]), base.answers + int(new[:, 5].sum()))


def _store(db, packed: _Packed) -> None:
    # Read-only, busy, or changed since this read began: it is simply read in full next time.
    with contextlib.suppress(sqlite3.OperationalError):
        db.execute(
            "INSERT OR REPLACE INTO ratings_snapshot (id, format, last_submission, answers, rows) "
            "VALUES (1, ?, ?, ?, ?)",
            [FORMAT, packed.last_submission, packed.answers, packed.rows.astype("<i4").tobytes()],
        )


def _unpack(rows: np.ndarray) -> Ratings:
    code = rows[:, 3].astype(np.int64)
    values = np.empty((len(rows), len(ITEMS)))
    for j in range(len(ITEMS)):  # digit by digit: several times faster than broadcasting
        code, values[:, j] = np.divmod(code, 6)
    values[values == 0] = np.nan
    return Ratings(
        wave=rows[:, 0].astype(np.int64),
        from_id=rows[:, 1].astype(np.int64),
        to_id=rows[:, 2].astype(np.int64),
        dims=values[:, : len(DIMENSIONS)],
        overall=values[:, len(DIMENSIONS)],
    )
