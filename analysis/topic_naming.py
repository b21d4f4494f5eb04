"""Naming discovered topics, one after another from the largest: their labels and terms.

:mod:`analysis.topics` finds the topics; this module names each one from its comments:
its most distinctive terms that people use as things (:mod:`analysis.topic_labels`),
never a swear word, never a word that fits any topic unless the topic has no other,
a word that already names a larger topic after the topic's other terms, and a term its
comments mostly deny with its negation ("no real issues", :mod:`analysis.topic_negation`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from analysis.topic_labels import (
    SWEARING_LABEL,
    THING_WEIGHT,
    fresh_first,
    nameless_label,
    pick_terms,
    surface_forms,
    swearing_columns,
    swearing_outweighs,
    thing_shares,
)
from analysis.topic_negation import negated_prefixes
from analysis.topic_terms import topic_terms, unnamed_stems, unnamed_words, unshown_stems

#: A label is made of this many terms.
LABEL_TERMS = 3
#: A topic keeps this many terms (:attr:`analysis.topics.Topic.terms`).
TOP_TERMS = 8
#: A department's name keeps its place in a topic's label only when more than this share
#: of the comments that use it are in the topic: then the topic is about that department.
DEPARTMENT_SHARE = 0.5


class TopicNamer:
    """Names the topics of one run, largest first (a word that names a larger topic goes
    after a smaller topic's other terms, :func:`analysis.topic_labels.fresh_first`).

    Parameters
    ----------
    names : sequence of str
        The term (stem or stem pair) of each column.
    index : mapping of str to int
        The column of each term.
    total : ndarray
        The comments of all topics that use each term.
    departments : sequence of str
        The workspace's department names (none outside a workspace): a term that is one
        goes after the topic's other terms unless it is distinctive of the topic
        (:func:`departments_last`).
    """

    def __init__(
        self,
        names: Sequence[str],
        index: Mapping[str, int],
        total: np.ndarray,
        departments: Sequence[str] = (),
    ) -> None:
        self.names, self.index, self.total = names, index, total
        self.named: set[str] = set()  # the terms of the larger topics' labels
        self.swearing = swearing_columns(names)
        wanted = department_terms(departments)
        self.departments = {index[t] for t in wanted if t in index}
        self.split_names = split_names(departments)

    def name(self, scores: np.ndarray, doc_freq: np.ndarray, sample: list[str], counts):
        """The label, terms as written, and chosen term columns of the next topic.

        Parameters
        ----------
        scores : ndarray
            How well each term names this topic.
        doc_freq : ndarray
            This topic's comments that use each term.
        sample : list of str
            A sample of this topic's comments (how people wrote its terms).
        counts : sparse matrix
            This topic's comments' term counts.

        Returns
        -------
        tuple of (str, list of str, list of int)
        """
        names = self.names
        ranked = ranked_terms(names, scores, sample)
        ranked = fresh_first(ranked, names, self.named, doc_freq, self.index)
        ranked = departments_last(ranked, self.departments, doc_freq, self.total)
        chosen = pick_terms(ranked, names, doc_freq, TOP_TERMS, self.index)
        chosen, as_name = whole_names(chosen, names, self.split_names, sample)
        words = shown_terms(sample, [names[t] for t in chosen], as_name)
        self.named.update(names[t] for t in chosen[:LABEL_TERMS])
        return self._label(words, counts, chosen, scores), words, chosen

    def _label(self, words, counts, chosen, scores) -> str:
        """Its best terms as written, :data:`SWEARING_LABEL` when more of its comments
        swear than use one of them (:func:`swearing_outweighs`), or a fallback."""
        if not words:
            return nameless_label(self.names, scores, LABEL_TERMS)
        if swearing_outweighs(counts, self.swearing, chosen[:LABEL_TERMS]):
            return SWEARING_LABEL
        return ", ".join(words[:LABEL_TERMS])


def department_terms(departments: Sequence[str]) -> set[str]:
    """The terms that are department names: a name of one word is its stem ("IT",
    "sale"), a longer one each pair of neighbouring words ("custom success"), and one
    whose words a stop word keeps apart each of its words ("Research and Development":
    "research" and "develop"; a comment's pair never spans a stop word); a name with "&"
    is read both as written and with "and", one with "and" also as written with "&"."""
    found: set[str] = set()
    for name in departments:
        for reading in _readings(name):  # "R & D" is also written "R and D", and back
            terms = topic_terms(reading)
            pairs = [term for term in terms if " " in term]
            found.update(pairs or terms)
    return found


def _readings(name: str) -> set[str]:
    """``name`` as written, with "&" read as "and", and with "and" written "&"."""
    return {name, _with_and(name), re.sub(r"\band\b", "&", _with_and(name), flags=re.I)}


def _with_and(text: str) -> str:
    """``text`` with each "&" between words read as "and", spaces collapsed: "Research and
    Development" for "Research & Development", as comments also write it; one inside a
    word stays ("R&D", "Q&A")."""
    return " ".join(re.sub(r"(?<=\s)&(?=\s)", "and", text).split())


def split_names(departments: Sequence[str]) -> dict[str, list[str]]:
    """The department names whose words a stop word keeps apart, with their terms:
    "Research and Development" -> "research", "develop" (no comment's pair spans "and");
    "Research & Development" too, as comments also write it with "and"; with the pair
    "research develop" of comments that write "&"."""
    found: dict[str, list[str]] = {}
    for name in departments:
        terms = topic_terms(_with_and(name))
        if len(terms) > 1 and not any(" " in term for term in terms):
            # the pairs of comments that write "&" ("research develop")
            pairs = {term for text in _readings(name) for term in topic_terms(text) if " " in term}
            found[" ".join(name.split())] = terms + sorted(pairs)
    return found


def whole_names(
    chosen: list[int], names: Sequence[str], split: Mapping[str, list[str]], sample: list[str]
) -> tuple[list[int], dict[str, str]]:
    """``chosen`` with each word of a department name whose words a stop word keeps apart
    ("research" of "Research and Development") shown as the whole name when most of the
    topic's sampled comments that use it write the whole name; its other words, and the
    pairs that hold one ("development sends", a piece of the name), are then left out.
    Returns the terms and ``{term: name to show}``."""
    shown: dict[str, str] = {}
    drop: set[str] = set()
    for name, terms in split.items():
        first = next((names[t] for t in chosen if names[t] in terms), None)
        if first is None or not _mostly_whole(sample, first, name):
            continue
        shown[first] = name
        words = set(terms)
        drop.update(names[t] for t in chosen if names[t] != first and words & set(names[t].split()))
    return [t for t in chosen if names[t] not in drop], shown


def _mostly_whole(sample: list[str], term: str, name: str) -> bool:
    """Whether most sampled comments that use ``term`` write ``name`` in full ("&" and
    "and" alike)."""
    using = [text for text in sample if term in topic_terms(text)]
    whole = _with_and(name).casefold()
    inside = sum(whole in _with_and(text).casefold() for text in using)
    return 2 * inside > len(using)


def departments_last(
    ranked: Sequence[int], departments: set[int], doc_freq: np.ndarray, total: np.ndarray
) -> list[int]:
    """``ranked`` with the department names that are not distinctive of the topic last.

    A department's name says which pair a comment is about more than what it says; it
    names a topic only when more than :data:`DEPARTMENT_SHARE` of the comments that use it
    are in the topic (the topic is about that department: "sales" for comments about how
    Sales sells). With one topic nothing is distinctive.

    Parameters
    ----------
    ranked : sequence of int
        Term columns, best first.
    departments : set of int
        The columns of department names (:func:`department_terms`).
    doc_freq, total : ndarray
        The comments of this topic, and of all topics, that use each term.

    Returns
    -------
    list of int
        The same terms, the department names that are not distinctive last.
    """
    alone = np.array_equal(doc_freq, total)  # the only topic
    late = {
        t
        for t in ranked
        if t in departments and (alone or doc_freq[t] <= DEPARTMENT_SHARE * total[t])
    }
    return [t for t in ranked if t not in late] + [t for t in ranked if t in late]


def shown_terms(
    sample: list[str], terms: list[str], as_name: Mapping[str, str] | None = None
) -> list[str]:
    """``terms`` as people wrote them (:func:`analysis.topic_labels.surface_forms`), each
    that the topic's comments mostly deny with its negation as written ("no real issues":
    :func:`analysis.topic_negation.negated_prefixes`), without repeats; a term of
    ``as_name`` as that department's name (:func:`whole_names`)."""
    as_name = as_name or {}
    shown = surface_forms(sample, set(terms))
    denied = {t: p for t, p in negated_prefixes(sample, set(terms)).items() if t not in as_name}
    written = (as_name.get(term) or shown.get(term, term) for term in terms)
    return list(
        dict.fromkeys(
            f"{denied[term]} {word}" if term in denied else word
            for term, word in zip(terms, written, strict=True)
        )
    )


def ranked_terms(names: Sequence[str], scores: np.ndarray, sample: list[str]) -> list[int]:
    """A topic's best-scoring terms (of its 60 best), best first, preferring terms used as
    things.

    Never a term with a swear word (:func:`analysis.topic_terms.unshown_stems`), nor a
    single word people wrote as a word that fits any topic
    (:func:`analysis.topic_terms.unnamed_words`: "time", "new", "received") unless the
    topic has no other term (a label is never empty); only the words whose stem is one of
    theirs are looked up as written.
    """
    unshown = unshown_stems()
    best = [
        int(t)
        for t in np.argsort(-scores, kind="stable")[:60]
        if scores[t] > 0 and unshown.isdisjoint(names[t].split())
    ]
    suspects = {names[t] for t in best} & unnamed_stems()
    if suspects:
        written = surface_forms(sample, suspects)
        named = [t for t in best if written.get(names[t], "").lower() not in unnamed_words()]
        best = named or best  # a topic of nothing but such words is named by them
    things = thing_shares(sample, {names[t] for t in best})
    weight = {t: scores[t] * (THING_WEIGHT + things.get(names[t], 0.0)) for t in best}
    return sorted(best, key=lambda t: -weight[t])
