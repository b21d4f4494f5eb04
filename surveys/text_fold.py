"""Folding text for comparison, with a map back to the text as written.

:func:`fold` is the form in which names and personal data are compared: Unicode NFKC
(full-width letters and digits, ligatures and no-break spaces become plain ones), case
folded (``ß`` -> ``ss``), accents stripped (``María`` -> ``maria``, also when the accent is
a separate combining mark), curly apostrophes made straight, every dash a hyphen, and
invisible format characters (soft hyphens, zero-width spaces) dropped.

:func:`fold_with_map` also says, for each character of the folded text, which span of the
original it came from, so that a match in the folded text replaces the span as written.
Standard library only: the respondent window uses it while someone types.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_APOSTROPHES = "\u2019\u2018\u02bc\u2032\u00b4`\uff07\u055a"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_PLAIN = str.maketrans({**dict.fromkeys(_APOSTROPHES, "'"), **dict.fromkeys(_DASHES, "-")})


class Translator:
    """``text.translate(table)``, faster on ASCII text.

    Most comments are ASCII, and an ASCII text can hold only the table's ASCII keys (the
    backtick of the quote tables): ``str.replace`` of those few is far faster than
    ``str.translate`` going through every character. The table must map single characters
    to strings that hold no key, so replacing one key after another is the same as
    translating all at once.

    Parameters
    ----------
    table : dict
        A table from ``str.maketrans``.
    """

    def __init__(self, table: dict[int, str]) -> None:
        self.table = table
        self._ascii = tuple((chr(code), to) for code, to in table.items() if code < 128)
        keys = {chr(code) for code in table}
        if any(keys.intersection(to) for to in table.values()):
            raise ValueError("a replacement holds a key: replacing in turn would differ")

    def __call__(self, text: str) -> str:
        if not text.isascii():
            return text.translate(self.table)
        for before, after in self._ascii:
            if before in text:
                text = text.replace(before, after)
        return text


#: Curly apostrophes straight, every dash a hyphen.
plain = Translator(_PLAIN)


@lru_cache(maxsize=8192)
def _fold_cluster(cluster: str) -> str:
    """The folded form of one character with its combining marks (may be empty)."""
    text = unicodedata.normalize("NFKC", cluster.translate(_PLAIN)).casefold()
    kept = (
        ch
        for ch in unicodedata.normalize("NFKD", text)
        if unicodedata.category(ch)[0] != "M" and unicodedata.category(ch) != "Cf"
    )
    return "".join(kept).translate(_PLAIN)


def _clusters(text: str):
    """``(start, end)`` of each character together with the combining marks after it."""
    start, size = 0, len(text)
    while start < size:
        end = start + 1
        while end < size and unicodedata.category(text[end])[0] == "M":
            end += 1
        yield start, end
        start = end


def fold(text: str) -> str:
    """The comparison form of ``text`` (see the module's description).

    Examples
    --------
    >>> fold("María O’Brien")
    "maria o'brien"
    >>> fold("Zoe\\u0308 STRAUß")
    'zoe strauss'
    """
    if text.isascii():
        return plain(text.lower())
    return "".join(_fold_cluster(text[start:end]) for start, end in _clusters(text))


class FoldedText:
    """A text, its folded form, and where each folded character came from.

    Parameters
    ----------
    text : str
        The text as written.

    Attributes
    ----------
    original : str
        ``text``.
    folded : str
        :func:`fold` of ``text``.
    """

    def __init__(self, text: str) -> None:
        self.original = text
        if text.isascii():  # the usual case: one folded character per original one
            self.folded = plain(text.lower())
            self._starts: list[int] | None = None
            self._ends: list[int] = []
            return
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for start, end in _clusters(text):
            folded = _fold_cluster(text[start:end])
            parts.append(folded)
            starts.extend([start] * len(folded))
            ends.extend([end] * len(folded))
        self.folded = "".join(parts)
        self._starts, self._ends = starts, ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that folded ``[start, end)`` came from."""
        if self._starts is None:
            return start, end
        if start >= len(self._starts):
            return len(self.original), len(self.original)
        return self._starts[start], self._ends[end - 1] if end > start else self._starts[start]

    def start_of(self, position: int) -> int:
        """The original index of the folded character at ``position``."""
        return self.span(position, position + 1)[0]
