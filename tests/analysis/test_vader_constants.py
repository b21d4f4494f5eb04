"""The fast scorers are built without NLTK, from a copy of its constants that must stay true."""

from __future__ import annotations

import subprocess
import sys

from analysis import sentiment
from analysis.sentiment.lexicon import vader_lexicon_text, vader_tables
from analysis.sentiment.vader_tables import VaderTables, parse_vader_lexicon


def test_the_shipped_constants_are_nltks():
    from nltk.sentiment.vader import VaderConstants

    assert vader_tables() == VaderTables.from_constants(VaderConstants)


def test_the_lexicon_is_read_as_nltk_reads_it():
    assert parse_vader_lexicon(vader_lexicon_text()) == sentiment.stock_analyzer().lexicon
    assert sentiment.rapport_scorer().lexicon == sentiment.rapport_analyzer().lexicon
    assert len(sentiment.stock_scorer().lexicon) > 7000


def test_the_scorers_score_as_the_analysers_do():
    texts = [
        "IT is not helpful at all, tickets wait for weeks!!",
        "Marketing was GREAT this month :) thanks",
        "The CRM field has been 'in progress' for six weeks.",
        "kind of ok but the handover was sort of a mess",
        "",
    ]
    for scorer, analyzer in (
        (sentiment.rapport_scorer(), sentiment.rapport_analyzer()),
        (sentiment.stock_scorer(), sentiment.stock_analyzer()),
    ):
        assert [scorer.polarity_scores(t) for t in texts] == [
            analyzer.polarity_scores(t) for t in texts
        ]
    assert sentiment.score_texts(texts[:1])[0] < -0.3


def test_scoring_imports_no_nltk():
    code = (
        "import sys; from analysis import sentiment; "
        "s = sentiment.score_texts(['Sales never tells us anything', 'Great support']); "
        "assert s[0] < 0 < s[1], s; "
        "assert 'nltk' not in sys.modules, sorted(m for m in sys.modules if 'nltk' in m)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
