"""Shared helpers of the import tests: the fixtures, workspace content, identity search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from surveys.store import create_workspace, database_path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "import"
DEPARTMENTS = ["Sales", "IT", "Marketing", "Operations"]

#: (data file, checked mapping, tidy twin, detected layout) of every fixture.
CASES = {
    "qualtrics.csv": ("qualtrics.map.yaml", "qualtrics.tidy.csv", "qualtrics"),
    "qualtrics.tsv": ("qualtrics.map.yaml", "qualtrics.tidy.csv", "qualtrics"),
    "surveymonkey.xlsx": ("surveymonkey.map.yaml", "surveymonkey.tidy.csv", "surveymonkey"),
    "surveymonkey_eu.csv": (
        "surveymonkey_eu.map.yaml",
        "surveymonkey_eu.tidy.csv",
        "surveymonkey",
    ),
    "forms.xlsx": ("forms.map.yaml", "forms.tidy.csv", "forms"),
    "google.csv": ("google.map.yaml", "google.tidy.csv", "google"),
    "limesurvey_codes.csv": (
        "limesurvey_codes.map.yaml",
        "limesurvey_codes.tidy.csv",
        "limesurvey",
    ),
    "limesurvey_text.xlsx": (
        "limesurvey_text.map.yaml",
        "limesurvey_text.tidy.csv",
        "limesurvey",
    ),
    "generic.csv": ("generic.map.yaml", "generic.tidy.csv", "wide"),
}


def fixture(name: str) -> Path:
    return FIXTURES / name


def new_workspace(folder: Path, departments: list[str] = DEPARTMENTS) -> Path:
    create_workspace(folder, departments).close()
    return folder


def content(folder: Path) -> list[tuple]:
    """What a workspace holds, independent of submission ids and row order.

    One entry per submission: its wave, department and the set of (target, item, value)
    answers and (target, "comment", text) comments.
    """
    conn = sqlite3.connect(database_path(folder))
    try:
        subs = {
            sid: (wave, dept)
            for sid, wave, dept in conn.execute(
                "SELECT s.id, w.name, d.name FROM submissions s "
                "JOIN waves w ON w.id = s.wave_id JOIN departments d ON d.id = s.department_id"
            )
        }
        per: dict[str, set] = {sid: set() for sid in subs}
        for sid, to, item, value in conn.execute(
            "SELECT a.submission_id, d.name, a.item, a.value FROM answers a "
            "JOIN departments d ON d.id = a.to_id"
        ):
            per[sid].add((to, item, str(value)))
        for sid, to, text in conn.execute(
            "SELECT c.submission_id, d.name, c.text FROM comments c "
            "JOIN departments d ON d.id = c.to_id"
        ):
            per[sid].add((to, "comment", text))
    finally:
        conn.close()
    return sorted((subs[sid], tuple(sorted(per[sid]))) for sid in subs)


def counts(folder: Path) -> dict[str, int]:
    conn = sqlite3.connect(database_path(folder))
    try:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("submissions", "answers", "comments", "waves")
        }
    finally:
        conn.close()


def every_cell(folder: Path) -> list[tuple[str, str]]:
    """(table, text) for every non-null cell of every table of the workspace database."""
    conn = sqlite3.connect(database_path(folder))
    try:
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        cells = []
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if value is None:
                        continue
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    cells.append((table, str(value)))
        return cells
    finally:
        conn.close()


def identities() -> list[str]:
    """Every identifying value in the fixtures (written by the fixture generator)."""
    text = (FIXTURES / "identities.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]
