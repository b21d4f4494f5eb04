"""People's names from HR's list, ready to be found in a comment (see :mod:`surveys.personal_data`).

Every name is folded (:func:`surveys.text_fold.fold`: no case, no accents, plain
apostrophes and dashes) and cut into tokens (runs of letters or digits), so ``O’Brien`` is
``o 'brien``, ``Jean-Luc`` is ``jean luc`` and ``María García`` is ``maria garcia``. The last
word is the family name, together with any particles before it (``van der Berg``); the words
before it are the given names. Titles (``Dr.``), suffixes (``Jr``) and initials are dropped.

What is looked for:

- *phrases* (two tokens or more, any case, anywhere): the whole name, the given names
  alone when there are several (``Jean Luc``), the family name alone when it has several
  tokens (``van der Berg``, ``O'Brien``), and the family name before the given names
  (``García, María``);
- *single tokens*: each given and family name token, each hyphenated or apostrophised word
  written without its separator (``JeanLuc``, ``OBrien``), German and Nordic spellings of
  umlauts (``Mueller`` for ``Müller``, ``Aastrom`` for ``Åström``), and the possessive
  without an apostrophe (``Annas``). How freely a single token matches depends on the word
  (:data:`ANY`, :data:`CAPITALISED`, :data:`CAPITALISED_MID_SENTENCE`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from surveys.text_fold import fold

#: A single token matching in any case ("anna", "SCHMIDT").
ANY = "any"
#: A single token matching only when written with a capital: two-letter names (``Li``,
#: ``Wu``, ``Ng``) and names that are also common words (``Grace``, ``Mark``, ``Baker``).
CAPITALISED = "capitalised"
#: Like :data:`CAPITALISED`, and never as the first word of a sentence: names that are
#: function words (``He``, ``Will``, ``May``).
CAPITALISED_MID_SENTENCE = "capitalised mid-sentence"

TOKEN = re.compile(r"[^\W_]+")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "å": "aa", "ø": "oe", "æ": "ae"})
_STRICTNESS = {ANY: 0, CAPITALISED: 1, CAPITALISED_MID_SENTENCE: 2}


@cache
def word_lists() -> dict[str, frozenset[str]]:
    """The sections of ``surveys/data/personal_words.txt``: section name to its words."""
    text = resources.files("surveys").joinpath("data/personal_words.txt").read_text("utf-8")
    sections: dict[str, set[str]] = {}
    current: set[str] = set()
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        elif line:
            current.add(line)
    return {name: frozenset(words) for name, words in sections.items()}


@cache
def name_words() -> dict[str, str]:
    """Words that are also name parts, with how strictly they match alone.

    ``[function]`` words are :data:`CAPITALISED_MID_SENTENCE`, ``[common]`` words
    :data:`CAPITALISED` (the function words win where a word is in both).
    """
    lists = word_lists()
    words = dict.fromkeys(lists["common"], CAPITALISED)
    words.update(dict.fromkeys(lists["function"], CAPITALISED_MID_SENTENCE))
    return words


@dataclass
class NameIndex:
    """The phrases and single tokens of a name list (build with :func:`name_index`)."""

    phrases: set[tuple[str, ...]] = field(default_factory=set)
    phrase_starts: set[str] = field(default_factory=set)
    longest: int = 0
    single: dict[str, str] = field(default_factory=dict)

    def add_phrase(self, tokens: list[str]) -> None:
        if len(tokens) >= 2:
            self.phrases.add(tuple(tokens))
            self.phrase_starts.add(tokens[0])
            self.longest = max(self.longest, len(tokens))

    def add_single(self, token: str) -> None:
        if len(token) < 2 or token in word_lists()["particles"] or token.isdigit():
            return
        kind = name_words().get(token)
        if kind is None:
            kind = CAPITALISED if len(token) == 2 else ANY
        known = self.single.get(token)
        if known is None or _STRICTNESS[kind] > _STRICTNESS[known]:
            self.single[token] = kind
        if kind == ANY and len(token) >= 3:
            self.single.setdefault(token + "s", ANY)  # "Annas", "Schmidts"


@lru_cache(maxsize=32)
def name_index(names: tuple[str, ...]) -> NameIndex:
    """The :class:`NameIndex` of a name list (cached: pass a tuple).

    Parameters
    ----------
    names : tuple of str
        People's names as HR wrote them (any case, accents, apostrophes, hyphens).
    """
    index = NameIndex()
    for name in names:
        _add_name(index, name)
    return index


def _words(name: str) -> list[list[str]]:
    """The name's words as token lists, without titles, suffixes and initials."""
    words = []
    for word in fold(name).replace(",", " ").split():
        tokens = TOKEN.findall(word)
        bare = "".join(tokens)
        dropped = word_lists()["titles"] | word_lists()["suffixes"]
        if not tokens or bare in dropped or len(bare) == 1:
            continue
        words.append(tokens)
    return words


def _add_name(index: NameIndex, name: str) -> None:
    words = _words(name)
    if not words:
        return
    family_at = len(words) - 1
    while family_at > 1 and "".join(words[family_at - 1]) in word_lists()["particles"]:
        family_at -= 1
    given = [t for word in words[:family_at] for t in word]
    family = [t for word in words[family_at:] for t in word]
    index.add_phrase(given + family)
    index.add_phrase(given)
    index.add_phrase(family)
    if given:
        index.add_phrase(family + given)
        index.add_phrase(family[-1:] + given)
    for word in words:
        index.add_phrase(word)
        for token in word:
            index.add_single(token)
        if len(word) > 1:
            index.add_single("".join(word))
    for spelling in _other_spellings(name):
        index.add_single(spelling)


def _other_spellings(name: str) -> Iterable[str]:
    """``Mueller`` for ``Müller``, ``Aastrom`` for ``Åström``."""
    for word in name.lower().split():
        spelled = word.translate(_UMLAUTS)
        if spelled != word:
            yield from TOKEN.findall(fold(spelled))
