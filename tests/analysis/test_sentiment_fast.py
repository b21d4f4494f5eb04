"""The fast path gives exactly NLTK's scores (compound and neg/neu/pos), and Rapport's reference
scores (NLTK's valence code with the workplace lexicon and rules)."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
from nltk.sentiment.vader import SentiText, VaderConstants

from analysis import sentiment
from analysis.sentiment import model as learned
from analysis.sentiment import scoring
from analysis.sentiment.fast import fold_apostrophes
from tests.analysis.nltk_reference import nltk_stock
from tests.conftest import SHARED

GT = SHARED / "data" / "vader_gt"

# Tokens that exercise every branch of VADER: boosters, negations (with and without
# apostrophes), "least", "kind of", "never so", idioms, ALL CAPS, punctuation at word
# edges, emoticons, "but", and Rapport's rule words.
_WORDS = (
    "good great GREAT bad terrible not isn't never so this very extremely barely kind of "
    "least at the shit bomb cut mustard kiss death yeah right hand to mouth sort-of but "
    "BUT :) :( good! bad, (good) 'great' \"bad\" !!! ?? ? ! love hate help helpful "
    "ain't cannot Never So slow.. ...slow sort of fix fixed NOT VERY happy sad meh okay"
)
VOCABULARY = tuple(_WORDS.split(" "))
PHRASES = (
    "no support",
    "too many meetings",
    "three weeks for a report change",
    "still waiting",
    "nobody knows",
    "without any warning",
    "ahead of schedule",
    "in the loop",
    "they never answer",
    "long hours, low pay",
    "share a printer",
    "it would help to",
    "great, another",
    "as always",
    "just what we needed",
    "no complaints",
    "I appreciate that, but",
    "was postponed",
)


def generated_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    chunks = list(VOCABULARY) * 2 + list(PHRASES)
    return [" ".join(rng.choices(chunks, k=rng.randint(1, 14))) for _ in range(count)]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    handpicked = [
        "",
        "!!",
        "a",
        "kind of good",
        "It was at least good, not the least bad",
        "Never so good. never this bad, NEVER so GREAT!!!",
        "The food was the shit but the service was terrible??",
        "He can't cut the mustard; it's a kiss of death :(",
        "GOOD good good, BAD",
        "not good but good; kind of good, very good good KIND of bad kind",  # repeats
        "no lexicon word in this line at all",
        "'word' word, ,word word!? !?!word",
        "(hello) hello, don't. a-b ab -- ''x'' x.. ..x x!? ?!x ab! !ab 'ab' ab' 'ab",
        "e-mail, e-mail; (e-mail) ok.. ok... !ok a. .a ab.cd ab.cd. x,y, :) :-) ;-) :D",
        "caf\u00e9! \u00abcaf\u00e9\u00bb caf\u00e9\u2026 \u2018no\u2019, no!! no?! ?no",
    ]
    return handpicked + generated_texts(3000, seed=7)


def test_tokeniser_matches_nltk(texts):
    constants = VaderConstants()

    for text in texts:
        # NLTK's tokens of the text as Rapport reads it: typographic apostrophes as '
        folded = fold_apostrophes(text)
        expected = SentiText(folded, constants.PUNC_LIST, constants.REGEX_REMOVE_PUNCTUATION)
        assert sentiment.rapport_analyzer().scorer.tokenise(text) == expected.words_and_emoticons


def test_stock_compound_is_nltks_exactly(texts):
    stock, reference = sentiment.stock_analyzer(), nltk_stock()
    mismatches = [t for t in texts if stock.compound(t) != reference.polarity_scores(t)["compound"]]
    assert mismatches == []


def test_rapport_compound_equals_its_reference_path(texts):
    analyzer = sentiment.rapport_analyzer()
    mismatches = [
        t for t in texts if analyzer.compound(t) != analyzer.polarity_scores(t)["compound"]
    ]
    assert mismatches == []
    # The generated texts do reach the rules and lexicon words this test is about.
    assert sum(bool(analyzer.matched_rules(t)) for t in texts) > 1000


def test_score_texts_gives_each_texts_own_score(texts):
    # De-duplication, the cache and chunking change no score: a text scored alone (with
    # whitespace collapsed) gets the same score.
    sentiment.clear_cache()
    scorer, model = sentiment.rapport_analyzer().scorer, learned.load_model()
    expected = [learned.score_with(scorer, model, [scoring.normalise(t)])[0] for t in texts]
    assert sentiment.score_texts(texts) == expected


def test_pool_workers_score_exactly_like_one_process(texts, monkeypatch):
    one = sentiment.score_texts(texts)
    sentiment.clear_cache()
    monkeypatch.setattr(scoring, "POOL_THRESHOLD", 1)
    monkeypatch.setattr(scoring, "CHUNK", 500)
    seen = []
    assert sentiment.score_texts(texts, progress=lambda f, m: seen.append(f)) == one
    assert seen[-1] == 1.0 and len(seen) > 3


def test_worker_side_imports_no_nltk():
    # What a spawned pool worker imports to unpickle the scorer and score: no NLTK (seconds).
    code = (
        "import pickle, sys; import analysis.sentiment.fast as f; "
        "import analysis.sentiment.lexicon; import analysis.sentiment.model as m; "
        "m.init_worker(None); m.load_model(); "
        "assert 'nltk' not in sys.modules, sorted(m for m in sys.modules if 'nltk' in m)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_stock_polarity_scores_are_nltks_exactly(texts):
    stock, reference = sentiment.stock_analyzer().scorer, nltk_stock()
    mismatches = [t for t in texts if stock.polarity_scores(t) != reference.polarity_scores(t)]
    assert mismatches == []
    # neg/neu/pos are really exercised (not all zero) and compound agrees with the fast path
    assert sum(stock.polarity_scores(t)["neg"] > 0 for t in texts) > 1000
    assert all(stock.polarity_scores(t)["compound"] == stock.compound(t) for t in texts)


def test_rapport_polarity_scores_equal_the_reference_path(texts):
    analyzer = sentiment.rapport_analyzer()
    mismatches = [
        t for t in texts if analyzer.scorer.polarity_scores(t) != analyzer.polarity_scores(t)
    ]
    assert mismatches == []


def _ground_truth_texts() -> list[str]:
    texts = []
    for path in sorted(GT.glob("*_GroundTruth.txt")):
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            for line in handle:
                fields = line.rstrip("\r\n").split("\t")
                if len(fields) >= 3:
                    texts.append(fields[2])
    return list(dict.fromkeys(texts))


@pytest.mark.slow
@pytest.mark.skipif(not GT.is_dir(), reason=f"VADER ground-truth sets not found at {GT}")
def test_polarity_scores_on_vader_ground_truth_are_exact():
    texts = _ground_truth_texts()
    assert len(texts) > 23_000
    stock, reference = sentiment.stock_analyzer().scorer, nltk_stock()
    assert [t for t in texts if stock.polarity_scores(t) != reference.polarity_scores(t)] == []
    analyzer = sentiment.rapport_analyzer()
    different = [
        t for t in texts if analyzer.scorer.polarity_scores(t) != analyzer.polarity_scores(t)
    ]
    assert different == []
