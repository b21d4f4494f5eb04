"""Shortcuts of the redaction that must give what the plain code gives: the quick tests in
front of the link and IPv4 patterns ([^\\W_]\\.[^\\W\\d_]{2}, \\d\\.\\d) and the folding of
ASCII text."""

from __future__ import annotations

import re

import pytest

from bench.distinct_comments import distinct_comments
from surveys import personal_data, text_fold
from surveys.text_fold import FoldedText, fold

PLAIN_DOMAIN = re.compile(r"[^\W_]\.[^\W\d_]{2}")
PLAIN_DIGIT_DOT_DIGIT = re.compile(r"\d\.\d")

TRICKY = [
    "", ".", "..", "a.", ".ab", "a.ab", "a.a", "a.a1", "_.ab", "1.ab", "a.1b", "a..ab", "a._b",
    "e.g. this", "i.e.", "end. Next", "end.Next", "x.y", "é.ab", "ß.de", "a.éü", "a.ß1", "1.2",
    "a1.2b", "1..2", ".1", "1.", "١.٢", "٣.x", "3.5 days", "v1.2.3", "10.0.0.1", "a\n.ab",
    "a.\nab", "a .ab", "a. ab", "\u00b2.ab", "x\u0301.ab", "ab.\u0301b", "Ⅻ.ab", "A.B.",
    "mail@example.com", "www.example.org", "see example.co.uk/path", "no dots here at all",
]  # fmt: skip


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return TRICKY + [fold(t) for t in TRICKY] + distinct_comments(3000, seed=3)


def test_the_domain_quick_test_passes_the_same_texts(texts) -> None:
    quick = personal_data._LINKS[4][0]
    for text in texts:
        assert bool(quick.search(text)) == bool(PLAIN_DOMAIN.search(text)), text


def test_the_ipv4_quick_test_passes_the_same_texts(texts) -> None:
    for text in texts:
        quick = personal_data._DIGIT_DOT_DIGIT.search(text)
        assert bool(quick) == bool(PLAIN_DIGIT_DOT_DIGIT.search(text)), text


def test_links_and_addresses_are_still_found() -> None:
    text = "Mail jo@example.com, see www.example.org or example.co.uk/x and 10.0.0.1 today."
    kinds = [f.kind for f in personal_data.find_personal_data(text)]
    assert kinds == ["email", "link", "link", "link"]


@pytest.mark.parametrize("text", ["it`s", "``", "Plain ASCII.", "", "A`B-C'D", "x" * 50 + "`"])
def test_ascii_folding_is_the_whole_table(text) -> None:
    expected = text.lower().translate(text_fold._PLAIN)
    assert fold(text) == expected
    assert FoldedText(text).folded == expected


def test_a_translator_is_str_translate_and_refuses_tables_it_would_apply_differently() -> None:
    table = str.maketrans({"`": "'", "\u2019": "'", "\u2013": "-"})
    translate = text_fold.Translator(table)
    for text in ["it`s", "plain", "", "it\u2019s \u2013 `x`", "``"]:
        assert translate(text) == text.translate(table), text
    with pytest.raises(ValueError, match="replacement holds a key"):
        text_fold.Translator(str.maketrans({"`": "'", "'": '"'}))  # ` -> ' -> " in turn
