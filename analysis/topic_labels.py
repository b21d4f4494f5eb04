"""The labels of discovered topics: distinctive terms and key phrases, as people wrote them.

A topic's label is made of its most *distinctive* terms: those much more common among its
comments than in the corpus (each term scored ``p(t|topic) * log(p(t|topic) / p(t))`` on
document frequencies; :mod:`analysis.topics` also weighs in how close the term's vector
is to the topic's centre). Terms people use as things ("the *handover*", "our
*liaison*") are preferred over actions and qualities ("committing", "serious"), which
say less about what a topic is about (:func:`thing_shares`). A pair of words that
carries most uses of one of its words replaces that word (a key phrase, "customer
service" rather than "service"), and a word that mostly stands next to a chosen one is
left out, as is a word that only repeats a chosen one in another form ("telephone" after
"phone", "payment" after "pay", "flt" after "flight"; :func:`same_idea`). A word that
already names a larger topic comes after the topic's other terms (:func:`fresh_first`).
Terms are shown as the words people wrote, not as stems.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import compress

import numpy as np

from analysis.capitals import as_written
from analysis.text import BOUNDARY
from analysis.topic_terms import clean, is_topic_word, topic_tokens, unshown_stems

#: The label of a topic whose terms are swear words (never shown, ``[unshown]``), or one
#: where more comments swear than use any of its label's terms ("Crap." four times and
#: "Crap, the meeting." once is not a topic about meetings).
SWEARING_LABEL = "strong language"
#: The label of a topic left with no term that tells it apart (a last resort).
UNNAMED_LABEL = "other comments"
#: A pair of words becomes a key phrase when it carries this share of one word's uses.
PHRASE_SHARE = 0.5
#: Words after which a term names a thing ("*the* handover", "*our* liaison", "*about*
#: tools"), as opposed to an action or a quality ("committing", "serious").
_LEADING = """the a an this that these those our their my your his her its every each any
some no another of for with about in on at from by into over after before without than
more less"""
LEADING_WORDS = frozenset(_LEADING.split())
#: A term's label score is multiplied by this plus the share of its uses after a leading
#: word: a term people always use as a thing ranks three times as high as one never so used.
THING_WEIGHT = 0.5
#: Two stems are one idea when the shorter, at least this long, is the longer without an
#: ending of :data:`ENDINGS` or a leading part of :data:`SAME_THING`.
SAME_IDEA_MIN = 3
#: Endings that make another form of one word, as stemming leaves them: "pay" and
#: "payment", "cover" and "coverage", "deliver" and "delivery", "noise" and "noisy". Only
#: these: "car" and "career", "plan" and "planet", "lab" and "label" are different words.
_ENDINGS = """s es ed er ers or ing ment ments age ag al ance anc ence enc ant ent ion ation
ive iv ist ism ity iti y i ie ies li ly ful less ness abl able ibl ible ure ur ic ous ee eri
ery ri ry en"""
ENDINGS = frozenset(_ENDINGS.split()) | {""}
#: The endings a three-letter word may take and stay one idea ("pay" and "payment", "bag"
#: and "baggage"); longer ones make other words of it ("log" and "logistics", "tax" and
#: "taxi", "rep" and "reply", "car" and "carer").
SHORT_ENDINGS = frozenset({"", "s", "es", "ed", "ing", "ment", "ments", "age", "ag"})
#: Leading parts that name the same thing again ("phone" and "telephone", "site" and
#: "website"); any other word before a word makes another one ("ward" and "reward", "sale"
#: and "wholesale", "form" and "platform", "line" and "deadline", "back" and "feedback").
SAME_THING = ("tele", "web", "cell", "smart")
#: An abbreviation written without vowels has at least this many letters: two-letter ones
#: are ambiguous ("hr" is HR as often as hours, "dr" is in "daughter").
ABBREVIATION_MIN = 3
_VOWELS = frozenset("aeiouy")


def same_idea(a: str, b: str) -> bool:
    """Whether two different word stems are one word in another form.

    True when the longer is the shorter with an ending of :data:`ENDINGS` (a final "e"
    aside, a doubled last letter allowed): "pay" and "payment", "bag" and "baggage",
    "staff" and "staffing", "therapy" and "therapist"; when a leading part of
    :data:`SAME_THING` is all the longer adds: "phone" and "telephone"; or when the shorter
    is an abbreviation of the longer, written without vowels, with at least
    :data:`ABBREVIATION_MIN` letters in order: "flt" and "flight", "mkt" and "market".

    Parameters
    ----------
    a, b : str
        Stems of single words, as :func:`analysis.text.stem` gives them.

    Returns
    -------
    bool
        ``False`` for the same stem (one term) and for different words, even when one
        holds the other ("car" and "career", "ward" and "reward", "hr" and "hour").
    """
    short, long_ = sorted((a.removesuffix("e"), b.removesuffix("e")), key=len)
    if short == long_ or len(short) < SAME_IDEA_MIN:
        return False
    if _derives(short, long_) or (long_.endswith(short) and long_[: -len(short)] in SAME_THING):
        return True
    return _abbreviates(short, long_)


def _derives(short: str, long_: str) -> bool:
    """Whether ``long_`` is ``short`` with an ending of :data:`ENDINGS` (of
    :data:`SHORT_ENDINGS` after three letters): "therapi" and "therapist" share "therap";
    "bag" doubles its "g" in "baggag"."""
    for root in dict.fromkeys((short, short.rstrip("iy"))):
        if len(root) < SAME_IDEA_MIN or not long_.startswith(root):
            continue
        rest = long_[len(root) :]
        endings = ENDINGS if len(root) > SAME_IDEA_MIN else SHORT_ENDINGS
        if rest.removeprefix(root[-1]) in endings or rest in endings:
            return True
    return False


def _abbreviates(short: str, long_: str) -> bool:
    """Whether ``short`` (three or four letters, no vowel) is ``long_`` with letters left out."""
    if not ABBREVIATION_MIN <= len(short) <= 4 or _VOWELS.intersection(short):
        return False
    if short[0] != long_[0]:
        return False
    rest = iter(long_)
    return all(letter in rest for letter in short)


def distinctive_scores(doc_freq: np.ndarray, sizes: np.ndarray, total: np.ndarray) -> np.ndarray:
    """How distinctive each term is of each topic.

    Parameters
    ----------
    doc_freq : ndarray, shape (k, n_terms)
        Comments of each topic that contain each term.
    sizes : ndarray, shape (k,)
        Comments per topic.
    total : ndarray, shape (n_terms,)
        Comments of the whole corpus that contain each term.

    Returns
    -------
    ndarray, shape (k, n_terms)
        ``p(t|topic) * log(p(t|topic) / p(t))``; with one topic, ``p(t|topic)``.
    """
    n_docs = max(1.0, float(sizes.sum()))
    p_in = doc_freq / np.maximum(sizes, 1)[:, None]
    if len(sizes) == 1:
        return p_in
    p_all = np.maximum(total / n_docs, 1e-12)
    with np.errstate(divide="ignore", invalid="ignore"):
        lift = np.where(p_in > 0, np.log(np.maximum(p_in, 1e-12) / p_all), 0.0)
    return p_in * lift


def pick_terms(
    ranked: Sequence[int],
    names: Sequence[str],
    freq: np.ndarray,
    limit: int,
    index: Mapping[str, int] | None = None,
) -> list[int]:
    """Up to ``limit`` terms from ``ranked`` (best first), preferring key phrases.

    A word already inside a chosen pair is skipped; a pair replaces a chosen word of its
    own when it holds at least :data:`PHRASE_SHARE` of that word's uses in the topic
    (and any chosen word it holds in another form: "minimum payment" replaces "minimum"
    and "pay"); otherwise a pair that repeats a chosen word is skipped. A term with a word
    that is a chosen word in another form (:func:`same_idea`) is skipped: "phone,
    telephone" says one thing twice. With ``index``, a word that mostly
    (:data:`PHRASE_SHARE`) stands next to a chosen word, or to a word skipped so, is
    skipped too: "clients benefit, directly" only echoes "clients benefit directly", and
    "pay, minimum" only echoes "minimum payment".

    Parameters
    ----------
    ranked : sequence of int
        Term indices, most distinctive first (only terms the topic uses).
    names : sequence of str
        Term (stem or stem pair) of each index.
    freq : ndarray
        The topic's document frequency of each term.
    limit : int
        How many terms to return.
    index : mapping of str to int, optional
        The index of each term name (to find the pairs a word stands in).

    Returns
    -------
    list of int
        Term indices in label order.
    """
    chosen: list[int] = []
    repeated: set[str] = set()  # words of terms skipped as a chosen word in another form
    for term in ranked:
        words = names[term].split()
        holder = {w: c for c in chosen for w in names[c].split()}
        overlap = list(dict.fromkeys(holder[w] for w in words if w in holder))
        variants = {holder[h] for w in words for h in holder if same_idea(w, h)}
        if overlap and _is_key_phrase(term, overlap, names, freq):
            chosen[chosen.index(overlap[0])] = term
            gone = set(overlap[1:]) | variants  # "minimum payment" also stands for "pay"
            chosen = [c for c in chosen if c not in gone]
        elif variants:
            repeated.update(words)
        elif not overlap and not _echoes(
            names[term], holder.keys() | repeated, freq[term], freq, index
        ):
            chosen.append(term)
        if len(chosen) >= limit:
            break
    return chosen


def fresh_first(
    ranked: Sequence[int],
    names: Sequence[str],
    named: set[str],
    freq: np.ndarray,
    index: Mapping[str, int],
) -> list[int]:
    """``ranked`` with the terms that would repeat a larger topic's label moved last.

    ``named`` holds the larger topics' label terms (stems and stem pairs). A single word
    repeats one when it is one of them or inside a pair of them; a pair, when it is one of
    them or reads on from a pair of them ("benefit directly" after "clients benefit"), and
    then so does a word that mostly (:data:`PHRASE_SHARE`) stands in that pair
    ("directly"). A pair that only shares a word with a named one says something of its
    own ("credit score" after "credit limit", "call back" after "call").

    Parameters
    ----------
    ranked : sequence of int
        Term indices, best first.
    names : sequence of str
        Term (stem or stem pair) of each index.
    named : set of str
        The terms of the labels of the topics named before this one (the larger ones).
    freq : ndarray
        This topic's document frequency of each term.
    index : mapping of str to int
        The index of each term name.

    Returns
    -------
    list of int
        The same terms, those that repeat a larger topic's label last (each group in
        its order).
    """
    pairs = [term.split() for term in named if " " in term]
    in_pairs = {w for pair in pairs for w in pair}
    firsts, lasts = {pair[0] for pair in pairs}, {pair[-1] for pair in pairs}
    stale = {t for t in ranked if names[t] in named}
    stale.update(t for t in ranked if _continues(names[t], in_pairs, firsts, lasts))
    for pair in [t for t in stale if " " in names[t]]:
        for word in names[pair].split():
            j = index.get(word)
            if j is not None and freq[pair] >= PHRASE_SHARE * freq[j]:
                stale.add(j)
    return [t for t in ranked if t not in stale] + [t for t in ranked if t in stale]


def _continues(term: str, in_pairs: set[str], firsts: set[str], lasts: set[str]) -> bool:
    """Whether ``term`` is a word of a named pair, or a pair that reads on from one (its
    first word ends a named pair, or its last word begins one)."""
    words = term.split()
    if len(words) == 1:
        return words[0] in in_pairs
    return words[0] in lasts or words[-1] in firsts


def _echoes(word: str, chosen_words, uses: float, freq: np.ndarray, index) -> bool:
    """Whether the single ``word`` mostly stands in a pair with one of ``chosen_words``."""
    if index is None or " " in word:
        return False
    for other in chosen_words:
        for pair in (f"{other} {word}", f"{word} {other}"):
            j = index.get(pair)
            if j is not None and freq[j] >= PHRASE_SHARE * uses:
                return True
    return False


def _is_key_phrase(term: int, words: list[int], names: Sequence[str], freq: np.ndarray) -> bool:
    """Whether the pair ``term`` should replace the chosen single ``words`` it contains."""
    return (
        " " in names[term]
        and all(" " not in names[w] for w in words)
        and freq[term] >= PHRASE_SHARE * max(freq[w] for w in words)
    )


def thing_shares(texts: Sequence[str | None], wanted: set[str]) -> dict[str, float]:
    """How often each term of ``wanted`` follows a word of :data:`LEADING_WORDS` in ``texts``.

    A cheap stand-in for "is used as a noun" that needs no tagger: "*the* sales team",
    "*about* tools", "*our* liaison" count; "committing", "nothing serious" do not.

    Parameters
    ----------
    texts : sequence of str or None
        Comments to read (a sample of a topic's comments is enough).
    wanted : set of str
        Terms as :func:`analysis.topic_terms.topic_terms` gives them.

    Returns
    -------
    dict of str to float
        Each term found -> the share of its uses right after a leading word (for a pair,
        the word before its first word).
    """
    lasts, has_pairs = _last_words(wanted)
    after: dict[str, int] = {}
    total: dict[str, int] = {}
    for text in texts:
        tokens, stems = topic_tokens(text)
        if lasts.isdisjoint(stems):
            continue
        for i in term_ends(tokens, stems, lasts):
            stem_ = stems[i]
            if stem_ in wanted:
                total[stem_] = total.get(stem_, 0) + 1
                after[stem_] = after.get(stem_, 0) + (i > 0 and tokens[i - 1] in LEADING_WORDS)
            if has_pairs and _follows_topic_word(tokens, i):
                pair = f"{stems[i - 1]} {stem_}"
                if pair in wanted:  # led when the pair's first word is
                    total[pair] = total.get(pair, 0) + 1
                    after[pair] = after.get(pair, 0) + (i > 1 and tokens[i - 2] in LEADING_WORDS)
    return {term: after[term] / count for term, count in total.items()}


def surface_forms(texts: Sequence[str | None], wanted: set[str]) -> dict[str, str]:
    """How people wrote each stem or stem pair of ``wanted`` in ``texts``.

    Parameters
    ----------
    texts : sequence of str or None
        Comments to read (a sample of a topic's comments is enough).
    wanted : set of str
        Terms as :func:`topic_terms` gives them.

    Returns
    -------
    dict of str to str
        Each term found -> its most frequent written form (ties: alphabetical), with a
        short word in capitals when most of its uses are ("CRM access", "VP";
        :func:`analysis.capitals.as_written`).
    """
    lasts, has_pairs = _last_words(wanted)
    seen: dict[str, Counter[str]] = {}
    for text in texts:
        tokens, stems = topic_tokens(text)
        if lasts.isdisjoint(stems):
            continue
        for i in term_ends(tokens, stems, lasts):
            token, stem_ = tokens[i], stems[i]
            if stem_ in wanted:
                _count(seen, stem_, token)
            if has_pairs and _follows_topic_word(tokens, i):
                pair = f"{stems[i - 1]} {stem_}"
                if pair in wanted:
                    _count(seen, pair, f"{tokens[i - 1]} {token}")
    forms = {term: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for term, c in seen.items()}
    return as_written(forms, map(clean, texts))


def _count(seen: dict[str, Counter[str]], term: str, written: str) -> None:
    """One more use of ``term`` written as ``written`` (a new counter only for a new term:
    ``setdefault`` made one for every use)."""
    found = seen.get(term)
    if found is None:
        found = seen[term] = Counter()
    found[written] += 1


def _last_words(wanted: set[str]) -> tuple[set[str], bool]:
    """The words a term of ``wanted`` ends with (a stem, or a pair's second stem), and
    whether ``wanted`` holds a pair."""
    pairs = [term for term in wanted if " " in term]
    return {term.rsplit(" ", 1)[-1] for term in wanted}, bool(pairs)


def term_ends(tokens: Sequence[str], stems: Sequence[str], lasts: set[str]) -> list[int]:
    """Positions where a term of interest may end: a topic word whose stem is in ``lasts``.

    :func:`thing_shares` and :func:`surface_forms` read only these; every other position
    adds nothing to either (a term counts at its last word, which must be a topic word).
    """
    ends = compress(range(len(stems)), map(lasts.__contains__, stems))  # the scan in C
    return [i for i in ends if tokens[i] != BOUNDARY and is_topic_word(tokens[i])]


def _follows_topic_word(tokens: Sequence[str], i: int) -> bool:
    """Whether token ``i`` directly follows a topic word (so the two make a pair term)."""
    return i > 0 and tokens[i - 1] != BOUNDARY and is_topic_word(tokens[i - 1])


def swearing_columns(names: Sequence[str]) -> np.ndarray:
    """The terms (columns) of ``names`` holding a swear word (:func:`unshown_stems`)."""
    unshown = unshown_stems()
    return np.array([t for t, name in enumerate(names) if not unshown.isdisjoint(name.split())])


def swearing_outweighs(counts, swearing: np.ndarray, label_terms: Sequence[int]) -> bool:
    """Whether more of a topic's comments use a swear word than any of its label's terms.

    Parameters
    ----------
    counts : sparse matrix, shape (members, terms)
        The topic's comments' term counts.
    swearing : ndarray of int
        The swear words' columns (:func:`swearing_columns`).
    label_terms : Sequence of int
        The columns of the terms its label would be made of.

    Returns
    -------
    bool
        ``True`` when the label would name what a few of the comments mention beside the
        swearing most of them are made of: the topic is called :data:`SWEARING_LABEL`.
    """
    if not len(swearing) or not len(label_terms):
        return False
    swear = (counts[:, swearing] > 0).getnnz(axis=1) > 0
    named = (counts[:, list(label_terms)] > 0).getnnz(axis=1) > 0
    return int(swear.sum()) > int(named.sum())


def nameless_label(names: Sequence[str], scores: np.ndarray, shown: int) -> str:
    """The label of a topic none of whose terms may be shown: :data:`SWEARING_LABEL` when
    one of its ``shown`` best terms is swearing (never written on a screen or a slide),
    else :data:`UNNAMED_LABEL`."""
    unshown = unshown_stems()
    best = [names[t] for t in np.argsort(-scores, kind="stable")[:shown] if scores[t] > 0]
    swearing = any(not unshown.isdisjoint(term.split()) for term in best)
    return SWEARING_LABEL if swearing else UNNAMED_LABEL
