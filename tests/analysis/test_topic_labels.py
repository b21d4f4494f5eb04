"""Naming topics: how terms are used (thing_shares) and written (surface_forms).

Both read only the positions where a wanted term can end; these tests hold them to the
plain reading of every token, which is how they were first written.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from analysis.text import BOUNDARY
from analysis.topic_labels import LEADING_WORDS, surface_forms, thing_shares
from analysis.topic_terms import is_topic_word, topic_terms, topic_tokens

#: Topic words and others; "good" and "kind" are not topic words but share their stems
#: with "goods" and "kinds", which are.
WORDS = [
    "the",
    "our",
    "about",
    "ticket",
    "tickets",
    "handover",
    "handovers",
    "sales",
    "team",
    "teams",
    "customer",
    "service",
    "services",
    "late",
    "delayed",
    "approval",
    "approvals",
    "serious",
    "committing",
    "is",
    "was",
    "and",
    "it",
    "2024",
    "x42",
    "hello",
    "thanks",
    "portal",
    "portals",
    "access",
    "request",
    "requests",
    "budget",
    "weekly",
    "goods",
    "good",
    "kinds",
    "kind",
    "helpful",
    "help",
]


def _every_token_shares(texts, wanted):
    """thing_shares read token by token (the reference)."""
    after: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for text in texts:
        tokens, stems = topic_tokens(text)
        previous = None
        for i, (token, stem_) in enumerate(zip(tokens, stems, strict=True)):
            if token == BOUNDARY or not is_topic_word(token):
                previous = None
                continue
            led = i > 0 and tokens[i - 1] in LEADING_WORDS
            if stem_ in wanted:
                total[stem_] += 1
                after[stem_] += led
            if previous is not None:
                pair = f"{previous[0]} {stem_}"
                if pair in wanted:
                    total[pair] += 1
                    after[pair] += previous[1]
            previous = (stem_, led)
    return {term: after[term] / count for term, count in total.items()}


def _every_token_forms(texts, wanted):
    """surface_forms read token by token (the reference)."""
    seen: dict[str, Counter[str]] = {}
    for text in texts:
        tokens, stems = topic_tokens(text)
        previous = None
        for token, stem_ in zip(tokens, stems, strict=True):
            if token == BOUNDARY or not is_topic_word(token):
                previous = None
                continue
            if stem_ in wanted:
                seen.setdefault(stem_, Counter())[token] += 1
            if previous is not None:
                pair = f"{previous[1]} {stem_}"
                if pair in wanted:
                    seen.setdefault(pair, Counter())[f"{previous[0]} {token}"] += 1
            previous = (token, stem_)
    return {term: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for term, c in seen.items()}


def _corpus(rng: random.Random, n: int) -> list[str | None]:
    marks = [" ", " ", " ", ", ", ". ", "! "]
    texts: list[str | None] = [None, ""]
    for _ in range(n):
        words = rng.choices(WORDS, k=rng.randint(1, 14))
        texts.append("".join(w + rng.choice(marks) for w in words).strip())
    return texts


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_naming_reads_what_reading_every_token_reads(seed: int) -> None:
    rng = random.Random(seed)
    texts = _corpus(rng, 400)
    terms = sorted({t for text in texts for t in topic_terms(text)})
    for size in (1, 3, 8, 60):
        wanted = set(rng.sample(terms, min(size, len(terms)))) | {"nosuch", "nosuch term"}
        assert thing_shares(texts, wanted) == _every_token_shares(texts, wanted)
        assert surface_forms(texts, wanted) == _every_token_forms(texts, wanted)


def test_a_pair_is_led_by_the_word_before_its_first_word() -> None:
    texts = [
        "About the sales team.",  # "the" leads "sales team"
        "Sales team again",  # first word: nothing leads it
        "Our team, sales team",  # the pair after a comma: led by nothing
        "The sales. Team",  # a clause mark between: no pair
    ]
    shares = thing_shares(texts, {"sale team", "team"})
    assert shares == {"sale team": pytest.approx(1 / 3), "team": pytest.approx(1 / 5)}
    forms = surface_forms(texts, {"sale team", "team"})
    assert forms == {"sale team": "sales team", "team": "team"}


def test_terms_never_used_are_left_out() -> None:
    assert thing_shares(["Hello there", None, ""], {"ticket", "custom servic"}) == {}
    assert surface_forms(["Hello there", None, ""], {"ticket"}) == {}
