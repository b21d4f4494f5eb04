"""Helpers for the response CSV import tests: files on disk, table snapshots."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from surveys.store import database_path

HEADER = "submission_id,wave,respondent_department,target_department,item,value"

GOOD = f"""{HEADER}
s-001,2026-10,Sales,IT,timely,2
s-001,2026-10,Sales,IT,overall,1
s-001,2026-10,Sales,IT,comment,"Three weeks for a report change, again."
s-001,2026-10,Sales,Operations,respect,4
s-002,2026-10,IT,Sales,frequent,weekly
s-002,2026-10,IT,Sales,timely,4
s-003,2026-11,Marketing,IT,shared_goals,3
"""


def write(tmp_path: Path, text: str | bytes, name: str = "responses.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def snapshot(folder: Path) -> dict[str, list[tuple]]:
    """Every row of every table, to prove that a failed import changed nothing."""
    conn = sqlite3.connect(database_path(folder))
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    content = {t: sorted(map(repr, conn.execute(f"SELECT * FROM [{t}]"))) for t in tables}
    conn.close()
    return content


def rows(folder: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(database_path(folder))
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()
