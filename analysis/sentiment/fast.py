"""VADER's scores computed faster, with exactly the same floating-point results.

NLTK's ``SentimentIntensityAnalyzer.polarity_scores`` lower-cases every word several times
per token, runs a timed regular expression to strip punctuation and calls the full valence
routine for words that are not in the lexicon. :meth:`FastScorer.compound` (the lexicon's
score) and :meth:`FastScorer.polarity_scores` (``neg``/``neu``/``pos``/``compound``, what
the learned model's lexicon features, :mod:`analysis.sentiment.features`, are made of)
reproduce what it returns, operation for operation where floats are involved:

- :meth:`FastScorer.tokenise` gives NLTK's ``SentiText.words_and_emoticons`` (leading or
  trailing punctuation from NLTK's list stripped when what remains is a word of the text,
  that is longer than one character and without ASCII punctuation);
- :meth:`FastScorer.valences` gives the per-token valences of ``polarity_scores`` before
  the "but" check (including NLTK's quirk of judging a repeated token by its first
  position); only tokens found in the lexicon get the full valence routine;
- :meth:`FastScorer.apply_rules` applies Rapport's phrase rules, trying only the rules
  whose trigger words and literal text (:mod:`analysis.sentiment.rule_needs`) occur in the
  text;
- :func:`~analysis.sentiment.fast_totals.but_check`, then
  :func:`~analysis.sentiment.fast_totals.compound` or
  :func:`~analysis.sentiment.fast_totals.polarity` finish as NLTK does.

The module does not import NLTK: :class:`~analysis.sentiment.vader_tables.VaderTables`
carries VADER's constants (shipped as ``analysis/data/vader_constants.json``, a copy of
NLTK's) and :func:`~analysis.sentiment.vader_tables.parse_vader_lexicon` reads VADER's
lexicon file as NLTK does, so the analysis and its process-pool workers compute the
learned model's lexicon features without NLTK's import time (over a second).

``tests/analysis/test_sentiment_fast.py`` and ``bench/sentiment_bench.py`` check the
results against NLTK itself. Plain Python, no Qt; safe on any thread.
"""

from __future__ import annotations

import bisect
import re
import string
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from analysis.sentiment.fast_totals import but_check, compound, polarity
from analysis.sentiment.labels import APOSTROPHES
from analysis.sentiment.rule_needs import compile_needs
from analysis.sentiment.rule_words import WORD_RUN, compile_words

if TYPE_CHECKING:
    from analysis.sentiment.lexicon import Rule
    from analysis.sentiment.vader_tables import VaderTables

_PUNCTUATION = string.punctuation
_PUNCTUATION_SET = frozenset(_PUNCTUATION)
_SO_THIS = ("so", "this")


#: Characters typed as apostrophes (Word, Outlook, Teams, phones; ``labels.APOSTROPHES``) to
#: ``'``; the backtick only between letters (:data:`_BACKTICK`).
_APOSTROPHES = str.maketrans(dict.fromkeys(APOSTROPHES.replace("`", ""), "'"))
#: A backtick inside a word ("don`t"); one that opens a quotation ("in `Warm Water'", as
#: old texts quote) stays, as VADER reads it.
_BACKTICK = re.compile(r"(?<=[^\W\d_])`(?=[^\W\d_])")


def fold_apostrophes(text: str) -> str:
    """Return ``text`` with every typographic apostrophe as ``'``.

    VADER's negation and Rapport's rules know "isn't", not "isn’t": without this, "The
    service isn’t good." scored +0.48. Every scorer folds here first (the fast path, the
    reference scorer, the model's lexicon features and word blocks), so a comment typed in
    Word or on a phone scores as the same words typed with ``'``; so does one typed
    with a keyboard's accent or, inside a word, backtick ("don´t", "don`t";
    ``labels.APOSTROPHES``). One character for one: places in the text stay the same.
    """
    if "`" in text:
        text = _BACKTICK.sub("'", text)
    return text if text.isascii() else text.translate(_APOSTROPHES)


class FastScorer:
    """VADER's compound score with an extended lexicon and Rapport's phrase rules, fast.

    Parameters
    ----------
    lexicon : mapping of str to float
        Lower-case token to valence (VADER's lexicon plus additions).
    tables : VaderTables
        VADER's constants.
    rules : sequence of Rule
        Phrase rules applied over the tokens after VADER's valences (in order).

    Notes
    -----
    Picklable (a process-pool worker receives one); holds no NLTK object.
    """

    def __init__(
        self, lexicon: Mapping[str, float], tables: VaderTables, rules: Sequence[Rule] = ()
    ):
        self.lexicon = dict(lexicon)
        self.t = tables
        self.rules = tuple(rules)
        self._index_rules()

    def _index_rules(self) -> None:
        # each trigger word's rules as the bits of one int: OR-ed, then read lowest first
        masks: dict[str, int] = {}
        always = 0
        for k, rule in enumerate(self.rules):
            if not rule.triggers:
                always |= 1 << k
            for trigger in rule.triggers:
                masks[trigger] = masks.get(trigger, 0) | (1 << k)
        self._always = always
        self._masks = masks
        self._triggers = frozenset(masks)
        # each rule with its whole-word and literal needs as functions (None: always tried)
        self._gates = tuple(
            (
                rule,
                None if rule.words is None else compile_words(rule.words),
                None if rule.needs is None else compile_needs(rule.needs),
            )
            for rule in self.rules
        )

    def __getstate__(self) -> dict[str, Any]:
        # the compiled checks are functions made here, which pickle cannot carry
        return {"lexicon": self.lexicon, "t": self.t, "rules": self.rules}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._index_rules()

    def compound(self, text: str) -> float:
        """Return VADER's compound score (-1..1, four decimals) of ``text`` with the rules."""
        return compound(self.sentiments(text), text)

    def polarity_scores(self, text: str) -> dict[str, float]:
        """Return NLTK's ``polarity_scores`` dictionary of ``text`` with the rules.

        Parameters
        ----------
        text : str
            The text to score.

        Returns
        -------
        dict of str to float
            ``neg``, ``neu``, ``pos`` (three decimals) and ``compound`` (four decimals),
            the same floats NLTK's ``polarity_scores`` returns for the same lexicon and rules.
        """
        neg, neu, pos, comp = polarity(self.sentiments(text), text)
        return {"neg": neg, "neu": neu, "pos": pos, "compound": comp}

    def sentiments(self, text: str) -> list[float]:
        """Return the token valences of ``text`` after the rules and the "but" check.

        Parameters
        ----------
        text : str
            The text to score.

        Returns
        -------
        list of float
            What NLTK's ``polarity_scores`` passes to ``score_valence`` (with the rules
            applied); :func:`~analysis.sentiment.fast_totals.compound` and
            :func:`~analysis.sentiment.fast_totals.polarity` turn it into scores.
        """
        words = self.tokenise(text)
        lowered = [word.lower() for word in words]
        sentiments = self.valences(words, lowered)
        if self.rules:
            self.apply_rules(lowered, sentiments)
        but_check(lowered, sentiments)
        return sentiments

    def tokenise(self, text: str) -> list[str]:
        """Return VADER's tokens of ``text`` (NLTK's ``SentiText.words_and_emoticons``).

        Whitespace-separated tokens longer than one character; a token that is a word of
        the text plus one item of VADER's punctuation list before or after it becomes the
        word (the "after" form wins, as in NLTK). Typographic apostrophes are read as ``'``
        first (:func:`fold_apostrophes`), for the valences and the rules alike.
        """
        # NLTK keeps a token whole when it is a "word only" of the text: a piece of the text
        # with ASCII punctuation deleted, longer than one character. A token without
        # punctuation is one, so only the others are looked at.
        tokens = []
        for token in fold_apostrophes(text).split():
            if len(token) <= 1:
                continue
            if not _PUNCTUATION_SET.isdisjoint(token):
                token = self._strip_punctuation(token)
            tokens.append(token)
        return tokens

    def _strip_punctuation(self, token: str) -> str:
        # A "word only" has no ASCII punctuation, so the only candidate for word+punc is
        # the token without its trailing punctuation (same for punc+word). That candidate
        # is a word only exactly when it is longer than one character and holds no
        # punctuation: the token's own piece of the text, punctuation deleted, is it.
        punc = self.t.punc
        word = token.rstrip(_PUNCTUATION)
        if word != token and _word_only(word) and token[len(word) :] in punc:
            return word
        word = token.lstrip(_PUNCTUATION)
        if word != token and _word_only(word) and token[: len(token) - len(word)] in punc:
            return word
        return token

    def valences(self, words: list[str], lowered: list[str]) -> list[float]:
        """Return each token's valence as NLTK's ``polarity_scores`` loop computes it.

        Before the "but" check; a repeated token is judged at its first position, as NLTK
        does.
        """
        lexicon = self.lexicon
        out: list[float] = [0] * len(words)
        # Only tokens in the lexicon get a valence; a repeated token is judged at its first
        # position (words.index), which has the same lower-case form.
        found = [k for k, low in enumerate(lowered) if low in lexicon]
        if not found:
            return out
        last = len(words) - 1
        cap_diff = is_cap_differential(words)
        booster = self.t.booster
        for k in found:
            item = words[k]
            i = words.index(item)
            low = lowered[i]
            if low in booster or (low == "kind" and i < last and lowered[i + 1] == "of"):
                continue
            out[k] = self._lexicon_valence(lexicon[low], item, i, words, lowered, cap_diff)
        return out

    def _lexicon_valence(
        self, valence: float, item: str, i: int, words: list[str], lowered: list[str], cap: bool
    ) -> float:
        # NLTK's sentiment_valence for a token found in the lexicon, same float operations.
        if cap and item.isupper():
            if valence > 0:
                valence += self.t.c_incr
            else:
                valence -= self.t.c_incr
        for start_i in range(3):
            before = i - (start_i + 1)
            if i > start_i and lowered[before] not in self.lexicon:
                s = self._scalar_inc_dec(words[before], lowered[before], valence, cap)
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = self._never_check(valence, words, lowered, start_i, i)
                if start_i == 2:
                    valence = self._idioms_check(valence, words, i)
        return self._least_check(valence, lowered, i)

    def _scalar_inc_dec(self, word: str, lower: str, valence: float, cap: bool) -> float:
        scalar = 0.0
        if lower in self.t.booster:
            scalar = self.t.booster[lower]
            if valence < 0:
                scalar *= -1
            if word.isupper() and cap:
                if valence > 0:
                    scalar += self.t.c_incr
                else:
                    scalar -= self.t.c_incr
        return scalar

    def _negated(self, lower_word: str) -> bool:
        return lower_word in self.t.negate or "n't" in lower_word

    def _never_check(
        self, valence: float, words: list[str], lowered: list[str], start_i: int, i: int
    ) -> float:
        # NLTK compares "never", "so" and "this" case-sensitively here.
        n_scalar = self.t.n_scalar
        if start_i == 0:
            if self._negated(lowered[i - 1]):
                valence = valence * n_scalar
        elif start_i == 1:
            if words[i - 2] == "never" and words[i - 1] in _SO_THIS:
                valence = valence * 1.5
            elif self._negated(lowered[i - 2]):
                valence = valence * n_scalar
        elif (words[i - 3] == "never" and words[i - 2] in _SO_THIS) or words[i - 1] in _SO_THIS:
            valence = valence * 1.25
        elif self._negated(lowered[i - 3]):
            valence = valence * n_scalar
        return valence

    def _idioms_check(self, valence: float, words: list[str], i: int) -> float:
        # NLTK's _idioms_check (case-sensitive, as there); only called with i >= 3.
        idioms = self.t.idioms
        twoone = f"{words[i - 2]} {words[i - 1]}"
        threetwo = f"{words[i - 3]} {words[i - 2]}"
        for seq in (
            f"{words[i - 1]} {words[i]}",
            f"{twoone} {words[i]}",
            twoone,
            f"{threetwo} {words[i - 1]}",
            threetwo,
        ):
            if seq in idioms:
                valence = idioms[seq]
                break
        if len(words) - 1 > i:
            zeroone = f"{words[i]} {words[i + 1]}"
            if zeroone in idioms:
                valence = idioms[zeroone]
        if len(words) - 1 > i + 1:
            zeroonetwo = f"{words[i]} {words[i + 1]} {words[i + 2]}"
            if zeroonetwo in idioms:
                valence = idioms[zeroonetwo]
        if threetwo in self.t.booster or twoone in self.t.booster:
            valence = valence + self.t.b_decr
        return valence

    def _least_check(self, valence: float, lowered: list[str], i: int) -> float:
        if i > 0 and lowered[i - 1] == "least" and "least" not in self.lexicon:
            if i > 1:
                if lowered[i - 2] != "at" and lowered[i - 2] != "very":
                    valence = valence * self.t.n_scalar
            else:
                valence = valence * self.t.n_scalar
        return valence

    def candidate_rules(self, joined: str) -> list[Rule]:
        """The rules whose triggers occur in ``joined`` (or that have none) and whose
        whole-word and literal needs it meets (:mod:`analysis.sentiment.rule_words`,
        :mod:`analysis.sentiment.rule_needs`), in file order."""
        return self._candidates(joined.split(" "), joined)

    def _candidates(self, lowered: list[str], joined: str) -> list[Rule]:
        # One look at the tokens tells the trigger words and the runs of word characters
        # (when every token is letters and digits, each is one run); then each rule whose
        # trigger is there is tried against its needs, cheapest first.
        if "".join(lowered).isalnum():
            words = set(lowered)
            present = self._triggers.intersection(words)
        else:
            words = set(WORD_RUN.findall(joined))
            present = _trigger_words(joined, self._triggers)
        mask = self._always
        masks = self._masks
        for token in present:
            mask |= masks[token]
        gates = self._gates
        chosen = []
        while mask:
            lowest = mask & -mask
            mask ^= lowest
            rule, has_words, has_text = gates[lowest.bit_length() - 1]
            if (has_words is None or has_words(words)) and (has_text is None or has_text(joined)):
                chosen.append(rule)
        return chosen

    def apply_rules(self, lowered: list[str], sentiments: list[float]) -> None:
        """Apply the phrase rules in place: a match's tokens lose their valence and its last
        token takes the rule's; after a ``mutes_positive`` (sarcasm) match, or an ``opener``
        match (which changes no valence) together with a negative rule, no token keeps a
        positive valence."""
        joined = " ".join(lowered)
        starts: list[int] | None = None  # each token's start, worked out at the first match
        mute = opened = complaint = False
        for rule in self._candidates(lowered, joined):
            if rule.opener:
                opened = opened or rule.pattern.search(joined) is not None
                continue
            for match in rule.pattern.finditer(joined):
                if starts is None:
                    starts = token_starts(lowered)
                first = bisect.bisect_right(starts, match.start()) - 1
                last = bisect.bisect_left(starts, match.end()) - 1
                for k in range(first, last + 1):
                    sentiments[k] = 0
                sentiments[last] = rule.valence
                mute = mute or rule.mutes_positive
                complaint = complaint or rule.valence < 0
        if mute or (opened and complaint):
            for k, value in enumerate(sentiments):
                if value > 0:
                    sentiments[k] = 0

    def matched_rules(self, text: str) -> list[str]:
        """Return the names of the rules that match ``text``."""
        joined, _ = join_tokens([word.lower() for word in self.tokenise(text)])
        return [rule.name for rule in self.candidate_rules(joined) if rule.pattern.search(joined)]


def _word_only(word: str) -> bool:
    # NLTK's words_and_emoticons test for a token stripped of punctuation at one end
    return len(word) > 1 and _PUNCTUATION_SET.isdisjoint(word)


def join_tokens(lowered: list[str]) -> tuple[str, list[int]]:
    """Join lower-case tokens with single spaces; return the text and each token's start."""
    return " ".join(lowered), token_starts(lowered)


def token_starts(lowered: list[str]) -> list[int]:
    """Where each token starts in the tokens joined with single spaces."""
    starts = []
    position = 0
    for word in lowered:
        starts.append(position)
        position += len(word) + 1
    return starts


_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def _token_set(joined: str) -> set[str]:
    # Words inside the tokens: a rule's regex can match "too" inside "(too" as well.
    tokens = set(_WORD.findall(joined))
    if "n't" in joined:
        tokens.add("*n't")
    return tokens


def _trigger_words(joined: str, triggers: frozenset[str]) -> set[str] | frozenset[str]:
    r"""``_token_set(joined) & triggers``, without the regular expression for plain tokens.

    A token of letters and digits only (``str.isalnum``, the same characters as the
    pattern's ``[^\W_]``) is one word of :data:`_WORD` by itself; only the other tokens
    ("(too", "don't", "e-mail") are searched for the words inside them.
    """
    plain, odd = [], []
    for token in joined.split(" "):
        (plain if token.isalnum() else odd).append(token)
    present = triggers.intersection(plain)
    if odd:
        present = present | triggers.intersection(_token_set(" ".join(odd)))
    return present


def is_cap_differential(words: list[str]) -> bool:
    """Whether some but not all tokens are ALL CAPS (NLTK's ``allcap_differential``)."""
    caps = sum(1 for word in words if word.isupper())
    return 0 < len(words) - caps < len(words)
