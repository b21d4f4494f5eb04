"""`rapport import` on what Excel makes of exports: workbook quirks, its plain "CSV" in
Windows-1252 and Mac Roman, and exports made in another language.

The other tools' own variants are in ``test_import_variants.py``; both share
:mod:`tests.desktop_app.import_variant_helpers`.
"""

from __future__ import annotations

import shutil

import pytest

from surveys.store import database_path
from tests.desktop_app.import_variant_helpers import run, twin, variant
from tests.surveys.csv_helpers import snapshot
from tests.surveys.importing.fixture_people import write_xlsx
from tests.surveys.importing.helpers import (
    content,
    every_cell,
    fixture,
    new_workspace,
)
from tests.surveys.importing.variant_writers import WINDOWS_COMMENTS

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
    assert code == 0 and "Detected: Google Forms responses;" in err
    assert f"  column: {stamp}\n" in suggested
    assert f"  {email}: identity (e-mail" in suggested
