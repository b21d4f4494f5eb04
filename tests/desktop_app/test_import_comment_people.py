"""A comment export counts each comment as one person: the ways one real person could be
counted twice in a group (wave, writer's department, department commented on), each
refused at its row with what to do, or recognised as a comment already imported."""

from __future__ import annotations

from tests.desktop_app.import_variant_helpers import run
from tests.desktop_app.test_import_comment_exports import comments, write_csv
from tests.surveys.importing.helpers import new_workspace

HEADER = ["Question", "Comment", "Department", "Submitted"]
IT_Q1 = "What one thing would make working with IT better?"
IT_Q2 = "What should IT start doing?"


def _rows(question, texts, department="Sales", day="2025-11-03"):
    return [HEADER, *[[question, text, department, day] for text in texts]]


def test_a_second_question_about_the_same_pair_in_another_file_is_refused(tmp_path, capsys):
    """Three people commented on one question about IT, then two of them on another: five
    comments, three people. Imported as two files, nothing may make them five."""
    workspace = new_workspace(tmp_path / "ws")
    first = write_csv(tmp_path / "q1.csv", _rows(IT_Q1, ["Slow tickets.", "No cover.", "Ok."]))
    assert run(capsys, workspace, first)[0] == 0
    second = write_csv(tmp_path / "q2.csv", _rows(IT_Q2, ["Weekly demos.", "Office hours."]))
    code, _, err = run(capsys, workspace, second)
    assert code == 2
    assert 'q2.csv:2: column B "Comment": the workspace already holds fewer than 5 comments' in err
    assert "from Sales about IT in wave 2025-11" in err
    assert "counted twice" in err
    assert len(comments(workspace)) == 3


def test_the_same_question_exported_again_with_late_comments_adds_them(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    early = write_csv(tmp_path / "early.csv", _rows(IT_Q1, ["Slow tickets.", "No cover."]))
    assert run(capsys, workspace, early)[0] == 0
    late = write_csv(tmp_path / "late.csv", _rows(IT_Q1, ["Slow tickets.", "No cover.", "Ok."]))
    code, out, err = run(capsys, workspace, late)
    assert code == 0, err
    assert "1 new comment, 2 already imported." in out
    assert len(comments(workspace)) == 3


def test_a_comment_already_imported_is_recognised_whatever_its_line_ends(tmp_path, capsys):
    """Excel writes a line break in a cell as CRLF in one export and LF in another."""
    workspace = new_workspace(tmp_path / "ws")
    lf = write_csv(tmp_path / "lf.csv", _rows(IT_Q1, ["Slow tickets.\nNo cover. ", "Ok."]))
    assert run(capsys, workspace, lf)[0] == 0
    crlf = write_csv(tmp_path / "crlf.csv", _rows(IT_Q1, ["Slow  tickets.\r\nNo cover.", "Ok."]))
    code, out, err = run(capsys, workspace, crlf)
    assert code == 0, err
    assert "0 new comments, 2 already imported." in out
    assert len(comments(workspace)) == 2


def test_one_person_on_two_rows_about_one_department_is_refused(tmp_path, capsys):
    """Peakon asks a question again in a later round: one person's two answers in one month
    are one person, however many rows."""
    workspace = new_workspace(tmp_path / "ws")
    rows = [
        ["answerId", "accountEmail", "questionText", "answerComment", "Segment", "answerDate"],
        ["a-1", "j.okafor@example.com", IT_Q1, "Slow tickets.", "Sales", "2025-11-03"],
        ["a-2", "m.ruiz@example.com", IT_Q1, "No cover.", "Sales", "2025-11-04"],
        ["a-3", "j.okafor@example.com", IT_Q1, "Still slow.", "Sales", "2025-11-17"],
    ]
    code, _, err = run(capsys, workspace, write_csv(tmp_path / "peakon.csv", rows))
    assert code == 2
    assert 'peakon.csv:4: column B "accountEmail": the same person as on line 2' in err
    assert "example.com" not in err
    assert comments(workspace) == []


def test_one_response_id_twice_for_one_question_is_refused(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    rows = [
        ["Response ID", "Question", "Comment", "Department", "Recorded Date"],
        ["R_1a", IT_Q1, "Slow tickets.", "Sales", "2025-11-03"],
        ["R_2b", IT_Q1, "No cover.", "Sales", "2025-11-03"],
        ["R_1a", IT_Q1, "Slow tickets.", "Sales", "2025-11-03"],
    ]
    code, _, err = run(capsys, workspace, write_csv(tmp_path / "ex.csv", rows))
    assert code == 2
    assert 'ex.csv:4: column A "Response ID": the same person as on line 2' in err
    assert "R_1a" not in err
    assert comments(workspace) == []


def test_equal_comments_of_two_people_without_ids_are_both_kept(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    path = write_csv(tmp_path / "same.csv", _rows(IT_Q1, ["Nothing.", "Nothing.", "Ok."]))
    code, out, err = run(capsys, workspace, path)
    assert code == 0, err
    assert "3 new comments" in out
    code, out, err = run(capsys, workspace, path)
    assert code == 0 and "0 new comments, 3 already imported." in out


def test_an_equal_comment_of_another_person_is_added_beside_the_one_imported(tmp_path, capsys):
    """The workspace holds one "Nothing." of the group; the export of the same question has
    two (a second person's came in late): one is there already, the other is new."""
    workspace = new_workspace(tmp_path / "ws")
    early = write_csv(tmp_path / "early.csv", _rows(IT_Q1, ["Nothing.", "Slow tickets."]))
    assert run(capsys, workspace, early)[0] == 0
    late = write_csv(tmp_path / "late.csv", _rows(IT_Q1, ["Nothing.", "Slow tickets.", "Nothing."]))
    code, out, err = run(capsys, workspace, late)
    assert code == 0, err
    assert "1 new comment, 2 already imported." in out
    assert [row[3] for row in comments(workspace)].count("Nothing.") == 2
    code, out, err = run(capsys, workspace, late)
    assert code == 0 and "0 new comments, 3 already imported." in out


def _generic_comments(text_of=lambda text: text):
    """The comments of tests/fixtures/import/generic.csv as a comment export of them."""
    import csv

    from tests.surveys.importing.helpers import fixture

    with open(fixture("generic.csv"), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    return [HEADER] + [
        ["What could Sales do better?", text_of(r[11]), r[1], "2025-12-05"] for r in rows if r[11]
    ]


def test_a_responses_export_after_its_comment_export_adds_no_comment_twice(tmp_path, capsys):
    """The comment export came first: the responses export's equal comments are the same
    people's, and are not added again (its ratings are)."""
    from tests.surveys.importing.helpers import fixture

    workspace = new_workspace(tmp_path / "ws")
    exported = write_csv(tmp_path / "comments.csv", _generic_comments())
    assert run(capsys, workspace, exported)[0] == 0
    held = comments(workspace)
    code, out, err = run(
        capsys, workspace, fixture("generic.csv"), "--mapping", fixture("generic.map.yaml")
    )
    assert code == 0, err
    assert "0 comments added. 4 comments a comment export brought before, not added again." in out
    assert comments(workspace) == held


def test_a_responses_export_with_other_comments_for_the_same_people_is_refused(tmp_path, capsys):
    from tests.surveys.importing.helpers import fixture

    workspace = new_workspace(tmp_path / "ws")
    other = _generic_comments(lambda text: f"Another question's answer: {text[:20]}")
    assert run(capsys, workspace, write_csv(tmp_path / "comments.csv", other))[0] == 0
    code, _, err = run(
        capsys, workspace, fixture("generic.csv"), "--mapping", fixture("generic.map.yaml")
    )
    assert code == 2
    assert (
        "generic.csv:2: comment: the workspace holds fewer than 5 comments from Operations "
        "about Sales" in err
    )
    assert "Leave this file's comments out (drop the comment column in the mapping" in err
    assert len(comments(workspace)) == 4


def test_a_rapport_csv_after_a_comment_export_adds_no_comment_twice(tmp_path, capsys):
    from desktop_app.cli import main

    workspace = new_workspace(tmp_path / "ws")
    exported = write_csv(tmp_path / "comments.csv", _rows(IT_Q1, ["Slow tickets."]))
    assert run(capsys, workspace, exported)[0] == 0
    tidy = tmp_path / "tidy.csv"
    head = "submission_id,wave,respondent_department,target_department,item,value\n"
    tidy.write_text(
        head + "s-1,2025-11,Sales,IT,timely,2\ns-1,2025-11,Sales,IT,comment,Slow tickets.\n",
        encoding="utf-8",
    )
    assert main(["import-csv", str(workspace), str(tidy)]) == 0
    assert "1 answer and 0 comments added" in capsys.readouterr().out
    assert [row[3] for row in comments(workspace)] == ["Slow tickets."]
    december = _rows(IT_Q1, ["Slow tickets."], day="2025-12-03")
    assert run(capsys, workspace, write_csv(tmp_path / "december.csv", december))[0] == 0
    other = tmp_path / "other.csv"
    other.write_text(head + "s-2,2025-12,Sales,IT,comment,Weekly demos.\n", encoding="utf-8")
    assert main(["import-csv", str(workspace), str(other)]) == 2
    err = capsys.readouterr().err
    assert "other.csv:2: comment: the workspace holds fewer than 5 comments from Sales" in err
    assert "in wave 2025-12 from a comment export" in err
