"""`rapport sentiment` and `rapport eval-sentiment` driven through the real CLI on real files."""

from __future__ import annotations

import csv
from pathlib import Path

from desktop_app.cli import main


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_sentiment_round_trip_keeps_columns_and_renames_label(tmp_path, capsys):
    source = write(
        tmp_path / "in.csv",
        "id,text,label,team\n"
        '1,"Too many meetings, no support.",negative,Sales\n'
        "2,The report is on the table.,neutral,IT\n"
        '3,"Great teamwork, thank you!",positive,Ops\n',
    )
    assert main(["sentiment", str(source), "--out", str(tmp_path / "out.csv")]) == 0
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["id", "text", "label_given", "team", "sentiment", "label"]
    assert [r["label"] for r in rows] == ["negative", "neutral", "positive"]
    assert [r["team"] for r in rows] == ["Sales", "IT", "Ops"]
    assert abs(float(rows[1]["sentiment"])) < 0.05 and -1 <= float(rows[0]["sentiment"]) < -0.05
    assert "Scored 3 texts" in capsys.readouterr().out


def test_eval_prints_exact_accuracy_on_a_two_label_file(tmp_path, capsys):
    source = write(
        tmp_path / "eval.csv",
        "text,label\n"
        "Too many meetings,negative\n"
        "They never answer,negative\n"
        "Great teamwork,positive\n"
        "The report is on the table.,positive\n",
    )
    assert main(["eval-sentiment", str(source)]) == 0
    out = capsys.readouterr().out
    assert "accuracy: 0.750" in out
    # negative F1 = 1.0; positive F1 = 2*1/(2*1+0+1) = 0.667; macro = 0.833
    assert "macro-F1: 0.833 (over negative, positive)" in out
    assert "positive           0         1         1" in out


def test_missing_columns_name_the_file_and_the_columns(tmp_path, capsys):
    source = write(tmp_path / "bad.csv", "comment,label\nhello,positive\n")
    assert main(["eval-sentiment", str(source)]) == 2
    err = capsys.readouterr().err
    assert "bad.csv" in err and "'text'" in err and "found: comment, label" in err
    assert "Traceback" not in err
    assert main(["sentiment", str(source), "--out", str(tmp_path / "o.csv")]) == 2
    assert not (tmp_path / "o.csv").exists()


def test_unknown_label_is_reported_with_its_row(tmp_path, capsys):
    source = write(tmp_path / "l.csv", "text,label\nfine,positive\nmeh,so-so\n")
    assert main(["eval-sentiment", str(source)]) == 2
    assert "line 3, column 'label': 'so-so'" in capsys.readouterr().err


def test_columns_are_named_with_options_and_line_numbers_follow_the_file(tmp_path, capsys):
    """A ticket export with its own column names; a quoted comment spans two lines."""
    source = write(
        tmp_path / "t.csv",
        'id,description,rating\n1,"Slow again,\nno answer for weeks",negative\n2,ok,meh\n',
    )
    out = tmp_path / "o.csv"
    assert main(["sentiment", str(source), "--out", str(out), "--column", "description"]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["description"] for r in rows] == ["Slow again,\nno answer for weeks", "ok"]
    assert rows[0]["label"] == "negative"
    args = ["eval-sentiment", str(source), "--column", "description"]
    assert main([*args, "--label-column", "rating"]) == 2
    assert "line 4, column 'rating': 'meh'" in capsys.readouterr().err


def test_excels_windows_csv_is_scored_as_typed_and_written_as_utf8(tmp_path, capsys):
    # Excel's "CSV (Comma delimited)" on Windows: Windows-1252 (it was refused as not UTF-8)
    texts = [
        "They don\u2019t reply \u2013 ever.",
        "Caf\u00e9 chat with IT: \u201cgreat\u201d help!",
    ]
    source = tmp_path / "in.csv"
    source.write_bytes(("text,team\r\n" + "".join(f"{t},IT\r\n" for t in texts)).encode("cp1252"))
    out = tmp_path / "out.csv"
    assert main(["sentiment", str(source), "--out", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["text"] for r in rows] == texts
    typed = tmp_path / "utf8.csv"  # the same texts saved as "CSV UTF-8" score the same
    typed.write_text("text,team\n" + "".join(f"{t},IT\n" for t in texts), encoding="utf-8-sig")
    assert main(["sentiment", str(typed), "--out", str(tmp_path / "out8.csv")]) == 0
    with (tmp_path / "out8.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert [r["sentiment"] for r in csv.DictReader(handle)] == [r["sentiment"] for r in rows]
    assert main(["themes", str(source), "--out", str(tmp_path / "themes.csv")]) == 0
    assert "\u2019" in (tmp_path / "themes.csv").read_text(encoding="utf-8-sig")
