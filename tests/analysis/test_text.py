"""Tokenising, stemming and phrase matching (analysis.text)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from analysis.sentiment.labels import APOSTROPHES
from analysis.text import (
    _TRANSLATE,
    BOUNDARY,
    TOKEN_PATTERN,
    PhraseMatcher,
    analysed,
    compile_phrase,
    is_content_word,
    negated,
    normalise,
    stem,
    stems,
    stop_words,
    tokenize,
    words,
)


def test_normalise_unifies_quotes_dashes_and_case() -> None:
    assert normalise("IT\u2019s \u201cthe Department of No\u201d \u2014 again") == (
        'it\'s "the department of no" - again'
    )
    assert normalise(None) == ""
    assert normalise("\uff34\uff29\uff23\uff2b\uff25\uff34") == "ticket"  # full-width letters


@pytest.mark.parametrize(
    "text",
    [
        "plain ascii, no table character",
        "a `backtick` quote",  # the table's one ASCII character
        "\uff40full-width grave\uff40",  # NFKC makes it a backtick
        "caf\u00e9 \u2018quoted\u2019",
        "no\u00a0break",
        "\u2013 dash only",
        "",
    ],
)
def test_normalise_translates_exactly_as_the_whole_table(text) -> None:
    # ASCII text without a character of the table skips the translation: same result
    expected = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).lower()
    assert normalise(text) == expected


def test_every_apostrophe_the_scorers_read_is_read_as_one() -> None:
    # typed with ʼ (a letter) "donʼt" was one word, not the stop word "don't", and named
    # topics ("donʼt, forecast, phone"); with ´ or ՚ it was "don" and "t"
    for mark in APOSTROPHES:
        assert tokenize(f"They don{mark}t reply, it wasn{mark}t ready") == [
            "they",
            "don't",
            "reply",
            "it",
            "wasn't",
            "ready",
        ], hex(ord(mark))


def test_tokenize_keeps_contractions_drops_possessives_and_marks_clauses() -> None:
    assert tokenize("HR's team didn't reply. Again!") == [
        "hr",
        "team",
        "didn't",
        "reply",
        BOUNDARY,
        "again",
        BOUNDARY,
    ]
    assert tokenize("réunion à 9h") == ["réunion", "à", "9h"]
    assert words("Slow... very slow!") == ["slow", "very", "slow"]
    assert tokenize("") == [] and tokenize(None) == []


def _tokenize_one_by_one(text: str) -> list[str]:
    # the token loop as it was before the comprehension for text without "'s"
    out = []
    for token in re.findall(TOKEN_PATTERN, normalise(text)):
        if token[0] in ".!?;":
            token = BOUNDARY
        elif token.endswith("'s"):
            token = token[:-2]
        out.append(token)
    return out


@pytest.mark.parametrize(
    "text",
    [
        "HR's fine; Finance's isn't!",
        "it`s",
        "it\u2019s here",
        "the boss's boss",
        "'s",
        "s's",
        "ok... really?! yes;no",
        "no possessive here",
        "don't won't can't",
        "a.b!c?d;e",
        "ﬁle\u2019s",
        "Ⅻ's",
        "x's's",
        "",
    ],
)
def test_tokenize_without_possessives_is_the_token_loop(text) -> None:
    assert tokenize(text) == _tokenize_one_by_one(text)
    tokens, stemmed = analysed(text)
    assert list(tokens) == tokenize(text) and stemmed == tuple(stem(t) for t in tokens)


def test_stem_collapses_inflections_and_keeps_negators() -> None:
    assert {stem(w) for w in ["blame", "blamed", "blames", "blaming"]} == {"blame"}
    assert stem("escalated") == stem("escalation") == "escal"
    assert stem("never") == "never" and stem("didn't") == "didn't"
    assert stems("They blamed us") == ("they", "blame", "us")


def test_stems_follow_the_current_snowball_rules() -> None:
    # The current Snowball English rules (PyStemmer); NLTK's older copy gave "intern",
    # "ad" and "even", conflating unrelated words.
    assert [stem(w) for w in ("internal", "added", "evening", "generously")] == [
        "internal",
        "add",
        "evening",
        "generous",
    ]
    assert stem("intern") != stem("internal")


def test_stop_words_ship_with_the_package() -> None:
    words_ = stop_words()
    assert {"the", "and", "they", "not"} <= words_
    assert "budget" not in words_
    assert not is_content_word("the") and not is_content_word("2024")
    assert is_content_word("budget")


def test_compile_phrase_stems_and_trims_wildcards() -> None:
    assert compile_phrase("Went over * heads") == ("went", "over", "*", "head")
    assert compile_phrase("... escalated ... to the VP *") == ("escal", "...", "to", "the", "vp")
    assert compile_phrase("* ...") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They went over our heads again", ["heads"]),
        ("We escalated it straight to the VP", ["vp"]),
        ("We escalated to the VP", ["vp"]),
        ("escalated this whole sorry mess to the VP", []),  # gap longer than three words
        ("We escalated. To the VP nothing matters", []),  # never across a clause
        ("Throwing it over the wall", ["wall"]),
        ("over the walls", ["wall"]),
        ("nothing relevant here", []),
    ],
)
def test_phrase_matcher(text: str, expected: list[str]) -> None:
    matcher = PhraseMatcher(
        {
            "heads": ["went over * heads"],
            "vp": ["escalated ... to the VP"],
            "wall": ["over the wall"],
        }
    )
    assert [m.key for m in matcher.find(stems(text))] == expected


def test_matches_report_their_positions() -> None:
    matcher = PhraseMatcher({"k": ["their fault"]})
    found = matcher.find(stems("It is their fault, always their fault"))
    assert [(m.start, m.end) for m in found] == [(2, 4), (5, 7)]


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("They never helped us", "helped us", True),
        ("It wasn't really their fault", "their fault", True),
        ("Not great. They helped us", "helped us", False),
        ("They helped us", "helped us", False),
        ("No, honestly, after a long while they helped us", "helped us", False),
    ],
)
def test_negation_looks_back_within_the_clause(text: str, phrase: str, expected: bool) -> None:
    seq = stems(text)
    (match,) = PhraseMatcher({"p": [phrase]}).find(seq)
    assert negated(seq, match.start) is expected


def test_tokens_in_other_scripts_and_emoji() -> None:
    assert tokenize("Ça coûte ١٢٣ € — 日本語 OK ✌️out ❄️❄️!") == [
        "ça", "coûte", "١٢٣", "日本語", "ok", "out", ".",
    ]  # fmt: skip


def test_phrase_matcher_skips_comments_without_any_first_word() -> None:
    matcher = PhraseMatcher({"blame": ["their fault"], "no": ["department of no"]})
    assert matcher.find(stems("Lovely weather, nothing to report.")) == []
    assert [m.key for m in matcher.find(stems("It is always their fault."))] == ["blame"]
