"""Skipping a rule whose literal text is missing never changes what the rules find."""

from __future__ import annotations

import csv
import pickle
import re
from dataclasses import replace
from pathlib import Path

import pytest

from analysis.sentiment import scoring
from analysis.sentiment.fast import FastScorer, _token_set, _trigger_words, join_tokens
from analysis.sentiment.rule_needs import compile_needs, literal_needs, may_match
from bench.distinct_comments import distinct_comments

DATA = Path(__file__).resolve().parents[2] / "analysis" / "data"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    found = []
    for path in sorted(DATA.glob("workplace_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            found.extend(row["text"] for row in csv.DictReader(handle))
    return found + distinct_comments(3000, seed=7)


def _without_needs(scorer: FastScorer) -> FastScorer:
    rules = []
    for rule in scorer.rules:
        copy = replace(rule)
        object.__setattr__(copy, "needs", None)  # always tried, as before the shortcut
        rules.append(copy)
    return FastScorer(scorer.lexicon, scorer.t, rules)


def test_every_match_of_every_rule_meets_its_needs(texts) -> None:
    scorer = scoring.rapport_scorer()
    assert sum(rule.needs is not None for rule in scorer.rules) > 0.9 * len(scorer.rules)
    tried = skipped = 0
    for text in texts:
        joined, _ = join_tokens([w.lower() for w in scorer.tokenise(text)])
        for rule in scorer.rules:
            if rule.needs is None:
                continue
            tried += 1
            if not may_match(rule.needs, joined):
                skipped += 1
                assert rule.pattern.search(joined) is None, (rule.name, text)
    assert skipped > 0.9 * tried  # most comments skip most rules


def test_scores_are_the_same_with_and_without_the_shortcut(texts) -> None:
    fast = scoring.rapport_scorer()
    plain = _without_needs(fast)
    assert all(rule.needs is None for rule in plain.rules)
    assert [fast.polarity_scores(t) for t in texts] == [plain.polarity_scores(t) for t in texts]
    assert [fast.matched_rules(t) for t in texts] == [plain.matched_rules(t) for t in texts]


def test_each_alternative_needs_its_own_words() -> None:
    needs = literal_needs(re.compile(r"\bquick to (?:approve|sort)\b|\bspot on\b|\bkept \S+ going"))
    assert needs is not None
    assert may_match(needs, "they were quick to approve it")
    assert may_match(needs, "spot on")
    assert may_match(needs, "kept everything going")
    assert not may_match(needs, "quick to answer")  # neither approve nor sort
    assert not may_match(needs, "kept it up")  # no " going"
    assert may_match(needs, "kept going")  # pieces are checked apart: the expression decides


@pytest.mark.parametrize(
    "pattern",
    [
        r"\d+ \w+|late",  # an alternative without usable literal text
        r"(?i)no reply",  # case-insensitive
        r"(?:a|b) c",  # only short literals
    ],
)
def test_unknown_needs_mean_the_rule_is_always_tried(pattern) -> None:
    assert literal_needs(re.compile(pattern)) is None


def test_compiled_needs_answer_as_may_match(texts) -> None:
    scorer = scoring.rapport_scorer()
    odd = ["", " ", "it's", "don't \"quoted\" 'single'", "back\\slash", "a\nb", "ünïcode"]
    for rule in scorer.rules:
        if rule.needs is None:
            continue
        check = compile_needs(rule.needs)
        literals = [lit for pieces in rule.needs for piece in pieces for lit in piece]
        for text in [*odd, *literals, " ".join(literals), *texts[:500]]:
            joined, _ = join_tokens([w.lower() for w in scorer.tokenise(text)])
            for candidate in (text, joined):
                assert check(candidate) is may_match(rule.needs, candidate), (rule.name, text)


@pytest.mark.parametrize(
    "needs",
    [(), ((),), (((),),), ((("a",),),), ((("a", "b"), ("c",)), (("d",),)), ((("x'y", '"q\\'),),)],
)
def test_compiled_needs_of_edge_cases(needs) -> None:
    check = compile_needs(needs)
    for text in ["", "a", "b", "c", "ac", "bc", "d", "x", "x'y", '"q\\', "x'y \"q\\"]:
        assert check(text) is may_match(needs, text), (needs, text)


TRICKY_TOKENS = [
    "no", "no-one", "(too", "too)", "don't", "can't", "n't", "won't!", "e-mail", "last-minute",
    "snake_case", "_no", "no_", "x²", "①", "٣", "e\u0301", "é", "naïve", "ＮＯ", "no'", "'no",
    "o'clock", "rock'n'roll", "i'd", "we'd", "", "a'b'c", "time-saver", "sign-offs",
]  # fmt: skip


def test_trigger_words_are_those_of_the_token_set(texts) -> None:
    scorer = scoring.rapport_scorer()
    triggers = scorer._triggers | {"x²", "①", "٣", "é", "naïve", "snake", "case", "o'clock", "n't"}
    lists = [[t] for t in TRICKY_TOKENS] + [TRICKY_TOKENS]
    lists += [[w.lower() for w in scorer.tokenise(text)] for text in texts]
    for tokens in lists:
        joined, _ = join_tokens(tokens)
        assert _trigger_words(joined, triggers) == _token_set(joined) & triggers, tokens


def test_a_pickled_scorer_scores_the_same(texts) -> None:
    scorer = scoring.rapport_scorer()
    copy = pickle.loads(pickle.dumps(scorer))
    sample = texts[:2000]
    assert [copy.polarity_scores(t) for t in sample] == [scorer.polarity_scores(t) for t in sample]
    assert [copy.matched_rules(t) for t in sample] == [scorer.matched_rules(t) for t in sample]
