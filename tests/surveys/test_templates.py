"""Survey templates: the built-ins load, and every kind of mistake is reported on its line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from desktop_app.cli import main
from surveys.model import DIMENSIONS, SurveyTemplate
from surveys.templates import TemplateError, builtin_templates, load_template, parse_template

GOOD = """\
key: tiny
title: Tiny pulse
questions:
  - item: timely
    text: They reply in time.
  - item: overall
    text: Overall, working with them is...
"""


def problems(text: str) -> list[tuple[int, str, str]]:
    with pytest.raises(TemplateError) as info:
        parse_template(textwrap.dedent(text), source="t.yaml")
    return [(p.line, p.field, p.message) for p in info.value.problems]


def test_builtin_templates_load_with_expected_content() -> None:
    templates = builtin_templates()
    assert set(templates) == {"full-pulse", "short-pulse", "liaison-check"}
    full = templates["full-pulse"]
    assert [q.item for q in full.questions] == [*DIMENSIONS, "overall", "comment"]
    assert all(q.text for q in full.questions)
    liaison = templates["liaison-check"]
    assert [q.item for q in liaison.questions] == [
        "knows_liaison",
        "meeting_cadence",
        "frequent",
        "comment",
    ]


def test_short_pulse_asks_three_dimensions_and_covers_all_seven_in_three_waves() -> None:
    short = builtin_templates()["short-pulse"]
    seen: set[str] = set()
    for wave in range(3):
        items = [q.item for q in short.questions_for_wave(wave)]
        dims = [i for i in items if i in DIMENSIONS]
        assert len(dims) == 3
        assert items[-2:] == ["overall", "comment"]
        seen.update(dims)
    assert seen == set(DIMENSIONS)


def test_template_round_trips_through_dict() -> None:
    for template in builtin_templates().values():
        assert SurveyTemplate.from_dict(template.to_dict()) == template


def test_good_template_parses() -> None:
    template = parse_template(GOOD)
    assert template.key == "tiny"
    assert [q.text for q in template.questions] == [
        "They reply in time.",
        "Overall, working with them is...",
    ]


def test_unknown_top_level_key_is_reported_on_its_line() -> None:
    found = problems(GOOD + "colour: blue\n")
    assert found == [(8, "colour", found[0][2])]
    assert "allowed keys are key, title, intro, questions, rotation" in found[0][2]


def test_unknown_item_lists_the_valid_ones() -> None:
    text = GOOD.replace("item: timely", "item: timeliness")
    [(line, field, message)] = problems(text)
    assert (line, field) == (4, "questions[1].item")
    assert "'timeliness'" in message and "timely, accurate, problem_solving" in message


def test_missing_and_empty_question_text() -> None:
    text = GOOD.replace("    text: They reply in time.\n", "").replace(
        "text: Overall, working with them is...", 'text: ""'
    )
    assert [(line, field) for line, field, _ in problems(text)] == [
        (4, "questions[1].text"),
        (6, "questions[2].text"),
    ]


def test_duplicate_item_points_at_the_first_one() -> None:
    text = GOOD + "  - item: timely\n    text: Again?\n"
    [(line, field, message)] = problems(text)
    assert (line, field) == (8, "questions[3].item")
    assert "already asked on line 4" in message


def test_unknown_question_key_and_missing_required_keys() -> None:
    text = """\
    questions:
      - item: timely
        text: They reply in time.
        colour: red
    """
    found = problems(text)
    assert (4, "questions[1].colour") in [(line, field) for line, field, _ in found]
    assert {field for _, field, _ in found if "missing" in _} == {"key", "title"}


def test_rotation_naming_an_item_not_in_the_questions() -> None:
    text = GOOD + "rotation:\n  - [timely]\n  - [respect]\n"
    found = problems(text)
    assert (10, "rotation[2]") in [(line, field) for line, field, _ in found]
    assert any("'respect' is not one of the questions" in m for _, _, m in found)


def test_rotation_that_never_asks_a_dimension() -> None:
    full = builtin_templates()["full-pulse"]
    lines = ["key: partial", "title: Partial", "questions:"]
    for q in full.questions:
        if q.item != "respect":
            lines += [f"  - item: {q.item}", f"    text: {q.text}"]
    lines += ["rotation:", "  - [frequent, timely, accurate]", "  - [problem_solving]"]
    found = problems("\n".join(lines) + "\n")
    rotation_line = lines.index("rotation:") + 1
    assert found == [(rotation_line, "rotation", found[0][2])]
    assert "never asks respect" in found[0][2]


def test_yaml_syntax_error_is_reported_with_its_line() -> None:
    text = "key: a\ntitle: A\nquestions:\n  - item: timely\n   text: broken indent\n"
    [(line, field, message)] = problems(text)
    assert (line, field) == (5, "YAML")
    assert "indentation" in message


def test_every_problem_is_reported_at_once_in_file_order() -> None:
    text = """\
    key: Not A Key
    title: ""
    questions:
      - item: nope
        text: x
    extra: 1
    """
    found = problems(text)
    assert [line for line, _, _ in found] == [1, 2, 4, 6]


def test_error_message_lists_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace("item: overall", "item: overal"), encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_template(path)
    assert f"{path}:6: questions[2].item: unknown item 'overal'" in str(info.value)


def test_cli_validate_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["survey", "validate", str(path)]) == 0
    assert capsys.readouterr().out.strip() == "OK: Tiny pulse (2 questions)"


def test_cli_validate_reports_problems_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD + "rotation: []\n", encoding="utf-8")
    assert main(["survey", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:8: rotation: expected a list of groups" in err
    assert "Traceback" not in err


def test_cli_validate_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["survey", "validate", str(tmp_path / "nope.yaml")]) == 2
    assert "cannot be read" in capsys.readouterr().err
