"""`rapport import` on the variants found against the tools' documentation (stop 34).

"Tick all that apply" questions, written as each tool writes them: the fixtures
(:mod:`tests.surveys.importing.documented_writers`) add "Which departments did you work
with this month?" to a base fixture; the suggestion drops it (no Rapport item holds several
choices) and the import gives the base fixture's tidy twin. LimeSurvey's ``Y`` under each
department was suggested, with no line to check, as "knows the liaison: yes"; Qualtrics'
``1,3`` and split "Selected Choice" columns as ratings to check. And LimeSurvey's
full-text headings, whose "Access code" column (the token) was not known as identity.
"""

from __future__ import annotations

from tests.desktop_app.import_variant_helpers import no_identity_in, run, twin, variant
from tests.surveys.csv_helpers import snapshot
from tests.surveys.importing.documented_writers import (
    DEPARTMENTS,
    EX_MANAGERS,
    EX_PEOPLE,
    GLINT_COMMENTS,
    QUESTION,
)
from tests.surveys.importing.helpers import content, fixture, new_workspace

TICKED = "ticked choices (not a rating)"


def _with_drops(tmp_path, base: str, keys: list[str]):
    """The base fixture's mapping with the question's columns dropped, as HR would save it."""
    mapping = tmp_path / "map.yaml"
    text = fixture(base).read_text(encoding="utf-8")
    assert text.rstrip().splitlines()[-1].startswith("  ")  # drop: is the last section
    lines = "".join(f'  "{key}": ticked\n' for key in keys)
    mapping.write_text(text + lines, encoding="utf-8")
    return mapping


def test_limesurvey_multiple_choice_is_dropped_not_read_as_knowing_the_liaison(tmp_path, capsys):
    path = variant("limesurvey_multiple_choice.csv")
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    assert code == 0
    keys = [f"G09Q09[SQ00{i + 1}]. {QUESTION} [{d}]" for i, d in enumerate(DEPARTMENTS)]
    for key in keys:
        assert f'  "{key}": {TICKED}\n' in suggested
    assert not [line for line in suggested.splitlines() if QUESTION in line and "item:" in line]
    workspace = new_workspace(tmp_path / "ws")
    mapping = _with_drops(tmp_path, "limesurvey_codes.map.yaml", keys)
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 0, err
    assert content(workspace) == twin(tmp_path, "limesurvey_codes.tidy.csv")


def test_a_full_answer_limesurvey_yes_is_dropped_but_left_to_check(tmp_path, capsys):
    text = variant("limesurvey_multiple_choice.csv").read_text(encoding="utf-8-sig")
    rows = [line.split(",") for line in text.splitlines()]
    for row in rows[1:]:
        row[7:11] = ["Yes" if cell == "Y" else cell for cell in row[7:11]]
    path = tmp_path / "full_answers.csv"
    path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    key = f"G09Q09[SQ001]. {QUESTION} [Sales]"
    line = next(line for line in suggested.splitlines() if line.startswith(f'  "{key}"'))
    assert "CHECK: every answer is 'Yes': one column per ticked choice (not a rating)" in line
    code, _, err = run(capsys, workspace, path)  # no --mapping: a line to check, no import
    assert code == 2
    assert snapshot(workspace) == before


def test_qualtrics_numeric_choices_joined_by_commas_are_dropped(tmp_path, capsys):
    path = variant("qualtrics_multi_joined.csv")
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    assert code == 0
    assert "  Q10: several choices per answer (no Rapport item)\n" in suggested
    workspace = new_workspace(tmp_path / "ws")
    mapping = _with_drops(tmp_path, "qualtrics.map.yaml", ["Q10"])
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 0, err
    assert content(workspace) == twin(tmp_path, "qualtrics.tidy.csv")


def test_qualtrics_choices_split_into_columns_are_dropped(tmp_path, capsys):
    path = variant("qualtrics_multi_split.csv")
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    assert code == 0
    keys = [f"Q10_{i}" for i in range(1, 5)]
    for key in keys:
        assert f"  {key}: {TICKED}\n" in suggested
    assert "numbers_1_5" not in suggested  # the marks were read as a 1-5 scale to check
    workspace = new_workspace(tmp_path / "ws")
    mapping = _with_drops(tmp_path, "qualtrics.map.yaml", keys)
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 0, err
    assert content(workspace) == twin(tmp_path, "qualtrics.tidy.csv")


def test_surveymonkey_checkboxes_and_their_other_answer_are_dropped(tmp_path, capsys):
    path = variant("surveymonkey_checkboxes.csv")
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path)  # nothing to check: the suggestion is used
    assert code == 0, err
    assert content(workspace) == twin(tmp_path, "surveymonkey_eu.tidy.csv")
    assert no_identity_in(workspace) == []
    assert "Pharmacy" not in repr(content(workspace))  # what was typed under Other


def test_limesurvey_access_codes_under_full_headings_are_identity(tmp_path, capsys):
    """Headed "Access code" (the token, which names the participant in LimeSurvey's
    participant list), the column was a question to check, which a mapping could import."""
    path = variant("limesurvey_full_headings.csv")
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    assert "  Access code: identity (personal id)\n" in suggested
    mapping = tmp_path / "map.yaml"
    text = suggested.replace("  Access code: identity (personal id)\n", "")
    columns = "columns:  # column: the department rated (target), the item, the scale\n"
    assert columns in text
    text = text.replace(columns, columns + "  Access code: {target: IT, item: comment}\n")
    mapping.write_text(text, encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    code, _, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 2
    assert "column 'Access code' holds personal id, which identifies people" in err
    assert snapshot(workspace) == before
    assert no_identity_in(workspace) == []


def test_google_checkboxes_with_a_typed_other_choice_are_dropped(tmp_path, capsys):
    """One answer "Sales, IT, Pharmacy liaison" made the column a line to check, "no
    department named in the question"."""
    path = variant("google_checkbox_other.csv")
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    line = next(line for line in suggested.splitlines() if line.startswith(f'  "{QUESTION}"'))
    assert line == f'  "{QUESTION}": "which departments, several per answer (not a rating)"'
    workspace = new_workspace(tmp_path / "ws")
    mapping = _with_drops(tmp_path, "google.map.yaml", [QUESTION])
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 0, err
    assert content(workspace) == twin(tmp_path, "google.tidy.csv")
    assert "Pharmacy" not in repr(content(workspace))


def test_qualtrics_ex_parent_unit_does_not_take_the_department_question_s_place(tmp_path, capsys):
    """ "Parent Unit" (the unit, or its manager's name) came before Q1 and was chosen as
    the department column, its managers' names written into the mapping; "Participant
    Email" was identity only by its values."""
    path = variant("qualtrics_ex.csv")
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    assert "department:  # high 1.00\n  column: Q1  #" in suggested
    assert "  ParticipantName: identity (name)\n" in suggested
    assert "  ParticipantEmail: identity (e-mail)\n" in suggested
    assert not [name for name in EX_MANAGERS.values() if name.casefold() in suggested.casefold()]
    workspace = new_workspace(tmp_path / "ws")
    mapping = _with_drops(tmp_path, "qualtrics.map.yaml", ["ParentUnit"])
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 0, err
    assert content(workspace) == twin(tmp_path, "qualtrics.tidy.csv")
    people = [*EX_MANAGERS.values(), *(p.split(", ")[0] for p in EX_PEOPLE)]
    assert not [name for name in people if name in repr(content(workspace))]


def test_a_parent_unit_with_managers_names_is_a_department_column_to_check(tmp_path, capsys):
    """Without a department question, "Parent Unit" is the department column, but its
    answers in brackets make it a line to check (it was "high 1.00")."""
    import csv
    import io

    text = variant("qualtrics_ex.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    q1 = rows[0].index("Q1")
    path = tmp_path / "ex_without_q1.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([row[:q1] + row[q1 + 1 :] for row in rows])
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    assert "  column: ParentUnit  #" in suggested
    line = next(line for line in suggested.splitlines() if line.startswith("department:"))
    assert line.startswith("department:  # CHECK: low 0.40;")
    assert "hold more than a department, in brackets (a manager's name?)" in line


def test_the_forms_page_csv_download_imports_as_the_sheets_csv(tmp_path, capsys):
    """Its timestamps (``2025/09/20 11:01:26 AM GMT+1``) are read year first whatever the
    mapping's format: the Sheets CSV's mapping (``M/D/YYYY``) imports it."""
    path = variant("google_forms_download.csv")
    assert "/09/20 11:01:26 AM GMT+1," in path.read_text(encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path, "--mapping", fixture("google.map.yaml"))
    assert code == 0, err
    assert err.startswith("Detected: Google Forms responses.")  # not "(from Sheets)"
    assert content(workspace) == twin(tmp_path, "google.tidy.csv")


def test_a_manager_column_in_a_comment_export_is_not_the_writer(tmp_path, capsys):
    """Two people of one team share a manager: "Manager Email" was taken for the writer
    (an e-mail column), and their two comments about IT were refused as one person's."""
    path = variant("glint_comments_managers.csv")
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path)
    assert code == 0, err
    assert "3 new comments" in out
    people = {cell for row in GLINT_COMMENTS[1:] for cell in row[4:6]}
    held = repr(content(workspace))
    assert not [value for value in people if value in held]
