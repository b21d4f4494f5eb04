"""`rapport labels suggest | import | export` on the analysed demo workspace."""

from __future__ import annotations

import csv
from pathlib import Path

from desktop_app.cli import main
from surveys.store import open_workspace
from tests.desktop_app.test_comments_panel import _plant_small_group_comment


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[tuple[object, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["comment_id", "label"])
        writer.writerows(rows)
    return path


def _ids(folder: Path, rows: list[dict[str, str]]) -> list[int]:
    """The workspace's comment ids of a file's rows (their tokens mapped back)."""
    from analysis.comment_tokens import tokens_of

    db = open_workspace(folder)
    try:
        ids = [cid for (cid,) in db.execute("SELECT id FROM comments")]
        by_token = {token: cid for cid, token in tokens_of(db, ids).items()}
    finally:
        db.close()
    return [by_token[r["comment_id"]] for r in rows]


def _corrections(folder: Path) -> dict[int, str]:
    db = open_workspace(folder)
    try:
        rows = db.execute(
            "SELECT id, label_corrected FROM comments WHERE label_corrected IS NOT NULL"
        )
        return dict(rows.fetchall())
    finally:
        db.close()


def test_suggest_lists_the_least_certain_comments_hr_may_see(demo_workspace, tmp_path, capsys):
    _plant_small_group_comment(demo_workspace, "Zanzibar forms are lost between us")
    db = open_workspace(demo_workspace)
    db.execute("UPDATE comments SET confidence = 0.01 WHERE text LIKE 'Zanzibar%'")
    db.close()
    out = tmp_path / "suggest.csv"
    assert main(["labels", "suggest", str(demo_workspace), "--count", "25", "--out", str(out)]) == 0
    rows = _read(out)
    assert list(rows[0]) == ["comment_id", "text", "label", "confidence"]
    assert len(rows) == 25 and "Wrote 25 comments" in capsys.readouterr().out
    sure = [float(r["confidence"]) for r in rows]
    assert sure == sorted(sure) and sure[0] < sure[-1]
    assert all("Zanzibar" not in r["text"] for r in rows)  # a group under the threshold
    db = open_workspace(demo_workspace)
    stored = {
        cid: (redacted, label)
        for cid, redacted, label in db.execute("SELECT id, redacted, label FROM comments")
    }
    db.close()
    ids = _ids(demo_workspace, rows)
    assert all(stored[cid] == (r["text"], r["label"]) for cid, r in zip(ids, rows, strict=True))


def test_import_applies_every_row_and_export_gives_them_back(demo_workspace, tmp_path, capsys):
    suggested = tmp_path / "s.csv"
    main(["labels", "suggest", str(demo_workspace), "--count", "3", "--out", str(suggested)])
    rows = _read(suggested)
    tokens, ids = [r["comment_id"] for r in rows], _ids(demo_workspace, rows)
    labels = _write(
        tmp_path / "l.csv", [(tokens[0], "negative"), (tokens[1], "Positive"), (tokens[2], "")]
    )
    assert main(["labels", "import", str(demo_workspace), str(labels)]) == 0
    assert "2 labels set, 0 removed, 1 already so" in capsys.readouterr().out
    assert _corrections(demo_workspace) == {ids[0]: "negative", ids[1]: "positive"}
    again = _write(tmp_path / "again.csv", [(tokens[0], ""), (tokens[1], "positive")])
    assert main(["labels", "import", str(demo_workspace), str(again)]) == 0
    assert "0 labels set, 1 removed, 1 already so" in capsys.readouterr().out
    exported = tmp_path / "export.csv"
    assert main(["labels", "export", str(demo_workspace), "--out", str(exported)]) == 0
    assert _read(exported) == [{"comment_id": tokens[1], "label": "positive"}]


def test_a_bad_row_names_its_line_and_nothing_is_applied(demo_workspace, tmp_path, capsys):
    suggested = tmp_path / "s.csv"
    main(["labels", "suggest", str(demo_workspace), "--count", "2", "--out", str(suggested)])
    ids = [r["comment_id"] for r in _read(suggested)]
    bad = _write(
        tmp_path / "bad.csv",
        [(ids[0], "negative"), (ids[1], "meh"), ("x7", "neutral"), (999999, "positive")],
    )
    assert main(["labels", "import", str(demo_workspace), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "line 3: label 'meh' is not one of negative, neutral, positive" in err
    assert "line 4: comment_id 'x7' is not a comment id from `rapport labels suggest`" in err
    assert "line 5: comment 999999 is not a comment HR may see" in err  # in the same pass
    assert "3 rows cannot be used; nothing was changed. Fix them" in err
    assert "Traceback" not in err
    assert _corrections(demo_workspace) == {}  # the good first row was not applied either
    unknown = _write(tmp_path / "unknown.csv", [(ids[0], "negative"), (999999, "positive")])
    assert main(["labels", "import", str(demo_workspace), str(unknown)]) == 2
    err = capsys.readouterr().err
    assert "1 row cannot be used; nothing was changed. Fix it and import again" in err
    assert "line 3: comment 999999 is not a comment HR may see" in err
    assert _corrections(demo_workspace) == {}


def test_suggest_asks_for_an_analysis_first(workspace, tmp_path, capsys):
    import random

    from tests.analysis.core_helpers import Filler

    filler = Filler(workspace)
    filler.group("2026-10", "Sales", "IT", 6, 3, random.Random(1), comments=["slow", "fine"])
    filler.close()
    out = tmp_path / "s.csv"
    assert main(["labels", "suggest", str(workspace), "--out", str(out)]) == 2
    assert f"run `rapport analyze {workspace}` first" in capsys.readouterr().err
    assert not out.exists()


def test_analyze_reports_what_learning_did(demo_workspace, tmp_path, capsys):
    suggested = tmp_path / "s.csv"
    main(["labels", "suggest", str(demo_workspace), "--count", "30", "--out", str(suggested)])
    rows = _read(suggested)
    flipped = {"negative": "positive", "positive": "negative", "neutral": "negative"}
    corrections = [(r["comment_id"], r["label"]) for r in rows[:20]]
    corrections += [(r["comment_id"], flipped[r["label"]]) for r in rows[20:]]
    main(["labels", "import", str(demo_workspace), str(_write(tmp_path / "c.csv", corrections))])
    capsys.readouterr()
    assert main(["analyze", str(demo_workspace), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "Comment labels: Learned from 30 corrections: cross-validated macro-F1 " in out
    assert "vs the shipped model's" in out and ("used for labels" in out or "not used" in out)


def test_suggest_keeps_a_comment_that_looks_like_a_formula_as_text(workspace, tmp_path):
    """A respondent's comment starting with = (or +, -, @) must not run in HR's spreadsheet."""
    import random

    from tests.analysis.core_helpers import Filler

    formulas = ['=HYPERLINK("#"&A1,"details")', "@SUM(1+1)", "+1 more", "-2+3"]
    filler = Filler(workspace)
    filler.group("2026-10", "Sales", "IT", 8, 3, random.Random(1), comments=formulas)
    filler.close()
    assert main(["analyze", str(workspace), "--quiet"]) == 0
    out = tmp_path / "suggest.csv"
    assert main(["labels", "suggest", str(workspace), "--count", "20", "--out", str(out)]) == 0
    texts = {r["text"] for r in _read(out)}
    assert texts and texts <= {"'" + text for text in formulas}, texts
    assert "'=HYPERLINK(" in "".join(texts)


#: Comments that hide a formula after a character a spreadsheet may split a CSV line at.
INNER_FORMULAS = [
    "Fine overall;=cmd|' /C calc'!A0",
    "ok,@SUM(1+1)",
    "Slow tickets\tand then;+1\n-2+3 again",
    'Fine;"=1+1" said nobody',
]


def spreadsheet_cells(raw: str) -> list[str]:
    """Every piece of a CSV file a spreadsheet may make a cell of, whatever separator its
    region uses (``,``, ``;`` or a tab), each without the quote that may open it."""
    import re

    return [piece.lstrip('"') for piece in re.split(r"[,;\t\r\n]", raw)]


def test_suggest_keeps_formulas_after_a_separator_as_text(workspace, tmp_path):
    """Excel in much of Europe splits a CSV line at ';': no piece may start a formula, and
    the file still imports."""
    import random

    from tests.analysis.core_helpers import Filler

    filler = Filler(workspace)
    filler.group("2026-10", "Sales", "IT", 8, 3, random.Random(1), comments=INNER_FORMULAS)
    filler.close()
    assert main(["analyze", str(workspace), "--quiet"]) == 0
    out = tmp_path / "suggest.csv"
    assert main(["labels", "suggest", str(workspace), "--count", "20", "--out", str(out)]) == 0
    raw = out.read_text(encoding="utf-8")
    assert "calc" in raw and "SUM" in raw
    assert [c for c in spreadsheet_cells(raw) if c.startswith(("=", "+", "-", "@"))] == []
    rows = _read(out)
    assert {r["text"] for r in rows} == {
        "Fine overall;'=cmd|' /C calc'!A0",
        "ok,'@SUM(1+1)",
        "Slow tickets\tand then;'+1\n'-2+3 again",
        'Fine;\'"=1+1" said nobody',
    }
    for row in rows:
        row["label"] = "neutral"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert main(["labels", "import", str(workspace), str(out)]) == 0


def test_the_suggestion_saved_by_excel_on_windows_imports(demo_workspace, tmp_path, capsys):
    # HR opens the suggestion in Excel, types the labels and saves a plain "CSV": Windows-1252
    suggested = tmp_path / "s.csv"
    main(["labels", "suggest", str(demo_workspace), "--count", "2", "--out", str(suggested)])
    rows = _read(suggested)
    header = list(rows[0])
    rows[0]["label"], rows[1]["label"] = "negative", "positive"
    rows[0]["text"] = rows[0]["text"] + " \u2013 they don\u2019t reply, caf\u00e9 \u20ac"
    saved = tmp_path / "excel.csv"
    with saved.open("w", encoding="cp1252", newline="", errors="replace") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    assert b"\x92" in saved.read_bytes()
    capsys.readouterr()
    assert main(["labels", "import", str(demo_workspace), str(saved)]) == 0
    ids = _ids(demo_workspace, rows)
    assert _corrections(demo_workspace) == {ids[0]: "negative", ids[1]: "positive"}
    mixed = tmp_path / "mixed.csv"  # UTF-8 with a line pasted from a Windows-1252 file
    utf8, windows = "9,caf\u00e9,,neutral\r\n".encode(), "10,caf\u00e9,,neutral\r\n"
    mixed.write_bytes(suggested.read_bytes() + utf8 + windows.encode("cp1252"))
    assert main(["labels", "import", str(demo_workspace), str(mixed)]) == 2
    err = capsys.readouterr().err
    assert "is neither UTF-8 nor Windows-1252 text (or mixes them); save it as CSV UTF-8" in err


def test_after_a_roster_change_suggest_and_import_ask_for_the_analysis(
    demo_workspace, tmp_path, capsys
):
    suggested = tmp_path / "s.csv"
    assert main(["labels", "suggest", str(demo_workspace), "--out", str(suggested)]) == 0
    roster = tmp_path / "roster.csv"
    roster.write_text("Department,Headcount\nSales,41\nLegal,6\n", encoding="utf-8")
    assert main(["roster", "import", str(demo_workspace), str(roster)]) == 0
    capsys.readouterr()
    again = tmp_path / "again.csv"
    # Was: "Wrote 0 comments ... Correct the label column": the comments wait for the
    # redaction with the new department, which only the next analysis makes.
    assert main(["labels", "suggest", str(demo_workspace), "--out", str(again)]) == 2
    err = capsys.readouterr().err
    assert "name list and departments yet; run `rapport analyze" in err
    assert not again.exists()
    assert main(["labels", "import", str(demo_workspace), str(suggested)]) == 2
    err = capsys.readouterr().err  # was only: "take comment ids from `rapport labels suggest`"
    assert "hidden until the analysis has caught up with a changed roster" in err
    assert main(["analyze", str(demo_workspace), "--quiet"]) == 0
    assert main(["labels", "import", str(demo_workspace), str(suggested)]) == 0
