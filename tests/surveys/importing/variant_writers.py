"""Write the real-export variants of the tool fixtures into ``tests/fixtures/import/variants/``.

Each variant is made from one of the base fixtures (:mod:`tests.surveys.importing.fixture_writers`)
and changed the way the tool, or Excel, really writes it (docs/import-tools.md, "Exports as the
tools really write them"): preview and spam rows, Qualtrics' legacy and Excel exports,
embedded data, Sheets' locale dates and trailing column, Forms' Excel serial dates and
multi-select answers, merged header cells, formulas. All text is made up; nothing is copied
from a real export.

Rebuild with ``.venv/bin/python -m tests.surveys.importing.variant_writers`` (after the base
fixtures).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from pathlib import Path

from tests.surveys.importing.documented_writers import WRITERS as CHOICE_WRITERS
from tests.surveys.importing.fixture_people import HERE, _fix_zip_times, write_csv, write_xlsx
from tests.surveys.importing.quirk_writers import WRITERS as QUIRK_WRITERS
from tests.surveys.importing.quiz_writers import WRITERS as QUIZ_WRITERS

VARIANTS = HERE / "variants"
_AGREE7 = {
    "1": "Strongly disagree",
    "2": "Disagree",
    "3": "Somewhat disagree",
    "4": "Neither agree nor disagree",
    "5": "Somewhat agree",
    "6": "Agree",
    "7": "Strongly agree",
}
#: Identifying values only the variants hold (added to identities.txt by the test helper).
EXTRA_IDENTITIES = (
    "k.weber@northfield-health.example",
    "m.osei@northfield-health.example",
    "Weber, Klara",
    "Osei, Mariama",
    "klara.weber",
    "mariama.osei",
    "203.0.113.77",
)


def _rows(name: str) -> list[list[str]]:
    text = (HERE / name).read_text(encoding="utf-8-sig")
    return [row for row in csv.reader(text.splitlines()) if row]


def _answer_row(row: list[str], status: str, channel: str) -> list[str]:
    out = list(row)
    out[2], out[15] = status, channel
    out[8] = out[8][:-1] + "Z"  # another response id
    return out


# --------------------------------------------------------------------------- Qualtrics
def qualtrics_previews() -> None:
    """Three header rows, then previews, a test and a spam response among the real ones."""
    rows = _rows("qualtrics.csv")
    answered = rows[4]
    extra = [
        _answer_row(answered, "Survey Preview", "preview"),
        _answer_row(rows[5], "Spam", "anonymous"),
        _answer_row(rows[6], "Survey Test", "test"),
    ]
    for n, row in enumerate(extra):
        row[8] = f"R_9{n}PreviewSpamTest{n}"
    write_csv(VARIANTS / "qualtrics_previews.csv", [*rows[:5], extra[0], *rows[5:], *extra[1:]])


def qualtrics_values_xlsx() -> None:
    """The Excel export with numeric values: Status 0/1, Finished 1/0, date cells."""
    rows = _rows("qualtrics.csv")
    out: list[list] = [rows[0], rows[1], rows[2]]
    for row in rows[3:]:
        cells: list = list(row)
        cells[2] = 0
        cells[6] = 1 if row[6] == "True" else 0
        for i in (0, 1, 7):
            cells[i] = dt.datetime.strptime(row[i], "%Y-%m-%d %H:%M:%S")
        cells[18:] = [int(v) if v.isdigit() else (v or None) for v in row[18:]]
        out.append(cells)
    preview = list(out[4])
    preview[2], preview[8] = 1, "R_9xPreviewValues1"
    out.append(preview)
    write_xlsx(VARIANTS / "qualtrics_values.xlsx", out)


def qualtrics_legacy() -> None:
    """The legacy export: V1..V10 then question ids, labels in row 2, choice text answers."""
    rows = _rows("qualtrics.csv")
    legacy_meta = [
        ("ResponseID", 8),
        ("ResponseSet", None),
        ("Name", 9),
        ("ExternalDataReference", 12),
        ("EmailAddress", 11),
        ("IPAddress", 3),
        ("Status", 2),
        ("StartDate", 0),
        ("EndDate", 1),
        ("Finished", 6),
    ]
    head = [f"V{n}" for n in range(1, 11)] + rows[0][17:] + ["LocationLatitude"]
    labels = [name for name, _ in legacy_meta] + rows[1][17:] + ["LocationLatitude"]
    out = [head, labels]
    for row in rows[3:]:
        cells = []
        for name, index in legacy_meta:
            if index is None:
                cells.append("Default Response Set")
            elif name == "Name":
                cells.append(f"{row[9]}, {row[10]}")
            elif name == "Status":
                cells.append("0")
            elif name == "Finished":
                cells.append("1" if row[6] == "True" else "0")
            else:
                cells.append(row[index])
        answers = [_AGREE7.get(v, v) for v in row[18:34]]
        cells += [row[17], *answers, *row[34:], row[13]]
        out.append(cells)
    write_csv(VARIANTS / "qualtrics_legacy.csv", out)


def qualtrics_embedded() -> None:
    """Choice text answers and embedded data that names people under unusual headers."""
    rows = _rows("qualtrics.csv")
    extra_keys = [
        "ManagerEmail",
        "displayName",
        "Contact",
        "Q_RecaptchaScore",
        "Site",
        "FL_8_DO",
        "Q2_DO",
        "Q10_First Click",
        "Q10_Page Submit",
    ]
    people = (
        ("k.weber@northfield-health.example", "Weber, Klara", "klara.weber"),
        ("m.osei@northfield-health.example", "Osei, Mariama", "mariama.osei"),
    )
    labels = extra_keys[:5] + [
        "FL_8 - Block Randomizer - Display Order",
        "Thinking about working with Sales - Display Order",
        "Timing - First Click",
        "Timing - Page Submit",
    ]
    out = [rows[0] + extra_keys, rows[1] + labels]
    out.append(rows[2] + [f'{{"ImportId":"{k}"}}' for k in extra_keys])
    for n, row in enumerate(rows[3:]):
        email, display, login = people[n % 2]
        answers = [_AGREE7.get(v, v) for v in row[18:34]]
        out.append(
            [*row[:18], *answers, *row[34:], email, display, f"{login}@northfield-health.example"]
            + ["0.9", "North campus", "FL_9|FL_10", "1|3|2|4", f"{2 + n % 3}.104", "41.872"]
        )
    write_csv(VARIANTS / "qualtrics_embedded.csv", out)


# ------------------------------------------------------------------------ Google Sheets
def google_sheets_eu() -> None:
    """Sheets in a European locale: D/M/YYYY stamps, a line break in a comment, a blank column."""
    rows = _rows("google.csv")
    out = [[*rows[0], ""]]
    for row in rows[1:]:
        cells = list(row)
        match = re.match(r"(\d+)/(\d+)/(\d+) (.*)", cells[0])
        month, day, year, clock = match.groups()
        cells[0] = f"{int(day):02d}/{int(month):02d}/{year} {clock}"
        out.append([*cells, ""])
    out[3][-2] = "Two things:\nshare the plan earlier,\nand ask us before changing it."
    write_csv(VARIANTS / "google_sheets_eu.csv", out)


#: A checkbox question's answers as Sheets writes them: the ticked choices joined by ", ".
CHECKBOX_QUESTION = "Which departments did you work with this month?"
_TICKED = ("Sales, IT", "IT", "Marketing, Operations, Sales", "", "IT, Operations", "Operations")


def google_checkboxes() -> None:
    """A checkbox question (which departments) after the department question."""
    rows = _rows("google.csv")
    place = rows[0].index("Your department ") + 1
    out = [[*rows[0][:place], CHECKBOX_QUESTION, *rows[0][place:]]]
    for n, row in enumerate(rows[1:]):
        out.append([*row[:place], _TICKED[n % len(_TICKED)], *row[place:]])
    write_csv(VARIANTS / "google_checkboxes.csv", out, encoding="utf-8")  # as Sheets downloads


def google_sheets_xlsx() -> None:
    """Downloaded from Sheets: a summary sheet first, the answers on 'Form Responses 1'."""
    import openpyxl

    rows = _rows("google.csv")
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = "Summary"
    summary.append(["Department", "Responses"])
    for name in ("Sales", "IT", "Marketing", "Operations"):
        summary.append([name, f"=COUNTIF('Form Responses 1'!C:C,\"{name} \")"])
    answers = book.create_sheet("Form Responses 1")
    answers.append(rows[0])
    for row in rows[1:]:
        stamp = dt.datetime.strptime(row[0], "%m/%d/%Y %H:%M:%S")
        answers.append([stamp, *[int(v) if v.isdigit() else (v or None) for v in row[1:]]])
    _save(book, VARIANTS / "google_sheets.xlsx")


# ---------------------------------------------------------------------- Microsoft Forms
def forms_variants() -> None:
    """Forms with Excel serial dates, 'Anonymous' identity cells and a multi-select column."""
    import openpyxl

    book = openpyxl.load_workbook(HERE / "forms.xlsx")
    sheet = book.active
    teams = ("Sales;IT;", "Marketing;", "IT;Operations;Sales;", "Operations;")
    sheet.cell(1, sheet.max_column + 1, "Which teams do you work with most often?")
    last = sheet.max_column
    epoch = dt.datetime(1899, 12, 30)
    for r in range(2, sheet.max_row + 1):
        for c in (2, 3):
            when = sheet.cell(r, c).value
            serial = (when - epoch).total_seconds() / 86400
            sheet.cell(r, c).value = round(serial, 6)
            sheet.cell(r, c).number_format = "General"
        sheet.cell(r, 4).value = sheet.cell(r, 5).value = "Anonymous"
        sheet.cell(r, last).value = teams[r % len(teams)]
    _save(book, VARIANTS / "forms_variants.xlsx")


# ------------------------------------------------------------------------- SurveyMonkey
def surveymonkey_merged() -> None:
    """The XLSX with each matrix question's title merged across its columns."""
    import openpyxl

    book = openpyxl.load_workbook(HERE / "surveymonkey.xlsx")
    sheet = book.active
    for col in range(1, sheet.max_column + 1):
        first, blank = sheet.cell(1, col).value, not sheet.cell(1, col + 1).value
        if first and blank and sheet.cell(2, col + 1).value == "IT":
            sheet.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + 3)
    _save(book, VARIANTS / "surveymonkey_merged.xlsx")


def surveymonkey_other() -> None:
    """The department question with "Other (please specify)": the typed answer is in its own
    column and the choice column is empty."""
    rows = _records(HERE / "surveymonkey_eu.csv")
    dept = rows[1].index("Response")
    out = []
    for n, row in enumerate(rows):
        extra = {0: "", 1: "Other (please specify)"}.get(n, "")
        cells = [*row[: dept + 1], extra, *row[dept + 1 :]]
        out.append(cells)
    out[3][dept], out[3][dept + 1] = "", f"{out[3][dept]} dept"
    out[5][dept], out[5][dept + 1] = "", out[5][dept]
    write_csv(VARIANTS / "surveymonkey_other.csv", out, sep=";")


def surveymonkey_condensed() -> None:
    """The "Condensed" columns choice: one header row (ids, then one column per question) and
    the responses from line 2. Only this shape is modelled (it is what tells the layout);
    a matrix question's cell keeps the answer of its first row."""
    rows = _records(HERE / "surveymonkey_eu.csv")
    keep = [i for i, title in enumerate(rows[0]) if title]
    out = [[row[i] if i < len(row) else "" for i in keep] for n, row in enumerate(rows) if n != 1]
    write_csv(VARIANTS / "surveymonkey_condensed.csv", out, sep=";")


def _records(path: Path, sep: str = ";") -> list[list[str]]:
    import io

    text = path.read_text(encoding="utf-8-sig")
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=sep) if row]


# ------------------------------------------------------------------ Excel's plain "CSV"
#: Comments as people type them in Excel: curly quotes, dashes, accents, pounds and euros,
#: every one of them a single byte in Windows-1252 (0x92, 0x93, 0x94, 0x96, 0xe9, 0xa3, 0x80).
WINDOWS_COMMENTS = (
    "They don\u2019t share the plan \u2013 we hear about it from patients.",
    "\u201cNot our problem\u201d is the answer every time; caf\u00e9 chats help more.",
    "The \u00a3400 tool they bought does what ours does for \u20ac0.",
)


def excel_windows_csv() -> None:
    """The hand-made sheet saved by Excel on Windows as "CSV (Comma delimited)": Windows-1252
    with CRLF line ends and no byte-order mark, accented names and typographic punctuation."""
    rows = _rows("generic.csv")
    comments = iter(WINDOWS_COMMENTS)
    for row in rows[1:]:
        if row[-1]:
            row[-1] = next(comments, row[-1])
    rows[1][0] = "Mat\u00e9o Ru\u00edz"
    write_csv(VARIANTS / "excel_windows.csv", rows, encoding="cp1252")
    # Excel for Mac's "CSV (Macintosh)": the same sheet in Mac Roman, lines ended by \r
    text = (VARIANTS / "excel_windows.csv").read_bytes().decode("cp1252")
    (VARIANTS / "excel_mac.csv").write_bytes(text.replace("\r\n", "\r").encode("mac_roman"))


# ------------------------------------------------------------------------- Excel quirks
QUIRK_ROWS = (
    # team, day, Sales timely, IT timely (formula), comment on IT
    ("Operations", dt.datetime(2025, 12, 1, 9, 5), "4 - Agree", "=2+2", 4, "Quick fixes."),
    ("Sales", dt.datetime(2025, 12, 2, 10, 0), None, "5", 5, ""),
    ("Marketing", dt.datetime(2025, 12, 3, 11, 30), "2 - Disagree", "=1+1", 2, ""),
    ("IT", dt.datetime(2025, 12, 4, 14, 45), "5 - Strongly agree", None, None, "n/a"),
    ("Operations", dt.datetime(2025, 12, 5, 8, 15), "3 - Neither agree nor disagree", 3, 3, ""),
)


def excel_quirks() -> None:
    """A hand-made workbook: date cells, formulas with saved values, numbers as text."""
    _quirks(VARIANTS / "excel_quirks.xlsx", cached=True)
    _quirks(VARIANTS / "excel_unsaved_formulas.xlsx", cached=False)


def _quirks(path: Path, cached: bool) -> None:
    head = ["Team", "Date", "Sales replies in time", "IT replies in time", "Comments on IT"]
    rows: list[list] = [head]
    for team, day, sales, it, _value, comment in QUIRK_ROWS:
        rows.append([team, day, sales, it, comment or None])
    write_xlsx(path, rows)
    values = {
        f"D{n}": str(v)
        for n, (*_, f, v, _c) in enumerate(QUIRK_ROWS, start=2)
        if isinstance(f, str) and f.startswith("=")
    }
    _formula_values(path, values if cached else {})


def _formula_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the value Excel saves with them (openpyxl writes none)."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename.startswith("xl/worksheets/sheet"):

                def cached(match: re.Match) -> bytes:
                    ref = match.group(1).decode()
                    value = values.get(ref)
                    if value is None:
                        return match.group(0)
                    return match.group(0).replace(b"</f>", f"</f><v>{value}</v>".encode())

                data = re.sub(rb'<c r="([A-Z]+\d+)"[^>]*><f>[^<]*</f>', cached, data)
                data = data.replace(b"<v></v>", b"")
            target.writestr(info, data)


def _save(book, path: Path) -> None:
    book.properties.creator = "Rapport tests"
    book.properties.created = book.properties.modified = dt.datetime(2026, 1, 1)
    book.save(path)
    _fix_zip_times(path)


WRITERS = (
    qualtrics_previews,
    qualtrics_values_xlsx,
    qualtrics_legacy,
    qualtrics_embedded,
    google_sheets_eu,
    google_sheets_xlsx,
    google_checkboxes,
    forms_variants,
    surveymonkey_merged,
    surveymonkey_other,
    surveymonkey_condensed,
    excel_quirks,
    excel_windows_csv,
    *CHOICE_WRITERS,
    *QUIRK_WRITERS,
    *QUIZ_WRITERS,
)


def main() -> None:
    VARIANTS.mkdir(exist_ok=True)
    for writer in WRITERS:
        writer()
    print(f"wrote {len(WRITERS)} variant writers' files to {VARIANTS}")


if __name__ == "__main__":
    main()
