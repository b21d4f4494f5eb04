"""Terms a topic's comments mostly deny: "*no* real issues", "*never* late".

A label names what a topic's comments say. When most uses of a term in a topic come
after a negation, the term alone would say the opposite ("real issues" for comments
saying there are none), so the label shows it with the negation its comments most often
write before it (:func:`negated_prefixes`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from analysis.text import BOUNDARY
from analysis.topic_labels import term_ends
from analysis.topic_terms import is_topic_word, topic_tokens

#: Words that deny what follows them (also any word ending in "n't": "don't", "isn't").
NEGATIONS = frozenset({"no", "not", "never", "nothing", "none", "nobody", "without", "nor"})
#: A negation denies a term when it stands at most this many words before the term's
#: first word, with only words that are no terms between (stop words): "*no* real
#: issues", "*not* a big deal", "*don't* have real issues"; not "*no* issues with IT",
#: where "issues" is the word denied.
NEGATION_REACH = 3
#: Words that cannot follow "no" denying a thing: after "No, the handover is late" the
#: tokens read "no the handover" (commas are not kept), and "no" answered a question.
_NOT_AFTER_NO = """the a an this that these those our their my your his her its i we you they
he she it me us them there yes"""
NOT_AFTER_NO = frozenset(_NOT_AFTER_NO.split())
#: Words after which a negation adds instead of denying: "*not only* slow but rude" and
#: "*not just* slow" say it is slow.
ADDING_AFTER = frozenset({"only", "just", "merely"})
#: A term is shown with its negation when more than this share of its uses are denied.
NEGATED_SHARE = 0.5


def is_negation(token: str) -> bool:
    """Whether ``token`` (as :func:`analysis.topic_terms.topic_tokens` gives it) denies."""
    return token in NEGATIONS or token.endswith("n't")


def negated_prefixes(texts: Sequence[str | None], wanted: set[str]) -> dict[str, str]:
    """The terms of ``wanted`` that ``texts`` mostly deny, each with how they deny it.

    Parameters
    ----------
    texts : sequence of str or None
        A topic's comments (a sample is enough).
    wanted : set of str
        Terms (stems and stem pairs) as :func:`analysis.topic_terms.topic_terms` gives them.

    Returns
    -------
    dict of str to str
        Each term more than :data:`NEGATED_SHARE` of whose uses follow a negation within
        :data:`NEGATION_REACH` words (stop words between) -> the most frequent words from
        the negation to the term, as written ("no", "not a", "don't have"; ties:
        alphabetical).
    """
    uses: Counter[str] = Counter()
    denied: dict[str, Counter[str]] = {}
    lasts = {term.rsplit(" ", 1)[-1] for term in wanted}  # where a use can end
    for text in texts:
        tokens, stems = topic_tokens(text)
        if lasts.isdisjoint(stems):  # no use of any term: most of a topic's comments
            continue
        for term, start in _uses(tokens, stems, wanted, lasts):
            uses[term] += 1
            prefix = _negation_before(tokens, start)
            if prefix is not None:
                denied.setdefault(term, Counter())[prefix] += 1
    return {
        term: min(found.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        for term, found in denied.items()
        if found.total() > NEGATED_SHARE * uses[term]
    }


def _uses(tokens: Sequence[str], stems: Sequence[str], wanted: set[str], lasts: set[str]):
    """``(term, position of its first word)`` of each use of a term of ``wanted``; a use
    ends at a stem of ``lasts`` (each term's last word), so only those are read."""
    for i in term_ends(tokens, stems, lasts):
        stem_ = stems[i]
        if stem_ in wanted:
            yield stem_, i
        if i and tokens[i - 1] != BOUNDARY and is_topic_word(tokens[i - 1]):
            pair = f"{stems[i - 1]} {stem_}"
            if pair in wanted:
                yield pair, i - 1


def _negation_before(tokens: Sequence[str], start: int) -> str | None:
    """The words from a negation right before ``start`` (only stop words between) to it."""
    for j in range(start - 1, max(-1, start - 1 - NEGATION_REACH), -1):
        if is_negation(tokens[j]):
            answer = tokens[j] == "no" and tokens[j + 1] in NOT_AFTER_NO
            adding = tokens[j + 1] in ADDING_AFTER
            return None if answer or adding else " ".join(tokens[j:start])
        if tokens[j] == BOUNDARY or is_topic_word(tokens[j]):
            return None
    return None
