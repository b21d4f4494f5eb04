"""`rapport import` on a Qualtrics slider question (formats8): decimals such as ``7.5``,
and the same file saved again by a German Excel, where they read ``7,5``.

The European file's sliders were dropped without a line to check as "several choices per
answer" (``7,5`` read as Qualtrics' choices 7 and 5 joined by a comma), and the decimals of
either file fitted no scale: each one was a "?" to fill in by hand.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import yaml

from surveys.importing.scales import normalise_answer, suggest_scale
from surveys.importing.sliders import moved
from tests.desktop_app.import_variant_helpers import run, variant
from tests.surveys.importing.fixture_people import write_csv
from tests.surveys.importing.helpers import content, every_cell, new_workspace
from tests.surveys.importing.quirk_writers import slider_rows

EU = "qualtrics_sliders_eu.csv"
DOT = "qualtrics_sliders.csv"
SLIDER_0_10 = {
    "0": 1,
    "0.5": 1,
    "1": 1,
    "2": 2,
    "2.5": 2,
    "3": 2,
    "3.75": 3,  # 2.5 rounded half up (Python's round gives 2)
    "4": 3,
    "5": 3,
    "6": 3,
    "6.25": 4,
    "7": 4,
    "7.5": 4,
    "8": 4,
    "8.75": 5,  # 4.5 rounded half up
    "9": 5,
    "9.25": 5,
    "10": 5,
}


def _suggested(capsys, tmp_path: Path, name: str) -> tuple[Path, dict, str]:
    code, text, err = run(capsys, "--suggest-mapping", variant(name))
    assert code == 0, err
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path, yaml.safe_load(text), text


def test_european_excel_sliders_are_suggested_as_a_slider_not_as_choices(tmp_path, capsys):
    _, mapping, text = _suggested(capsys, tmp_path, EU)
    assert "several choices" not in text
    assert mapping["scales"] == {"slider_0_10": SLIDER_0_10}
    assert mapping["date"]["format"] == "D.M.YYYY"  # "20.10.2025 15:52", as Excel shows it
    for n, department in enumerate(("Sales", "IT", "Marketing", "Operations"), start=1):
        rule = {"target": department, "item": "overall", "scale": "slider_0_10"}
        assert mapping["columns"][f"Q10_{n}"] == rule
    assert (
        "slider_0_10:  # CHECK: medium 0.60; numbers read as a 0-10 slider (answers seen: "
        "0.5 to 10), each moved onto 1-5 and rounded half up"
    ) in text


def test_either_file_imports_with_the_others_mapping_and_holds_the_same(tmp_path, capsys):
    mapping, _, _ = _suggested(capsys, tmp_path, EU)
    european, dotted = new_workspace(tmp_path / "eu"), new_workspace(tmp_path / "dot")
    code, out, err = run(capsys, european, variant(EU), "--mapping", mapping)
    assert code == 0, err
    assert run(capsys, dotted, variant(DOT), "--mapping", mapping)[0] == 0
    assert "1 of the new responses was not finished" in err + out  # FALSCH, as False
    held = content(european)
    assert held == content(dotted)
    assert len(held) == 12
    first = (
        ("2025-10", "Operations"),
        (
            ("IT", "overall", "3"),  # 3.75
            ("Marketing", "overall", "5"),  # 10
            ("Sales", "overall", "4"),  # 7.5
        ),
    )
    assert first in held
    people = [row[i] for row in slider_rows()[3:] for i in (3, 8, 9, 10, 11, 12)]
    assert people and not [v for _, text in every_cell(european) for v in people if v in text]


def test_a_decimal_the_mapping_lacks_is_refused_at_its_row_and_column(tmp_path, capsys):
    mapping, _, _ = _suggested(capsys, tmp_path, EU)
    text = mapping.read_text(encoding="utf-8").replace('    "3.75": 3\n', "")
    mapping.write_text(text, encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    code, _, err = run(capsys, workspace, variant(EU), "--mapping", mapping)
    assert code == 2
    assert f"{variant(EU)}:4: column T " in err
    assert (
        "unknown answer '3,75' for scale slider_0_10 (it knows 17 answers: '0', '0.5', '1', "
        "'2', '2.5', …, '9.25', '10'). Add it to scales: slider_0_10: in the mapping"
    ) in err
    assert "Nothing was imported." in err
    assert content(workspace) == []


def test_comma_joined_choices_are_still_several_choices(capsys):
    code, suggested, _ = run(capsys, "--suggest-mapping", variant("qualtrics_multi_joined.csv"))
    assert code == 0
    assert "  Q10: several choices per answer (no Rapport item)\n" in suggested


def test_qualtrics_default_0_100_slider_is_a_scale_to_check():
    scale = suggest_scale("overall", ["0", "35", "72", "100"])
    assert scale.name == "slider_0_100" and scale.confidence == 0.6
    assert len(scale.values) == 101
    assert [scale.values[str(v)] for v in (0, 12, 13, 37, 38, 50, 62, 63, 87, 88, 100)] == [
        1,
        1,
        2,
        2,
        3,
        3,
        3,
        4,
        4,
        5,
        5,
    ]


def test_answers_are_compared_whatever_the_decimal_separator():
    assert normalise_answer("3,50") == normalise_answer("3.5") == "3.5"
    assert normalise_answer("5,0") == normalise_answer("5.00") == "5"
    assert normalise_answer("1,000") == "1,000"  # a thousands separator: not one
    assert moved(Fraction("2.5"), 0, 10, 5) == 2


def test_decimals_that_read_as_joined_choices_are_a_line_to_check(tmp_path, capsys):
    """In a comma-separated file, ``1,5``, ``2,5``... are Qualtrics' choices 1 and 5 as
    much as a slider's 1.5: the columns are dropped, as joined choices, but marked CHECK
    (they were dropped with nothing to check, and the slider's answers lost)."""
    rows = [row[:] for row in slider_rows()]
    halves = iter(["1,5", "2,5", "3,5", "4,5"] * 12)
    for row in rows[3:]:
        row[18:] = [next(halves) if cell else "" for cell in row[18:]]
    path = tmp_path / "sliders.csv"
    write_csv(path, rows)
    code, suggested, err = run(capsys, "--suggest-mapping", path)
    assert code == 0
    assert (
        "  Q10_1: \"CHECK: several choices per answer ('1,5': choices 1 and 5), or numbers "
        "with a decimal comma (a slider's 1.5)?"
    ) in suggested
    assert "4 lines to check" in err
