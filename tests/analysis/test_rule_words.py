"""Skipping a rule whose whole words are missing never changes what the rules find; the
shortcuts together give exactly the scores of trying every rule whose trigger word occurs
(a rule's triggers are part of what it means: a rule is never tried without one)."""

from __future__ import annotations

import csv
import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from analysis.sentiment import scoring
from analysis.sentiment.fast import FastScorer, join_tokens
from analysis.sentiment.rule_words import compile_words, text_words, word_needs
from bench.distinct_comments import distinct_comments
from surveys.demo_story import STORIES
from surveys.demo_text import CommentWriter, phrases

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def _fixture_comments() -> list[str]:
    """Every cell of the test fixtures' CSV files that reads as a sentence (exports in
    several encodings: bytes that are not UTF-8 are replaced)."""
    found = []
    for path in sorted(FIXTURES.rglob("*.csv")):
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            found.extend(cell for row in csv.reader(handle) for cell in row if " " in cell)
    return found


def _demo_comments(count: int) -> list[str]:
    writer = CommentWriter(random.Random(11))
    rng = random.Random(5)
    targets = sorted({target for _source, target in STORIES})
    topics = [None, *sorted(phrases()["topics"])]
    tones = ("negative", "mixed", "positive")
    return [
        writer.write(rng.choice(targets), rng.choice(topics), rng.choice(tones))
        for _ in range(count)
    ]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    found = _fixture_comments()
    assert len(found) > 100
    for path in sorted((ROOT / "analysis" / "data").glob("workplace_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            found.extend(row["text"] for row in csv.DictReader(handle))
    return found + _demo_comments(1500) + distinct_comments(2000, seed=11)


def _every_triggered_rule_tried(scorer: FastScorer) -> FastScorer:
    rules = [replace(rule, needs=None, words=None) for rule in scorer.rules]
    for copy in rules:
        object.__setattr__(copy, "needs", None)  # Rule works needs out when given None
    return FastScorer(scorer.lexicon, scorer.t, rules)


def test_scores_are_those_of_trying_every_triggered_rule(texts) -> None:
    fast = scoring.rapport_scorer()
    slow = _every_triggered_rule_tried(fast)
    assert all(r.needs is None and r.words is None for r in slow.rules)
    assert [fast.polarity_scores(t) for t in texts] == [slow.polarity_scores(t) for t in texts]
    assert [fast.matched_rules(t) for t in texts] == [slow.matched_rules(t) for t in texts]
    assert sum(bool(fast.matched_rules(t)) for t in texts) > len(texts) / 3


def test_every_match_of_every_rule_meets_its_words(texts) -> None:
    scorer = scoring.rapport_scorer()
    assert sum(rule.words is not None for rule in scorer.rules) > 0.75 * len(scorer.rules)
    checks = [(rule, compile_words(rule.words)) for rule in scorer.rules if rule.words]
    tried = skipped = 0
    for text in texts:
        joined, _ = join_tokens([w.lower() for w in scorer.tokenise(text)])
        words = text_words(joined)
        for rule, check in checks:
            tried += 1
            if not check(words):
                skipped += 1
                assert rule.pattern.search(joined) is None, (rule.name, text)
    assert skipped > 0.9 * tried


def test_a_long_word_list_is_one_piece_and_skips_the_rule() -> None:
    # no_response's sixty-odd verbs are too many substrings to test one by one; as whole
    # words they are one set, and a "not" without any of them never runs the expression.
    scorer = scoring.rapport_scorer()
    (rule,) = [r for r in scorer.rules if r.name == "no_response"]
    assert rule.words is not None and all(any("answer" in p for p in b) for b in rule.words)
    joined = "it is not the budget we worry about"
    assert rule.pattern.search(joined) is None
    assert rule not in scorer.candidate_rules(joined)
    assert rule in scorer.candidate_rules("they never answer our emails")


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\bno ?(?:an )?problems?\b", "noproblem here"),  # "no" need not end a run
        (r"\bfire alarms?\b", "fire alarms"),  # "alarm" is followed by "s?"
        (r"\b(?:ab|cd)ef\b", "abef"),  # the group's words go on
        (r"\b(?:ab|cd)(?:ef)?\b", "cdef"),
        (r"\bkept \S+ going", "kept everything going"),
        (r"slow (?:reply|answer)", "noslow reply"),  # no boundary before "slow"
        (r"(?i)\bslow\b", "SLOW"),
        (r"(?a)\bcafé\b", "cafés"),
    ],
)
def test_words_are_kept_only_where_a_boundary_is_certain(pattern, text) -> None:
    compiled = re.compile(pattern)
    assert compiled.search(text)
    needs = word_needs(compiled)
    assert needs is None or compile_words(needs)(text_words(text)), needs


def test_words_found_between_boundaries_and_spaces() -> None:
    needs = word_needs(
        re.compile(r"\b(?:never|not) (?:even )?(?:\S+ )?(?:reply|answer)(?: back)?\b")
    )
    # the parser makes the leading alternation the pattern's: one alternative per word
    assert needs == ((("answer", "reply"), ("never",)), (("answer", "reply"), ("not",)))
    needs = word_needs(re.compile(r"\bspot on\b|\b(?:lack of|no) (?:support|help)\b"))
    assert needs == ((("on",), ("spot",)), (("help", "support"), ("lack", "no")))


@pytest.mark.parametrize(
    "needs",
    [
        (),
        ((("a",),),),
        ((("a", "b"), ("c",)), (("d",),)),
        ((("a",), ("b",)), (("a",), ("c",)), (("a",),)),
        ((("a",), ("b",)), (("a",), ("c", "d"), ("e",)), (("f",),)),
    ],
)
def test_compiled_words_answer_as_the_plain_test(needs) -> None:
    check = compile_words(needs)
    universe = sorted({w for pieces in needs for piece in pieces for w in piece} | {"z"})
    for size in range(len(universe) + 1):
        for _ in range(30):
            words = set(random.Random(size).sample(universe, size))
            plain = any(all(not words.isdisjoint(p) for p in pieces) for pieces in needs)
            assert check(words) is plain, (needs, words)


TRICKY = [
    "no", "no-one", "(too", "don't", "e-mail", "snake_case", "x²", "①", "٣", "e\u0301",
    "naïve", "ＮＯ", "o'clock", "", "time-saver", "ab12", "12",
]  # fmt: skip


def test_the_scorers_words_are_the_runs_of_the_text() -> None:
    # when every token is letters and digits the tokens are the runs; otherwise they are
    # searched for: either way a rule's words are tested against the text's runs
    stock = scoring.rapport_scorer()
    seen: list[set[str]] = []

    def spy(words: set[str]) -> bool:
        seen.append(set(words))
        return False

    rule = replace(stock.rules[0], triggers=frozenset())
    scorer = FastScorer(stock.lexicon, stock.t, [rule])
    scorer._gates = ((rule, spy, None),)
    for tokens in [[t] for t in TRICKY] + [TRICKY, ["plain", "words", "only"]]:
        seen.clear()
        joined, _ = join_tokens(tokens)
        assert scorer._candidates(tokens, joined) == []
        assert seen == [text_words(joined)], tokens


#: What adversarial texts glue the rules' own words with: apostrophes straight and curly,
#: hyphens and dashes, underscores, letters and digits that are word characters (é, ß, ²,
#: ①), a combining accent and a joiner that are not, a no-break space, and nothing at all.
GLUE = [
    " ", " ", " ", "-", "'", "\u2019", "_", "", "é", "2", "\u0301", ".", ",", "/", " (",
    ") ", "s ", "n't ", "ß", "\u0130", "\u200d", "\u00a0", "²", "①", "\u2013",
]  # fmt: skip


def test_adversarial_texts_of_the_rules_own_words_skip_no_rule_that_matches() -> None:
    scorer = scoring.rapport_scorer()
    vocabulary: set[str] = set()
    for rule in scorer.rules:
        vocabulary |= rule.triggers
        for needs in (rule.words or ()) + (rule.needs or ()):
            vocabulary |= {word for piece in needs for word in piece}
    words_of = sorted(vocabulary)
    rng = random.Random(2)
    everything_tried = _every_triggered_rule_tried(scorer)
    for _ in range(3000):
        glued = "".join(rng.choice(words_of) + rng.choice(GLUE) for _ in range(rng.randint(1, 7)))
        lowered = glued.lower().split()
        joined = " ".join(lowered)
        kept = scorer._candidates(lowered, joined)
        for rule in everything_tried._candidates(lowered, joined):
            if rule.pattern.search(joined):
                assert any(k.name == rule.name for k in kept), (rule.name, joined)


def _random_pattern(rng: random.Random, depth: int = 0) -> str:
    words = ["ab", "a", "b", "ba", "é", "a_b", "1", "ab1"]
    parts = []
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if depth > 2 or roll < 0.3:
            parts.append(rng.choice(words))
        elif roll < 0.4:
            parts.append(r"\b" + rng.choice(words) + rng.choice([r"\b", " ", "-", "'", ""]))
        elif roll < 0.5:
            parts.append(rng.choice([r"\b", " ", "'", r"\s", r"\S", "[a']", r"\B", "(?=a)",
                                     "(?<! )", "(?!b)", "$", "^", "."]))  # fmt: skip
        elif roll < 0.7:
            branches = [_random_pattern(rng, depth + 1) for _ in range(rng.randint(1, 3))]
            parts.append("(?:" + "|".join(branches) + ")")
        elif roll < 0.85:
            repeat = rng.choice(["?", "*", "+", "{0,2}", "??", "{1,2}", "*+", "?+"])
            parts.append("(?:" + _random_pattern(rng, depth + 1) + ")" + repeat)
        else:
            parts.append(rng.choice(["(", "(?>"]) + _random_pattern(rng, depth + 1) + ")")
    return "".join(parts)


def test_random_expressions_never_miss_a_match_for_their_words() -> None:
    # groups, alternations, optional and possessive repeats, atomic groups, lookarounds,
    # \b and \B, classes and anchors around words with underscores, digits and é
    rng = random.Random(3)
    letters = ["ab", "a", "b", "ba", "é", "a_b", "1", "ab1", "_", " ", "'", "-", "\u0301"]
    kept = matched = 0
    while kept < 1500:
        pattern = _random_pattern(rng)
        if rng.random() < 0.3:
            pattern += "|" + _random_pattern(rng)
        needs = word_needs(re.compile(pattern))
        if not needs:
            continue
        kept += 1
        check = compile_words(needs)
        for _ in range(100):
            text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 8)))
            if re.search(pattern, text):
                matched += 1
                assert check(text_words(text)), (pattern, text, needs)
    assert matched > 300
