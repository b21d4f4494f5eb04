"""Tell Excel's Western, Central European and Cyrillic code pages apart from their bytes.

Excel's plain "CSV" on Windows is written in the computer's ANSI code page: Windows-1252 in
Western Europe and the Americas, Windows-1250 in Poland, Czechia, Slovakia, Hungary,
Romania, Croatia and Slovenia, Windows-1251 where Cyrillic is written. All three map every
byte above 0x7F to a character, so no decoding fails: the wrong one reads a Polish
``Łódź`` as ``£ódŸ`` and a Russian ``Продажи`` as ``Ïðîäàæè``. The file's words tell them
apart:

- **Cyrillic.** Words of Windows-1251 text are runs of bytes from 0xC0 up with no ASCII
  letter in them; Western and Central European words always mix accented letters with
  plain ones (``Müller``, ``Łódź``). A file with more such words than mixed ones is
  Windows-1251.
- **DOS.** Excel's "CSV (MS-DOS)" writes the DOS code page, 850, whose accented letters
  are bytes Windows-1252 uses for punctuation: ``é`` is ``‚``, ``è`` is ``Š``, ``ä`` is
  ``„``, ``ü`` is unassigned. Such a byte between two plain letters is a sign of it.
- **Central European.** Windows-1250 puts letters where Windows-1252 has symbols or
  nothing: ``ł`` is ``³``, ``ą`` is ``¹``, ``ż`` is ``¿``, ``Ł`` is ``£``, ``ť`` is an
  unassigned byte; Czech ``ě`` and ``ů`` are ``ì`` and ``ù``, which Western languages write
  only at the end of a word. Such a byte inside a word (or a capital one starting a word)
  is a sign of Windows-1250; one sign per twenty accented words is enough.

Hungarian, Croatian and Slovene text may show no sign (their letters ``ő``, ``č``, ``ć``
are accented letters in Windows-1252 too) and is then read as Windows-1252: the import's
preview and its "read as" line show what was read. Only a bounded number of words is
looked at, so a large file costs no more than a small one.
"""

from __future__ import annotations

import re

CP1250 = "Windows-1250"
CP1251 = "Windows-1251"
CP1252 = "Windows-1252"
#: Excel's "CSV (MS-DOS)": the DOS code page of Western Europe (the letters of the US one,
#: 437, are the same bytes).
CP850 = "MS-DOS code page 850"

#: Words looked at, at most: enough to decide, and bounded for large files.
MAX_WORDS = 2000
_HIGH = re.compile(rb"[\x80-\xff]+")
_ASCII_LETTERS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
#: Bytes that are letters in one of the three code pages (a word is a run of them).
_LETTERS = (
    _ASCII_LETTERS
    | frozenset(range(0xC0, 0x100))
    | frozenset(range(0x80, 0xA6))
    | frozenset(b"\xaa\xaf\xb3\xb9\xba\xbc\xbe\xbf")
)
#: Windows-1250 letters that Windows-1252 writes as symbols or leaves unassigned, or (ì, ù)
#: as letters Western languages write only at the end of a word: signs inside a word.
_INSIDE_1250 = frozenset(b"\x8d\x8f\x9d\x9f\xa3\xa5\xaa\xaf\xb3\xb9\xba\xbc\xbe\xbf\xec\xf9\xfe")
#: Windows-1250 capitals that Windows-1252 writes as symbols: signs starting a word
#: (``Łukasz``, ``Żaneta``).
_START_1250 = frozenset(b"\x8d\x8f\xa3\xa5\xaf\xbc")
#: DOS letters (``é`` 0x82, ``è`` 0x8A, ``ü`` 0x81, ``ä`` 0x84, ``ñ`` 0xA4...) that
#: Windows-1252 writes as punctuation (``‚``, ``Š``, ``”``, ``¤``) or leaves unassigned:
#: signs inside a word. Windows-1252's quotes, dashes and ellipsis (0x91-0x94, 0x96, 0x97,
#: 0x85: ``ô``, ``ö``, ``à``... in DOS), which typing puts between letters, and the bytes
#: Windows-1250 signs use, are left out; and one sign is not enough.
_INSIDE_850 = frozenset(b"\x81\x82\x83\x84\x86\x87\x88\x89\x8a\x8b\x95\x98\x9b\xa1\xa2\xa4")


class CodePageEvidence:
    """What the words of a file say about its code page; feed it blocks of bytes."""

    def __init__(self) -> None:
        self.cyrillic = 0
        self.latin = 0
        self.central = 0
        self.dos = 0

    def add(self, block: bytes) -> None:
        """Look at the words of ``block`` that hold bytes above 0x7F."""
        end = 0
        for run in _HIGH.finditer(block):
            if self.cyrillic + self.latin >= MAX_WORDS:
                return
            if run.start() < end:
                continue  # in the word just looked at
            start, end = _word_around(block, run.start(), run.end())
            self._word(block[start:end])

    def _word(self, word: bytes) -> None:
        if not any(byte in _ASCII_LETTERS for byte in word):
            if sum(byte >= 0xC0 for byte in word) >= 3:
                self.cyrillic += 1
            return
        self.latin += 1
        self.central += _central_signs(word)
        self.dos += _dos_signs(word)

    def verdict(self) -> str:
        """:data:`CP1251`, :data:`CP1250`, :data:`CP850` or :data:`CP1252` for what was
        seen."""
        if self.cyrillic > self.latin:
            return CP1251
        if self.dos >= 2 and self.dos > self.central and self.dos * 20 >= self.latin:
            return CP850
        if self.central and self.central * 20 >= self.latin:
            return CP1250
        return CP1252


def _word_around(block: bytes, start: int, end: int) -> tuple[int, int]:
    """The run of letter bytes around ``block[start:end]``."""
    while start > 0 and block[start - 1] in _LETTERS:
        start -= 1
    while end < len(block) and block[end] in _LETTERS:
        end += 1
    return start, end


def _dos_signs(word: bytes) -> int:
    """How many bytes of ``word`` are DOS letters between two plain letters (``r‚ponse``;
    Windows-1252's quotes touch punctuation or spaces, as in ``’“ok”–``)."""
    return sum(
        word[i] in _INSIDE_850 and word[i - 1] in _ASCII_LETTERS and word[i + 1] in _ASCII_LETTERS
        for i in range(1, len(word) - 1)
    )


def _central_signs(word: bytes) -> int:
    """How many bytes of ``word`` only Windows-1250 reads as letters there."""
    signs = int(
        word[0] in _START_1250 and len(word) > 1 and word[1] not in b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    )
    for i in range(1, len(word) - 1):
        signs += word[i] in _INSIDE_1250
    return signs
