"""Tell UTF-8 from Windows-1252 (and Mac Roman) text, the encodings Excel writes CSV in.

Excel's "CSV UTF-8" writes UTF-8 with a byte-order mark; its plain "CSV (Comma delimited)"
on Windows writes the Windows-1252 code page (Western European: ``é`` is byte 0xE9, the
curly apostrophe 0x92, the en dash 0x96, ``€`` 0x80). A file without a byte-order mark is
looked at whole before it is read (a block at a time, so a large file is never held):

- no byte is outside UTF-8: it is UTF-8 (plain ASCII is both);
- some bytes are not UTF-8 and no accented letter is written as UTF-8: Windows-1252, whose
  five unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) are then problems on their lines;
- both (UTF-8 letters in one place, other bytes elsewhere): the file mixes encodings, and no
  reading of it is right; it is read as UTF-8 and each bad line is a problem.

Windows-1252 text almost never happens to be valid UTF-8 (an accented capital followed by
a symbol), so the guess is safe. Excel for Mac's "CSV (Macintosh)" ends lines with a bare
carriage return and writes Mac Roman (``é`` is byte 0x8E): a file whose lines end so and
that is not UTF-8 is read as Mac Roman, the one encoding that writes lines that way. Excel
on a Central European or Cyrillic Windows writes Windows-1250 or Windows-1251 instead of
Windows-1252; :mod:`surveys.code_pages` tells them apart by the file's words.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from typing import BinaryIO, NamedTuple

from surveys.code_pages import CP850, CP1250, CP1251, CP1252, CodePageEvidence

#: The encodings' names as messages show them.
UTF8 = "UTF-8"
MAC_ROMAN = "Mac Roman"
_CODECS = {
    UTF8: "utf-8",
    CP1252: "cp1252",
    CP1250: "cp1250",
    CP1251: "cp1251",
    CP850: "cp850",
    MAC_ROMAN: "mac_roman",
}
#: The Windows code pages Excel writes a plain "CSV" in.
WINDOWS_CODE_PAGES = (CP1252, CP1250, CP1251, CP850)

_BLOCK = 1 << 20
_BAD = re.compile("[\udc80-\udcff]")  # bytes that are not UTF-8, under surrogateescape
_LETTER = re.compile("[\x80-\udc7f\udd00-\U0010ffff]")  # a character written as UTF-8


class Guess(NamedTuple):
    """How a file without a byte-order mark is to be decoded.

    Attributes
    ----------
    encoding : str
        :data:`UTF8`, one of :data:`WINDOWS_CODE_PAGES` or :data:`MAC_ROMAN`.
    mixed : bool
        The file has UTF-8 characters and also bytes that are not UTF-8.
    cr_lines : bool
        Lines end with a bare carriage return (old Mac files), not ``\\n`` or ``\\r\\n``.
    """

    encoding: str
    mixed: bool = False
    cr_lines: bool = False


def guess_encoding(handle: BinaryIO, start: int = 0) -> Guess:
    """Read ``handle`` from ``start`` to its end and guess its encoding.

    Parameters
    ----------
    handle : binary file
        Left at ``start`` afterwards.
    start : int
        Where the text begins (after a byte-order mark).

    Returns
    -------
    Guess
        The encoding, and whether the file mixes UTF-8 with other bytes.
    """
    handle.seek(start)
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    evidence = CodePageEvidence()
    bad = letters = False
    cr_lines = None
    while not (bad and letters):
        block = handle.read(_BLOCK)
        if not block:
            break
        if cr_lines is None:
            cr_lines = _bare_returns(block)
        if block.isascii():
            continue
        evidence.add(block)
        text = decoder.decode(block)
        bad = bad or _BAD.search(text) is not None
        letters = letters or _LETTER.search(text) is not None
    bad = bad or _BAD.search(decoder.decode(b"", final=True)) is not None
    if bad and letters and evidence.verdict() in (CP1250, CP1251, CP850):
        letters = not _accidental_utf8(handle, start)
    handle.seek(start)
    if bad and not letters:
        encoding = MAC_ROMAN if cr_lines else evidence.verdict()
        return Guess(encoding, cr_lines=bool(cr_lines))
    return Guess(UTF8, mixed=bad, cr_lines=bool(cr_lines))


def _accidental_utf8(handle: BinaryIO, start: int) -> bool:
    """Whether the UTF-8 characters of a file whose words are Windows-1250 or -1251 are
    accidents.

    Cyrillic capitals followed by ``і``, ``ё``, ``ї`` or ``є`` (``Ві``: bytes 0xC2 0xB3), and
    Central European capitals followed by ``Ź``, ``ł``, ``ż``... (``PÓŹNO``) happen to be
    valid UTF-8; a file that really mixes UTF-8 in has more UTF-8 characters, for the
    bytes that are not UTF-8, than such accidents make (and each line pasted in whole is
    a problem on its line, :func:`decode_line`).
    """
    handle.seek(start)
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    bad = letters = 0
    while block := handle.read(_BLOCK):
        text = decoder.decode(block)
        bad += len(_BAD.findall(text))
        letters += len(_LETTER.findall(text))
    return letters * 2 < bad


def utf8_with_bom(handle: BinaryIO) -> Guess:
    """The guess for a file with a UTF-8 byte-order mark: UTF-8, with its line ends."""
    handle.seek(0)
    cr_lines = _bare_returns(handle.read(_BLOCK))
    handle.seek(0)
    return Guess(UTF8, cr_lines=cr_lines)


def _bare_returns(block: bytes) -> bool:
    """Whether rows end with a bare ``\\r`` (a ``\\n`` may be a line break in a cell)."""
    return block.count(b"\r") - block.count(b"\r\n") > block.count(b"\n")


def readline_of(handle: BinaryIO, guess: Guess) -> Callable[[int], bytes]:
    """A ``readline(limit)`` for ``handle`` that ends lines where the file does: at ``\\n``,
    or at a bare ``\\r`` in a file whose lines end so (bytes' own readline would give the
    whole file as one line)."""
    if not guess.cr_lines:
        return handle.readline
    return _CrLines(handle).readline


class _CrLines:
    """Lines ended by ``\\r`` read from a binary file, a block at a time."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._buffer = b""
        self._pos = 0

    def readline(self, limit: int = -1) -> bytes:
        while True:
            start = self._pos
            end = self._buffer.find(b"\r", start)
            if end >= 0 and (limit < 0 or end - start < limit):
                self._pos = end + 1
                return self._buffer[start : end + 1]
            if 0 <= limit <= len(self._buffer) - start:
                self._pos = start + limit
                return self._buffer[start : self._pos]
            block = self._handle.read(65536)
            self._buffer, self._pos = self._buffer[start:] + block, 0
            if not block:
                self._buffer, line = b"", self._buffer
                return line


def codec_of(guess: Guess) -> str:
    """The Python codec that decodes text of ``guess`` (``utf-8``, ``cp1252``...)."""
    return _CODECS.get(guess.encoding, guess.encoding)


def decode_line(raw: bytes, guess: Guess) -> tuple[str, str | None]:
    """Decode one line; with a message when a byte could not be read.

    Returns
    -------
    text : str
        The line, with a replacement character for each byte that could not be read.
    problem : str or None
        What is wrong and what to do, naming the byte and its position in the line.
    """
    encoding = _CODECS.get(guess.encoding, guess.encoding)  # a codec the user gave
    if guess.encoding in (CP1250, CP1251, CP850) and _utf8_line(raw):
        return raw.decode("utf-8"), _pasted_utf8(guess)
    try:
        return raw.decode(encoding), None
    except UnicodeDecodeError as exc:
        return raw.decode(encoding, "replace"), _problem(raw, exc, guess)


def _utf8_line(raw: bytes) -> bool:
    """Whether ``raw`` is UTF-8 text with two characters or more beyond ASCII: a line
    pasted in from a UTF-8 file (a Cyrillic capital before ``і`` is one such character by
    accident in Windows-1251, and ``ÓŹ`` in Windows-1250, never a whole line of them)."""
    if raw.isascii():
        return False
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return sum(not char.isascii() for char in text) >= 2


def _pasted_utf8(guess: Guess) -> str:
    return (
        f"this line is UTF-8 text, though the rest of the file is {guess.encoding}: it "
        "mixes two encodings (text pasted in from another file?). Correct the line in a "
        "text editor, or export the file again as UTF-8 (Excel: 'CSV UTF-8'), then import it."
    )


def _problem(raw: bytes, exc: UnicodeDecodeError, guess: Guess) -> str:
    where = f"byte 0x{raw[exc.start]:02x} at character {exc.start + 1}"
    again = "Export the file again as UTF-8 (Excel: 'CSV UTF-8'), then import it."
    if guess.encoding in WINDOWS_CODE_PAGES:
        return (
            f"{where} is neither UTF-8 nor {guess.encoding} text (the file is in another "
            f"encoding). {again}"
        )
    if guess.encoding not in _CODECS:  # the user's --encoding
        return (
            f"{where} is not {guess.encoding} text: the file is in another encoding. Give "
            "another --encoding, or export the file again as UTF-8 (Excel: 'CSV UTF-8')."
        )
    if guess.mixed:
        return (
            f"{where} is not UTF-8 text, though the file's other accented letters are: it "
            f"mixes two encodings (text pasted in from another file?). Correct the line in a "
            f"text editor, or {again[0].lower()}{again[1:]}"
        )
    return f"{where} is not UTF-8 text. {again}"
