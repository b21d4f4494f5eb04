"""The import wizard's import (in the worker process) analyses the comments of closed
waves beside it, as `rapport import` does (analysis.import_ahead)."""

from __future__ import annotations

import json
import sqlite3
import time

from analysis import import_ahead
from analysis.comment_update import text_key
from desktop_app.import_work import import_responses
from surveys.store import database_path

TEXTS = ("Slow answers from the help desk.", "Quick and friendly.", "Meetings run late.")


class Patient(import_ahead.ImportAhead):
    """Stores only once the worker has sent back everything (the real one never waits)."""

    def store(self, conn) -> None:
        deadline = time.monotonic() + 60
        while self.received < self.handed and time.monotonic() < deadline:
            time.sleep(0.01)
        super().store(conn)


def test_the_wizards_import_keeps_the_workers_findings(workspace, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(import_ahead, "AHEAD_FROM_BYTES", 0)
    monkeypatch.setattr(import_ahead, "_core_to_spare", lambda: True)
    monkeypatch.setattr(import_ahead, "ImportAhead", Patient)
    path = tmp_path / "in.csv"
    lines = ["submission_id,wave,respondent_department,target_department,item,value"]
    for k, text in enumerate(TEXTS):
        lines += [f"s{k},2026-09,Sales,IT,overall,3", f"s{k},2026-09,Sales,IT,comment,{text}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    done = import_responses(workspace, str(path), None)

    assert done["ok"] and done["new"] == 3
    with sqlite3.connect(database_path(workspace)) as conn:
        rows = [json.loads(found) for (found,) in conn.execute("SELECT found FROM comments_ahead")]
    assert {key for row in rows for key in row["comments"]} == {text_key(t) for t in TEXTS}
