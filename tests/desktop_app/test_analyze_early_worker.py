"""`rapport analyze` starts the sentiment worker before the analysis' modules load."""

from __future__ import annotations

import csv
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.privacy import shown_waves_sql
from analysis.sentiment import background
from desktop_app.cli import main
from surveys.store import open_workspace
from tests.analysis.core_helpers import Filler

DATA = Path(__file__).resolve().parents[2] / "analysis" / "data"


def _fill(folder: Path, n: int, wave: str = "2026-10") -> None:
    with (DATA / "workplace_labelled.csv").open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][:n]
    filler = Filler(folder)
    pairs = [("Sales", "IT"), ("IT", "Sales"), ("Marketing", "Operations"), ("IT", "Marketing")]
    per_pair = len(texts) // len(pairs)
    for k, (source, target) in enumerate(pairs):
        part = texts[k * per_pair : (k + 1) * per_pair]
        filler.group(wave, source, target, len(part), 2 + k % 3, random.Random(k), part, 1)
    filler.close()


def _stopped(processes, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while any(p.is_alive() for p in processes) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(p.is_alive() for p in processes)


def test_the_count_is_that_of_the_comments_an_analysis_scores(workspace, monkeypatch) -> None:
    _fill(workspace, 40)
    _fill(workspace, 20, wave="2026-11")
    db = open_workspace(workspace)
    db.execute("UPDATE waves SET status = 'open' WHERE name = '2026-11'")  # not analysed
    db.conn.commit()
    expected = db.execute(
        "SELECT COUNT(*) FROM comments WHERE analysed_with IS NULL "
        f"AND {shown_waves_sql('wave_id')}"
    ).fetchone()[0]
    assert background.never_analysed(db) == expected == 40
    db.close()
    monkeypatch.setattr(background, "BACKGROUND_FROM", 41)
    assert not background.start_early_for(workspace)
    assert background._early is None
    monkeypatch.setattr(background, "BACKGROUND_FROM", 40)
    assert background.start_early_for(workspace)
    try:
        assert background._early is not None
    finally:
        background.stop_early()


def test_a_folder_that_is_no_workspace_starts_nothing(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(background, "BACKGROUND_FROM", 0)
    assert not background.start_early_for(tmp_path / "missing")
    (tmp_path / "odd").mkdir()
    from surveys.workspace_reads import database_path

    database_path(tmp_path / "odd").write_bytes(b"not a database")
    assert not background.start_early_for(tmp_path / "odd")  # the analysis says what is wrong
    assert background._early is None


def test_a_workspace_being_written_is_not_waited_for(workspace, monkeypatch) -> None:
    # WAL (the workspace's journal) lets readers in; a rollback journal (some network
    # shares) does not: the analysis then waits for the writer itself, not twice.
    import sqlite3

    from surveys.workspace_reads import database_path

    monkeypatch.setattr(background, "BACKGROUND_FROM", 0)
    writer = sqlite3.connect(database_path(workspace), isolation_level=None)
    assert writer.execute("PRAGMA journal_mode = DELETE").fetchone() == ("delete",)
    writer.execute("BEGIN EXCLUSIVE")
    try:
        begun = time.monotonic()
        assert not background.start_early_for(workspace)
        assert time.monotonic() - begun < 2  # sqlite3's default is to wait 5 s
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert background._early is None


_STARTED = """
import sys
from analysis.sentiment import background
from desktop_app.cli import main

background.BACKGROUND_FROM = 40
real_start = background.start_early

def start(*args):
    heavy = sorted(m for m in ("sqlite_utils", "numpy", "analysis.pipeline") if m in sys.modules)
    print("loaded when the worker starts:", heavy)
    waiting = background._early
    real_start(*args)
    if waiting is not None:
        print("waiting already:", background._early is waiting)

background.start_early = start
sys.exit(main(["analyze", sys.argv[1], "--quiet"]))
"""


def test_rapport_analyze_starts_the_worker_before_the_analysis_loads(workspace) -> None:
    # On an idle machine the worker's last chunk ends the analysis: it starts about 0.2 s
    # sooner than from inside the analysis.
    _fill(workspace, 40)
    done = subprocess.run(
        [sys.executable, "-c", _STARTED, str(workspace)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()[:2]
    assert first == "loaded when the worker starts: []"
    assert second.startswith("loaded when the worker starts: [")  # the analysis' call...
    assert "waiting already: True" in done.stdout  # ...finds the worker waiting: no second
    assert "Pairs: " in done.stdout
    db = open_workspace(workspace)
    assert background.never_analysed(db) == 0
    db.close()


def test_a_worker_started_for_a_failing_analysis_is_stopped(workspace, monkeypatch, capsys) -> None:
    _fill(workspace, 40)
    monkeypatch.setattr(background, "BACKGROUND_FROM", 40)
    started: list = []
    real_start = background.start_early

    def start(*args) -> None:
        real_start(*args)
        started.extend(background._early._processes.values())

    monkeypatch.setattr(background, "start_early", start)
    assert main(["analyze", str(workspace), "--wave", "1999-01", "--quiet"]) != 0
    assert "1999-01" in capsys.readouterr().err
    assert started and background._early is None
    assert _stopped(started)


@pytest.mark.parametrize("module", ["analysis.sentiment.background"])
def test_the_module_that_starts_the_worker_is_light(module) -> None:
    code = f"import sys, {module}; print(sorted(m for m in ('numpy', 'sqlite_utils', "
    code += "'analysis.sentiment.scoring') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr
