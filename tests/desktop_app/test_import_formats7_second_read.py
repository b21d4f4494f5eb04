"""A second read of the documented export variants (formats7), against what the tools
also write: a Qualtrics one-answer question with a typed "Other" choice is headed "... -
Selected Choice" and is a rating, not a ticked choice (it was dropped when everyone gave
the same answer); a department named with brackets ("IT (Helpdesk)") is a department, not
"more than a department"; a manager's e-mail spelt "Manager E-mail" is not the comment's
writer."""

from __future__ import annotations

import csv
import io

from desktop_app.import_wizard.wizard import MAPPING_PAGE
from tests.desktop_app import test_import_wizard as base
from tests.desktop_app.import_variant_helpers import run
from tests.desktop_app.test_import_wizard import _choose_file, _next
from tests.surveys.csv_helpers import snapshot
from tests.surveys.importing.helpers import content, fixture, new_workspace

wizard = base.wizard  # the same fixture: a wizard on a new workspace
LIAISON = "I know who our liaison in IT is."


def _qualtrics(tmp_path, name: str, change) -> object:
    """The Qualtrics fixture with ``change(rows)`` applied (the three header rows first)."""
    text = fixture("qualtrics.csv").read_text(encoding="utf-8-sig")
    rows = [row for row in csv.reader(io.StringIO(text, newline="")) if row]
    change(rows)
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _liaison_with_other(rows: list[list[str]]) -> None:
    """A yes/no question with a typed "Other" choice, which every respondent answered yes."""
    heads = ("Q11", f"{LIAISON} - Selected Choice", '{"ImportId":"QID11"}')
    for row, cell in zip(rows[:3], heads, strict=True):
        row.append(cell)
    for row in rows[3:]:
        row.append("Yes")


def test_a_one_answer_qualtrics_question_ending_in_selected_choice_is_a_rating(tmp_path, capsys):
    path = _qualtrics(tmp_path, "liaison.csv", _liaison_with_other)
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    assert code == 0
    line = next(line for line in suggested.splitlines() if line.startswith("  Q11:"))
    assert line.startswith("  Q11: {target: IT, item: knows_liaison, scale: yes_no}")
    mapping = tmp_path / "map.yaml"
    mapping.write_text(suggested, encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    code, _, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 0, err
    held = content(workspace)
    liaison = [a for _, got in held for a in got if a[:2] == ("IT", "knows_liaison")]
    others = [key for key, _ in held if key[1] != "IT"]  # IT's own answers about IT are skipped
    assert others and len(liaison) == len(others)  # it was none: the column was dropped


def test_the_wizard_suggests_it_as_a_rating_too(wizard, qtbot, tmp_path):
    _choose_file(wizard, qtbot, _qualtrics(tmp_path, "liaison.csv", _liaison_with_other))
    _next(wizard, qtbot)
    assert wizard.currentId() == MAPPING_PAGE
    mapping = wizard.mapping_page.suggestion.mapping
    assert "Q11" not in mapping.drop
    rule = mapping.columns["Q11"]
    assert (rule.target, rule.item) == ("IT", "knows_liaison")


def _bracketed_departments(rows: list[list[str]]) -> None:
    names = {"IT": "IT (Helpdesk)", "Sales": "Sales (Field)"}
    q1 = rows[0].index("Q1")
    for row in rows[3:]:
        row[q1] = names.get(row[q1], row[q1])


def test_a_department_named_with_brackets_is_no_line_to_check(tmp_path, capsys):
    path = _qualtrics(tmp_path, "units.csv", _bracketed_departments)
    named = ["Sales (Field)", "IT (Helpdesk)", "Marketing", "Operations"]
    workspace = new_workspace(tmp_path / "ws", named)
    code, suggested, _ = run(capsys, "--suggest-mapping", path, "--workspace", workspace)
    assert code == 0
    line = next(line for line in suggested.splitlines() if line.startswith("department:"))
    assert "CHECK" not in line and "in brackets" not in line
    assert "  column: Q1  #" in suggested
    code, suggested, _ = run(capsys, "--suggest-mapping", path)  # the default departments
    line = next(line for line in suggested.splitlines() if line.startswith("department:"))
    assert "answers such as 'Sales (Field)' hold more than a department, in brackets" in line


def test_a_limesurvey_yes_no_array_everyone_answered_y_is_a_line_to_check(tmp_path, capsys):
    """LimeSurvey's array of yes/no questions writes ``Y``, as its multiple choice does:
    when nobody answered ``N``, a question that reads as "knows the liaison" was dropped as
    ticked choices with nothing to check, and its answers lost."""
    text = fixture("limesurvey_codes.csv").read_text(encoding="utf-8-sig")
    rows = [row for row in csv.reader(io.StringIO(text, newline="")) if row]
    at = rows[0].index(f"G04Q04. {LIAISON}")
    key = "G04Q04[SQ001]. I know who our liaison is in each department. [IT]"
    rows[0][at] = key
    for row in rows[1:]:
        row[at] = "Y" if row[at] else ""
    path = tmp_path / "liaison_array.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    line = next(line for line in suggested.splitlines() if line.startswith(f'  "{key}"'))
    assert "CHECK: every answer is 'Y': one column per ticked choice (not a rating), or" in line
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    code, _, _ = run(capsys, workspace, path)  # no --mapping: a line to check, no import
    assert code == 2
    assert snapshot(workspace) == before


def test_a_manager_column_spelt_otherwise_is_not_the_comment_s_writer(tmp_path, capsys):
    """ "Manager E-mail" (hyphenated), "Supervisor Email" and "Reports To" were not known as
    a manager's columns: "Manager E-mail" was taken for the writer's e-mail, and two
    comments by one manager's team were refused as one person's."""
    text = fixture("variants/glint_comments_managers.csv").read_text(encoding="utf-8-sig")
    for heads in ("Manager,Manager E-mail", "Reports To,Supervisor Email"):
        path = tmp_path / f"{heads[:7]}.csv"
        path.write_text(text.replace("Manager,Manager Email", heads, 1), encoding="utf-8")
        workspace = new_workspace(tmp_path / heads[:7])
        code, out, err = run(capsys, workspace, path)
        assert code == 0, err
        assert "3 new comments" in out
        held = repr(content(workspace))
        assert "Ines Duarte" not in held and "ines.duarte@" not in held


def _abbreviated_departments(rows: list[list[str]]) -> None:
    names = {"IT": "Information Technology (IT)", "Marketing": "Marketing (MKT)"}
    q1 = rows[0].index("Q1")
    for row in rows[3:]:
        row[q1] = names.get(row[q1], row[q1])


def test_a_department_s_abbreviation_in_brackets_is_no_manager_s_name(tmp_path, capsys):
    path = _qualtrics(tmp_path, "abbreviated.csv", _abbreviated_departments)
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    assert code == 0
    line = next(line for line in suggested.splitlines() if line.startswith("department:"))
    assert "in brackets" not in line  # it was "(a manager's name?)", a line to check
    assert "  column: Q1  #" in suggested
    assert "    information technology (it): IT\n" in suggested


def test_limesurvey_ticks_exported_as_1_are_no_ratings_of_1(tmp_path, capsys):
    """LimeSurvey's export can "Convert Y to" 1: each department ticked was suggested as
    "overall: 1", the lowest rating (a line to check that a saved mapping imported)."""
    text = fixture("variants/limesurvey_multiple_choice.csv").read_text(encoding="utf-8-sig")
    rows = [row for row in csv.reader(io.StringIO(text, newline="")) if row]
    ticked = [i for i, head in enumerate(rows[0]) if head.startswith("G09Q09[")]
    for row in rows[1:]:
        for i in ticked:
            row[i] = "1" if row[i] == "Y" else row[i]
    path = tmp_path / "converted.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    lines = [line for line in suggested.splitlines() if line.startswith('  "G09Q09[')]
    assert len(lines) == 4
    for line in lines:
        assert "item:" not in line
        assert "CHECK: every answer is '1': one column per ticked choice (not a rating)" in line
