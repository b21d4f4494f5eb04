"""Common given names and titled family names, found in a comment without HR's name list.

HR's list (:mod:`surveys.name_index`) knows the workspace's people; a comment can still name
someone missing from it ("Thanks to Priya in IT", "Dr Okafor listened"). This module finds:

- a *given name* of the built-in list (``surveys/data/given_names.txt``, some 6,000 names of
  many languages, rebuilt by ``scripts/build_given_names.py``), by how the name is written:

  ============== ========================================================================
  kind           redacted when
  ============== ========================================================================
  :data:`NAME`   capitalised (``Priya``), in capitals when four letters or more
                 (``PRIYA``; ``ANA``, ``EVA`` may be acronyms), or in lower case after a cue
  :data:`WORD`   a name that is also an English word (``Grace``, ``Mark``, ``Frank``):
                 capitalised and not the first word of a sentence, or after a cue
  :data:`AFTER_CUE`
                 usually something else at work (``May``, ``Line``, ``Ruby``, ``India``):
                 capitalised and right after a cue
  ============== ========================================================================

  A month name that is also a given name (``Jan``, ``Jun``, ``Sep``, ``May``) is a month
  next to a number or after a word such as ``since`` or ``by``, whatever its kind.
  A *cue* is a word that says a person is meant (``ask``, ``thanks``, ``told``, ``with``...,
  list ``[cues]``; ``to`` after a ``[talk words]`` word, as in "spoke to June"). After ``@``
  (a handle: ``@priya``, ``@may``) a built-in name is redacted in any case;
- a *family name* after a title (``Dr``, ``Mr.``, ``Mrs``, ``Ms``, ``Miss``, ``Prof``...):
  the capitalised word that follows (``Dr Okafor``);
- after either, and after a name from HR's list, the capitalised words that follow as the
  rest of the name (``Priya Raman``, ``Anna van der Berg``, ``O'Neill``), unless they are
  function words, cues, words of ``[after a cue]``, in capitals, or a department.

A department of the workspace (``Grace Ward``, ``Marketing``) is never redacted by these
rules, wherever it appears. Standard library only, like :mod:`surveys.personal_data`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources

from surveys.name_index import TOKEN, word_lists
from surveys.text_fold import FoldedText, fold

#: A built-in given name that is no English word.
NAME = "name"
#: A built-in given name that is also an English word.
WORD = "word"
#: A built-in given name that is usually something else in a workplace comment.
AFTER_CUE = "after a cue"
#: Titles before a family name (a subset of ``[titles]``: not ``Sir`` or ``Rev`` alone).
PERSONAL_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "herr", "frau", "mme", "mlle"}
)
_TITLE_GAP = re.compile(r"\.? {1,2}|\.")
_FAMILY_GAP = re.compile(r" |-|'")
_CUE_GAP = re.compile(r"[\s,:]{1,3}")
_SENTENCE_END = ".!?…:;\n\r•*"
_OPENERS = " \t\"'([“‘«"

Token = tuple[str, int, int]


@cache
def given_names() -> dict[str, str]:
    """The built-in given names (folded), each with its kind (:data:`NAME`, ...)."""
    text = resources.files("surveys").joinpath("data/given_names.txt").read_text("utf-8")
    kinds: dict[str, str] = {}
    kind = NAME
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line in ("[given]", "[given words]"):
            kind = NAME if line == "[given]" else WORD
        elif line:
            kinds[line] = kind
    lists = word_lists()
    for word in lists["common"] | lists["function"]:
        if kinds.get(word) == NAME:
            kinds[word] = WORD
    kinds.update(dict.fromkeys(lists["after a cue"] & kinds.keys(), AFTER_CUE))
    return kinds


@cache
def _lookup() -> frozenset[str]:
    """Every token that can start a find: the names and the titles."""
    return frozenset(given_names()) | PERSONAL_TITLES


def may_hold_given_names(words: Iterable[str]) -> bool:
    """Whether any folded token of ``words`` is a built-in name or a title (a quick test)."""
    return not _lookup().isdisjoint(words)


@lru_cache(maxsize=32)
def department_phrases(departments: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """The workspace's department names as folded token tuples (``("grace", "ward")``)."""
    return frozenset(t for t in (tuple(TOKEN.findall(fold(d))) for d in departments) if t)


@lru_cache(maxsize=32)
def _phrase_starts(phrases: frozenset[tuple[str, ...]]) -> frozenset[str]:
    return frozenset(phrase[0] for phrase in phrases)


def given_name_spans(
    folded: FoldedText,
    tokens: list[Token],
    taken: set[int],
    departments: tuple[str, ...] = (),
    words: set[str] | None = None,
) -> list[tuple[int, int]]:
    """Spans of the folded text (``[start, end)``) that the built-in rules redact.

    Parameters
    ----------
    folded : FoldedText
        The comment.
    tokens : list of (str, int, int)
        Its folded tokens with their folded offsets (:data:`surveys.name_index.TOKEN`).
    taken : set of int
        Indices of tokens already found (as names from HR's list): skipped here.
    departments : tuple of str
        The workspace's department names: their words are never redacted here.
    words : set of str, optional
        The set of the tokens' words, when the caller has it (a quicker test).
    """
    phrases = department_phrases(departments)
    starts = _phrase_starts(phrases)
    words = {t[0] for t in tokens} if words is None else words
    kept = set(taken)
    if not words.isdisjoint(starts):
        kept |= _department_tokens(tokens, phrases, starts)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if i in taken and i + 1 not in kept:  # a listed name: its unlisted family name
            last = _rest_of_name(folded, tokens, i, kept)
            if last > i:
                spans.append((tokens[i + 1][1], tokens[last][2]))
            i = last + 1
            continue
        first = None if i in kept else _name_at(folded, tokens, i, kept)
        if first is None:
            i += 1
            continue
        last = _rest_of_name(folded, tokens, first, kept)
        spans.append((tokens[first][1], tokens[last][2]))
        i = last + 1
    return spans


def _department_tokens(
    tokens: list[Token], phrases: frozenset[tuple[str, ...]], starts: frozenset[str]
) -> set[int]:
    kept: set[int] = set()
    for i, token in enumerate(tokens):
        if token[0] in starts:
            for phrase in phrases:
                end = i + len(phrase)
                if tuple(t[0] for t in tokens[i:end]) == phrase:
                    kept.update(range(i, end))
    return kept


def _name_at(folded: FoldedText, tokens: list[Token], i: int, kept: set[int]) -> int | None:
    """The index of the name found at token ``i`` (``i + 1`` after a title), or None."""
    word = tokens[i][0]
    if word in PERSONAL_TITLES and _capitalised(folded, tokens[i]):
        after = i + 1
        if (
            after < len(tokens)
            and after not in kept
            and _TITLE_GAP.fullmatch(folded.folded[tokens[i][2] : tokens[after][1]])
            and _capitalised(folded, tokens[after])
            and tokens[after][0] not in word_lists()["function"]
        ):
            return after
    kind = given_names().get(word)
    if kind is None:
        return None
    start = folded.start_of(tokens[i][1])
    if start > 0 and folded.original[start - 1] == "@":
        return i  # a handle, in any case: "@priya", "@may"
    if word in word_lists()["months"] and _a_date(tokens, i):
        return None  # "since Jan", "12 Jun 2026", "by May"
    cued = _after_cue(folded, tokens, i)
    capital = _capitalised(folded, tokens[i])
    if kind == NAME:
        shouted = capital and _all_capitals(folded, tokens[i])
        found = (capital and (not shouted or len(word) >= 4)) or cued
    elif kind == WORD:
        found = capital and (
            cued or not _all_capitals(folded, tokens[i]) and not _starts(folded, tokens[i])
        )
    else:
        found = capital and cued
    return i if found else None


def _rest_of_name(folded: FoldedText, tokens: list[Token], first: int, kept: set[int]) -> int:
    """The last token of the name starting at ``first``: the capitalised words that follow."""
    last, j = first, first + 1
    particles, function = word_lists()["particles"], word_lists()["function"]
    while j < len(tokens) and j not in kept:
        if not _FAMILY_GAP.fullmatch(folded.folded[tokens[j - 1][2] : tokens[j][1]]):
            break
        word = tokens[j][0]
        if word in particles and not _capitalised(folded, tokens[j]):
            j += 1  # "van der" before a capitalised family name
            continue
        if not _capitalised(folded, tokens[j]) or word in function or word in _cues():
            break
        if (
            given_names().get(word) == AFTER_CUE
            or len(word) > 1
            and _all_capitals(folded, tokens[j])
        ):
            break  # "Priya IT", "Anna Line Manager"
        last, j = j, j + 1
    return last


@cache
def _cues() -> frozenset[str]:
    return word_lists()["cues"]


def _after_cue(folded: FoldedText, tokens: list[Token], i: int) -> bool:
    if i == 0 or not _CUE_GAP.fullmatch(folded.folded[tokens[i - 1][2] : tokens[i][1]]):
        return False
    before = tokens[i - 1][0]
    if before in _cues():
        return True
    return before == "to" and i >= 2 and tokens[i - 2][0] in word_lists()["talk words"]


def _a_date(tokens: list[Token], i: int) -> bool:
    """Whether the month name at token ``i`` is part of a date: next to a number, or after a
    word such as "since" or "by"."""
    before = tokens[i - 1][0] if i else ""
    after = tokens[i + 1][0] if i + 1 < len(tokens) else ""
    number = before[:1].isdigit() or after[:1].isdigit()  # "Jan 5th", "2nd Jun"
    return number or before in word_lists()["date words"]


def _capitalised(folded: FoldedText, token: Token) -> bool:
    return folded.original[folded.start_of(token[1])].isupper()


def _all_capitals(folded: FoldedText, token: Token) -> bool:
    start, end = folded.span(token[1], token[2])
    return folded.original[start:end].isupper()


def _starts(folded: FoldedText, token: Token) -> bool:
    return starts_sentence(folded.original, folded.start_of(token[1]))


def starts_sentence(text: str, start: int) -> bool:
    """Whether ``text[start]`` begins a sentence (only openers lie before it since an end)."""
    before = start - 1
    while before >= 0 and text[before] in _OPENERS:
        before -= 1
    return before < 0 or text[before] in _SENTENCE_END
