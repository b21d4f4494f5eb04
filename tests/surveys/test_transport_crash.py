"""A respondent's app killed at the worst moments of delivery loses nothing.

Each test runs the real :func:`surveys.outbox.deliver` in a child process that dies with
``os._exit`` (no clean-up, like a kill or a power cut) at one point of the write.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from surveys.ingest import ingest
from surveys.outbox import flush_outbox, pending_count
from surveys.store import open_workspace
from tests.surveys.transport_helpers import PASSPHRASE, publish

CHILD = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from surveys.publish import read_published
    from surveys.outbox import deliver
    from surveys.submission import Answer, Submission

    share, stage = Path(sys.argv[1]), sys.argv[2]
    real_replace, real_fsync = os.replace, os.fsync

    def replace(src, dst):
        if stage == "before-rename" and Path(dst).parent.name == "inbox":
            os._exit(9)
        real_replace(src, dst)
        if stage == "after-rename" and Path(dst).parent.name == "inbox":
            os._exit(9)

    os.replace = replace
    survey = read_published(share / "published" / "2026-10.json")
    sub = Submission("2026-10", "Sales", "2026-10-05", (Answer("IT", "timely", 2),),
                     token="a" * 64, id="b" * 32)
    deliver(sub, survey, share)
    os._exit(0)
    """
)


def _run_child(share: Path, stage: str) -> int:
    env = dict(os.environ)
    root = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = str(root)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(share), stage], env=env, cwd=root, timeout=60
    )
    return done.returncode


def _stored(workspace: Path) -> list[tuple]:
    db = open_workspace(workspace)
    return db.execute("SELECT submission_id, to_id, item, value FROM answers").fetchall()


@pytest.mark.parametrize("stage", ["before-rename", "after-rename"])
def test_killed_delivery_leaves_a_whole_file_or_none(workspace: Path, tmp_path: Path, stage):
    share = tmp_path / "share"
    publish(workspace, share)
    assert _run_child(share, stage) == 9
    complete = [p for p in (share / "inbox").iterdir() if p.suffix == ".rapport"]
    temporary = [p for p in (share / "inbox").iterdir() if p.name.endswith(".tmp")]
    if stage == "before-rename":
        assert complete == [] and len(temporary) == 1
    else:
        assert len(complete) == 1 and temporary == []
    # The sealed answer is still in the outbox either way.
    assert pending_count() == 1

    report = ingest(workspace, share, PASSPHRASE)
    assert len(report.quarantined) == 0
    assert report.stored == (0 if stage == "before-rename" else 1)
    assert [p.name for p in (share / "inbox").iterdir()] == [p.name for p in temporary]

    assert flush_outbox(share) == 1
    second = ingest(workspace, share, PASSPHRASE)
    assert (second.stored, second.duplicates) == ((1, 0) if stage == "before-rename" else (0, 1))
    assert _stored(workspace) == [("b" * 32, 2, "timely", 2)]
