"""`rapport import` on exports as the tools (and Excel) really write them.

Each fixture in ``tests/fixtures/import/variants/`` (written by
:mod:`tests.surveys.importing.variant_writers`) is one real variant of a base fixture; each is
imported through the command and gives the base fixture's tidy twin, or is refused with a
message that says what, where and what to do.
"""

from __future__ import annotations

import codecs
import shutil
import sqlite3

import pytest

from desktop_app.cli import main
from surveys.csv_import import import_csv
from surveys.store import database_path
from tests.surveys.csv_helpers import snapshot
from tests.surveys.importing.fixture_people import write_xlsx
from tests.surveys.importing.helpers import (
    content,
    counts,
    every_cell,
    fixture,
    identities,
    new_workspace,
)
from tests.surveys.importing.variant_writers import (
    CHECKBOX_QUESTION,
    EXTRA_IDENTITIES,
    WINDOWS_COMMENTS,
)


def variant(name: str):
    return fixture("variants") / name


def twin(tmp_path, tidy: str):
    workspace = new_workspace(tmp_path / "twin")
    import_csv(workspace, fixture(tidy))
    return content(workspace)


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["import", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def no_identity_in(workspace) -> list[tuple[str, str]]:
    values = [v for v in [*identities(), *EXTRA_IDENTITIES] if len(v) >= 4]
    conn = sqlite3.connect(database_path(workspace))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = database_path(workspace).read_bytes()
    leaks = [(t, v) for t, text in every_cell(workspace) for v in values if v in text]
    return leaks + [("file", v) for v in values if v.encode() in raw]


# --------------------------------------------------------------------------- Qualtrics
def test_qualtrics_previews_tests_and_spam_are_skipped_and_counted(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    mapping = fixture("qualtrics.map.yaml")
    code, out, _ = run(capsys, workspace, variant("qualtrics_previews.csv"), "--mapping", mapping)
    assert code == 0
    assert content(workspace) == twin(tmp_path, "qualtrics.tidy.csv")
    assert "11 new responses" in out
    assert (
        "Skipped: 2 survey previews or tests, 1 response marked as spam, 1 empty response." in out
    )


def test_qualtrics_excel_export_with_numeric_values_skips_the_preview(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    mapping = fixture("qualtrics.map.yaml")
    code, out, _ = run(capsys, workspace, variant("qualtrics_values.xlsx"), "--mapping", mapping)
    assert code == 0
    assert content(workspace) == twin(tmp_path, "qualtrics.tidy.csv")
    assert "Skipped: 1 survey preview or test, 1 empty response." in out


def test_an_unfinished_qualtrics_response_is_imported_and_said(tmp_path, capsys):
    rows = variant("qualtrics_previews.csv").read_text(encoding="utf-8-sig").splitlines()
    rows[4] = rows[4].replace(",100,", ",60,").replace(",True,", ",False,")
    unfinished = tmp_path / "unfinished.csv"
    unfinished.write_text("\n".join(rows) + "\n", encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    code, out, _ = run(capsys, workspace, unfinished, "--mapping", fixture("qualtrics.map.yaml"))
    assert code == 0
    assert content(workspace) == twin(tmp_path, "qualtrics.tidy.csv")
    assert "1 of the new responses was not finished (Finished = False)" in out


def test_the_legacy_qualtrics_export_is_recognised_and_its_identity_dropped(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, variant("qualtrics_legacy.csv"))
    assert err.startswith(
        "Detected: Qualtrics legacy export (two header rows); no --mapping: using the suggestion."
    )
    assert code == 0, err
    assert content(workspace) == twin(tmp_path, "qualtrics.tidy.csv")  # 7-point text scale
    assert no_identity_in(workspace) == []


def test_embedded_data_that_names_people_is_dropped_by_the_suggestion(tmp_path, capsys):
    path = variant("qualtrics_embedded.csv")
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    assert code == 0
    assert "  ManagerEmail: identity (e-mail)\n" in suggested
    assert "  displayName: identity (name)\n" in suggested
    assert '  Contact: "identity (e-mail, by its values)"\n' in suggested
    assert "  Q_RecaptchaScore: metadata\n" in suggested
    for key in ("FL_8_DO", "Q2_DO", "Q10_First Click", "Q10_Page Submit"):
        assert f"  {key}: metadata\n" in suggested  # display order and timing, not ratings
    checked = tmp_path / "embedded.yaml"
    lines = [
        "  Site: not a question" if line.startswith("  Site:") else line
        for line in suggested.splitlines()
    ]
    checked.write_text("\n".join(lines) + "\n", encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    assert run(capsys, workspace, path, "--mapping", checked)[0] == 0
    assert content(workspace) == twin(tmp_path, "qualtrics.tidy.csv")
    assert no_identity_in(workspace) == []


def test_a_mapping_that_takes_e_mail_addresses_for_comments_is_refused(tmp_path, capsys):
    path = variant("qualtrics_embedded.csv")
    _, suggested, _ = run(capsys, "--suggest-mapping", path)
    lines = []
    for line in suggested.splitlines():
        if line.startswith(("  Site:", "  Contact:", "  Q7:")):
            continue  # Contact takes the place of Q7 (IT's comment)
        lines.append(line)
        if line.startswith("columns:"):
            lines.append("  Contact: {target: IT, item: comment}")
    lines += ["  Site: not a question", "  Q7: replaced"]
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("\n".join(lines) + "\n", encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    code, _, err = run(capsys, workspace, path, "--mapping", wrong)
    assert code == 2
    assert (
        f'{path}:4: column AO "Contact": the answer is an e-mail address, which identifies a '
        "person, not a comment. Drop the column in the mapping"
    ) in err
    assert "@northfield-health.example" not in err  # the problem does not repeat it
    assert snapshot(workspace) == before


# ------------------------------------------------------------------------ Google Sheets
def _google_day_first(tmp_path):
    text = fixture("google.map.yaml").read_text(encoding="utf-8")
    mapping = tmp_path / "google_eu.yaml"
    mapping.write_text(text.replace("format: M/D/YYYY", "format: D/M/YYYY"), encoding="utf-8")
    return mapping


def test_sheets_day_first_with_a_multiline_comment_and_a_blank_column(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    path = variant("google_sheets_eu.csv")
    code, out, err = run(capsys, workspace, path, "--mapping", _google_day_first(tmp_path))
    assert code == 0, err
    assert "13 new responses" in out
    expected = twin(tmp_path, "google.tidy.csv")
    ratings = [(sub, tuple(a for a in answers if a[1] != "comment")) for sub, answers in expected]
    got = content(workspace)
    assert [(sub, tuple(a for a in answers if a[1] != "comment")) for sub, answers in got] == (
        ratings
    )
    comments = {a[2] for _, answers in got for a in answers if a[1] == "comment"}
    assert "Two things:\nshare the plan earlier,\nand ask us before changing it." in comments


def test_a_value_in_the_column_without_header_is_refused_not_lost(tmp_path, capsys):
    text = variant("google_sheets_eu.csv").read_bytes().decode("utf-8-sig")
    lines = text.split("\r\n")
    lines[5] = lines[5] + "late note"  # the sixth record starts on line 8 (a comment has 3)
    changed = tmp_path / "google_extra.csv"
    changed.write_text("\r\n".join(lines), encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    code, _, err = run(capsys, workspace, changed, "--mapping", _google_day_first(tmp_path))
    assert code == 2
    assert (
        f"{changed}:8: column K \"column K\": has no header but holds 'late note'. Give the "
        "column a header and map it, or delete the value if it does not belong to the survey"
    ) in err
    assert snapshot(workspace) == before


def test_a_sep_line_before_the_header_is_read_as_excel_reads_it(tmp_path, capsys):
    text = fixture("generic.csv").read_bytes().decode("utf-8-sig")
    with_sep = tmp_path / "generic_sep.csv"
    with_sep.write_text("sep=,\r\n" + text, encoding="utf-8", newline="")
    workspace = new_workspace(tmp_path / "ws")
    code, out, _ = run(capsys, workspace, with_sep, "--mapping", fixture("generic.map.yaml"))
    assert code == 0 and "11 new responses" in out
    assert content(workspace) == twin(tmp_path, "generic.tidy.csv")
    # a problem is reported on the line where the file has it (the sep line is line 1)
    lines = with_sep.read_bytes().decode().split("\n")
    lines[3] = lines[3].replace(",Sales,", ",Finance,", 1)
    with_sep.write_text("\n".join(lines), encoding="utf-8", newline="")
    code, _, err = run(
        capsys, new_workspace(tmp_path / "ws2"), with_sep, "--mapping", fixture("generic.map.yaml")
    )
    assert code == 2 and f"{with_sep}:4: column B \"Team\": department 'Finance'" in err


def test_two_exports_pasted_into_one_file_are_refused_at_the_second_header(tmp_path, capsys):
    # the second file's header (with its byte-order mark) was read as a response from
    # department "Team", and its ratings as unknown answers, one problem per cell
    raw = fixture("generic.csv").read_bytes()
    joined = tmp_path / "joined.csv"
    joined.write_bytes(raw + codecs.BOM_UTF8 + raw)  # the second as Excel's "CSV UTF-8"
    lines = raw.count(b"\n")
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    code, _, err = run(capsys, workspace, joined, "--mapping", fixture("generic.map.yaml"))
    assert code == 2
    assert err.count(": row: this row repeats the header") == 1
    assert f"{joined}:{lines + 1}: row: this row repeats the header (line 1): were two " in err
    assert "Team" not in err.replace('column B "Team"', "")
    assert "\ufeff" not in err
    assert snapshot(workspace) == before


def test_sheets_checkbox_answers_joined_by_commas_are_dropped_as_which_departments(
    tmp_path, capsys
):
    path = variant("google_checkboxes.csv")
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    assert code == 0
    line = next(line for line in suggested.splitlines() if CHECKBOX_QUESTION in line)
    assert line.strip() == (
        f'"{CHECKBOX_QUESTION}": "which departments, several per answer (not a rating)"'
    )
    mapping = tmp_path / "google.yaml"
    text = fixture("google.map.yaml").read_text(encoding="utf-8")
    mapping.write_text(text + f'  "{CHECKBOX_QUESTION}": ticked\n', encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 0, err
    assert content(workspace) == twin(tmp_path, "google.tidy.csv")


def test_a_sheets_workbook_is_read_from_its_form_responses_sheet(tmp_path, capsys):
    path = variant("google_sheets.xlsx")
    code, _, err = run(capsys, "--suggest-mapping", path)
    assert "read as Excel workbook (worksheet 'Form Responses 1', 2 of 2)" in err
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path, "--mapping", fixture("google.map.yaml"))
    assert code == 0, err  # date cells read although the mapping says M/D/YYYY
    assert content(workspace) == twin(tmp_path, "google.tidy.csv")


# ---------------------------------------------------------------------- Microsoft Forms
def test_forms_serial_dates_anonymous_and_multi_select(tmp_path, capsys):
    path = variant("forms_variants.xlsx")
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    assert "  column: Completion time\n  format: YYYY-MM-DD" in suggested
    assert (
        '  "Which teams do you work with most often?": several choices per answer (no Rapport '
        "item)\n"
    ) in suggested
    workspace = new_workspace(tmp_path / "ws")
    mapping = variant("forms_variants.map.yaml")
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 0, err
    assert content(workspace) == twin(tmp_path, "forms.tidy.csv")
    assert not [v for t, v in every_cell(workspace) if "anonymous" in v.casefold()]


# ------------------------------------------------------------------------- SurveyMonkey
def test_surveymonkey_workbook_with_merged_question_cells(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    mapping = fixture("surveymonkey.map.yaml")
    code, _, err = run(capsys, workspace, variant("surveymonkey_merged.xlsx"), "--mapping", mapping)
    assert code == 0, err
    assert content(workspace) == twin(tmp_path, "surveymonkey.tidy.csv")


def test_a_department_typed_under_other_please_specify_is_read(tmp_path, capsys):
    path = variant("surveymonkey_other.csv")
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    code, _, err = run(capsys, workspace, path, "--mapping", fixture("surveymonkey_eu.map.yaml"))
    assert code == 2  # the old mapping has no value for 'Sales dept': refused, not skipped
    assert (
        f'{path}:4: column K "Which department do you work in? - Other (please specify)": '
        "department 'Sales dept' is not in the workspace"
    ) in err
    assert snapshot(workspace) == before
    code, suggested, _ = run(capsys, "--suggest-mapping", path)
    assert (
        "  values:  # answers that are not a department's exact name\n    sales dept: Sales\n"
        in (suggested)
    )
    code, out, err = run(capsys, workspace, path)  # the suggestion is certain
    assert code == 0, err
    assert content(workspace) == twin(tmp_path, "surveymonkey_eu.tidy.csv")


def test_surveymonkey_condensed_export_is_refused_with_the_option_to_choose(tmp_path, capsys):
    # Read as the expanded export, its first response was taken for the sub-header row
    workspace = new_workspace(tmp_path / "ws")
    path = variant("surveymonkey_condensed.csv")
    code, out, err = run(capsys, workspace, path)
    assert code == 2 and "Traceback" not in err
    assert f"{path}:2: this is SurveyMonkey's condensed export (one header row" in err
    assert "choose Columns: Expanded and Cells: Actual answer text" in err
    assert "Nothing was imported." in err
    assert counts(workspace)["submissions"] == 0
    code, out, err = run(capsys, "--suggest-mapping", path)
    assert code == 2 and "choose Columns: Expanded" in err and out == ""


def test_responses_skipped_for_want_of_a_department_are_not_called_empty():
    from surveys.importing.runner import FileImportReport

    summary = FileImportReport("surveymonkey", no_department=2, empty_responses=1).summary()
    assert "Skipped: 1 empty response, 2 responses without a department (if_missing: skip)." in (
        summary
    )


# ------------------------------------------------------------------------- Excel quirks
QUIRKS = [
    (("2025-12", "IT"), (("Sales", "timely", "5"),)),
    (("2025-12", "Marketing"), (("IT", "timely", "2"), ("Sales", "timely", "2"))),
    (
        ("2025-12", "Operations"),
        (("IT", "comment", "Quick fixes."), ("IT", "timely", "4"), ("Sales", "timely", "4")),
    ),
    (("2025-12", "Operations"), (("IT", "timely", "3"), ("Sales", "timely", "3"))),
    (("2025-12", "Sales"), (("IT", "timely", "5"),)),
]


def test_formulas_date_cells_numbers_as_text_and_numbered_labels(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    mapping = variant("excel_quirks.map.yaml")
    code, out, err = run(capsys, workspace, variant("excel_quirks.xlsx"), "--mapping", mapping)
    assert code == 0, err
    got = content(workspace)
    assert sorted((sub, tuple(sorted(a))) for sub, a in got) == sorted(QUIRKS)


def test_numbered_scale_labels_are_suggested_as_a_scale_not_as_comments(capsys):
    code, suggested, _ = run(capsys, "--suggest-mapping", variant("excel_quirks.xlsx"))
    assert "Sales replies in time: {target: Sales, item: timely, scale: agreement}" in suggested
    assert '    "4 - agree": 4\n' in suggested


def test_formulas_without_a_saved_result_are_refused(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    path = variant("excel_unsaved_formulas.xlsx")
    mapping = variant("excel_quirks.map.yaml")
    code, _, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 2
    assert (
        f"{path}:2: cell D2: formulas whose result was never saved (D2, D4): their answers "
        "would be lost."
    ) in err
    assert snapshot(workspace) == before


def test_a_workbook_excel_has_open_is_read_with_a_note(tmp_path, capsys):
    path = tmp_path / "excel_quirks.xlsx"
    shutil.copy(variant("excel_quirks.xlsx"), path)
    lock = tmp_path / "~$excel_quirks.xlsx"
    lock.write_bytes(b"\x05Klara" + b" " * 49 + b"\x00" * 110)  # Excel's owner file
    workspace = new_workspace(tmp_path / "ws")
    code, _, err = run(capsys, workspace, path, "--mapping", variant("excel_quirks.map.yaml"))
    assert code == 0
    assert (
        "Note: Excel has excel_quirks.xlsx open (~$excel_quirks.xlsx is beside it): what was "
        "last saved is imported; save it in Excel first if you changed it there." in err
    )
    code, _, err = run(capsys, workspace, lock, "--mapping", variant("excel_quirks.map.yaml"))
    assert code != 0
    assert "is the lock file Excel keeps while excel_quirks.xlsx is open" in err


@pytest.mark.parametrize("name", ["excel_quirks.xlsx", "google_sheets_eu.csv"])
def test_a_file_another_program_holds_is_named_with_what_to_do(tmp_path, capsys, monkeypatch, name):
    import openpyxl

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(openpyxl, "load_workbook", refused)
    monkeypatch.setattr("surveys.importing.table.open", refused, raising=False)
    workspace = new_workspace(tmp_path / "ws")
    code, _, err = run(capsys, workspace, variant(name), "--mapping", fixture("google.map.yaml"))
    assert code != 0
    assert "cannot be opened (Permission denied)." in err
    assert "Close it in Excel (or the program that has it open)" in err


# ------------------------------------------------------------------ Excel's plain "CSV"
@pytest.mark.parametrize(
    ("name", "encoding", "apostrophe"),
    [("excel_windows.csv", "Windows-1252", b"\x92"), ("excel_mac.csv", "Mac Roman", b"\xd5")],
)
def test_excels_windows_and_mac_csv_import_as_their_utf8_twin(
    tmp_path, capsys, name, encoding, apostrophe
):
    path = variant(name)
    assert apostrophe in path.read_bytes()  # a curly apostrophe, which UTF-8 writes otherwise
    utf8 = tmp_path / "excel_utf8.csv"
    text = path.read_bytes().decode("cp1252" if encoding == "Windows-1252" else "mac_roman")
    utf8.write_text(text.replace("\r\n", "\n").replace("\r", "\n"), encoding="utf-8-sig")
    mapping = fixture("generic.map.yaml")
    twin_ws = new_workspace(tmp_path / "twin")
    assert run(capsys, twin_ws, utf8, "--mapping", mapping)[0] == 0
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 0 and "encoding" not in err
    assert "11 new responses" in out
    assert content(workspace) == content(twin_ws)
    stored = {text for _, text in every_cell(workspace)}
    assert set(WINDOWS_COMMENTS) <= stored  # ’ “ ” – é £ € as typed
    assert not [text for text in stored if "Mat\u00e9o" in text or "\ufffd" in text]
    code, out, _ = run(capsys, "--suggest-mapping", path)
    assert f"read as CSV, comma-separated, {encoding}" in out


def test_labels_with_their_number_in_brackets_are_read_as_their_words(tmp_path, capsys):
    # "Agree (4)" and "(4) Agree", as hand-made sheets and some tools write them; the word
    # decides, as for "4 - Agree"
    path = tmp_path / "sheet.csv"
    path.write_text(
        "Team,Submitted,IT replies in time,Sales replies in time\r\n"
        "Sales,2025-12-01,Agree (4),\r\n"
        "Operations,2025-12-02,Strongly disagree (1),(5) Strongly agree\r\n"
        "Marketing,2025-12-03,Neither agree nor disagree (3),(2) Disagree\r\n",
        encoding="utf-8",
    )
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path)  # no mapping: the suggestion is certain
    assert code == 0, err
    assert "3 new responses" in out and "5 answers" in out
    assert sorted(a for _, answers in content(workspace) for a in answers) == [
        ("IT", "timely", "1"),
        ("IT", "timely", "3"),
        ("IT", "timely", "4"),
        ("Sales", "timely", "2"),
        ("Sales", "timely", "5"),
    ]


def test_a_sheet_with_a_title_above_its_header_is_read_from_the_header(tmp_path, capsys):
    # A1 holds the sheet's title, row 2 is blank: the header was read from row 1 ("column B")
    path = tmp_path / "pulse.xlsx"
    write_xlsx(path, [["Staff pulse - December 2025"], [], *_PULSE])
    code, suggested, err = run(capsys, "--suggest-mapping", path)
    assert code == 0
    assert "wide table (one row per respondent, one header row), header on line 3 (the " in err
    mapping = tmp_path / "pulse.yaml"
    mapping.write_text(suggested, encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 0, err
    assert "2 new responses" in out
    assert sorted(a for _, answers in content(workspace) for a in answers) == [
        ("IT", "timely", "2"),
        ("IT", "timely", "4"),
        ("Sales", "timely", "5"),
    ]
    finance = tmp_path / "pulse_finance.xlsx"
    write_xlsx(
        finance, [["Staff pulse - December 2025"], [], *_PULSE, ["Finance", "2025-12-03", "Agree"]]
    )
    code, _, err = run(capsys, new_workspace(tmp_path / "ws2"), finance, "--mapping", mapping)
    assert code == 2  # the problem is named on the row where Excel shows it
    assert f"{finance}:6: column A \"Team\": department 'Finance' is not in the workspace" in err


_PULSE = (
    ["Team", "Submitted", "IT replies in time", "Sales replies in time"],
    ["Sales", "2025-12-01", "Agree", None],
    ["Operations", "2025-12-02", "Disagree", "Strongly agree"],
)


def test_rows_and_columns_excel_saw_as_used_are_neither_responses_nor_problems(tmp_path, capsys):
    # Excel writes ",,," for formatted but empty cells right of and below the data
    lines = fixture("generic.csv").read_bytes().decode().splitlines()
    width = lines[0].count(",") + 3
    padded = tmp_path / "padded.csv"
    padded.write_text(
        "\r\n".join([line + ",," for line in lines] + ["," * width] * 3) + "\r\n",
        encoding="utf-8",
    )
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, padded, "--mapping", fixture("generic.map.yaml"))
    assert code == 0, err
    assert content(workspace) == twin(tmp_path, "generic.tidy.csv")
    assert "11 new responses" in out and "empty" not in out  # was "Skipped: 3 empty responses"
    _, suggested, _ = run(capsys, "--suggest-mapping", padded)
    assert "11 responses looked at" in suggested


# --------------------------------------------------------- exports made in another language
_FORMS_FR = (
    ["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom",
     "Which team are you part of?", "IT replies quickly when we ask for something",
     "What one thing would make working with IT better?"],
    [1, "2026-03-21 08:48:12", "2026-03-21 08:50:40", "jeanne.dupont@contoso.example",
     "Jeanne Dupont", "Sales", "Agree", "Answer the phone when we call about orders."],
    [2, "2026-03-22 09:01:00", "2026-03-22 09:03:10", "bo.li@contoso.example", "Bo Li",
     "Operations", "Disagree", None],
)  # fmt: skip


def test_forms_in_french_drops_nom_and_adresse_de_messagerie_as_identity(tmp_path, capsys):
    # "Nom" (the respondent's name) was a question to check, so a mapping could import it
    path = tmp_path / "formulaire.xlsx"
    write_xlsx(path, [list(row) for row in _FORMS_FR])
    code, suggested, err = run(capsys, "--suggest-mapping", path)
    assert code == 0 and "Detected: Microsoft Forms export" in err
    assert "  Nom: identity (name)\n" in suggested
    assert "  Adresse de messagerie: identity (e-mail)\n" in suggested
    assert "  column: Heure de fin\n" in suggested  # the completion time gives the day
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path)
    assert code == 0, err
    assert "2 new responses" in out
    raw = database_path(workspace).read_bytes()
    stored = " ".join(text for _, text in every_cell(workspace))
    for who in ("Jeanne Dupont", "Bo Li", "jeanne.dupont@contoso.example"):
        assert who not in stored and who.encode() not in raw
    named = tmp_path / "named.yaml"  # a mapping that imports the names is refused
    lines = suggested.replace("  Nom: identity (name)\n", "").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("columns:")) + 1
    named.write_text(
        "".join([*lines[:at], "  Nom: {target: Marketing, item: comment}\n", *lines[at:]])
    )
    code, _, err = run(capsys, new_workspace(tmp_path / "ws2"), path, "--mapping", named)
    assert code == 2
    assert "column 'Nom' holds name, which identifies people; Rapport never imports it" in err


def test_response_ids_excel_shortened_are_refused_once_with_the_cause(tmp_path, capsys):
    # SurveyMonkey's 12-digit ids become "1,14204E+11" when the CSV is saved in Excel: the
    # rows of one day were refused as repeats of each other ("remove one of the two rows")
    text = fixture("surveymonkey_eu.csv").read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    for n in range(2, len(lines)):
        if lines[n][:12].isdigit():
            lines[n] = "1,14204E+11" + lines[n][12:]
    saved = tmp_path / "surveymonkey_excel.csv"
    saved.write_text("\n".join(lines), encoding="utf-8-sig")
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    code, _, err = run(capsys, workspace, saved, "--mapping", fixture("surveymonkey_eu.map.yaml"))
    assert code == 2
    assert f"{saved}:3: column A \"Respondent ID\": the response id '1,14204E+11' was " in err
    assert err.count("shortened by Excel") == 1 and "repeats the response" not in err
    assert snapshot(workspace) == before


@pytest.mark.parametrize(
    ("stamp", "email"),
    [
        ("Carimbo de data/hora", "Endereço de e-mail"),
        ("Tijdstempel", "E-mailadres"),
        ("Tidstämpel", "E-postadress"),
        ("Marca temporal", "Dirección de correo electrónico"),
    ],
)
def test_sheets_in_other_languages_are_google_forms_with_their_day(tmp_path, capsys, stamp, email):
    text = fixture("google.csv").read_text(encoding="utf-8-sig")
    header, rest = text.split("\n", 1)
    localised = tmp_path / "respostas.csv"
    localised.write_text(
        header.replace("Timestamp", stamp, 1).replace("Email Address", email, 1) + "\n" + rest,
        encoding="utf-8",
    )
    code, suggested, err = run(capsys, "--suggest-mapping", localised)
    assert code == 0 and "Detected: Google Forms responses (from Sheets)" in err
    assert f"  column: {stamp}\n" in suggested
    assert f"  {email}: identity (e-mail" in suggested
