"""Detect which tool wrote a file, and describe its columns.

Each survey tool lays out its export its own way (docs/import-tools.md shows one of each):

``tidy``
    Rapport's own response CSV: one row per answer.
``qualtrics``
    Three header rows: internal ids (``Q3_1``, ``ResponseId``...), question texts, then a
    row of JSON ``{"ImportId": ...}`` cells. Older exports have only the first two; the
    legacy export has ``V1 ... V10`` and question ids in row 1 and ``ResponseID,
    ResponseSet, Name, ...`` with the question texts in row 2.
``surveymonkey``
    Two header rows: ``Respondent ID, Collector ID, ...`` and question texts (a matrix
    question's text only above its first column, blank cells after it), then
    ``Response``, ``Open-Ended Response`` or a matrix row's label under each column.
``forms``
    Microsoft Forms: ``ID, Start time, Completion time, Email, Name``, then one column per
    question (one per statement of a Likert question).
``google``
    Google Forms (via Sheets, or the Forms page's CSV): ``Timestamp``, an optional
    ``Email Address``, grid questions as ``Question [Row]``.
``limesurvey``
    Question codes as headings (``Q1[SQ001]``), or full or abbreviated question text, or
    both (``Q1[SQ001]. Question text [Row]``); standard columns ``id``, ``submitdate``,
    ``lastpage``, ``startlanguage``...
``comments``
    A comment export (Culture Amp, Peakon, Viva Glint, Qualtrics EX, Lattice): one
    free-text comment per row, with its question and the writer's department
    (:mod:`surveys.importing.comment_exports`).
``wide``
    Any other file with one row per respondent and one header row.

Every column gets a stable *key* (what the mapping file names): the internal id where the
tool has one (Qualtrics, LimeSurvey codes), otherwise the header text, made unique.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from surveys.csv_source import HEADER as TIDY_HEADER
from surveys.importing.comment_columns import is_comment_export, variant_of
from surveys.importing.not_responses import aggregate_problem, employee_report_problem
from surveys.importing.table import LayoutError, TableError, column_letter
from surveys.importing.text import plain

#: Layout names and how they are described to the user.
LAYOUTS: dict[str, str] = {
    "tidy": "Rapport response CSV (one row per answer)",
    "qualtrics": "Qualtrics export (three header rows)",
    "surveymonkey": "SurveyMonkey export (two header rows)",
    "forms": "Microsoft Forms export",
    "google": "Google Forms responses",
    "limesurvey": "LimeSurvey export",
    "comments": "comment export (one comment per row)",
    "wide": "wide table (one row per respondent, one header row)",
}

_SM_SUBS = {"response", "open-ended response", "open ended response"}
_LIME_CODE = re.compile(r"^([A-Za-z][A-Za-z0-9_]*(?:\[[A-Za-z0-9_]+\])*)(?:\.\s+(.*))?$", re.S)
_LIME_STANDARD = {"lastpage", "submitdate", "startlanguage", "seed", "datestamp", "startdate"}
_LIME_TEXT_STANDARD = {"response id", "date submitted", "last page", "start language"}
#: Microsoft Forms' start and completion time columns, in English, French, German,
#: Spanish, Italian, Dutch and Portuguese exports.
_FORMS_TIMES = (
    {"start time", "completion time"},
    {"heure de debut", "heure de fin"},
    {"startzeit", "fertigstellungszeit"},
    {"hora de inicio", "hora de finalizacion"},
    {"ora di inizio", "ora di completamento"},
    {"begintijd", "tijd van voltooien"},
    {"hora de inicio", "hora de conclusao"},
)
_GOOGLE_FIRST = {
    "timestamp",
    "marca temporal",
    "horodateur",
    "zeitstempel",
    "informazioni cronologiche",
    "tijdstempel",
    "carimbo de data hora",
    "sygnatura czasowa",
    "tidstampel",
    "tidsstempel",
    "idobelyeg",  # Hungarian
    "casova znacka",  # Czech
    "aikaleima",  # Finnish
    "отметка времени",  # Russian
}


@dataclass(frozen=True)
class Column:
    """One column of a wide file.

    Attributes
    ----------
    index : int
        0-based position in the row.
    key : str
        The name the mapping uses for it (unique in the file).
    text : str
        The question text as the tool shows it, with a matrix row's label
        (``Working with IT - They respond in time``); may equal ``key``.
    code : str
        The tool's internal id (``Q3_1``, ``Q1[SQ001]``) or ``""``.
    """

    index: int
    key: str
    text: str
    code: str = ""

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    def where(self) -> str:
        """How messages name the column: ``column F "Q3_1"``."""
        key = self.key if len(self.key) <= 60 else self.key[:57] + "..."
        return f'column {self.letter} "{key}"'


@dataclass(frozen=True)
class Layout:
    """What :func:`detect_layout` found.

    Attributes
    ----------
    name : str
        A key of :data:`LAYOUTS`.
    header_rows : int
        Rows before the first response.
    columns : tuple of Column
        Every column, in file order.
    header_line : int
        The line (row) of the header row that holds the keys, for messages.
    variant : str
        ``legacy`` for Qualtrics' legacy export (``V1``... in row 1), else ``""``.
    title_rows : int
        Rows above the header with one cell at most (a sheet's title, blank rows),
        counted in ``header_rows`` and never read.
    """

    name: str
    header_rows: int
    columns: tuple[Column, ...]
    header_line: int = 1
    #: ``legacy`` for Qualtrics' legacy export, else ``""``.
    variant: str = ""
    #: Rows above the header that hold a title or nothing (one cell at most), not read.
    title_rows: int = 0

    @property
    def title(self) -> str:
        if self.name == "qualtrics" and self.header_rows - self.title_rows == 2:
            legacy = " legacy" if self.variant == "legacy" else ""
            text = f"Qualtrics{legacy} export (two header rows)"
        elif self.name == "wide" and self.header_rows - self.title_rows == 2:
            text = "wide table (two header rows: each question over the columns it spans)"
        elif self.name == "comments" and self.variant == "peakon":
            text = "Peakon comment export (one comment per row)"
        else:
            text = LAYOUTS[self.name]
        if self.title_rows:
            text += f", header on line {self.header_line} (the rows above it hold no answers)"
        return text

    def other_answer_of(self, column: Column) -> Column | None:
        """The column that holds the typed "Other (please specify)" answer of a question.

        Tools write it just after the choice column: SurveyMonkey as its own sub-column
        (``Other (please specify)``, the choice column left empty), Qualtrics as
        ``Q1_4_TEXT`` (the choice column says "Other"), LimeSurvey as ``Q1[other]``.
        """
        if column.index + 1 >= len(self.columns):
            return None
        after = self.columns[column.index + 1]
        text, key = plain(after.text), after.key.casefold()
        if "please specify" in text and text.startswith(plain(column.text)):
            return after
        if key.endswith("_text") and key.startswith(column.key.casefold() + "_"):
            return after
        code = plain(after.code)
        if column.code and code == plain(column.code) + " other":
            return after
        return None

    def column(self, key: str) -> Column | None:
        """The column with this key (compared exactly, then without case and spaces)."""
        for column in self.columns:
            if column.key == key:
                return column
        wanted = plain(key)
        for column in self.columns:
            if plain(column.key) == wanted:
                return column
        return None


def detect_layout(head: Sequence[tuple[int, list[str]]], path: object = "the file") -> Layout:
    """Recognise the layout of a file from its first rows.

    Parameters
    ----------
    head : sequence of (line, cells)
        The first non-blank rows (three or more when the file has them), as read by
        :func:`surveys.importing.table.read_head`.
    path : path, optional
        The file, named in messages.

    Returns
    -------
    Layout

    Raises
    ------
    TableError
        For an export whose layout loses what Rapport needs (SurveyMonkey's condensed
        export), with the option to export it with instead.
    """
    rows = [list(cells) for _, cells in head]
    lines = [line for line, _ in head]
    lead = _title_rows(rows)
    if lead:
        layout = detect_layout(head[lead:], path)
        return replace(layout, header_rows=layout.header_rows + lead, title_rows=lead)
    if not rows:
        return Layout("wide", 1, ())
    first = [cell.strip() for cell in rows[0]]
    if first and first[0].startswith("\ufeff"):
        first[0] = first[0][1:]
    if tuple(plain(c).replace(" ", "_") for c in first) == TIDY_HEADER:
        return Layout("tidy", 1, _simple(first), lines[0])
    try:
        for detector in (_qualtrics, _surveymonkey, _forms, _google, _limesurvey):
            layout = detector(first, rows, lines)
            if layout is not None:
                return layout
    except TableError as exc:
        raise type(exc)(f"{path}:{exc}") from None
    if is_comment_export(first):
        return Layout("comments", 1, _simple(first), lines[0], variant_of(first))
    no_answers = aggregate_problem(first, rows[1:]) or employee_report_problem(first, rows[1:])
    if no_answers:
        raise LayoutError(f"{path}:{lines[0]}: {no_answers}")
    return _two_header_rows(first, rows, lines) or Layout("wide", 1, _simple(first), lines[0])


def _title_rows(rows: list[list[str]]) -> int:
    """How many rows above the header hold a title or nothing: one cell at most each,
    before a row of two or more cells (a sheet typed with "Staff pulse - December" in A1)."""
    for index, row in enumerate(rows):
        filled = sum(1 for cell in row if cell.strip(" \t\ufeff"))
        if filled >= 2:
            return index
    return 0


def _two_header_rows(first, rows, lines) -> Layout | None:
    """A hand-made sheet with a question merged across the columns it spans (``They reply
    in time`` over ``Sales``, ``IT``, ...) and the departments in the row below: Excel
    keeps a merged cell's text in its first column, so row 1 has blanks after it. Row 2
    is then a header, not a response: blank under the first column, and labels only under
    such spans (two at least)."""
    if len(rows) < 3 or not first or not first[0] or _cell(rows[1], 0):
        return None
    spans = _spans(first)
    labels = [i for i in range(len(rows[1])) if _cell(rows[1], i)]
    if len(labels) < 2 or not all(i in spans for i in labels):
        return None
    texts = []
    for i, cell in enumerate(first):
        question, sub = first[spans[i]].strip() if i in spans else cell.strip(), _cell(rows[1], i)
        texts.append(f"{question} - {sub}" if sub else question or f"column {column_letter(i)}")
    columns = tuple(Column(i, key, texts[i]) for i, key in enumerate(_unique(texts)))
    return Layout("wide", 2, columns, lines[0])


def _spans(first: list[str]) -> dict[int, int]:
    """The columns under a question that blank cells after it continue (a merged cell):
    each column of such a span, with the column the question is in."""
    spans: dict[int, int] = {}
    for i, cell in enumerate(first):
        if not cell.strip() and i and first[i - 1].strip() and i - 1 not in spans:
            spans[i - 1] = i - 1
        if not cell.strip() and i - 1 in spans:
            spans[i] = spans[i - 1]
    return spans


def _simple(header: list[str]) -> tuple[Column, ...]:
    keys = _unique([cell.strip() or f"column {column_letter(i)}" for i, cell in enumerate(header)])
    return tuple(Column(i, key, header[i].strip()) for i, key in enumerate(keys))


def _unique(keys: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        count = seen.get(key.casefold(), 0) + 1
        seen[key.casefold()] = count
        out.append(key if count == 1 else f"{key} ({count})")
    return out


def _cell(row: list[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def _qualtrics(first, rows, lines) -> Layout | None:
    keys = {plain(c) for c in first}
    import_row = len(rows) >= 3 and _is_import_id_row(rows[2])
    legacy = not import_row and _is_legacy_qualtrics(rows)
    if not import_row and not legacy:
        if not ({"responseid", "response id"} & keys and len(rows) >= 2):
            return None
        if "response id" not in {plain(c) for c in rows[1]}:
            return None
    texts = rows[1]
    keys_unique = _unique([c or f"column {column_letter(i)}" for i, c in enumerate(first)])
    columns = tuple(
        Column(i, key, _cell(texts, i) or key, first[i]) for i, key in enumerate(keys_unique)
    )
    variant = "legacy" if legacy else ""
    return Layout("qualtrics", 3 if import_row else 2, columns, lines[0], variant)


def _is_legacy_qualtrics(rows: list[list[str]]) -> bool:
    """The legacy export: ``V1, V2...`` (or the names) in row 1, ``ResponseID,
    ResponseSet, ...`` and the question texts in row 2."""
    if len(rows) < 2:
        return False
    second = {plain(c).replace(" ", "") for c in rows[1]}
    return "responseid" in second and bool({"responseset", "startdate", "enddate"} & second)


def _is_import_id_row(row: list[str]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    hits = 0
    for cell in cells:
        if cell.startswith("{") and "importid" in cell.lower():
            try:
                hits += isinstance(json.loads(cell), dict)
            except ValueError:
                continue
    return bool(cells) and hits * 2 >= len(cells)


def _surveymonkey(first, rows, lines) -> Layout | None:
    keys = {plain(c) for c in first}
    if not ({"respondent id", "respondentid", "collector id", "collectorid"} & keys):
        return None
    if len(rows) < 2:
        return None
    subs = rows[1]
    if _is_condensed(first, subs):
        raise LayoutError(_CONDENSED.format(line=lines[1]))
    texts: list[str] = []
    question = ""
    for i, cell in enumerate(first):
        if cell.strip():
            question = cell.strip()
        elif not _cell(subs, i):
            question = ""  # a blank metadata column
        sub = _cell(subs, i)
        if sub.lower() in _SM_SUBS or not sub:
            texts.append(question or f"column {column_letter(i)}")
        else:
            texts.append(f"{question} - {sub}" if question else sub)
    keys_unique = _unique(texts)
    columns = tuple(Column(i, key, texts[i]) for i, key in enumerate(keys_unique))
    return Layout("surveymonkey", 2, columns, lines[0])


_CONDENSED = (
    "{line}: this is SurveyMonkey's condensed export (one header row, one column per "
    "question; this row is already a response), in which the departments a matrix question "
    "rates have no column of their own. Export the responses again in SurveyMonkey (Analyze "
    "Results > Save as > Export file > All individual responses), choose Columns: Expanded "
    "and Cells: Actual answer text, and import that XLSX or CSV file. Nothing was imported."
)


def _is_condensed(first: list[str], second: list[str]) -> bool:
    """Whether the row under SurveyMonkey's header is a response (the condensed export)
    rather than the expanded export's sub-headers, which are blank under the ids."""
    for i, cell in enumerate(first):
        if plain(cell).replace(" ", "") in ("respondentid", "collectorid"):
            return bool(_cell(second, i))
    return False


def _forms(first, rows, lines) -> Layout | None:
    keys = [plain(c) for c in first]
    if not keys or keys[0] != "id" or not any(pair <= set(keys) for pair in _FORMS_TIMES):
        return None
    return Layout("forms", 1, _simple(first), lines[0])


def _google(first, rows, lines) -> Layout | None:
    if not first or plain(first[0]) not in _GOOGLE_FIRST:
        return None
    return Layout("google", 1, _simple(first), lines[0])


def _limesurvey(first, rows, lines) -> Layout | None:
    codes: list[tuple[str, str]] = []
    for cell in first:
        match = _LIME_CODE.match(cell.strip())
        codes.append((match.group(1), (match.group(2) or "").strip()) if match else ("", cell))
    code_names = {code.lower() for code, _ in codes}
    texts = {plain(c) for c in first}
    if not (_LIME_STANDARD & code_names and "id" in code_names) and not (
        len(_LIME_TEXT_STANDARD & texts) >= 3
    ):
        return None
    keys = _unique([c.strip() or f"column {column_letter(i)}" for i, c in enumerate(first)])
    columns = []
    for i, key in enumerate(keys):
        code, text = codes[i]
        columns.append(Column(i, key, text or first[i].strip(), code))
    return Layout("limesurvey", 1, tuple(columns), lines[0])
