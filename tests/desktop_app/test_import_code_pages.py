"""Excel's plain "CSV" from Central European and Cyrillic Windows (Windows-1250 and -1251),
and its "CSV (MS-DOS)" (code page 850): told apart from Windows-1252 by the file's words,
and imported as its UTF-8 twin."""

from __future__ import annotations

import io

import pytest

from surveys.csv_import import CsvImportError, import_csv
from surveys.importing import ImportProblems, import_names
from surveys.importing.names import stored_people
from surveys.store import open_workspace
from surveys.text_encoding import guess_encoding
from tests.desktop_app.import_variant_helpers import run
from tests.surveys.csv_helpers import HEADER, rows, snapshot
from tests.surveys.importing.helpers import content, every_cell, new_workspace

#: What people type, in the code page their Excel saves a plain "CSV" in.
WRITTEN = [
    ("cp1250", "Łukasz z działu IT odpowiada zbyt późno; źle się współpracuje"),
    ("cp1250", "Přeprava věcí trvá příliš dlouho, oddělení IT je pomalé"),
    ("cp1250", "Ľudia z IT nám nevedia pomôcť, treba byť trpezlivý"),
    ("cp1250", "Colaborarea cu departamentul naţional e bună, funcţie"),
    ("cp1251", "ИТ отвечает слишком медленно, очень долго"),
    ("cp1251", "Співпраця з відділом ІТ дуже повільна, їхні відповіді"),
    ("cp850", "Très lent, la réponse arrive après trois semaines; ça coûte"),
    ("cp850", "Die Zusammenarbeit mit Müller ist schwierig, Größe zählt"),
    ("cp850", "¿Por qué tardan tanto? Año nuevo, señor, información"),
    ("cp1252", "Très lent – où est l’œuvre? Cœur, sœur; ça coûte £5"),
    ("cp1252", "They don’t reply, O‘Brien says; a well—known “problem”"),
    ("cp1252", "¿Por qué tardan tanto? Año nº 5, 1º piso, señor"),
    ("cp1252", "Più lento di così non si può, lunedì e martedì"),
    ("cp1252", "Samarbejdet med IT i København er svært, siger Sørensen"),
    ("cp1252", "As informações não são ações; Müller weiß es"),
]
NAMES = {
    "cp1250": "Windows-1250",
    "cp1251": "Windows-1251",
    "cp1252": "Windows-1252",
    "cp850": "MS-DOS code page 850",
}


@pytest.mark.parametrize(("codec", "comment"), WRITTEN)
def test_the_code_page_is_told_by_the_words(codec, comment) -> None:
    data = f"Team,Comment\r\nSales,{comment}\r\nIT,{comment.upper()}\r\n".encode(codec)
    assert guess_encoding(io.BytesIO(data)).encoding == NAMES[codec]


def _sheet(comments: tuple[str, str], team: str = "Zespół") -> str:
    return (
        f"{team},Submitted,IT replies in time,Sales replies in time,"
        "What one thing would make working with IT better?\r\n"
        f"Sales,2025-12-01,Agree,,{comments[0]}\r\n"
        f"Operations,2025-12-02,Strongly disagree,Strongly agree,{comments[1]}\r\n"
        "Marketing,2025-12-03,Disagree,Agree,\r\n"
    )


@pytest.mark.parametrize(
    ("codec", "first", "second"),
    [
        ("cp1250", WRITTEN[0][1], WRITTEN[1][1]),
        ("cp1251", WRITTEN[4][1], WRITTEN[5][1]),
        ("cp850", WRITTEN[6][1], WRITTEN[7][1]),
    ],
)
def test_a_sheet_saved_as_plain_csv_imports_as_its_utf8_twin(
    tmp_path, capsys, codec, first, second
) -> None:
    team = {"cp1250": "Zespół", "cp1251": "Отдел", "cp850": "Équipe"}[codec]
    text = _sheet((f'"{first}"', f'"{second}"'), team)
    utf8 = tmp_path / "utf8.csv"
    utf8.write_text(text, encoding="utf-8-sig", newline="")
    twin = new_workspace(tmp_path / "twin")
    assert run(capsys, twin, utf8)[0] == 0
    plain = tmp_path / "plain.csv"
    plain.write_bytes(text.encode(codec))
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, plain)
    assert code == 0, err
    assert content(workspace) == content(twin)
    stored = {value for _, value in every_cell(workspace)}
    assert {first, second} <= stored
    code, out, _ = run(capsys, "--suggest-mapping", plain)
    assert f"read as CSV, comma-separated, {NAMES[codec]}" in out


def test_a_byte_the_code_page_leaves_unassigned_is_refused_at_its_line(tmp_path, capsys):
    # 0x98 is a letter in neither Windows-1250 nor UTF-8: the file is in yet another encoding
    data = _sheet((WRITTEN[0][1], "ok")).encode("cp1250").replace(b"ok", b"o\x98k")
    path = tmp_path / "plain.csv"
    path.write_bytes(data)
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    code, _, err = run(capsys, workspace, path, "--mapping", _mapping(tmp_path, capsys, path))
    assert code == 2
    assert "plain.csv:3: encoding: byte 0x98" in err
    assert "neither UTF-8 nor Windows-1250 text" in err and "CSV UTF-8" in err
    assert snapshot(workspace) == before


def _mapping(tmp_path, capsys, path):
    code, out, _ = run(capsys, "--suggest-mapping", path)
    assert code == 0
    mapping = tmp_path / "map.yaml"
    mapping.write_text(out, encoding="utf-8")
    return mapping


def test_import_csv_reads_a_czech_comment_saved_by_excel(workspace, tmp_path) -> None:
    comment = WRITTEN[1][1]
    data = f'{HEADER}\r\ns-1,2026-10,Sales,IT,comment,"{comment}"\r\n'.encode("cp1250")
    path = tmp_path / "responses.csv"
    path.write_bytes(data)
    import_csv(workspace, path)
    assert rows(workspace, "SELECT text FROM comments") == [(comment,)]


def test_a_polish_staff_list_is_read_so_that_its_names_are_redacted(tmp_path) -> None:
    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "staff.csv"
    path.write_bytes("Imię,Nazwisko\r\nŁukasz,Wróbel\r\nŻaneta,Świątek\r\n".encode("cp1250"))
    with pytest.raises(ImportProblems):  # headers in Polish: not recognised as names
        import_names(workspace, path)
    path.write_bytes("First name,Last name\r\nŁukasz,Wróbel\r\nŻaneta,Świątek\r\n".encode("cp1250"))
    import_names(workspace, path)
    db = open_workspace(workspace)
    try:
        assert stored_people(db) == [("zaneta", "swiatek"), ("łukasz", "wrobel")]
    finally:
        db.close()


def test_a_file_mixing_cyrillic_utf8_with_windows_1251_is_still_refused(workspace, tmp_path):
    data = f'{HEADER}\ns-1,2026-10,Sales,IT,comment,"{WRITTEN[4][1]}"\n'.encode()
    data += f's-2,2026-10,Sales,IT,comment,"{WRITTEN[5][1]}"\n'.encode("cp1251")
    path = tmp_path / "responses.csv"
    path.write_bytes(data)
    with pytest.raises(CsvImportError) as caught:
        import_csv(workspace, path)
    [error] = caught.value.errors
    assert (error.line, error.field) == (3, "encoding")
    assert "mixes two encodings" in error.message


def test_a_utf8_line_pasted_into_a_windows_1251_file_is_refused_at_its_line(workspace, tmp_path):
    lines = [f"{HEADER}\r\n".encode()]
    lines += [
        f's-{i},2026-10,Sales,IT,comment,"{WRITTEN[5][1]}"\r\n'.encode("cp1251") for i in range(20)
    ]
    lines.insert(5, f's-x,2026-10,Sales,IT,comment,"{WRITTEN[4][1]}"\r\n'.encode())
    path = tmp_path / "responses.csv"
    path.write_bytes(b"".join(lines))
    before = snapshot(workspace)
    with pytest.raises(CsvImportError) as caught:
        import_csv(workspace, path)
    [error] = caught.value.errors
    assert (error.line, error.field) == (6, "encoding")
    assert "UTF-8 text, though the rest of the file is Windows-1251" in error.message
    assert snapshot(workspace) == before


@pytest.mark.parametrize(
    "text",
    ["wait…what is this", "the“best”way, don’t", "caf\u00e9 \u2019\u201cok\u201d\u2013 \u00a35"],
)
def test_windows_1252_punctuation_between_letters_is_no_sign_of_dos(text) -> None:
    data = f"Team,Comment\r\nSales,{text}\r\n".encode("cp1252")
    assert guess_encoding(io.BytesIO(data)).encoding == "Windows-1252"


def test_a_roster_from_a_polish_excel_adds_departments_spelt_right(tmp_path) -> None:
    from surveys.importing import import_roster

    workspace = new_workspace(tmp_path / "ws")
    path = tmp_path / "roster.csv"
    path.write_bytes(
        "Department;Headcount\r\nKsięgowość;8\r\nŁańcuch dostaw;12\r\n".encode("cp1250")
    )
    report = import_roster(workspace, path)
    assert report.added == ("Księgowość", "Łańcuch dostaw")  # not "Ksiêgowoœæ", "£añcuch"
