"""Stored analysis results: reused while the workspace is unchanged, never when it changed."""

from __future__ import annotations

import dataclasses
import json
import random
import subprocess
import sys

from analysis import result_store
from analysis.pipeline import analyse_workspace
from surveys.store import open_workspace, set_setting
from tests.analysis.core_helpers import Calls, Filler, fake_engine

TEXTS = ["slow to answer again", "great and quick", "they blame us", "fine work"]


def _fill(folder, n: int = 8, wave: str = "2026-10") -> None:
    filler = Filler(folder)
    filler.group(wave, "Sales", "IT", n, 2, random.Random(n), comments=TEXTS, spread=1)
    filler.group(wave, "IT", "Sales", n, 4, random.Random(n + 1), comments=TEXTS[1:], spread=1)
    filler.close()


def _cached(folder, wave=None, engine=None):
    db = open_workspace(folder)
    try:
        return result_store.cached_result(db, wave, engine)
    finally:
        db.close()


def _sql(folder, statement: str, params=()) -> None:
    db = open_workspace(folder)
    with db.atomic():
        db.execute(statement, list(params))
    db.close()


def test_an_unchanged_workspace_gets_its_stored_result_without_analysing(workspace) -> None:
    _fill(workspace)
    first = analyse_workspace(workspace, engine=fake_engine())
    assert _cached(workspace) == first  # stored, and rebuilt field for field
    calls = Calls()
    again = analyse_workspace(workspace, engine=fake_engine(calls=calls))
    assert again == first
    assert calls.scored == []  # nothing was recomputed


def test_every_input_of_the_analysis_invalidates_the_stored_result(workspace) -> None:
    _fill(workspace)
    analyse_workspace(workspace, engine=fake_engine())
    changes = [
        ("UPDATE comments SET label_corrected = 'positive' WHERE id = 1", ()),
        ("INSERT INTO actions (from_id, to_id, title) VALUES (1, 2, 'Weekly liaison')", ()),
        ("UPDATE departments SET headcount = 99 WHERE id = 1", ()),
        ("UPDATE answers SET value = 1 WHERE item = 'timely'", ()),
        ("DELETE FROM comments WHERE id = 2", ()),
    ]
    for statement, params in changes:
        assert _cached(workspace) is not None
        _sql(workspace, statement, params)
        assert _cached(workspace) is None, statement
        analyse_workspace(workspace, engine=fake_engine())
    db = open_workspace(workspace)
    set_setting(db, "min_group", 6)
    db.close()
    assert _cached(workspace) is None
    _fill(workspace, n=6, wave="2026-11")  # new submissions and their answers
    assert _cached(workspace) is None


def test_the_analysis_own_writes_keep_the_stored_result(workspace) -> None:
    _fill(workspace)
    result = analyse_workspace(workspace, engine=fake_engine())
    _sql(workspace, "UPDATE comments SET sentiment = 0.9, redacted = 'x', themes = '[]'")
    _sql(workspace, "DELETE FROM topic_assignments")
    assert _cached(workspace) == result


def test_other_analysers_or_other_code_do_not_use_the_stored_result(workspace) -> None:
    _fill(workspace)
    analyse_workspace(workspace, engine=fake_engine("fake-1"))
    calls = Calls()
    analyse_workspace(workspace, engine=fake_engine("fake-2", calls))
    assert calls.scored  # a new model version analyses again
    stored = _cached(workspace, engine="fake-2|fake-themes|")
    assert stored is not None and _cached(workspace, engine="fake-1|fake-themes|") is None
    _sql(workspace, "UPDATE analysis_cache SET code = 'an-older-rapport'")
    assert _cached(workspace) is None


def test_each_wave_is_stored_separately(workspace) -> None:
    _fill(workspace, wave="2026-09")
    _fill(workspace, wave="2026-10")
    latest = analyse_workspace(workspace, engine=fake_engine())
    earlier = analyse_workspace(workspace, "2026-09", engine=fake_engine())
    assert (_cached(workspace).wave, _cached(workspace, "2026-09").wave) == ("2026-10", "2026-09")
    assert _cached(workspace) == latest and _cached(workspace, "2026-09") == earlier
    assert _cached(workspace, "2026-08") is None


def test_a_result_whose_data_changed_meanwhile_is_not_stored(workspace) -> None:
    _fill(workspace)
    result = analyse_workspace(workspace, engine=fake_engine())
    db = open_workspace(workspace)
    version = result_store.data_version(db)
    db.execute("DELETE FROM analysis_cache")
    set_setting(db, "organisation", "Northwind")  # a write while "computing"
    result_store.store_result(db, None, version, "e", result)
    assert db.execute("SELECT COUNT(*) FROM analysis_cache").fetchone()[0] == 0
    db.close()


def test_a_stored_result_of_another_shape_is_ignored(workspace) -> None:
    _fill(workspace)
    result = analyse_workspace(workspace, engine=fake_engine())
    data = dataclasses.asdict(result)
    data["pairs"][0]["no_such_field"] = 1
    _sql(workspace, "UPDATE analysis_cache SET result = ?", [json.dumps(data)])
    assert _cached(workspace) is None


def test_reading_a_stored_result_loads_no_engine(workspace) -> None:
    _fill(workspace)
    analyse_workspace(workspace, engine=fake_engine())
    code = (
        "import sys\n"
        "from analysis.result_store import cached_result\n"
        "from surveys.store import open_workspace\n"
        f"r = cached_result(open_workspace({str(workspace)!r}), None)\n"
        "heavy = [m for m in ('scipy', 'sklearn', 'nltk') if m in sys.modules]\n"
        "print(r.wave, len(r.pairs), heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "2026-10 12 []"  # every pair of the four departments


def test_the_result_carries_the_workspace_bands_but_the_json_does_not(workspace) -> None:
    from surveys.model import Bands

    _fill(workspace)
    db = open_workspace(workspace)
    set_setting(db, "bands", {"weak_below": 2.5, "strong_above": 3.5})
    db.close()
    result = analyse_workspace(workspace, engine=fake_engine())
    assert result.bands == Bands(2.5, 3.5)
    shown = {p.band for p in result.pairs if not p.suppressed}
    assert shown == {"weak", "strong"}  # made with those bands
    assert "bands" not in result.to_json()
    assert _cached(workspace).bands == Bands(2.5, 3.5)  # stored and read back
