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
    assert sum(t.startswith("Hotspot ") and ":" in t for t in titles) == 4  # the default
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

    # The comments sheet: only pairs whose comments may be shown, the stored redactions of
    # this wave, shuffled (not in the order they were written), no ids or times.
    from openpyxl import load_workbook

    from analysis.privacy import may_show_pair_comments, result_thresholds

    result = analyse_workspace(folder)
    rules = result_thresholds(result)
    allowed = {(p.from_dept, p.to_dept) for p in result.pairs if may_show_pair_comments(p, rules)}
    rows = list(load_workbook(book)["comments"].iter_rows(values_only=True))
    assert rows[0] == ("Wave", "From", "To", "Label", "Themes", "Comment (redacted)")
    assert rows[1:] and {(r[1], r[2]) for r in rows[1:]} == allowed
    stored = db.execute(
        "SELECT df.name, dt.name, c.redacted FROM comments c "
        "JOIN departments df ON df.id = c.from_id JOIN departments dt ON dt.id = c.to_id "
        "JOIN waves w ON w.id = c.wave_id WHERE w.name = ? ORDER BY c.id",
        [result.wave],
    ).fetchall()
    assert {(r[1], r[2], r[5]) for r in rows[1:]} <= set(stored)
    in_id_order = [t for f, t_, t in stored if (f, t_) in allowed]
    assert [r[5] for r in rows[1:]] != in_id_order
    assert all(r[0] == result.wave for r in rows[1:])
