"""Stream the records of a response CSV with physical line numbers.

The file is read in binary, 256 KiB of whole lines at a time, and decoded by physical line
(a block together when that gives the same text), so a byte that cannot be read is
reported on the line where it is, and the bytes read so far are known for a progress bar.
A UTF-8 byte-order mark (Excel's "CSV UTF-8") is accepted; a file without one in
Windows-1252, -1250 or -1251 (Excel's plain "CSV" on Windows) is told apart from UTF-8 by
:mod:`surveys.text_encoding`; UTF-16 with a byte-order mark (Excel's "Unicode Text") is
read too. Nothing here holds more than a block of lines and one record in memory.
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

from surveys.code_pages import CP1252
from surveys.errors import RapportError
from surveys.read_options import codec_name, current, mark_problem, wide_codec, wide_mark
from surveys.text_encoding import (
    MAC_ROMAN,
    UTF8,
    Guess,
    codec_of,
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
#: Bytes read at a time; the lines they end are decoded together.
_BLOCK = 1 << 18
#: Encodings whose lines a block decodes in one go as each alone (:meth:`CsvSource._decoded`).
_WHOLE_BLOCKS = frozenset({UTF8, CP1252, MAC_ROMAN})
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
        head = handle.read(4)
        handle.seek(0)
        mark = wide_mark(head)  # UTF-16 or UTF-32: the byte-order mark says which order
        self._utf16 = mark is not None
        self._utf16_codec = mark[0] if mark else "utf-16"
        given = current().encoding
        if given:  # --encoding: the user says, whatever the guess
            codec = codec_name(given)
            problem = mark_problem(codec, head)
            if problem is not None:
                raise RapportError(f"The file {problem}")
            self._utf16 = wide_codec(codec) is not None
            self._utf16_codec = wide_codec(codec) or "utf-16"
            self._guess = Guess(codec, cr_lines=guess_encoding(handle).cr_lines)
        elif head.startswith(b"\xef\xbb\xbf"):
            self._guess = utf8_with_bom(handle)
        elif self._utf16:
            self._guess = Guess(UTF8)  # not used: the utf-16 codec reads the lines
        else:
            self._guess = guess_encoding(handle)
        self.encoding = UTF16 if self._utf16 else self._guess.encoding
        self._codec = codec_of(self._guess)
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
        """The file's physical lines as text, each with its line end."""
        if self._utf16:
            yield from self._utf16_lines()
            return
        if self._guess.cr_lines:
            yield from self._lines_one_by_one()
            return
        number = 0
        for raw in _blocks_of_lines(self._handle):
            lines = self._decoded(raw, number)
            if number == 0 and lines[0].startswith(_BOM):
                lines[0] = lines[0][1:]
            number += len(lines)
            yield from lines

    def _decoded(self, raw: bytes, before: int) -> list[str]:
        """The lines of ``raw`` (whole lines that follow line ``before``), decoded.

        A block of ASCII, UTF-8, Windows-1252 or Mac Roman is decoded in one go (lines end
        at ``\\n``, a byte no other character of these encodings holds, so that is the text
        of decoding each line alone). Any other block, and one with a byte that cannot be
        read, is decoded line by line (:func:`surveys.text_encoding.decode_line`), so that a
        problem names its line and a UTF-8 line pasted into a Windows-1250 file is found.
        """
        if raw.isascii() or self._guess.encoding in _WHOLE_BLOCKS:
            try:
                text = raw.decode(self._codec)
            except UnicodeDecodeError:
                pass
            else:
                lines = text.split("\n")
                last = lines.pop()  # empty when the block ends with a line end
                lines = [line + "\n" for line in lines]
                if last:
                    lines.append(last)
                return lines
        return [self._decode_line(number, line) for number, line in _numbered(raw, before)]

    def _lines_one_by_one(self) -> Iterator[str]:
        """The lines of a file whose lines end with a bare ``\\r``, one read at a time."""
        readline = readline_of(self._handle, self._guess)
        for number, raw in enumerate(iter(readline, b""), start=1):
            text = self._decode_line(number, raw)
            if number == 1 and text.startswith(_BOM):
                text = text[1:]
            yield text

    def _decode_line(self, number: int, raw: bytes) -> str:
        text, problem = decode_line(raw, self._guess)
        if problem and self.encoding_error is None:
            self.encoding_error = LineError(number, "encoding", problem)
        return text

    def _utf16_lines(self) -> Iterator[str]:
        """The lines of a UTF-16 file (Excel's "Unicode Text"), decoded by Python's codec,
        which also reads the byte-order mark; a file cut in the middle of a character, or
        with half of a surrogate pair, is an encoding problem on its line."""
        self._handle.seek(0)
        text = io.TextIOWrapper(self._handle, encoding=self._utf16_codec, newline="")
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


def _blocks_of_lines(handle: BinaryIO) -> Iterator[bytes]:
    """``handle`` from where it is to its end, in blocks of whole lines (ended by ``\\n``,
    the last one perhaps not); a line longer than a block is held whole, as ``readline``
    would."""
    pending = bytearray()
    while block := handle.read(_BLOCK):
        end = block.rfind(b"\n") + 1
        if not end:  # no line ends in this block
            pending += block
            continue
        if pending:
            pending += block[:end]
            yield bytes(pending)
            pending.clear()
        else:
            yield block[:end]
        pending += block[end:]
    if pending:
        yield bytes(pending)


def _numbered(raw: bytes, before: int) -> Iterator[tuple[int, bytes]]:
    """The lines of ``raw`` with their ends, numbered from ``before + 1``."""
    lines = raw.split(b"\n")
    last = lines.pop()
    for number, line in enumerate(lines, start=before + 1):
        yield number, line + b"\n"
    if last:
        yield before + len(lines) + 1, last


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
