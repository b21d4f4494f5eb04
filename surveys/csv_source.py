"""Stream the records of a response CSV with physical line numbers.

The file is read in binary and decoded one physical line at a time, so a byte that cannot
be read is reported on the line where it is, and the bytes read so far are known for a
progress bar. A UTF-8 byte-order mark (Excel's "CSV UTF-8") is accepted; a file without one
in Windows-1252, -1250 or -1251 (Excel's plain "CSV" on Windows) is told apart from UTF-8
by :mod:`surveys.text_encoding`; UTF-16 with a byte-order mark (Excel's "Unicode Text") is
read too. Nothing here holds more than one record in memory.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from surveys.text_encoding import (
    UTF8,
    Guess,
    decode_line,
    guess_encoding,
    readline_of,
    utf8_with_bom,
)

#: The columns of the tidy response CSV, in order (``docs/csv-format.md``).
HEADER: tuple[str, ...] = (
    "submission_id",
    "wave",
    "respondent_department",
    "target_department",
    "item",
    "value",
)

_BOM = "\ufeff"
#: Excel's first line naming the separator (``sep=;``), which Excel itself hides.
_SEP_LINE = re.compile(r"sep=([,;\t])\r?\n?\Z")
#: The encoding of Excel's "Unicode Text" (UTF-16 with a byte-order mark, tabs).
UTF16 = "UTF-16"


@dataclass(frozen=True)
class LineError:
    """One problem in a CSV file.

    Attributes
    ----------
    line : int
        The physical line of the file where the record starts (the header is line 1).
    field : str
        The column (``wave``, ``value``...) or ``header``, ``row``, ``encoding``.
    message : str
        What is wrong and what to do.
    """

    line: int
    field: str
    message: str

    def format(self, path: str | Path) -> str:
        """The error as ``FILE:LINE: field: message``."""
        return f"{path}:{self.line}: {self.field}: {self.message}"


class CsvSource:
    """The records of one CSV file, read as a stream.

    Parameters
    ----------
    handle : binary file
        Opened by the caller (``open(path, "rb")``); not closed here.

    Attributes
    ----------
    encoding_error : LineError or None
        The first line that cannot be read (later ones are decoded with replacement
        characters so that the rest of the file can still be checked).
    encoding : str
        ``UTF-8``, ``Windows-1252`` (or ``-1250``, ``-1251``), ``Mac Roman`` or ``UTF-16``
        (Excel's "Unicode Text").
    delimiter : str
        ``,``; or ``;`` or a tab when the header line is written with it, or the
        separator a ``sep=;`` first line names.
    sep_line : bool
        Line 1 is Excel's ``sep=;``: the reader's first record is that line, not the
        header, which is line 2.
    """

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self.size = max(os.fstat(handle.fileno()).st_size, 1)
        self.encoding_error: LineError | None = None
        self.sep_line = False
        head = handle.read(3)
        handle.seek(0)
        self._utf16 = head[:2] in (b"\xff\xfe", b"\xfe\xff")
        if head.startswith(b"\xef\xbb\xbf"):
            self._guess = utf8_with_bom(handle)
        elif self._utf16:
            self._guess = Guess(UTF8)  # not used: the utf-16 codec reads the lines
        else:
            self._guess = guess_encoding(handle)
        self.encoding = UTF16 if self._utf16 else self._guess.encoding
        self.delimiter = self._delimiter()
        self.reader = csv.reader(self._lines(), delimiter=self.delimiter, strict=True)

    def _delimiter(self) -> str:
        """``;`` or tab when the header is written with it (European Excel re-saved the
        file, or saved it as "Unicode Text"), the separator Excel's ``sep=;`` first line
        names, else ``,``."""
        lines = self._lines()
        first = next(lines, "")
        lines.close()
        self._handle.seek(0)
        self.encoding_error = None  # found again when the file is read
        named = _SEP_LINE.match(first)
        if named:
            self.sep_line = True
            return named.group(1)
        for delimiter in (";", "\t"):
            try:
                fields = next(csv.reader([first], delimiter=delimiter), [])
            except csv.Error:  # a stray line break: the reader reports it on line 1
                return ","
            if tuple(name.strip().lower() for name in fields) == HEADER:
                return delimiter
        return ","

    def fraction_read(self) -> float:
        """How much of the file has been read, from 0 to 1."""
        return min(self._handle.tell() / self.size, 1.0)

    def _lines(self) -> Iterator[str]:
        if self._utf16:
            yield from self._utf16_lines()
            return
        readline = readline_of(self._handle, self._guess)
        for number, raw in enumerate(iter(readline, b""), start=1):
            text, problem = decode_line(raw, self._guess)
            if problem and self.encoding_error is None:
                self.encoding_error = LineError(number, "encoding", problem)
            if number == 1 and text.startswith(_BOM):
                text = text[1:]
            yield text

    def _utf16_lines(self) -> Iterator[str]:
        """The lines of a UTF-16 file (Excel's "Unicode Text"), decoded by Python's codec,
        which also reads the byte-order mark; a file cut in the middle of a character, or
        with half of a surrogate pair, is an encoding problem on its line."""
        self._handle.seek(0)
        text = io.TextIOWrapper(self._handle, encoding="utf-16", newline="")
        number = 1  # the line being read
        try:
            for line in iter(text.readline, ""):
                yield line
                number += 1
        except UnicodeDecodeError:
            if self.encoding_error is None:
                self.encoding_error = LineError(number, "encoding", _UTF16_BROKEN)
        finally:
            with contextlib.suppress(ValueError):  # the file was closed first
                text.detach()


_UTF16_BROKEN = (
    "the file says it is UTF-16 ('Unicode Text') but this line is not UTF-16 text (the file "
    "is cut short or damaged). Save it again from Excel as 'CSV UTF-8 (Comma delimited)', "
    "then import it."
)


def header_errors(fields: list[str] | None, line: int = 1) -> list[LineError]:
    """Check the header record (on ``line``: 1, or 2 under a ``sep=;`` line) against
    :data:`HEADER`.

    Column names are compared without case and surrounding spaces; order matters.
    """
    expected = ",".join(HEADER)
    if not fields:
        return [
            LineError(
                line,
                "header",
                f"the file is empty or its first line is blank. The first line must be "
                f"the header {expected}",
            )
        ]
    found = [name.strip().lower() for name in fields]
    if tuple(found) == HEADER:
        return []
    missing = [name for name in HEADER if name not in found]
    if missing and set(found) & set(HEADER):
        detail = f"missing column {', '.join(missing)}"
    elif missing:
        detail = "there is no header line (the first line looks like data)"
    else:
        detail = f"the columns are {','.join(fields)}"
    return [
        LineError(
            line,
            "header",
            f"{detail}. The first line must be exactly {expected}; fix it and import again.",
        )
    ]


def csv_error(line: int, exc: csv.Error) -> LineError:
    """Turn an error of the :mod:`csv` parser into a line error that says what to do."""
    reason = str(exc)
    if "field larger than field limit" in reason:
        return LineError(
            line,
            "value",
            f"a value here is longer than {csv.field_size_limit():,} characters, the most "
            'Rapport reads in one cell. Either a quote (") opened on this line is never '
            "closed (close it), or a comment is far too long (shorten it).",
        )
    if "new-line character seen in unquoted field" in reason:
        reason = (
            "a line break inside a value that is not quoted, or a file with old Macintosh "
            "line endings; save it again as 'CSV UTF-8'"
        )
    elif "NUL" in reason:
        reason = "the line contains a NUL byte (this is not a text CSV file)"
    return LineError(
        line,
        "row",
        f"malformed CSV ({reason}). Put values that contain commas, quotes or line breaks "
        'in double quotes, and write a quote inside them as two quotes ("").',
    )
