"""A colleague's module planted in the folder HR runs Rapport from never runs.

A worker process started with ``spawn`` is ``python -c ...``, and Python puts the current
folder first on a ``-c`` command's module path: a ``multiprocessing.py`` there was
imported by every worker Rapport started and ran as HR (fourth hostile round). The
colleague's file here records that it ran; each test starts a real worker the way Rapport
does, from that folder.
"""

from __future__ import annotations

import ast
import csv
import queue
import time
from pathlib import Path

import pytest

from analysis import import_ahead
from desktop_app.cli import main
from surveys.store import create_workspace

ROOT = Path(__file__).resolve().parents[2]
PLANTED = """\
import pathlib
pathlib.Path(__file__).with_name("RAN-AS-HR").write_text("the colleague's code ran")
raise ImportError("the colleague's module")
"""


@pytest.fixture
def team_folder(tmp_path: Path, monkeypatch) -> Path:
    """A folder colleagues may write to, holding their ``multiprocessing.py``, made the
    current folder (as when HR runs ``rapport import`` beside the file to import)."""
    folder = tmp_path / "team-drive"
    folder.mkdir()
    (folder / "multiprocessing.py").write_text(PLANTED, encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.delenv("PYTHONSAFEPATH", raising=False)  # as in HR's shell
    return folder


def _responses(path: Path, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["submission_id", "wave", "respondent_department", "target_department", "item",
             "value"]
        )  # fmt: skip
        for k in range(rows):
            out.writerow([f"s{k}", "2026-05", "Sales", "IT", "overall", 1 + k % 5])
            out.writerow([f"s{k}", "2026-05", "Sales", "IT", "comment", f"Slow reply {k}."])
    return path


def test_an_import_beside_a_planted_module_runs_none_of_it(
    team_folder: Path, tmp_path: Path, monkeypatch
) -> None:
    # The comment worker beside the import, as it starts for a large file on a quiet
    # machine (the file here is small).
    monkeypatch.setattr(import_ahead, "AHEAD_FROM_BYTES", 0)
    monkeypatch.setattr(import_ahead, "_core_to_spare", lambda: True)
    started: list[int | None] = []
    real_close = import_ahead.ImportAhead.close

    def close(self) -> None:  # the worker answers (or dies) before the import ends
        started.append(self.handed)
        deadline = time.monotonic() + 60
        while self._process.is_alive() and self.received < self.handed:
            if time.monotonic() > deadline:
                break
            time.sleep(0.01)
        real_close(self)

    monkeypatch.setattr(import_ahead.ImportAhead, "close", close)
    create_workspace(tmp_path / "ws", ("Sales", "IT")).close()
    answers = _responses(team_folder / "export.csv", 40)

    assert main(["import-csv", str(tmp_path / "ws"), str(answers)]) == 0

    assert started and started[0] > 0  # a worker was started and given the comments
    assert not (team_folder / "RAN-AS-HR").exists()


def test_the_hr_windows_job_worker_runs_none_of_it(team_folder: Path) -> None:
    from desktop_app.jobs.outcome import Outcome
    from desktop_app.jobs.worker import WorkerProcess, encode_task, ping

    ended: queue.SimpleQueue = queue.SimpleQueue()
    worker = WorkerProcess()
    try:
        task = encode_task("ping", ping, (), {})
        worker.run(1, "ping", task, lambda *_: None, lambda outcome, _: ended.put(outcome))
        assert ended.get(timeout=60) is Outcome.SUCCEEDED
    finally:
        worker.stop()
    assert not (team_folder / "RAN-AS-HR").exists()


def test_an_analysis_worker_runs_none_of_it(team_folder: Path) -> None:
    from analysis.worker_task import WorkerTask

    with WorkerTask(len, [1, 2, 3]) as task:
        assert task.result() == 3
    assert not (team_folder / "RAN-AS-HR").exists()


def test_every_worker_is_started_through_spawn_context() -> None:
    """``multiprocessing.get_context`` is called in surveys/spawn.py only, so the sentiment
    workers and the self-test's worker are covered too (a broken process pool can hang
    where a test of its own would start one)."""
    found = []
    for package in ("analysis", "surveys", "desktop_app"):
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                called = isinstance(node, ast.Call) and (
                    getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                )
                if called in {"get_context", "Pool", "set_start_method"}:
                    found.append(path.relative_to(ROOT).as_posix())
    assert found == ["surveys/spawn.py"]
