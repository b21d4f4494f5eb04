"""Two HR jobs at once: one waits or says clearly that another is running; no traceback.

Before, a transaction that read and then wrote (ingest's batches, the analysis's ratings
snapshot) failed at once with ``sqlite3.OperationalError: database is locked`` when another
job had written in between, well inside the busy timeout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from surveys.ingest import ingest
from surveys.keys import seal
from surveys.publish import read_published
from surveys.store import get_setting, open_workspace, set_setting
from tests.surveys.transport_helpers import PASSPHRASE, publish, submission

ROOT = Path(__file__).resolve().parents[2]


def test_a_read_then_write_transaction_waits_for_the_other_writer(workspace: Path) -> None:
    """Job A reads, job B writes meanwhile, then A writes: B waits for A, nobody fails."""
    outcome: dict[str, object] = {}
    started = threading.Event()

    def other_job() -> None:
        db = open_workspace(workspace)
        started.set()
        try:
            set_setting(db, "written_by", "B")
            outcome["b"] = "ok"
        except Exception as exc:  # noqa: BLE001 - the test reports it
            outcome["b"] = exc
        finally:
            db.close()

    db = open_workspace(workspace)
    with db.atomic():
        db.execute("SELECT count(*) FROM departments").fetchone()
        thread = threading.Thread(target=other_job)
        thread.start()
        started.wait(5)
        thread.join(0.5)  # B cannot finish while A holds the write lock: it waits
        set_setting(db, "written_by_a", "A")
    thread.join(30)
    assert outcome == {"b": "ok"}
    assert (get_setting(db, "written_by_a"), get_setting(db, "written_by")) == ("A", "B")


def _hold_the_write_lock(workspace: Path, seconds: float) -> threading.Thread:
    """Another job (another computer's Rapport on a shared workspace) takes the write lock
    for ``seconds``; returns once it holds it."""
    held = threading.Event()

    def other_job() -> None:
        db = open_workspace(workspace)
        try:
            with db.atomic():
                set_setting(db, "written_by", "B")
                held.set()
                threading.Event().wait(seconds)
        finally:
            db.close()

    thread = threading.Thread(target=other_job)
    thread.start()
    assert held.wait(10)
    return thread


def test_an_outermost_savepoint_waits_for_the_other_writer(workspace: Path) -> None:
    """Before: a savepoint outside a transaction began a deferred one, which read and then
    failed at once on its first write ("database is locked"), however short the wait."""
    from surveys.store import savepoint

    db = open_workspace(workspace)
    other = _hold_the_write_lock(workspace, 0.5)
    with savepoint(db, "rapport_test"):
        db.execute("SELECT count(*) FROM departments").fetchone()
        set_setting(db, "written_by_a", "A")
    other.join(30)
    assert not db.conn.in_transaction  # committed
    assert (get_setting(db, "written_by_a"), get_setting(db, "written_by")) == ("A", "B")
    db.close()


def test_an_import_waits_for_another_writer_instead_of_failing_at_once(
    workspace: Path, tmp_path: Path
) -> None:
    from surveys.csv_import import import_csv

    path = tmp_path / "in.csv"
    path.write_text(
        "submission_id,wave,respondent_department,target_department,item,value\n"
        "s1,2026-04,Sales,IT,overall,3\ns1,2026-04,Sales,IT,comment,Slow answers again.\n",
        encoding="utf-8",
    )
    other = _hold_the_write_lock(workspace, 0.5)
    report = import_csv(workspace, path)
    other.join(30)
    assert (report.submissions_new, report.comments, report.waves_created) == (1, 1, 1)


def _no_headcounts(workspace: Path) -> None:
    from surveys.store import open_workspace

    db = open_workspace(workspace)
    with db.atomic():
        db.execute("UPDATE departments SET headcount = NULL")
    db.close()


def _fill_inbox(workspace: Path, share: Path, numbers: range) -> None:
    survey = read_published(share / "published" / "2026-10.json")
    for number in numbers:
        sub = submission(
            {"IT": {"timely": 1 + number % 5, "overall": 3}, "Operations": {"respect": 4}},
            {"IT": f"Comment number {number} about handovers."} if number % 3 == 0 else None,
            department=("Sales", "Marketing")[number % 2],
        ).to_dict()
        sub["counter"] = 1
        sealed = seal(json.dumps(sub).encode(), survey.public_key)
        (share / "inbox" / f"{number:06d}.rapport").write_bytes(sealed)


@pytest.mark.slow
def test_two_ingests_and_an_analysis_at_once(workspace: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    count = 1500
    publish(workspace, share)
    _no_headcounts(workspace)  # 750 answers from one department: not an anomaly here
    _fill_inbox(workspace, share, range(200))
    ingest(workspace, share, PASSPHRASE)  # so the analysis has answers whenever it starts
    _fill_inbox(workspace, share, range(200, count))
    env = dict(os.environ, RAPPORT_PASSPHRASE=PASSPHRASE, PYTHONPATH=str(ROOT))
    rapport = [sys.executable, "-m", "desktop_app.cli"]
    commands = [
        [*rapport, "ingest", str(workspace), "--share", str(share)],
        [*rapport, "ingest", str(workspace), "--share", str(share)],
        [*rapport, "analyze", str(workspace), "--json", str(tmp_path / "a.json")],
    ]
    logs = [(tmp_path / f"{n}.out", tmp_path / f"{n}.err") for n in range(len(commands))]
    processes = []
    for command, (out, err) in zip(commands, logs, strict=True):
        with out.open("wb") as stdout, err.open("wb") as stderr:
            processes.append(
                subprocess.Popen(command, env=env, cwd=ROOT, stdout=stdout, stderr=stderr)
            )
    results = [
        (process.wait(timeout=600), out.read_bytes(), err.read_bytes())
        for process, (out, err) in zip(processes, logs, strict=True)
    ]

    for _status, out, err in results:
        text = (out + err).decode()
        assert "Traceback" not in text and "database is locked" not in text, text[-3000:]
    ingests = results[:2]
    outputs = [(out + err).decode()[-2000:] for _, out, err in ingests]
    assert sorted(status for status, _, _ in ingests) in ([0, 0], [0, 2]), outputs
    for status, _, err in ingests:
        if status == 2:
            assert b"Another ingest into the workspace" in err
    assert results[2][0] == 0
    db = open_workspace(workspace)
    assert db.execute("SELECT count(*) FROM submissions").fetchone() == (count,)
    assert list((share / "inbox").iterdir()) == []


def test_a_second_ingest_of_the_same_workspace_says_another_is_running(workspace, tmp_path):
    from surveys.file_lock import try_lock
    from surveys.ingest import LOCK_FILE, IngestBusyError

    share = tmp_path / "share"
    publish(workspace, share)
    _fill_inbox(workspace, share, range(3))
    with try_lock(workspace / LOCK_FILE) as held:  # as a running ingest holds it
        assert held
        with pytest.raises(IngestBusyError, match="Another ingest into the workspace"):
            ingest(workspace, share, PASSPHRASE)
        assert len(list((share / "inbox").iterdir())) == 3  # nothing was taken
    assert ingest(workspace, share, PASSPHRASE).stored == 3  # the lock ended with the block


def test_a_second_ingest_leaves_the_running_ones_unfinished_copies_alone(workspace, tmp_path):
    """A running ingest writes its archive copies through temporary files; a second ingest
    removed them before finding the lock held, so the first one's archive write failed
    ("stored, but not archived: No such file or directory"; seen in CI)."""
    from surveys.file_lock import try_lock
    from surveys.inbox import TEMP_PREFIX, TEMP_SUFFIX
    from surveys.ingest import LOCK_FILE, IngestBusyError

    share = tmp_path / "share"
    publish(workspace, share)
    _fill_inbox(workspace, share, range(3))
    ingest(workspace, share, PASSPHRASE)  # archive/ and quarantine/ exist
    writing = [
        share / name / f"{TEMP_PREFIX}batch.tar.1234{TEMP_SUFFIX}"
        for name in ("archive", "quarantine")
    ]
    with try_lock(workspace / LOCK_FILE) as held:  # as a running ingest holds it
        assert held
        for path in writing:  # its copies, being written
            path.write_bytes(b"half a tar file")
        with pytest.raises(IngestBusyError):
            ingest(workspace, share, PASSPHRASE)
        assert all(path.exists() for path in writing)
    ingest(workspace, share, PASSPHRASE)  # the next ingest, under the lock: a crash's leftovers
    assert not any(path.exists() for path in writing)
