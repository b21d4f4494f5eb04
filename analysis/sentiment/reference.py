"""The reference path: NLTK's own VADER code with Rapport's workplace lexicon and rules.

:class:`WorkplaceAnalyzer` is the analyser :func:`analysis.sentiment.scoring.rapport_analyzer`
shares. Its :meth:`~WorkplaceAnalyzer.polarity_scores` runs NLTK's valence code: the
reference the fast path (:mod:`analysis.sentiment.fast`) is proven identical to. It also
reads VADER's lexicon and constants through NLTK to build that fast scorer, which does the
real work in :meth:`~WorkplaceAnalyzer.compound`.

:class:`FastSentiText` replaces NLTK's ``SentiText`` tokenisation, which builds a
dictionary of every (punctuation, word) pair for each text, with a direct lookup that
gives the same tokens. :class:`WorkplaceAnalyzer` is NLTK's ``SentimentIntensityAnalyzer``
with that tokeniser, an extended lexicon and phrase rules; with no additions it gives
exactly the scores of stock NLTK VADER (checked in the tests and in ``bench/``).
:meth:`WorkplaceAnalyzer.compound` gives the same compound score through the faster
functions of :mod:`analysis.sentiment.fast`; ``polarity_scores`` keeps NLTK's own valence
code and is the reference it is tested against.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

from analysis.sentiment import fast
from analysis.sentiment.lexicon import Rule
from analysis.sentiment.vader_tables import VaderTables


class FastSentiText(SentiText):
    """NLTK's ``SentiText`` with a linear-time strip of leading/trailing punctuation."""

    def _words_and_emoticons(self) -> list[str]:
        words_only = {
            w for w in self.REGEX_REMOVE_PUNCTUATION.sub("", self.text).split() if len(w) > 1
        }
        tokens = []
        for token in self.text.split():
            if len(token) <= 1:
                continue
            if token not in words_only:
                token = _strip_one_punctuation(token, words_only, self.PUNC_LIST)
            tokens.append(token)
        return tokens


def _strip_one_punctuation(token: str, words_only: set[str], punc_list: Iterable[str]) -> str:
    # NLTK maps word+punc and punc+word (one entry of PUNC_LIST) back to the word. A word in
    # ``words_only`` has no punctuation, so at most one split can match.
    for punc in punc_list:
        if token.endswith(punc) and token[: -len(punc)] in words_only:
            return token[: -len(punc)]
    for punc in punc_list:
        if token.startswith(punc) and token[len(punc) :] in words_only:
            return token[len(punc) :]
    return token


class WorkplaceAnalyzer(SentimentIntensityAnalyzer):
    """VADER with an extended lexicon and workplace phrase rules.

    Parameters
    ----------
    lexicon_text : str
        VADER's lexicon file.
    extra_lexicon : mapping of str to float
        Tokens added to (or overriding) VADER's lexicon.
    rules : iterable of Rule
        Phrase rules applied over the tokens after VADER's own valences.
    """

    def __init__(
        self,
        lexicon_text: str,
        extra_lexicon: Mapping[str, float] | None = None,
        rules: Iterable[Rule] = (),
    ) -> None:
        self.lexicon_file = lexicon_text
        self.lexicon = self.make_lex_dict()
        self.lexicon.update(extra_lexicon or {})
        self.constants = VaderConstants()
        self.rules = tuple(rules)
        self.scorer = fast.FastScorer(
            self.lexicon, VaderTables.from_constants(self.constants), self.rules
        )

    def compound(self, text: str) -> float:
        """Return the ``compound`` of :meth:`polarity_scores` (the same float), faster.

        Parameters
        ----------
        text : str
            The text to score.

        Returns
        -------
        float
            VADER's compound score (-1..1, four decimals) with the workplace additions.
        """
        return self.scorer.compound(text)

    def polarity_scores(self, text: str) -> dict[str, float]:
        """Return VADER's ``neg``/``neu``/``pos``/``compound`` for ``text`` with the rules."""
        text = fast.fold_apostrophes(text)
        sentitext = FastSentiText(
            text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION
        )
        words = sentitext.words_and_emoticons
        sentiments: list[float] = []
        first_index: dict[str, int] = {}
        for idx, token in enumerate(words):
            first_index.setdefault(token, idx)
        for item in words:
            i = first_index[item]
            lower = item.lower()
            if (
                i < len(words) - 1 and lower == "kind" and words[i + 1].lower() == "of"
            ) or lower in self.constants.BOOSTER_DICT:
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        if self.rules:
            self.scorer.apply_rules([word.lower() for word in words], sentiments)
        sentiments = self._but_check(words, sentiments)
        return self.score_valence(sentiments, text)

    def matched_rules(self, text: str) -> list[str]:
        """Return the names of the rules that match ``text`` (for explanations and tests)."""
        return self.scorer.matched_rules(text)
