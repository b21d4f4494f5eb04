"""NLTK's own VADER, as the reference Rapport's scores are compared with."""

from __future__ import annotations

from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

from analysis.sentiment.lexicon import vader_lexicon_text


def nltk_stock() -> SentimentIntensityAnalyzer:
    """Stock NLTK VADER with the lexicon shipped in ``vaderSentiment`` (no NLTK data)."""
    analyzer = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
    analyzer.lexicon_file = vader_lexicon_text()
    analyzer.lexicon = analyzer.make_lex_dict()
    analyzer.constants = VaderConstants()
    return analyzer
