"""`rapport themes FILE.csv --out OUT.csv`: a round trip through real CSV files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desktop_app.cli import main
from tests.analysis.test_themes import CORPUS


def write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_round_trip_keeps_rows_and_adds_theme_and_topic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = [*CORPUS, "", '=HYPERLINK("x"), with "quotes", commas']
    source = write(
        tmp_path / "in.csv",
        ["id", "text", "theme"],
        [[str(i), t, "given"] for i, t in enumerate(texts)],
    )
    out = tmp_path / "out" / "themes.csv"
    out.parent.mkdir()
    assert main(["themes", str(source), "--out", str(out)]) == 0
    rows = read(out)
    assert list(rows[0]) == ["id", "text", "theme_given", "theme", "topic", "topic_label"]
    # As written, except that a text a spreadsheet would run as a formula gets a ' (the
    # input may be a workbook, where it was text: sixth hostile round).
    assert [r["text"] for r in rows] == [*texts[:-1], "'" + texts[-1]]
    assert [r["id"] for r in rows] == [str(i) for i in range(len(texts))]
    assert {r["theme_given"] for r in rows} == {"given"}
    assert [r["theme"] for r in rows[:12]] == (
        ["responsiveness"] * 4 + ["privacy_security"] * 4 + ["priorities_budget"] * 4
    )
    assert rows[12]["theme"] == rows[12]["topic"] == rows[12]["topic_label"] == ""
    topics = {(r["topic"], r["topic_label"]) for r in rows[:12]}
    assert len(topics) == 3 and all(number.isdigit() and label for number, label in topics)
    printed = capsys.readouterr().out
    assert "Responsiveness" in printed and "3 discovered topics" in printed
    assert not list(out.parent.glob(".themes-*"))  # no temporary file left behind


def test_the_printed_topics_begin_with_a_capital_as_the_app_shows_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The summary names topics as the Themes section and the workbook do; the CSV's
    `theme` (the taxonomy id) and `topic_label` are documented data and stay as found."""
    source = write(tmp_path / "in.csv", ["text"], [[t] for t in CORPUS])
    out = tmp_path / "out.csv"
    assert main(["themes", str(source), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.split("discovered topics:\n", 1)[1].splitlines()
    labels = [line.split(". ", 1)[1].strip()[:1] for line in printed if ". " in line]
    assert labels and all(first.isupper() for first in labels), printed
    # as found: lower case, but for an acronym written in capitals ("IT", topics-11)
    firsts = [r["topic_label"].split()[0].strip(",") for r in read(out) if r["topic_label"]]
    assert firsts and all(word.islower() or word.isupper() for word in firsts), firsts
    assert any(word.islower() for word in firsts)


def test_the_counts_of_topics_stay_in_one_column_beside_long_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from analysis.themes import load_taxonomy
    from analysis.topics import Topic, TopicModel
    from desktop_app.commands.themes import print_summary

    labels = ["rota, canteen", "mental health, benefits package, massage therapy sessions"]
    topics = [Topic(i + 1, label, [label], 10 * (2 - i), 0) for i, label in enumerate(labels)]
    model = TopicModel(topics=topics, assignments=[1, 2])
    print_summary(2, [[], []], model, load_taxonomy(), tmp_path / "out.csv")
    lines = capsys.readouterr().out.split("discovered topics:\n", 1)[1].splitlines()
    assert [line.index(" comments") for line in lines] == [lines[0].index(" comments")] * 2
    assert lines[1].startswith("   2. Mental health, benefits package, massage therapy sessions ")


def test_fixed_topic_count(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", ["text"], [[t] for t in CORPUS])
    out = tmp_path / "out.csv"
    assert main(["themes", str(source), "--out", str(out), "--topics", "2"]) == 0
    assert {r["topic"] for r in read(out)} <= {"1", "2"}


def test_fewer_topics_than_asked_for_are_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repeated = ["The printer is slow", "Budget meeting late"] * 6
    source = write(tmp_path / "in.csv", ["text"], [[t] for t in repeated])
    out = tmp_path / "out.csv"
    assert main(["themes", str(source), "--out", str(out), "--topics", "5"]) == 0
    printed = capsys.readouterr().out
    assert "2 discovered topics:" in printed
    assert "--topics 5 asked for more: the comments only split into 2" in printed
    assert main(["themes", str(source), "--out", str(out), "--topics", "2"]) == 0
    assert "asked for more" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("comment,label\nslow,negative\n", [], "line 1: there is no 'text' column (found: comment"),
        ("text\nslow\n", ["--topics", "0"], "--topics must be 1 or more"),
        ('text\n"a",b\n', [], "line 2: this row has more cells than the header"),
    ],
)
def test_bad_input_is_explained_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, args: list[str], message: str
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["themes", str(source), "--out", str(out), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_missing_file_and_bad_taxonomy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.csv"
    assert main(["themes", str(tmp_path / "absent.csv"), "--out", str(out)]) == 2
    assert "absent.csv does not exist" in capsys.readouterr().err
    source = write(tmp_path / "in.csv", ["text"], [["slow"]])
    taxonomy = tmp_path / "tax.yaml"
    taxonomy.write_text("themes:\n  - id: x\n    label: X\n    keyword: [a]\n", encoding="utf-8")
    assert main(["themes", str(source), "--out", str(out), "--taxonomy", str(taxonomy)]) == 2
    assert "line 4, theme 'x': unknown field 'keyword'" in capsys.readouterr().err
    assert not out.exists()
