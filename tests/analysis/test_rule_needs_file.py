"""The workplace rules' literal needs shipped beside them: current, and only a shortcut."""

from __future__ import annotations

import json
import re

import pytest

from analysis.sentiment import lexicon, rule_needs, rule_words
from analysis.sentiment.lexicon import WORKPLACE_RULE_NEEDS, WORKPLACE_RULES, parse_rules


@pytest.fixture()
def fresh_rules():
    lexicon.workplace_rules.cache_clear()
    yield
    lexicon.workplace_rules.cache_clear()


def test_the_shipped_needs_are_those_of_the_shipped_rules() -> None:
    regexes = lexicon.rule_regexes(lexicon._data_text(WORKPLACE_RULES))
    shipped = json.loads(lexicon._data_text(WORKPLACE_RULE_NEEDS))
    assert shipped == rule_needs.needs_table(regexes), (
        f"{WORKPLACE_RULE_NEEDS} is out of date: run scripts/update_rule_needs.py"
    )
    known = lexicon.shipped_needs()
    assert len(known) >= len(regexes) - 2
    for regex in regexes:
        assert known.get(regex) == rule_needs.literal_needs(re.compile(regex))
    words = lexicon.shipped_words()
    assert set(words) == set(regexes)
    for regex in regexes:
        assert words[regex] == rule_words.word_needs(re.compile(regex))


def test_the_scorer_takes_the_shipped_needs_instead_of_parsing_again(
    fresh_rules, monkeypatch
) -> None:
    worked_out: list[str] = []
    real = lexicon.literal_needs

    def counted(pattern):
        worked_out.append(pattern.pattern)
        return real(pattern)

    monkeypatch.setattr(lexicon, "literal_needs", counted)
    monkeypatch.setattr(lexicon, "word_needs", counted)  # none: the file says which have none
    rules = lexicon.workplace_rules()
    assert len(rules) > 80 and len(worked_out) <= 2  # those whose needs are unknown (None)
    assert all(r.needs == real(r.pattern) for r in rules)
    assert all(r.words == rule_words.word_needs(r.pattern) for r in rules)
    assert sum(r.words is not None for r in rules) > 0.75 * len(rules)


@pytest.mark.parametrize(
    "content",
    [
        '{"version": 0, "needs": {}}',
        "not json",
        '{"version": 1, "needs": {}}',
        '{"version": 2, "needs": [1], "words": [1]}',
        "[]",
    ],
)
def test_a_file_of_another_version_or_broken_is_passed_over(
    fresh_rules, monkeypatch, content
) -> None:
    expected = [
        (r.name, r.needs, r.words) for r in parse_rules(lexicon._data_text(WORKPLACE_RULES))
    ]
    real = lexicon._data_text
    monkeypatch.setattr(
        lexicon, "_data_text", lambda name: content if name == WORKPLACE_RULE_NEEDS else real(name)
    )
    assert lexicon.shipped_needs() == {} and lexicon.shipped_words() == {}
    assert [(r.name, r.needs, r.words) for r in lexicon.workplace_rules()] == expected


def test_a_rule_missing_from_the_file_has_its_needs_worked_out() -> None:
    text = "patterns:\n  - {name: x, regex: '\\bslow (?:reply|answer)', valence: -1}\n"
    (rule,) = parse_rules(text, known=lexicon.shipped_needs())
    assert rule.pattern.pattern not in lexicon.shipped_needs()
    assert rule.needs is not None and rule.needs == rule_needs.literal_needs(rule.pattern)
    assert rule.words == ((("slow",),),) == rule_words.word_needs(rule.pattern)


@pytest.mark.parametrize("entry", [[], [[]], [[[]]], [[[""]]], "alarm", [["alarm"]], [[[1]]]])
def test_a_malformed_entry_of_the_current_version_skips_no_rule(
    fresh_rules, monkeypatch, entry
) -> None:
    # an entry of no alternative (or a piece of no word) made the rule's check always
    # false: the rule was never tried and its phrases silently stopped counting; a word
    # list written as a string was read letter by letter
    regexes = lexicon.rule_regexes(lexicon._data_text(WORKPLACE_RULES))
    broken = {"version": rule_needs.NEEDS_VERSION, "needs": {}, "words": {}}
    for regex in regexes:
        broken["needs"][regex] = broken["words"][regex] = entry
    expected = [
        (r.name, r.needs, r.words) for r in parse_rules(lexicon._data_text(WORKPLACE_RULES))
    ]
    real = lexicon._data_text
    content = json.dumps(broken)
    monkeypatch.setattr(
        lexicon, "_data_text", lambda name: content if name == WORKPLACE_RULE_NEEDS else real(name)
    )
    assert [(r.name, r.needs, r.words) for r in lexicon.workplace_rules()] == expected
