"""Excel workbooks: the worksheet that holds the answers, formulas, files Excel holds open.

Read with openpyxl in read-only mode (imported only when a workbook is opened), one row at a
time. The worksheet is the first, unless one is named as Google Sheets names a form's
answers ("Form Responses 1"): a summary sheet is often put in front of it. Cells give what
Excel last saved (a formula its saved result); a formula without a saved result is a problem
(its answer would be lost), found by scanning the worksheet's XML in blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from surveys.importing.hidden_cells import hidden_cells
from surveys.importing.limits import unpacked_problem
from surveys.importing.table import CellProblem, Table, TableError, cell_text
from surveys.read_options import current


def _workbook_fault(exc: BaseException) -> str:
    """What is wrong with a workbook, in words (not ``BadZipFile: File is not a zip file``)."""
    import zipfile

    if isinstance(exc, zipfile.BadZipFile | EOFError):
        return "it is damaged, cut short or not a workbook"
    if isinstance(exc, MemoryError):
        return "it is too large to read in this computer's memory"
    causes = (exc, exc.__cause__, exc.__context__)
    if any(c is not None and c.__class__.__module__.startswith("defusedxml") for c in causes):
        return "its XML declares entities or a DTD, which Excel never writes"
    first = str(exc).splitlines()[0] if str(exc) else ""
    return f"{exc.__class__.__name__}: {first}".rstrip(": ")


def _unreadable(path: Path, why: str) -> TableError:
    return TableError(
        f"{path} cannot be read as an Excel workbook ({why}). Open it in Excel and save it "
        "again as .xlsx, or export a CSV."
    )


def _not_a_workbook(path: Path) -> TableError | None:
    """A ZIP archive with a workbook's ending that holds no workbook (a tool's zipped
    download of CSV files saved as .xlsx): said as the archive it is, naming its files."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            if "xl/workbook.xml" in archive.namelist():
                return None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None  # damaged: said as a workbook that cannot be read
    from surveys.importing.archives import zipped_message
    from surveys.importing.table import ZippedFileError

    return ZippedFileError(zipped_message(path, path.suffix.lower()))


class XlsxTable(Table):
    """One worksheet of an Excel workbook, read with openpyxl's read-only mode.

    The worksheet is the first visible one, unless another is named as Google Sheets names
    its answers ("Form Responses 1"): a summary or chart sheet is often put in front of it.
    A hidden sheet is never read.
    Cells are read as Excel last saved them (a formula gives its saved result); a formula
    whose result was never saved is a problem, since its answer would be lost.
    """

    kind = "xlsx"
    encoding = "xlsx"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        import openpyxl  # lazy: only XLSX files need it

        problem = unpacked_problem(path)
        if problem:
            raise _unreadable(path, problem)
        try:
            self._book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except OSError as exc:
            raise TableError(locked_message(path, exc)) from None
        except (Exception, MemoryError) as exc:  # zipfile, XML and openpyxl errors alike
            raise _not_a_workbook(path) or _unreadable(path, _workbook_fault(exc)) from None
        if not self._book.worksheets:  # only chart sheets
            self._book.close()
            raise _unreadable(path, "it has no worksheet, only charts")
        # A hidden sheet is never read: Excel does not show it, so rows planted there (four
        # made-up answers beside a colleague's one) would be imported unseen.
        visible = [sheet for sheet in self._book.worksheets if sheet.sheet_state == "visible"]
        if not visible:
            self._book.close()
            raise _unreadable(path, "every worksheet in it is hidden")
        given = current().sheet
        self._sheet = _given_sheet(self, given) if given else _responses_sheet(visible)
        names = [sheet.title for sheet in self._book.worksheets]
        self.sheets_found = sheet_list(self._book.worksheets)
        #: The visible worksheets' names, and the one read (for the wizard's choice).
        self.sheet_titles = [sheet.title for sheet in visible]
        self.sheet_title = self._sheet.title
        self.sheet_note = (
            "first worksheet"
            if len(names) == 1
            else f"worksheet '{self._sheet.title}', {names.index(self._sheet.title) + 1} of "
            f"{len(names)}"
        )
        if given:
            self.sheet_note += " (as chosen)"
        if len(visible) < len(names):
            self.sheet_note += "; hidden sheets are not read"
        self._refuse_hidden_rows()
        self._total = max(self._sheet.max_row or 1, 1)
        self._done = 0

    def _refuse_hidden_rows(self) -> None:
        """Refuse a sheet with hidden rows or columns that hold values: what is imported
        must be what a person sees."""
        try:
            hidden = hidden_cells(self.path, self._sheet._worksheet_path)
        except Exception:  # noqa: BLE001 - reading the rows then says what is wrong
            return
        if hidden.row_count:
            self._refuse(hidden.rows, hidden.row_count, "row", "rows", "by a filter or Hide")
        if hidden.column_count:
            self._refuse(
                hidden.columns, hidden.column_count, "column", "columns", "by Hide or a width of 0"
            )

    def _refuse(self, first: list, count: int, one: str, many: str, how: str) -> None:
        self._book.close()
        listed = ", ".join(map(str, first))
        if count > len(first):
            listed += f" and {count - len(first):,} more"
        raise TableError(
            f"{self.path}: {one if count == 1 else many} {listed} of worksheet "
            f"{self._sheet.title!r} {'is' if count == 1 else 'are'} hidden in Excel ({how}), "
            f"so reading {'it' if count == 1 else 'them'} would take in values nobody "
            f"checked. Unhide every {one} (or delete the {many} that should not be read), "
            "save the file and try again."
        )

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        try:
            yield from self._rows()
        except (Exception, MemoryError) as exc:  # the sheet's XML is read only now
            raise _unreadable(self.path, _workbook_fault(exc)) from None

    def _rows(self) -> Iterator[tuple[int, list[str]]]:
        self._check_formulas()
        first = self._sheet.min_row or 1
        for number, values in enumerate(self._sheet.iter_rows(values_only=True), start=first):
            self._done = number
            cells = [cell_text(value) for value in values]
            while cells and cells[-1] == "":
                cells.pop()
            if cells:
                yield number, cells

    def fraction_read(self) -> float:
        return min(self._done / self._total, 1.0)

    def _check_formulas(self) -> None:
        member = getattr(self._sheet, "_worksheet_path", None)
        if not member:
            return
        cells = unsaved_formulas(self.path, member)
        if not cells:
            return
        row = int(re.sub(r"^[A-Z]+", "", cells[0]))
        shown = ", ".join(cells[:5]) + (f" and {len(cells) - 5} more" if len(cells) > 5 else "")
        self.problems.append(
            CellProblem(
                row,
                f"cell {cells[0]}",
                f"formulas whose result was never saved ({shown}): their answers would be "
                "lost. The file was written by a program, not saved by Excel; open it in "
                "Excel or LibreOffice, save it, and import it again.",
            )
        )

    def close(self) -> None:
        self._book.close()


#: Worksheet names under which Google Sheets keeps a form's answers (English and a few
#: other languages), compared without case.
_RESPONSE_SHEETS = re.compile(
    r"^(form responses|form_responses|respuestas de formulario|réponses au formulaire|"
    r"formularantworten|risposte del modulo|respostas ao formulário)( \d+)?$",
    re.I,
)
_UNSAVED_FORMULA = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]+\d+)"[^>]*>\s*+<f\b[^>]*(?:/>|>[^<]*</f>)\s*+(?!<v)'
)


#: Names of the sheets people put in front of the answers (a summary, a pivot table, notes).
_FRONT_SHEETS = re.compile(
    r"^(summary|overview|dashboard|pivot( ?table)?|charts?|graphs?|read ?me|instructions?|"
    r"notes?|about|info|cover( page)?|contents|legend|codebook|zusammenfassung|übersicht|"
    r"hinweise|anleitung|résumé|synthèse|lisez-moi|resumen|riepilogo|samenvatting|resumo|"
    r"podsumowanie)( \d+)?$",
    re.I,
)
#: Rows looked at to tell a sheet of answers from a page of notes.
_PEEK_ROWS = 30


def sheet_list(sheets: list) -> str:
    """The sheets of a workbook as messages list them: ``'Summary' (1), 'Raw' (2, hidden)``."""
    return ", ".join(
        f"'{sheet.title}' ({number}{', hidden' if sheet.sheet_state != 'visible' else ''})"
        for number, sheet in enumerate(sheets, start=1)
    )


def _given_sheet(table: XlsxTable, given: str):
    """The worksheet ``--sheet`` names (by name, or by number from 1), or a TableError
    that lists the sheets found."""
    sheets = table._book.worksheets
    wanted = given.strip()
    chosen = None
    if wanted.isdigit() and 1 <= int(wanted) <= len(sheets):
        chosen = sheets[int(wanted) - 1]
    for sheet in sheets if chosen is None else ():
        if sheet.title == wanted or sheet.title.strip().casefold() == wanted.casefold():
            chosen = sheet
            break
    if chosen is None:
        table._book.close()
        raise TableError(
            f"{table.path} has no worksheet {given!r}. Its worksheets are {sheet_list(sheets)}: "
            "give one of these names, or its number, with --sheet."
        )
    if chosen.sheet_state != "visible":
        table._book.close()
        raise TableError(
            f"{table.path}: worksheet '{chosen.title}' is hidden, and a hidden sheet is never "
            "read (what is imported must be what a person checked in Excel). Unhide it in "
            "Excel (right-click a sheet tab, Unhide), save, and import again."
        )
    return chosen


def _responses_sheet(sheets: list):
    """The sheet that holds the answers: the one named as Google Sheets names a form's
    answers, else the first that is not put in front of them (a sheet named "Summary",
    "Pivot", "Read me"..., or one whose rows hold one cell at most: a page of notes), else
    the first."""
    for sheet in sheets:
        if _RESPONSE_SHEETS.match(sheet.title.strip()):
            return sheet
    for sheet in sheets:
        if not _FRONT_SHEETS.match(sheet.title.strip()) and _holds_a_table(sheet):
            return sheet
    return sheets[0]


def _holds_a_table(sheet) -> bool:
    """Whether one of the first rows of ``sheet`` holds two cells or more."""
    try:
        rows = sheet.iter_rows(max_row=_PEEK_ROWS, values_only=True)
        return any(sum(value not in (None, "") for value in row) >= 2 for row in rows)
    except Exception:  # noqa: BLE001 - a damaged sheet is reported when it is read
        return True


def unsaved_formulas(path: Path, member: str, limit: int = 100) -> list[str]:
    """The cells of a worksheet whose formula has no saved result (up to ``limit``).

    The worksheet's XML is scanned in blocks (a workbook of tens of megabytes is never
    held whole); most files have no formula at all and cost one quick search per block.
    """
    import zipfile

    found: list[str] = []
    tail = b""
    with zipfile.ZipFile(path) as archive, archive.open(member) as xml:
        while len(found) < limit:
            block = xml.read(1 << 20)
            text = tail + block
            cut = max(text.rfind(b"<c "), 0) if block else len(text)  # whole cells only
            head, tail = text[:cut], text[cut:]
            if b"<f" in head:
                found += [m.group(1).decode() for m in _UNSAVED_FORMULA.finditer(head)]
            if not block:
                break
    return found[:limit]


def locked_message(path: Path, exc: OSError) -> str:
    """What to do when a file cannot be opened: most often Excel holds it on Windows."""
    lock = excel_lock_note(path)
    held = " Excel has it open;" if lock else ""
    return (
        f"{path} cannot be opened ({exc.strerror or exc}).{held} Close it in Excel (or the "
        "program that has it open), or copy it somewhere you may read, and import it again."
    )


def excel_lock_note(path: str | Path) -> str:
    """A note when Excel has the file open (its ``~$`` lock file is beside it), else ``""``.

    The saved file is what is read: changes not yet saved in Excel are not imported.
    """
    path = Path(path)
    names = {"~$" + path.name, "~$" + path.name[2:]}
    if any((path.parent / name).exists() for name in names):
        return (
            f"Excel has {path.name} open (~${path.name} is beside it): what was last saved "
            "is imported; save it in Excel first if you changed it there"
        )
    return ""
