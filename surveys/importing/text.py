"""Text normalisation shared by the import modules (no third-party code).

:func:`fold` is the one comparison form used for headers, answers, department names and
people's names: Unicode NFKC (full-width letters, ligatures and non-breaking spaces become
plain ones), case folded (``ß`` -> ``ss``), accents stripped (``José`` -> ``jose``) and
spaces collapsed. :func:`words` and :func:`stem` turn a question into comparable word
stems for matching statements by meaning.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
_SUFFIXES = (
    "ingly",
    "ations",
    "ation",
    "ments",
    "ment",
    "ness",
    "ings",
    "ing",
    "edly",
    "ies",
    "ied",
    "ers",
    "ed",
    "es",
    "ly",
    "er",
    "s",
)


def strip_accents(text: str) -> str:
    """``text`` without combining accents (``Müller`` -> ``Muller``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """The comparison form of ``text``: NFKC, case folded, no accents, single spaces.

    Examples
    --------
    >>> fold("  José  GARCÍA ")
    'jose garcia'
    >>> fold("Straße")
    'strasse'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = unicodedata.normalize("NFKC", strip_accents(text))
    return _SPACES.sub(" ", text).strip()


def plain(text: str) -> str:
    """``fold(text)`` with every run of punctuation turned into one space."""
    return _SPACES.sub(" ", re.sub(r"[^\w]+", " ", fold(text).replace("_", " "))).strip()


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A light English stem: enough to equate respond/responds/responding, reply/replies.

    ``-ies``/``-ied`` become ``-y``; other suffixes are removed when at least four letters
    remain (three for a plural ``-s``); a final ``-e`` goes from longer words.
    """
    if len(word) <= 3:
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= (3 if suffix == "s" else 4):
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """The folded words of ``text`` (apostrophes kept inside words: ``don't``)."""
    return _WORD.findall(fold(text).replace("’", "'"))


def stems(text: str) -> list[str]:
    """The stems of the words of ``text``, in order."""
    return [stem(word) for word in words(text)]


#: The header an Excel table gives a column that has none ("Column1"; German "Spalte1",
#: French "Colonne1", Spanish "Columna1", Italian "Colonna1", Portuguese "Coluna1",
#: Dutch "Kolom1", Polish "Kolumna1").
_PLACEHOLDER = re.compile(r"(column|spalte|colonne|columna|colonna|coluna|kolom|kolumna) ?\d+")


def excel_placeholder(heading: str) -> bool:
    """Whether ``heading`` is Excel's placeholder for a column without a header."""
    return bool(_PLACEHOLDER.fullmatch(fold(heading)))
