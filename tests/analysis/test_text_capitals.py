"""Acronyms written in capitals (analysis.capitals): "IT" is not "it", "PM" not "3 pm".
Made-up comments only."""

from __future__ import annotations

import pytest

from analysis.capitals import as_written
from analysis.text import PhraseMatcher, compile_phrase, stems, tokenize


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("IT never answers", ["IT", "never", "answers"]),
        ("Thanks IT!", ["thanks", "IT", "."]),
        ("IT's queue is long", ["IT", "queue", "is", "long"]),
        ("Our PM keeps the roadmap", ["our", "PM", "keeps", "the", "roadmap"]),
        ("IT and HR", ["IT", "and", "hr"]),
        ("IT.", ["IT", "."]),
    ],
)
def test_an_acronym_written_in_capitals_is_its_own_word(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens
    assert "IT" in stems(text) or "PM" in stems(text)  # the stem keeps the capitals


@pytest.mark.parametrize(
    "text",
    [
        "It took weeks, fix it",  # the pronoun, however it starts a sentence
        "WHY DOES IT NEVER WORK",  # shouting: most of the clause is in capitals
        "PLEASE FIX IT",
        "IT'S BROKEN AGAIN",
        "ITEMS are late",  # a longer word
    ],
)
def test_the_pronoun_and_shouting_stay_the_stop_word(text: str) -> None:
    assert "IT" not in tokenize(text) and "ITEMS" not in tokenize(text)


@pytest.mark.parametrize(
    "text", ["Sent: Monday 3:04 PM", "Call at 3 PM", "Friday PM is fine", "at 10.30 PM"]
)
def test_pm_after_a_number_or_a_day_is_the_time(text: str) -> None:
    assert "pm" in tokenize(text) and "PM" not in tokenize(text)


def test_a_clause_of_capitals_elsewhere_does_not_hide_the_department() -> None:
    assert "IT" in tokenize("URGENT! IT never answered the ticket.")
    assert "IT" in tokenize("The IT team, the CRM and the VPN")


def test_a_phrase_in_lower_case_finds_both_and_one_in_capitals_only_the_department() -> None:
    assert compile_phrase("shadow IT") == ("shadow", "IT")
    matcher = PhraseMatcher({"lower": ["shadow it"], "upper": ["IT"]})
    assert [m.key for m in matcher.find(stems("We run shadow IT now"))] == ["lower", "upper"]
    assert [m.key for m in matcher.find(stems("we run shadow it now"))] == ["lower"]
    assert matcher.find(stems("it took three weeks")) == []
    # the match names the phrase as written, so a theme counts it once
    assert {m.phrase for m in matcher.find(stems("shadow it. shadow IT"))} == {
        ("shadow", "it"),
        ("IT",),
    }


def test_a_short_word_most_people_write_in_capitals_is_shown_so() -> None:
    texts = ["The CRM is down", "CRM access again", "crm login", "No SLAs agreed", "the VP"]
    forms = {"crm": "crm", "crm access": "crm access", "sla": "slas", "vp": "vp"}
    assert as_written(forms, texts) == {
        "crm": "CRM",
        "crm access": "CRM access",
        "sla": "SLAs",
        "vp": "VP",
    }


def test_only_comments_using_the_word_count_and_shouting_never_does() -> None:
    """A shouting comment is left out even where it writes the word in lower case, and a
    capital form inside another word ("CRMX", "ITEM") is no use of it."""
    texts = ["CRM down", "crm login", "crm again", "THE CRMX TOOL IS DOWN crm"]
    assert as_written({"crm": "crm"}, texts) == {"crm": "crm"}  # 1 of 2 counted uses
    texts = ["CRM down", "CRM login", "crm again", "THE TOOL IS DOWN AGAIN crm crm crm"]
    assert as_written({"crm": "crm"}, texts) == {"crm": "CRM"}
    assert as_written({"crm": "crm"}, ["CRMX is down", "ITEM crm"]) == {"crm": "crm"}


def test_a_word_mostly_written_otherwise_or_long_keeps_its_form() -> None:
    texts = ["LATE again", "late again", "late delivery", "DELIVERY late"]
    assert as_written({"late": "late", "deliveri": "delivery"}, texts) == {
        "late": "late",
        "deliveri": "delivery",
    }


def test_two_letters_joined_by_an_ampersand_are_one_word() -> None:
    # "R&D", "L&D", "A&E" name departments; their letters alone were one-letter words
    assert tokenize("R&D never hears from Sales") == ["r&d", "never", "hears", "from", "sales"]
    assert tokenize("Our L&D budget; A&E waits") == ["our", "l&d", "budget", ".", "a&e", "waits"]
    assert tokenize("salt&pepper, AT&T") == ["salt", "pepper", "at", "t"]  # not two letters
    assert as_written({"r&d": "r&d team"}, ["The R&D team", "R&D again"]) == {"r&d": "R&D team"}


@pytest.mark.parametrize(
    "text",
    [
        "The AM and PM shifts never overlap",
        "AM/PM handover is a mess",
        "Ops covers the PM shift alone",
        "PM shifts get no IT support",
    ],
)
def test_pm_of_a_shift_is_the_afternoon(text: str) -> None:
    assert "PM" not in tokenize(text)


def test_pm_beside_other_words_is_still_the_manager() -> None:
    assert "PM" in tokenize("Our PM and the AM team lead disagree")  # "AM" not just before
    assert "PM" in tokenize("The PM shifted the deadline again")


def test_a_long_comment_of_acronyms_is_read_in_one_pass(monkeypatch) -> None:
    """Each acronym looked at its whole clause again: a 5,000-character comment of "IT"s
    without a full stop took most of a second (quadratic). Counted, not timed."""
    import re

    from analysis import capitals

    looks = []

    class Counting:
        def findall(self, text: str) -> list[str]:
            looks.append(text)
            return re.findall(r"[A-Za-z]+", text)

    monkeypatch.setattr(capitals, "_WORD", Counting())
    text = "IT team " * 600 + "waits. PLEASE FIX IT NOW"
    tokens = tokenize(text)
    assert tokens.count("IT") == 600 and tokens[-2:] == ["it", "now"]
    assert len(looks) <= 2 * len(tokens)


def test_comments_shouted_in_capitals_do_not_put_a_label_in_capitals() -> None:
    texts = ["EVERYTHING IS LATE AGAIN", "LATE DELIVERIES, AGAIN", "deliveries late again"]
    texts += ["The CRM is down", "CRM DOWN AGAIN"]
    forms = {"late": "late", "deliveri": "deliveries", "crm": "crm"}
    assert as_written(forms, texts) == {"late": "late", "deliveri": "deliveries", "crm": "CRM"}


def test_only_a_text_with_an_ampersand_tries_the_joined_letters(monkeypatch) -> None:
    """Trying "R&D" at every word made every comment slower to read (measured in
    bench/tokenize_bench.py); a text without "&" is read by the plain pattern."""
    from analysis import text as text_module

    used = []
    full = text_module._TOKEN

    class Recording:
        def findall(self, text: str) -> list[str]:
            used.append(text)
            return full.findall(text)

    monkeypatch.setattr(text_module, "_TOKEN", Recording())
    assert tokenize("The IT team is slow.") == ["the", "IT", "team", "is", "slow", "."]
    assert used == []
    assert tokenize("R&D and IT never talk") == ["r&d", "and", "IT", "never", "talk"]
    assert len(used) == 2  # read as written and in lower case
