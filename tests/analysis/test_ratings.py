"""Incremental ratings: the stored snapshot always gives exactly what a full read gives."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from sqlite_utils import Database

from analysis.ratings import Ratings, load_ratings
from surveys.model import DIMENSIONS
from surveys.store import database_path, open_workspace
from tests.analysis.core_helpers import Filler

PAIRS = (("Sales", "IT"), ("IT", "Sales"), ("Marketing", "Operations"))


def _add(folder: Path, wave: str, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    filler = Filler(folder)
    ids = []
    for i in range(n):
        source, target = PAIRS[i % len(PAIRS)]
        asked = rng.sample(DIMENSIONS, 4)  # rotation: four of the seven dimensions
        ratings = {d: rng.randint(1, 5) for d in asked} | {"overall": rng.randint(1, 5)}
        ids.append(filler.respondent(wave, source, target, ratings))
    filler.close()
    return ids


def _load(folder: Path) -> Ratings:
    db = open_workspace(folder)
    try:
        return load_ratings(db)
    finally:
        db.close()


def _full(folder: Path) -> Ratings:
    """A read with no snapshot: what the rows must be."""
    db = open_workspace(folder)
    try:
        db.execute("DELETE FROM ratings_snapshot")
        return load_ratings(db)
    finally:
        db.close()


def _run(folder: Path, sql: str, params: list | None = None) -> None:
    db = open_workspace(folder)
    try:
        db.execute(sql, params or [])
    finally:
        db.close()


def _snapshot(folder: Path) -> tuple | None:
    db = open_workspace(folder)
    try:
        return db.execute("SELECT last_submission, answers FROM ratings_snapshot").fetchone()
    finally:
        db.close()


def _assert_same(got: Ratings, want: Ratings) -> None:
    for name in ("wave", "from_id", "to_id", "dims", "overall"):
        np.testing.assert_array_equal(getattr(got, name), getattr(want, name), err_msg=name)


def test_rows_added_in_batches_match_a_full_read_exactly(workspace: Path) -> None:
    _add(workspace, "2026-09", 12, seed=1)
    first = _load(workspace)
    assert len(first.wave) == 12
    assert _snapshot(workspace) is not None
    _add(workspace, "2026-10", 9, seed=2)
    _add(workspace, "2026-09", 3, seed=3)  # a late submission to an earlier wave
    incremental = _load(workspace)
    assert len(incremental.wave) == 24
    _assert_same(incremental, _full(workspace))
    db = open_workspace(workspace)
    answers = db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
    db.close()
    assert _snapshot(workspace)[1] == answers


def test_values_are_decoded_with_nan_for_items_not_asked(workspace: Path) -> None:
    filler = Filler(workspace)
    filler.respondent("2026-10", "Sales", "IT", {"timely": 2, "respect": 5, "overall": 1})
    filler.close()
    got = _load(workspace)
    row = dict(zip(DIMENSIONS, got.dims[0], strict=True))
    assert row.pop("timely") == 2 and row.pop("respect") == 5
    assert all(np.isnan(v) for v in row.values())
    assert got.overall[0] == 1
    assert got.respondent_index[0] == pytest.approx(3.5)


def test_a_changed_answer_clears_the_snapshot_and_is_read(workspace: Path) -> None:
    _add(workspace, "2026-10", 6, seed=4)
    _load(workspace)
    _run(workspace, "UPDATE answers SET value = 5 WHERE item = 'overall'")
    assert _snapshot(workspace) is None
    assert list(_load(workspace).overall) == [5.0] * 6


def test_an_erased_submission_leaves_no_trace_in_the_snapshot(workspace: Path) -> None:
    ids = _add(workspace, "2026-10", 6, seed=5)
    _load(workspace)
    _run(workspace, "DELETE FROM answers WHERE submission_id = ?", [ids[-1]])
    _run(workspace, "DELETE FROM submissions WHERE id = ?", [ids[-1]])
    assert _snapshot(workspace) is None
    _add(workspace, "2026-10", 2, seed=6)  # may reuse the erased submission's rowid
    got = _load(workspace)
    assert len(got.wave) == 7
    _assert_same(got, _full(workspace))


def test_an_answer_added_to_an_earlier_submission_forces_a_full_read(workspace: Path) -> None:
    ids = _add(workspace, "2026-10", 4, seed=7)
    _load(workspace)
    db = open_workspace(workspace)
    wave, source, target = db.execute(
        "SELECT wave_id, from_id, to_id FROM answers WHERE submission_id = ?", [ids[0]]
    ).fetchone()
    asked = {r[0] for r in db.execute("SELECT item FROM answers WHERE submission_id = ?", [ids[0]])}
    missing = next(d for d in DIMENSIONS if d not in asked)
    db.execute(  # an insert fires no trigger: only the answer count tells
        "INSERT INTO answers VALUES (?, ?, ?, ?, ?, 4)", [ids[0], wave, source, target, missing]
    )
    db.close()
    assert _snapshot(workspace) is not None
    got = _load(workspace)
    assert got.dims[0, DIMENSIONS.index(missing)] == 4
    _assert_same(_load(workspace), _full(workspace))


def test_a_snapshot_of_another_format_is_rebuilt(workspace: Path) -> None:
    _add(workspace, "2026-10", 5, seed=8)
    _load(workspace)
    _run(workspace, "UPDATE ratings_snapshot SET format = '0:old', rows = zeroblob(16)")
    _assert_same(_load(workspace), _full(workspace))


def test_a_read_only_workspace_is_read_in_full_without_error(workspace: Path) -> None:
    _add(workspace, "2026-10", 5, seed=9)
    want = _full(workspace)
    _run(workspace, "DELETE FROM ratings_snapshot")
    uri = f"file:{database_path(workspace)}?mode=ro"
    db = Database(sqlite3.connect(uri, uri=True))
    try:
        _assert_same(load_ratings(db), want)
    finally:
        db.close()
    assert _snapshot(workspace) is None  # nothing could be stored, nothing was


def test_an_analysed_workspace_of_schema_5_upgrades_and_reads_its_ratings(tmp_path: Path) -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "schema_005.db"
    shutil.copy(fixture, database_path(tmp_path))
    got = _load(tmp_path)  # opening migrates to the newest schema; no snapshot yet
    assert len(got.wave) == 6
    assert _snapshot(tmp_path) == (6, 6 * 8)
    _assert_same(_load(tmp_path), _full(tmp_path))
