"""Read a CSV, TSV or XLSX file as rows of text cells with their line numbers.

Exports of survey tools arrive in many small variants, and every one of them is read here
without the user converting anything first:

- CSV in UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8"), in Windows-1252
  (Excel's plain "CSV" on Windows; Windows-1250 or -1251 on a Central European or Cyrillic
  one) or in Mac Roman with lines ended by a bare carriage
  return (Excel for Mac's "CSV (Macintosh)"), told apart by :mod:`surveys.text_encoding`;
  separated by commas or, as European Excel writes them, semicolons (the separator is found
  from the first line, or named by Excel's ``sep=;`` line, which is then no row);
- TSV (tab-separated; Qualtrics writes it in UTF-16 with a byte-order mark);
- XLSX workbooks (the first visible worksheet, or Google Sheets' "Form Responses 1"; a
  hidden sheet is never read), read with openpyxl in read-only mode, imported only when an
  XLSX file is opened; formulas give their saved results, and one without a saved result is
  a problem.

Rows are streamed: nothing holds more than one row in memory. Each row comes with the
physical line (CSV/TSV, the line where a record starts) or the row number (XLSX), so that
every problem can be reported where the user will find it. Problems of the file itself
(bytes that are not text, a quote never closed) are collected in :attr:`Table.problems`
and reading goes on, so one bad line never hides the others.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from surveys.errors import RapportError
from surveys.importing.limits import bounded_lines
from surveys.read_options import codec_name, current, mark_problem, wide_codec, wide_mark
from surveys.text_encoding import (
    UTF8,
    Guess,
    decode_line,
    guess_encoding,
    readline_of,
    utf8_with_bom,
)

#: File name endings this module reads.
SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
_SEPARATORS = (",", ";", "\t")
#: Excel's first line naming the separator ("sep=;"), which Excel itself hides.
_SEP_LINE = re.compile(r"sep=([,;\t|])\r?\n?\Z")


class TableError(RapportError):
    """The file cannot be read at all (missing, a folder, not a CSV/TSV/XLSX file)."""


class LayoutError(TableError):
    """A file that reads, in a layout Rapport cannot import (SurveyMonkey's condensed
    export, a report of results summed up per group): no encoding changes that, so the
    wizard offers none."""


class ZippedFileError(TableError):
    """A CSV or TSV that is a ZIP archive (a tool's zipped download, or a workbook): no
    encoding would read it, so the wizard offers none."""


@dataclass(frozen=True)
class CellProblem:
    """One problem found while reading a file.

    Attributes
    ----------
    line : int
        The line (CSV/TSV) or row (XLSX) where it is, 1-based.
    column : str
        Where in the row: a column's description, or ``row`` / ``encoding`` / ``header``.
    message : str
        What is wrong and what to do.
    """

    line: int
    column: str
    message: str

    def format(self, path: str | Path) -> str:
        """The problem as ``FILE:LINE: column: message``."""
        return f"{path}:{self.line}: {self.column}: {self.message}"


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Table:
    """The rows of one file, read as a stream.

    Use :func:`open_table` to make one; iterate :meth:`rows` once. Attributes ``kind``
    (``csv``, ``tsv`` or ``xlsx``), ``separator`` and ``encoding`` say how the file was
    read, for messages and for the import wizard.
    """

    kind: str = "csv"
    separator: str = ","
    encoding: str = "utf-8"
    sheet_note: str = "first worksheet"
    #: A workbook's worksheets as messages list them (``'Summary' (1), 'Raw' (2)``).
    sheets_found: str = ""
    #: A workbook's visible worksheets and the one read (empty for CSV and TSV).
    sheet_titles: list[str] = []  # noqa: RUF012 - replaced per table, never mutated
    sheet_title: str = ""
    #: Line 1 was Excel's ``sep=;``, which named the separator (CSV only).
    sep_line: bool = False

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[CellProblem] = []

    def rows(self) -> Iterator[tuple[int, list[str]]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def fraction_read(self) -> float:  # pragma: no cover - abstract
        raise NotImplementedError

    def close(self) -> None:
        """Release the file."""

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def sheet_choice(self) -> str:
        """Which worksheet was read, when the workbook has others one could read
        (``Read from worksheet 'Leavers', 1 of 2 (the worksheets are ...).``); else ``""``."""
        if self.kind != "xlsx" or len(self.sheet_titles) < 2:
            return ""
        return f"Read from {self.sheet_note} (the worksheets are {self.sheets_found})."

    def describe(self) -> str:
        """How the file was read, in words (``CSV, ';'-separated, UTF-8 with BOM``)."""
        if self.kind == "xlsx":
            text = f"Excel workbook ({self.sheet_note})"
        else:
            names = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}
            text = f"{self.kind.upper()}, {names[self.separator]}-separated, {self.encoding}"
            if self.sep_line:
                text += f" (line 1 says sep={self.separator})"
        from surveys.importing.workbook import excel_lock_note

        note = excel_lock_note(self.path)
        return f"{text} ({note})" if note else text


class _TextTable(Table):
    """A CSV or TSV file: decoded line by line, so each bad byte is found on its line."""

    def __init__(self, path: Path, handle: BinaryIO, kind: str) -> None:
        super().__init__(path)
        self.kind = kind
        self._handle = handle
        self.size = max(os.fstat(handle.fileno()).st_size, 1)
        head = handle.read(4)
        handle.seek(0)
        self._guess, self._skip = Guess(UTF8), 0
        #: The codec of a UTF-16 or UTF-32 file, read as text (its line ends are two or
        #: four bytes).
        self._utf16_codec: str | None = None
        given = current().encoding
        if given:
            self._given(handle, codec_name(given))
        elif head.startswith(codecs.BOM_UTF8):
            self.encoding, self._skip = "UTF-8 with BOM", len(codecs.BOM_UTF8)
            self._guess = utf8_with_bom(handle)
        elif wide_mark(head):  # UTF-16 or UTF-32: the mark gives the order
            self._utf16_codec, self.encoding = wide_mark(head)
        else:  # Excel's plain "CSV" on Windows is Windows-1252
            self._guess = guess_encoding(handle)
            self.encoding = self._guess.encoding
        self.separator = "\t" if kind == "tsv" else self._sniff()
        if self.separator == "\t":
            self.kind = "tsv"

    def _given(self, handle: BinaryIO, codec: str) -> None:
        """Read in the encoding the user gave (``--encoding``), whatever the guess."""
        head = handle.read(4)
        handle.seek(0)
        if wide_codec(codec):
            problem = mark_problem(codec, head)
            if problem is not None:
                raise TableError(f"{self.path} {problem}")
            self.encoding, self._utf16_codec = f"{codec} (as chosen)", codec
            return
        if codec == "utf-8" and head.startswith(codecs.BOM_UTF8):
            self._skip = len(codecs.BOM_UTF8)
        lines = guess_encoding(handle)  # only for its line ends (a Mac file's bare returns)
        self._guess = Guess(codec, cr_lines=lines.cr_lines)
        self.encoding = f"{codec} (as chosen)"

    def _lines(self) -> Iterator[str]:
        self._handle.seek(self._skip)
        if self._utf16_codec:
            text = io.TextIOWrapper(self._handle, encoding=self._utf16_codec, newline="")
            try:
                for number, line in enumerate(bounded_lines(text.readline), start=1):
                    yield self._too_long(number) if line is None else line
            except UnicodeDecodeError:
                self.problems.append(
                    CellProblem(
                        1,
                        "encoding",
                        f"the file is not {self._utf16_codec.upper()} text as it should be; "
                        "export it again (or name its encoding with --encoding).",
                    )
                )
            finally:
                with contextlib.suppress(ValueError):  # the file was closed first
                    text.detach()
            return
        readline = readline_of(self._handle, self._guess)
        for number, raw in enumerate(bounded_lines(readline), start=1):
            if raw is None:
                yield self._too_long(number)
                continue
            text, problem = decode_line(raw, self._guess)
            if problem:
                self._encoding_problem(number, problem)
            yield text

    def _too_long(self, number: int) -> str:
        """An empty line in place of line ``number``, which was too long, with a problem."""
        self.problems.append(
            CellProblem(
                number,
                "row",
                "the line is longer than 16 MiB (it was not read). A cell "
                "holds at most 131,072 characters; check that this is the right file and "
                "that its lines end with line breaks, then export it again.",
            )
        )
        return "\n"

    def _encoding_problem(self, number: int, message: str) -> None:
        if any(p.column == "encoding" for p in self.problems):
            return  # the first bad line explains the others
        self.problems.append(CellProblem(number, "encoding", message))

    def _sniff(self) -> str:
        """The separator of the first line: the most frequent of , ; and tab outside quotes,
        or the one Excel's ``sep=;`` line names (that line is then not a row)."""
        lines = self._lines()
        first = next(lines, "")
        lines.close()
        named = _SEP_LINE.match(first)
        if named:
            self.problems.clear()
            self.sep_line = True
            return named.group(1)
        counts = dict.fromkeys(_SEPARATORS, 0)
        quoted = False
        for char in first:
            if char == '"':
                quoted = not quoted
            elif not quoted and char in counts:
                counts[char] += 1
        self.problems.clear()  # the real read reports them again
        best = max(_SEPARATORS, key=lambda s: counts[s])
        return best if counts[best] else ","

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(self._lines(), delimiter=self.separator, strict=True)
        end = 0
        while True:
            try:
                for fields in reader:
                    start, end = end + 1, reader.line_num
                    if start == 1 and self.sep_line:
                        continue  # Excel's "sep=;" says the separator; it is no row
                    if fields:
                        yield start, fields
                return
            except csv.Error as exc:
                self.problems.append(
                    CellProblem(
                        end + 1,
                        "row",
                        f"malformed {self.kind.upper()} ({exc}). Values that contain the "
                        "separator, quotes or line breaks must be in double quotes.",
                    )
                )
                end = reader.line_num

    def fraction_read(self) -> float:
        try:
            return min(self._handle.tell() / self.size, 1.0)
        except (OSError, ValueError):
            return 0.0

    def close(self) -> None:
        self._handle.close()


def cell_text(value: object) -> str:
    """The text of an XLSX cell as a CSV export of it would show it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def open_table(path: str | Path) -> Table:
    """Open a CSV, TSV or XLSX file for reading.

    Parameters
    ----------
    path : path
        The file. ``.xlsx``/``.xlsm`` are read as workbooks, ``.tsv`` as tab-separated,
        anything else as CSV (comma, semicolon or tab, found from the first line).

    Returns
    -------
    Table
        Close it (or use it in a ``with`` block) when done.

    Raises
    ------
    TableError
        When the file is missing, a folder, unreadable or not a workbook.
    """
    path = Path(path)
    if not path.exists():
        raise TableError(f"{path} does not exist; check the file name and folder.")
    if path.is_dir():
        raise TableError(f"{path} is a folder; give the path of the file inside it.")
    suffix = path.suffix.lower()
    if path.name.startswith("~$"):
        raise TableError(
            f"{path} is the lock file Excel keeps while {path.name[2:]} is open, not the "
            f"responses. Import {path.name[2:]} itself (save it in Excel first)."
        )
    if suffix in (".xlsx", ".xlsm"):
        from surveys.importing.workbook import XlsxTable

        return XlsxTable(path)
    if suffix in (".xls", ".ods", ".sav", ".json"):
        raise TableError(
            f"{path} is a {suffix} file, which Rapport does not read. Export the responses "
            "as CSV, TSV or Excel .xlsx instead."
        )
    try:
        handle = open(path, "rb")  # noqa: SIM115 - owned by the table, closed by close()
    except OSError as exc:
        from surveys.importing.workbook import locked_message

        raise TableError(locked_message(path, exc)) from None
    given = current().encoding
    wide = bool(given) and wide_codec(codec_name(given)) is not None
    start = b"" if wide else handle.read(SNIFF_BYTES)
    problem = None if wide else _not_a_text_table(path, start, suffix)
    if problem:
        handle.close()
        raise (ZippedFileError if start.startswith(ZIP_MARKS) else TableError)(problem)
    handle.seek(0)
    return _TextTable(path, handle, "tsv" if suffix == ".tsv" else "csv")


#: How much of a file is looked at to tell a text table from something else.
SNIFF_BYTES = 8192
#: The first bytes of a ZIP archive (a workbook is one too).
ZIP_MARK = b"PK\x03\x04"
#: The first bytes of a ZIP archive: one with files, or an empty one.
ZIP_MARKS = (ZIP_MARK, b"PK\x05\x06")


def _not_a_text_table(path: Path, start: bytes, suffix: str) -> str | None:
    """Why a file that should be a CSV or TSV cannot be one, from its first bytes."""
    if start.startswith(ZIP_MARKS):
        from surveys.importing.archives import zipped_message

        return zipped_message(path, suffix)
    if not start.lstrip(codecs.BOM_UTF8).strip():
        return f"{path} is empty: there is nothing to import. Export or save the file again."
    if b"\x00" in start and not wide_mark(start):
        return (
            f"{path} is not a text table: it holds binary data (NUL bytes). Save or export "
            "it as CSV UTF-8, TSV or Excel .xlsx and import that file (or, if it is UTF-16 "
            "or UTF-32 text without a byte-order mark, name its encoding: --encoding "
            "utf-16-le, utf-32-le... on the command line, or the Encoding choice in the app)."
        )
    return None


def read_head(path: str | Path, rows: int = 6) -> tuple[Table, list[tuple[int, list[str]]]]:
    """The first ``rows`` non-blank rows of a file (for detecting its layout).

    Returns the table (closed) with the rows and their line numbers.
    """
    with open_table(path) as table:
        head: list[tuple[int, list[str]]] = []
        for numbered in table.rows():
            head.append(numbered)
            if len(head) >= rows:
                break
    return table, head
