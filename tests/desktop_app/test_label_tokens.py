"""`rapport labels` files name comments by opaque tokens, never by their ids.

The demo's comments keep row numbers as ids, so one person's comments (one per department
they rated) have neighbouring ids: a labelling file that carried them would let whoever
fills it in group one person's comments.
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from pathlib import Path

from desktop_app.cli import main
from surveys.store import open_workspace
from tests.desktop_app.test_labels_command import _corrections, _ids, _read, _write


def _submissions(folder: Path) -> dict[int, str]:
    db = open_workspace(folder)
    try:
        return dict(db.execute("SELECT id, submission_id FROM comments").fetchall())
    finally:
        db.close()


def _suggest(folder: Path, out: Path, count: int) -> list[dict[str, str]]:
    assert main(["labels", "suggest", str(folder), "--count", str(count), "--out", str(out)]) == 0
    return _read(out)


def _same_person_neighbours(values: list, people: list[str]) -> tuple[int, int]:
    """How many of one person's comments sit next to another of theirs when the rows are
    sorted by ``values``, and how many such pairs there could be."""
    order = [person for _, person in sorted(zip(values, people, strict=True))]
    by_person: dict[str, int] = defaultdict(int)
    for person in people:
        by_person[person] += 1
    possible = sum(n - 1 for n in by_person.values())
    return sum(1 for a, b in zip(order, order[1:], strict=False) if a == b), possible


def test_the_suggestion_links_no_persons_comments(demo_workspace, tmp_path):
    rows = _suggest(demo_workspace, tmp_path / "s.csv", 400)
    tokens = [r["comment_id"] for r in rows]
    ids, person = _ids(demo_workspace, rows), _submissions(demo_workspace)
    people = [person[cid] for cid in ids]
    assert not any(t.isdigit() for t in tokens) and not set(tokens) & {str(i) for i in ids}
    assert all(len(t) == 17 and t.startswith("c") for t in tokens)
    assert sorted(tokens) != [tokens[i] for i in sorted(range(len(ids)), key=ids.__getitem__)]
    # The hazard is real: by id, one person's comments are neighbours...
    by_id, possible = _same_person_neighbours(ids, people)
    assert possible >= 20 and by_id == possible
    # ...by token, no more than chance (a few in 400).
    by_token, _ = _same_person_neighbours(tokens, people)
    assert by_token <= possible // 4, (by_token, possible)


def test_tokens_are_stable_and_differ_between_workspaces(demo_workspace, tmp_path):
    first = _suggest(demo_workspace, tmp_path / "a.csv", 30)
    assert _suggest(demo_workspace, tmp_path / "b.csv", 30) == first
    other = tmp_path / "other"
    shutil.copytree(demo_workspace, other)  # a copy shares the secret: its files import here
    assert _suggest(other, tmp_path / "c.csv", 30) == first
    db = open_workspace(other)
    db.execute("DELETE FROM settings WHERE key = 'comment_token_key'")
    db.conn.commit()
    db.close()
    fresh = _suggest(other, tmp_path / "d.csv", 30)  # a new secret: other tokens
    assert sorted(r["text"] for r in fresh) == sorted(r["text"] for r in first)
    assert not {r["comment_id"] for r in fresh} & {r["comment_id"] for r in first}


def test_suggest_edit_import_applies_exactly_the_edited_labels(demo_workspace, tmp_path, capsys):
    suggested = tmp_path / "s.csv"
    rows = _suggest(demo_workspace, suggested, 12)
    flipped = {"negative": "positive", "positive": "negative", "neutral": "negative"}
    intended = {}
    for number, (row, cid) in enumerate(zip(rows, _ids(demo_workspace, rows), strict=True)):
        if number % 3 == 0:
            row["label"] = flipped[row["label"]].upper()  # HR's edit, any case
        intended[cid] = row["label"].lower()
    with suggested.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    capsys.readouterr()
    assert main(["labels", "import", str(demo_workspace), str(suggested)]) == 0
    assert "12 labels set, 0 removed, 0 already so" in capsys.readouterr().out
    assert _corrections(demo_workspace) == intended
    db = open_workspace(demo_workspace)
    texts = dict(db.execute("SELECT id, redacted FROM comments").fetchall())
    db.close()
    assert [texts[cid] for cid in intended] == [r["text"] for r in rows]
    exported = tmp_path / "e.csv"
    assert main(["labels", "export", str(demo_workspace), "--out", str(exported)]) == 0
    back = _read(exported)
    assert [r["comment_id"] for r in back] == sorted(r["comment_id"] for r in rows)
    labels = [r["label"] for r in back]
    assert dict(zip(_ids(demo_workspace, back), labels, strict=True)) == intended


def test_an_unknown_or_bad_token_names_its_line_and_nothing_is_applied(
    demo_workspace, tmp_path, capsys
):
    tokens = [r["comment_id"] for r in _suggest(demo_workspace, tmp_path / "s.csv", 3)]
    forged = tokens[1][:-1] + ("a" if tokens[1][-1] != "a" else "b")
    bad = _write(
        tmp_path / "bad.csv",
        [
            (tokens[0], "negative"),
            (forged, "positive"),
            (tokens[2].upper(), "neutral"),
            (tokens[2], "positive"),
            ("c123", "neutral"),
            ("\u00b2", "neutral"),  # a digit to Python, not a number
            ("9" * 5000, "neutral"),  # more digits than int() reads
        ],
    )
    capsys.readouterr()
    assert main(["labels", "import", str(demo_workspace), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "5 rows cannot be used; nothing was changed" in err
    assert "line 7: comment_id '\u00b2' is not a comment id" in err
    assert "line 8: comment_id '" + "9" * 40 + "…' is not a comment id" in err
    assert f"line 3: comment {forged} is not a comment HR may see in this workspace" in err
    assert "line 5: comment " + tokens[2] + " is also on line 4" in err
    assert "line 6: comment_id 'c123' is not a comment id from `rapport labels suggest`" in err
    assert "Traceback" not in err
    assert _corrections(demo_workspace) == {}
    unknown = _write(tmp_path / "u.csv", [(tokens[0], "negative"), (forged, "positive")])
    assert main(["labels", "import", str(demo_workspace), str(unknown)]) == 2
    err = capsys.readouterr().err
    assert f"line 3: comment {forged} is not a comment HR may see in this workspace" in err
    assert _corrections(demo_workspace) == {}


def test_a_file_written_before_the_tokens_still_imports(demo_workspace, tmp_path, capsys):
    """Comment numbers (the old format) are taken: they reveal nothing the file did not."""
    rows = _suggest(demo_workspace, tmp_path / "s.csv", 2)
    ids = _ids(demo_workspace, rows)
    old = _write(tmp_path / "old.csv", [(ids[0], "negative"), (ids[1], "positive")])
    capsys.readouterr()
    assert main(["labels", "import", str(demo_workspace), str(old)]) == 0
    assert _corrections(demo_workspace) == {ids[0]: "negative", ids[1]: "positive"}
    both = _write(tmp_path / "both.csv", [(ids[0], "neutral"), (rows[0]["comment_id"], "")])
    assert main(["labels", "import", str(demo_workspace), str(both)]) == 2
    err = capsys.readouterr().err
    assert "line 3: names the comment of line 2 again" in err
    assert _corrections(demo_workspace) == {ids[0]: "negative", ids[1]: "positive"}


def _texts_in_zip(path: Path) -> str:
    """Every member of a zip (a deck, a workbook), and of the zips inside it, as text."""
    import io
    import zipfile

    def read(archive: zipfile.ZipFile) -> list[str]:
        out = []
        for name in archive.namelist():
            data = archive.read(name)
            if data[:2] == b"PK":  # a chart's embedded workbook
                out += read(zipfile.ZipFile(io.BytesIO(data)))
            else:
                out.append(data.decode("utf-8", errors="replace"))
        return out

    with zipfile.ZipFile(path) as archive:
        return "\n".join(read(archive))


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_no_export_or_analysis_json_names_a_comment(demo_workspace, tmp_path):
    """The deck, the workbook, the CSV files and the analysis JSON carry no comment id and
    no token: comments reach them only as shuffled, redacted text."""
    import json

    tokens = {r["comment_id"] for r in _suggest(demo_workspace, tmp_path / "s.csv", 200)}
    folder, deck, book = tmp_path / "csv", tmp_path / "d.pptx", tmp_path / "b.xlsx"
    argv = ["export", str(demo_workspace), "--pptx", str(deck), "--xlsx", str(book)]
    assert main([*argv, "--csv", str(folder)]) == 0
    analysis = tmp_path / "a.json"
    assert main(["analyze", str(demo_workspace), "--quiet", "--json", str(analysis)]) == 0
    tables = {p.name: p.read_text(encoding="utf-8-sig") for p in folder.glob("*.csv")}
    assert tables
    headers = {
        cell.strip().lower()
        for text in tables.values()
        for cell in next(csv.reader(text.splitlines()))
    }
    keys = {k.lower() for k in _keys(json.loads(analysis.read_text(encoding="utf-8")))}
    assert headers and keys
    for names in (headers, keys):
        assert not {n for n in names if n in {"id", "comment", "token"} or n.endswith("_id")}
    everything = "\n".join([*tables.values(), _texts_in_zip(deck), _texts_in_zip(book)])
    assert [t for t in tokens if t in everything.lower()] == []


def test_equally_certain_comments_are_in_token_order(demo_workspace, tmp_path):
    """Ties of confidence are listed by token, not by the queue's hash of the id (which
    spaces consecutive ids, one person's, by a fixed step)."""
    rows = _suggest(demo_workspace, tmp_path / "s.csv", 400)
    db = open_workspace(demo_workspace)
    sure = dict(db.execute("SELECT id, confidence FROM comments").fetchall())
    db.close()
    ids = _ids(demo_workspace, rows)
    keys = [(sure[cid], r["comment_id"]) for cid, r in zip(ids, rows, strict=True)]
    assert len({c for c, _ in keys}) < len(keys) - 50  # many ties
    assert keys == sorted(keys)
