"""End to end on the real demo workspace: `rapport demo`, then `rapport export`."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from desktop_app.cli import main


@pytest.mark.slow
def test_demo_workspace_exports_without_leaking(tmp_path: Path, capsys) -> None:
    from surveys.demo import build_demo

    folder = tmp_path / "demo"
    build_demo(folder)
    deck, book = tmp_path / "demo.pptx", tmp_path / "demo.xlsx"
    argv = ["export", str(folder), "--pptx", str(deck), "--xlsx", str(book)]
    assert main([*argv, "--csv", str(tmp_path / "csv")]) == 0

    slides = Presentation(str(deck)).slides
    titles = [s.shapes.title.text for s in slides]
    assert titles[:3] == [
        "Working together: Northwind Diagnostics",
        "Executive summary",
        "How departments rate working with each other",
    ]
    assert sum(t.startswith("Hotspot ") and ":" in t for t in titles) == 3
    assert all(s.notes_slide.notes_text_frame.text.strip() for s in slides)

    db = sqlite3.connect(folder / "rapport.db")
    names = json.loads(
        db.execute("SELECT value FROM settings WHERE key='redaction_names'").fetchone()[0]
    )
    raw = [t for (t,) in db.execute("SELECT text FROM comments WHERE text != redacted")]
    logged = db.execute("SELECT kind FROM export_log ORDER BY kind").fetchall()
    assert raw and names and logged == [("csv",), ("pptx",), ("xlsx",)]

    texts = []
    for path in (deck, book):
        with zipfile.ZipFile(path) as archive:
            texts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    texts += [p.read_text(encoding="utf-8-sig") for p in (tmp_path / "csv").iterdir()]
    everything = "\n".join(texts)
    assert "@northwind-dx.example" not in everything
    assert "(555)" not in everything
    assert [n for n in names if n in everything] == []
    assert [t for t in raw if t in everything] == []

    # One rounding rule: the analysis JSON's bands are the bands of the indices as shown.
    from analysis.pipeline import analyse_workspace
    from surveys.bands import format_index

    pairs = [p for p in analyse_workspace(folder).to_json()["pairs"] if not p["suppressed"]]
    by_shown: dict[str, set[str]] = {}
    for pair in pairs:
        by_shown.setdefault(format_index(pair["index"]), set()).add(pair["band"])
    assert by_shown["4.0"] == {"moderate"}, by_shown
    assert all(len(found) == 1 for found in by_shown.values()), by_shown
