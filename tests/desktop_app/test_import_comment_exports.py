"""`rapport import` of comment exports: one free-text comment per row (Culture Amp, Peakon,
Viva Glint, Qualtrics EX, Lattice), each file written here as the tool lays it out
(docs/import-tools.md, "Comment exports", says which column names are documented and which
are assumed)."""

from __future__ import annotations

import csv
import sqlite3

import openpyxl

from surveys.store import database_path
from tests.desktop_app.import_variant_helpers import run
from tests.surveys.importing.helpers import fixture, new_workspace

CULTURE_AMP = [
    ["Question", "Comment", "Rating", "Sentiment", "Topics", "Department", "Location", "Submitted"],
    [
        "What one thing would make working with IT better?",
        "Tickets sit for a week before anyone looks at them.",
        "2",
        "Negative",
        "Response time",
        "Sales",
        "Leeds",
        "2025-11-03",
    ],
    [
        "What one thing would make working with IT better?",
        "Call Dana Whitfield on 07700 900123, she fixes it.",
        "4",
        "Positive",
        "People",
        "Marketing",
        "York",
        "2025-11-04",
    ],
    [
        "What one thing would make working with Sales better?",
        "Tell us before a deal promises a custom report.",
        "3",
        "Neutral",
        "Planning",
        "Operations",
        "Leeds",
        "2025-11-05",
    ],
    [
        "What would make this a better place to work?",
        "More quiet rooms.",
        "",
        "Neutral",
        "Workplace",
        "IT",
        "Leeds",
        "2025-11-05",
    ],
]


def write_csv(path, rows, encoding="utf-8-sig"):
    with open(path, "w", newline="", encoding=encoding) as handle:
        csv.writer(handle).writerows(rows)
    return path


def comments(workspace):
    conn = sqlite3.connect(database_path(workspace))
    try:
        return conn.execute(
            "SELECT w.name, f.name, t.name, c.text FROM comments c "
            "JOIN waves w ON w.id = c.wave_id JOIN departments f ON f.id = c.from_id "
            "JOIN departments t ON t.id = c.to_id ORDER BY c.text"
        ).fetchall()
    finally:
        conn.close()


def test_a_culture_amp_comment_export_attaches_each_comment_to_its_pair(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    path = write_csv(tmp_path / "comments.csv", CULTURE_AMP)
    code, out, err = run(capsys, workspace, path)
    assert code == 0, err
    assert "Detected: comment export (one comment per row)." in err
    assert "3 new comments, 0 already imported. 1 new wave created." in out
    assert "1 comment on questions that name no single department" in out
    assert "'What would make this a better place to work?' (1)" in out
    assert comments(workspace) == [
        ("2025-11", "Marketing", "IT", "Call Dana Whitfield on 07700 900123, she fixes it."),
        ("2025-11", "Operations", "Sales", "Tell us before a deal promises a custom report."),
        ("2025-11", "Sales", "IT", "Tickets sit for a week before anyone looks at them."),
    ]
    code, out, _ = run(capsys, workspace, path)
    assert code == 0 and "0 new comments, 3 already imported." in out


def test_a_peakon_export_reads_its_documented_field_names_and_drops_the_email(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    rows = [
        [
            "answerId",
            "accountEmail",
            "questionText",
            "answerScore",
            "answerComment",
            "answerLocale",
            "categoryGroup",
            "Segment",
            "answerDate",
        ],
        [
            "a-101",
            "j.okafor@example.com",
            "How well does Marketing keep you informed?",
            "3",
            "Campaign dates reach us the day before launch.",
            "en",
            "custom",
            "Sales",
            "14/10/2025",
        ],
        [
            "a-102",
            "m.ruiz@example.com",
            "How well does Marketing keep you informed?",
            "9",
            "",
            "en",
            "custom",
            "IT",
            "15/10/2025",
        ],
        [
            "a-103",
            "k.lund@example.com",
            "How well does Marketing keep you informed?",
            "6",
            "Better since the shared calendar.",
            "en",
            "custom",
            "Operations",
            "21/10/2025",
        ],
    ]
    path = write_csv(tmp_path / "peakon.csv", rows)
    code, out, err = run(capsys, workspace, path)
    assert code == 0, err
    assert "Detected: Peakon comment export (one comment per row)." in err
    assert "2 new comments" in out and "1 empty row" in out
    assert [row[:3] for row in comments(workspace)] == [
        ("2025-10", "Operations", "Marketing"),
        ("2025-10", "Sales", "Marketing"),
    ]
    raw = database_path(workspace).read_bytes()
    assert b"example.com" not in raw and b"a-101" not in raw


def test_a_glint_workbook_with_an_about_column(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Comments"
    sheet.append(["Question", "Comment", "About", "Department", "Survey Date"])
    sheet.append(
        ["What should they start doing?", "Share the roadmap.", "IT", "Sales", "2025-09-12"]
    )
    sheet.append(
        ["What should they start doing?", "Join our stand-up.", "Operations", "IT", "2025-09-13"]
    )
    book.save(tmp_path / "glint.xlsx")
    code, out, err = run(capsys, workspace, tmp_path / "glint.xlsx", "--wave", "2025-Q3")
    assert code == 0, err
    assert "2 new comments" in out
    assert [row[:3] for row in comments(workspace)] == [
        ("2025-Q3", "IT", "Operations"),
        ("2025-Q3", "Sales", "IT"),
    ]


def test_an_export_without_departments_is_refused_naming_the_column_to_add(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    rows = [
        ["Question", "Response", "Comment", "Submitted at"],
        ["What one thing would make working with IT better?", "", "Faster laptops.", "2025-11-02"],
    ]
    code, _, err = run(capsys, workspace, write_csv(tmp_path / "lattice.csv", rows))
    assert code == 2
    assert "lattice.csv:1: file: no column holds the department of the person who wrote" in err
    assert "add a column named Department" in err
    assert "Nothing was imported." in err
    assert comments(workspace) == []


def test_bad_rows_are_refused_at_their_line_and_column_and_nothing_is_imported(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    rows = [
        CULTURE_AMP[0],
        CULTURE_AMP[1],
        [*CULTURE_AMP[2][:5], "Finance", "York", "2025-11-04"],
        [*CULTURE_AMP[3][:7], "31/11/2025"],
        [
            "How could IT support you better?",
            "Weekend cover.",
            "",
            "",
            "",
            "Sales",
            "",
            "2025-11-06",
        ],
    ]
    code, _, err = run(capsys, workspace, write_csv(tmp_path / "bad.csv", rows))
    assert code == 2
    assert "bad.csv:3: column F \"Department\": department 'Finance' is not in the workspace" in err
    assert 'bad.csv:4: column H "Submitted"' in err
    assert "Write the date as the other rows do, or delete the row" in err
    assert 'bad.csv:5: column A "Question": this question and the one on line 2' in err
    assert "counted twice" in err
    assert comments(workspace) == []


def test_no_question_naming_a_department_is_refused_with_what_to_do(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    rows = [CULTURE_AMP[0], CULTURE_AMP[4]]
    code, _, err = run(capsys, workspace, write_csv(tmp_path / "general.csv", rows))
    assert code == 2
    assert "none of the comments can be attached to a pair of departments" in err
    assert "Add a column 'About'" in err


def test_no_date_column_asks_for_the_wave(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    rows = [[c for i, c in enumerate(r) if i != 7] for r in CULTURE_AMP[:2]]
    path = write_csv(tmp_path / "nodate.csv", rows)
    code, _, err = run(capsys, workspace, path)
    assert code == 2 and "--wave 2025-11" in err
    code, out, err = run(capsys, workspace, path, "--wave", "2025-11")
    assert code == 0, err
    assert comments(workspace)[0][:3] == ("2025-11", "Sales", "IT")


def test_a_mapping_is_refused_for_a_comment_export(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    path = write_csv(tmp_path / "comments.csv", CULTURE_AMP)
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "format: rapport-import-1\ndepartment: {fixed: Sales}\nwave: {fixed: W1}\ncolumns: {}\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 2
    assert "is a comment export (one comment per row), which needs no mapping" in err


def test_a_comment_imported_with_the_responses_before_is_not_added_twice(tmp_path, capsys):
    """The survey's responses export (with its comments) came in first: the comment export
    of the same survey must not count the same person twice."""
    workspace = new_workspace(tmp_path / "ws")
    first = [CULTURE_AMP[0], CULTURE_AMP[1]]
    first[1] = ["How could IT help you more?", *first[1][1:]]  # another file, another id
    assert run(capsys, workspace, write_csv(tmp_path / "first.csv", first))[0] == 0
    code, out, err = run(capsys, workspace, write_csv(tmp_path / "comments.csv", CULTURE_AMP))
    assert code == 0, err
    assert "2 new comments, 1 already imported." in out
    assert [row[3] for row in comments(workspace)].count(CULTURE_AMP[1][1]) == 1


def test_comments_for_a_released_wave_are_refused_with_what_to_do(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    responses = tmp_path / "responses.csv"
    responses.write_text(
        "submission_id,wave,respondent_department,target_department,item,value\n"
        "s-1,2025-11,Sales,IT,timely,4\n",
        encoding="utf-8",
    )
    assert run(capsys, workspace, responses)[0] == 0  # a tidy file's waves are released
    code, _, err = run(capsys, workspace, write_csv(tmp_path / "comments.csv", CULTURE_AMP))
    assert code == 2
    assert "comments.csv:2: wave: wave 2025-11 was closed and its figures released on" in err
    assert "Import them as a new wave (--wave 2025-11-b)" in err
    assert "reported an error" not in err
    code, out, err = run(
        capsys, workspace, write_csv(tmp_path / "comments.csv", CULTURE_AMP), "--wave", "2025-11-b"
    )
    assert code == 0, err
    assert "3 new comments" in out


def test_a_too_long_comment_or_a_control_character_is_refused_at_its_cell(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    rows = [
        CULTURE_AMP[0],
        [CULTURE_AMP[1][0], "word " * 1300, *CULTURE_AMP[1][2:]],
        [CULTURE_AMP[3][0], "bad\x07bell", *CULTURE_AMP[3][2:]],
    ]
    code, _, err = run(capsys, workspace, write_csv(tmp_path / "c.csv", rows))
    assert code == 2
    assert 'c.csv:2: column B "Comment": the comment is longer than 5,000 characters' in err
    assert 'c.csv:3: column B "Comment": the comment contains a control character' in err
    assert comments(workspace) == []


def test_a_wide_files_comments_follow_the_same_rules(tmp_path, capsys):
    """The wide import wrote a 6,500-character comment that the tidy import refuses."""
    workspace = new_workspace(tmp_path / "ws")
    lines = fixture("generic.csv").read_text(encoding="utf-8-sig").splitlines()
    long = "word " * 1300
    lines[1] = lines[1].replace(
        "Budget talks feel like a contest between us and them instead of one plan.", long
    )
    path = tmp_path / "generic.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(capsys, workspace, path, "--mapping", fixture("generic.map.yaml"))
    assert code == 2
    assert 'generic.csv:2: column L "Comments on Sales": the comment is longer than 5,000' in err


QUALTRICS_EX = [
    ["Response ID", "Recorded Date", "Department", "Question", "Comment"],
    ["R_1a", "11/14/2025 09:14", "Sales", "How could Operations help you more?", "Ship dates."],
    ["R_1a", "11/14/2025 09:14", "Sales", "How could IT help you more?", "Loaner laptops."],
    ["R_2b", "11/3/2025 16:40", "Marketing", "How could IT help you more?", "A named contact."],
]


def _tsv_utf16(path, rows):
    path.write_text("\n".join("\t".join(row) for row in rows) + "\n", encoding="utf-16")
    return path


def test_a_qualtrics_ex_utf16_export_with_one_respondent_on_two_rows(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    path = _tsv_utf16(tmp_path / "ex.tsv", QUALTRICS_EX)
    code, out, err = run(capsys, workspace, path)
    assert code == 0, err
    assert "3 new comments" in out  # R_1a's two comments are about two departments
    assert [row[:3] for row in comments(workspace)] == [
        ("2025-11", "Marketing", "IT"),
        ("2025-11", "Sales", "IT"),
        ("2025-11", "Sales", "Operations"),
    ]
    raw = database_path(workspace).read_bytes()
    assert b"R_1a" not in raw and b"R_2b" not in raw


def test_dates_that_could_be_day_or_month_first_ask_for_the_wave(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    rows = [row[:] for row in QUALTRICS_EX]
    rows[1][1] = rows[2][1] = "11/4/2025 09:14"
    path = _tsv_utf16(tmp_path / "ex.tsv", rows)
    code, _, err = run(capsys, workspace, path)
    assert code == 2
    assert 'column B "Recorded Date": the dates cannot be read with certainty' in err
    assert "Give the wave of every comment with --wave" in err
    code, out, err = run(capsys, workspace, path, "--wave", "2025-11")
    assert code == 0, err
    assert "3 new comments" in out


def test_a_glint_survey_date_gives_the_wave(tmp_path, capsys):
    """docs/import.md names `Survey Date` as Glint's date column."""
    workspace = new_workspace(tmp_path / "ws")
    rows = [
        ["Question", "Comment", "About", "Department", "Survey Date"],
        ["What should they start doing?", "Share the roadmap.", "IT", "Sales", "2025-09-12"],
    ]
    code, out, err = run(capsys, workspace, write_csv(tmp_path / "glint.csv", rows))
    assert code == 0, err
    assert comments(workspace) == [("2025-09", "Sales", "IT", "Share the roadmap.")]


def test_uncertain_dates_with_a_value_that_is_no_date_take_the_wave_given(tmp_path, capsys):
    """--wave is what the refusal asks for: given, the file is imported (no day kept)."""
    workspace = new_workspace(tmp_path / "ws")
    rows = [
        ["Question", "Comment", "Department", "Date"],
        ["How could IT help you more?", "Loaner laptops.", "Sales", "03/11/2025"],
        ["How could IT help you more?", "A named contact.", "Marketing", "soon"],
    ]
    path = write_csv(tmp_path / "c.csv", rows)
    code, _, err = run(capsys, workspace, path)
    assert code == 2
    assert "some values are not dates, and the others could be day or month first" in err
    code, out, err = run(capsys, workspace, path, "--wave", "2025-11")
    assert code == 0, err
    assert "2 new comments" in out


def test_two_comment_columns_are_refused_so_no_comment_is_left_out(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    rows = [
        ["Question", "Comment", "Department", "Date", "Comments"],
        ["How could IT help you more?", "Loaner laptops.", "Sales", "2025-11-03", "And a desk."],
    ]
    code, _, err = run(capsys, workspace, write_csv(tmp_path / "two.csv", rows))
    assert code == 2
    assert 'two.csv:1: column E "Comments": this column and column B "Comment" both hold' in err
    assert comments(workspace) == []
