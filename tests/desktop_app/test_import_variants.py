"""`rapport import` on exports as the tools (and Excel) really write them.

Each fixture in ``tests/fixtures/import/variants/`` (written by
:mod:`tests.surveys.importing.variant_writers`) is one real variant of a base fixture; each is
imported through the command and gives the base fixture's tidy twin, or is refused with a
message that says what, where and what to do.
"""

from __future__ import annotations

import codecs

from tests.desktop_app.import_variant_helpers import no_identity_in, run, twin, variant
from tests.surveys.csv_helpers import snapshot
from tests.surveys.importing.helpers import (
    content,
    counts,
    every_cell,
    fixture,
    new_workspace,
)
from tests.surveys.importing.variant_writers import CHECKBOX_QUESTION


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
