"""Forms made as quizzes, that record who answered (formats9).

HR sometimes builds the pulse as a quiz (Microsoft Forms' "New quiz", a Google form with
"Make this a quiz" on), or a form that records names. A Forms quiz writes ``Points - <the
question>`` beside each question: read by meaning, it named the same department as the
question and was suggested, "high 0.91", as a second rating of it (every answer 0, so
"very poor"). Google's ``Score`` (``3 / 10``) was a line to check. The names and addresses
the forms recorded are dropped, and never written to the workspace or to a problem.
"""

from __future__ import annotations

from tests.desktop_app.import_variant_helpers import run, twin, variant
from tests.surveys.importing.helpers import content, every_cell, fixture, new_workspace
from tests.surveys.importing.quiz_writers import QUIZ_IDENTITIES


def _suggest(capsys, tmp_path, path):
    code, suggested, err = run(capsys, "--suggest-mapping", path)
    assert code == 0, err
    mapping = tmp_path / "suggested.yaml"
    mapping.write_text(suggested, encoding="utf-8")
    return suggested, mapping


def _no_one_in(workspace, *texts: str) -> None:
    cells = [text for _, text in every_cell(workspace)]
    found = [v for v in QUIZ_IDENTITIES for text in [*cells, *texts] if v in text]
    assert found == []


def test_a_forms_quiz_is_imported_as_the_form_without_its_grading(tmp_path, capsys):
    path = variant("forms_quiz.xlsx")
    suggested, mapping = _suggest(capsys, tmp_path, path)
    columns = suggested.split("\ncolumns:")[1].split("\ndrop:")[0]
    assert "Points - " not in columns and "Feedback - " not in columns
    assert suggested.count(": quiz grading (a Microsoft Forms quiz)") == 33
    assert "Email: identity (e-mail)" in suggested and "Name: identity (name)" in suggested
    assert "  Total points: quiz grading (a Microsoft Forms quiz)" in suggested
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 0, err
    assert "12 new responses" in out and "87 answers and 9 comments" in out
    assert content(workspace) == twin(tmp_path, "forms.tidy.csv")
    _no_one_in(workspace, suggested, out, err)


def test_a_named_forms_quiz_refused_names_no_one(tmp_path, capsys):
    """A typo in a named form's answer is refused at its row and column; the person's
    name and address, in the same row, are in no message and nothing is imported."""
    import openpyxl

    path = tmp_path / "forms_quiz.xlsx"
    book = openpyxl.load_workbook(variant("forms_quiz.xlsx"))
    book.active["L3"] = "Agree strongly"  # "Sales replies quickly ...", line 3
    book.save(path)
    _, mapping = _suggest(capsys, tmp_path, variant("forms_quiz.xlsx"))
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 2
    assert "forms_quiz.xlsx:3: column L " in err and "'Agree strongly'" in err
    assert "Nothing was imported." in err and content(workspace) == []
    _no_one_in(workspace, out, err)


def test_a_google_forms_quiz_score_is_dropped(tmp_path, capsys):
    path = variant("google_quiz.csv")
    suggested, _ = _suggest(capsys, tmp_path, path)
    assert "  Score: quiz score (a Google Forms quiz)\n" in suggested
    assert "  Email address: identity (e-mail)\n" in suggested
    assert "CHECK (1 here)" in suggested  # the 0-10 table only, as for the form's own CSV
    mapping = tmp_path / "google.yaml"
    known = fixture("google.map.yaml").read_text(encoding="utf-8")
    mapping.write_text(
        known.replace("  Email Address: identity (e-mail)", "  Email address: identity (e-mail)")
        + "  Score: quiz score\n",
        encoding="utf-8",
    )
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 0, err
    assert content(workspace) == twin(tmp_path, "google.tidy.csv")
    _no_one_in(workspace, suggested, out, err)


def test_questions_asking_who_answered_are_identity(tmp_path, capsys):
    """A form asking "Your employee number" or "Your manager's name" as questions: both
    were lines to check, and a mapping could import the manager's name as a comment."""
    import openpyxl

    path = tmp_path / "forms_typed.xlsx"
    book = openpyxl.load_workbook(variant("forms_quiz.xlsx"))
    sheet = book.active
    last = sheet.max_column
    sheet.cell(1, last + 1, "Your employee number")
    sheet.cell(1, last + 2, "Who is your manager?")
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, last + 1, 40_100 + row)
        sheet.cell(row, last + 2, ("Pieter Claes", "Rosa Lind")[row % 2])
    book.save(path)
    suggested, mapping = _suggest(capsys, tmp_path, path)
    assert "  Your employee number: identity (personal id)\n" in suggested
    assert '  "Who is your manager?": identity (manager)\n' in suggested
    assert "Pieter Claes" not in suggested and "40102" not in suggested
    text = mapping.read_text(encoding="utf-8")
    mapping.write_text(
        text.replace(
            "columns:", 'columns:\n  "Who is your manager?": {target: IT, item: comment}'
        ).replace('  "Who is your manager?": identity (manager)\n', ""),
        encoding="utf-8",
    )
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 2 and "Who is your manager?" in err and "Pieter Claes" not in err
    assert content(workspace) == []


def test_a_home_made_google_forms_score_question_is_a_line_to_check(tmp_path, capsys):
    """review60: a form (not a quiz) whose question is "Score", answered 1 to 5, had its
    answers dropped as a quiz's score; a quiz writes "7 / 10"."""
    path = tmp_path / "pulse.csv"
    path.write_text(
        "Timestamp,Score,Which department do you work in?,How well does IT work with you?\n"
        "2026/10/01 9:01:02 AM GMT+1,4,Sales,3\n2026/10/01 9:05:02 AM GMT+1,2,Marketing,4\n",
        encoding="utf-8",
    )
    suggested, _ = _suggest(capsys, tmp_path, path)
    assert "layout: google" in suggested and "quiz score" not in suggested
    assert '  Score: "CHECK: no department named in the question; map it' in suggested


def test_optional_questions_asking_who_answered_are_identity(tmp_path, capsys):
    """review60: "Employee number (optional)", "Your name (optional)" and "Who is your line
    manager? (optional)" were lines to check ("map it under columns if it holds answers"),
    and a mapping could import them as comments."""
    path = tmp_path / "pulse.csv"
    path.write_text(
        "Which department do you work in?,Employee number (optional),Your name (optional),"
        "Who is your line manager? (optional),How well does IT work with you?\n"
        "Sales,E55121,Jordan Quillfeather,Priya Vantongeren,4\nMarketing,,,,5\n",
        encoding="utf-8",
    )
    suggested, mapping = _suggest(capsys, tmp_path, path)
    assert "  Employee number (optional): identity (personal id)\n" in suggested
    assert "  Your name (optional): identity (name)\n" in suggested
    assert '  "Who is your line manager? (optional)": identity (manager)\n' in suggested
    mapping.write_text(
        suggested.replace(
            "columns:", "columns:\n  Employee number (optional): {target: IT, item: comment}"
        ).replace("  Employee number (optional): identity (personal id)\n", ""),
        encoding="utf-8",
    )
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 2 and "Employee number (optional)" in err and "E55121" not in err
    assert content(workspace) == []
